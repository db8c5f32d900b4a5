//! Names the consumer gives its AWS objects, and the idempotency token of
//! its endpoint.

use crate::aws::ec2::DnsEntry;

/// Prefix of the security group a consumer makes (how import finds it).
pub const SECURITY_GROUP_PREFIX: &str = "privatelink-consumer-";

/// The endpoint's own security group.
pub fn security_group(name: &str) -> String {
    format!("{SECURITY_GROUP_PREFIX}{name}")
}

/// The consumer name of one of its security groups' names.
pub fn consumer_of_security_group(group_name: &str) -> Option<&str> {
    group_name
        .strip_prefix(SECURITY_GROUP_PREFIX)
        .filter(|n| !n.is_empty())
}

/// The CreateVpcEndpoint idempotency token: the same for every retry of
/// one create (same security group, service, and endpoint replaced, if
/// any), new for every new security group and every replacement, so a
/// recreated endpoint never gets a deleted one back. At most 64
/// characters, as AWS requires.
pub fn client_token(security_group_id: &str, service_name: &str, replaced: Option<&str>) -> String {
    let digest = fnv1a(&format!("{service_name}|{}", replaced.unwrap_or_default()));
    let mut token = format!("plc-{security_group_id}-{digest:016x}");
    token.truncate(64);
    token
}

/// 64-bit FNV-1a: a small hash that never changes between builds.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The regional DNS name among an endpoint's entries: the one whose first
/// label is shortest (zonal names add the zone to it), first in AWS's
/// order on a tie.
pub fn regional_dns_name(entries: &[DnsEntry]) -> Option<&str> {
    let first_label = |e: &&DnsEntry| e.dns_name.split('.').next().unwrap_or_default().len();
    entries
        .iter()
        .filter(|e| e.dns_name.starts_with("vpce-"))
        .min_by_key(first_label)
        .or(entries.first())
        .map(|e| e.dns_name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> DnsEntry {
        DnsEntry {
            dns_name: name.into(),
            hosted_zone_id: "Z1".into(),
        }
    }

    #[test]
    fn security_group_names_round_trip() {
        assert_eq!(security_group("orders"), "privatelink-consumer-orders");
        assert_eq!(
            consumer_of_security_group("privatelink-consumer-orders"),
            Some("orders")
        );
        assert_eq!(consumer_of_security_group("privatelink-consumer-"), None);
        assert_eq!(consumer_of_security_group("default"), None);
    }

    #[test]
    fn tokens_differ_per_group_service_and_replacement_and_fit_aws() {
        let svc = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
        let a = client_token("sg-0123456789abcdef0", svc, None);
        assert_eq!(a, client_token("sg-0123456789abcdef0", svc, None));
        assert_ne!(a, client_token("sg-0123456789abcdef1", svc, None));
        assert_ne!(a, client_token("sg-0123456789abcdef0", "other", None));
        assert_ne!(a, client_token("sg-0123456789abcdef0", svc, Some("vpce-1")));
        assert!(a.len() <= 64);
        assert!(client_token(&"x".repeat(100), "y", None).len() <= 64);
        // Stable across builds: the next apply after a crash finds the
        // endpoint by this token.
        assert_eq!(fnv1a("a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn the_regional_name_is_picked_whatever_the_order() {
        let entries = [
            entry("vpce-0abc-x1y2-us-east-1a.vpce-svc-1.us-east-1.vpce.amazonaws.com"),
            entry("vpce-0abc-x1y2.vpce-svc-1.us-east-1.vpce.amazonaws.com"),
            entry("api.example.com"),
        ];
        assert_eq!(
            regional_dns_name(&entries),
            Some("vpce-0abc-x1y2.vpce-svc-1.us-east-1.vpce.amazonaws.com")
        );
        assert_eq!(regional_dns_name(&entries[2..]), Some("api.example.com"));
        assert_eq!(regional_dns_name(&[]), None);
    }
}
