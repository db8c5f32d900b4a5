//! The AWS services the provider talks to and where their endpoints come
//! from: the provider's `endpoints` block, then `AWS_ENDPOINT_URL_<SERVICE>`,
//! then `AWS_ENDPOINT_URL` (or the profile's `endpoint_url`), then AWS's
//! regional endpoint.

use std::fmt;

/// An AWS API the provider calls, with a configurable endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AwsApi {
    Ec2,
    Ecs,
    Elbv2,
    Sts,
    Logs,
}

impl AwsApi {
    pub const ALL: [AwsApi; 5] = [
        AwsApi::Ec2,
        AwsApi::Ecs,
        AwsApi::Elbv2,
        AwsApi::Sts,
        AwsApi::Logs,
    ];

    /// The attribute name inside the `endpoints` block.
    pub fn attribute(self) -> &'static str {
        match self {
            AwsApi::Ec2 => "ec2",
            AwsApi::Ecs => "ecs",
            AwsApi::Elbv2 => "elbv2",
            AwsApi::Sts => "sts",
            AwsApi::Logs => "logs",
        }
    }

    /// The suffix of the service-specific endpoint variable
    /// (`AWS_ENDPOINT_URL_<ID>`), from the SDK's service id.
    pub fn env_suffix(self) -> &'static str {
        match self {
            AwsApi::Ec2 => "EC2",
            AwsApi::Ecs => "ECS",
            AwsApi::Elbv2 => "ELASTIC_LOAD_BALANCING_V2",
            AwsApi::Sts => "STS",
            AwsApi::Logs => "CLOUDWATCH_LOGS",
        }
    }

    /// The regional AWS endpoint.
    pub fn default_endpoint(self, region: &str) -> String {
        match self {
            AwsApi::Ec2 => format!("https://ec2.{region}.amazonaws.com"),
            AwsApi::Ecs => format!("https://ecs.{region}.amazonaws.com"),
            AwsApi::Elbv2 => format!("https://elasticloadbalancing.{region}.amazonaws.com"),
            AwsApi::Sts => format!("https://sts.{region}.amazonaws.com"),
            AwsApi::Logs => format!("https://logs.{region}.amazonaws.com"),
        }
    }
}

impl fmt::Display for AwsApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            AwsApi::Ec2 => "EC2",
            AwsApi::Ecs => "ECS",
            AwsApi::Elbv2 => "Elastic Load Balancing",
            AwsApi::Sts => "STS",
            AwsApi::Logs => "CloudWatch Logs",
        };
        f.write_str(name)
    }
}

/// Where one service's requests go, and why (for error messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    pub url: String,
    /// e.g. "endpoints.ec2", "AWS_ENDPOINT_URL", "the default AWS endpoint".
    pub source: String,
    /// Set when the provider block chose it: SDK clients get it explicitly.
    pub configured: bool,
}

/// Resolves the endpoint of `service` the way the SDK will.
pub fn resolve(
    service: AwsApi,
    configured: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    shared_endpoint: Option<&str>,
    region: &str,
) -> ResolvedEndpoint {
    if let Some(url) = configured {
        return ResolvedEndpoint {
            url: url.to_string(),
            source: format!("endpoints.{}", service.attribute()),
            configured: true,
        };
    }
    let specific = format!("AWS_ENDPOINT_URL_{}", service.env_suffix());
    if let Some(url) = env(&specific).filter(|u| !u.is_empty()) {
        return ResolvedEndpoint {
            url,
            source: specific,
            configured: false,
        };
    }
    if let Some(url) = shared_endpoint {
        let source = if env("AWS_ENDPOINT_URL").is_some() {
            "AWS_ENDPOINT_URL"
        } else {
            "the profile's endpoint_url"
        };
        return ResolvedEndpoint {
            url: url.to_string(),
            source: source.into(),
            configured: false,
        };
    }
    ResolvedEndpoint {
        url: service.default_endpoint(region),
        source: "the default AWS endpoint".into(),
        configured: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_is_block_then_service_env_then_global() {
        let env = |k: &str| match k {
            "AWS_ENDPOINT_URL_EC2" => Some("http://ec2-env".to_string()),
            "AWS_ENDPOINT_URL" => Some("http://global".to_string()),
            _ => None,
        };
        let r = resolve(
            AwsApi::Ec2,
            Some("http://cfg"),
            &env,
            Some("http://global"),
            "us-east-1",
        );
        assert_eq!(
            (r.url.as_str(), r.source.as_str()),
            ("http://cfg", "endpoints.ec2")
        );
        let r = resolve(AwsApi::Ec2, None, &env, Some("http://global"), "us-east-1");
        assert_eq!(r.source, "AWS_ENDPOINT_URL_EC2");
        let r = resolve(AwsApi::Ecs, None, &env, Some("http://global"), "us-east-1");
        assert_eq!(
            (r.url.as_str(), r.source.as_str()),
            ("http://global", "AWS_ENDPOINT_URL")
        );
        let none = |_: &str| None;
        let r = resolve(AwsApi::Sts, None, &none, None, "eu-west-1");
        assert_eq!(r.url, "https://sts.eu-west-1.amazonaws.com");
    }
}
