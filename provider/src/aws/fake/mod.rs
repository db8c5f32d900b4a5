//! An in-memory AWS for unit tests: implements every trait the
//! `privatelink_service` resource uses, with the semantics the real
//! implementations give (generated ids and ARNs, `Ok(None)` for missing
//! objects, the duplicate-name and deletion-guard error codes AWS returns,
//! load balancers provisioning before they are active, ECS deployments and
//! draining). Time is tokio time, so tests run it on a paused clock.
//!
//! Tests can inject errors ([`FakeAws::fail_nth`], [`FakeAws::fail_always`]),
//! stop a context when an operation is called ([`FakeAws::cancel_on`]),
//! read the call log ([`FakeAws::calls`], [`FakeAws::writes`]) and inspect
//! or change the objects directly ([`FakeAws::world`], [`FakeAws::edit`]).

mod ec2;
mod ecs;
pub use ecs::CIRCUIT_BREAKER_REASON;
mod elbv2;
mod endpoints;
mod logs;
mod world;

use std::sync::{Arc, Mutex, MutexGuard};

use tokio_util::sync::CancellationToken;

use super::endpoints::AwsApi;
use super::errors::AwsError;
use super::tags::Tags;
use crate::resources::service::ServiceApis;

pub use world::{
    ACCOUNT, DEPLOYMENT, DRAINING, ENDPOINT_SERVICE_PENDING, ENI_RELEASE, EcsServiceRecord,
    EndpointServiceRecord, LoadBalancerRecord, NLB_PROVISIONING, REGION, SUBNET_A, SUBNET_B,
    SUBNET_C, SUBNET_OTHER_VPC, Tagged, VPC_CIDR, VPC_ENDPOINT_SETTLING, VPC_ID,
    VPC_SECONDARY_CIDR, VpcEndpointRecord, World,
};

/// One call the code under test made: the operation (the trait method's
/// name) and the id of the object it was about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub op: &'static str,
    pub id: String,
}

/// Operations that only read; every other operation changes something.
const READS: &[&str] = &[
    "find_vpcs",
    "find_subnets",
    "find_security_group",
    "find_security_group_by_name",
    "find_endpoint_service",
    "allowed_principals",
    "endpoint_connections",
    "count_load_balancer_interfaces",
    "find_load_balancer",
    "find_target_group",
    "deregistration_delay",
    "cross_zone_enabled",
    "find_listener",
    "listeners_of",
    "elbv2_tags",
    "find_cluster",
    "list_clusters",
    "find_task_definition",
    "find_service",
    "services_of",
    "ecs_tags",
    "find_log_group",
    "log_group_tags",
    "find_subnets_by_ids",
    "find_vpc_endpoint",
    "find_vpc_endpoints",
    "find_endpoint_connection",
    "find_endpoint_service_by_name",
    "as_service_owner",
];

/// An injected failure: calls of `op` numbered `nth` (1-based; `None`: all
/// of them) fail with `code`.
struct Fault {
    op: String,
    nth: Option<usize>,
    code: String,
    message: String,
    /// The call takes effect and only its answer is lost (the caller sees
    /// the error): supported by the creates that call `answer_lost`.
    after_effect: bool,
}

/// The fake's mutable part, behind one lock.
struct Inner {
    world: World,
    log: Vec<Call>,
    counts: std::collections::BTreeMap<&'static str, usize>,
    faults: Vec<Fault>,
    cancels: Vec<(String, CancellationToken)>,
}

/// The in-memory AWS account (see the module documentation). Clones share
/// the account (as clients acting as another role of it would).
#[derive(Clone)]
pub struct FakeAws {
    inner: Arc<Mutex<Inner>>,
    default_tags: Tags,
}

impl Default for FakeAws {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeAws {
    /// An account with one VPC and two subnets in different zones, and no
    /// provider default tags.
    pub fn new() -> Self {
        Self::with_default_tags(Tags::new())
    }

