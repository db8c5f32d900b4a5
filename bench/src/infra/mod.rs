//! The infrastructure benchmark: the same N services created, planned and
//! destroyed with hashicorp/aws resources and with `privatelink_service`
//! blocks, against the same embedded AWS, side by side.

mod configs;
pub mod consumer;
pub mod latency;
mod sampler;
mod workspace;

use std::path::{Path, PathBuf};

use anyhow::Context;
use local_aws_client::LocalAws;

use crate::table::{Row, print};
use workspace::{Measurement, Workspace};

/// hashicorp/aws 5.100.0 in the filesystem mirror.
pub const PEER_BINARY: &str = "/opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0_x5";

/// What every infrastructure benchmark runs with (its command-line options).
#[derive(clap::Args)]
pub struct Setup {
    /// Our provider binary (release build).
    #[arg(long)]
    pub ours: PathBuf,
    /// The Terraform binary.
    #[arg(long, default_value = "/usr/local/bin/terraform")]
    pub terraform: PathBuf,
    /// Measure ours only, even where hashicorp/aws is installed.
    #[arg(long)]
    pub without_peer: bool,
}

impl Setup {
    /// Whether hashicorp/aws is measured too: wanted and installed (a
    /// wanted peer that is missing is reported).
    pub fn with_peer(&self) -> bool {
        let installed = Path::new(PEER_BINARY).exists();
        if !self.without_peer && !installed {
            eprintln!(
                "bench: hashicorp/aws 5.100.0 is not under /opt/tf-plugins; measuring ours only"
            );
        }
        !self.without_peer && installed
    }
}

/// The phases measured, in order.
const PHASES: [&str; 4] = ["apply", "plan", "plan -refresh=false", "destroy"];

/// Terraform's `-parallelism` in every measured command (its default).
const PARALLELISM: &str = "-parallelism=10";

/// Retries each provider is allowed, the same for both.
pub const MAX_RETRIES: u32 = 15;

struct Case {
    provider: &'static str,
    services: usize,
    throttled: bool,
    results: Vec<Measurement>,
    clean_replan: bool,
}

async fn network(url: &str) -> anyhow::Result<(String, String, Vec<String>)> {
    use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};
    let creds = aws_credential_types::Credentials::new("testing", "testing", None, None, "bench");
    let config = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(creds))
        .build();
    let ec2 = aws_sdk_ec2::Client::new(&config);
    let cidr = "10.40.0.0/16";
    let vpc = ec2
        .create_vpc()
        .cidr_block(cidr)
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Vpc)
                .tags(Tag::builder().key("Name").value("bench").build())
                .build(),
        )
        .send()
        .await?;
    let vpc_id = vpc
        .vpc()
        .and_then(|v| v.vpc_id())
        .context("vpc id")?
        .to_string();
    let mut subnets = Vec::new();
    for (i, az) in ["us-east-1a", "us-east-1b"].iter().enumerate() {
        let s = ec2
            .create_subnet()
            .vpc_id(&vpc_id)
            .cidr_block(format!("10.40.{}.0/24", i + 1))
            .availability_zone(*az)
            .send()
            .await?;
        subnets.push(
            s.subnet()
                .and_then(|s| s.subnet_id())
                .context("subnet id")?
                .to_string(),
        );
    }
    Ok((vpc_id, cidr.to_string(), subnets))
}

/// An initialised workspace holding `config`, with a new network of `aws`
/// as its inputs; `provider` ("privatelink" or "aws") names the provider
/// whose memory is sampled.
fn prepare(
    aws: &LocalAws,
    terraform: &Path,
    ours_binary: &Path,
    provider: &str,
    config: &str,
) -> anyhow::Result<Workspace> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (vpc_id, cidr, subnets) = runtime.block_on(network(&aws.url))?;
    let fragment = match provider {
        "privatelink" => "terraform-provider-privatelink",
        _ => "terraform-provider-aws",
    };
    let ws = Workspace::new(terraform, ours_binary, &aws.url, fragment)?;
    ws.write("main.tf", config)?;
    ws.write(
        "terraform.tfvars.json",
        &serde_json::json!({ "vpc_id": vpc_id, "vpc_cidr": cidr, "subnet_ids": subnets })
            .to_string(),
    )?;
    ws.run(&["init", "-input=false"])?;
    Ok(ws)
}

