//! `privatelink_consumer` and `privatelink_connection_accepter` through
//! real Terraform against the embedded AWS, across two accounts reached by
//! AssumeRole: the owner (111111111111) runs a `privatelink_service`, the
//! consumer (222222222222) an endpoint to it. One concern per file; the
//! fixtures they share are here.

mod accepter_fault_positions;
mod drift_import;
mod failures;
mod fault_positions;
mod lifecycle;

use std::collections::BTreeMap;

use crate::support::aws::{block_on, create_network, ec2_as_role, zone_names_by_id};
use crate::support::local_aws::{AwsSession, LocalAws};
use crate::support::terraform::Workspace;

pub const OWNER: &str = "111111111111";
pub const CONSUMER: &str = "222222222222";
/// The external id the owner's acceptance role requires.
pub const EXTERNAL_ID: &str = "orders-accept-7f3a";

/// The role Terraform assumes in `account`.
pub fn deploy_role(account: &str) -> String {
    format!("arn:aws:iam::{account}:role/terraform")
}

/// The owner's role consumers assume to accept their connection.
pub fn acceptance_role() -> String {
    format!("arn:aws:iam::{OWNER}:role/accept-endpoints")
}

/// Both accounts' networks, made as their operators would (outside
/// Terraform), with the consumer's subnets in the zones (by id) of the
/// owner's: zone names differ between accounts.
pub struct Accounts {
    pub aws: AwsSession,
    pub owner: aws_sdk_ec2::Client,
    pub consumer: aws_sdk_ec2::Client,
    pub owner_vpc: String,
    pub owner_subnets: Vec<String>,
    pub consumer_vpc: String,
    pub consumer_subnets: Vec<String>,
    /// A consumer subnet in a zone the owner's service does not cover.
    pub consumer_subnet_elsewhere: String,
}

impl Accounts {
    pub fn new() -> Accounts {
        let aws = LocalAws::session();
        block_on(async {
            let owner = ec2_as_role(&aws.url, &deploy_role(OWNER)).await;
            let consumer = ec2_as_role(&aws.url, &deploy_role(CONSUMER)).await;
            let (owner_vpc, owner_subnets) = create_network(
                &owner,
                "10.40.0.0/16",
                &[("Name", "owner")],
                &[
                    ("us-east-1a", "10.40.1.0/24", "private"),
                    ("us-east-1b", "10.40.2.0/24", "private"),
                ],
            )
            .await;
            let owner_ids: BTreeMap<String, String> = zone_names_by_id(&owner)
                .await
                .into_iter()
                .map(|(id, name)| (name, id))
                .collect();
            let consumer_names = zone_names_by_id(&consumer).await;
            let served: Vec<&String> = ["us-east-1a", "us-east-1b"]
                .iter()
                .map(|n| &owner_ids[*n])
                .collect();
            let zone_for = |id: &String| consumer_names[id].clone();
            let elsewhere = consumer_names
                .iter()
                .find(|(id, _)| !served.contains(id))
                .map(|(_, name)| name.clone())
                .expect("a zone the service lacks");
            let (z0, z1) = (zone_for(served[0]), zone_for(served[1]));
            assert_ne!(
                (z0.as_str(), z1.as_str()),
                ("us-east-1a", "us-east-1b"),
                "the embedded AWS gives each account its own zone names"
            );
            let (consumer_vpc, mut subnets) = create_network(
                &consumer,
                "10.50.0.0/16",
                &[("Name", "consumer")],
                &[
                    (z0.as_str(), "10.50.1.0/24", "private"),
                    (z1.as_str(), "10.50.2.0/24", "private"),
                    (elsewhere.as_str(), "10.50.3.0/24", "private"),
                ],
            )
            .await;
            let consumer_subnet_elsewhere = subnets.pop().unwrap();
            Accounts {
                aws,
                owner,
                consumer,
                owner_vpc,
                owner_subnets,
                consumer_vpc,
                consumer_subnets: subnets,
                consumer_subnet_elsewhere,
            }
        })
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The owner's resources: the service allowing `allowed_account`, and the
/// role consumers may assume (with [`EXTERNAL_ID`]) to accept.
pub fn owner_resources(a: &Accounts, provider: &str, allowed_account: &str) -> String {
    format!(
        r#"
resource "aws_iam_role" "accept" {{
  {provider_aws}
  name = "accept-endpoints"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ AWS = "arn:aws:iam::{CONSUMER}:root" }}
      Action    = "sts:AssumeRole"
      Condition = {{ StringEquals = {{ "sts:ExternalId" = "{EXTERNAL_ID}" }} }}
    }}]
  }})
}}

