//! The policy of a customer managed KMS key that CloudWatch Logs encrypts
//! with: the account's IAM decides who else uses the key (the default key
//! policy statement), and the region's CloudWatch Logs may use it only for
//! the named log groups. Shared by the provider accounts' data keys and the
//! consumer accounts' log keys.

use super::checkov::Skip;
use super::hcl::{B, block, data, list, string, strings};
use crate::catalog::Account;
use hcl::Expression;

/// `data "aws_iam_policy_document" "<name>"` for a key of `account` that
/// CloudWatch Logs may use for the log groups whose ARNs match `log_groups`
/// (patterns for `ArnLike`), with the checkov skips its account-root
/// statement needs.
pub fn blocks(name: &str, account: &Account, log_groups: Vec<Expression>) -> (B, Vec<Skip>) {
    let account_id = account.id.get_ref();
    let region = account.region.get_ref();
    let policy = data("aws_iam_policy_document", name)
        .child(
            block("statement", &[])
                .attr("sid", string("AccountIAM"))
                .attr("actions", strings(["kms:*"]))
                .attr("resources", strings(["*"]))
                .child(block("principals", &[]).attr("type", string("AWS")).attr(
                    "identifiers",
                    strings([format!("arn:aws:iam::{account_id}:root")]),
                )),
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
                        .attr(
                            "identifiers",
                            strings([format!("logs.{region}.amazonaws.com")]),
                        ),
                )
                .child(
                    block("condition", &[])
                        .attr("test", string("ArnLike"))
                        .attr("variable", string("kms:EncryptionContext:aws:logs:arn"))
                        .attr("values", list(log_groups)),
                ),
        );
    let skips = vec![
        Skip::data(
            "aws_iam_policy_document",
            name,
            "CKV_AWS_109",
            "Key policies need the account-root statement (the default key policy); it delegates key use to this account's IAM policies, which scope it.",
        ),
        Skip::data(
            "aws_iam_policy_document",
            name,
            "CKV_AWS_111",
            "Same account-root statement; in a key policy \"*\" means this key only.",
        ),
        Skip::data(
            "aws_iam_policy_document",
            name,
            "CKV_AWS_356",
            "In a key policy \"*\" is the key itself; there is no narrower resource to name.",
        ),
    ];
    (policy, skips)
}
