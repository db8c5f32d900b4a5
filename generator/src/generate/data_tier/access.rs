//! What gives the service its data tier: the SSM parameters under
//! `/<environment>/<service>/database/`, the execution role's right to read
//! exactly the tier's secrets (ECS injects them), and the task role's
//! least-privilege access to exactly the tier's table, cluster user,
//! parameters and key.

use super::{POSTGRES_PORT, REDIS_PORT, Tier};
use crate::generate::checkov::Skip;
use crate::generate::hcl::{B, block, data, list, object, r, resource, string, strings, template};
use hcl::Expression;

/// Parameters, policies and their attachments.
pub fn blocks(tier: &Tier) -> (Vec<B>, Vec<Skip>) {
    let id = &tier.id;
    let mut blocks = vec![
        resource("aws_ssm_parameter", &format!("{id}_data"))
            .attr("for_each", object(parameters(tier)))
            .attr(
                "name",
                template(&format!("{}${{each.key}}", tier.parameter_path())),
            )
            .attr("type", string("String"))
            .attr("value", r("each.value")),
    ];
    let mut secrets: Vec<Expression> = Vec::new();
    if tier.database.postgres.is_some() {
        secrets.push(super::postgres::master_secret_arn(tier));
    }
    if tier.database.redis.is_some() {
        secrets.push(
            tier.at("aws_secretsmanager_secret", "_redis_auth", "arn")
                .into(),
        );
    }
    if !secrets.is_empty() {
        let policy = format!("{id}_execution_secrets");
        blocks.push(
            data("aws_iam_policy_document", &policy)
                .child(
                    block("statement", &[])
                        .attr("sid", string("ReadDataSecrets"))
                        .attr("actions", strings(["secretsmanager:GetSecretValue"]))
                        .attr("resources", list(secrets)),
                )
                .child(
                    block("statement", &[])
                        .attr("sid", string("DecryptDataSecrets"))
                        .attr("actions", strings(["kms:Decrypt"]))
                        .attr(
                            "resources",
                            list(vec![tier.at("aws_kms_key", "_data", "arn").into()]),
                        ),
                ),
        );
        blocks.push(
            resource("aws_iam_role_policy", &policy)
                .attr("name", string("data-tier-secrets"))
                .attr("role", tier.at("aws_iam_role", "_execution", "id"))
                .attr(
                    "policy",
                    r(&format!("data.aws_iam_policy_document.{policy}.json")),
                ),
        );
    }
    let policy = format!("{id}_task_data");
    let mut document = data("aws_iam_policy_document", &policy).child(
        block("statement", &[])
            .attr("sid", string("ReadDataParameters"))
            .attr(
                "actions",
                strings([
                    "ssm:GetParameter",
                    "ssm:GetParameters",
                    "ssm:GetParametersByPath",
                ]),
            )
            .attr(
                "resources",
                list(vec![
                    template(&format!("{}database", parameter_arn_prefix(tier))),
                    template(&format!("{}database/*", parameter_arn_prefix(tier))),
                ]),
            ),
    );
    if tier.database.dynamodb.is_some() {
        document = document
            .child(
                block("statement", &[])
                    .attr("sid", string("UseTable"))
                    .attr(
                        "actions",
                        strings([
                            "dynamodb:BatchGetItem",
                            "dynamodb:BatchWriteItem",
                            "dynamodb:ConditionCheckItem",
                            "dynamodb:DeleteItem",
                            "dynamodb:DescribeTable",
                            "dynamodb:GetItem",
                            "dynamodb:PutItem",
                            "dynamodb:Query",
                            "dynamodb:Scan",
                            "dynamodb:UpdateItem",
                        ]),
                    )
                    .attr(
                        "resources",
                        list(vec![
                            tier.at("aws_dynamodb_table", "", "arn").into(),
                            template(&format!("${{aws_dynamodb_table.{id}.arn}}/index/*")),
                        ]),
                    ),
            )
            .child(
                block("statement", &[])
                    .attr("sid", string("TableKey"))
                    .attr(
                        "actions",
                        strings([
                            "kms:Decrypt",
                            "kms:DescribeKey",
                            "kms:Encrypt",
                            "kms:GenerateDataKey*",
                        ]),
                    )
                    .attr(
                        "resources",
                        list(vec![tier.at("aws_kms_key", "_data", "arn").into()]),
                    )
                    .child(
                        block("condition", &[])
                            .attr("test", string("StringEquals"))
                            .attr("variable", string("kms:ViaService"))
                            .attr(
                                "values",
                                strings([format!(
                                    "dynamodb.{}.amazonaws.com",
                                    tier.account.region.get_ref()
                                )]),
                            ),
                    ),
            );
    }
    if tier.database.postgres.is_some() {
        document = document.child(
            block("statement", &[])
                .attr("sid", string("ConnectWithIam"))
                .attr("actions", strings(["rds-db:connect"]))
                .attr(
                    "resources",
                    list(vec![template(&format!(
                        "arn:aws:rds-db:{}:{}:dbuser:${{aws_rds_cluster.{id}.cluster_resource_id}}/{}",
                        tier.account.region.get_ref(),
                        tier.account.id.get_ref(),
                        tier.iam_database_user()
                    ))]),
                ),
        );
    }
    blocks.push(document);
    blocks.push(
        resource("aws_iam_role_policy", &policy)
            .attr("name", string("data-tier"))
            .attr("role", tier.at("aws_iam_role", "_task", "id"))
            .attr(
                "policy",
                r(&format!("data.aws_iam_policy_document.{policy}.json")),
            ),
    );
    let skips = vec![Skip::resource(
        "aws_ssm_parameter",
        &format!("{id}_data"),
        "CKV2_AWS_34",
        "Non-secret endpoints, names and ARNs; the credentials are in Secrets Manager and reach the tasks as ECS secrets.",
    )];
    (blocks, skips)
}

