//! Start-up costs: what every Terraform command pays per provider process
//! (Terraform starts one per provider configuration, often several times
//! per run): binary size, time from exec to the handshake line, and
//! resident memory once the schema has been served.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use plugin_client::{ClientIdentity, LaunchOptions, PluginProcess};
use tfplugin::proto::plugin::Empty;
use tfplugin::proto::plugin::grpc_controller_client::GrpcControllerClient;
use tfplugin::proto::tfplugin6;

use crate::table::{Row, print};

#[allow(dead_code, clippy::all)]
mod tfplugin5 {
    tonic::include_proto!("tfplugin5");
}

const TARGET_HANDSHAKE_MS: f64 = 20.0;
const TARGET_RSS_MIB: f64 = 25.0;
const TARGET_SIZE_MIB: f64 = 30.0;

struct Measured {
    size_mib: f64,
    handshake_median_ms: f64,
    handshake_min_ms: f64,
    rss_mib: f64,
    peak_rss_mib: f64,
    schema_ms: f64,
}

pub fn run(ours: &Path, peer: Option<&Path>, launches: usize) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let client = ClientIdentity::generate();
    let ours_m = measure(&runtime, ours, &client, launches).context("measuring our provider")?;
    let peer_m = match peer {
        Some(p) => Some(
            measure(&runtime, p, &client, launches)
                .with_context(|| format!("measuring {}", p.display()))?,
        ),
        None => None,
    };
    let fmt = |v: Option<f64>, unit: &str| {
        v.map(|v| format!("{v:.1} {unit}"))
            .unwrap_or_else(|| "n/a".into())
    };
    let p = peer_m.as_ref();
    let rows = vec![
        Row {
            metric: "binary size".into(),
            ours: fmt(Some(ours_m.size_mib), "MiB"),
            peer: fmt(p.map(|m| m.size_mib), "MiB"),
            target: format!("<= {TARGET_SIZE_MIB} MiB"),
            met: Some(ours_m.size_mib <= TARGET_SIZE_MIB),
        },
        Row {
            metric: format!("exec to handshake, median of {launches}"),
            ours: fmt(Some(ours_m.handshake_median_ms), "ms"),
            peer: fmt(p.map(|m| m.handshake_median_ms), "ms"),
            target: format!("<= {TARGET_HANDSHAKE_MS} ms"),
            met: Some(ours_m.handshake_median_ms <= TARGET_HANDSHAKE_MS),
        },
        Row {
            metric: "exec to handshake, fastest".into(),
            ours: fmt(Some(ours_m.handshake_min_ms), "ms"),
            peer: fmt(p.map(|m| m.handshake_min_ms), "ms"),
            target: String::new(),
            met: None,
        },
        Row {
            metric: "GetProviderSchema round trip".into(),
            ours: fmt(Some(ours_m.schema_ms), "ms"),
            peer: fmt(p.map(|m| m.schema_ms), "ms"),
            target: String::new(),
            met: None,
        },
        Row {
            metric: "RSS after GetProviderSchema".into(),
            ours: fmt(Some(ours_m.rss_mib), "MiB"),
            peer: fmt(p.map(|m| m.rss_mib), "MiB"),
            target: format!("<= {TARGET_RSS_MIB} MiB"),
            met: Some(ours_m.rss_mib <= TARGET_RSS_MIB),
        },
        Row {
            metric: "peak RSS (VmHWM)".into(),
            ours: fmt(Some(ours_m.peak_rss_mib), "MiB"),
            peer: fmt(p.map(|m| m.peak_rss_mib), "MiB"),
            target: String::new(),
            met: None,
        },
    ];
    print(
        "Provider start-up (AutoMTLS on, as under Terraform)",
        "hashicorp/aws",
        &rows,
    );
    Ok(())
}

fn measure(
    runtime: &tokio::runtime::Runtime,
    binary: &Path,
    client: &ClientIdentity,
    launches: usize,
) -> anyhow::Result<Measured> {
    let size_mib = std::fs::metadata(binary)?.len() as f64 / (1024.0 * 1024.0);
    // One unmeasured launch warms the page cache.
    let _ = launch(binary, client)?;
    let mut times: Vec<f64> = Vec::with_capacity(launches);
    for _ in 0..launches {
        let plugin = launch(binary, client)?;
        times.push(plugin.startup.as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let handshake_median_ms = times[times.len() / 2];
    let handshake_min_ms = times[0];

    let mut plugin = launch(binary, client)?;
    let schema_ms = runtime.block_on(get_schema(&plugin, client))?;
    let (rss_mib, peak_rss_mib) = memory(plugin.pid())?;
    runtime.block_on(async {
        if let Ok(channel) = plugin_client::connect(&plugin.handshake, Some(client)).await {
            let _ = GrpcControllerClient::new(channel).shutdown(Empty {}).await;
        }
    });
    let _ = plugin.wait_exit(Duration::from_secs(3));
    Ok(Measured {
        size_mib,
        handshake_median_ms,
        handshake_min_ms,
        rss_mib,
        peak_rss_mib,
        schema_ms,
    })
}

fn launch(binary: &Path, client: &ClientIdentity) -> anyhow::Result<PluginProcess> {
    let options = LaunchOptions {
        client: Some(client),
        env: Vec::new(),
        stderr: Some(std::process::Stdio::null()),
    };
    PluginProcess::start(binary, options).with_context(|| format!("starting {}", binary.display()))
}

/// Calls GetProviderSchema (protocol 6) or GetSchema (protocol 5); returns
/// the round trip in milliseconds.
async fn get_schema(plugin: &PluginProcess, client: &ClientIdentity) -> anyhow::Result<f64> {
    let channel = plugin_client::connect(&plugin.handshake, Some(client)).await?;
    let started = std::time::Instant::now();
    match plugin.handshake.protocol_version {
        6 => {
            let mut c = tfplugin6::provider_client::ProviderClient::new(channel)
                .max_decoding_message_size(512 << 20);
            c.get_provider_schema(tfplugin6::get_provider_schema::Request {})
                .await?;
        }
        5 => {
            let mut c = tfplugin5::provider_client::ProviderClient::new(channel)
                .max_decoding_message_size(512 << 20);
            c.get_schema(tfplugin5::get_provider_schema::Request {})
                .await?;
        }
        v => anyhow::bail!("unsupported plugin protocol {v}"),
    }
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

/// (VmRSS, VmHWM) in MiB from /proc.
fn memory(pid: u32) -> anyhow::Result<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| -> anyhow::Result<f64> {
        let line = status
            .lines()
            .find(|l| l.starts_with(name))
            .with_context(|| format!("{name} missing"))?;
        let kib: f64 = line.split_whitespace().nth(1).context("value")?.parse()?;
        Ok(kib / 1024.0)
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}