resource "aws_iam_role_policy" "accept" {{
  {provider_aws}
  role = aws_iam_role.accept.name
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect   = "Allow"
      Action   = ["ec2:DescribeVpcEndpointConnections", "ec2:AcceptVpcEndpointConnections"]
      Resource = "*"
    }}]
  }})
}}

resource "privatelink_service" "api" {{
  {provider_pl}
  name               = "orders-api"
  vpc_id             = "{vpc}"
  subnet_ids         = [{subnets}]
  execution_role_arn = "arn:aws:iam::{OWNER}:role/orders-api-execution"
  container = {{
    image = "registry.example.com/orders-api:1.0.0"
  }}
  allowed_principals        = ["arn:aws:iam::{allowed_account}:root"]
  keep_log_group_on_destroy = false
}}
"#,
        provider_aws = if provider.is_empty() {
            String::new()
        } else {
            format!("provider = aws.{provider}")
        },
        provider_pl = if provider.is_empty() {
            String::new()
        } else {
            format!("provider = privatelink.{provider}")
        },
        vpc = a.owner_vpc,
        subnets = quoted(&a.owner_subnets),
    )
}

/// Provider blocks assuming the deploy role of `account` (aliased when
/// `alias` is not empty), for both providers.
pub fn providers(account: &str, alias: &str) -> String {
    let alias_line = if alias.is_empty() {
        String::new()
    } else {
        format!("alias = \"{alias}\"")
    };
    format!(
        r#"
provider "privatelink" {{
  {alias_line}
  assume_role {{
    role_arn = "{role}"
  }}
  default_tags {{
    tags = {{ ManagedBy = "Terraform" }}
  }}
}}

provider "aws" {{
  {alias_line}
  assume_role {{
    role_arn = "{role}"
  }}
}}
"#,
        role = deploy_role(account)
    )
}

/// A consumer resource block; `extra` goes inside it.
pub fn consumer_resource(
    a: &Accounts,
    provider: &str,
    service_name: &str,
    port: &str,
    subnets: &[String],
    extra: &str,
) -> String {
    format!(
        r#"
resource "privatelink_consumer" "orders" {{
  {provider_line}
  name         = "orders-api"
  service_name = {service_name}
  vpc_id       = "{vpc}"
  subnet_ids   = [{subnets}]
  port         = {port}
  tags         = {{ Team = "checkout" }}
{extra}
}}
"#,
        provider_line = if provider.is_empty() {
            String::new()
        } else {
            format!("provider = privatelink.{provider}")
        },
        vpc = a.consumer_vpc,
        subnets = quoted(subnets),
    )
}

/// One root module for both accounts (provider aliases `owner` and
/// `consumer`): the owner's service, the consumer's endpoint not waiting
/// for acceptance, and a `privatelink_connection_accepter` in the owner's
/// account; then `outputs`.
pub fn one_module_with_an_accepter(a: &Accounts, outputs: &str) -> String {
    format!(
        "{}{}{}{}\n{}{}",
        providers(OWNER, "owner"),
        providers(CONSUMER, "consumer"),
        owner_resources(a, "owner", CONSUMER),
        consumer_resource(
            a,
            "consumer",
            "privatelink_service.api.service_name",
            "privatelink_service.api.listener_port",
            &a.consumer_subnets,
            "  wait_for_acceptance = false\n"
        ),
        r#"
resource "privatelink_connection_accepter" "orders" {
  provider            = privatelink.owner
  endpoint_service_id = privatelink_service.api.id
  endpoint_id         = privatelink_consumer.orders.id
}
"#,
        outputs
    )
}

