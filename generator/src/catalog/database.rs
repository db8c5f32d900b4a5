//! A service's data tier in the catalog (`[services.database]`): Aurora
//! PostgreSQL, a DynamoDB table and Redis, any subset, with AWS Backup for
//! the first two. Every size is per environment (a map keyed by environment
//! name); an environment the map leaves out gets the original system's
//! value for it ([`Sizing::of`]).

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Values per environment name, each with its location.
pub type PerEnvironment<T> = BTreeMap<String, Spanned<T>>;

/// `[services.database]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// Aurora PostgreSQL cluster.
    #[serde(default)]
    pub postgres: Option<Postgres>,
    /// DynamoDB table.
    #[serde(default)]
    pub dynamodb: Option<DynamoDb>,
    /// ElastiCache for Redis replication group.
    #[serde(default)]
    pub redis: Option<Redis>,
    /// AWS Backup of the cluster and the table.
    #[serde(default)]
    pub backup: Option<Backup>,
}

/// `[services.database.postgres]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Postgres {
    /// Name of the database created with the cluster.
    #[serde(default)]
    pub database_name: Option<Spanned<String>>,
    /// DB instance class per environment.
    #[serde(default)]
    pub instance_class: PerEnvironment<String>,
    /// Instances (writer and readers) per environment.
    #[serde(default)]
    pub instances: PerEnvironment<i64>,
    /// Automated backup retention in days per environment.
    #[serde(default)]
    pub backup_retention_days: PerEnvironment<i64>,
}

/// `[services.database.dynamodb]`: the original's table; nothing to size
/// (on-demand capacity).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DynamoDb {}

/// `[services.database.redis]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redis {
    /// Node type per environment.
    #[serde(default)]
    pub node_type: PerEnvironment<String>,
    /// Read replicas per environment; with one or more the group is Multi-AZ
    /// with automatic failover.
    #[serde(default)]
    pub replicas: PerEnvironment<i64>,
    /// Days automatic snapshots are kept per environment (0: none).
    #[serde(default)]
    pub snapshot_retention_days: PerEnvironment<i64>,
}

/// `[services.database.backup]`: the daily AWS Backup rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Days each daily recovery point is kept, per environment.
    #[serde(default)]
    pub retention_days: PerEnvironment<i64>,
    /// Days after which a recovery point moves to cold storage, per
    /// environment (left out: never).
    #[serde(default)]
    pub cold_storage_after_days: PerEnvironment<i64>,
}

/// The original system's database name.
pub const DEFAULT_DATABASE_NAME: &str = "microservicedb";

/// The data tier's sizes in one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizing {
    /// Aurora instance class.
    pub postgres_instance_class: String,
    /// Aurora instances.
    pub postgres_instances: i64,
    /// Aurora automated backup retention (days).
    pub postgres_backup_retention_days: i64,
    /// Redis node type.
    pub redis_node_type: String,
    /// Redis read replicas.
    pub redis_replicas: i64,
    /// Redis snapshot retention (days).
    pub redis_snapshot_retention_days: i64,
    /// Daily recovery points kept (days).
    pub backup_retention_days: i64,
    /// Cold storage after (days), if ever.
    pub backup_cold_storage_after_days: Option<i64>,
    /// Deletion protection, final snapshots and kept secrets: prod only.
    pub protected: bool,
}

impl Sizing {
    /// The original system's sizes for environment `env` (dev, staging or
    /// prod; anything else gets dev's).
    pub fn original(env: &str) -> Sizing {
        let (class, instances, retention, node, replicas, snapshots, keep, cold) = match env {
            "prod" => ("db.r5.large", 2, 30, "cache.r5.large", 1, 14, 365, Some(30)),
            "staging" => ("db.t3.large", 1, 14, "cache.t3.small", 0, 7, 60, None),
            _ => ("db.t3.medium", 1, 7, "cache.t3.micro", 0, 5, 30, None),
        };
        Sizing {
            postgres_instance_class: class.into(),
            postgres_instances: instances,
            postgres_backup_retention_days: retention,
            redis_node_type: node.into(),
            redis_replicas: replicas,
            redis_snapshot_retention_days: snapshots,
            backup_retention_days: keep,
            backup_cold_storage_after_days: cold,
            protected: env == "prod",
        }
    }

