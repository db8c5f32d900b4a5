//! `privatelink-gen generate` on synthetic catalogs of N services: wall
//! time and peak memory of the generator process, beside the figure the
//! original system's two CDK apps took to synthesise their stacks.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};

use crate::table::{self, Row};

/// Target for the largest catalog.
const TARGET_SERVICES: usize = 1000;
const TARGET_WALL_S: f64 = 0.2;
const TARGET_RSS_MIB: f64 = 50.0;

/// The original CDK apps on this machine (two apps, nine stacks, two
/// services): measured once by the seed inventory with aws-cdk-lib 2.100.0
/// and a hand-made context file. Their source is not in this repository,
/// so the figure is quoted, not re-measured.
const PEER_NAME: &str = "CDK apps (quoted)";
const PEER_WALL: &str = "17 s (2 services)";
const PEER_CPU: &str = "14.5 s (2 services)";
const PEER_RSS: &str = "~490 MB (2 services)";

/// Services per provider account and per consumer account in the
/// synthetic catalogs.
const SERVICES_PER_PROVIDER_ACCOUNT: usize = 50;
const SERVICES_PER_CONSUMER_ACCOUNT: usize = 100;
/// Each consumer calls this many services; every tenth service has a
/// DynamoDB table, so the data tier is generated too.
const SERVICES_PER_CONSUMER: usize = 5;

/// One generator run.
struct Run {
    wall_s: f64,
    cpu_s: f64,
    peak_rss_mib: f64,
    files: usize,
}

/// Measures `generator` on catalogs of each size in `services`, `runs`
/// times each (the median is reported: this machine is noisy).
pub fn run(generator: &Path, services: &[usize], runs: usize) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    for &count in services {
        let dir = tempfile::tempdir()?;
        let catalog = dir.path().join("catalog.toml");
        std::fs::write(&catalog, catalog_of(count))?;
        let mut measured = Vec::new();
        for attempt in 0..runs.max(1) {
            let out = dir.path().join(format!("run-{attempt}"));
            measured.push(generate_once(generator, &catalog, &out)?);
        }
        let median = |f: fn(&Run) -> f64| {
            let mut v: Vec<f64> = measured.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (wall, cpu, rss) = (
            median(|r| r.wall_s),
            median(|r| r.cpu_s),
            median(|r| r.peak_rss_mib),
        );
        let files = measured[0].files;
        // The targets apply to the largest catalog only.
        let target = |limit: f64, unit: &str, value: f64| {
            if count == TARGET_SERVICES {
                (format!("< {limit} {unit}"), Some(value < limit))
            } else {
                (String::new(), None)
            }
        };
        let (wall_target, wall_met) = target(TARGET_WALL_S, "s", wall);
        let (rss_target, rss_met) = target(TARGET_RSS_MIB, "MiB", rss);
        rows.push(Row {
            metric: format!("{count} services ({files} files): wall, median of {runs}"),
            ours: format!("{wall:.3} s"),
            peer: PEER_WALL.into(),
            target: wall_target,
            met: wall_met,
        });
        rows.push(Row {
            metric: format!("{count} services: CPU (user + system), median of {runs}"),
            ours: format!("{cpu:.3} s"),
            peer: PEER_CPU.into(),
            target: String::new(),
            met: None,
        });
        rows.push(Row {
            metric: format!("{count} services: peak memory, median of {runs}"),
            ours: format!("{rss:.1} MiB"),
            peer: PEER_RSS.into(),
            target: rss_target,
            met: rss_met,
        });
    }
    table::print(
        "privatelink-gen generate on synthetic catalogs (the peer is the original's figure, quoted)",
        PEER_NAME,
        &rows,
    );
    Ok(())
}

/// Runs `generate` into a fresh directory; peak memory from the child's
/// own resource usage (wait4), so nothing else on the machine counts.
fn generate_once(generator: &Path, catalog: &Path, out: &Path) -> anyhow::Result<Run> {
    let start = Instant::now();
    let child = Command::new(generator)
        .arg("generate")
        .arg("--catalog")
        .arg(catalog)
        .arg("--out")
        .arg(out.join("terraform-workloads"))
        .arg("--base-infra")
        .arg(out.join("terraform-base-infra"))
        .arg("--workflows")
        .arg(out.join("workflows"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", generator.display()))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: wait4 writes only into the two values we pass; the child is
    // ours and not waited for elsewhere.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall_s = start.elapsed().as_secs_f64();
    if waited != pid {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr {
            use std::io::Read;
            let _ = pipe.read_to_string(&mut stderr);
        }
        bail!("privatelink-gen generate failed ({status}):\n{stderr}");
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Run {
        wall_s,
        cpu_s: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // ru_maxrss is in KiB on Linux.
        peak_rss_mib: usage.ru_maxrss as f64 / 1024.0,
        files: count_files(out)?,
    })
}

fn count_files(dir: &Path) -> anyhow::Result<usize> {
    let mut count = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            count += count_files(&entry.path())?;
        } else {
            count += 1;
        }
    }
    Ok(count)
}