    /// Like [`FakeAws::new`], with provider `default_tags`.
    pub fn with_default_tags(default_tags: Tags) -> Self {
        FakeAws {
            inner: Arc::new(Mutex::new(Inner {
                world: World::seeded(),
                log: Vec::new(),
                counts: Default::default(),
                faults: Vec::new(),
                cancels: Vec::new(),
            })),
            default_tags,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes the `nth` (1-based, counted from now on) call of `op` fail
    /// with the AWS error `code`.
    pub fn fail_nth(&self, op: &str, nth: usize, code: &str) {
        let mut inner = self.lock();
        let done = inner.calls_of(op);
        inner.faults.push(Fault {
            op: op.to_string(),
            nth: Some(done + nth),
            code: code.to_string(),
            message: format!("injected failure of {op}"),
            after_effect: false,
        });
    }

    /// Makes the `nth` call of `op` take effect but lose its answer: the
    /// caller gets an unreachable-endpoint error (a dropped connection).
    pub fn lose_answer_nth(&self, op: &str, nth: usize) {
        let mut inner = self.lock();
        let done = inner.calls_of(op);
        inner.faults.push(Fault {
            op: op.to_string(),
            nth: Some(done + nth),
            code: String::new(),
            message: format!("connection dropped after {op} reached AWS"),
            after_effect: true,
        });
    }

    /// Makes every call of `op` fail with `code` and `message`.
    pub fn fail_always(&self, op: &str, code: &str, message: &str) {
        self.lock().faults.push(Fault {
            op: op.to_string(),
            nth: None,
            code: code.to_string(),
            message: message.to_string(),
            after_effect: false,
        });
    }

    /// Removes every injected failure.
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// Cancels `token` when `op` is next called (the call itself succeeds),
    /// as Terraform stopping the provider at that moment would.
    pub fn cancel_on(&self, op: &str, token: CancellationToken) {
        self.lock().cancels.push((op.to_string(), token));
    }

    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.lock().log.clone()
    }

    /// The calls so far that change something.
    pub fn writes(&self) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| !READS.contains(&c.op))
            .collect()
    }

    /// Forgets the calls so far.
    pub fn clear_calls(&self) {
        self.lock().log.clear();
    }

    /// A copy of the account's objects.
    pub fn world(&self) -> World {
        self.lock().world.clone()
    }

    /// Changes the account's objects directly ("out of band").
    pub fn edit<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        f(&mut self.lock().world)
    }

    /// Records a call of `op` about `id`, applies injected failures and
    /// cancellations, and hands out the world for the operation.
    fn call(
        &self,
        service: AwsApi,
        op: &'static str,
        id: &str,
    ) -> Result<MutexGuard<'_, Inner>, AwsError> {
        let mut inner = self.lock();
        inner.log.push(Call {
            op,
            id: id.to_string(),
        });
        let n = {
            let count = inner.counts.entry(op).or_default();
            *count += 1;
            *count
        };
        for (_, token) in inner.cancels.iter().filter(|(o, _)| o == op) {
            token.cancel();
        }
        inner.cancels.retain(|(o, _)| o != op);
        if let Some(f) = inner
            .faults
            .iter()
            .find(|f| f.op == op && !f.after_effect && f.nth.is_none_or(|k| k == n))
        {
            return Err(api_error(service, &f.code, &f.message));
        }
        Ok(inner)
    }
}

impl Inner {
    /// How many calls of `op` were made so far.
    fn calls_of(&self, op: &str) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| **k == op)
            .map_or(0, |(_, n)| *n)
    }

    /// After `op` took effect: the error its caller sees instead of the
    /// answer, when a [`FakeAws::lose_answer_nth`] fault says so.
    fn answer_lost(&self, service: AwsApi, op: &str) -> Option<AwsError> {
        let n = self.calls_of(op);
        self.faults
            .iter()
            .find(|f| f.op == op && f.after_effect && f.nth == Some(n))
            .map(|f| AwsError::Unreachable {
                service,
                endpoint: crate::aws::endpoints::ResolvedEndpoint {
                    url: "https://fake.invalid".into(),
                    source: "the fake".into(),
                    configured: false,
                },
                reason: f.message.clone(),
            })
    }
}

/// An AWS API error as the real clients report it.
fn api_error(service: AwsApi, code: &str, message: &str) -> AwsError {
    AwsError::Api {
        service,
        code: code.to_string(),
        message: message.to_string(),
    }
}

impl ServiceApis for FakeAws {
    fn region(&self) -> &str {
        REGION
    }

    fn default_tags(&self) -> &Tags {
        &self.default_tags
    }
}
