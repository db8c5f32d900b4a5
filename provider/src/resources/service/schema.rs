//! The `privatelink_service` schema: what users configure, its defaults
//! (those of the original system), and what forces replacement.

use std::time::Duration;

use crate::aws::formats;
use crate::resources::shared::tag_rules;
use tfplugin::plan_modifiers::{RequiresReplace, UseStateForUnknown};
use tfplugin::schema::{Attribute, Block, Nesting, Schema};
use tfplugin::timeouts::timeouts_block;
use tfplugin::validators::{Each, IntRange, ListLength, MapKeys, Predicate};
use tfplugin::value::Value;

use aws_rules::fargate::CPU_VALUES;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20 * 60);

fn role_arn() -> Predicate {
    Predicate {
        expected: "an IAM role ARN such as \"arn:aws:iam::123456789012:role/name\"",
        check: formats::is_iam_role_arn,
    }
}

fn id(prefix: &'static str, expected: &'static str) -> Predicate {
    let check: fn(&str) -> bool = match prefix {
        "vpc" => |s| formats::has_id_prefix(s, "vpc"),
        "subnet" => |s| formats::has_id_prefix(s, "subnet"),
        _ => |s| formats::has_id_prefix(s, "sg"),
    };
    Predicate { expected, check }
}

/// A computed attribute that keeps its value once known.
fn stable(name: &str, description: &str) -> Attribute {
    Attribute::string(name)
        .computed()
        .describe(description)
        .plan_modifier(UseStateForUnknown)
}

