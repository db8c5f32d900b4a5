//! A fault at every mutating AWS call of `privatelink_service`'s create,
//! update and delete: the positions come from the call log of a clean run;
//! at each, one non-retryable error and one dropped answer (the call took
//! effect, the provider saw a connection error). After each: Terraform
//! reports the error, a second run converges without duplicating anything,
//! and destroy leaves nothing behind (an object state did not know would
//! stay). One test per phase, so they run side by side; each prints its
//! table and fails with it when a position misbehaves.

use std::path::Path;

use local_aws_client::Fault;

use super::{BASE, UPDATED, config, network};
use crate::support::aws::{Inventory, block_on, inventory};
use crate::support::local_aws::is_mutating;
use crate::support::local_aws::{AwsSession, LocalAws};
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

/// What the fault interrupts.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Phase {
    Create,
    Update,
    Delete,
}

/// How the call fails.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A non-retryable error: the call did nothing.
    Error,
    /// The call took effect, the answer is lost.
    Drop,
}

/// The `nth` call of `action` to `service`.
#[derive(Clone, Debug)]
struct Position {
    service: String,
    action: String,
    nth: u32,
}

const INJECTED: &str = "injected by the fault-position test";

/// Short timeouts: a position that makes the provider wait for something
/// that never comes fails in minutes, not the default 20.
const TIMEOUTS: &str =
    "\n  timeouts {\n    create = \"2m\"\n    update = \"2m\"\n    delete = \"2m\"\n  }\n";

fn base() -> String {
    config(&format!("{BASE}{TIMEOUTS}"))
}

fn updated() -> String {
    config(&format!("{UPDATED}{TIMEOUTS}"))
}

fn forget_state(ws: &Workspace) {
    for file in ["terraform.tfstate", "terraform.tfstate.backup"] {
        let _ = std::fs::remove_file(ws.work_dir().join(file));
    }
}

/// The embedded AWS wiped, the network made again, no state; for update
/// and delete, the service applied cleanly first (with the update's
/// configuration written for an update).
fn prepare(aws: &AwsSession, ws: &Workspace, phase: Phase) {
    aws.reset();
    network(aws);
    forget_state(ws);
    ws.write_config(&base());
    if phase != Phase::Create {
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
    }
    if phase == Phase::Update {
        ws.write_config(&updated());
    }
}

fn run_phase(ws: &Workspace, phase: Phase) -> crate::support::terraform::TfOutput {
    match phase {
        Phase::Create | Phase::Update => ws.run(&["apply", "-auto-approve", "-input=false"]),
        Phase::Delete => ws.run(&["destroy", "-auto-approve", "-input=false"]),
    }
}

/// The mutating calls a clean run of `phase` makes, one position per call.
fn positions(aws: &AwsSession, ws: &Workspace, phase: Phase) -> (Vec<Position>, Inventory) {
    prepare(aws, ws, phase);
    aws.reset_calls();
    let out = run_phase(ws, phase);
    assert!(out.success, "the clean run failed:\n{}", out.combined());
    let mut found = Vec::new();
    for c in aws.provider_calls() {
        if is_mutating(&c.action) {
            for nth in 1..=c.count as u32 {
                found.push(Position {
                    service: c.service.clone(),
                    action: c.action.clone(),
                    nth,
                });
            }
        }
    }
    let after = block_on(inventory(&aws.url));
    if phase != Phase::Delete {
        ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    }
    (found, after)
}

/// What a run leaves in AWS, comparable between runs: names sorted, ids
/// (which differ every time) counted; task definitions left out (which
/// revisions stay registered depends on the run).
#[derive(Debug, PartialEq)]
struct Shape {
    endpoint_services: usize,
    load_balancers: Vec<String>,
    target_groups: Vec<String>,
    listeners: usize,
    clusters: Vec<String>,
    services: Vec<String>,
    security_groups: Vec<String>,
    log_groups: Vec<String>,
}

fn shape(inv: &Inventory) -> Shape {
    let sorted = |v: &Vec<String>| {
        let mut v = v.clone();
        v.sort();
        v
    };
    Shape {
        endpoint_services: inv.endpoint_services.len(),
        load_balancers: sorted(&inv.load_balancers),
        target_groups: sorted(&inv.target_groups),
        listeners: inv.listeners,
        clusters: sorted(&inv.clusters),
        services: sorted(&inv.services),
        security_groups: sorted(&inv.security_groups),
        log_groups: sorted(&inv.log_groups),
    }
}

