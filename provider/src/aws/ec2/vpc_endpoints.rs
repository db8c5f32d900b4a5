//! Interface VPC endpoints a consumer account opens to an endpoint
//! service: create, find, change subnets, security groups and private DNS,
//! delete.

use std::collections::BTreeSet;

use async_trait::async_trait;
use aws_sdk_ec2::types::{Filter, ResourceType, VpcEndpointType};

use super::tags::{tag_specification, tags_of};
use super::unsuccessful::check_unsuccessful;
use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::Tags;

/// The IAM actions [`VpcEndpoints`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ec2:CreateVpcEndpoint",
    "ec2:DeleteVpcEndpoints",
    "ec2:DescribeVpcEndpoints",
    "ec2:ModifyVpcEndpoint",
];

/// What to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VpcEndpointSpec {
    /// The endpoint service's name (`com.amazonaws.vpce.<region>.vpce-svc-...`).
    pub service_name: String,
    pub vpc_id: String,
    pub subnet_ids: BTreeSet<String>,
    /// Empty: AWS attaches the VPC's default security group.
    pub security_group_ids: BTreeSet<String>,
    pub private_dns_enabled: bool,
    pub tags: Tags,
    /// Idempotency token: retrying with the same token never makes two.
    pub client_token: String,
}

/// One DNS name of an endpoint and the Route 53 zone that serves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsEntry {
    pub dns_name: String,
    pub hosted_zone_id: String,
}

/// An interface VPC endpoint as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VpcEndpoint {
    pub id: String,
    pub service_name: String,
    pub vpc_id: String,
    pub subnet_ids: BTreeSet<String>,
    pub security_group_ids: BTreeSet<String>,
    /// Lower case: `pendingacceptance`, `pending`, `available`, `deleting`,
    /// `deleted`, `rejected`, `failed`, `expired`.
    pub state: String,
    pub private_dns_enabled: bool,
    /// In AWS's order: the regional name first, then one per zone.
    pub dns_entries: Vec<DnsEntry>,
    pub network_interface_ids: BTreeSet<String>,
    /// The account that owns the endpoint.
    pub owner: String,
    pub tags: Tags,
}

/// Which endpoints to find; every given criterion must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VpcEndpointQuery {
    pub vpc_id: Option<String>,
    pub service_name: Option<String>,
    pub tags: Tags,
}

/// What to change on an existing endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VpcEndpointChange {
    pub add_subnet_ids: BTreeSet<String>,
    pub remove_subnet_ids: BTreeSet<String>,
    pub add_security_group_ids: BTreeSet<String>,
    pub remove_security_group_ids: BTreeSet<String>,
    /// `None` leaves the setting as it is.
    pub private_dns_enabled: Option<bool>,
}

impl VpcEndpointChange {
    /// True when there is nothing to change.
    pub fn is_empty(&self) -> bool {
        self.add_subnet_ids.is_empty()
            && self.remove_subnet_ids.is_empty()
            && self.add_security_group_ids.is_empty()
            && self.remove_security_group_ids.is_empty()
            && self.private_dns_enabled.is_none()
    }
}

/// Interface VPC endpoints of the caller's account.
#[async_trait]
pub trait VpcEndpoints: Send + Sync {
    async fn create_vpc_endpoint(&self, spec: &VpcEndpointSpec) -> Result<VpcEndpoint, AwsError>;
    /// `None` when the endpoint does not exist or is `deleted`.
    async fn find_vpc_endpoint(&self, id: &str) -> Result<Option<VpcEndpoint>, AwsError>;
    /// Every endpoint matching the query that is not `deleted` (to adopt
    /// one left by an interrupted create).
    async fn find_vpc_endpoints(
        &self,
        query: &VpcEndpointQuery,
    ) -> Result<Vec<VpcEndpoint>, AwsError>;
    /// Applies `change`; makes no call when it is empty.
    async fn modify_vpc_endpoint(
        &self,
        id: &str,
        change: &VpcEndpointChange,
    ) -> Result<(), AwsError>;
    /// Deletes; an endpoint already gone counts as deleted.
    async fn delete_vpc_endpoint(&self, id: &str) -> Result<(), AwsError>;
}

