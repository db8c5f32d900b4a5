//! The provider account's data tier (`data.tf`): per service with a
//! catalog `database`, an Aurora PostgreSQL cluster, a DynamoDB table and a
//! Redis replication group (whichever it has), one KMS key for all of them,
//! AWS Backup of the cluster and the table, the SSM parameters and IAM
//! policies that give the service access, and what `services.tf` adds to the
//! service's container ([`wiring`]).

mod access;
mod backup;
mod dynamodb;
mod key;
mod postgres;
mod redis;

use super::checkov::{Skip, with_skips};
use super::hcl::{B, Ref, block, body, ident, object, r, string, template};
use super::hcl_file;
use crate::catalog::{Account, Catalog, Database, Service, Sizing};
use hcl::Expression;

/// PostgreSQL's port.
pub const POSTGRES_PORT: i64 = 5432;
/// Redis's port.
pub const REDIS_PORT: i64 = 6379;

/// One service's data tier: the names every part derives from.
pub struct Tier<'a> {
    /// The catalog service.
    pub service: &'a Service,
    /// Its database table.
    pub database: &'a Database,
    /// The account it runs in.
    pub account: &'a Account,
    /// Terraform identifier of the service (`api_service`).
    pub id: String,
}

impl<'a> Tier<'a> {
    /// The data tier of `service`, if it has one.
    pub fn of(service: &'a Service, account: &'a Account) -> Option<Tier<'a>> {
        service.database.as_ref().map(|database| Tier {
            service,
            database: database.get_ref(),
            account,
            id: ident(service.name.get_ref()),
        })
    }

    /// The catalog name of the service.
    pub fn name(&self) -> &str {
        self.service.name.get_ref()
    }

    /// `<service>-<environment>` as a template: the name of most resources.
    pub fn prefix(&self) -> String {
        format!("{}-${{local.environment}}", self.name())
    }

    /// A name `<service>-<environment><suffix>`.
    pub fn named(&self, suffix: &str) -> Expression {
        template(&format!("{}{suffix}", self.prefix()))
    }

    /// This environment's value `key` of the service (data.tf's locals).
    pub fn setting(&self, key: &str) -> Ref {
        r(&format!("local.data.{}.{key}", self.id))
    }

    /// Terraform address `kind.<id><suffix>` followed by `.attribute`.
    pub fn at(&self, kind: &str, suffix: &str, attribute: &str) -> Ref {
        r(&format!("{kind}.{}{suffix}.{attribute}", self.id))
    }

    /// The SSM path of the service's data parameters (with the trailing `/`).
    pub fn parameter_path(&self) -> String {
        format!("/${{local.environment}}/{}/database/", self.name())
    }

    /// The tag value the backup selection picks.
    pub fn backup_tag(&self) -> Expression {
        self.named("")
    }

    /// The PostgreSQL user the task connects as with IAM authentication.
    pub fn iam_database_user(&self) -> String {
        self.id.clone()
    }
}

/// What the data tier adds to a service's container: environment variables
/// and secrets (name → ARN, with a JSON key where the secret is JSON).
#[derive(Default)]
pub struct Wiring {
    /// Connection settings.
    pub environment: Vec<(String, Expression)>,
    /// Credentials.
    pub secrets: Vec<(String, Expression)>,
}

/// The container settings of `service` in `account` (empty without a database).
pub fn wiring(service: &Service, account: &Account) -> Wiring {
    let Some(tier) = Tier::of(service, account) else {
        return Wiring::default();
    };
    let mut wiring = Wiring::default();
    if tier.database.postgres.is_some() {
        postgres::wire(&tier, &mut wiring);
    }
    if tier.database.dynamodb.is_some() {
        wiring.environment.push((
            "DYNAMODB_TABLE".into(),
            tier.at("aws_dynamodb_table", "", "name").into(),
        ));
    }
    if tier.database.redis.is_some() {
        redis::wire(&tier, &mut wiring);
    }
    wiring.environment.push((
        "DATA_PARAMETERS_PATH".into(),
        template(&tier.parameter_path()),
    ));
    wiring
}

/// The data tiers of `account`'s services that have a database.
fn tiers_of<'a>(catalog: &'a Catalog, account: &'a Account) -> Vec<Tier<'a>> {
    catalog
        .services_of(account.name.get_ref())
        .filter_map(|s| Tier::of(s, account))
        .collect()
}

/// `data.tf` of provider `account`, if one of its services has a database.
pub fn file(catalog: &Catalog, account: &Account) -> Option<String> {
    let tiers = tiers_of(catalog, account);
    if tiers.is_empty() {
        return None;
    }
    let mut blocks = vec![locals(catalog, &tiers)];
    let mut skips = Vec::new();
    for tier in &tiers {
        let (b, s) = key::blocks(tier);
        blocks.extend(b);
        skips.extend(s);
        if tier.database.postgres.is_some() {
            let (b, s) = postgres::blocks(tier);
            blocks.extend(b);
            skips.extend(s);
        }
        if tier.database.dynamodb.is_some() {
            let (b, s) = dynamodb::blocks(tier);
            blocks.extend(b);
            skips.extend(s);
        }
        if tier.database.redis.is_some() {
            let (b, s) = redis::blocks(tier);
            blocks.extend(b);
            skips.extend(s);
        }
        if tier.database.has_backup() {
            blocks.extend(backup::blocks(tier));
        }
        let (b, s) = access::blocks(tier);
        blocks.extend(b);
        skips.extend(s);
    }
    let text = hcl_file(
        &[
            "The data tier of every service with a catalog `database`: Aurora PostgreSQL,",
            "DynamoDB and Redis, reachable only from the service's tasks, encrypted with the",
            "service's KMS key, backed up by AWS Backup (cluster and table) and announced in",
            "SSM under /<environment>/<service>/database/. Sizes per environment in local.data;",
            "deletion protection, final snapshots and kept secrets in prod only.",
        ],
        &body(blocks),
    );
    Some(with_skips(&text, &skips))
}

