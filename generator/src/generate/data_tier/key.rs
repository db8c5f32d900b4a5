//! The service's data key: one customer managed KMS key (rotated) for the
//! cluster's storage, Performance Insights and managed secret, the table,
//! Redis, the AUTH token secret, the PostgreSQL log group and the backup
//! vault.

use super::Tier;
use crate::generate::checkov::Skip;
use crate::generate::hcl::{B, block, data, list, r, resource, string, strings, template};

/// The key, its alias and its policy.
pub fn blocks(tier: &Tier) -> (Vec<B>, Vec<Skip>) {
    let id = &tier.id;
    let account = tier.account.id.get_ref();
    let region = tier.account.region.get_ref();
    let policy = format!("{id}_data_key");
    let blocks = vec![
        data("aws_iam_policy_document", &policy)
            .child(
                block("statement", &[])
                    .attr("sid", string("AccountIAM"))
                    .attr("actions", strings(["kms:*"]))
                    .attr("resources", strings(["*"]))
                    .child(
                        block("principals", &[])
                            .attr("type", string("AWS"))
                            .attr("identifiers", strings([format!("arn:aws:iam::{account}:root")])),
                    ),
            )
            .child(
                block("statement", &[])
                    .attr("sid", string("CloudWatchLogs"))
                    .attr(
                        "actions",
                        strings([
                            "kms:Encrypt*",
                            "kms:Decrypt*",
                            "kms:ReEncrypt*",
                            "kms:GenerateDataKey*",
                            "kms:Describe*",
                        ]),
                    )
                    .attr("resources", strings(["*"]))
                    .child(
                        block("principals", &[])
                            .attr("type", string("Service"))
                            .attr("identifiers", strings([format!("logs.{region}.amazonaws.com")])),
                    )
                    .child(
                        block("condition", &[])
                            .attr("test", string("ArnLike"))
                            .attr("variable", string("kms:EncryptionContext:aws:logs:arn"))
                            .attr(
                                "values",
                                list(vec![template(&format!(
                                    "arn:aws:logs:{region}:{account}:log-group:/aws/rds/cluster/{}/*",
                                    tier.prefix()
                                ))]),
                            ),
                    ),
            ),
        resource("aws_kms_key", &format!("{id}_data"))
            .attr(
                "description",
                template(&format!("Data tier of {} (${{local.environment}})", tier.name())),
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
    let skips = vec![
        Skip::data(
            "aws_iam_policy_document",
            &policy,
            "CKV_AWS_109",
            "Key policies need the account-root statement (the default key policy); it delegates key use to this account's IAM policies, which scope it.",
        ),
        Skip::data(
            "aws_iam_policy_document",
            &policy,
            "CKV_AWS_111",
            "Same account-root statement; in a key policy \"*\" means this key only.",
        ),
        Skip::data(
            "aws_iam_policy_document",
            &policy,
            "CKV_AWS_356",
            "In a key policy \"*\" is the key itself; there is no narrower resource to name.",
        ),
    ];
    (blocks, skips)
}
