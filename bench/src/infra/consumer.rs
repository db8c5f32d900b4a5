//! The consumer benchmark: one service in an owner account and one
//! accepted consumer endpoint in a consumer account (two provider aliases
//! assuming roles), applied, planned and destroyed with this provider's
//! resources and with hashicorp/aws's, against the same embedded AWS.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use local_aws_client::LocalAws;

use super::configs;
use super::workspace::{Measurement, Workspace};
use crate::table::{Row, print};

const OWNER: &str = "111111111111";
const CONSUMER: &str = "222222222222";
const PHASES: [&str; 3] = ["apply", "plan", "destroy"];

/// One account's network: VPC id, CIDR, two subnet ids.
struct Network {
    vpc_id: String,
    cidr: String,
    subnets: Vec<String>,
}

async fn ec2_as(url: &str, account: &str) -> anyhow::Result<aws_sdk_ec2::Client> {
    let base = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(
                aws_credential_types::Credentials::new("testing", "testing", None, None, "bench"),
            ),
        )
        .build();
    let assumed = aws_sdk_sts::Client::new(&base)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{account}:role/bench"))
        .role_session_name("bench")
        .send()
        .await?;
    let c = assumed.credentials().context("credentials")?;
    let creds = aws_credential_types::Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "bench",
    );
    let config = base
        .into_builder()
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(creds))
        .build();
    Ok(aws_sdk_ec2::Client::new(&config))
}

async fn zone_names_by_id(ec2: &aws_sdk_ec2::Client) -> anyhow::Result<BTreeMap<String, String>> {
    Ok(ec2
        .describe_availability_zones()
        .send()
        .await?
        .availability_zones()
        .iter()
        .filter_map(|z| Some((z.zone_id()?.to_string(), z.zone_name()?.to_string())))
        .collect())
}

async fn network(
    ec2: &aws_sdk_ec2::Client,
    cidr_prefix: &str,
    zones: &[String],
) -> anyhow::Result<Network> {
    let cidr = format!("{cidr_prefix}.0.0/16");
    let vpc = ec2.create_vpc().cidr_block(&cidr).send().await?;
    let vpc_id = vpc
        .vpc()
        .and_then(|v| v.vpc_id())
        .context("vpc id")?
        .to_string();
    let mut subnets = Vec::new();
    for (i, zone) in zones.iter().enumerate() {
        let s = ec2
            .create_subnet()
            .vpc_id(&vpc_id)
            .cidr_block(format!("{cidr_prefix}.{}.0/24", i + 1))
            .availability_zone(zone)
            .send()
            .await?;
        subnets.push(
            s.subnet()
                .and_then(|s| s.subnet_id())
                .context("subnet id")?
                .to_string(),
        );
    }
    Ok(Network {
        vpc_id,
        cidr,
        subnets,
    })
}

/// Both networks, the consumer's subnets in the owner's zones by zone id.
async fn networks(url: &str) -> anyhow::Result<(Network, Network)> {
    let (owner, consumer) = (ec2_as(url, OWNER).await?, ec2_as(url, CONSUMER).await?);
    let owner_zones = ["us-east-1a".to_string(), "us-east-1b".to_string()];
    let owner_ids: BTreeMap<String, String> = zone_names_by_id(&owner)
        .await?
        .into_iter()
        .map(|(id, name)| (name, id))
        .collect();
    let consumer_names = zone_names_by_id(&consumer).await?;
    let consumer_zones: Vec<String> = owner_zones
        .iter()
        .map(|z| consumer_names[&owner_ids[z]].clone())
        .collect();
    Ok((
        network(&owner, "10.60", &owner_zones).await?,
        network(&consumer, "10.61", &consumer_zones).await?,
    ))
}

fn providers(kind: &str) -> String {
    [("owner", OWNER), ("consumer", CONSUMER)]
        .iter()
        .map(|(alias, account)| {
            format!(
                "provider \"{kind}\" {{\n  alias  = \"{alias}\"\n  region = \"us-east-1\"\n  assume_role {{\n    role_arn = \"arn:aws:iam::{account}:role/bench\"\n  }}\n}}\n"
            )
        })
        .collect()
}

