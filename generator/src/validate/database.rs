//! Checks of the services' data tier (`[services.database]`): instance
//! classes and node types that exist, retentions and backup lifecycles AWS
//! accepts, per-environment keys that name environments, and generated
//! names within AWS's limits.

use super::{Problems, environment_names, list};
use crate::catalog::{Catalog, Database, PerEnvironment, Service};
use aws_rules::backup::{lifecycle_problem, vault_name_problem};
use aws_rules::elasticache::{
    MAX_REPLICAS, MAX_REPLICATION_GROUP_ID_LEN, SNAPSHOT_RETENTION_DAYS, is_redis_node_type,
};
use aws_rules::identifiers::identifier_problem;
use aws_rules::rds::{
    BACKUP_RETENTION_DAYS, MAX_AURORA_INSTANCES, MAX_CLUSTER_IDENTIFIER_LEN, database_name_problem,
    is_aurora_postgresql_class,
};
use std::ops::RangeInclusive;

/// Every problem of every service's `database`.
pub fn databases(catalog: &Catalog, problems: &mut Problems) {
    let environments = environment_names(catalog);
    for service in &catalog.services {
        let Some(database) = &service.database else {
            continue;
        };
        let span = database.span();
        let database = database.get_ref();
        if database.postgres.is_none() && database.dynamodb.is_none() && database.redis.is_none() {
            problems.add(
                span.clone(),
                format!(
                    "database of service \"{}\" has none of postgres, dynamodb, redis",
                    service.name.get_ref()
                ),
                "add `postgres = {}`, `dynamodb = {}` and/or `redis = {}`, or remove the database table",
            );
        }
        if database.backup.is_some() && !database.has_backup() {
            problems.add(
                span.clone(),
                format!(
                    "database of service \"{}\" has backup settings but neither postgres nor dynamodb",
                    service.name.get_ref()
                ),
                "AWS Backup covers the Aurora cluster and the DynamoDB table; Redis keeps its own snapshots (snapshot_retention_days)",
            );
        }
        generated_names(service, database, &environments, span.clone(), problems);
        let keys = EnvironmentKeys(&environments);
        if let Some(postgres) = &database.postgres {
            if let Some(name) = &postgres.database_name
                && let Some(why) = database_name_problem(name.get_ref())
            {
                problems.add(
                    name.span(),
                    format!("database_name \"{}\" {why}", name.get_ref()),
                    "PostgreSQL identifiers: a letter, then letters, digits and underscores",
                );
            }
            keys.check("instance_class", &postgres.instance_class, problems);
            for class in postgres.instance_class.values() {
                if !is_aurora_postgresql_class(class.get_ref()) {
                    problems.add(
                        class.span(),
                        format!(
                            "\"{}\" is not an instance class of Aurora PostgreSQL",
                            class.get_ref()
                        ),
                        "e.g. db.t3.medium, db.t4g.medium, db.r5.large, db.r6g.large (no db.t3.micro/small)",
                    );
                }
            }
            keys.check("instances", &postgres.instances, problems);
            range(
                "instances",
                &postgres.instances,
                1..=MAX_AURORA_INSTANCES,
                "an Aurora cluster has a writer and up to 15 readers",
                problems,
            );
            keys.check(
                "backup_retention_days",
                &postgres.backup_retention_days,
                problems,
            );
            range(
                "backup_retention_days",
                &postgres.backup_retention_days,
                BACKUP_RETENTION_DAYS,
                "Aurora keeps automated backups 1 to 35 days",
                problems,
            );
        }
        if let Some(redis) = &database.redis {
            keys.check("node_type", &redis.node_type, problems);
            for node in redis.node_type.values() {
                if !is_redis_node_type(node.get_ref()) {
                    problems.add(
                        node.span(),
                        format!(
                            "\"{}\" is not a node type of ElastiCache for Redis",
                            node.get_ref()
                        ),
                        "e.g. cache.t3.micro, cache.t4g.small, cache.r5.large, cache.r6g.large",
                    );
                }
            }
            keys.check("replicas", &redis.replicas, problems);
            range(
                "replicas",
                &redis.replicas,
                0..=MAX_REPLICAS,
                "a replication group has 0 to 5 read replicas",
                problems,
            );
            keys.check(
                "snapshot_retention_days",
                &redis.snapshot_retention_days,
                problems,
            );
            range(
                "snapshot_retention_days",
                &redis.snapshot_retention_days,
                SNAPSHOT_RETENTION_DAYS,
                "ElastiCache keeps automatic snapshots 0 (none) to 35 days",
                problems,
            );
        }
        if let Some(backup) = &database.backup {
            keys.check("retention_days", &backup.retention_days, problems);
            keys.check(
                "cold_storage_after_days",
                &backup.cold_storage_after_days,
                problems,
            );
            for env in &environments {
                let sizing = crate::catalog::Sizing::of(database, env);
                if let Some(why) = lifecycle_problem(
                    sizing.backup_retention_days,
                    sizing.backup_cold_storage_after_days,
                ) {
                    let at = backup
                        .retention_days
                        .get(*env)
                        .or_else(|| backup.cold_storage_after_days.get(*env))
                        .map_or(span.clone(), |v| v.span());
                    problems.add(
                        at,
                        format!("backup lifecycle of {env}: {why}"),
                        "AWS Backup needs retention_days >= cold_storage_after_days + 90; raise the retention or drop cold storage",
                    );
                }
            }
        }
    }
}

