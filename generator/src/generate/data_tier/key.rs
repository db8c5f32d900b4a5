//! The service's data key: one customer managed KMS key (rotated) for the
//! cluster's storage, Performance Insights and managed secret, the table,
//! Redis, the AUTH token secret, the PostgreSQL log group and the backup
//! vault.

use super::Tier;
use crate::generate::checkov::Skip;
use crate::generate::hcl::{B, r, resource, template};
use crate::generate::logs_key_policy;

/// The key, its alias and its policy.
pub fn blocks(tier: &Tier) -> (Vec<B>, Vec<Skip>) {
    let id = &tier.id;
    let account = tier.account.id.get_ref();
    let region = tier.account.region.get_ref();
    let policy = format!("{id}_data_key");
    let (policy_document, skips) = logs_key_policy::blocks(
        &policy,
        tier.account,
        vec![template(&format!(
            "arn:aws:logs:{region}:{account}:log-group:/aws/rds/cluster/{}/*",
            tier.prefix()
        ))],
    );
    let blocks = vec![
        policy_document,
        resource("aws_kms_key", &format!("{id}_data"))
            .attr(
                "description",
                template(&format!(
                    "Data tier of {} (${{local.environment}})",
                    tier.name()
                )),
            )
            .attr("enable_key_rotation", true)
            .attr("deletion_window_in_days", 30)
            .attr(
                "policy",
                r(&format!("data.aws_iam_policy_document.{policy}.json")),
            ),
        resource("aws_kms_alias", &format!("{id}_data"))
            .attr("name", template(&format!("alias/{}-data", tier.prefix())))
            .attr("target_key_id", tier.at("aws_kms_key", "_data", "key_id")),
    ];
    (blocks, skips)
}
