//! A fault at every mutating AWS call of `privatelink_service`'s create,
//! update and delete (see `support::fault_sweep`): the embedded AWS is
//! wiped and the network made again before every position. One test per
//! phase, so they run side by side.

use crate::support::aws::{Inventory, block_on, inventory};
use crate::support::fault_sweep::{Phase, Subject, forget_state, sweep};
use crate::support::local_aws::{AwsSession, LocalAws};
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

use super::{BASE, UPDATED, config, network};

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

/// The service in its own embedded AWS.
struct ServiceSweep {
    aws: AwsSession,
    ws: Workspace,
}

/// What a run leaves in AWS: names sorted, ids counted; task definitions
/// left out (which revisions stay registered depends on the run).
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

impl Subject for ServiceSweep {
    type Shape = Shape;

    fn name(&self) -> &'static str {
        "service"
    }

    fn workspace(&self) -> &Workspace {
        &self.ws
    }

    fn aws(&self) -> &AwsSession {
        &self.aws
    }

    /// The embedded AWS wiped, the network made again, no state.
    fn prepare(&self, phase: Phase) {
        self.aws.reset();
        network(&self.aws);
        forget_state(&self.ws);
        self.ws.write_config(&base());
        if phase != Phase::Create {
            self.ws.ok(&["apply", "-auto-approve", "-input=false"]);
        }
        if phase == Phase::Update {
            self.ws.write_config(&updated());
        }
    }

    fn shape(&self) -> Shape {
        shape(&block_on(inventory(&self.aws.url)))
    }

    /// Anything of any kind the service is made of.
    fn left_behind(&self) -> Option<String> {
        let left = block_on(inventory(&self.aws.url));
        (!left.is_empty()).then(|| format!("{left:?}"))
    }
}

fn service_sweep(ws: Workspace, phase: Phase) {
    let aws = LocalAws::session();
    network(&aws);
    let ws = ws.with_aws(&aws.url);
    ws.write_config(&base());
    ws.init();
    sweep(&ServiceSweep { aws, ws }, phase, 3);
}

terraform_test_latest!(
    a_fault_at_every_create_call_is_recovered,
    |ws: Workspace| { service_sweep(ws, Phase::Create) }
);

terraform_test_latest!(
    a_fault_at_every_update_call_is_recovered,
    |ws: Workspace| { service_sweep(ws, Phase::Update) }
);

terraform_test_latest!(
    a_fault_at_every_delete_call_is_recovered,
    |ws: Workspace| { service_sweep(ws, Phase::Delete) }
);