/// Names the data tier derives from `<service>-<environment>`.
fn generated_names(
    service: &Service,
    database: &Database,
    environments: &[&str],
    span: std::ops::Range<usize>,
    problems: &mut Problems,
) {
    let mut limits: Vec<(&str, usize)> = Vec::new();
    if database.postgres.is_some() {
        limits.push(("Aurora cluster identifier", MAX_CLUSTER_IDENTIFIER_LEN));
    }
    if database.redis.is_some() {
        limits.push((
            "ElastiCache replication group id",
            MAX_REPLICATION_GROUP_ID_LEN,
        ));
    }
    for env in environments {
        let generated = format!("{}-{env}", service.name.get_ref());
        for (what, max) in &limits {
            if let Some(why) = identifier_problem(&generated, *max) {
                problems.add(
                    service.name.span(),
                    format!("generated {what} \"{generated}\" {why}"),
                    "the data tier is named <service>-<environment>; rename the service",
                );
                return;
            }
        }
        if database.has_backup()
            && let Some(why) = vault_name_problem(&generated)
        {
            problems.add(
                span,
                format!("generated backup vault name \"{generated}\" {why}"),
                "the backup vault is named <service>-<environment>; rename the service",
            );
            return;
        }
    }
}

/// The catalog's environment names, which per-environment maps may use.
struct EnvironmentKeys<'a>(&'a [&'a str]);

impl EnvironmentKeys<'_> {
    /// Reports every key of `map` that is not an environment.
    fn check<T>(&self, key: &str, map: &PerEnvironment<T>, problems: &mut Problems) {
        for (env, value) in map {
            if !self.0.contains(&env.as_str()) {
                problems.add(
                    value.span(),
                    format!("{key} names unknown environment \"{env}\""),
                    format!("known environments: {}", list(self.0)),
                );
            }
        }
    }
}

/// Reports every value of `map` outside `allowed`.
fn range(
    key: &str,
    map: &PerEnvironment<i64>,
    allowed: RangeInclusive<i64>,
    hint: &str,
    problems: &mut Problems,
) {
    for (env, value) in map {
        if !allowed.contains(value.get_ref()) {
            problems.add(
                value.span(),
                format!(
                    "{key} {} of {env} is outside {}..={}",
                    value.get_ref(),
                    allowed.start(),
                    allowed.end()
                ),
                hint,
            );
        }
    }
}

#[cfg(test)]
mod tests;