    /// The sizes of `database` in environment `env`: the catalog's where it
    /// gives one, the original's otherwise.
    pub fn of(database: &Database, env: &str) -> Sizing {
        let mut sizing = Sizing::original(env);
        let pick_string = |map: &PerEnvironment<String>, value: &mut String| {
            if let Some(v) = map.get(env) {
                *value = v.get_ref().clone();
            }
        };
        let pick = |map: &PerEnvironment<i64>, value: &mut i64| {
            if let Some(v) = map.get(env) {
                *value = *v.get_ref();
            }
        };
        if let Some(p) = &database.postgres {
            pick_string(&p.instance_class, &mut sizing.postgres_instance_class);
            pick(&p.instances, &mut sizing.postgres_instances);
            pick(
                &p.backup_retention_days,
                &mut sizing.postgres_backup_retention_days,
            );
        }
        if let Some(r) = &database.redis {
            pick_string(&r.node_type, &mut sizing.redis_node_type);
            pick(&r.replicas, &mut sizing.redis_replicas);
            pick(
                &r.snapshot_retention_days,
                &mut sizing.redis_snapshot_retention_days,
            );
        }
        if let Some(b) = &database.backup {
            pick(&b.retention_days, &mut sizing.backup_retention_days);
            if let Some(cold) = b.cold_storage_after_days.get(env) {
                sizing.backup_cold_storage_after_days = Some(*cold.get_ref());
            }
        }
        sizing
    }
}

impl Database {
    /// The initial database's name.
    pub fn database_name(&self) -> String {
        self.postgres
            .as_ref()
            .and_then(|p| p.database_name.as_ref())
            .map_or(DEFAULT_DATABASE_NAME.to_string(), |n| n.get_ref().clone())
    }

    /// Whether AWS Backup has something to back up (the cluster or the table).
    pub fn has_backup(&self) -> bool {
        self.postgres.is_some() || self.dynamodb.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database(toml_text: &str) -> Database {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn defaults_are_the_originals() {
        let db = database("postgres = {}\nredis = {}\n");
        let prod = Sizing::of(&db, "prod");
        assert_eq!(prod.postgres_instance_class, "db.r5.large");
        assert_eq!(prod.postgres_instances, 2);
        assert_eq!(prod.postgres_backup_retention_days, 30);
        assert_eq!(prod.redis_node_type, "cache.r5.large");
        assert_eq!(prod.redis_replicas, 1);
        assert_eq!(prod.backup_retention_days, 365);
        assert!(prod.protected);
        let dev = Sizing::of(&db, "dev");
        assert_eq!(dev.postgres_instance_class, "db.t3.medium");
        assert_eq!(dev.postgres_backup_retention_days, 7);
        assert_eq!(dev.redis_node_type, "cache.t3.micro");
        assert_eq!(dev.backup_retention_days, 30);
        assert_eq!(dev.backup_cold_storage_after_days, None);
        assert!(!dev.protected);
        let staging = Sizing::of(&db, "staging");
        assert_eq!(staging.postgres_instance_class, "db.t3.large");
        assert_eq!(staging.redis_node_type, "cache.t3.small");
        assert_eq!(staging.backup_retention_days, 60);
        assert_eq!(db.database_name(), "microservicedb");
    }

    #[test]
    fn catalog_values_override_per_environment() {
        let db = database(
            "[postgres]\ndatabase_name = \"orders\"\ninstance_class = { dev = \"db.t4g.medium\" }\n[backup]\ncold_storage_after_days = { staging = 10 }\nretention_days = { staging = 100 }\n",
        );
        assert_eq!(
            Sizing::of(&db, "dev").postgres_instance_class,
            "db.t4g.medium"
        );
        assert_eq!(
            Sizing::of(&db, "prod").postgres_instance_class,
            "db.r5.large"
        );
        let staging = Sizing::of(&db, "staging");
        assert_eq!(staging.backup_retention_days, 100);
        assert_eq!(staging.backup_cold_storage_after_days, Some(10));
        assert_eq!(db.database_name(), "orders");
        assert!(db.has_backup());
        assert!(!database("redis = {}").has_backup());
    }
}