/// A valid catalog of `services` services, shaped like the example one
/// (three environments, base accounts, provider and consumer accounts)
/// and scaled: 50 services per provider account, 100 per consumer account,
/// one consumer per five services.
pub fn catalog_of(services: usize) -> String {
    let providers = services.div_ceil(SERVICES_PER_PROVIDER_ACCOUNT).max(1);
    let consumer_accounts = services.div_ceil(SERVICES_PER_CONSUMER_ACCOUNT).max(1);
    let mut toml = String::from(
        "[settings]\nname_prefix = \"plink\"\nzone_ids = [\"use1-az1\", \"use1-az2\"]\n\
         project = \"bench\"\nci_role = \"github-actions-terraform\"\n\n",
    );
    let account = |toml: &mut String, name: &str, id: usize, kind: &str, cidr: Option<usize>| {
        let _ = writeln!(
            toml,
            "[[accounts]]\nname = \"{name}\"\nid = \"{id:012}\"\nregion = \"us-east-1\"\n\
             role = \"terraform\"\nkind = \"{kind}\""
        );
        if let Some(n) = cidr {
            // One /16 per account and environment, never overlapping.
            let _ = writeln!(
                toml,
                "vpc_cidrs = {{ dev = \"10.{}.0.0/16\", staging = \"10.{}.0.0/16\", prod = \"10.{}.0.0/16\" }}",
                3 * n,
                3 * n + 1,
                3 * n + 2
            );
        }
        toml.push('\n');
    };
    account(&mut toml, "networking", 100_000_000_001, "networking", None);
    account(&mut toml, "security", 100_000_000_002, "security", None);
    account(
        &mut toml,
        "shared-services",
        100_000_000_003,
        "shared-services",
        None,
    );
    for p in 0..providers {
        account(
            &mut toml,
            &format!("prov-{p}"),
            200_000_000_000 + p,
            "provider",
            Some(p),
        );
    }
    for c in 0..consumer_accounts {
        account(
            &mut toml,
            &format!("cons-{c}"),
            300_000_000_000 + c,
            "consumer",
            Some(providers + c),
        );
    }
    for (name, cpu, memory, desired, min, max, retention) in [
        ("dev", 256, 512, 1, 1, 3, 7),
        ("staging", 512, 1024, 2, 2, 5, 30),
        ("prod", 1024, 2048, 3, 3, 10, 90),
    ] {
        let _ = writeln!(
            toml,
            "[[environments]]\nname = \"{name}\"\ncpu = {cpu}\nmemory = {memory}\n\
             desired_count = {desired}\nmin_capacity = {min}\nmax_capacity = {max}\n\
             log_retention_days = {retention}\n"
        );
    }
    let consumer_account_of = |s: usize| s / SERVICES_PER_CONSUMER_ACCOUNT;
    for s in 0..services {
        let _ = writeln!(
            toml,
            "[[services]]\nname = \"svc-{s}\"\naccount = \"prov-{}\"\nport = {}\n\
             image = \"example.com/svc-{s}:{{environment}}\"\nhealth_path = \"/health\"\n\
             allowed_consumers = [\"cons-{}\"]\nenvironment = {{ LOG_LEVEL = \"INFO\" }}",
            s / SERVICES_PER_PROVIDER_ACCOUNT,
            8000 + s % SERVICES_PER_PROVIDER_ACCOUNT,
            consumer_account_of(s),
        );
        if s % 10 == 0 {
            toml.push_str("[services.database]\ndynamodb = {}\n");
        }
        toml.push('\n');
    }
    for first in (0..services).step_by(SERVICES_PER_CONSUMER) {
        let called: Vec<String> = (first..(first + SERVICES_PER_CONSUMER).min(services))
            .map(|s| format!("\"svc-{s}\""))
            .collect();
        let _ = writeln!(
            toml,
            "[[consumers]]\nname = \"app-{first}\"\naccount = \"cons-{}\"\nport = 80\n\
             image = \"example.com/app-{first}:{{environment}}\"\nservices = [{}]\n",
            consumer_account_of(first),
            called.join(", ")
        );
    }
    toml
}
