//! A provider account's services: one `privatelink_service` each (placed
//! through `privatelink_network`), their task and execution roles,
//! Application Auto Scaling between the environment's min and max capacity
//! (the service ignores desired-count drift so the two never fight), the
//! role consumer accounts assume to accept their endpoint connections, and
//! the outputs consumer accounts read.

use super::common::execution_role;
use super::data_tier;
use super::hcl::{block, body, data, ident, list, object, r, resource, string, template};
use super::hcl_file;
use crate::catalog::{Account, Catalog, Service};
use hcl::Expression;

/// `services.tf`, `acceptance.tf` and `outputs.tf` of provider `account`.
pub fn files(catalog: &Catalog, account: &Account) -> Vec<(String, String)> {
    let services: Vec<&Service> = catalog.services_of(account.name.get_ref()).collect();
    let mut files = vec![
        (
            "services.tf".into(),
            services_file(catalog, account, &services),
        ),
        (
            "acceptance.tf".into(),
            acceptance(catalog, account, &services),
        ),
        (
            "outputs.tf".into(),
            outputs(
                &services,
                !acceptance_principals(catalog, &services).is_empty(),
                data_tier::output(catalog, account),
            ),
        ),
    ];
    if let Some(data) = data_tier::file(catalog, account) {
        files.push(("data.tf".into(), data));
    }
    files
}

/// Roles that may accept endpoint connections: every consumer account's
/// Terraform role that calls one of `services`, sorted, each once.
fn acceptance_principals(catalog: &Catalog, services: &[&Service]) -> Vec<String> {
    let mut principals: Vec<String> = services
        .iter()
        .flat_map(|s| consumer_principals(catalog, s))
        .collect();
    principals.sort();
    principals.dedup();
    principals
}

/// The image reference with `{environment}` replaced by the workspace name.
pub fn image(image: &str) -> Expression {
    template(
        &image
            .replace("${", "$${")
            .replace("{environment}", "${local.environment}"),
    )
}

/// Role principals of the consumer accounts that call `service`.
fn consumer_principals(catalog: &Catalog, service: &Service) -> Vec<String> {
    catalog
        .accounts_consuming(service.name.get_ref())
        .iter()
        .map(|a| a.role_arn())
        .collect()
}

fn ecs_tasks_trust() -> super::hcl::B {
    data("aws_iam_policy_document", "ecs_tasks").child(
        block("statement", &[])
            .attr("actions", list(vec![string("sts:AssumeRole")]))
            .child(
                block("principals", &[])
                    .attr("type", string("Service"))
                    .attr("identifiers", list(vec![string("ecs-tasks.amazonaws.com")])),
            ),
    )
}

