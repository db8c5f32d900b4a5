//! A consumer account: one `privatelink_consumer` per service its
//! applications call (the service name read from the provider account's
//! state, same workspace; the connection accepted through the provider
//! account's acceptance role), and each consuming application on ECS
//! Fargate with `CONSUMER_SERVICES` naming every endpoint's DNS name and
//! port. The applications' containers run with a read-only root file
//! system (a task volume at /tmp for scratch space), their log groups are
//! encrypted with the account's log key, and their tasks reach only the
//! consumed services' ports in the VPC and HTTPS.

use super::checkov::{Skip, with_skips};
use super::common::{execution_role, state_bucket, state_key};
use super::hcl::{block, body, call, data, ident, list, object, r, resource, string, template};
use super::hcl_file;
use super::logs_key_policy;
use super::provider_account::{common_outputs, image};
use crate::catalog::{Account, Catalog, Consumer, Service};
use hcl::Expression;
use std::collections::BTreeSet;

/// `endpoints.tf`, `apps.tf` and `outputs.tf` of consumer `account`.
pub fn files(catalog: &Catalog, account: &Account) -> Vec<(String, String)> {
    let services = catalog.services_consumed_by(account.name.get_ref());
    let consumers: Vec<&Consumer> = catalog.consumers_of(account.name.get_ref()).collect();
    vec![
        (
            "endpoints.tf".into(),
            endpoints(catalog, account, &services),
        ),
        ("apps.tf".into(), apps(account, &consumers, catalog)),
        ("outputs.tf".into(), outputs(&services)),
    ]
}

fn remote_state(service: &Service) -> String {
    format!(
        "data.terraform_remote_state.{}",
        ident(service.account.get_ref())
    )
}

fn endpoints(catalog: &Catalog, account: &Account, services: &[&Service]) -> String {
    let mut blocks = vec![
        data("privatelink_network", "main")
            .attr("id", r("aws_vpc.main.id"))
            .attr("subnet_tier", string("private"))
            .attr("depends_on", list(vec![r("aws_subnet.private").into()])),
    ];
    let providers: BTreeSet<&str> = services
        .iter()
        .map(|s| s.account.get_ref().as_str())
        .collect();
    for provider in providers {
        let provider = catalog.account(provider).expect("validated reference");
        blocks.push(
            data("terraform_remote_state", &ident(provider.name.get_ref()))
                .attr("backend", string("s3"))
                .attr("workspace", r("terraform.workspace"))
                .attr(
                    "config",
                    object(vec![
                        ("bucket", string(&state_bucket(catalog, provider))),
                        ("key", string(&state_key(provider))),
                        ("region", string(provider.region.get_ref())),
                        (
                            "assume_role",
                            object(vec![("role_arn", string(&provider.role_arn()))]),
                        ),
                    ]),
                ),
        );
    }
    for service in services {
        let name = service.name.get_ref();
        let state = remote_state(service);
        blocks.push(
            resource("privatelink_consumer", &ident(name))
                .attr("name", template(&format!("{name}-${{local.environment}}")))
                .attr(
                    "service_name",
                    r(&format!("{state}.outputs.service_names")).index(string(name)),
                )
                .attr("vpc_id", r("data.privatelink_network.main.vpc_id"))
                .attr("subnet_ids", r("data.privatelink_network.main.subnet_ids"))
                .attr("port", *service.port.get_ref())
                .attr("tags", object(vec![("Service", string(name))]))
                .child(
                    block("acceptance", &[])
                        .attr(
                            "role_arn",
                            r(&format!("{state}.outputs.acceptance_role_arn")),
                        )
                        .attr(
                            "session_name",
                            template(&format!(
                                "{}-${{local.environment}}",
                                account.name.get_ref()
                            )),
                        ),
                ),
        );
    }
    hcl_file(
        &[
            "One endpoint per service the account's applications call. The service name comes from",
            "the provider account's state (same workspace); the endpoint's connection is accepted",
            "through the provider account's acceptance role.",
        ],
        &body(blocks),
    )
}

