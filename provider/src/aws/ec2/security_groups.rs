//! The tasks' security group: ingress on the container port from CIDR
//! blocks or other security groups; AWS's default allow-all egress.

use std::collections::BTreeSet;

use async_trait::async_trait;
use aws_sdk_ec2::types::{IpPermission, IpRange, ResourceType, UserIdGroupPair};

use super::tags::{tag_specification, tags_of};
use crate::aws::clients::AwsClients;
use crate::aws::coalesce::describe;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`SecurityGroups`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:CreateSecurityGroup",
    "ec2:DeleteSecurityGroup",
    "ec2:DescribeSecurityGroups",
    "ec2:RevokeSecurityGroupIngress",
];

/// Where ingress may come from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IngressSource {
    Cidr(String),
    SecurityGroup(String),
}

/// A security group as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub vpc_id: String,
    /// Set at creation, never changed.
    pub description: String,
    /// TCP ingress rules as (port, source), for single-port rules.
    pub ingress: BTreeSet<(i32, IngressSource)>,
    pub tags: Tags,
}

#[async_trait]
pub trait SecurityGroups: Send + Sync {
    async fn create_security_group(
        &self,
        vpc_id: &str,
        name: &str,
        description: &str,
        tags: &Tags,
    ) -> Result<String, AwsError>;
    async fn find_security_group(&self, id: &str) -> Result<Option<SecurityGroup>, AwsError>;
    /// Finds a group by name in a VPC (to adopt one left by an interrupted create).
    async fn find_security_group_by_name(
        &self,
        vpc_id: &str,
        name: &str,
    ) -> Result<Option<SecurityGroup>, AwsError>;
    async fn authorize_ingress(
        &self,
        id: &str,
        port: i32,
        sources: &[IngressSource],
    ) -> Result<(), AwsError>;
    async fn revoke_ingress(
        &self,
        id: &str,
        port: i32,
        sources: &[IngressSource],
    ) -> Result<(), AwsError>;
    async fn delete_security_group(&self, id: &str) -> Result<(), AwsError>;
}

pub(crate) const NOT_FOUND: &[&str] = &[
    "InvalidGroup.NotFound",
    "InvalidGroupId.NotFound",
    "InvalidGroupId.Malformed",
];

fn permission(port: i32, sources: &[IngressSource]) -> IpPermission {
    let mut p = IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(port)
        .to_port(port);
    for s in sources {
        p = match s {
            IngressSource::Cidr(c) => p.ip_ranges(IpRange::builder().cidr_ip(c).build()),
            IngressSource::SecurityGroup(g) => {
                p.user_id_group_pairs(UserIdGroupPair::builder().group_id(g).build())
            }
        };
    }
    p.build()
}

fn convert(g: &aws_sdk_ec2::types::SecurityGroup) -> SecurityGroup {
    let mut ingress = BTreeSet::new();
    for p in g.ip_permissions() {
        let (Some(from), Some(to)) = (p.from_port(), p.to_port()) else {
            continue;
        };
        if p.ip_protocol() != Some("tcp") || from != to {
            continue;
        }
        for r in p.ip_ranges() {
            if let Some(c) = r.cidr_ip() {
                ingress.insert((from, IngressSource::Cidr(c.to_string())));
            }
        }
        for pair in p.user_id_group_pairs() {
            if let Some(id) = pair.group_id() {
                ingress.insert((from, IngressSource::SecurityGroup(id.to_string())));
            }
        }
    }
    SecurityGroup {
        id: g.group_id().unwrap_or_default().to_string(),
        name: g.group_name().unwrap_or_default().to_string(),
        vpc_id: g.vpc_id().unwrap_or_default().to_string(),
        description: g.description().unwrap_or_default().to_string(),
        ingress,
        tags: tags_of(g.tags()),
    }
}

#[async_trait]
impl SecurityGroups for AwsClients {
    async fn create_security_group(
        &self,
        vpc_id: &str,
        name: &str,
        description: &str,
        tags: &Tags,
    ) -> Result<String, AwsError> {
        let out = self
            .ec2
            .create_security_group()
            .vpc_id(vpc_id)
            .group_name(name)
            .description(description)
            .set_tag_specifications(
                tag_specification(ResourceType::SecurityGroup, tags).map(|t| vec![t]),
            )
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        Ok(out.group_id().unwrap_or_default().to_string())
    }

