//! A security group as a part of a resource: TCP ingress on one or more
//! ports, each from its own CIDR blocks and other security groups, AWS's
//! default egress, and tags. Created (or, when the create's answer was
//! lost, recognised by the token in its description), then kept in line
//! with its rules and tags.

use crate::aws::AwsError;
use crate::aws::ec2::{Ec2Tags, IngressSource, SecurityGroup, SecurityGroups};
use crate::aws::tags::Tags;
use tfplugin::diagnostics::Diagnostic;

use super::tags::reconcile_tags;

/// The sources ingress is allowed from on one TCP port. A port with no
/// sources is one the group no longer opens: its rules are revoked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortIngress {
    pub port: i32,
    pub sources: Vec<IngressSource>,
}

impl PortIngress {
    /// `port` open to CIDR blocks, then security groups.
    pub fn new(port: i32, cidrs: &[String], security_group_ids: &[String]) -> Self {
        let sources = cidrs
            .iter()
            .map(|c| IngressSource::Cidr(c.clone()))
            .chain(
                security_group_ids
                    .iter()
                    .map(|g| IngressSource::SecurityGroup(g.clone())),
            )
            .collect();
        PortIngress { port, sources }
    }

    /// `port` closed: every rule on it is revoked.
    pub fn closed(port: i32) -> Self {
        PortIngress {
            port,
            sources: Vec::new(),
        }
    }
}

/// A random token for the description of the groups one run creates. A
/// create whose answer was lost (and retried by the SDK) meets its own
/// group as a duplicate: the token in its description proves it is this
/// run's and not another one of the same name.
pub fn ownership_token() -> String {
    format!("{:08x}", fastrand::u32(..))
}

/// What the group should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityGroupSpec {
    /// Unique in the VPC; how a group left by an interrupted create is found.
    pub name: String,
    /// Set at creation only; holds an [`ownership_token`], so the group
    /// can be recognised as this run's.
    pub description: String,
    /// The VPC the group belongs to.
    pub vpc_id: String,
    /// The TCP ports the group manages, each with its sources; rules on
    /// other ports are left alone.
    pub ingress: Vec<PortIngress>,
    /// Every tag the group should carry (the provider's defaults included).
    pub tags: Tags,
}

/// What to authorize and what to revoke on `port` to go from `group`'s
/// rules to `wanted`. Rules on other ports are not touched.
pub fn rule_changes(
    group: &SecurityGroup,
    port: i32,
    wanted: &[IngressSource],
) -> (Vec<IngressSource>, Vec<IngressSource>) {
    let have: Vec<&IngressSource> = group
        .ingress
        .iter()
        .filter(|(p, _)| *p == port)
        .map(|(_, s)| s)
        .collect();
    let add = wanted
        .iter()
        .filter(|s| !have.contains(s))
        .cloned()
        .collect();
    let remove = have
        .into_iter()
        .filter(|s| !wanted.contains(s))
        .cloned()
        .collect();
    (add, remove)
}

/// Creates the group with its rules (adopting one an interrupted create
/// left, with its tags set), or brings the rules and tags of the
/// `existing` one in line; `prior_tags` are the tags in force before.
/// Returns the group's id.
pub async fn ensure<A: SecurityGroups + Ec2Tags + ?Sized>(
    api: &A,
    spec: &SecurityGroupSpec,
    prior_tags: Option<&Tags>,
    existing: Option<&str>,
    made: &mut Option<String>,
) -> Result<String, Diagnostic> {
    let object = format!("security group {}", spec.name);
    let fail = |what: &str, e: AwsError| e.to_diagnostic(&format!("{what} {object}"));
    match existing {
        None => {
            let created = api
                .create_security_group(&spec.vpc_id, &spec.name, &spec.description, &spec.tags)
                .await;
            let id = match created {
                Ok(id) => id,
                // Whatever the error (a duplicate after the SDK retried a
                // create whose answer was lost, or a lost answer itself),
                // a group of this name carrying this run's description is
                // this run's: it is kept. Any other one is not touched.
                Err(e) => match api
                    .find_security_group_by_name(&spec.vpc_id, &spec.name)
                    .await
                {
                    Ok(Some(group)) if group.description == spec.description => {
                        *made = Some(group.id.clone());
                        reconcile_tags(Some(&group.tags), &spec.tags, None, |old| {
                            api.set_ec2_tags(&group.id, old, &spec.tags)
                        })
                        .await
                        .map_err(|e| fail("tagging", e))?;
                        group.id
                    }
                    Ok(Some(group)) if e.is_code(&["InvalidGroup.Duplicate"]) => {
                        return Err(Diagnostic::error(
                            "A security group of this name already exists",
                            format!(
                                "Security group {} ({}) already exists in {} and was not made by this resource (its description is {:?}). Delete it, or give this resource another name.",
                                spec.name, group.id, spec.vpc_id, group.description
                            ),
                        ));
                    }
                    _ => return Err(e.to_diagnostic(&format!("creating {object}"))),
                },
            };
            *made = Some(id.clone());
            for rule in spec.ingress.iter().filter(|r| !r.sources.is_empty()) {
                api.authorize_ingress(&id, rule.port, &rule.sources)
                    .await
                    .map_err(|e| fail("adding ingress rules to", e))?;
            }
            Ok(id)
        }
        Some(id) => {
            let current = api
                .find_security_group(id)
                .await
                .map_err(|e| fail("reading", e))?;
            if let Some(group) = current {
                for rule in &spec.ingress {
                    let (add, remove) = rule_changes(&group, rule.port, &rule.sources);
                    api.authorize_ingress(id, rule.port, &add)
                        .await
                        .map_err(|e| fail("adding ingress rules to", e))?;
                    api.revoke_ingress(id, rule.port, &remove)
                        .await
                        .map_err(|e| fail("removing ingress rules from", e))?;
                }
                reconcile_tags(Some(&group.tags), &spec.tags, prior_tags, |old| {
                    api.set_ec2_tags(id, old, &spec.tags)
                })
                .await
                .map_err(|e| fail("tagging", e))?;
            }
            Ok(id.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(c: &str) -> IngressSource {
        IngressSource::Cidr(c.into())
    }

    fn group(rules: &[(i32, IngressSource)]) -> SecurityGroup {
        SecurityGroup {
            id: "sg-1".into(),
            name: "n".into(),
            vpc_id: "vpc-1".into(),
            description: String::new(),
            ingress: rules.iter().cloned().collect(),
            tags: Tags::new(),
        }
    }

    #[test]
    fn port_ingress_lists_cidrs_then_groups() {
        let rule = PortIngress::new(443, &["10.0.0.0/16".into()], &["sg-9".into()]);
        assert_eq!(
            rule.sources,
            vec![
                cidr("10.0.0.0/16"),
                IngressSource::SecurityGroup("sg-9".into())
            ]
        );
        assert!(PortIngress::closed(80).sources.is_empty());
    }

    #[test]
    fn rule_changes_compare_only_the_given_port() {
        let g = group(&[
            (80, cidr("10.0.0.0/16")),
            (80, cidr("10.1.0.0/16")),
            (22, cidr("10.2.0.0/16")),
        ]);
        let (add, remove) = rule_changes(&g, 80, &[cidr("10.0.0.0/16"), cidr("10.3.0.0/16")]);
        assert_eq!(add, vec![cidr("10.3.0.0/16")]);
        assert_eq!(remove, vec![cidr("10.1.0.0/16")]);
        let (add, remove) = rule_changes(&g, 443, &[]);
        assert!(add.is_empty() && remove.is_empty());
    }
}