/// The acceptance block with the owner's role and external id.
pub fn acceptance_block() -> String {
    format!(
        "  acceptance {{\n    role_arn    = \"{}\"\n    external_id = \"{EXTERNAL_ID}\"\n  }}\n",
        acceptance_role()
    )
}

/// The owner's workspace, applied; returns it with the service's outputs
/// (service_name, service_id, listener_port).
pub fn apply_owner(
    ws: Workspace,
    a: &Accounts,
    allowed_account: &str,
) -> (Workspace, serde_json::Value) {
    let ws = ws.with_aws(&a.aws.url);
    ws.write_config(&format!(
        "{}{}\noutput \"service_name\" {{ value = privatelink_service.api.service_name }}\noutput \"service_id\" {{ value = privatelink_service.api.id }}\noutput \"listener_port\" {{ value = privatelink_service.api.listener_port }}\n",
        providers(OWNER, ""),
        owner_resources(a, "", allowed_account)
    ));
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();
    (ws, out)
}

/// The consumer's own configuration, reading the service from variables
/// (see [`consumer_workspace`]), with its outputs.
pub fn consumer_config(a: &Accounts, subnets: &[String], extra: &str) -> String {
    format!(
        r#"
variable "service_name" {{ type = string }}
variable "port" {{ type = number }}
{providers}
{consumer}
output "id" {{ value = privatelink_consumer.orders.id }}
output "state" {{ value = privatelink_consumer.orders.state }}
output "dns_name" {{ value = privatelink_consumer.orders.dns_name }}
output "security_group_id" {{ value = privatelink_consumer.orders.security_group_id }}
output "service_owner" {{ value = privatelink_consumer.orders.service_owner }}
"#,
        providers = providers(CONSUMER, ""),
        consumer = consumer_resource(a, "", "var.service_name", "var.port", subnets, extra),
    )
}

/// The consumer's own workspace, reading the service from variables (as
/// passed on from the owner's outputs), initialised but not applied.
pub fn consumer_workspace(
    ws: Workspace,
    a: &Accounts,
    owner_out: &serde_json::Value,
    subnets: &[String],
    extra: &str,
) -> Workspace {
    let ws = ws.with_aws(&a.aws.url);
    ws.write_config(&consumer_config(a, subnets, extra));
    std::fs::write(
        ws.work_dir().join("terraform.tfvars"),
        format!(
            "service_name = {:?}\nport = {}\n",
            owner_out["service_name"].as_str().expect("service_name"),
            owner_out["listener_port"]
        ),
    )
    .unwrap();
    ws.init();
    ws
}

/// A second workspace of the same Terraform version.
pub fn another(ws: &Workspace) -> Workspace {
    Workspace::new(ws.version)
}

pub fn expect_clean_plan(ws: &Workspace) {
    let out = ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(
        out.code,
        Some(0),
        "re-plan should have no changes under v{}:\n{}",
        ws.version.label(),
        out.combined()
    );
}

pub fn out_str(out: &serde_json::Value, key: &str) -> String {
    out[key]
        .as_str()
        .unwrap_or_else(|| panic!("output {key} missing: {out}"))
        .to_string()
}

/// The state of endpoint `id` as `client`'s account sees it.
pub fn endpoint_state(client: &aws_sdk_ec2::Client, id: &str) -> String {
    block_on(async {
        client
            .describe_vpc_endpoints()
            .vpc_endpoint_ids(id)
            .send()
            .await
            .expect("describe endpoint")
            .vpc_endpoints()
            .first()
            .and_then(|e| e.state())
            .map(|s| s.as_str().to_ascii_lowercase())
            .unwrap_or_default()
    })
}