fn environment_list(consumer: &Consumer, catalog: &Catalog) -> Expression {
    let endpoints: Vec<Expression> = consumer
        .services
        .iter()
        .filter_map(|s| catalog.service(s.get_ref()))
        .map(|service| {
            let id = ident(service.name.get_ref());
            object(vec![
                ("name", string(service.name.get_ref())),
                (
                    "endpoint",
                    r(&format!("privatelink_consumer.{id}.dns_name")).into(),
                ),
                ("port", Expression::from(*service.port.get_ref())),
                ("timeout", Expression::from(30)),
            ])
        })
        .collect();
    let mut variables: Vec<(String, Expression)> = vec![
        (
            "CONSUMER_SERVICES".into(),
            call("jsonencode", vec![list(endpoints)]),
        ),
        ("ENVIRONMENT".into(), r("local.environment").into()),
        ("SERVICE_NAME".into(), string(consumer.name.get_ref())),
        (
            "SERVICE_PORT".into(),
            string(&consumer.port.get_ref().to_string()),
        ),
    ];
    for (key, value) in &consumer.environment {
        if !variables.iter().any(|(k, _)| k == key) {
            variables.push((key.clone(), string(value)));
        }
    }
    variables.sort_by(|a, b| a.0.cmp(&b.0));
    list(
        variables
            .into_iter()
            .map(|(k, v)| object(vec![("name", string(&k)), ("value", v)]))
            .collect(),
    )
}

fn apps(account: &Account, consumers: &[&Consumer], catalog: &Catalog) -> String {
    let (mut blocks, skips) = logs_key(account, consumers);
    blocks.extend([
        resource("aws_ecs_cluster", "main")
            .attr("name", r("local.name"))
            .child(
                block("setting", &[])
                    .attr("name", string("containerInsights"))
                    .attr("value", string("enabled")),
            ),
        data("aws_iam_policy_document", "ecs_tasks").child(
            block("statement", &[])
                .attr("actions", list(vec![string("sts:AssumeRole")]))
                .child(
                    block("principals", &[])
                        .attr("type", string("Service"))
                        .attr("identifiers", list(vec![string("ecs-tasks.amazonaws.com")])),
                ),
        ),
    ]);
    for consumer in consumers {
        let name = consumer.name.get_ref();
        let id = ident(name);
        let port = *consumer.port.get_ref();
        let container = object(vec![
            ("name", string("app")),
            ("image", image(consumer.image.get_ref())),
            ("essential", true.into()),
            (
                "portMappings",
                list(vec![object(vec![
                    ("containerPort", port.into()),
                    ("protocol", string("tcp")),
                ])]),
            ),
            ("environment", environment_list(consumer, catalog)),
            ("readonlyRootFilesystem", true.into()),
            (
                "mountPoints",
                list(vec![object(vec![
                    ("sourceVolume", string(SCRATCH_VOLUME)),
                    ("containerPath", string("/tmp")),
                    ("readOnly", false.into()),
                ])]),
            ),
            (
                "logConfiguration",
                object(vec![
                    ("logDriver", string("awslogs")),
                    (
                        "options",
                        object(vec![
                            (
                                "awslogs-group",
                                r(&format!("aws_cloudwatch_log_group.{id}.name")).into(),
                            ),
                            ("awslogs-region", string(account.region.get_ref())),
                            ("awslogs-stream-prefix", string(name)),
                        ]),
                    ),
                ]),
            ),
        ]);
        blocks.push(
            resource("aws_cloudwatch_log_group", &id)
                .attr(
                    "name",
                    template(&format!("/ecs/{name}-${{local.environment}}")),
                )
                .attr("retention_in_days", r("local.settings.log_retention_days"))
                .attr("kms_key_id", r("aws_kms_key.logs.arn")),
        );
        blocks.extend(execution_role(&id, name));
        let mut security_group = resource("aws_security_group", &id)
            .attr(
                "name",
                template(&format!("{name}-${{local.environment}}-tasks")),
            )
            .attr("description", string(&format!("Tasks of {name}")))
            .attr("vpc_id", r("aws_vpc.main.id"))
            .child(
                block("ingress", &[])
                    .attr("description", string("The application port from the VPC"))
                    .attr("from_port", port)
                    .attr("to_port", port)
                    .attr("protocol", string("tcp"))
                    .attr(
                        "cidr_blocks",
                        list(vec![r("local.settings.vpc_cidr").into()]),
                    ),
            );
        for service_port in consumed_ports(consumer, catalog) {
            security_group = security_group.child(
                block("egress", &[])
                    .attr(
                        "description",
                        string("Endpoints of the consumed services in the VPC"),
                    )
                    .attr("from_port", service_port)
                    .attr("to_port", service_port)
                    .attr("protocol", string("tcp"))
                    .attr(
                        "cidr_blocks",
                        list(vec![r("local.settings.vpc_cidr").into()]),
                    ),
            );
        }
        blocks.push(
            security_group.child(
                block("egress", &[])
                    .attr(
                        "description",
                        string("HTTPS: the image registry through NAT, AWS APIs and the CloudWatch Logs endpoint"),
                    )
                    .attr("from_port", 443)
                    .attr("to_port", 443)
                    .attr("protocol", string("tcp"))
                    .attr("cidr_blocks", list(vec![string("0.0.0.0/0")])),
            ),
        );
        blocks.push(
            resource("aws_ecs_task_definition", &id)
                .attr(
                    "family",
                    template(&format!("{name}-${{local.environment}}")),
                )
                .attr("network_mode", string("awsvpc"))
                .attr("requires_compatibilities", list(vec![string("FARGATE")]))
                .attr("cpu", r("local.settings.cpu"))
                .attr("memory", r("local.settings.memory"))
                .attr(
                    "execution_role_arn",
                    r(&format!("aws_iam_role.{id}_execution.arn")),
                )
                .attr(
                    "container_definitions",
                    call("jsonencode", vec![list(vec![container])]),
                )
                .child(block("volume", &[]).attr("name", string(SCRATCH_VOLUME))),
        );
        blocks.push(
            resource("aws_ecs_service", &id)
                .attr("name", template(&format!("{name}-${{local.environment}}")))
                .attr("cluster", r("aws_ecs_cluster.main.id"))
                .attr(
                    "task_definition",
                    r(&format!("aws_ecs_task_definition.{id}.arn")),
                )
                .attr("desired_count", r("local.settings.desired_count"))
                .attr("launch_type", string("FARGATE"))
                .child(
                    block("network_configuration", &[])
                        .attr("subnets", r("data.privatelink_network.main.subnet_ids"))
                        .attr(
                            "security_groups",
                            list(vec![r(&format!("aws_security_group.{id}.id")).into()]),
                        )
                        .attr("assign_public_ip", false),
                )
                .attr(
                    "depends_on",
                    list(vec![
                        r(&format!("aws_iam_role_policy_attachment.{id}_execution")).into(),
                        r("aws_route.private_nat").into(),
                        r("aws_route_table_association.private").into(),
                    ]),
                ),
        );
    }
    let text = hcl_file(
        &[
            "The consuming applications; CONSUMER_SERVICES lists each endpoint's DNS name and port.",
            "Containers have a read-only root file system and a task volume at /tmp (Fargate task",
            "storage); log groups are encrypted with the account's log key; tasks may reach the",
            "consumed services' ports in the VPC and HTTPS (the image registry through NAT, AWS APIs).",
        ],
        &body(blocks),
    );
    with_skips(&text, &skips)
}