    async fn find_security_group(&self, id: &str) -> Result<Option<SecurityGroup>, AwsError> {
        let (client, endpoint) = (self.ec2.clone(), self.endpoint(AwsApi::Ec2).clone());
        let describe = describe(move |_, ids| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let out = client
                    .describe_security_groups()
                    .set_group_ids(Some(ids))
                    .send()
                    .await
                    .map_err(|e| AwsError::from_sdk(AwsApi::Ec2, &endpoint, e))?;
                Ok(out
                    .security_groups()
                    .iter()
                    .map(|g| (g.group_id().unwrap_or_default().to_string(), convert(g)))
                    .collect())
            }
        });
        self.lookups.security_groups.find("", id, describe).await
    }

    async fn find_security_group_by_name(
        &self,
        vpc_id: &str,
        name: &str,
    ) -> Result<Option<SecurityGroup>, AwsError> {
        use aws_sdk_ec2::types::Filter;
        let out = self
            .ec2
            .describe_security_groups()
            .filters(Filter::builder().name("vpc-id").values(vpc_id).build())
            .filters(Filter::builder().name("group-name").values(name).build())
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        Ok(out.security_groups().first().map(convert))
    }

    async fn authorize_ingress(
        &self,
        id: &str,
        port: i32,
        sources: &[IngressSource],
    ) -> Result<(), AwsError> {
        in_batch_or_alone(sources, "InvalidPermission.Duplicate", |batch| async move {
            self.ec2
                .authorize_security_group_ingress()
                .group_id(id)
                .ip_permissions(permission(port, batch))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| self.error(AwsApi::Ec2, e))
        })
        .await
    }

    async fn revoke_ingress(
        &self,
        id: &str,
        port: i32,
        sources: &[IngressSource],
    ) -> Result<(), AwsError> {
        in_batch_or_alone(sources, "InvalidPermission.NotFound", |batch| async move {
            self.ec2
                .revoke_security_group_ingress()
                .group_id(id)
                .ip_permissions(permission(port, batch))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| self.error(AwsApi::Ec2, e))
        })
        .await
    }

    async fn delete_security_group(&self, id: &str) -> Result<(), AwsError> {
        self.ec2
            .delete_security_group()
            .group_id(id)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))
            .ok_on(NOT_FOUND)
    }
}

/// Sends `sources` in one call; when AWS refuses the batch with
/// `already_code` (one rule already there, or already gone: AWS then
/// applies none of the batch), sends each rule alone, taking that code as
/// success for it.
async fn in_batch_or_alone<'a, F, Fut>(
    sources: &'a [IngressSource],
    already_code: &str,
    send: F,
) -> Result<(), AwsError>
where
    F: Fn(&'a [IngressSource]) -> Fut,
    Fut: std::future::Future<Output = Result<(), AwsError>>,
{
    if sources.is_empty() {
        return Ok(());
    }
    match send(sources).await {
        Err(e) if e.is_code(&[already_code]) && sources.len() > 1 => {
            for one in sources.chunks(1) {
                send(one).await.ok_on(&[already_code])?;
            }
            Ok(())
        }
        other => other.ok_on(&[already_code]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn cidr(c: &str) -> IngressSource {
        IngressSource::Cidr(c.into())
    }

    /// AWS's rule: a batch holding one existing rule fails as a whole.
    fn aws_like(
        existing: &Mutex<Vec<IngressSource>>,
        batch: &[IngressSource],
    ) -> Result<(), AwsError> {
        let mut rules = existing.lock().unwrap();
        if batch.iter().any(|s| rules.contains(s)) {
            return Err(AwsError::Api {
                service: AwsApi::Ec2,
                code: "InvalidPermission.Duplicate".into(),
                message: "the specified rule already exists".into(),
            });
        }
        rules.extend(batch.iter().cloned());
        Ok(())
    }

    #[tokio::test]
    async fn a_batch_with_one_existing_rule_adds_the_others_one_by_one() {
        let existing = Mutex::new(vec![cidr("10.0.1.0/24")]);
        let calls = Mutex::new(0);
        let wanted = [
            cidr("10.0.1.0/24"),
            cidr("10.0.2.0/24"),
            cidr("10.0.3.0/24"),
        ];
        in_batch_or_alone(&wanted, "InvalidPermission.Duplicate", |batch| {
            *calls.lock().unwrap() += 1;
            let r = aws_like(&existing, batch);
            async move { r }
        })
        .await
        .unwrap();
        assert_eq!(existing.into_inner().unwrap(), wanted.to_vec());
        assert_eq!(calls.into_inner().unwrap(), 4);
    }

    #[tokio::test]
    async fn other_errors_are_returned() {
        let r = in_batch_or_alone(
            &[cidr("10.0.1.0/24")],
            "InvalidPermission.Duplicate",
            |_| async {
                Err(AwsError::Api {
                    service: AwsApi::Ec2,
                    code: "RulesPerSecurityGroupLimitExceeded".into(),
                    message: String::new(),
                })
            },
        )
        .await;
        assert!(
            r.unwrap_err()
                .is_code(&["RulesPerSecurityGroupLimitExceeded"])
        );
    }
}