const VARIABLES: &str = r#"
variable "vpc_id" { type = string }
variable "vpc_cidr" { type = string }
variable "subnet_ids" { type = list(string) }
variable "consumer_vpc_id" { type = string }
variable "consumer_vpc_cidr" { type = string }
variable "consumer_subnet_ids" { type = list(string) }
"#;

/// This provider: a service, a consumer, and an accepter in the owner's
/// account.
fn ours() -> String {
    format!(
        r#"terraform {{
  required_providers {{
    privatelink = {{ source = "privatelink-labs/privatelink" }}
  }}
}}
{providers}{VARIABLES}
resource "privatelink_service" "api" {{
  provider           = privatelink.owner
  name               = "ours-0"
  vpc_id             = var.vpc_id
  subnet_ids         = var.subnet_ids
  execution_role_arn = "arn:aws:iam::{OWNER}:role/ours-0-execution"
  task_role_arn      = "arn:aws:iam::{OWNER}:role/ours-0-task"
  container = {{
    image = "registry.example.com/api:1.0.0"
  }}
  allowed_principals        = ["arn:aws:iam::{CONSUMER}:root"]
  keep_log_group_on_destroy = false
}}

resource "privatelink_consumer" "api" {{
  provider            = privatelink.consumer
  name                = "ours-0"
  service_name        = privatelink_service.api.service_name
  vpc_id              = var.consumer_vpc_id
  subnet_ids          = var.consumer_subnet_ids
  port                = privatelink_service.api.listener_port
  allowed_cidr_blocks = [var.consumer_vpc_cidr]
  wait_for_acceptance = false
}}

resource "privatelink_connection_accepter" "api" {{
  provider            = privatelink.owner
  endpoint_service_id = privatelink_service.api.id
  endpoint_id         = privatelink_consumer.api.id
}}
"#,
        providers = providers("privatelink"),
    )
}

/// hashicorp/aws: the benchmark's one service in the owner's account, and
/// a security group with its rule, an interface endpoint and an accepter.
fn peer() -> String {
    let service = configs::peer(1, false);
    let body = service
        .split_once("variable \"subnet_ids\" { type = list(string) }\n")
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .replace(
            "arn:aws:iam::333333333333:root",
            &format!("arn:aws:iam::{CONSUMER}:root"),
        );
    let owned: String = body
        .lines()
        .map(|l| {
            if l.starts_with("resource \"") {
                format!("{l}\n  provider = aws.owner\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    format!(
        r#"terraform {{
  required_providers {{
    aws = {{ source = "hashicorp/aws", version = "5.100.0" }}
  }}
}}
{providers}{VARIABLES}
locals {{
  ecs_tasks_trust = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = "sts:AssumeRole", Principal = {{ Service = "ecs-tasks.amazonaws.com" }} }}]
  }})
}}
{owned}
resource "aws_security_group" "consumer" {{
  provider = aws.consumer
  name     = "peer-consumer"
  vpc_id   = var.consumer_vpc_id
}}

resource "aws_vpc_security_group_ingress_rule" "consumer" {{
  provider          = aws.consumer
  security_group_id = aws_security_group.consumer.id
  cidr_ipv4         = var.consumer_vpc_cidr
  from_port         = 8080
  to_port           = 8080
  ip_protocol       = "tcp"
}}

resource "aws_vpc_endpoint" "consumer" {{
  provider           = aws.consumer
  vpc_id             = var.consumer_vpc_id
  service_name       = aws_vpc_endpoint_service.s0.service_name
  vpc_endpoint_type  = "Interface"
  subnet_ids         = var.consumer_subnet_ids
  security_group_ids = [aws_security_group.consumer.id]
}}

resource "aws_vpc_endpoint_connection_accepter" "consumer" {{
  provider                = aws.owner
  vpc_endpoint_service_id = aws_vpc_endpoint_service.s0.id
  vpc_endpoint_id         = aws_vpc_endpoint.consumer.id
}}
"#,
        providers = providers("aws"),
    )
}

struct Case {
    results: Vec<Measurement>,
    clean_replan: bool,
}

