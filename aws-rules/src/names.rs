//! The name of a `privatelink_service`, which names its load balancer,
//! target group and (with `-tasks`) its security group.

/// Longest service name: load balancer and target group names allow 32.
pub const MAX_SERVICE_NAME_LEN: usize = 32;

/// Why `name` cannot name a service's load balancer, target group and
/// security group, if it cannot.
pub fn service_name_problem(name: &str) -> Option<String> {
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
    if name.to_ascii_lowercase().starts_with("sg-") {
        return Some(
            "must not begin with \"sg-\" (it names the tasks' security group, and EC2 reserves that prefix)".into(),
        );
    }
    if name.starts_with("internal-") {
        return Some(
            "must not begin with \"internal-\" (reserved by Elastic Load Balancing)".into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_name_rules() {
        assert_eq!(service_name_problem("api-service-dev"), None);
        assert!(service_name_problem("sg-api").unwrap().contains("sg-"));
        assert!(service_name_problem("SG-api").is_some());
        assert!(service_name_problem("").is_some());
        assert!(service_name_problem(&"a".repeat(33)).is_some());
        assert_eq!(service_name_problem(&"a".repeat(32)), None);
        assert!(service_name_problem("api_service").is_some());
        assert!(service_name_problem("-api").is_some());
        assert!(service_name_problem("internal-api").is_some());
    }
}
