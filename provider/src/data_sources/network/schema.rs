//! The `privatelink_network` schema.

use crate::aws::formats;
use tfplugin::schema::{Attribute, Block, Nesting, Schema};
use tfplugin::validators::{LengthBetween, Predicate};

/// The tag key that names a subnet's tier unless `tier_tag_key` says otherwise.
pub const DEFAULT_TIER_TAG: &str = "Tier";

/// What users configure and what the data source reports.
pub fn schema() -> Schema {
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
