//! Ctrl-C during a long apply: Terraform asks the provider to stop, the
//! provider returns what it made so far, Terraform saves it; a second apply
//! converges and destroy leaves nothing. Two Ctrl-Cs make Terraform quit at
//! once: the state it leaves still reads.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use local_aws_client::Fault;

use super::{BASE, service_workspace};
use crate::support::aws::{block_on, inventory};
use crate::support::local_aws::AwsSession;
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

/// How long the slowed call takes: long enough to interrupt it.
const SLOW: Duration = Duration::from_secs(4);

fn interrupt(child: &Child) {
    // SAFETY: kill only sends a signal to the child this test started.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0, "SIGINT to terraform");
}

/// Starts `terraform apply` with `action` slowed down, and returns once the
/// apply is inside that call.
fn apply_until_inside(aws: &AwsSession, ws: &Workspace, action: &str) -> Child {
    aws.inject(&Fault::latency(action, SLOW).nth(1));
    let child = ws
        .command(&["apply", "-auto-approve", "-input=false"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("terraform apply");
    let deadline = Instant::now() + Duration::from_secs(60);
    while aws.faults().first().is_none_or(|f| f.matched == 0) {
        assert!(
            Instant::now() < deadline,
            "the apply never reached {action}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

fn finish(child: Child) -> (bool, String) {
    let out = child.wait_with_output().expect("terraform exits");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

terraform_test_latest!(
    an_interrupted_apply_saves_what_it_made_and_the_next_apply_converges,
    |ws: Workspace| {
        let (aws, ws) = service_workspace(ws, BASE);
        for action in [
            "CreateTargetGroup",
            "CreateService",
            "CreateVpcEndpointServiceConfiguration",
        ] {
            let child = apply_until_inside(&aws, &ws, action);
            interrupt(&child);
            let started = Instant::now();
            let (succeeded, output) = finish(child);
            assert!(
                !succeeded,
                "{action}: an interrupted apply reported success:\n{output}"
            );
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{action}: terraform took {:?} to stop",
                started.elapsed()
            );
            aws.clear_faults();
            // What was made is in state: destroying it from state alone
            // would leave nothing; here the next apply finishes the job.
            let listed = ws.ok(&["state", "list"]);
            assert!(
                listed.stdout.contains("privatelink_service.api"),
                "{action}: nothing saved after the interrupt:\n{output}"
            );
            ws.ok(&["apply", "-auto-approve", "-input=false"]);
            let inv = block_on(inventory(&aws.url));
            assert_eq!(inv.load_balancers.len(), 1, "{action}: {inv:?}");
            assert_eq!(inv.endpoint_services.len(), 1, "{action}: {inv:?}");
            assert_eq!(inv.services.len(), 1, "{action}: {inv:?}");
            ws.ok(&["destroy", "-auto-approve", "-input=false"]);
            let left = block_on(inventory(&aws.url));
            assert!(left.is_empty(), "{action}: left behind: {left:?}");
        }
    }
);

terraform_test_latest!(
    a_second_interrupt_leaves_a_state_that_still_reads,
    |ws: Workspace| {
        let (aws, ws) = service_workspace(ws, BASE);
        let child = apply_until_inside(&aws, &ws, "CreateService");
        interrupt(&child);
        std::thread::sleep(Duration::from_millis(300));
        interrupt(&child);
        let (succeeded, output) = finish(child);
        assert!(!succeeded, "{output}");
        aws.clear_faults();
        let state = ws.ok(&["show", "-json"]);
        let parsed: serde_json::Value =
            serde_json::from_str(state.stdout.trim()).expect("the state reads as JSON");
        assert!(parsed.is_object(), "{parsed}");
        ws.ok(&["plan", "-input=false"]);
    }
);
