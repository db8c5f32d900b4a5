//! Aurora PostgreSQL: subnet group on the private subnets, a security group
//! admitting the service's tasks only, a cluster parameter group that logs
//! DDL and slow statements, the log group the PostgreSQL log is exported
//! to, the cluster (KMS-encrypted storage, master password managed by RDS
//! in Secrets Manager, IAM authentication, deletion protection and a final
//! snapshot in prod) and its instances with Performance Insights and
//! Enhanced Monitoring.

use super::{POSTGRES_PORT, Tier, Wiring, log_retention_skip, security_group};
use crate::generate::checkov::Skip;
use crate::generate::hcl::{
    B, block, conditional, data, list, object, r, resource, string, strings, template,
};
use hcl::Expression;

/// Aurora PostgreSQL version of new clusters.
pub const ENGINE_VERSION: &str = "15.10";
/// Its parameter group family.
pub const PARAMETER_GROUP_FAMILY: &str = "aurora-postgresql15";
/// The master user (its password lives in the RDS-managed secret).
pub const MASTER_USERNAME: &str = "postgres";

/// The managed secret's ARN with `:<json key>::` for an ECS secret.
fn secret_field(tier: &Tier, field: &str) -> Expression {
    template(&format!(
        "${{aws_rds_cluster.{}.master_user_secret[0].secret_arn}}:{field}::",
        tier.id
    ))
}

/// Connection settings and credentials for the container.
pub fn wire(tier: &Tier, wiring: &mut Wiring) {
    wiring.environment.extend([
        (
            "DB_HOST".to_string(),
            tier.at("aws_rds_cluster", "", "endpoint").into(),
        ),
        (
            "DB_READER_HOST".to_string(),
            tier.at("aws_rds_cluster", "", "reader_endpoint").into(),
        ),
        ("DB_PORT".to_string(), string(&POSTGRES_PORT.to_string())),
        (
            "DB_NAME".to_string(),
            string(&tier.database.database_name()),
        ),
        ("DB_IAM_USER".to_string(), string(&tier.iam_database_user())),
    ]);
    wiring.secrets.extend([
        ("DB_USERNAME".to_string(), secret_field(tier, "username")),
        ("DB_PASSWORD".to_string(), secret_field(tier, "password")),
    ]);
}

/// The ARN of the cluster's RDS-managed master secret.
pub fn master_secret_arn(tier: &Tier) -> Expression {
    tier.at("aws_rds_cluster", "", "master_user_secret")
        .index(0)
        .attr("secret_arn")
        .into()
}

/// Fields of the `data_tier` output.
pub fn outputs(tier: &Tier) -> Vec<(&'static str, Expression)> {
    vec![
        (
            "postgres_endpoint",
            tier.at("aws_rds_cluster", "", "endpoint").into(),
        ),
        (
            "postgres_reader_endpoint",
            tier.at("aws_rds_cluster", "", "reader_endpoint").into(),
        ),
        ("postgres_database", string(&tier.database.database_name())),
        ("postgres_secret_arn", master_secret_arn(tier)),
    ]
}

