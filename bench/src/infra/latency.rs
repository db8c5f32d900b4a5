//! The critical-path benchmark: `terraform apply` of N services while the
//! embedded AWS takes AWS's own time for the slow transitions (figures and
//! sources in `LATENCIES`), ours beside hashicorp/aws on the same settings,
//! each against the longest dependency chain those transitions allow.

use std::path::Path;

use local_aws_client::LocalAws;

use super::{PARALLELISM, Setup, configs, prepare};
use crate::table::{Row, print};

/// A transition of the embedded AWS (its settle kind) with the time it
/// takes on AWS and where that figure comes from.
pub struct Latency {
    pub kind: &'static str,
    pub seconds: f64,
    pub what: &'static str,
    pub source: &'static str,
}

/// The transitions on the path of a service's create. Every other
/// transition keeps the embedded AWS's default (0.5 s): on AWS they take
/// seconds (an endpoint service answers `Available` in its create
/// response, aws/aws-sdk-go-v2#2254) or are not on the create path.
pub const LATENCIES: [Latency; 2] = [
    Latency {
        kind: "load_balancer_provisioning",
        seconds: 150.0,
        what: "a new Network Load Balancer provisioning, then active",
        source: "kubernetes/kubernetes#44695 (\"very normal that it takes > 2 minutes\"); \
                 Terraform logs of aws_lb NLBs in public repositories: 2m22s-2m41s",
    },
    Latency {
        kind: "ecs_deployment",
        seconds: 300.0,
        what: "a Fargate rollout behind an NLB, from an active NLB to healthy targets",
        source: "pulumi/pulumi-awsx#354 (about 5 minutes until the NLB marks a new Fargate \
                 task healthy); kubernetes-sigs/aws-load-balancer-controller#1834 (AWS \
                 Support: registration takes 180-300 s, then the health checks)",
    },
];

/// The longest dependency chain of one service's create: the NLB must be
/// active before its nodes can health-check the tasks, so the rollout
/// follows the provisioning (the embedded AWS holds it until then); the
/// other steps (roles, log group, cluster, task definition, security
/// group, target group, listener, endpoint service) are API calls of
/// milliseconds here.
fn chain_seconds(scale: f64) -> f64 {
    LATENCIES.iter().map(|l| l.seconds * scale).sum()
}

fn settle_by_kind(scale: f64) -> String {
    let kinds: serde_json::Map<String, serde_json::Value> = LATENCIES
        .iter()
        .map(|l| (l.kind.to_string(), serde_json::json!(l.seconds * scale)))
        .collect();
    serde_json::Value::Object(kinds).to_string()
}

/// Goal: our apply within this multiple of the longest dependency chain.
const TARGET_RATIO: f64 = 1.1;

fn apply_seconds(
    repo_root: &Path,
    terraform: &Path,
    ours_binary: &Path,
    provider: &'static str,
    services: usize,
    scale: f64,
) -> anyhow::Result<f64> {
    eprintln!("bench: latency-true apply, {provider}, {services} service(s)...");
    let settle = settle_by_kind(scale);
    let aws = LocalAws::start(
        repo_root,
        &[("LOCAL_AWS_SETTLE_SECONDS_BY_KIND", settle.as_str())],
    );
    let config = match provider {
        "privatelink" => configs::ours(services, true),
        _ => configs::peer(services, true),
    };
    let ws = prepare(&aws, terraform, ours_binary, provider, &config)?;
    let apply = ws.measure(
        &aws,
        &["apply", "-auto-approve", "-input=false", PARALLELISM],
        &[0],
    )?;
    Ok(apply.wall_s)
}

/// Measures and prints the table for each count in `counts`.
pub fn run(repo_root: &Path, setup: &Setup, counts: &[usize], scale: f64) -> anyhow::Result<()> {
    anyhow::ensure!(
        scale > 0.0 && scale.is_finite(),
        "--scale must be a positive number, not {scale}"
    );
    let with_peer = setup.with_peer();
    let (terraform, ours_binary) = (setup.terraform.as_path(), setup.ours.as_path());
    println!("\nAWS latencies given to the embedded AWS (x {scale}):\n");
    for l in &LATENCIES {
        println!(
            "- {} ({}): {:.0} s on AWS, {:.1} s here; source: {}",
            l.kind,
            l.what,
            l.seconds,
            l.seconds * scale,
            l.source
        );
    }
    let chain = chain_seconds(scale);
    for &n in counts {
        let ours = apply_seconds(repo_root, terraform, ours_binary, "privatelink", n, scale)?;
        let peer = if with_peer {
            Some(apply_seconds(
                repo_root,
                terraform,
                ours_binary,
                "aws",
                n,
                scale,
            )?)
        } else {
            None
        };
        let shown = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map(f).unwrap_or("n/a".into());
        let rows = vec![
            Row {
                metric: "apply: wall".into(),
                ours: format!("{ours:.1} s"),
                peer: shown(peer, &|p| format!("{p:.1} s")),
                target: String::new(),
                met: None,
            },
            Row {
                metric: "longest dependency chain (NLB provisioning, then rollout)".into(),
                ours: format!("{chain:.1} s"),
                peer: shown(peer.map(|_| chain), &|c| format!("{c:.1} s")),
                target: String::new(),
                met: None,
            },
            Row {
                metric: "apply / chain".into(),
                ours: format!("{:.3}", ours / chain),
                peer: shown(peer, &|p| format!("{:.3}", p / chain)),
                target: format!("<= {TARGET_RATIO}"),
                met: Some(ours / chain <= TARGET_RATIO),
            },
        ];
        print(
            &format!(
                "Critical path, {n} service(s), -parallelism=10, AWS latencies x {scale} \
                 (embedded AWS)"
            ),
            "hashicorp/aws 5.100.0 (wait_for_steady_state)",
            &rows,
        );
    }
    Ok(())
}