/// The `data_tier` output of `account`: per service, what clients need.
pub fn output(catalog: &Catalog, account: &Account) -> Option<B> {
    let tiers = tiers_of(catalog, account);
    if tiers.is_empty() {
        return None;
    }
    let value = object(
        tiers
            .iter()
            .map(|tier| {
                let mut fields: Vec<(&str, Expression)> = Vec::new();
                if tier.database.postgres.is_some() {
                    fields.extend(postgres::outputs(tier));
                }
                if tier.database.dynamodb.is_some() {
                    fields.push((
                        "dynamodb_table",
                        tier.at("aws_dynamodb_table", "", "name").into(),
                    ));
                    fields.push((
                        "dynamodb_table_arn",
                        tier.at("aws_dynamodb_table", "", "arn").into(),
                    ));
                }
                if tier.database.redis.is_some() {
                    fields.extend(redis::outputs(tier));
                }
                if tier.database.has_backup() {
                    fields.push((
                        "backup_vault",
                        tier.at("aws_backup_vault", "", "name").into(),
                    ));
                }
                fields.push(("parameter_path", template(&tier.parameter_path())));
                (tier.name().to_string(), object(fields))
            })
            .collect(),
    );
    Some(
        block("output", &["data_tier"])
            .attr(
                "description",
                string("Per service with a database: endpoints, table, secrets' ARNs, backup vault and the SSM path of its parameters."),
            )
            .attr("value", value),
    )
}

/// `locals { data_environments = {...}, data = ... }`: every environment's
/// sizes per service; the workspace selects one.
fn locals(catalog: &Catalog, tiers: &[Tier]) -> B {
    let environments = catalog
        .environments
        .iter()
        .map(|env| {
            let name = env.name.get_ref();
            let services = tiers
                .iter()
                .map(|tier| (tier.id.clone(), settings(tier, name)))
                .collect();
            (name.clone(), object(services))
        })
        .collect();
    block("locals", &[])
        .attr("data_environments", object(environments))
        .attr(
            "data",
            r("local.data_environments").index(r("local.settings_key")),
        )
}

fn settings(tier: &Tier, env: &str) -> Expression {
    let sizing = Sizing::of(tier.database, env);
    let mut values: Vec<(&str, Expression)> = vec![("protected", sizing.protected.into())];
    if tier.database.postgres.is_some() {
        values.extend([
            (
                "postgres_instance_class",
                string(&sizing.postgres_instance_class),
            ),
            ("postgres_instances", sizing.postgres_instances.into()),
            (
                "postgres_backup_retention_days",
                sizing.postgres_backup_retention_days.into(),
            ),
        ]);
    }
    if tier.database.redis.is_some() {
        values.extend([
            ("redis_node_type", string(&sizing.redis_node_type)),
            ("redis_cache_clusters", (sizing.redis_replicas + 1).into()),
            ("redis_multi_az", (sizing.redis_replicas > 0).into()),
            (
                "redis_snapshot_retention_days",
                sizing.redis_snapshot_retention_days.into(),
            ),
        ]);
    }
    if tier.database.has_backup() {
        values.extend([
            ("backup_retention_days", sizing.backup_retention_days.into()),
            (
                "backup_cold_storage_after_days",
                sizing
                    .backup_cold_storage_after_days
                    .map_or(Expression::Null, Expression::from),
            ),
        ]);
    }
    object(values)
}

/// A security group of the tier that admits `port` from the service's
/// tasks only, and its rule.
fn security_group(tier: &Tier, suffix: &str, what: &str, port: i64) -> Vec<B> {
    vec![
        super::hcl::resource("aws_security_group", &format!("{}{suffix}", tier.id))
            .attr("name", tier.named(suffix.replace('_', "-").as_str()))
            .attr(
                "description",
                string(&format!(
                    "{what} of {}: the service's tasks only",
                    tier.name()
                )),
            )
            .attr("vpc_id", r("aws_vpc.main.id"))
            .attr("tags", object(vec![("Service", string(tier.name()))])),
        super::hcl::resource(
            "aws_security_group_rule",
            &format!("{}{suffix}_from_tasks", tier.id),
        )
        .attr("type", string("ingress"))
        .attr(
            "description",
            string(&format!("{what} from the tasks of {}", tier.name())),
        )
        .attr(
            "security_group_id",
            tier.at("aws_security_group", suffix, "id"),
        )
        .attr(
            "source_security_group_id",
            tier.at("privatelink_service", "", "security_group_id"),
        )
        .attr("protocol", string("tcp"))
        .attr("from_port", port)
        .attr("to_port", port),
    ]
}

/// Skips the one-year log retention check on a log group of the tier.
fn log_retention_skip(kind: &str, name: &str) -> Skip {
    Skip::resource(
        kind,
        name,
        "CKV_AWS_338",
        "Retention is the catalog's log_retention_days of the environment (7 to 90 days), as for the services' own logs.",
    )
}
