//! One test per data-tier validation rule: the message and where it points
//! (line and column of the offending value in the catalog).

use crate::validate::tests::{BASE, only, problems_with};

/// Where the base catalog's service entry ends; data tables go after it.
const SERVICE_END: &str = "allowed_consumers = [\"cons\"]\n";

/// Problems of the base catalog with `tables` added to its service, as
/// (line, column, message), and the line the tables start on.
fn with_database(tables: &str) -> (Vec<(usize, usize, String)>, usize) {
    let first_line = BASE[..BASE.find(SERVICE_END).unwrap()]
        .matches('\n')
        .count()
        + 2;
    (
        problems_with(SERVICE_END, &format!("{SERVICE_END}{tables}")),
        first_line,
    )
}

#[test]
fn all_three_with_defaults_are_valid() {
    let (problems, _) =
        with_database("[services.database]\npostgres = {}\ndynamodb = {}\nredis = {}\n");
    assert_eq!(problems, vec![]);
}

#[test]
fn overrides_within_the_rules_are_valid() {
    let (problems, _) = with_database(
        "[services.database.postgres]\ndatabase_name = \"orders\"\ninstance_class = { dev = \"db.t4g.medium\" }\ninstances = { dev = 2 }\nbackup_retention_days = { dev = 35 }\n[services.database.redis]\nnode_type = { dev = \"cache.t4g.small\" }\nreplicas = { dev = 1 }\nsnapshot_retention_days = { dev = 0 }\n[services.database.backup]\nretention_days = { dev = 120 }\ncold_storage_after_days = { dev = 30 }\n",
    );
    assert_eq!(problems, vec![]);
}

#[test]
fn empty_database() {
    let (problems, first) = with_database("[services.database]\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first, 1));
    assert_eq!(
        message,
        "database of service \"api\" has none of postgres, dynamodb, redis"
    );
}

#[test]
fn backup_without_anything_to_back_up() {
    let (problems, first) = with_database(
        "[services.database]\nredis = {}\nbackup = { retention_days = { dev = 10 } }\n",
    );
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first, 1));
    assert_eq!(
        message,
        "database of service \"api\" has backup settings but neither postgres nor dynamodb"
    );
}

#[test]
fn instance_class_aurora_postgresql_lacks() {
    let (problems, first) =
        with_database("[services.database.postgres]\ninstance_class = { dev = \"db.t3.micro\" }\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 26));
    assert_eq!(
        message,
        "\"db.t3.micro\" is not an instance class of Aurora PostgreSQL"
    );
}

#[test]
fn too_many_instances() {
    let (problems, first) =
        with_database("[services.database.postgres]\ninstances = { dev = 17 }\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 21));
    assert_eq!(message, "instances 17 of dev is outside 1..=16");
}

#[test]
fn aurora_backup_retention_out_of_range() {
    let (problems, first) =
        with_database("[services.database.postgres]\nbackup_retention_days = { dev = 0 }\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 33));
    assert_eq!(message, "backup_retention_days 0 of dev is outside 1..=35");
}

#[test]
fn reserved_database_name() {
    let (problems, first) =
        with_database("[services.database.postgres]\ndatabase_name = \"postgres\"\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 17));
    assert_eq!(
        message,
        "database_name \"postgres\" is reserved by PostgreSQL or RDS"
    );
}

#[test]
fn unknown_environment_key() {
    let (problems, first) =
        with_database("[services.database.postgres]\ninstance_class = { qa = \"db.t3.medium\" }\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 25));
    assert_eq!(message, "instance_class names unknown environment \"qa\"");
}

#[test]
fn redis_node_type_that_does_not_exist() {
    let (problems, first) =
        with_database("[services.database.redis]\nnode_type = { dev = \"cache.t2.micro\" }\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 21));
    assert_eq!(
        message,
        "\"cache.t2.micro\" is not a node type of ElastiCache for Redis"
    );
}

#[test]
fn too_many_redis_replicas() {
    let (problems, first) = with_database("[services.database.redis]\nreplicas = { dev = 6 }\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 20));
    assert_eq!(message, "replicas 6 of dev is outside 0..=5");
}

#[test]
fn redis_snapshot_retention_out_of_range() {
    let (problems, first) =
        with_database("[services.database.redis]\nsnapshot_retention_days = { dev = 36 }\n");
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 1, 35));
    assert_eq!(
        message,
        "snapshot_retention_days 36 of dev is outside 0..=35"
    );
}

#[test]
fn backup_lifecycle_aws_backup_rejects() {
    // The original's dev rule: deleted after 30 days, cold after 30.
    let (problems, first) = with_database(
        "[services.database]\ndynamodb = {}\n[services.database.backup]\nretention_days = { dev = 30 }\ncold_storage_after_days = { dev = 30 }\n",
    );
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (first + 3, 26));
    assert_eq!(
        message,
        "backup lifecycle of dev: retention of 30 days is shorter than cold storage after 30 days plus the 90 days AWS Backup keeps points cold"
    );
}

#[test]
fn identifier_with_two_consecutive_hyphens() {
    let problems = problems_with(
        &format!(
            "name = \"api\"\naccount = \"prov\"\nport = 8080\nimage = \"app:{{environment}}\"\n{SERVICE_END}"
        ),
        &format!(
            "name = \"a--pi\"\naccount = \"prov\"\nport = 8080\nimage = \"app:{{environment}}\"\n{SERVICE_END}[services.database]\nredis = {{}}\n"
        ),
    );
    // The consumer's reference to "api" fails too; the identifier problem points at the name.
    assert!(
        problems.contains(&(
            41,
            8,
            "generated ElastiCache replication group id \"a--pi-dev\" must not contain two consecutive hyphens or end with a hyphen".to_string()
        )),
        "{problems:#?}"
    );
}

#[test]
fn every_data_problem_is_reported() {
    let (problems, _) = with_database(
        "[services.database.postgres]\ninstance_class = { dev = \"db.t3.micro\" }\ninstances = { dev = 0 }\n[services.database.redis]\nnode_type = { dev = \"cache.t2.micro\" }\n",
    );
    assert_eq!(problems.len(), 3, "{problems:#?}");
}
