//! AWS Backup of the cluster and the table: a vault under the data key, a
//! daily plan whose lifecycle AWS Backup accepts (validated: retention >=
//! cold storage + 90 days), and a selection of everything tagged
//! `Backup = <service>-<environment>`, through a role with AWS's backup
//! service policy.

use super::Tier;
use crate::generate::hcl::{B, block, conditional, data, r, resource, string, strings};

/// The vault, plan, role and selection.
pub fn blocks(tier: &Tier) -> Vec<B> {
    let id = &tier.id;
    let trust = format!("{id}_backup_trust");
    vec![
        resource("aws_backup_vault", id)
            .attr("name", tier.named(""))
            .attr("kms_key_arn", tier.at("aws_kms_key", "_data", "arn"))
            .attr(
                "force_destroy",
                conditional(tier.setting("protected"), false, true),
            ),
        resource("aws_backup_plan", id)
            .attr("name", tier.named(""))
            .child(
                block("rule", &[])
                    .attr("rule_name", string("daily"))
                    .attr("target_vault_name", tier.at("aws_backup_vault", "", "name"))
                    .attr("schedule", string("cron(0 2 * * ? *)"))
                    .child(
                        block("lifecycle", &[])
                            .attr("delete_after", tier.setting("backup_retention_days"))
                            .attr(
                                "cold_storage_after",
                                tier.setting("backup_cold_storage_after_days"),
                            ),
                    ),
            ),
        data("aws_iam_policy_document", &trust).child(
            block("statement", &[])
                .attr("actions", strings(["sts:AssumeRole"]))
                .child(
                    block("principals", &[])
                        .attr("type", string("Service"))
                        .attr("identifiers", strings(["backup.amazonaws.com"])),
                ),
        ),
        resource("aws_iam_role", &format!("{id}_backup"))
            .attr("name", tier.named("-backup"))
            .attr(
                "assume_role_policy",
                r(&format!("data.aws_iam_policy_document.{trust}.json")),
            ),
        resource("aws_iam_role_policy_attachment", &format!("{id}_backup"))
            .attr("role", tier.at("aws_iam_role", "_backup", "name"))
            .attr(
                "policy_arn",
                string("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"),
            ),
        resource("aws_backup_selection", id)
            .attr("name", tier.named(""))
            .attr("plan_id", tier.at("aws_backup_plan", "", "id"))
            .attr("iam_role_arn", tier.at("aws_iam_role", "_backup", "arn"))
            .child(
                block("selection_tag", &[])
                    .attr("type", string("STRINGEQUALS"))
                    .attr("key", string("Backup"))
                    .attr("value", tier.backup_tag()),
            ),
    ]
}
