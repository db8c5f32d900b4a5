//! The names of the AWS objects a service is made of, all derived from the
//! service `name`, so they are unique per account and region and a
//! half-finished create can always be traced.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_names() {
        assert_eq!(log_group("api"), "/ecs/api");
        assert_eq!(security_group("api"), "api-tasks");
    }
}
