//! Checks for AWS identifier formats, used by attribute validators so bad
//! input is rejected at plan time instead of by an API call.

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-4`.
pub fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].chars().all(|c| c.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].parse::<u8>().is_ok()
}

/// A 12-digit AWS account id.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// An ARN: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
pub fn is_arn(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && matches!(
            parts[1],
            "aws"
                | "aws-cn"
                | "aws-us-gov"
                | "aws-iso"
                | "aws-iso-b"
                | "aws-iso-e"
                | "aws-iso-f"
                | "aws-eusc"
        )
        && !parts[2].is_empty()
        && (parts[4].is_empty() || is_account_id(parts[4]) || parts[4] == "aws")
        && !parts[5].is_empty()
}

/// An IAM role ARN: `arn:aws:iam::123456789012:role/path/name`.
pub fn is_iam_role_arn(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    is_arn(s)
        && parts[2] == "iam"
        && parts[3].is_empty()
        && is_account_id(parts[4])
        && parts[5].strip_prefix("role/").is_some_and(|name| {
            !name.is_empty()
                && name.len() <= 512
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c))
        })
}

/// An IPv4 CIDR block such as `10.0.0.0/16`.
pub fn is_ipv4_cidr(s: &str) -> bool {
    let Some((addr, len)) = s.split_once('/') else {
        return false;
    };
    addr.parse::<std::net::Ipv4Addr>().is_ok()
        && len.parse::<u8>().is_ok_and(|l| l <= 32)
        && !len.starts_with('+')
}

/// An IPv4 CIDR block with no host bits set (`10.0.0.0/16`, not
/// `10.0.0.1/16`): what AWS stores, so the configuration matches what is
/// read back.
pub fn is_ipv4_network(s: &str) -> bool {
    if !is_ipv4_cidr(s) {
        return false;
    }
    let (addr, len) = s.split_once('/').expect("checked above");
    let addr = u32::from(addr.parse::<std::net::Ipv4Addr>().expect("checked above"));
    let len: u32 = len.parse().expect("checked above");
    let host_mask = if len == 0 {
        u32::MAX
    } else {
        (1u32 << (32 - len)).wrapping_sub(1)
    };
    addr & host_mask == 0
}

/// A principal a VPC endpoint service can allow: `*`, or an account root,
/// IAM role or IAM user ARN without a path
/// (`arn:aws:iam::222222222222:root`, `...:role/consumer`).
pub fn is_endpoint_service_principal(s: &str) -> bool {
    if s == "*" {
        return true;
    }
    if !is_arn(s) {
        return false;
    }
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    let account_ok = parts[4].len() == 12 && parts[4].chars().all(|c| c.is_ascii_digit());
    let name_ok = |n: &str| {
        (1..=64).contains(&n.len())
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
    };
    let resource_ok = match parts[5].split_once('/') {
        None => parts[5] == "root",
        Some(("role" | "user", name)) => name_ok(name),
        Some(_) => false,
    };
    parts[2] == "iam" && parts[3].is_empty() && account_ok && resource_ok
}

/// `vpc-0abc...`-style ids: the prefix plus at least 8 hex characters.
pub fn has_id_prefix(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|hex| hex.len() >= 8 && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// An STS session name: 2-64 of `[\w+=,.@-]`.
pub fn is_session_name(s: &str) -> bool {
    (2..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
}

/// An STS external id: 2-1224 of `[\w+=,.@:/-]`.
pub fn is_external_id(s: &str) -> bool {
    (2..=1224).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c))
}

/// A DNS name: dot-separated labels of letters, digits and hyphens.
pub fn is_dns_name(s: &str) -> bool {
    (1..=253).contains(&s.len())
        && s.split('.').count() >= 2
        && s.split('.').all(|l| {
            (1..=63).contains(&l.len())
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

/// A VPC endpoint service id: `vpce-svc-` and 8 or 17 hex digits.
pub fn is_endpoint_service_id(s: &str) -> bool {
    s.strip_prefix("vpce-svc-").is_some_and(|h| {
        (h.len() == 8 || h.len() == 17) && h.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// A VPC endpoint id: `vpce-` and 8 or 17 hex digits.
pub fn is_vpc_endpoint_id(s: &str) -> bool {
    s.strip_prefix("vpce-").is_some_and(|h| {
        (h.len() == 8 || h.len() == 17) && h.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The endpoint service id in a PrivateLink service name
/// (`com.amazonaws.vpce.<region>.vpce-svc-…`), when it is one.
pub fn endpoint_service_id_of(service_name: &str) -> Option<&str> {
    let rest = service_name.strip_prefix("com.amazonaws.vpce.")?;
    let (region, id) = rest.split_once('.')?;
    (is_region(region) && is_endpoint_service_id(id)).then_some(id)
}

/// The region in a PrivateLink service name.
pub fn endpoint_service_region_of(service_name: &str) -> Option<&str> {
    endpoint_service_id_of(service_name)?;
    service_name
        .strip_prefix("com.amazonaws.vpce.")?
        .split_once('.')
        .map(|(region, _)| region)
}

#[cfg(test)]
mod tests {

    #[test]
    fn networks_have_no_host_bits() {
        assert!(is_ipv4_network("10.0.0.0/16"));
        assert!(is_ipv4_network("0.0.0.0/0"));
        assert!(is_ipv4_network("10.0.1.7/32"));
        assert!(!is_ipv4_network("10.0.0.1/16"));
        assert!(!is_ipv4_network("10.0.0.0/33"));
        assert!(!is_ipv4_network("10.0.0.0"));
    }

    #[test]
    fn endpoint_service_principals() {
        for ok in [
            "*",
            "arn:aws:iam::222222222222:root",
            "arn:aws:iam::222222222222:role/consumer",
            "arn:aws-cn:iam::222222222222:user/ci.bot",
        ] {
            assert!(is_endpoint_service_principal(ok), "{ok}");
        }
        for bad in [
            "222222222222",
            "arn:aws:iam::2222:root",
            "arn:aws:iam::222222222222:role/team/consumer",
            "arn:aws:iam::222222222222:group/admins",
            "arn:aws:sts::222222222222:assumed-role/r/s",
            "arn:aws:s3:::bucket",
        ] {
            assert!(!is_endpoint_service_principal(bad), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn regions() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "cn-north-1",
            "ap-southeast-4",
        ] {
            assert!(is_region(ok), "{ok}");
        }
        for bad in [
            "",
            "useast1",
            "us-east",
            "US-EAST-1",
            "us-east-x",
            "u-east-1",
        ] {
            assert!(!is_region(bad), "{bad}");
        }
    }

    #[test]
    fn role_arns() {
        assert!(is_iam_role_arn("arn:aws:iam::123456789012:role/deploy"));
        assert!(is_iam_role_arn(
            "arn:aws-us-gov:iam::123456789012:role/path/to/r"
        ));
        for bad in [
            "arn:aws:iam::12345678901:role/x",
            "arn:aws:iam::123456789012:user/x",
            "arn:aws:iam:us-east-1:123456789012:role/x",
            "role/x",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam:::root",
        ] {
            assert!(!is_iam_role_arn(bad), "{bad}");
        }
    }

    #[test]
    fn cidrs_and_ids() {
        assert!(is_ipv4_cidr("10.0.0.0/16"));
        assert!(!is_ipv4_cidr("10.0.0.0/33"));
        assert!(!is_ipv4_cidr("10.0.0/16"));
        assert!(!is_ipv4_cidr("10.0.0.0"));
        assert!(has_id_prefix("vpc-0123abcd", "vpc"));
        assert!(has_id_prefix("vpce-svc-0123456789abcdef0", "vpce-svc"));
        assert!(!has_id_prefix("vpc-xyz", "vpc"));
        assert!(!has_id_prefix("subnet-01234567", "vpc"));
    }

    #[test]
    fn dns_names() {
        assert!(is_dns_name("api.internal.example.com"));
        assert!(!is_dns_name("localhost"));
        assert!(!is_dns_name("-a.example.com"));
        assert!(!is_dns_name("a..b"));
    }

    #[test]
    fn sts_names() {
        assert!(is_session_name("terraform"));
        assert!(!is_session_name("a"));
        assert!(!is_session_name("has space"));
        assert!(is_external_id("ext-id:1/2"));
        assert!(!is_external_id("x"));
    }

    #[test]
    fn endpoint_service_names_and_ids() {
        let name = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
        assert_eq!(
            endpoint_service_id_of(name),
            Some("vpce-svc-0123456789abcdef0")
        );
        assert_eq!(endpoint_service_region_of(name), Some("us-east-1"));
        assert_eq!(endpoint_service_id_of("vpce-svc-0123456789abcdef0"), None);
        assert_eq!(endpoint_service_id_of("com.amazonaws.us-east-1.s3"), None);
        assert_eq!(
            endpoint_service_id_of("com.amazonaws.vpce.us-east-1.vpce-svc-xyz"),
            None
        );
        assert!(is_endpoint_service_id("vpce-svc-01234567"));
        assert!(!is_endpoint_service_id("vpce-svc-0123"));
        assert!(is_vpc_endpoint_id("vpce-0123456789abcdef0"));
        assert!(!is_vpc_endpoint_id("vpce-svc-0123456789abcdef0"));
    }
}
