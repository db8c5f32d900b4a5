//! The commands behind the command line, each returning its [`Outcome`].

use crate::catalog::{self, Catalog};
use crate::diagnostics::render;
use crate::generate::{Generated, generate as generate_files};
use crate::graph::{self, Format};
use crate::output::{self, Ownership, Plan};
use crate::validate::validate as validate_catalog;
use std::fs;
use std::path::{Path, PathBuf};

/// How a command ended; see [`Outcome::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done (exit 0).
    Ok,
    /// Invalid catalog, files in the way, or `check` found differences (exit 1).
    Failed,
    /// A file could not be read or written (exit 2).
    IoError,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Ok => 0,
            Outcome::Failed => 1,
            Outcome::IoError => 2,
        }
    }
}

/// Reads, parses and validates the catalog, printing every problem.
fn load(path: &Path) -> Result<Catalog, Outcome> {
    let shown = path.display().to_string();
    let source = fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read {shown}: {e}");
        Outcome::IoError
    })?;
    let catalog = catalog::parse(&source).map_err(|catalog::LoadError(problem)| {
        eprint!("{}", render(&shown, &source, &[problem]));
        Outcome::Failed
    })?;
    let problems = validate_catalog(&catalog);
    if !problems.is_empty() {
        eprint!("{}", render(&shown, &source, &problems));
        return Err(Outcome::Failed);
    }
    Ok(catalog)
}

/// `validate`: only the catalog checks.
pub fn validate(catalog: &Path) -> Outcome {
    match load(catalog) {
        Ok(_) => {
            println!("{}: valid", catalog.display());
            Outcome::Ok
        }
        Err(outcome) => outcome,
    }
}

/// Where the generated files go.
#[derive(Debug, Clone)]
pub struct Targets {
    /// The account directories' parent (`terraform-workloads`).
    pub out: PathBuf,
    /// terraform-base-infra.
    pub base_infra: PathBuf,
    /// The GitHub Actions workflows directory.
    pub workflows: PathBuf,
}

/// The plans for every output root.
fn plans(generated: &Generated, targets: &Targets) -> Result<Vec<(PathBuf, Plan)>, Outcome> {
    let io = |e: std::io::Error| {
        eprintln!("error: {e}");
        Outcome::IoError
    };
    let roots = [
        (&targets.out, &generated.workloads, Ownership::Marked),
        (&targets.base_infra, &generated.base_infra, Ownership::Exact),
        (
            &targets.workflows,
            &generated.workflows,
            Ownership::MarkedFlat,
        ),
    ];
    let mut plans = Vec::new();
    for (root, files, ownership) in roots {
        plans.push((
            root.clone(),
            output::plan(root, files, ownership).map_err(io)?,
        ));
    }
    Ok(plans)
}

fn report_conflicts(plans: &[(PathBuf, Plan)]) -> bool {
    let mut any = false;
    for (root, plan) in plans {
        for path in &plan.conflicts {
            any = true;
            eprintln!(
                "error: {} exists and was not generated (no marker); refusing to overwrite it. Move it aside, or use a *_override.tf name.",
                root.join(path).display()
            );
        }
    }
    any
}

/// `generate`: write the generated files, remove stale generated ones.
pub fn generate(catalog: &Path, targets: &Targets) -> Outcome {
    let catalog = match load(catalog) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let plans = match plans(&generate_files(&catalog), targets) {
        Ok(p) => p,
        Err(o) => return o,
    };
    if report_conflicts(&plans) {
        return Outcome::Failed;
    }
    let mut count = 0;
    for (root, plan) in &plans {
        if let Err(e) = output::apply(root, plan) {
            eprintln!("error: writing under {}: {e}", root.display());
            return Outcome::IoError;
        }
        for change in &plan.changes {
            let verb = match change {
                output::Change::Create { .. } => "created",
                output::Change::Update { .. } => "updated",
                output::Change::Remove { .. } => "removed",
            };
            println!("{verb} {}", root.join(change.path()).display());
            count += 1;
        }
    }
    println!("{count} file(s) changed");
    Outcome::Ok
}

/// `check`: diff the generated files against what is on disk.
pub fn check(catalog: &Path, targets: &Targets) -> Outcome {
    let catalog = match load(catalog) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let plans = match plans(&generate_files(&catalog), targets) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let conflicts = report_conflicts(&plans);
    let mut stale = 0;
    for (root, plan) in &plans {
        for change in &plan.changes {
            print!("{}", change.diff(root));
            stale += 1;
        }
    }
    if stale > 0 || conflicts {
        eprintln!(
            "{stale} generated file(s) out of date; run `privatelink-gen generate` and commit the result"
        );
        Outcome::Failed
    } else {
        println!("generated files are up to date");
        Outcome::Ok
    }
}

/// `graph`: print the graph.
pub fn graph(catalog: &Path, format: Format) -> Outcome {
    match load(catalog) {
        Ok(c) => {
            print!("{}", graph::render(&c, format));
            Outcome::Ok
        }
        Err(o) => o,
    }
}
