//! `plbench`: measures provider binaries side by side and prints a table.
//!
//!   plbench startup --ours PATH [--peer PATH] [--launches N]

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
}

fn main() -> anyhow::Result<()> {
    match Args::parse().command {
        Command::Startup {
            ours,
            peer,
            launches,
        } => startup::run(&ours, peer.as_deref(), launches),
    }
}