/// One row of the table.
#[derive(Default)]
struct Tally {
    tried: usize,
    reported: usize,
    converged: usize,
    orphans: usize,
    duplicates: usize,
    problems: Vec<String>,
}

fn sweep(ws: Workspace, phase: Phase) {
    let aws = LocalAws::session();
    network(&aws);
    let ws = ws.with_aws(&aws.url);
    ws.write_config(&base());
    ws.init();
    let (found, clean_inventory) = positions(&aws, &ws, phase);
    assert!(found.len() >= 3, "{phase:?}: too few positions: {found:?}");
    let expected = shape(&clean_inventory);

    let mut tally = Tally::default();
    for position in &found {
        for kind in [Kind::Error, Kind::Drop] {
            let label = format!(
                "{:?} {}:{} #{} {:?}",
                phase, position.service, position.action, position.nth, kind
            );
            tally.tried += 1;
            eprintln!(
                "fault position {}/{}: {label}",
                tally.tried,
                found.len() * 2
            );
            prepare(&aws, &ws, phase);
            let fault = match kind {
                Kind::Error => Fault::error(&position.action, "InvalidParameterValue", INJECTED),
                Kind::Drop => Fault::drop(&position.action),
            };
            aws.inject(&fault.service(&position.service).nth(position.nth));
            let first = run_phase(&ws, phase);
            let fired = aws.faults().iter().map(|f| f.fired).sum::<u64>();
            aws.clear_faults();
            match kind {
                Kind::Error if fired > 0 => {
                    if !first.success && first.flat().contains(INJECTED) {
                        tally.reported += 1;
                    } else {
                        tally.problems.push(format!(
                            "{label}: the error was not reported:\n{}",
                            first.combined()
                        ));
                    }
                }
                // A lost answer is retried; the run may well succeed.
                _ => tally.reported += 1,
            }
            let second = run_phase(&ws, phase);
            if !second.success {
                tally.problems.push(format!(
                    "{label}: the second run failed:\n{}",
                    second.combined()
                ));
                // Clean up as far as Terraform can, then count what is left.
                ws.run(&["destroy", "-auto-approve", "-input=false"]);
                let left = block_on(inventory(&aws.url));
                if !left.is_empty() {
                    tally.orphans += 1;
                }
                continue;
            }
            tally.converged += 1;
            if phase != Phase::Delete {
                let now = shape(&block_on(inventory(&aws.url)));
                if now != expected {
                    tally.duplicates += 1;
                    tally.problems.push(format!(
                        "{label}: objects differ from a clean run:\n  {now:?}\n  {expected:?}"
                    ));
                }
                let destroyed = ws.run(&["destroy", "-auto-approve", "-input=false"]);
                if !destroyed.success {
                    tally.problems.push(format!(
                        "{label}: destroy failed:\n{}",
                        destroyed.combined()
                    ));
                }
            }
            let left = block_on(inventory(&aws.url));
            if !left.is_empty() {
                tally.orphans += 1;
                tally
                    .problems
                    .push(format!("{label}: left behind: {left:?}"));
            }
        }
    }
    let table = format!(
        "| phase | positions tried | error reported | converged | orphans | duplicates |\n\
         | --- | --- | --- | --- | --- | --- |\n\
         | {phase:?} | {} | {} | {} | {} | {} |",
        tally.tried, tally.reported, tally.converged, tally.orphans, tally.duplicates
    );
    println!("{table}");
    write_table(phase, &table);
    assert!(
        tally.problems.is_empty(),
        "{table}\n\n{}",
        tally.problems.join("\n\n")
    );
}

/// Keeps the table where a run can collect it (target/fault-positions/).
fn write_table(phase: Phase, table: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fault-positions");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(
        dir.join(format!("service-{phase:?}.md").to_lowercase()),
        table,
    );
}

terraform_test_latest!(
    a_fault_at_every_create_call_is_recovered,
    |ws: Workspace| { sweep(ws, Phase::Create) }
);

terraform_test_latest!(
    a_fault_at_every_update_call_is_recovered,
    |ws: Workspace| { sweep(ws, Phase::Update) }
);

terraform_test_latest!(
    a_fault_at_every_delete_call_is_recovered,
    |ws: Workspace| { sweep(ws, Phase::Delete) }
);