pub fn schema() -> Schema {
    let container = vec![
        Attribute::string("name")
            .default_value("app")
            .describe("Container name in the task definition.")
            .validate(Predicate {
                expected: "1 to 255 letters, digits, hyphens and underscores",
                check: |s| (1..=255).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            }),
        Attribute::string("image")
            .required()
            .describe("Container image, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2`.")
            .validate(Predicate {
                expected: "1 to 255 letters, digits and - _ : . / # @ (an image reference ECS accepts)",
                check: |s| (1..=255).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_:./#@".contains(c)),
            }),
        Attribute::number("port")
            .default_value(8080i64)
            .describe("Port the container listens on; the target group and the tasks' security group use it. Changing it replaces the service.")
            .validate(IntRange { min: 1, max: 65535 })
            .plan_modifier(RequiresReplace),
        Attribute::number("cpu")
            .default_value(256i64)
            .describe(format!(
                "Fargate CPU units: {}.",
                CPU_VALUES.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
            ))
            .validate(IntRange { min: 256, max: 16384 }),
        Attribute::number("memory")
            .default_value(512i64)
            .describe("Fargate memory in MiB; must fit `cpu`.")
            .validate(IntRange { min: 512, max: 122880 }),
        Attribute::string_map("environment")
            .optional()
            .describe("Environment variables.")
            .validate(MapKeys { expected: "non-empty names", check: |k| !k.is_empty() }),
        Attribute::string_map("secrets")
            .optional()
            .describe("Variables read from Secrets Manager or SSM Parameter Store: name → ARN.")
            .validate(Each(Predicate { expected: "a Secrets Manager or SSM parameter ARN", check: formats::is_arn })),
    ];
    // Path and matcher defaults from the original system, the rest AWS's
    // NLB defaults.
    let health_check = vec![
        Attribute::string("path").default_value("/health").describe("HTTP path probed.").validate(Predicate {
            expected: "a path starting with \"/\" (at most 1024 characters)",
            check: |s| s.starts_with('/') && s.len() <= 1024,
        }),
        Attribute::string("port").default_value("traffic-port").describe("`traffic-port` or a port number.").validate(Predicate {
            expected: "\"traffic-port\" or a port number 1-65535",
            check: |s| s == "traffic-port" || s.parse::<u16>().is_ok_and(|p| p > 0),
        }),
        Attribute::string("matcher").default_value("200").describe("Healthy HTTP codes, e.g. `200` or `200-399`.").validate(Predicate {
            expected: "HTTP codes between 200 and 599 such as \"200\", \"200,204\" or \"200-399\"",
            check: super::validate::is_http_matcher,
        }),
        Attribute::number("interval_seconds").default_value(30i64).validate(IntRange { min: 5, max: 300 }),
        Attribute::number("timeout_seconds").default_value(6i64).validate(IntRange { min: 2, max: 120 }),
        Attribute::number("healthy_threshold").default_value(5i64).validate(IntRange { min: 2, max: 10 }),
        Attribute::number("unhealthy_threshold").default_value(2i64).validate(IntRange { min: 2, max: 10 }),
    ];

    let circuit_breaker = vec![
        Attribute::bool("enable").default_value(true).describe("Stop a deployment whose tasks keep failing to start or to pass health checks, instead of relaunching them forever."),
        Attribute::bool("rollback").default_value(true).describe("When a deployment is stopped, go back to the last deployment that completed."),
    ];

    let block = Block::new()
        .describe("An ECS Fargate service exposed to other AWS accounts through PrivateLink: task definition, tasks' security group, internal network load balancer with target group and listener, ECS service, VPC endpoint service with allowed principals, log group and (unless `cluster_arn` is given) ECS cluster.")
        .attribute(stable("id", "The endpoint service id (`vpce-svc-...`); also the import id."))
        .attribute(
            Attribute::string("name")
                .required()
                .describe("Name of the service; names every AWS object it is made of. 1-32 letters, digits and hyphens. Changing it replaces the service.")
                .plan_modifier(RequiresReplace),
        )
        .attribute(
            Attribute::string("vpc_id")
                .required()
                .describe("VPC of the load balancer and tasks.")
                .validate(id("vpc", "a VPC id such as \"vpc-0123456789abcdef0\""))
                .plan_modifier(RequiresReplace),
        )
        .attribute(
            Attribute::string_set("subnet_ids")
                .required()
                .describe("Private subnets, at most one per availability zone, for the load balancer and the tasks. Changing them replaces the service.")
                .validate(ListLength { min: 1, max: 16 })
                .validate(Each(id("subnet", "a subnet id such as \"subnet-0123456789abcdef0\"")))
                .plan_modifier(RequiresReplace),
        )
        .attribute(
            Attribute::string("cluster_arn")
                .optional()
                .computed()
                .describe("An existing ECS cluster to run in. When unset the service creates (and on destroy deletes) its own cluster, with Container Insights on.")
                .validate(Predicate { expected: "an ECS cluster ARN", check: |s| formats::is_arn(s) && s.contains(":cluster/") })
                .plan_modifier(RequiresReplace)
                .plan_modifier(UseStateForUnknown),
        )
        .attribute(Attribute::string("execution_role_arn").required().describe("Task execution role (pulls the image, writes logs, reads secrets).").validate(role_arn()))
        .attribute(Attribute::string("task_role_arn").optional().describe("Role the application runs as.").validate(role_arn()))
        .attribute(
            Attribute::nested("container", Nesting::Single, container)
                .required()
                .describe("The one essential container of the task."),
        )
        .attribute(
            Attribute::number("desired_count")
                .default_value(1i64)
                .describe("Number of tasks.")
                .validate(IntRange { min: 0, max: 5000 }),
        )
        .attribute(
            Attribute::bool("ignore_desired_count_drift")
                .default_value(false)
                .describe("Treat `desired_count` as the initial value only, e.g. when autoscaling owns it afterwards.")
        )
        .attribute(
            Attribute::number("listener_port")
                .optional()
                .computed()
                .describe("Port consumers connect to. Defaults to the container port.")
                .validate(IntRange { min: 1, max: 65535 }),
        )
        .attribute(
            Attribute::nested("health_check", Nesting::Single, health_check)
                .describe("The target group's HTTP health check.")
                .default_to_nested_defaults(),
        )
        .attribute(
            Attribute::number("deregistration_delay")
                .default_value(300i64)
                .describe("Seconds to drain a deregistering task.")
                .validate(IntRange { min: 0, max: 3600 }),
        )
        .attribute(
            Attribute::nested("deployment_circuit_breaker", Nesting::Single, circuit_breaker)
                .describe("ECS's deployment circuit breaker. On with rollback by default: a bad image or a failing health check ends the deployment (and `wait_for_steady_state` reports ECS's reason) instead of relaunching tasks until the timeout.")
                .default_to_nested_defaults(),
        )
        .attribute(
            Attribute::bool("cross_zone_load_balancing")
                .default_value(true)
                .describe("The load balancer sends traffic arriving in one zone to healthy tasks in every zone. On by default: a network load balancer has it off, and a consumer whose endpoint lands in a zone without a running task then gets no answer. Off keeps traffic in its zone (no inter-zone data transfer charges), which needs a running task in every zone of `subnet_ids`.")
        )
        .attribute(
            Attribute::number("deployment_maximum_percent")
                .default_value(200i64)
                .describe("Upper limit of running tasks during a deployment, in percent of `desired_count`.")
                .validate(IntRange { min: 100, max: 400 }),
        )
        .attribute(
            Attribute::number("deployment_minimum_healthy_percent")
                .default_value(50i64)
                .describe("Lower limit of healthy tasks during a deployment, in percent of `desired_count`.")
                .validate(IntRange { min: 0, max: 100 }),
        )
        .attribute(
            Attribute::number("health_check_grace_period_seconds")
                .default_value(60i64)
                .describe("Seconds ECS ignores load balancer health checks after a task starts.")
                .validate(IntRange { min: 0, max: 2_147_483_647 }),
        )
        .attribute(
            Attribute::string_list("ingress_cidr_blocks")
                .optional()
                .computed()
                .describe("CIDR blocks whose clients may reach the tasks on the container port directly (from the VPC, a peered VPC or the Transit Gateway). PrivateLink consumers never need to be listed: their traffic reaches the tasks from the load balancer, which is always admitted (see `load_balancer_cidr_blocks`). Defaults to the VPC's CIDR blocks when `ingress_security_group_ids` is unset too, and to none when it is set.")
                .validate(Each(Predicate { expected: "an IPv4 CIDR block with no host bits set, such as \"10.0.0.0/16\"", check: formats::is_ipv4_network }))
                .plan_modifier(UseStateForUnknown),
        )
        .attribute(
            Attribute::string_set("ingress_security_group_ids")
                .optional()
                .describe("Security groups whose members may reach the tasks on the container port directly, besides the load balancer.")
                .validate(Each(id("sg", "a security group id such as \"sg-0123456789abcdef0\""))),
        )
        .attribute(
            Attribute::number("log_retention_days")
                .default_value(30i64)
                .describe("Retention of the log group, in days (a value CloudWatch Logs accepts)."),
        )
        .attribute(
            Attribute::bool("keep_log_group_on_destroy")
                .default_value(true)
                .describe("Keep the log group (and its logs) when the service is destroyed."),
        )
        .attribute(
            Attribute::number("task_definition_revisions_kept")
                .default_value(3i64)
                .describe("How many of the newest task definition revisions this resource registered stay registered: the one in use and those ECS can roll back to (the circuit breaker returns to the previous one). Older ones are deleted after a successful apply; destroy deletes them all.")
                .validate(IntRange { min: 2, max: 100 }),
        )
        .attribute(
            Attribute::bool("container_insights")
                .default_value(true)
                .describe("Container Insights on the cluster this resource creates (ignored with `cluster_arn`). Its log group, `/aws/ecs/containerinsights/<cluster>/performance`, is created by ECS and billed; destroy deletes it with the cluster unless `keep_log_group_on_destroy`."),
        )
        .attribute(
            Attribute::bool("acceptance_required")
                .default_value(true)
                .describe("Whether consumers' endpoint connections need accepting."),
        )
        .attribute(
            Attribute::string_set("allowed_principals")
                .optional()
                .describe("IAM principals (ARNs, e.g. `arn:aws:iam::222222222222:root`) allowed to create endpoints to the service, or `*`.")
                .validate(Each(Predicate {
                    expected: "an account root, IAM role or IAM user ARN without a path (such as \"arn:aws:iam::222222222222:root\" or \"arn:aws:iam::222222222222:role/consumer\"), or \"*\"",
                    check: formats::is_endpoint_service_principal,
                })),
        )
        .attribute(
            Attribute::string("private_dns_name")
                .optional()
                .describe("Private DNS name consumers may use instead of the endpoint's (needs domain verification).")
                .validate(Predicate { expected: "a DNS name such as \"api.internal.example.com\"", check: formats::is_dns_name }),
        )
        .attribute(
            Attribute::bool("wait_for_steady_state")
                .default_value(false)
                .describe("Wait, after create and update, until the ECS deployment is finished (one deployment, all tasks running)."),
        )
        .attribute(
            Attribute::string_map("tags")
                .optional()
                .describe("Tags for every AWS object of the service, over the provider's `default_tags`.")
                .validate(tag_rules::key_validator())
                .validate(tag_rules::value_validator())
                .validate(tag_rules::count_validator()),
        )
        .attribute(Attribute::string_map("tags_all").computed().describe("`tags` merged over the provider's `default_tags`, as applied."))
        .attribute(stable("service_name", "The endpoint service name consumers create interface endpoints to."))
        .attribute(stable("endpoint_service_id", "The VPC endpoint service id."))
        .attribute(stable("nlb_arn", "The network load balancer."))
        .attribute(stable("nlb_dns_name", "The network load balancer's DNS name."))
        .attribute(stable("target_group_arn", "The target group."))
        .attribute(stable("listener_arn", "The listener."))
        .attribute(stable("ecs_service_arn", "The ECS service."))
        .attribute(stable("task_definition_arn", "The task definition revision in use."))
        .attribute(stable("security_group_id", "The tasks' security group."))
        .attribute(stable("log_group_name", "The log group (`/ecs/<name>`)."))
        .attribute(
            Attribute::string_list("load_balancer_cidr_blocks")
                .computed()
                .describe("The CIDR blocks of `subnet_ids`, where the load balancer's nodes take their addresses. The tasks' security group always admits them on the container port and the health-check port: health checks and all PrivateLink traffic reach the tasks from there.")
                .plan_modifier(UseStateForUnknown),
        )
        .attribute(stable("state", "The endpoint service state, e.g. `available`."))
        .block(timeouts_block(&["create", "update", "delete"], DEFAULT_TIMEOUT));
    Schema::new(block)
}

/// The schema's default for the attribute at `path` (`["container",
/// "port"]`); null when it has none.
pub fn default_of(path: &[&str]) -> Value {
    schema()
        .block
        .attribute_at(path)
        .and_then(|a| a.default.clone())
        .unwrap_or_default()
}