/// The cluster and everything it needs.
pub fn blocks(tier: &Tier) -> (Vec<B>, Vec<Skip>) {
    let id = &tier.id;
    let protected = || tier.setting("protected");
    let mut blocks = security_group(tier, "_postgres", "Aurora PostgreSQL", POSTGRES_PORT);
    blocks.extend([
        resource("aws_db_subnet_group", id)
            .attr("name", tier.named(""))
            .attr(
                "description",
                string(&format!(
                    "Private subnets of {}'s Aurora cluster",
                    tier.name()
                )),
            )
            .attr("subnet_ids", r("aws_subnet.private").splat().attr("id")),
        resource("aws_rds_cluster_parameter_group", id)
            .attr("name", tier.named(""))
            .attr("family", string(PARAMETER_GROUP_FAMILY))
            .attr(
                "description",
                string("Logs DDL and statements slower than one second"),
            )
            .child(
                block("parameter", &[])
                    .attr("name", string("log_statement"))
                    .attr("value", string("ddl")),
            )
            .child(
                block("parameter", &[])
                    .attr("name", string("log_min_duration_statement"))
                    .attr("value", string("1000")),
            ),
        resource("aws_cloudwatch_log_group", &format!("{id}_postgres"))
            .attr(
                "name",
                template(&format!("/aws/rds/cluster/{}/postgresql", tier.prefix())),
            )
            .attr("retention_in_days", r("local.settings.log_retention_days"))
            .attr("kms_key_id", tier.at("aws_kms_key", "_data", "arn")),
        data(
            "aws_iam_policy_document",
            &format!("{id}_rds_monitoring_trust"),
        )
        .child(
            block("statement", &[])
                .attr("actions", strings(["sts:AssumeRole"]))
                .child(
                    block("principals", &[])
                        .attr("type", string("Service"))
                        .attr("identifiers", strings(["monitoring.rds.amazonaws.com"])),
                ),
        ),
        resource("aws_iam_role", &format!("{id}_rds_monitoring"))
            .attr("name", tier.named("-rds-monitoring"))
            .attr(
                "assume_role_policy",
                r(&format!(
                    "data.aws_iam_policy_document.{id}_rds_monitoring_trust.json"
                )),
            ),
        resource(
            "aws_iam_role_policy_attachment",
            &format!("{id}_rds_monitoring"),
        )
        .attr("role", tier.at("aws_iam_role", "_rds_monitoring", "name"))
        .attr(
            "policy_arn",
            string("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
        ),
        resource("aws_rds_cluster", id)
            .attr("cluster_identifier", tier.named(""))
            .attr("engine", string("aurora-postgresql"))
            .attr("engine_version", string(ENGINE_VERSION))
            .attr("database_name", string(&tier.database.database_name()))
            .attr("master_username", string(MASTER_USERNAME))
            .attr("manage_master_user_password", true)
            .attr(
                "master_user_secret_kms_key_id",
                tier.at("aws_kms_key", "_data", "key_id"),
            )
            .attr("port", POSTGRES_PORT)
            .attr(
                "db_subnet_group_name",
                tier.at("aws_db_subnet_group", "", "name"),
            )
            .attr(
                "db_cluster_parameter_group_name",
                tier.at("aws_rds_cluster_parameter_group", "", "name"),
            )
            .attr(
                "vpc_security_group_ids",
                list(vec![
                    tier.at("aws_security_group", "_postgres", "id").into(),
                ]),
            )
            .attr("storage_encrypted", true)
            .attr("kms_key_id", tier.at("aws_kms_key", "_data", "arn"))
            .attr("iam_database_authentication_enabled", true)
            .attr("enabled_cloudwatch_logs_exports", strings(["postgresql"]))
            .attr(
                "backup_retention_period",
                tier.setting("postgres_backup_retention_days"),
            )
            .attr("preferred_backup_window", string("03:00-04:00"))
            .attr(
                "preferred_maintenance_window",
                string("sun:04:00-sun:05:00"),
            )
            .attr("copy_tags_to_snapshot", true)
            .attr("deletion_protection", protected())
            .attr("skip_final_snapshot", conditional(protected(), false, true))
            .attr(
                "final_snapshot_identifier",
                conditional(protected(), tier.named("-final"), Expression::Null),
            )
            .attr(
                "tags",
                object(vec![
                    ("Service", string(tier.name())),
                    ("Backup", tier.backup_tag()),
                ]),
            )
            .attr(
                "depends_on",
                list(vec![
                    r(&format!("aws_cloudwatch_log_group.{id}_postgres")).into(),
                ]),
            ),
        resource("aws_rds_cluster_instance", id)
            .attr("count", tier.setting("postgres_instances"))
            .attr(
                "identifier",
                template(&format!("{}-${{count.index + 1}}", tier.prefix())),
            )
            .attr("cluster_identifier", tier.at("aws_rds_cluster", "", "id"))
            .attr("instance_class", tier.setting("postgres_instance_class"))
            .attr("engine", tier.at("aws_rds_cluster", "", "engine"))
            .attr(
                "engine_version",
                tier.at("aws_rds_cluster", "", "engine_version"),
            )
            .attr(
                "db_subnet_group_name",
                tier.at("aws_db_subnet_group", "", "name"),
            )
            .attr("publicly_accessible", false)
            .attr("auto_minor_version_upgrade", true)
            .attr("performance_insights_enabled", true)
            .attr(
                "performance_insights_kms_key_id",
                tier.at("aws_kms_key", "_data", "arn"),
            )
            .attr("performance_insights_retention_period", 7)
            .attr("monitoring_interval", 60)
            .attr(
                "monitoring_role_arn",
                tier.at("aws_iam_role", "_rds_monitoring", "arn"),
            )
            .attr(
                "depends_on",
                list(vec![
                    r(&format!(
                        "aws_iam_role_policy_attachment.{id}_rds_monitoring"
                    ))
                    .into(),
                ]),
            ),
    ]);
    let skips = vec![
        log_retention_skip("aws_cloudwatch_log_group", &format!("{id}_postgres")),
        Skip::resource(
            "aws_rds_cluster",
            id,
            "CKV2_AWS_8",
            "AWS Backup selects the cluster by its Backup tag (aws_backup_selection below), which checkov does not follow.",
        ),
    ];
    (blocks, skips)
}