fn run_case(
    repo_root: &Path,
    terraform: &Path,
    ours_binary: &Path,
    provider: &'static str,
    services: usize,
    throttled: bool,
) -> anyhow::Result<Case> {
    let how = if throttled { ", throttled" } else { "" };
    eprintln!("bench: {provider}, {services} service(s){how}...");
    let aws = LocalAws::start(repo_root, &[]);
    let config = match provider {
        "privatelink" => configs::ours(services, false),
        _ => configs::peer(services, false),
    };
    let ws = prepare(&aws, terraform, ours_binary, provider, &config)?;
    if throttled {
        use local_aws_client::Fault;
        aws.inject(
            &Fault::error(".*", "Throttling", "Rate exceeded")
                .pattern(".*")
                .probability(0.3, 7),
        );
        aws.inject(
            &Fault::error(".*", "ServiceUnavailable", "Service is unavailable")
                .pattern(".*")
                .status(503)
                .probability(0.1, 8),
        );
    }
    let apply = ws.measure(
        &aws,
        &["apply", "-auto-approve", "-input=false", PARALLELISM],
        &[0],
    )?;
    let plan = ws.measure(
        &aws,
        &["plan", "-detailed-exitcode", "-input=false", PARALLELISM],
        &[0, 2],
    )?;
    let clean_replan = plan.exit_code == Some(0);
    let plan_cached = ws.measure(
        &aws,
        &["plan", "-refresh=false", "-input=false", PARALLELISM],
        &[0, 2],
    )?;
    let destroy = ws.measure(
        &aws,
        &["destroy", "-auto-approve", "-input=false", PARALLELISM],
        &[0],
    )?;
    Ok(Case {
        provider,
        services,
        throttled,
        results: vec![apply, plan, plan_cached, destroy],
        clean_replan,
    })
}

/// Measures every count of services, in each mode (`false`: without
/// faults, `true`: throttled), ours and (where wanted) the peer.
pub fn run(
    repo_root: &Path,
    setup: &Setup,
    counts: &[usize],
    modes: &[bool],
    calls_by_action: bool,
) -> anyhow::Result<()> {
    let with_peer = setup.with_peer();
    let (terraform, ours_binary) = (setup.terraform.as_path(), setup.ours.as_path());
    let mut cases = Vec::new();
    for &throttled in modes {
        for &n in counts {
            cases.push(run_case(
                repo_root,
                terraform,
                ours_binary,
                "privatelink",
                n,
                throttled,
            )?);
            if with_peer {
                cases.push(run_case(
                    repo_root,
                    terraform,
                    ours_binary,
                    "aws",
                    n,
                    throttled,
                )?);
            }
        }
    }
    for &throttled in modes {
        report(&cases, counts, throttled);
    }
    if calls_by_action {
        for case in &cases {
            report_calls_by_action(case);
        }
    }
    Ok(())
}

/// Each phase's calls of one case by action, per service.
fn report_calls_by_action(case: &Case) {
    let n = case.services as f64;
    let how = if case.throttled { ", throttled" } else { "" };
    for (phase, m) in PHASES.iter().zip(&case.results) {
        println!(
            "\nAWS API calls by action: {}, {} service(s){how}, {phase} ({} calls, {:.2} per service)",
            case.provider,
            case.services,
            m.api_calls(),
            m.api_calls() as f64 / n
        );
        for (service, action, count) in &m.calls_by_action {
            println!(
                "  {:>6} {:>6.2}  {service}:{action}",
                count,
                *count as f64 / n
            );
        }
    }
}

