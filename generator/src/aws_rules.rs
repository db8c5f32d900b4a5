//! What AWS accepts, as far as the catalog can get it wrong. The name and
//! Fargate rules mirror the provider's (`privatelink_service` names its
//! load balancer and target group after its `name`).

/// Longest `privatelink_service` name: load balancer and target group names allow 32.
pub const MAX_SERVICE_NAME_LEN: usize = 32;

/// Longest IAM role name.
pub const MAX_ROLE_NAME_LEN: usize = 64;

/// Longest `privatelink_consumer` name.
pub const MAX_CONSUMER_NAME_LEN: usize = 64;

/// Retention values CloudWatch Logs accepts, in days.
pub const LOG_RETENTION_DAYS: &[i64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// The environments terraform-base-infra accepts.
pub const ENVIRONMENT_NAMES: &[&str] = &["dev", "staging", "prod"];

/// Why `name` cannot name a load balancer and target group, if it cannot.
pub fn load_balancer_name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > MAX_SERVICE_NAME_LEN {
        return Some(format!(
            "must be 1 to {MAX_SERVICE_NAME_LEN} characters (it names the load balancer and target group), got {}",
            name.len()
        ));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Some("may contain only letters, digits and hyphens".into());
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("must not begin or end with a hyphen".into());
    }
    if name.starts_with("internal-") {
        return Some(
            "must not begin with \"internal-\" (reserved by Elastic Load Balancing)".into(),
        );
    }
    None
}

/// Whether `name` is a lower-case name usable in every generated
/// identifier: `^[a-z][a-z0-9-]*[a-z0-9]$`.
pub fn is_simple_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && !name.ends_with('-')
}

/// Whether `name` is a valid IAM role name (path-less).
pub fn is_role_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_ROLE_NAME_LEN
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

/// Fargate's memory choices (MiB) for `cpu` units, or None for an unknown cpu.
pub fn fargate_memory_for(cpu: i64) -> Option<Vec<i64>> {
    let (min, max, step) = match cpu {
        256 => return Some(vec![512, 1024, 2048]),
        512 => (1024, 4096, 1024),
        1024 => (2048, 8192, 1024),
        2048 => (4096, 16384, 1024),
        4096 => (8192, 30720, 1024),
        8192 => (16384, 61440, 4096),
        16384 => (32768, 122880, 8192),
        _ => return None,
    };
    Some((min..=max).step_by(step as usize).collect())
}

/// Why (cpu, memory) is not a Fargate size, if it is not.
pub fn fargate_size_problem(cpu: i64, memory: i64) -> Option<String> {
    let Some(allowed) = fargate_memory_for(cpu) else {
        return Some(format!(
            "cpu {cpu} is not a Fargate size; use 256, 512, 1024, 2048, 4096, 8192 or 16384"
        ));
    };
    if allowed.contains(&memory) {
        return None;
    }
    let choices = if allowed.len() <= 4 {
        allowed
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!(
            "{} to {} in steps of {}",
            allowed[0],
            allowed[allowed.len() - 1],
            allowed[1] - allowed[0]
        )
    };
    Some(format!(
        "memory {memory} MiB does not fit cpu {cpu} on Fargate; with cpu {cpu} use {choices}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_balancer_names() {
        assert_eq!(load_balancer_name_problem("api-service-dev"), None);
        assert_eq!(load_balancer_name_problem(&"a".repeat(32)), None);
        assert!(load_balancer_name_problem(&"a".repeat(33)).is_some());
        assert!(load_balancer_name_problem("internal-api").is_some());
        assert!(load_balancer_name_problem("api_x").is_some());
    }

    #[test]
    fn fargate_sizes() {
        assert_eq!(fargate_size_problem(256, 512), None);
        assert_eq!(fargate_size_problem(1024, 2048), None);
        assert!(
            fargate_size_problem(256, 4096)
                .unwrap()
                .contains("512, 1024, 2048")
        );
        assert!(
            fargate_size_problem(300, 512)
                .unwrap()
                .contains("not a Fargate size")
        );
    }

    #[test]
    fn simple_names() {
        assert!(is_simple_name("orders-provider"));
        assert!(!is_simple_name("Orders"));
        assert!(!is_simple_name("orders-"));
        assert!(!is_simple_name("1orders"));
    }
}