/// The task volume mounted at /tmp: writable scratch space next to the
/// read-only root file system.
const SCRATCH_VOLUME: &str = "tmp";

/// The ports of the services `consumer` calls, sorted, each once.
fn consumed_ports(consumer: &Consumer, catalog: &Catalog) -> BTreeSet<i64> {
    consumer
        .services
        .iter()
        .filter_map(|s| catalog.service(s.get_ref()))
        .map(|service| *service.port.get_ref())
        .collect()
}

/// The account's log key (rotated) that CloudWatch Logs encrypts the
/// applications' log groups with, its alias and policy; none for an account
/// without applications.
fn logs_key(account: &Account, consumers: &[&Consumer]) -> (Vec<super::hcl::B>, Vec<Skip>) {
    if consumers.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let account_id = account.id.get_ref();
    let region = account.region.get_ref();
    let log_groups = consumers
        .iter()
        .map(|c| {
            template(&format!(
                "arn:aws:logs:{region}:{account_id}:log-group:/ecs/{}-${{local.environment}}",
                c.name.get_ref()
            ))
        })
        .collect();
    let (policy, skips) = logs_key_policy::blocks("logs_key", account, log_groups);
    let blocks = vec![
        policy,
        resource("aws_kms_key", "logs")
            .attr(
                "description",
                template("Log groups of ${local.name}'s applications"),
            )
            .attr("enable_key_rotation", true)
            .attr("deletion_window_in_days", 30)
            .attr("policy", r("data.aws_iam_policy_document.logs_key.json")),
        resource("aws_kms_alias", "logs")
            .attr("name", template("alias/${local.name}-logs"))
            .attr("target_key_id", r("aws_kms_key.logs.key_id")),
    ];
    (blocks, skips)
}

