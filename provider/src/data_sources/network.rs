//! `privatelink_network`: finds a VPC by id or tags and the subnets of one
//! tier (a `Tier` tag, e.g. `private`), for workload workspaces to place
//! services and endpoints in.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::aws::AwsClients;
use crate::aws::ec2::network::{NetworkFinder, Subnet, Vpc, VpcQuery};
use crate::aws::formats;
use crate::values::string_map;
use tfplugin::context::Ctx;
use tfplugin::data_source::DataSource;
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;
use tfplugin::schema::{Attribute, Block, Nesting, Schema};
use tfplugin::validators::{LengthBetween, Predicate};
use tfplugin::value::{Value, from_typed};

/// The tag key that names a subnet's tier unless `tier_tag_key` says otherwise.
pub const DEFAULT_TIER_TAG: &str = "Tier";

pub struct NetworkDataSource;

#[derive(Debug, Serialize)]
struct NetworkState {
    id: String,
    tags: Option<BTreeMap<String, String>>,
    subnet_tier: Option<String>,
    tier_tag_key: String,
    vpc_id: String,
    cidr_block: String,
    availability_zones: Vec<String>,
    subnet_ids: Vec<String>,
    subnets: Vec<SubnetState>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct SubnetState {
    id: String,
    availability_zone: String,
    cidr_block: String,
}

/// What to look up.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkQuery {
    pub vpc: VpcQuery,
    pub tier: Option<String>,
    pub tier_tag_key: String,
}

/// What was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub vpc: Vpc,
    /// Sorted by availability zone, then id.
    pub subnets: Vec<Subnet>,
}

fn describe_query(q: &VpcQuery) -> String {
    let mut parts = Vec::new();
    if let Some(id) = &q.id {
        parts.push(format!("id = {id:?}"));
    }
    if !q.tags.is_empty() {
        let tags: Vec<String> = q.tags.iter().map(|(k, v)| format!("{k} = {v:?}")).collect();
        parts.push(format!("tags {{ {} }}", tags.join(", ")));
    }
    parts.join(" and ")
}

/// Finds exactly one VPC and the subnets of the requested tier.
pub async fn lookup(
    finder: &dyn NetworkFinder,
    query: &NetworkQuery,
) -> Result<Network, Diagnostics> {
    let vpcs = finder
        .find_vpcs(&query.vpc)
        .await
        .map_err(|e| Diagnostics::from(e.to_diagnostic("looking up the VPC")))?;
    let where_ = describe_query(&query.vpc);
    let vpc = match vpcs.len() {
        0 => {
            return Err(Diagnostic::error(
                "No VPC found",
                format!("No VPC matches {where_} in this account and region."),
            )
            .into());
        }
        1 => vpcs.into_iter().next().expect("one VPC"),
        n => {
            let ids: Vec<&str> = vpcs.iter().map(|v| v.id.as_str()).collect();
            return Err(Diagnostic::error(
                "More than one VPC found",
                format!(
                    "{n} VPCs match {where_}: {}. Add tags (or use id) so exactly one matches.",
                    ids.join(", ")
                ),
            )
            .into());
        }
    };
    let tier_filter = query
        .tier
        .as_deref()
        .map(|t| (query.tier_tag_key.as_str(), t));
    let mut subnets = finder
        .find_subnets(&vpc.id, tier_filter)
        .await
        .map_err(|e| {
            Diagnostics::from(e.to_diagnostic(&format!("listing the subnets of {}", vpc.id)))
        })?;
    if let Some(tier) = query.tier.as_ref().filter(|_| subnets.is_empty()) {
        return Err(Diagnostic::error(
            "No subnets in tier",
            format!(
                "VPC {} has no subnets tagged {} = {tier:?}. Tag the subnets of that tier, or choose another subnet_tier.",
                vpc.id, query.tier_tag_key
            ),
        )
        .at(AttributePath::attr("subnet_tier"))
        .into());
    }
    subnets.sort_by(|a, b| (&a.availability_zone, &a.id).cmp(&(&b.availability_zone, &b.id)));
    Ok(Network { vpc, subnets })
}

