//! A fault at every mutating AWS call a resource makes in one phase
//! (create, update or delete): the positions come from the call log of a
//! clean run; at each, one non-retryable error and one dropped answer (the
//! call took effect, the provider saw a connection error). After each:
//! Terraform reports the error, a second run converges without duplicating
//! anything, and destroy leaves nothing behind (an object state did not
//! know would stay). Each sweep prints its table, writes it to
//! target/fault-positions/ and fails with it when a position misbehaves.
//!
//! What differs per resource (its configurations, what exists around it,
//! what it makes, which calls are its own) is a [`Subject`].

use std::fmt::Debug;
use std::path::Path;

use local_aws_client::{CallerCalls, Fault};

use super::local_aws::{AwsSession, is_mutating};
use super::terraform::{TfOutput, Workspace};

/// What the fault interrupts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Phase {
    Create,
    Update,
    Delete,
}

/// How the call fails.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A non-retryable error: the call did nothing.
    Error,
    /// The call took effect, the answer is lost.
    Drop,
}

/// The `nth` call of `action` to `service` in `account`.
#[derive(Clone, Debug)]
pub struct Position {
    pub account: String,
    pub service: String,
    pub action: String,
    pub nth: u32,
}

/// The message of the injected errors, which Terraform must show.
pub const INJECTED: &str = "injected by the fault-position test";

/// The resource under test and what is around it.
pub trait Subject {
    /// What a run leaves in AWS, comparable between runs (ids, which
    /// differ every time, counted rather than listed).
    type Shape: PartialEq + Debug;

    /// Names the resource in the table and its file
    /// (`target/fault-positions/<name>-<phase>.md`).
    fn name(&self) -> &'static str;

    fn workspace(&self) -> &Workspace;

    fn aws(&self) -> &AwsSession;

    /// Nothing of the resource under test left in AWS, no state; for
    /// update and delete the base configuration applied cleanly first, and
    /// for update the updated configuration written.
    fn prepare(&self, phase: Phase);

    /// What exists now.
    fn shape(&self) -> Self::Shape;

    /// What of the resource under test exists now (after a destroy: what
    /// it left behind), described; None when nothing.
    fn left_behind(&self) -> Option<String>;

    /// Whether a call of the provider in the clean run is a position: by
    /// default every mutating one.
    fn is_position(&self, call: &CallerCalls) -> bool {
        is_mutating(&call.action)
    }

    /// The kinds of fault tried at the positions of `phase`.
    fn kinds(&self, _phase: Phase) -> Vec<Kind> {
        vec![Kind::Error, Kind::Drop]
    }
}

/// The variable that asks for the full sweep.
pub const FULL_SWEEP_VARIABLE: &str = "PRIVATELINK_FAULT_SWEEP";

/// Both kinds when `PRIVATELINK_FAULT_SWEEP=full`, else errors only: for
/// the long sweeps, whose lost answers the default run leaves out to keep
/// CI short (every position still gets its error).
pub fn errors_unless_full_sweep() -> Vec<Kind> {
    match std::env::var(FULL_SWEEP_VARIABLE).as_deref() {
        Ok("full") => vec![Kind::Error, Kind::Drop],
        _ => vec![Kind::Error],
    }
}

/// Deletes the state files: the next run starts from nothing.
pub fn forget_state(ws: &Workspace) {
    for file in ["terraform.tfstate", "terraform.tfstate.backup"] {
        let _ = std::fs::remove_file(ws.work_dir().join(file));
    }
}

/// The Terraform command of `phase`.
pub fn run_phase(ws: &Workspace, phase: Phase) -> TfOutput {
    match phase {
        Phase::Create | Phase::Update => ws.run(&["apply", "-auto-approve", "-input=false"]),
        Phase::Delete => destroy(ws),
    }
}

fn destroy(ws: &Workspace) -> TfOutput {
    ws.run(&["destroy", "-auto-approve", "-input=false"])
}

/// The positions of a clean run of `phase`, one per call, and what that
/// run left (before the clean-up destroy).
fn positions<S: Subject>(subject: &S, phase: Phase) -> (Vec<Position>, S::Shape) {
    let (aws, ws) = (subject.aws(), subject.workspace());
    subject.prepare(phase);
    aws.reset_calls();
    let out = run_phase(ws, phase);
    assert!(out.success, "the clean run failed:\n{}", out.combined());
    let mut found = Vec::new();
    for c in aws.provider_calls() {
        if subject.is_position(&c) {
            for nth in 1..=c.count as u32 {
                found.push(Position {
                    account: c.account.clone(),
                    service: c.service.clone(),
                    action: c.action.clone(),
                    nth,
                });
            }
        }
    }
    let after = subject.shape();
    if phase != Phase::Delete {
        let out = destroy(ws);
        assert!(out.success, "the clean destroy failed:\n{}", out.combined());
    }
    (found, after)
}