fn services_file(catalog: &Catalog, account: &Account, services: &[&Service]) -> String {
    let mut blocks = vec![
        data("privatelink_network", "main")
            .attr("id", r("aws_vpc.main.id"))
            .attr("subnet_tier", string("private"))
            .attr("depends_on", list(vec![r("aws_subnet.private").into()])),
        ecs_tasks_trust(),
    ];
    for service in services {
        let name = service.name.get_ref();
        let id = ident(name);
        let port = *service.port.get_ref();
        let mut environment: Vec<(String, Expression)> = vec![
            ("SERVICE_NAME".into(), string(name)),
            ("ENVIRONMENT".into(), r("local.environment").into()),
            ("SERVICE_PORT".into(), string(&port.to_string())),
        ];
        let data = data_tier::wiring(service, account);
        environment.extend(data.environment);
        for (key, value) in &service.environment {
            if !environment.iter().any(|(k, _)| k == key) {
                environment.push((key.clone(), string(value)));
            }
        }
        let mut container = vec![
            ("image", image(service.image.get_ref())),
            ("port", port.into()),
            ("cpu", r("local.settings.cpu").into()),
            ("memory", r("local.settings.memory").into()),
            ("environment", object(environment)),
        ];
        let mut depends_on: Vec<Expression> =
            vec![r(&format!("aws_iam_role_policy_attachment.{id}_execution")).into()];
        if !data.secrets.is_empty() {
            container.push(("secrets", object(data.secrets)));
            // The execution role reads the secrets when a task starts.
            depends_on.push(r(&format!("aws_iam_role_policy.{id}_execution_secrets")).into());
        }
        depends_on.push(r("aws_route.private_nat").into());
        depends_on.push(r("aws_route_table_association.private").into());
        let principals: Vec<Expression> = consumer_principals(catalog, service)
            .iter()
            .map(|p| string(p))
            .collect();
        blocks.extend(execution_role(&id, name));
        blocks.push(
            resource("aws_iam_role", &format!("{id}_task"))
                .attr(
                    "name",
                    template(&format!("{name}-${{local.environment}}-task")),
                )
                .attr(
                    "assume_role_policy",
                    r("data.aws_iam_policy_document.ecs_tasks.json"),
                ),
        );
        blocks.push(
            resource("privatelink_service", &id)
                .attr("name", template(&format!("{name}-${{local.environment}}")))
                .attr("vpc_id", r("data.privatelink_network.main.vpc_id"))
                .attr("subnet_ids", r("data.privatelink_network.main.subnet_ids"))
                .attr(
                    "execution_role_arn",
                    r(&format!("aws_iam_role.{id}_execution.arn")),
                )
                .attr("task_role_arn", r(&format!("aws_iam_role.{id}_task.arn")))
                .attr("container", object(container))
                .attr("desired_count", r("local.settings.desired_count"))
                .attr("ignore_desired_count_drift", true)
                .attr(
                    "health_check",
                    object(vec![("path", string(service.health_path.get_ref()))]),
                )
                .attr("log_retention_days", r("local.settings.log_retention_days"))
                .attr("allowed_principals", list(principals))
                .attr("acceptance_required", true)
                .attr("tags", object(vec![("Service", string(name))]))
                .attr("depends_on", list(depends_on)),
        );
        blocks.push(
            resource("aws_appautoscaling_target", &id)
                .attr("service_namespace", string("ecs"))
                .attr("scalable_dimension", string("ecs:service:DesiredCount"))
                .attr(
                    "resource_id",
                    template(&format!("service/${{privatelink_service.{id}.name}}/${{privatelink_service.{id}.name}}")),
                )
                .attr("min_capacity", r("local.settings.min_capacity"))
                .attr("max_capacity", r("local.settings.max_capacity")),
        );
        blocks.push(
            resource("aws_appautoscaling_policy", &format!("{id}_cpu"))
                .attr(
                    "name",
                    template(&format!("{name}-${{local.environment}}-cpu")),
                )
                .attr("policy_type", string("TargetTrackingScaling"))
                .attr(
                    "service_namespace",
                    r(&format!("aws_appautoscaling_target.{id}.service_namespace")),
                )
                .attr(
                    "scalable_dimension",
                    r(&format!(
                        "aws_appautoscaling_target.{id}.scalable_dimension"
                    )),
                )
                .attr(
                    "resource_id",
                    r(&format!("aws_appautoscaling_target.{id}.resource_id")),
                )
                .child(
                    block("target_tracking_scaling_policy_configuration", &[])
                        .attr("target_value", 60)
                        .child(block("predefined_metric_specification", &[]).attr(
                            "predefined_metric_type",
                            string("ECSServiceAverageCPUUtilization"),
                        )),
                ),
        );
    }
    hcl_file(
        &[
            "One privatelink_service per catalog service. Autoscaling owns the task count between",
            "min_capacity and max_capacity; ignore_desired_count_drift keeps the service from",
            "setting it back to desired_count.",
        ],
        &body(blocks),
    )
}

