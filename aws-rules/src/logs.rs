//! CloudWatch Logs.

/// Retention periods CloudWatch Logs accepts, in days.
pub const LOG_RETENTION_DAYS: &[i64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// True when CloudWatch Logs accepts a retention of `days`.
pub fn retention_is_valid(days: i64) -> bool {
    LOG_RETENTION_DAYS.contains(&days)
}
