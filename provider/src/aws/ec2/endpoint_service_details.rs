//! What a consumer sees of an endpoint service it may connect to, looked
//! up by service name: where it runs and how it is reached.

use std::collections::BTreeSet;

use async_trait::async_trait;

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;

/// The IAM actions [`EndpointServiceDetails`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &["ec2:DescribeVpcEndpointServices"];

/// An endpoint service as a consumer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointServiceDetail {
    pub service_name: String,
    pub service_id: String,
    /// The account that owns the service.
    pub owner: String,
    /// Zone names (`eu-west-1a`): the consumer's endpoint subnets must be
    /// in some of them.
    pub availability_zones: BTreeSet<String>,
    /// Zone ids (`euw1-az1`), which name the same zone in every account;
    /// empty when AWS does not report them.
    pub availability_zone_ids: BTreeSet<String>,
    pub acceptance_required: bool,
    pub private_dns_name: Option<String>,
    /// `vpce-svc-....<region>.vpce.amazonaws.com`.
    pub base_endpoint_dns_names: Vec<String>,
}

/// Looks up endpoint services by name.
#[async_trait]
pub trait EndpointServiceDetails: Send + Sync {
    /// `None` when no service of that name exists or the caller may not
    /// use it (AWS does not tell the two apart).
    async fn find_endpoint_service_by_name(
        &self,
        service_name: &str,
    ) -> Result<Option<EndpointServiceDetail>, AwsError>;
}

const NOT_FOUND: &[&str] = &["InvalidServiceName"];

fn convert(d: &aws_sdk_ec2::types::ServiceDetail) -> EndpointServiceDetail {
    let owned = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    EndpointServiceDetail {
        service_name: d.service_name().unwrap_or_default().to_string(),
        service_id: d.service_id().unwrap_or_default().to_string(),
        owner: d.owner().unwrap_or_default().to_string(),
        availability_zones: owned(d.availability_zones()),
        availability_zone_ids: owned(d.availability_zone_ids()),
        // Unknown: assume the owner must accept (the safer guess).
        acceptance_required: d.acceptance_required().unwrap_or(true),
        private_dns_name: d
            .private_dns_name()
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        base_endpoint_dns_names: d.base_endpoint_dns_names().to_vec(),
    }
}

/// The detail named `service_name` among `details`.
fn detail_named(
    details: &[aws_sdk_ec2::types::ServiceDetail],
    service_name: &str,
) -> Option<EndpointServiceDetail> {
    details
        .iter()
        .find(|d| d.service_name() == Some(service_name))
        .map(convert)
}

#[async_trait]
impl EndpointServiceDetails for AwsClients {
    async fn find_endpoint_service_by_name(
        &self,
        service_name: &str,
    ) -> Result<Option<EndpointServiceDetail>, AwsError> {
        match self
            .ec2
            .describe_vpc_endpoint_services()
            .service_names(service_name)
            .send()
            .await
        {
            Ok(out) => Ok(detail_named(out.service_details(), service_name)),
            Err(e) => {
                let err = self.error(AwsApi::Ec2, e);
                if err.is_code(NOT_FOUND) {
                    Ok(None)
                } else {
                    Err(err)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ec2::types::ServiceDetail;

    const NAME: &str = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123";

    #[test]
    fn converts_every_field() {
        let d = ServiceDetail::builder()
            .service_name(NAME)
            .service_id("vpce-svc-0123")
            .owner("111111111111")
            .availability_zones("eu-west-1b")
            .availability_zones("eu-west-1a")
            .availability_zone_ids("euw1-az3")
            .availability_zone_ids("euw1-az1")
            .acceptance_required(false)
            .private_dns_name("api.example.com")
            .base_endpoint_dns_names("vpce-svc-0123.eu-west-1.vpce.amazonaws.com")
            .build();
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(
            convert(&d),
            EndpointServiceDetail {
                service_name: NAME.into(),
                service_id: "vpce-svc-0123".into(),
                owner: "111111111111".into(),
                availability_zones: set(&["eu-west-1a", "eu-west-1b"]),
                availability_zone_ids: set(&["euw1-az1", "euw1-az3"]),
                acceptance_required: false,
                private_dns_name: Some("api.example.com".into()),
                base_endpoint_dns_names: vec!["vpce-svc-0123.eu-west-1.vpce.amazonaws.com".into()],
            }
        );
    }

    #[test]
    fn missing_fields_get_safe_defaults() {
        let d = convert(
            &ServiceDetail::builder()
                .service_name(NAME)
                .private_dns_name("")
                .build(),
        );
        assert!(d.acceptance_required);
        assert_eq!(d.private_dns_name, None);
        assert!(d.availability_zone_ids.is_empty());
    }

    #[test]
    fn only_the_named_service_is_returned() {
        let details = [
            ServiceDetail::builder()
                .service_name("com.amazonaws.eu-west-1.s3")
                .build(),
            ServiceDetail::builder()
                .service_name(NAME)
                .owner("111111111111")
                .build(),
        ];
        assert_eq!(
            detail_named(&details, NAME).map(|d| d.owner),
            Some("111111111111".into())
        );
        assert_eq!(detail_named(&details[..1], NAME), None);
    }
}
