//! The tasks' security group: ingress on the container port from the
//! allowed CIDR blocks and security groups.

use crate::aws::AwsError;
use crate::aws::ec2::{Ec2Tags, IngressSource, SecurityGroups};
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};

pub fn sources(cidrs: &[String], groups: &[String]) -> Vec<IngressSource> {
    cidrs
        .iter()
        .map(|c| IngressSource::Cidr(c.clone()))
        .chain(
            groups
                .iter()
                .map(|g| IngressSource::SecurityGroup(g.clone())),
        )
        .collect()
}

/// Creates (or adopts, after an interrupted create) the group with its
/// rules, or changes the rules and tags of the existing one. `made` holds
/// the group's id as soon as it exists, so a later failure still records it.
pub async fn ensure<A: SecurityGroups + Ec2Tags + ?Sized>(
    api: &A,
    desired: &Desired,
    ingress_cidrs: &[String],
    before: Option<&Before>,
    existing: Option<&str>,
    made: &mut Option<String>,
) -> Result<String, Diagnostic> {
    let name = names::security_group(&desired.name);
    let fail = |what: &str, e: AwsError| e.to_diagnostic(&format!("{what} security group {name}"));
    let wanted = sources(ingress_cidrs, &desired.ingress_security_group_ids);
    let port = desired.container.port;
    match existing {
        None => {
            let description = format!("Tasks of the PrivateLink service {}", desired.name);
            let id = match api
                .create_security_group(&desired.vpc_id, &name, &description, &desired.tags_all)
                .await
            {
                Ok(id) => id,
                Err(e) if e.is_code(&["InvalidGroup.Duplicate"]) => {
                    // Left by an earlier, interrupted create: adopt it.
                    let found = api
                        .find_security_group_by_name(&desired.vpc_id, &name)
                        .await
                        .map_err(|e| fail("finding", e))?;
                    let group = found.ok_or_else(|| fail("creating", e))?;
                    *made = Some(group.id.clone());
                    api.set_ec2_tags(&group.id, &group.tags, &desired.tags_all)
                        .await
                        .map_err(|e| fail("tagging", e))?;
                    group.id
                }
                Err(e) => return Err(fail("creating", e)),
            };
            *made = Some(id.clone());
            api.authorize_ingress(&id, port, &wanted)
                .await
                .map_err(|e| fail("adding ingress rules to", e))?;
            Ok(id)
        }
        Some(id) => {
            let current = api
                .find_security_group(id)
                .await
                .map_err(|e| fail("reading", e))?;
            if let Some(group) = current {
                let have: Vec<IngressSource> = group
                    .ingress
                    .iter()
                    .filter(|(p, _)| *p == port)
                    .map(|(_, s)| s.clone())
                    .collect();
                let add: Vec<IngressSource> = wanted
                    .iter()
                    .filter(|s| !have.contains(s))
                    .cloned()
                    .collect();
                let remove: Vec<IngressSource> = have
                    .iter()
                    .filter(|s| !wanted.contains(s))
                    .cloned()
                    .collect();
                api.authorize_ingress(id, port, &add)
                    .await
                    .map_err(|e| fail("adding ingress rules to", e))?;
                api.revoke_ingress(id, port, &remove)
                    .await
                    .map_err(|e| fail("removing ingress rules from", e))?;
                if group.tags != desired.tags_all
                    || prior_tags(before, true).is_some_and(|t| *t != desired.tags_all)
                {
                    api.set_ec2_tags(id, &group.tags, &desired.tags_all)
                        .await
                        .map_err(|e| fail("tagging", e))?;
                }
            }
            Ok(id.to_string())
        }
    }
}