/// One row of the table.
#[derive(Default)]
struct Tally {
    tried: usize,
    reported: usize,
    /// Lost answers after which the first run succeeded all the same.
    drops_absorbed: usize,
    converged: usize,
    orphans: usize,
    duplicates: usize,
    problems: Vec<String>,
}

/// Sweeps the positions of `phase`: at least `min_positions` of them.
pub fn sweep<S: Subject>(subject: &S, phase: Phase, min_positions: usize) {
    let (aws, ws) = (subject.aws(), subject.workspace());
    let name = subject.name();
    let (found, expected) = positions(subject, phase);
    assert!(
        found.len() >= min_positions,
        "{name} {phase:?}: too few positions: {found:?}"
    );
    let kinds = subject.kinds(phase);
    let total = found.len() * kinds.len();

    let mut tally = Tally::default();
    for position in &found {
        for &kind in &kinds {
            let label = format!(
                "{name} {phase:?} {}:{}:{} #{} {kind:?}",
                position.account, position.service, position.action, position.nth
            );
            tally.tried += 1;
            let started = std::time::Instant::now();
            eprintln!("fault position {}/{total}: {label}", tally.tried);
            subject.prepare(phase);
            let fault = match kind {
                Kind::Error => Fault::error(&position.action, "InvalidParameterValue", INJECTED),
                Kind::Drop => Fault::drop(&position.action),
            };
            aws.inject(
                &fault
                    .service(&position.service)
                    .account(&position.account)
                    .nth(position.nth),
            );
            let first = run_phase(ws, phase);
            eprintln!(
                "  prepared and first run in {:.1}s (first run {:.1}s, {})",
                started.elapsed().as_secs_f64(),
                first.elapsed.as_secs_f64(),
                if first.success { "succeeded" } else { "failed" }
            );
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
            if kind == Kind::Drop && first.success {
                tally.drops_absorbed += 1;
            }
            let second = run_phase(ws, phase);
            if !second.success {
                tally.problems.push(format!(
                    "{label}: the second run failed:\n{}",
                    second.combined()
                ));
                // Clean up as far as Terraform can, then count what is left.
                destroy(ws);
                if let Some(left) = subject.left_behind() {
                    tally.orphans += 1;
                    tally
                        .problems
                        .push(format!("{label}: left behind after destroy: {left}"));
                }
                continue;
            }
            tally.converged += 1;
            if phase != Phase::Delete {
                let now = subject.shape();
                if now != expected {
                    tally.duplicates += 1;
                    tally.problems.push(format!(
                        "{label}: objects differ from a clean run:\n  {now:?}\n  {expected:?}"
                    ));
                }
                let destroyed = destroy(ws);
                if !destroyed.success {
                    tally.problems.push(format!(
                        "{label}: destroy failed:\n{}",
                        destroyed.combined()
                    ));
                }
            }
            if let Some(left) = subject.left_behind() {
                tally.orphans += 1;
                tally.problems.push(format!("{label}: left behind: {left}"));
            }
        }
    }
    let kinds_tried = kinds
        .iter()
        .map(|k| format!("{k:?}").to_lowercase())
        .collect::<Vec<_>>()
        .join(", ");
    let table = format!(
        "| resource | phase | positions | kinds | tried | error reported | drops absorbed | converged | orphans | duplicates |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n\
         | {name} | {phase:?} | {} | {kinds_tried} | {} | {} | {} | {} | {} | {} |",
        found.len(),
        tally.tried,
        tally.reported,
        tally.drops_absorbed,
        tally.converged,
        tally.orphans,
        tally.duplicates
    );
    println!("{table}");
    write_table(name, phase, &table);
    assert!(
        tally.problems.is_empty(),
        "{table}\n\n{}",
        tally.problems.join("\n\n")
    );
}

/// Keeps the table where a run can collect it (target/fault-positions/).
fn write_table(name: &str, phase: Phase, table: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fault-positions");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(
        dir.join(format!("{name}-{phase:?}.md").to_lowercase()),
        table,
    );
}
