//! A fault at every mutating AWS call of `privatelink_connection_accepter`
//! (see `support::fault_sweep`): its accept on create and on update (after
//! the owner rejected the connection out of band), its reject on delete.
//! The owner's service is applied once, in its own workspace; before every
//! position the consumer's operator makes a new endpoint to it (outside
//! Terraform), so each run meets a connection pending acceptance.

use std::cell::RefCell;

use crate::support::aws::{
    EndpointInventory, block_on, delete_endpoints_and_groups, endpoint_inventory,
};
use crate::support::fault_sweep::{Phase, Subject, forget_state, sweep};
use crate::support::local_aws::AwsSession;
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

use super::*;

/// The accepter's workspace in the owner's account.
struct AccepterSweep {
    a: Accounts,
    ws: Workspace,
    _owner: Workspace,
    service_id: String,
    service_name: String,
    /// The endpoint the current position's configuration accepts.
    endpoint: RefCell<String>,
}

/// What an accepter run leaves: the states of the consumer's endpoints
/// and of their connections, sorted.
#[derive(Debug, PartialEq)]
struct Shape {
    endpoints: Vec<String>,
    connections: Vec<String>,
}

/// Connection states in which the owner has accepted the connection.
const ACCEPTED: &[&str] = &["pending", "available"];

impl AccepterSweep {
    fn inventory(&self) -> EndpointInventory {
        block_on(endpoint_inventory(&self.a.consumer, &self.a.owner))
    }

    /// A new endpoint in the consumer's account, pending acceptance.
    fn new_endpoint(&self) -> String {
        block_on(async {
            self.a
                .consumer
                .create_vpc_endpoint()
                .vpc_endpoint_type(aws_sdk_ec2::types::VpcEndpointType::Interface)
                .service_name(&self.service_name)
                .vpc_id(&self.a.consumer_vpc)
                .set_subnet_ids(Some(self.a.consumer_subnets.clone()))
                .send()
                .await
                .expect("create endpoint")
                .vpc_endpoint()
                .and_then(|e| e.vpc_endpoint_id())
                .expect("endpoint id")
                .to_string()
        })
    }

    fn config(&self) -> String {
        format!(
            r#"
provider "privatelink" {{
  assume_role {{
    role_arn = "{role}"
  }}
}}

resource "privatelink_connection_accepter" "orders" {{
  endpoint_service_id = "{service}"
  endpoint_id         = "{endpoint}"
  timeouts {{
    create = "2m"
    delete = "2m"
  }}
}}
"#,
            role = deploy_role(OWNER),
            service = self.service_id,
            endpoint = self.endpoint.borrow(),
        )
    }
}

impl Subject for AccepterSweep {
    type Shape = Shape;

    fn name(&self) -> &'static str {
        "accepter"
    }

    fn workspace(&self) -> &Workspace {
        &self.ws
    }

    fn aws(&self) -> &AwsSession {
        &self.a.aws
    }

    /// A new endpoint pending acceptance, no state; for update, accepted
    /// by a clean apply and then rejected by the owner out of band.
    fn prepare(&self, phase: Phase) {
        block_on(delete_endpoints_and_groups(&self.a.consumer));
        *self.endpoint.borrow_mut() = self.new_endpoint();
        forget_state(&self.ws);
        self.ws.write_config(&self.config());
        if phase != Phase::Create {
            self.ws.ok(&["apply", "-auto-approve", "-input=false"]);
        }
        if phase == Phase::Update {
            let endpoint = self.endpoint.borrow().clone();
            block_on(async {
                self.a
                    .owner
                    .reject_vpc_endpoint_connections()
                    .service_id(&self.service_id)
                    .vpc_endpoint_ids(endpoint)
                    .send()
                    .await
                    .expect("reject")
            });
        }
    }

    fn shape(&self) -> Shape {
        let inv = self.inventory();
        let states = |v: Vec<(String, String)>| {
            let mut s: Vec<String> = v.into_iter().map(|(_, state)| state).collect();
            s.sort();
            s
        };
        Shape {
            endpoints: states(inv.endpoints),
            connections: states(inv.connections),
        }
    }

    /// What an accepter makes is an accepted connection: after its destroy
    /// none may be left.
    fn left_behind(&self) -> Option<String> {
        let accepted: Vec<(String, String)> = self
            .inventory()
            .connections
            .into_iter()
            .filter(|(_, state)| ACCEPTED.contains(&state.as_str()))
            .collect();
        (!accepted.is_empty()).then(|| format!("accepted connections {accepted:?}"))
    }

    /// Every mutating call but AssumeRole, which makes nothing.
    fn is_position(&self, call: &local_aws_client::CallerCalls) -> bool {
        crate::support::local_aws::is_mutating(&call.action) && call.service != "sts"
    }
}

fn accepter_sweep(ws: Workspace, phase: Phase) {
    let a = Accounts::new();
    let (owner, owner_out) = apply_owner(another(&ws), &a, CONSUMER);
    let ws = ws.with_aws(&a.aws.url);
    let subject = AccepterSweep {
        service_id: out_str(&owner_out, "service_id"),
        service_name: out_str(&owner_out, "service_name"),
        endpoint: RefCell::new(String::new()),
        a,
        ws,
        _owner: owner,
    };
    subject.ws.write_config(&subject.config());
    subject.ws.init();
    sweep(&subject, phase, 1);
}

terraform_test_latest!(
    a_fault_at_every_accepter_create_call_is_recovered,
    |ws: Workspace| { accepter_sweep(ws, Phase::Create) }
);

terraform_test_latest!(
    a_fault_at_every_accepter_update_call_is_recovered,
    |ws: Workspace| { accepter_sweep(ws, Phase::Update) }
);

terraform_test_latest!(
    a_fault_at_every_accepter_delete_call_is_recovered,
    |ws: Workspace| { accepter_sweep(ws, Phase::Delete) }
);
