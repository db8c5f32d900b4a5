//! Amazon RDS / Aurora PostgreSQL.

/// Longest DB cluster identifier.
pub const MAX_CLUSTER_IDENTIFIER_LEN: usize = 63;

/// Instances per Aurora cluster: a writer and up to 15 readers.
pub const MAX_AURORA_INSTANCES: i64 = 16;

/// Automated backup retention RDS accepts for an Aurora cluster, in days.
pub const BACKUP_RETENTION_DAYS: std::ops::RangeInclusive<i64> = 1..=35;

/// Provisioned DB instance classes Aurora PostgreSQL offers (current
/// generations; db.t3/db.t4g only from medium up).
pub const AURORA_POSTGRESQL_INSTANCE_CLASSES: &[&str] = &[
    "db.t3.medium",
    "db.t3.large",
    "db.t4g.medium",
    "db.t4g.large",
    "db.r5.large",
    "db.r5.xlarge",
    "db.r5.2xlarge",
    "db.r5.4xlarge",
    "db.r5.8xlarge",
    "db.r5.12xlarge",
    "db.r5.16xlarge",
    "db.r5.24xlarge",
    "db.r6g.large",
    "db.r6g.xlarge",
    "db.r6g.2xlarge",
    "db.r6g.4xlarge",
    "db.r6g.8xlarge",
    "db.r6g.12xlarge",
    "db.r6g.16xlarge",
    "db.r6i.large",
    "db.r6i.xlarge",
    "db.r6i.2xlarge",
    "db.r6i.4xlarge",
    "db.r6i.8xlarge",
    "db.r6i.12xlarge",
    "db.r6i.16xlarge",
    "db.r6i.24xlarge",
    "db.r6i.32xlarge",
    "db.r7g.large",
    "db.r7g.xlarge",
    "db.r7g.2xlarge",
    "db.r7g.4xlarge",
    "db.r7g.8xlarge",
    "db.r7g.12xlarge",
    "db.r7g.16xlarge",
    "db.x2g.large",
    "db.x2g.xlarge",
    "db.x2g.2xlarge",
    "db.x2g.4xlarge",
    "db.x2g.8xlarge",
    "db.x2g.12xlarge",
    "db.x2g.16xlarge",
];

/// True when Aurora PostgreSQL offers instance class `class`.
pub fn is_aurora_postgresql_class(class: &str) -> bool {
    AURORA_POSTGRESQL_INSTANCE_CLASSES.contains(&class)
}

/// Why `name` cannot be the initial database of a PostgreSQL cluster, if
/// it cannot: 1-63 characters, a letter first, then letters, digits and
/// underscores, and not a name PostgreSQL reserves.
pub fn database_name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > 63 {
        return Some(format!("must be 1 to 63 characters, got {}", name.len()));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some("must begin with a letter".into());
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Some("may contain only letters, digits and underscores".into());
    }
    if ["postgres", "template0", "template1", "rdsadmin"].contains(&name) {
        return Some("is reserved by PostgreSQL or RDS".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_classes_of_aurora_postgresql() {
        assert!(is_aurora_postgresql_class("db.t3.medium"));
        assert!(is_aurora_postgresql_class("db.r5.large"));
        assert!(!is_aurora_postgresql_class("db.t3.micro"));
        assert!(!is_aurora_postgresql_class("db.m5.large"));
        assert!(!is_aurora_postgresql_class("cache.t3.micro"));
    }

    #[test]
    fn database_names() {
        assert_eq!(database_name_problem("microservicedb"), None);
        assert!(database_name_problem("1db").is_some());
        assert!(database_name_problem("my-db").is_some());
        assert!(
            database_name_problem("postgres")
                .unwrap()
                .contains("reserved")
        );
        assert!(database_name_problem(&"d".repeat(64)).is_some());
    }

    #[test]
    fn backup_retention_range() {
        assert!(BACKUP_RETENTION_DAYS.contains(&1));
        assert!(BACKUP_RETENTION_DAYS.contains(&35));
        assert!(!BACKUP_RETENTION_DAYS.contains(&0));
        assert!(!BACKUP_RETENTION_DAYS.contains(&36));
    }
}
