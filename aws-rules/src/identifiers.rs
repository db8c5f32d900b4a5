//! The identifier rule RDS DB clusters and instances and ElastiCache
//! replication groups share: a letter first, then letters, digits and
//! single hyphens, not ending with a hyphen.

/// Why `id` is not an RDS / ElastiCache identifier of at most `max`
/// characters, if it is not.
pub fn identifier_problem(id: &str, max: usize) -> Option<String> {
    if id.is_empty() || id.len() > max {
        return Some(format!("must be 1 to {max} characters, got {}", id.len()));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some("must begin with a letter".into());
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Some("may contain only letters, digits and hyphens".into());
    }
    if id.contains("--") || id.ends_with('-') {
        return Some("must not contain two consecutive hyphens or end with a hyphen".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_rules() {
        assert_eq!(identifier_problem("api-service-dev", 40), None);
        assert!(
            identifier_problem("api--service", 40)
                .unwrap()
                .contains("consecutive")
        );
        assert!(identifier_problem("api-", 40).is_some());
        assert!(identifier_problem("1api", 40).unwrap().contains("letter"));
        assert!(identifier_problem("api_service", 40).is_some());
        assert!(
            identifier_problem(&"a".repeat(41), 40)
                .unwrap()
                .contains("1 to 40")
        );
        assert_eq!(identifier_problem(&"a".repeat(40), 40), None);
        assert!(identifier_problem("", 63).is_some());
    }
}
