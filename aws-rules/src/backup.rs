//! AWS Backup.

/// Days a recovery point must stay in cold storage before deletion.
pub const MIN_COLD_STORAGE_DAYS: i64 = 90;

/// Longest backup vault or plan name.
pub const MAX_VAULT_NAME_LEN: usize = 50;

/// Why AWS Backup would refuse a rule lifecycle that deletes recovery
/// points after `delete_after` days and moves them to cold storage after
/// `cold_storage_after` days (if at all), if it would.
pub fn lifecycle_problem(delete_after: i64, cold_storage_after: Option<i64>) -> Option<String> {
    if delete_after < 1 {
        return Some(format!(
            "retention must be at least 1 day, got {delete_after}"
        ));
    }
    let cold = cold_storage_after?;
    if cold < 1 {
        return Some(format!(
            "cold storage must start after at least 1 day, got {cold}"
        ));
    }
    if delete_after < cold + MIN_COLD_STORAGE_DAYS {
        return Some(format!(
            "retention of {delete_after} days is shorter than cold storage after {cold} days plus the {MIN_COLD_STORAGE_DAYS} days AWS Backup keeps points cold"
        ));
    }
    None
}

/// Why `name` cannot name a backup vault, if it cannot: 2-50 letters,
/// digits, hyphens and underscores.
pub fn vault_name_problem(name: &str) -> Option<String> {
    if name.len() < 2 || name.len() > MAX_VAULT_NAME_LEN {
        return Some(format!(
            "must be 2 to {MAX_VAULT_NAME_LEN} characters, got {}",
            name.len()
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Some("may contain only letters, digits, hyphens and underscores".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycles_aws_backup_accepts() {
        assert_eq!(lifecycle_problem(30, None), None);
        assert_eq!(lifecycle_problem(365, Some(30)), None);
        assert_eq!(lifecycle_problem(120, Some(30)), None);
        // The original's rules: 30/30, 60/30 and 90/7.
        assert!(lifecycle_problem(30, Some(30)).is_some());
        assert!(lifecycle_problem(60, Some(30)).is_some());
        assert!(
            lifecycle_problem(90, Some(7))
                .unwrap()
                .contains("plus the 90 days")
        );
        assert!(lifecycle_problem(0, None).is_some());
        assert!(lifecycle_problem(200, Some(0)).is_some());
    }

    #[test]
    fn vault_names() {
        assert_eq!(vault_name_problem("api-service-prod"), None);
        assert!(vault_name_problem("a").is_some());
        assert!(vault_name_problem(&"a".repeat(51)).is_some());
        assert!(vault_name_problem("api.service").is_some());
    }
}
