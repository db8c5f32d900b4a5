//! Reading back what the consumer's objects are now: its security group's
//! rules on the port, the endpoint's groups and tags, in the shape of the
//! attributes they back.

use std::collections::BTreeSet;

use crate::aws::ec2::{IngressSource, SecurityGroup};
use crate::aws::tags::{Tags, without_aws_managed};

/// The sources the group admits on `port`: CIDR blocks (in `prior`'s order
/// where they were there before, new ones after) and security groups.
pub fn admitted(
    group: &SecurityGroup,
    port: i32,
    prior: &[String],
) -> (Vec<String>, BTreeSet<String>) {
    let mut cidrs = BTreeSet::new();
    let mut groups = BTreeSet::new();
    for (p, source) in &group.ingress {
        if *p != port {
            continue;
        }
        match source {
            IngressSource::Cidr(c) => {
                cidrs.insert(c.clone());
            }
            IngressSource::SecurityGroup(g) => {
                groups.insert(g.clone());
            }
        }
    }
    let mut ordered: Vec<String> = prior
        .iter()
        .filter(|c| cidrs.contains(*c))
        .cloned()
        .collect();
    ordered.extend(cidrs.into_iter().filter(|c| !prior.contains(c)));
    (ordered, groups)
}

/// `tags` and `tags_all` from the tags an object carries: the `Name` tag
/// the consumer adds is left out unless configured; `tags` keeps what was
/// configured plus anything that is not one of the provider's defaults.
pub fn split_tags(
    observed: &Tags,
    name: &str,
    prior_tags: &Tags,
    default_tags: &Tags,
) -> (Tags, Tags) {
    let mut all = without_aws_managed(observed.clone());
    let name_is_ours = !prior_tags.contains_key("Name") && !default_tags.contains_key("Name");
    if name_is_ours && all.get("Name").map(String::as_str) == Some(name) {
        all.remove("Name");
    }
    let own = all
        .iter()
        .filter(|(k, v)| prior_tags.contains_key(*k) || default_tags.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (own, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> Tags {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn admitted_sources_keep_the_prior_order() {
        let group = SecurityGroup {
            id: "sg-1".into(),
            name: "n".into(),
            vpc_id: "vpc-1".into(),
            description: String::new(),
            ingress: [
                (443, IngressSource::Cidr("10.0.0.0/16".into())),
                (443, IngressSource::Cidr("10.9.0.0/16".into())),
                (443, IngressSource::Cidr("10.1.0.0/16".into())),
                (443, IngressSource::SecurityGroup("sg-9".into())),
                (22, IngressSource::Cidr("10.2.0.0/16".into())),
            ]
            .into(),
            tags: Tags::new(),
        };
        let (cidrs, groups) = admitted(&group, 443, &["10.1.0.0/16".into(), "10.0.0.0/16".into()]);
        assert_eq!(cidrs, vec!["10.1.0.0/16", "10.0.0.0/16", "10.9.0.0/16"]);
        assert_eq!(groups, ["sg-9".to_string()].into());
    }

    #[test]
    fn tags_split_into_own_and_all() {
        let observed = tags(&[
            ("Name", "orders"),
            ("Team", "a"),
            ("Env", "dev"),
            ("aws:x", "y"),
        ]);
        let defaults = tags(&[("Env", "dev")]);
        let (own, all) = split_tags(&observed, "orders", &tags(&[("Team", "a")]), &defaults);
        assert_eq!(own, tags(&[("Team", "a")]));
        assert_eq!(all, tags(&[("Team", "a"), ("Env", "dev")]));
        // A configured Name stays; a tag added out of band shows as drift.
        let observed = tags(&[("Name", "custom"), ("Extra", "1")]);
        let (own, _) = split_tags(
            &observed,
            "orders",
            &tags(&[("Name", "custom")]),
            &Tags::new(),
        );
        assert_eq!(own, tags(&[("Name", "custom"), ("Extra", "1")]));
    }
}