const NOT_FOUND: &[&str] = &[
    "InvalidVpcEndpointId.NotFound",
    "InvalidVpcEndpointId.Malformed",
    "InvalidVpcEndpoint.NotFound",
];

/// The lower-cased state, however the SDK decoded it (moto's lower-case
/// values arrive as `Unknown(..)`).
fn state_of(state: Option<&aws_sdk_ec2::types::State>) -> String {
    state
        .map(|s| s.as_str().to_ascii_lowercase())
        .unwrap_or_default()
}

fn convert(e: &aws_sdk_ec2::types::VpcEndpoint) -> VpcEndpoint {
    let owned = |ids: &[String]| ids.iter().cloned().collect::<BTreeSet<_>>();
    VpcEndpoint {
        id: e.vpc_endpoint_id().unwrap_or_default().to_string(),
        service_name: e.service_name().unwrap_or_default().to_string(),
        vpc_id: e.vpc_id().unwrap_or_default().to_string(),
        subnet_ids: owned(e.subnet_ids()),
        security_group_ids: e
            .groups()
            .iter()
            .filter_map(|g| g.group_id().map(str::to_string))
            .collect(),
        state: state_of(e.state()),
        private_dns_enabled: e.private_dns_enabled().unwrap_or(false),
        dns_entries: e
            .dns_entries()
            .iter()
            .filter_map(|d| {
                Some(DnsEntry {
                    dns_name: d.dns_name()?.to_string(),
                    hosted_zone_id: d.hosted_zone_id().unwrap_or_default().to_string(),
                })
            })
            .collect(),
        network_interface_ids: owned(e.network_interface_ids()),
        owner: e.owner_id().unwrap_or_default().to_string(),
        tags: tags_of(e.tags()),
    }
}

fn is_gone(e: &VpcEndpoint) -> bool {
    e.state == "deleted"
}

/// `Some` of a non-empty set, for the SDK's optional lists.
fn list(ids: &BTreeSet<String>) -> Option<Vec<String>> {
    (!ids.is_empty()).then(|| ids.iter().cloned().collect())
}

fn query_filters(query: &VpcEndpointQuery) -> Vec<Filter> {
    let filter = |name: String, value: &str| Filter::builder().name(name).values(value).build();
    let mut filters = Vec::new();
    if let Some(vpc_id) = &query.vpc_id {
        filters.push(filter("vpc-id".into(), vpc_id));
    }
    if let Some(service_name) = &query.service_name {
        filters.push(filter("service-name".into(), service_name));
    }
    for (k, v) in &query.tags {
        filters.push(filter(format!("tag:{k}"), v));
    }
    filters
}

#[async_trait]
impl VpcEndpoints for AwsClients {
    async fn create_vpc_endpoint(&self, spec: &VpcEndpointSpec) -> Result<VpcEndpoint, AwsError> {
        let out = self
            .ec2
            .create_vpc_endpoint()
            .vpc_endpoint_type(VpcEndpointType::Interface)
            .service_name(&spec.service_name)
            .vpc_id(&spec.vpc_id)
            .set_subnet_ids(list(&spec.subnet_ids))
            .set_security_group_ids(list(&spec.security_group_ids))
            .private_dns_enabled(spec.private_dns_enabled)
            .client_token(&spec.client_token)
            .set_tag_specifications(
                tag_specification(ResourceType::VpcEndpoint, &spec.tags).map(|t| vec![t]),
            )
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        out.vpc_endpoint()
            .map(convert)
            .ok_or_else(|| AwsError::Other {
                service: AwsApi::Ec2,
                message: "CreateVpcEndpoint returned no endpoint".into(),
            })
    }

    async fn find_vpc_endpoint(&self, id: &str) -> Result<Option<VpcEndpoint>, AwsError> {
        match self
            .ec2
            .describe_vpc_endpoints()
            .vpc_endpoint_ids(id)
            .send()
            .await
        {
            Ok(out) => Ok(out
                .vpc_endpoints()
                .iter()
                .map(convert)
                .find(|e| e.id == id)
                .filter(|e| !is_gone(e))),
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

    async fn find_vpc_endpoints(
        &self,
        query: &VpcEndpointQuery,
    ) -> Result<Vec<VpcEndpoint>, AwsError> {
        let mut pages = self
            .ec2
            .describe_vpc_endpoints()
            .set_filters(Some(query_filters(query)))
            .into_paginator()
            .send();
        let mut endpoints = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| self.error(AwsApi::Ec2, e))?;
            endpoints.extend(page.vpc_endpoints().iter().map(convert));
        }
        endpoints.retain(|e| !is_gone(e));
        Ok(endpoints)
    }

