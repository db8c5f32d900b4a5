//! `privatelink_service` through real Terraform against the embedded AWS,
//! one concern per file: the lifecycle with update and import, drift,
//! failures and validation, consumer connections, API calls. The
//! fixtures they share are here.

mod api_calls;
mod consumers;
mod drift;
mod failures;
mod fault_positions;
mod interrupts;
mod lifecycle;
mod throttling;
mod trace_logs;
mod traffic;

use crate::support::aws::{block_on, create_network, ec2};
use crate::support::local_aws::{AwsSession, LocalAws};
use crate::support::terraform::Workspace;

/// A VPC with two private subnets tagged for lookup.
fn network(aws: &AwsSession) -> String {
    block_on(async {
        create_network(
            &ec2(&aws.url),
            "10.20.0.0/16",
            &[("Name", "workload-dev")],
            &[
                ("us-east-1a", "10.20.1.0/24", "private"),
                ("us-east-1b", "10.20.2.0/24", "private"),
            ],
        )
        .await
        .0
    })
}

/// The configuration under test, with `body` inside the resource block.
fn config(body: &str) -> String {
    format!(
        r#"
provider "privatelink" {{
  default_tags {{
    tags = {{ Project = "multi-account", ManagedBy = "Terraform" }}
  }}
}}

data "privatelink_network" "workload" {{
  tags        = {{ Name = "workload-dev" }}
  subnet_tier = "private"
}}

resource "privatelink_service" "api" {{
  name               = "api-service-dev"
  vpc_id             = data.privatelink_network.workload.vpc_id
  subnet_ids         = data.privatelink_network.workload.subnet_ids
  execution_role_arn = "arn:aws:iam::123456789012:role/api-service-dev-execution"
{body}
}}

output "service_name" {{ value = privatelink_service.api.service_name }}
output "id" {{ value = privatelink_service.api.id }}
output "cluster_arn" {{ value = privatelink_service.api.cluster_arn }}
output "ecs_service_arn" {{ value = privatelink_service.api.ecs_service_arn }}
output "task_definition_arn" {{ value = privatelink_service.api.task_definition_arn }}
output "listener_arn" {{ value = privatelink_service.api.listener_arn }}
output "nlb_arn" {{ value = privatelink_service.api.nlb_arn }}
output "target_group_arn" {{ value = privatelink_service.api.target_group_arn }}
output "security_group_id" {{ value = privatelink_service.api.security_group_id }}
output "log_group_name" {{ value = privatelink_service.api.log_group_name }}
output "state" {{ value = privatelink_service.api.state }}
"#
    )
}

const BASE: &str = r#"
  container = {
    image = "registry.example.com/api-service:1.0.0"
    environment = { LOG_LEVEL = "INFO" }
  }
  desired_count      = 2
  allowed_principals = ["arn:aws:iam::333333333333:root"]
  keep_log_group_on_destroy = false
  tags = { Service = "api-service" }
"#;

const UPDATED: &str = r#"
  container = {
    image = "registry.example.com/api-service:1.1.0"
    environment = { LOG_LEVEL = "DEBUG" }
  }
  desired_count      = 3
  allowed_principals = ["arn:aws:iam::333333333333:root", "arn:aws:iam::444444444444:root"]
  keep_log_group_on_destroy = false
  tags = { Service = "api-service" }
"#;

/// A fresh embedded AWS with the network, and a workspace initialised with
/// `config(body)` against it.
fn service_workspace(ws: Workspace, body: &str) -> (AwsSession, Workspace) {
    let aws = LocalAws::session();
    network(&aws);
    let ws = workspace_against(ws, &aws, body);
    (aws, ws)
}

/// A workspace initialised with `config(body)` against `aws`.
fn workspace_against(ws: Workspace, aws: &AwsSession, body: &str) -> Workspace {
    let ws = ws.with_aws(&aws.url);
    ws.write_config(&config(body));
    ws.init();
    ws
}

fn expect_clean_plan(ws: &Workspace) {
    let out = ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(
        out.code,
        Some(0),
        "re-plan should have no changes under v{}:\n{}",
        ws.version.label(),
        out.combined()
    );
}

/// No resource changes. Outputs not yet in state (after an import) may
/// still show: Terraform v1.0 counts those as changes.
fn expect_no_resource_changes(ws: &Workspace) {
    let out = ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
    let only_outputs = out.code == Some(2)
        && !out.stdout.contains("Plan:")
        && out.stdout.contains("Changes to Outputs");
    assert!(
        out.code == Some(0) || only_outputs,
        "plan should have no resource changes under v{}:\n{}",
        ws.version.label(),
        out.combined()
    );
}

fn out_str(out: &serde_json::Value, key: &str) -> String {
    out[key]
        .as_str()
        .unwrap_or_else(|| panic!("output {key} missing: {out}"))
        .to_string()
}
