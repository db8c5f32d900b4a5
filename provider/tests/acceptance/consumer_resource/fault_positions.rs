//! A fault at every mutating AWS call of `privatelink_consumer`'s create,
//! update and delete (see `support::fault_sweep`), acceptance through the
//! owner's role included. The owner's service is applied once, in its own
//! workspace, and stays; before every position the consumer's account is
//! cleared of endpoints and security groups. One test per phase. Lost
//! answers are tried only with `PRIVATELINK_FAULT_SWEEP=full` (see
//! README.md, "Reliability"): they add minutes to every CI run.

use crate::support::aws::{
    EndpointInventory, block_on, delete_endpoints_and_groups, endpoint_inventory,
};
use crate::support::fault_sweep::{
    Kind, Phase, Subject, errors_unless_full_sweep, forget_state, sweep,
};
use crate::support::local_aws::{AwsSession, is_mutating};
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

use super::*;

/// Short timeouts: a position that makes the provider wait for something
/// that never comes fails in minutes, not the default 10.
const TIMEOUTS: &str =
    "  timeouts {\n    create = \"2m\"\n    update = \"2m\"\n    delete = \"2m\"\n  }\n";

/// The consumer's workspace against the owner's service, which another
/// workspace applied.
struct ConsumerSweep {
    a: Accounts,
    ws: Workspace,
    _owner: Workspace,
}

/// Both subnets, the VPC's blocks admitted, tag `Team`.
fn base(a: &Accounts) -> String {
    consumer_config(
        a,
        &a.consumer_subnets,
        &format!("{}{TIMEOUTS}", acceptance_block()),
    )
}

/// One subnet fewer (the endpoint modified), other admitted blocks (rules
/// authorized and revoked), tag `Team` replaced by `Owner` (tags deleted
/// and created on the endpoint and its group).
fn updated(a: &Accounts) -> String {
    let text = consumer_config(
        a,
        &a.consumer_subnets[..1],
        &format!(
            "  allowed_cidr_blocks = [\"10.60.0.0/16\"]\n{}{TIMEOUTS}",
            acceptance_block()
        ),
    );
    let old = "tags         = { Team = \"checkout\" }";
    assert!(text.contains(old), "{text}");
    text.replace(old, "tags         = { Owner = \"payments\" }")
}

/// What a consumer run leaves: the endpoints' and connections' states and
/// the groups' names, sorted.
#[derive(Debug, PartialEq)]
struct Shape {
    endpoints: Vec<String>,
    security_groups: Vec<String>,
    connections: Vec<String>,
}

fn shape(inv: EndpointInventory) -> Shape {
    let states = |v: Vec<(String, String)>| {
        let mut s: Vec<String> = v.into_iter().map(|(_, state)| state).collect();
        s.sort();
        s
    };
    let mut security_groups = inv.security_groups;
    security_groups.sort();
    Shape {
        endpoints: states(inv.endpoints),
        security_groups,
        connections: states(inv.connections),
    }
}

impl ConsumerSweep {
    fn inventory(&self) -> EndpointInventory {
        block_on(endpoint_inventory(&self.a.consumer, &self.a.owner))
    }
}

impl Subject for ConsumerSweep {
    type Shape = Shape;

    fn name(&self) -> &'static str {
        "consumer"
    }

    fn workspace(&self) -> &Workspace {
        &self.ws
    }

    fn aws(&self) -> &AwsSession {
        &self.a.aws
    }

    /// The consumer's account cleared of endpoints and security groups
    /// (what an earlier position left is counted before), no state.
    fn prepare(&self, phase: Phase) {
        block_on(delete_endpoints_and_groups(&self.a.consumer));
        forget_state(&self.ws);
        self.ws.write_config(&base(&self.a));
        if phase != Phase::Create {
            self.ws.ok(&["apply", "-auto-approve", "-input=false"]);
        }
        if phase == Phase::Update {
            self.ws.write_config(&updated(&self.a));
        }
    }

    fn shape(&self) -> Shape {
        shape(self.inventory())
    }

    /// Endpoints and groups in the consumer's account, connections to the
    /// owner's service.
    fn left_behind(&self) -> Option<String> {
        let left = self.inventory();
        (left != EndpointInventory::default()).then(|| format!("{left:?}"))
    }

    /// Every mutating call but AssumeRole (the provider's and the
    /// acceptance role's), which makes nothing to leave behind.
    fn is_position(&self, call: &local_aws_client::CallerCalls) -> bool {
        is_mutating(&call.action) && call.service != "sts"
    }

    /// The longest sweeps: lost answers only in the full sweep.
    fn kinds(&self, _phase: Phase) -> Vec<Kind> {
        errors_unless_full_sweep()
    }
}

fn consumer_sweep(ws: Workspace, phase: Phase) {
    let a = Accounts::new();
    let (owner, owner_out) = apply_owner(another(&ws), &a, CONSUMER);
    let ws = consumer_workspace(ws, &a, &owner_out, &a.consumer_subnets, "");
    let min = if phase == Phase::Delete { 2 } else { 4 };
    sweep(
        &ConsumerSweep {
            a,
            ws,
            _owner: owner,
        },
        phase,
        min,
    );
}

terraform_test_latest!(
    a_fault_at_every_consumer_create_call_is_recovered,
    |ws: Workspace| { consumer_sweep(ws, Phase::Create) }
);

terraform_test_latest!(
    a_fault_at_every_consumer_update_call_is_recovered,
    |ws: Workspace| { consumer_sweep(ws, Phase::Update) }
);

terraform_test_latest!(
    a_fault_at_every_consumer_delete_call_is_recovered,
    |ws: Workspace| { consumer_sweep(ws, Phase::Delete) }
);
