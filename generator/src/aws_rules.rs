//! What AWS accepts, as far as the catalog can get it wrong, beyond the
//! rules the provider checks too (Fargate sizes, service names, log
//! retention: the `aws-rules` crate, shared with the provider).

/// Longest IAM role name.
pub const MAX_ROLE_NAME_LEN: usize = 64;

/// Longest `privatelink_consumer` name.
pub const MAX_CONSUMER_NAME_LEN: usize = 64;

/// The environments terraform-base-infra accepts.
pub const ENVIRONMENT_NAMES: &[&str] = &["dev", "staging", "prod"];

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_names() {
        assert!(is_simple_name("orders-provider"));
        assert!(!is_simple_name("Orders"));
        assert!(!is_simple_name("orders-"));
        assert!(!is_simple_name("1orders"));
    }
}