/// `arn:aws:ssm:<region>:<account>:parameter/<environment>/<service>/`.
fn parameter_arn_prefix(tier: &Tier) -> String {
    format!(
        "arn:aws:ssm:{}:{}:parameter/${{local.environment}}/{}/",
        tier.account.region.get_ref(),
        tier.account.id.get_ref(),
        tier.name()
    )
}

/// The parameters, by name under the service's path.
fn parameters(tier: &Tier) -> Vec<(String, Expression)> {
    let mut values: Vec<(String, Expression)> = Vec::new();
    if tier.database.postgres.is_some() {
        values.extend([
            (
                "postgres-endpoint".into(),
                tier.at("aws_rds_cluster", "", "endpoint").into(),
            ),
            (
                "postgres-reader-endpoint".into(),
                tier.at("aws_rds_cluster", "", "reader_endpoint").into(),
            ),
            ("postgres-port".into(), string(&POSTGRES_PORT.to_string())),
            (
                "postgres-database-name".into(),
                string(&tier.database.database_name()),
            ),
            (
                "postgres-secret-arn".into(),
                super::postgres::master_secret_arn(tier),
            ),
        ]);
    }
    if tier.database.dynamodb.is_some() {
        values.extend([
            (
                "dynamodb-table-name".into(),
                tier.at("aws_dynamodb_table", "", "name").into(),
            ),
            (
                "dynamodb-table-arn".into(),
                tier.at("aws_dynamodb_table", "", "arn").into(),
            ),
        ]);
    }
    if tier.database.redis.is_some() {
        values.extend([
            (
                "redis-endpoint".into(),
                tier.at(
                    "aws_elasticache_replication_group",
                    "",
                    "primary_endpoint_address",
                )
                .into(),
            ),
            ("redis-port".into(), string(&REDIS_PORT.to_string())),
            (
                "redis-auth-secret-arn".into(),
                tier.at("aws_secretsmanager_secret", "_redis_auth", "arn")
                    .into(),
            ),
        ]);
    }
    if tier.database.has_backup() {
        values.push((
            "backup-vault-arn".into(),
            tier.at("aws_backup_vault", "", "arn").into(),
        ));
    }
    values
}