fn query_from_config(config: &Value) -> NetworkQuery {
    let tags = string_map(config.get("tags"));
    NetworkQuery {
        vpc: VpcQuery {
            id: config.get("id").as_str().map(str::to_string),
            tags,
        },
        tier: config.get("subnet_tier").as_str().map(str::to_string),
        tier_tag_key: config
            .get("tier_tag_key")
            .as_str()
            .unwrap_or(DEFAULT_TIER_TAG)
            .to_string(),
    }
}

#[async_trait]
impl DataSource<AwsClients> for NetworkDataSource {
    fn type_name(&self) -> &'static str {
        "privatelink_network"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .describe("Looks up a VPC by `id` or by `tags` (or both), and the subnets of one tier, selected by a `Tier` tag.")
                .attribute(
                    Attribute::string("id")
                        .optional()
                        .computed()
                        .describe("VPC id to look up. Computed when looking up by tags.")
                        .validate(Predicate { expected: "a VPC id such as \"vpc-0123456789abcdef0\"", check: |s| formats::has_id_prefix(s, "vpc") }),
                )
                .attribute(
                    Attribute::string_map("tags")
                        .optional()
                        .describe("Tags the VPC must carry, all of them."),
                )
                .attribute(
                    Attribute::string("subnet_tier")
                        .optional()
                        .describe("Only subnets whose tier tag has this value, e.g. `private`. All subnets of the VPC when unset.")
                        .validate(LengthBetween { min: 1, max: 256 }),
                )
                .attribute(
                    Attribute::string("tier_tag_key")
                        .optional()
                        .computed()
                        .describe(format!("Tag key holding a subnet's tier. Defaults to `{DEFAULT_TIER_TAG}`."))
                        .validate(LengthBetween { min: 1, max: 128 }),
                )
                .attribute(Attribute::string("vpc_id").computed().describe("The VPC id."))
                .attribute(Attribute::string("cidr_block").computed().describe("The VPC's primary IPv4 CIDR block."))
                .attribute(
                    Attribute::string_list("availability_zones")
                        .computed()
                        .describe("Availability zones of the selected subnets, sorted."),
                )
                .attribute(
                    Attribute::string_list("subnet_ids")
                        .computed()
                        .describe("Ids of the selected subnets, ordered by availability zone."),
                )
                .attribute(
                    Attribute::nested(
                        "subnets",
                        Nesting::List,
                        vec![
                            Attribute::string("id").computed(),
                            Attribute::string("availability_zone").computed(),
                            Attribute::string("cidr_block").computed(),
                        ],
                    )
                    .computed()
                    .describe("The selected subnets, ordered by availability zone."),
                ),
        )
    }

    fn validate_config(&self, config: &Value, diags: &mut Diagnostics) {
        let id = config.get("id");
        let tags = config.get("tags");
        let no_tags = tags.as_map().is_some_and(|m| m.is_empty());
        if id.is_null() && (tags.is_null() || no_tags) {
            diags.push(
                Diagnostic::error(
                    "Missing VPC selector",
                    "Set `id`, or `tags` with at least one tag, to say which VPC to look up.",
                )
                .at(AttributePath::attr("tags")),
            );
        }
    }

    async fn read(
        &self,
        _ctx: &Ctx,
        clients: &AwsClients,
        config: Value,
    ) -> Result<Value, Diagnostics> {
        let query = query_from_config(&config);
        let network = lookup(clients, &query).await?;
        let zones: BTreeSet<String> = network
            .subnets
            .iter()
            .map(|s| s.availability_zone.clone())
            .collect();
        let state = NetworkState {
            id: network.vpc.id.clone(),
            // Echo the configuration exactly: null stays null.
            tags: config.get("tags").as_map().map(|_| query.vpc.tags.clone()),
            subnet_tier: query.tier.clone(),
            tier_tag_key: query.tier_tag_key.clone(),
            vpc_id: network.vpc.id.clone(),
            cidr_block: network.vpc.cidr_block.clone(),
            availability_zones: zones.into_iter().collect(),
            subnet_ids: network.subnets.iter().map(|s| s.id.clone()).collect(),
            subnets: network
                .subnets
                .iter()
                .map(|s| SubnetState {
                    id: s.id.clone(),
                    availability_zone: s.availability_zone.clone(),
                    cidr_block: s.cidr_block.clone(),
                })
                .collect(),
        };
        from_typed(&state, &self.schema().value_type()).map_err(|e| {
            Diagnostic::error("Internal error", format!("privatelink_network state: {e}")).into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::errors::AwsError;

    struct FakeNetwork {
        vpcs: Vec<Vpc>,
        subnets: Vec<Subnet>,
    }

    #[async_trait]
    impl NetworkFinder for FakeNetwork {
        async fn find_vpcs(&self, q: &VpcQuery) -> Result<Vec<Vpc>, AwsError> {
            Ok(self
                .vpcs
                .iter()
                .filter(|v| q.id.as_ref().is_none_or(|id| *id == v.id))
                .filter(|v| q.tags.iter().all(|(k, val)| v.tags.get(k) == Some(val)))
                .cloned()
                .collect())
        }

        async fn find_subnets(
            &self,
            vpc_id: &str,
            tag: Option<(&str, &str)>,
        ) -> Result<Vec<Subnet>, AwsError> {
            Ok(self
                .subnets
                .iter()
                .filter(|s| s.vpc_id == vpc_id)
                .filter(|s| tag.is_none_or(|(k, v)| s.tags.get(k).map(String::as_str) == Some(v)))
                .cloned()
                .collect())
        }
    }

    fn vpc(id: &str, env: &str) -> Vpc {
        Vpc {
            id: id.into(),
            cidr_block: "10.0.0.0/16".into(),
            tags: [("Env".to_string(), env.to_string())].into(),
        }
    }

    fn subnet(id: &str, vpc: &str, az: &str, tier: &str) -> Subnet {
        Subnet {
            id: id.into(),
            vpc_id: vpc.into(),
            availability_zone: az.into(),
            cidr_block: "10.0.1.0/24".into(),
            tags: [("Tier".to_string(), tier.to_string())].into(),
        }
    }

    fn fake() -> FakeNetwork {
        FakeNetwork {
            vpcs: vec![
                vpc("vpc-11111111", "dev"),
                vpc("vpc-22222222", "prod"),
                vpc("vpc-33333333", "prod"),
            ],
            subnets: vec![
                subnet("subnet-b", "vpc-11111111", "us-east-1b", "private"),
                subnet("subnet-a", "vpc-11111111", "us-east-1a", "private"),
                subnet("subnet-p", "vpc-11111111", "us-east-1a", "public"),
            ],
        }
    }

    fn query(id: Option<&str>, tags: &[(&str, &str)], tier: Option<&str>) -> NetworkQuery {
        NetworkQuery {
            vpc: VpcQuery {
                id: id.map(str::to_string),
                tags: tags
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            },
            tier: tier.map(str::to_string),
            tier_tag_key: DEFAULT_TIER_TAG.into(),
        }
    }

    #[tokio::test]
    async fn finds_one_vpc_and_its_tier_in_zone_order() {
        let n = lookup(&fake(), &query(None, &[("Env", "dev")], Some("private")))
            .await
            .unwrap();
        assert_eq!(n.vpc.id, "vpc-11111111");
        let ids: Vec<&str> = n.subnets.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["subnet-a", "subnet-b"]);
    }

    #[tokio::test]
    async fn ambiguous_tags_list_the_candidates() {
        let e = lookup(&fake(), &query(None, &[("Env", "prod")], None))
            .await
            .unwrap_err();
        let d = e.iter().next().unwrap();
        assert_eq!(d.summary, "More than one VPC found");
        assert!(
            d.detail.contains("vpc-22222222") && d.detail.contains("vpc-33333333"),
            "{}",
            d.detail
        );
    }

    #[tokio::test]
    async fn nothing_found_says_what_was_asked() {
        let e = lookup(&fake(), &query(Some("vpc-99999999"), &[], None))
            .await
            .unwrap_err();
        let d = e.iter().next().unwrap();
        assert_eq!(d.summary, "No VPC found");
        assert!(d.detail.contains("vpc-99999999"));
    }

    #[tokio::test]
    async fn empty_tier_points_at_subnet_tier() {
        let e = lookup(&fake(), &query(Some("vpc-11111111"), &[], Some("isolated")))
            .await
            .unwrap_err();
        let d = e.iter().next().unwrap();
        assert_eq!(d.path.as_ref().unwrap().to_string(), "subnet_tier");
    }
}