fn run_case(
    repo_root: &Path,
    terraform: &Path,
    ours_binary: &Path,
    provider: &str,
) -> anyhow::Result<Case> {
    eprintln!("bench: consumer across two accounts, {provider}...");
    let aws = LocalAws::start(repo_root, &[]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (owner, consumer) = runtime.block_on(networks(&aws.url))?;
    let (config, fragment) = match provider {
        "privatelink" => (ours(), "terraform-provider-privatelink"),
        _ => (peer(), "terraform-provider-aws"),
    };
    let ws = Workspace::new(terraform, ours_binary, &aws.url, fragment)?;
    ws.write("main.tf", &config)?;
    ws.write(
        "terraform.tfvars.json",
        &serde_json::json!({
            "vpc_id": owner.vpc_id, "vpc_cidr": owner.cidr, "subnet_ids": owner.subnets,
            "consumer_vpc_id": consumer.vpc_id, "consumer_vpc_cidr": consumer.cidr,
            "consumer_subnet_ids": consumer.subnets,
        })
        .to_string(),
    )?;
    ws.run(&["init", "-input=false"])?;
    let apply = ws.measure(&aws, &["apply", "-auto-approve", "-input=false"], &[0])?;
    let plan = ws.measure(
        &aws,
        &["plan", "-detailed-exitcode", "-input=false"],
        &[0, 2],
    )?;
    let clean_replan = plan.exit_code == Some(0);
    let destroy = ws.measure(&aws, &["destroy", "-auto-approve", "-input=false"], &[0])?;
    Ok(Case {
        results: vec![apply, plan, destroy],
        clean_replan,
    })
}

pub fn run(repo_root: &Path, setup: &super::Setup) -> anyhow::Result<()> {
    let with_peer = setup.with_peer();
    let (terraform, ours_binary) = (setup.terraform.as_path(), setup.ours.as_path());
    let ours = run_case(repo_root, terraform, ours_binary, "privatelink")?;
    let peer = if with_peer {
        Some(run_case(repo_root, terraform, ours_binary, "aws")?)
    } else {
        None
    };
    let mut rows = Vec::new();
    for (i, phase) in PHASES.iter().enumerate() {
        let o = &ours.results[i];
        let p = peer.as_ref().map(|c| &c.results[i]);
        let cell = |v: Option<String>| v.unwrap_or_else(|| "n/a".into());
        let faster = p.map(|p| o.wall_s < p.wall_s);
        rows.push(Row {
            metric: format!("{phase}: wall"),
            ours: format!("{:.2} s", o.wall_s),
            peer: cell(p.map(|p| format!("{:.2} s", p.wall_s))),
            target: if *phase == "plan" {
                String::new()
            } else {
                "faster than the peer".into()
            },
            met: if *phase == "plan" { None } else { faster },
        });
        rows.push(Row {
            metric: format!("{phase}: AWS API calls"),
            ours: o.api_calls().to_string(),
            peer: cell(p.map(|p| p.api_calls().to_string())),
            target: "fewer than the peer".into(),
            met: p.map(|p| {
                o.api_calls() < p.api_calls() || (o.api_calls() == 0 && p.api_calls() == 0)
            }),
        });
        rows.push(Row {
            metric: format!("{phase}: provider peak RSS"),
            ours: format!("{:.2} MiB", o.peak_rss_mib),
            peer: cell(p.map(|p| format!("{:.2} MiB", p.peak_rss_mib))),
            target: "<= 25 MiB".into(),
            met: Some(o.peak_rss_mib <= 25.0),
        });
    }
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    rows.push(Row {
        metric: "re-plan after apply is clean".into(),
        ours: yes_no(ours.clean_replan),
        peer: peer
            .as_ref()
            .map(|c| yes_no(c.clean_replan))
            .unwrap_or_else(|| "n/a".into()),
        target: "yes".into(),
        met: Some(ours.clean_replan),
    });
    print(
        "Consumer across two accounts: 1 service + 1 accepted endpoint (two provider aliases assuming roles), Terraform against the embedded AWS",
        "hashicorp/aws 5.100.0",
        &rows,
    );
    Ok(())
}