fn acceptance(catalog: &Catalog, account: &Account, services: &[&Service]) -> String {
    let principals = acceptance_principals(catalog, services);
    let service_arns: Vec<Expression> = services
        .iter()
        .filter(|s| !consumer_principals(catalog, s).is_empty())
        .map(|s| {
            template(&format!(
                "arn:aws:ec2:{}:{}:vpc-endpoint-service/${{privatelink_service.{}.id}}",
                account.region.get_ref(),
                account.id.get_ref(),
                ident(s.name.get_ref())
            ))
        })
        .collect();
    let notes = [
        "Consumer accounts' Terraform roles assume this role to accept their endpoint",
        "connections (privatelink_consumer's acceptance block).",
    ];
    if principals.is_empty() {
        return hcl_file(
            &["No consumer account calls a service of this account."],
            &body(vec![]),
        );
    }
    hcl_file(
        &notes,
        &body(vec![
            data("aws_iam_policy_document", "accept_trust").child(
                block("statement", &[])
                    .attr("actions", list(vec![string("sts:AssumeRole")]))
                    .child(block("principals", &[]).attr("type", string("AWS")).attr(
                        "identifiers",
                        list(principals.iter().map(|p| string(p)).collect()),
                    )),
            ),
            data("aws_iam_policy_document", "accept")
                .child(
                    block("statement", &[])
                        .attr(
                            "actions",
                            list(vec![string("ec2:DescribeVpcEndpointConnections")]),
                        )
                        .attr("resources", list(vec![string("*")])),
                )
                .child(
                    block("statement", &[])
                        .attr(
                            "actions",
                            list(vec![string("ec2:AcceptVpcEndpointConnections")]),
                        )
                        .attr("resources", list(service_arns)),
                ),
            resource("aws_iam_role", "accept_endpoints")
                .attr("name", template("${local.name}-accept-endpoints"))
                .attr(
                    "assume_role_policy",
                    r("data.aws_iam_policy_document.accept_trust.json"),
                ),
            resource("aws_iam_role_policy", "accept_endpoints")
                .attr("name", string("accept-endpoint-connections"))
                .attr("role", r("aws_iam_role.accept_endpoints.id"))
                .attr("policy", r("data.aws_iam_policy_document.accept.json")),
        ]),
    )
}

fn outputs(services: &[&Service], accepting: bool, data_tier: Option<super::hcl::B>) -> String {
    let map = |attr: &str| -> Expression {
        object(
            services
                .iter()
                .map(|s| {
                    (
                        s.name.get_ref().clone(),
                        r(&format!(
                            "privatelink_service.{}.{attr}",
                            ident(s.name.get_ref())
                        ))
                        .into(),
                    )
                })
                .collect(),
        )
    };
    let ports = object(
        services
            .iter()
            .map(|s| {
                (
                    s.name.get_ref().clone(),
                    Expression::from(*s.port.get_ref()),
                )
            })
            .collect(),
    );
    let mut blocks = vec![
        block("output", &["service_names"])
            .attr("description", string("Endpoint service name of every service, by catalog name; consumer accounts read it."))
            .attr("value", map("service_name")),
        block("output", &["service_ports"])
            .attr("description", string("Port consumers connect to, by service."))
            .attr("value", ports),
    ];
    if accepting {
        blocks.push(
            block("output", &["acceptance_role_arn"])
                .attr(
                    "description",
                    string("Role consumer accounts assume to accept their endpoint connections."),
                )
                .attr("value", r("aws_iam_role.accept_endpoints.arn")),
        );
    }
    blocks.extend(data_tier);
    blocks.extend(common_outputs());
    hcl_file(&[], &body(blocks))
}

/// Outputs every workload account has.
pub fn common_outputs() -> Vec<super::hcl::B> {
    vec![
        block("output", &["vpc_id"]).attr("description", string("The workload VPC.")).attr("value", r("aws_vpc.main.id")),
        block("output", &["attachment_id"])
            .attr(
                "description",
                string("Transit gateway attachment; set it as workload_vpcs.<env>.<account>.attachment_id in terraform-base-infra."),
            )
            .attr("value", r("aws_ec2_transit_gateway_vpc_attachment.main.id")),
    ]
}