fn report(cases: &[Case], counts: &[usize], throttled: bool) {
    let find = |provider: &str, n: usize| {
        cases
            .iter()
            .find(|c| c.provider == provider && c.services == n && c.throttled == throttled)
    };
    let targets = |phase: &str, metric: &str, n: usize| -> Option<f64> {
        match (phase, metric, n) {
            // Wall-time targets hold without faults; retries take time.
            (_, "wall", _) if throttled => None,
            ("apply", "wall", 1) => Some(3.0),
            ("apply", "wall", 10) => Some(6.0),
            ("plan", "wall", 10) => Some(1.0),
            ("destroy", "wall", 1 | 10) => Some(3.0),
            (_, "rss", 100) => Some(40.0),
            (_, "rss", _) => Some(25.0),
            ("plan", "calls", 100) if !throttled => Some(4.0),
            _ => None,
        }
    };
    for &n in counts {
        let ours = find("privatelink", n);
        let peer = find("aws", n);
        let mut rows = Vec::new();
        for (i, phase) in PHASES.iter().enumerate() {
            let get = |c: Option<&Case>| c.map(|c| c.results[i].clone());
            let (o, p) = (get(ours), get(peer));
            let metric = |name: &str,
                          unit: &str,
                          f: &dyn Fn(&Measurement) -> f64,
                          lower_is_better_target: Option<f64>| {
                let ov = o.as_ref().map(f);
                let pv = p.as_ref().map(f);
                Row {
                    metric: format!("{phase}: {name}"),
                    ours: ov
                        .map(|v| format!("{v:.2} {unit}"))
                        .unwrap_or_else(|| "n/a".into()),
                    peer: pv
                        .map(|v| format!("{v:.2} {unit}"))
                        .unwrap_or_else(|| "n/a".into()),
                    target: lower_is_better_target
                        .map(|t| format!("<= {t} {unit}"))
                        .unwrap_or_default(),
                    met: lower_is_better_target.zip(ov).map(|(t, v)| v <= t),
                }
            };
            rows.push(metric(
                "wall",
                "s",
                &|m| m.wall_s,
                targets(phase, "wall", n),
            ));
            rows.push(metric(
                "CPU (Terraform + provider)",
                "s",
                &|m| m.cpu_s,
                None,
            ));
            rows.push(metric(
                "provider peak RSS",
                "MiB",
                &|m| m.peak_rss_mib,
                targets(phase, "rss", n),
            ));
            let calls_o = o.as_ref().map(|m| m.api_calls());
            let calls_p = p.as_ref().map(|m| m.api_calls());
            rows.push(Row {
                metric: format!("{phase}: AWS API calls (per service)"),
                ours: calls_o
                    .map(|c| format!("{c} ({:.1})", c as f64 / n as f64))
                    .unwrap_or_else(|| "n/a".into()),
                peer: calls_p
                    .map(|c| format!("{c} ({:.1})", c as f64 / n as f64))
                    .unwrap_or_else(|| "n/a".into()),
                target: match targets(phase, "calls", n) {
                    Some(t) => format!("<= {t} per service, fewer than the peer"),
                    None => "fewer than the peer".into(),
                },
                met: match (calls_o, calls_p) {
                    (Some(a), Some(b)) => Some(
                        (a < b || (a == 0 && b == 0))
                            && targets(phase, "calls", n).is_none_or(|t| a as f64 / n as f64 <= t),
                    ),
                    (Some(a), None) => targets(phase, "calls", n).map(|t| a as f64 / n as f64 <= t),
                    _ => None,
                },
            });
        }
        rows.push(Row {
            metric: "re-plan after apply is clean".into(),
            ours: ours
                .map(|c| if c.clean_replan { "yes" } else { "no" }.to_string())
                .unwrap_or_else(|| "n/a".into()),
            peer: peer
                .map(|c| if c.clean_replan { "yes" } else { "no" }.to_string())
                .unwrap_or_else(|| "n/a".into()),
            target: "yes".into(),
            met: ours.map(|c| c.clean_replan),
        });
        print(
            &format!(
                "Infrastructure, {n} service(s), -parallelism=10, Terraform against the embedded AWS (same moto, same network){}",
                if throttled {
                    ", 30 % of calls throttled and 10 % answered 503"
                } else {
                    ""
                }
            ),
            "hashicorp/aws 5.100.0",
            &rows,
        );
    }
}