fn outputs(services: &[&Service]) -> String {
    let endpoints = object(
        services
            .iter()
            .map(|s| {
                let id = ident(s.name.get_ref());
                (
                    s.name.get_ref().clone(),
                    object(vec![
                        (
                            "dns_name",
                            r(&format!("privatelink_consumer.{id}.dns_name")).into(),
                        ),
                        ("port", Expression::from(*s.port.get_ref())),
                        (
                            "state",
                            r(&format!("privatelink_consumer.{id}.state")).into(),
                        ),
                    ]),
                )
            })
            .collect(),
    );
    let mut blocks = vec![
        block("output", &["endpoints"])
            .attr(
                "description",
                string("Each consumed service's endpoint: DNS name, port and connection state."),
            )
            .attr("value", endpoints),
    ];
    blocks.extend(common_outputs());
    hcl_file(&[], &body(blocks))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::parse;
    use crate::validate::validate;
    use hcl::{Block, Body};

    /// The example catalog's consumer account `apps.tf`, parsed, and the text.
    fn example_apps() -> (Body, String) {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../terraform-workloads/catalog.toml"
        ))
        .unwrap();
        let catalog = parse(&source).unwrap_or_else(|e| panic!("{:?}", e.0));
        assert_eq!(validate(&catalog), vec![]);
        let account = catalog.account("storefront-consumer").unwrap();
        let (_, text) = files(&catalog, account)
            .into_iter()
            .find(|(name, _)| name == "apps.tf")
            .unwrap();
        (hcl::from_str(&text).unwrap(), text)
    }

    fn resources<'a>(body: &'a Body, kind: &'a str) -> impl Iterator<Item = &'a Block> {
        body.blocks()
            .filter(move |b| b.identifier() == "resource" && b.labels()[0].as_str() == kind)
    }

    fn attribute(block: &Block, name: &str) -> String {
        let attr = block
            .body()
            .attributes()
            .find(|a| a.key() == name)
            .unwrap_or_else(|| panic!("{block:?} has no {name}"));
        hcl::format::to_string(&attr.expr).unwrap()
    }

    #[test]
    fn every_log_group_is_encrypted_with_the_rotated_log_key() {
        let (body, _) = example_apps();
        let groups: Vec<&Block> = resources(&body, "aws_cloudwatch_log_group").collect();
        assert_eq!(groups.len(), 2);
        for group in groups {
            assert_eq!(attribute(group, "kms_key_id"), "aws_kms_key.logs.arn");
        }
        let key = resources(&body, "aws_kms_key").next().unwrap();
        assert_eq!(attribute(key, "enable_key_rotation"), "true");
    }

    #[test]
    fn containers_have_a_read_only_root_and_a_tmp_volume() {
        let (body, _) = example_apps();
        let definitions: Vec<&Block> = resources(&body, "aws_ecs_task_definition").collect();
        assert_eq!(definitions.len(), 2);
        for definition in definitions {
            let containers = attribute(definition, "container_definitions");
            assert!(
                containers.contains("readonlyRootFilesystem = true"),
                "{containers}"
            );
            assert!(
                containers.contains("sourceVolume = \"tmp\", containerPath = \"/tmp\""),
                "{containers}"
            );
            let volume = definition
                .body()
                .blocks()
                .find(|b| b.identifier() == "volume")
                .expect("a task volume");
            assert_eq!(attribute(volume, "name"), "\"tmp\"");
        }
    }

    #[test]
    fn tasks_reach_the_consumed_ports_in_the_vpc_and_https_only() {
        let (body, _) = example_apps();
        let group = resources(&body, "aws_security_group")
            .find(|b| b.labels()[1].as_str() == "api_consumer")
            .unwrap();
        let egress: Vec<(String, String, String)> = group
            .body()
            .blocks()
            .filter(|b| b.identifier() == "egress")
            .map(|b| {
                (
                    attribute(b, "from_port"),
                    attribute(b, "protocol"),
                    attribute(b, "cidr_blocks").split_whitespace().collect(),
                )
            })
            .collect();
        assert_eq!(
            egress,
            vec![
                (
                    "8080".into(),
                    "\"tcp\"".into(),
                    "[local.settings.vpc_cidr]".into()
                ),
                (
                    "8081".into(),
                    "\"tcp\"".into(),
                    "[local.settings.vpc_cidr]".into()
                ),
                ("443".into(), "\"tcp\"".into(), "[\"0.0.0.0/0\"]".into()),
            ]
        );
    }

    #[test]
    fn the_key_policy_skips_carry_reasons() {
        let (_, text) = example_apps();
        let skips: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("#checkov:skip="))
            .collect();
        assert_eq!(skips.len(), 3, "{skips:?}");
        for skip in skips {
            let reason = skip.splitn(3, ':').nth(2).unwrap();
            assert!(reason.len() >= 15, "{skip}");
        }
    }
}
