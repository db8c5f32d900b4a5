//! The names of the AWS objects a service is made of, all derived from the
//! service `name`, so they are unique per account and region and a
//! half-finished create can always be traced.

/// Longest `name`: load balancer and target group names allow 32.
pub const MAX_NAME_LEN: usize = 32;

pub fn cluster(name: &str) -> String {
    name.to_string()
}

pub fn load_balancer(name: &str) -> String {
    name.to_string()
}

pub fn target_group(name: &str) -> String {
    name.to_string()
}

pub fn security_group(name: &str) -> String {
    format!("{name}-tasks")
}

pub fn task_family(name: &str) -> String {
    name.to_string()
}

pub fn ecs_service(name: &str) -> String {
    name.to_string()
}

pub fn log_group(name: &str) -> String {
    format!("/ecs/{name}")
}

/// Why `name` cannot name a load balancer and target group, if it cannot.
pub fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > MAX_NAME_LEN {
        return Some(format!(
            "must be 1 to {MAX_NAME_LEN} characters (it names the load balancer and target group), got {}",
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
    fn load_balancer_name_rules() {
        assert_eq!(name_problem("api-service-dev"), None);
        assert!(name_problem("sg-api").unwrap().contains("sg-"));
        assert!(name_problem("SG-api").is_some());
        assert!(name_problem("").is_some());
        assert!(name_problem(&"a".repeat(33)).is_some());
        assert_eq!(name_problem(&"a".repeat(32)), None);
        assert!(name_problem("api_service").is_some());
        assert!(name_problem("-api").is_some());
        assert!(name_problem("internal-api").is_some());
    }

    #[test]
    fn derived_names() {
        assert_eq!(log_group("api"), "/ecs/api");
        assert_eq!(security_group("api"), "api-tasks");
    }
}
