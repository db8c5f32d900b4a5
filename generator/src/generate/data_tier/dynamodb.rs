//! The original's DynamoDB table (`<service>-<environment>-data`): `id`
//! (string) and `timestamp` (number), the `user-index` GSI (`userId`,
//! `createdAt`), TTL on `ttl`; on demand, point-in-time recovery, the data
//! key, deletion protection in prod.

use super::Tier;
use crate::generate::checkov::Skip;
use crate::generate::hcl::{B, block, object, resource, string};

fn attribute(name: &str, kind: &str) -> B {
    block("attribute", &[])
        .attr("name", string(name))
        .attr("type", string(kind))
}

/// The table.
pub fn blocks(tier: &Tier) -> (Vec<B>, Vec<Skip>) {
    let table = resource("aws_dynamodb_table", &tier.id)
        .attr("name", tier.named("-data"))
        .attr("billing_mode", string("PAY_PER_REQUEST"))
        .attr("hash_key", string("id"))
        .attr("range_key", string("timestamp"))
        .attr("deletion_protection_enabled", tier.setting("protected"))
        .child(attribute("id", "S"))
        .child(attribute("timestamp", "N"))
        .child(attribute("userId", "S"))
        .child(attribute("createdAt", "N"))
        .child(
            block("global_secondary_index", &[])
                .attr("name", string("user-index"))
                .attr("hash_key", string("userId"))
                .attr("range_key", string("createdAt"))
                .attr("projection_type", string("ALL")),
        )
        .child(
            block("ttl", &[])
                .attr("attribute_name", string("ttl"))
                .attr("enabled", true),
        )
        .child(block("point_in_time_recovery", &[]).attr("enabled", true))
        .child(
            block("server_side_encryption", &[])
                .attr("enabled", true)
                .attr("kms_key_arn", tier.at("aws_kms_key", "_data", "arn")),
        )
        .attr(
            "tags",
            object(vec![
                ("Service", string(tier.name())),
                ("Backup", tier.backup_tag()),
            ]),
        );
    (vec![table], vec![])
}
