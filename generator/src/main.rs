//! The `privatelink-gen` command line; see the crate documentation of
//! `privatelink_gen` for what each command does.

use clap::{Parser, Subcommand, ValueEnum};
use privatelink_gen::cli;
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str =
    "Exit codes: 0 success; 1 invalid catalog, or `check` found differences; 2 usage or I/O error.";

/// Generates the workload accounts' Terraform from one TOML catalog.
#[derive(Parser)]
#[command(name = "privatelink-gen", version, after_help = EXIT_CODES)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

/// Where the catalog is.
#[derive(clap::Args)]
struct CatalogArg {
    /// The catalog file.
    #[arg(long, default_value = "terraform-workloads/catalog.toml")]
    catalog: PathBuf,
}

/// Where the catalog and the output are.
#[derive(clap::Args)]
struct Paths {
    #[command(flatten)]
    catalog: CatalogArg,
    /// Directory of the generated account directories.
    #[arg(long, default_value = "terraform-workloads")]
    out: PathBuf,
    /// terraform-base-infra's directory (gets workloads.auto.tfvars.json).
    #[arg(long, default_value = "terraform-base-infra")]
    base_infra: PathBuf,
    /// Directory of the generated GitHub Actions workflows.
    #[arg(long, default_value = ".github/workflows")]
    workflows: PathBuf,
}

impl Paths {
    fn targets(&self) -> cli::Targets {
        cli::Targets {
            out: self.out.clone(),
            base_infra: self.base_infra.clone(),
            workflows: self.workflows.clone(),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Validate the catalog, write every generated file and remove stale
    /// generated ones; files not marked as generated are never touched.
    #[command(after_help = EXIT_CODES)]
    Generate(Paths),
    /// Write nothing; show a unified diff of every generated file that is
    /// stale, hand-edited, missing or no longer generated.
    #[command(after_help = EXIT_CODES)]
    Check(Paths),
    /// Print the accounts, VPCs, attachments, services and connections of
    /// every environment as a graph.
    #[command(after_help = EXIT_CODES)]
    Graph {
        #[command(flatten)]
        catalog: CatalogArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
    },
    /// Only check the catalog; report every problem with its location.
    #[command(after_help = EXIT_CODES)]
    Validate(CatalogArg),
}

/// Graph output formats.
#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    /// Mermaid flowchart.
    Mermaid,
    /// Graphviz dot.
    Dot,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let outcome = match args.command {
        Command::Generate(p) => cli::generate(&p.catalog.catalog, &p.targets()),
        Command::Check(p) => cli::check(&p.catalog.catalog, &p.targets()),
        Command::Graph { catalog, format } => cli::graph(
            &catalog.catalog,
            match format {
                GraphFormat::Mermaid => privatelink_gen::graph::Format::Mermaid,
                GraphFormat::Dot => privatelink_gen::graph::Format::Dot,
            },
        ),
        Command::Validate(c) => cli::validate(&c.catalog),
    };
    ExitCode::from(outcome.code())
}