    async fn modify_vpc_endpoint(
        &self,
        id: &str,
        change: &VpcEndpointChange,
    ) -> Result<(), AwsError> {
        if change.is_empty() {
            return Ok(());
        }
        self.ec2
            .modify_vpc_endpoint()
            .vpc_endpoint_id(id)
            .set_add_subnet_ids(list(&change.add_subnet_ids))
            .set_remove_subnet_ids(list(&change.remove_subnet_ids))
            .set_add_security_group_ids(list(&change.add_security_group_ids))
            .set_remove_security_group_ids(list(&change.remove_security_group_ids))
            .set_private_dns_enabled(change.private_dns_enabled)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        Ok(())
    }

    async fn delete_vpc_endpoint(&self, id: &str) -> Result<(), AwsError> {
        match self
            .ec2
            .delete_vpc_endpoints()
            .vpc_endpoint_ids(id)
            .send()
            .await
        {
            // A 200 can still carry a failure per id.
            Ok(out) => check_unsuccessful(AwsApi::Ec2, out.unsuccessful(), NOT_FOUND),
            Err(e) => {
                let err = self.error(AwsApi::Ec2, e);
                if err.is_code(NOT_FOUND) {
                    Ok(())
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
    use aws_sdk_ec2::types::{self as sdk, SecurityGroupIdentifier, State, Tag};

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn sdk_endpoint(state: State) -> sdk::VpcEndpoint {
        sdk::VpcEndpoint::builder()
            .vpc_endpoint_id("vpce-0abc")
            .vpc_endpoint_type(VpcEndpointType::Interface)
            .vpc_id("vpc-1")
            .service_name("com.amazonaws.vpce.eu-west-1.vpce-svc-0123")
            .state(state)
            .subnet_ids("subnet-b")
            .subnet_ids("subnet-a")
            .groups(
                SecurityGroupIdentifier::builder()
                    .group_id("sg-1")
                    .group_name("consumers")
                    .build(),
            )
            .private_dns_enabled(true)
            .network_interface_ids("eni-2")
            .network_interface_ids("eni-1")
            .dns_entries(
                sdk::DnsEntry::builder()
                    .dns_name("vpce-0abc-x.vpce-svc-0123.eu-west-1.vpce.amazonaws.com")
                    .hosted_zone_id("Z7HUB22UULQXV")
                    .build(),
            )
            .dns_entries(
                sdk::DnsEntry::builder()
                    .dns_name("vpce-0abc-x-eu-west-1a.vpce-svc-0123.eu-west-1.vpce.amazonaws.com")
                    .hosted_zone_id("Z7HUB22UULQXV")
                    .build(),
            )
            .owner_id("222222222222")
            .tags(Tag::builder().key("Name").value("consumer").build())
            .tags(
                Tag::builder()
                    .key("aws:cloudformation:stack-name")
                    .value("x")
                    .build(),
            )
            .build()
    }

    #[test]
    fn converts_every_field() {
        let e = convert(&sdk_endpoint(State::Available));
        assert_eq!(
            e,
            VpcEndpoint {
                id: "vpce-0abc".into(),
                service_name: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123".into(),
                vpc_id: "vpc-1".into(),
                subnet_ids: set(&["subnet-a", "subnet-b"]),
                security_group_ids: set(&["sg-1"]),
                state: "available".into(),
                private_dns_enabled: true,
                dns_entries: vec![
                    DnsEntry {
                        dns_name: "vpce-0abc-x.vpce-svc-0123.eu-west-1.vpce.amazonaws.com".into(),
                        hosted_zone_id: "Z7HUB22UULQXV".into(),
                    },
                    DnsEntry {
                        dns_name:
                            "vpce-0abc-x-eu-west-1a.vpce-svc-0123.eu-west-1.vpce.amazonaws.com"
                                .into(),
                        hosted_zone_id: "Z7HUB22UULQXV".into(),
                    },
                ],
                network_interface_ids: set(&["eni-1", "eni-2"]),
                owner: "222222222222".into(),
                tags: [("Name".to_string(), "consumer".to_string())].into(),
            }
        );
    }

    #[test]
    fn states_are_lower_case_whether_known_or_not() {
        assert_eq!(
            convert(&sdk_endpoint(State::PendingAcceptance)).state,
            "pendingacceptance"
        );
        // moto answers `pendingAcceptance`, which the SDK keeps as Unknown.
        assert_eq!(
            convert(&sdk_endpoint(State::from("pendingAcceptance"))).state,
            "pendingacceptance"
        );
        assert_eq!(
            convert(&sdk_endpoint(State::from("available"))).state,
            "available"
        );
    }

    #[test]
    fn deleted_endpoints_are_gone() {
        assert!(is_gone(&convert(&sdk_endpoint(State::Deleted))));
        assert!(is_gone(&convert(&sdk_endpoint(State::from("deleted")))));
        assert!(!is_gone(&convert(&sdk_endpoint(State::Deleting))));
    }

    #[test]
    fn an_endpoint_with_nothing_set_converts_to_empty_fields() {
        let e = convert(&sdk::VpcEndpoint::builder().build());
        assert_eq!(e.state, "");
        assert!(!e.private_dns_enabled);
        assert!(e.subnet_ids.is_empty() && e.dns_entries.is_empty() && e.tags.is_empty());
    }

    #[test]
    fn dns_entries_without_a_name_are_skipped() {
        let e = convert(
            &sdk::VpcEndpoint::builder()
                .dns_entries(sdk::DnsEntry::builder().hosted_zone_id("Z1").build())
                .build(),
        );
        assert!(e.dns_entries.is_empty());
    }

    #[test]
    fn queries_become_filters() {
        let filters = query_filters(&VpcEndpointQuery {
            vpc_id: Some("vpc-1".into()),
            service_name: Some("com.amazonaws.vpce.eu-west-1.vpce-svc-0123".into()),
            tags: [("Owner".to_string(), "team-a".to_string())].into(),
        });
        let pairs: Vec<(&str, Vec<&str>)> = filters
            .iter()
            .map(|f| {
                (
                    f.name().unwrap_or_default(),
                    f.values().iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("vpc-id", vec!["vpc-1"]),
                (
                    "service-name",
                    vec!["com.amazonaws.vpce.eu-west-1.vpce-svc-0123"]
                ),
                ("tag:Owner", vec!["team-a"]),
            ]
        );
        assert!(query_filters(&VpcEndpointQuery::default()).is_empty());
    }

    #[test]
    fn an_empty_change_is_empty() {
        assert!(VpcEndpointChange::default().is_empty());
        assert!(
            !VpcEndpointChange {
                private_dns_enabled: Some(false),
                ..Default::default()
            }
            .is_empty()
        );
        assert!(
            !VpcEndpointChange {
                remove_security_group_ids: set(&["sg-1"]),
                ..Default::default()
            }
            .is_empty()
        );
    }

    #[test]
    fn empty_id_sets_are_left_out_of_requests() {
        assert_eq!(list(&BTreeSet::new()), None);
        assert_eq!(
            list(&set(&["subnet-b", "subnet-a"])),
            Some(vec!["subnet-a".to_string(), "subnet-b".to_string()])
        );
    }

    #[test]
    fn a_delete_failure_other_than_not_found_is_an_error() {
        use crate::aws::ec2::unsuccessful::tests::item;
        assert_eq!(
            check_unsuccessful(
                AwsApi::Ec2,
                &[item("vpce-1", "InvalidVpcEndpoint.NotFound", "gone")],
                NOT_FOUND
            ),
            Ok(())
        );
        let err = check_unsuccessful(
            AwsApi::Ec2,
            &[item(
                "vpce-1",
                "OperationNotPermitted",
                "managed by a service",
            )],
            NOT_FOUND,
        )
        .unwrap_err();
        assert_eq!(err.code(), Some("OperationNotPermitted"));
    }
}
