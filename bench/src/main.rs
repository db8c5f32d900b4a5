//! `plbench`: measures provider binaries side by side and prints a table.
//!
//!   plbench startup --ours PATH [--peer PATH] [--launches N]
//!   plbench infra --ours PATH [--services 1,10] [--without-peer]
//!                 [--throttling | --throttling-only] [--calls-by-action]
//!   plbench latency --ours PATH [--services 1,10] [--scale F] [--without-peer]
//!   plbench consumer --ours PATH [--without-peer]
//!   plbench generate --generator PATH [--services 10,100,1000] [--runs N]
//!   plbench catalog [--services N]

mod generate;
mod infra;
mod startup;
mod table;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Benchmarks terraform-provider-privatelink beside hashicorp/aws")]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Binary size, exec-to-handshake time and RSS after GetProviderSchema.
    Startup {
        /// Our provider binary (release build).
        #[arg(long)]
        ours: PathBuf,
        /// The peer provider binary (hashicorp/aws).
        #[arg(long)]
        peer: Option<PathBuf>,
        /// Launches per binary for the handshake median.
        #[arg(long, default_value_t = 21)]
        launches: usize,
    },
    /// Apply, plan, plan -refresh=false and destroy of N services, ours
    /// beside the same infrastructure in hashicorp/aws resources.
    Infra {
        #[command(flatten)]
        setup: infra::Setup,
        /// Service counts to measure.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 10])]
        services: Vec<usize>,
        /// Also measure every case with the embedded AWS throttling 30 %
        /// of the calls and answering 10 % with a 503 (both providers
        /// retry up to 15 times).
        #[arg(long, conflicts_with = "throttling_only")]
        throttling: bool,
        /// Measure only the throttled cases (`--throttling` without the
        /// fault-free ones).
        #[arg(long)]
        throttling_only: bool,
        /// Also print each phase's AWS API calls by action, per service
        /// (what to cut next).
        #[arg(long)]
        calls_by_action: bool,
    },
    /// Apply of N services with the embedded AWS taking AWS's own time to
    /// provision a load balancer and roll out a service, ours beside
    /// hashicorp/aws, against the longest dependency chain.
    Latency {
        #[command(flatten)]
        setup: infra::Setup,
        /// Service counts to measure.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 10])]
        services: Vec<usize>,
        /// Multiplies every AWS latency (1: as on AWS, about 8 minutes per
        /// apply; 0.1 for a quick look, where polling intervals weigh more).
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
    },
    /// Apply, plan and destroy of one service and one accepted consumer
    /// across two accounts, ours beside hashicorp/aws resources.
    Consumer {
        #[command(flatten)]
        setup: infra::Setup,
    },
    /// Wall time and peak memory of `privatelink-gen generate` on
    /// synthetic catalogs of N services.
    Generate {
        /// The privatelink-gen binary (release build).
        #[arg(long)]
        generator: PathBuf,
        /// Catalog sizes, in services.
        #[arg(long, value_delimiter = ',', default_values_t = [10, 100, 1000])]
        services: Vec<usize>,
        /// Runs per size (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Print the synthetic catalog of N services that `generate` measures.
    Catalog {
        /// Services in the catalog.
        #[arg(long, default_value_t = 1000)]
        services: usize,
    },
}

/// The repository root (the bench crate's parent).
fn repo_root() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repository root")
        .to_path_buf()
}

fn main() -> anyhow::Result<()> {
    match Args::parse().command {
        Command::Startup {
            ours,
            peer,
            launches,
        } => startup::run(&ours, peer.as_deref(), launches),
        Command::Infra {
            setup,
            services,
            throttling,
            throttling_only,
            calls_by_action,
        } => {
            let modes: &[bool] = match (throttling, throttling_only) {
                (_, true) => &[true],
                (true, false) => &[false, true],
                (false, false) => &[false],
            };
            infra::run(&repo_root(), &setup, &services, modes, calls_by_action)
        }
        Command::Latency {
            setup,
            services,
            scale,
        } => infra::latency::run(&repo_root(), &setup, &services, scale),
        Command::Consumer { setup } => infra::consumer::run(&repo_root(), &setup),
        Command::Generate {
            generator,
            services,
            runs,
        } => generate::run(&generator, &services, runs),
        Command::Catalog { services } => {
            print!("{}", generate::catalog_of(services));
            Ok(())
        }
    }
}
