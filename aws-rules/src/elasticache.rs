//! Amazon ElastiCache (Redis OSS replication groups).

/// Longest replication group id.
pub const MAX_REPLICATION_GROUP_ID_LEN: usize = 40;

/// Read replicas per shard of a replication group.
pub const MAX_REPLICAS: i64 = 5;

/// Automatic snapshot retention ElastiCache accepts, in days (0: none).
pub const SNAPSHOT_RETENTION_DAYS: std::ops::RangeInclusive<i64> = 0..=35;

/// Current-generation node types of ElastiCache for Redis OSS.
pub const REDIS_NODE_TYPES: &[&str] = &[
    "cache.t3.micro",
    "cache.t3.small",
    "cache.t3.medium",
    "cache.t4g.micro",
    "cache.t4g.small",
    "cache.t4g.medium",
    "cache.m5.large",
    "cache.m5.xlarge",
    "cache.m5.2xlarge",
    "cache.m5.4xlarge",
    "cache.m5.12xlarge",
    "cache.m5.24xlarge",
    "cache.m6g.large",
    "cache.m6g.xlarge",
    "cache.m6g.2xlarge",
    "cache.m6g.4xlarge",
    "cache.m6g.8xlarge",
    "cache.m6g.12xlarge",
    "cache.m6g.16xlarge",
    "cache.m7g.large",
    "cache.m7g.xlarge",
    "cache.m7g.2xlarge",
    "cache.m7g.4xlarge",
    "cache.m7g.8xlarge",
    "cache.m7g.12xlarge",
    "cache.m7g.16xlarge",
    "cache.r5.large",
    "cache.r5.xlarge",
    "cache.r5.2xlarge",
    "cache.r5.4xlarge",
    "cache.r5.12xlarge",
    "cache.r5.24xlarge",
    "cache.r6g.large",
    "cache.r6g.xlarge",
    "cache.r6g.2xlarge",
    "cache.r6g.4xlarge",
    "cache.r6g.8xlarge",
    "cache.r6g.12xlarge",
    "cache.r6g.16xlarge",
    "cache.r7g.large",
    "cache.r7g.xlarge",
    "cache.r7g.2xlarge",
    "cache.r7g.4xlarge",
    "cache.r7g.8xlarge",
    "cache.r7g.12xlarge",
    "cache.r7g.16xlarge",
];

/// True when ElastiCache for Redis OSS offers node type `node_type`.
pub fn is_redis_node_type(node_type: &str) -> bool {
    REDIS_NODE_TYPES.contains(&node_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_types() {
        assert!(is_redis_node_type("cache.t3.micro"));
        assert!(is_redis_node_type("cache.r5.large"));
        assert!(!is_redis_node_type("cache.t2.micro"));
        assert!(!is_redis_node_type("db.t3.medium"));
    }
}
