//! The objects of the fake account.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use tokio::time::Instant;

use crate::aws::ec2::{
    DnsEntry, EndpointConnection, EndpointService, SecurityGroup, Subnet, Vpc, VpcEndpoint,
};
use crate::aws::ecs::{Cluster, EcsService, TaskDefinition};
use crate::aws::elbv2::{Listener, LoadBalancer, TargetGroup};
use crate::aws::logs::LogGroup;
use crate::aws::tags::Tags;

/// The fake's region.
pub const REGION: &str = "us-east-1";
/// The fake's account id.
pub const ACCOUNT: &str = "123456789012";
/// The seeded VPC.
pub const VPC_ID: &str = "vpc-0fake0000000000001";
/// The seeded VPC's CIDR block.
pub const VPC_CIDR: &str = "10.0.0.0/16";
/// A secondary CIDR block associated with the seeded VPC.
pub const VPC_SECONDARY_CIDR: &str = "100.64.0.0/16";
/// A seeded subnet of [`VPC_ID`] in us-east-1a.
pub const SUBNET_A: &str = "subnet-0fake00000000000a";
/// A seeded subnet of [`VPC_ID`] in us-east-1b.
pub const SUBNET_B: &str = "subnet-0fake00000000000b";
/// A seeded subnet of another VPC.
pub const SUBNET_OTHER_VPC: &str = "subnet-0fake00000000000c";
/// A seeded subnet of [`VPC_ID`] in us-east-1c, a zone the seeded
/// endpoint service ([`World::add_endpoint_service`]) does not support.
pub const SUBNET_C: &str = "subnet-0fake00000000000d";

/// How long a new network load balancer stays `provisioning`.
pub const NLB_PROVISIONING: Duration = Duration::from_secs(90);
/// How long a deleted load balancer's network interfaces linger.
pub const ENI_RELEASE: Duration = Duration::from_secs(20);
/// How long a new endpoint service stays `pending`.
pub const ENDPOINT_SERVICE_PENDING: Duration = Duration::from_secs(5);
/// How long a new or accepted interface endpoint stays `pending`, and a
/// deleted one `deleting`.
pub const VPC_ENDPOINT_SETTLING: Duration = Duration::from_secs(10);
/// How long an ECS deployment takes to reach a steady state.
pub const DEPLOYMENT: Duration = Duration::from_secs(60);
/// How long a deleted ECS service stays `DRAINING`.
pub const DRAINING: Duration = Duration::from_secs(30);

/// An object with its tags.
#[derive(Clone, Debug)]
pub struct Tagged<T> {
    pub object: T,
    pub tags: Tags,
}

/// A network load balancer and when it becomes active.
#[derive(Clone, Debug)]
pub struct LoadBalancerRecord {
    pub lb: LoadBalancer,
    pub tags: Tags,
    pub active_at: Instant,
    /// `load_balancing.cross_zone.enabled` (off when created, as on AWS).
    pub cross_zone: bool,
}

/// An endpoint service with its principals, connections and token.
#[derive(Clone, Debug)]
pub struct EndpointServiceRecord {
    pub service: EndpointService,
    pub client_token: String,
    pub available_at: Instant,
    pub principals: BTreeSet<String>,
    pub connections: Vec<EndpointConnection>,
    /// The zone ids of the load balancer's subnets: where consumers'
    /// endpoint subnets may be.
    pub zone_ids: BTreeSet<String>,
}

/// An interface endpoint with its idempotency token and pending change:
/// `pending` becomes `available`, `deleting` becomes gone, at `settles_at`.
#[derive(Clone, Debug)]
pub struct VpcEndpointRecord {
    pub endpoint: VpcEndpoint,
    pub client_token: String,
    pub settles_at: Instant,
}

/// An ECS service with its deployment timeline and creation details.
#[derive(Clone, Debug)]
pub struct EcsServiceRecord {
    pub service: EcsService,
    pub tags: Tags,
    pub client_token: String,
    pub container_port: i32,
    pub steady_at: Instant,
    pub inactive_at: Option<Instant>,
    /// The current deployment's tasks never pass health checks (its image
    /// is one of [`World::failing_images`]).
    pub deployment_fails: bool,
    /// The revision of the last deployment that completed, where a
    /// circuit breaker rolls back to.
    pub last_completed_task_definition: Option<String>,
}

/// Everything in the fake account. Fields are public so tests can look at
/// and change objects as someone working outside Terraform would.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub security_groups: BTreeMap<String, SecurityGroup>,
    pub endpoint_services: BTreeMap<String, EndpointServiceRecord>,
    /// Client tokens of deleted endpoint services: AWS answers a create
    /// with a spent token with the configuration it once made.
    pub spent_endpoint_service_tokens: BTreeMap<String, EndpointService>,
    pub load_balancers: BTreeMap<String, LoadBalancerRecord>,
    /// Network interfaces of deleted load balancers (by resource id) and
    /// when they are released.
    pub lingering_interfaces: BTreeMap<String, Instant>,
    pub target_groups: BTreeMap<String, Tagged<(TargetGroup, i32)>>,
    pub listeners: BTreeMap<String, Tagged<Listener>>,
    pub clusters: BTreeMap<String, Tagged<Cluster>>,
    pub services: BTreeMap<String, EcsServiceRecord>,
    pub task_definitions: BTreeMap<String, TaskDefinition>,
    /// Images whose tasks never become healthy: deployments of them fail.
    pub failing_images: BTreeSet<String>,
    /// The last revision registered per task definition family; revision
    /// numbers are never reused, even after deletion.
    pub task_definition_revisions: BTreeMap<String, u32>,
    pub log_groups: BTreeMap<String, Tagged<LogGroup>>,
    pub vpc_endpoints: BTreeMap<String, VpcEndpointRecord>,
    next_id: u64,
}

impl World {
    /// Deletes an endpoint service (as AWS or someone outside Terraform
    /// does), remembering its client token.
    pub fn delete_endpoint_service(&mut self, id: &str) {
        if let Some(record) = self.endpoint_services.remove(id) {
            self.spent_endpoint_service_tokens
                .insert(record.client_token, record.service);
        }
    }

    /// One VPC with two subnets in different zones, and a subnet of
    /// another VPC.
    pub fn seeded() -> World {
        let subnet = |id: &str, vpc: &str, zone: &str, cidr: &str| Subnet {
            id: id.into(),
            vpc_id: vpc.into(),
            availability_zone: zone.into(),
            availability_zone_id: zone_id(zone),
            cidr_block: cidr.into(),
            tags: Tags::new(),
        };
        World {
            vpcs: vec![Vpc {
                id: VPC_ID.into(),
                cidr_block: VPC_CIDR.into(),
                cidr_blocks: vec![VPC_CIDR.into(), VPC_SECONDARY_CIDR.into()],
                tags: Tags::new(),
            }],
            subnets: vec![
                subnet(SUBNET_A, VPC_ID, "us-east-1a", "10.0.1.0/24"),
                subnet(SUBNET_B, VPC_ID, "us-east-1b", "10.0.2.0/24"),
                subnet(SUBNET_C, VPC_ID, "us-east-1c", "10.0.3.0/24"),
                subnet(
                    SUBNET_OTHER_VPC,
                    "vpc-0fake0000000000002",
                    "us-east-1a",
                    "10.1.1.0/24",
                ),
            ],
            ..World::default()
        }
    }

    /// A fresh hexadecimal id of `len` digits.
    pub(super) fn hex(&mut self, len: usize) -> String {
        self.next_id += 1;
        format!("{:0len$x}", self.next_id)
    }

    /// Ids (ARNs, names) of every object the service resource makes that
    /// still exists: active clusters and task definitions, services not
    /// yet inactive, endpoint services, load balancers, target groups,
    /// listeners, security groups and log groups.
    pub fn live_ids(&self) -> BTreeSet<String> {
        let now = Instant::now();
        let mut ids = BTreeSet::new();
        ids.extend(self.security_groups.keys().cloned());
        ids.extend(self.endpoint_services.keys().cloned());
        ids.extend(self.load_balancers.keys().cloned());
        ids.extend(self.target_groups.keys().cloned());
        ids.extend(self.listeners.keys().cloned());
        ids.extend(
            self.clusters
                .iter()
                .filter(|(_, c)| c.object.status == "ACTIVE")
                .map(|(k, _)| k.clone()),
        );
        ids.extend(
            self.services
                .iter()
                .filter(|(_, s)| s.inactive_at.is_none_or(|t| t > now))
                .map(|(k, _)| k.clone()),
        );
        ids.extend(
            self.task_definitions
                .iter()
                .filter(|(_, t)| t.status == "ACTIVE")
                .map(|(k, _)| k.clone()),
        );
        // Not Container Insights' log groups: ECS makes those, no state
        // names them (destroy's handling of them is tested on its own).
        ids.extend(
            self.log_groups
                .keys()
                .filter(|g| !g.starts_with("/aws/ecs/containerinsights/"))
                .cloned(),
        );
        ids.extend(
            self.vpc_endpoints
                .iter()
                .filter(|(_, e)| !(e.endpoint.state == "deleting" && e.settles_at <= now))
                .map(|(k, _)| k.clone()),
        );
        ids
    }

    /// Adds an available endpoint service (as another account's
    /// `privatelink_service` would make) supporting the zones of
    /// [`SUBNET_A`] and [`SUBNET_B`] but not [`SUBNET_C`]; returns its name.
    pub fn add_endpoint_service(&mut self, acceptance_required: bool) -> String {
        let id = format!("vpce-svc-{}", self.hex(17));
        let service_name = format!("com.amazonaws.vpce.{REGION}.{id}");
        let record = EndpointServiceRecord {
            service: EndpointService {
                id: id.clone(),
                service_name: service_name.clone(),
                state: "available".into(),
                acceptance_required,
                nlb_arns: Vec::new(),
                private_dns_name: None,
                tags: Tags::new(),
            },
            client_token: String::new(),
            available_at: Instant::now(),
            principals: BTreeSet::new(),
            connections: Vec::new(),
            zone_ids: [zone_id("us-east-1a"), zone_id("us-east-1b")].into(),
        };
        self.endpoint_services.insert(id, record);
        service_name
    }

    /// Sets the state of `endpoint_id`'s connection to `service_id`, as
    /// both sides see it. An endpoint of another account (no record here)
    /// settles at once.
    pub fn set_connection_state(&mut self, service_id: &str, endpoint_id: &str, state: &str) {
        let ours = self.vpc_endpoints.contains_key(endpoint_id);
        let settled = if !ours && state == "pending" {
            "available"
        } else {
            state
        };
        if let Some(record) = self.endpoint_services.get_mut(service_id) {
            for c in record
                .connections
                .iter_mut()
                .filter(|c| c.endpoint_id == endpoint_id)
            {
                c.state = settled.into();
            }
        }
        if let Some(e) = self.vpc_endpoints.get_mut(endpoint_id) {
            e.endpoint.state = state.into();
            e.settles_at = Instant::now() + VPC_ENDPOINT_SETTLING;
        }
    }

    /// The interface endpoint as AWS shows it now: `pending` settled into
    /// `available`; `None` once a deletion settled.
    pub fn vpc_endpoint_view(&self, id: &str) -> Option<VpcEndpoint> {
        let record = self.vpc_endpoints.get(id)?;
        let settled = Instant::now() >= record.settles_at;
        let mut e = record.endpoint.clone();
        match e.state.as_str() {
            "deleting" if settled => return None,
            "pending" if settled => e.state = "available".into(),
            _ => {}
        }
        Some(e)
    }

    /// The DNS entries AWS gives an endpoint in `zones` to `service_id`:
    /// the regional name, then one per zone.
    pub fn endpoint_dns_entries(
        endpoint_id: &str,
        service_id: &str,
        zones: &[String],
    ) -> Vec<DnsEntry> {
        let hex = endpoint_id.trim_start_matches("vpce-");
        let domain = format!("{service_id}.{REGION}.vpce.amazonaws.com");
        let entry = |label: String| DnsEntry {
            dns_name: format!("{label}.{domain}"),
            hosted_zone_id: "Z7HUB22UULQXV".into(),
        };
        std::iter::once(entry(format!("vpce-{hex}-fake0001")))
            .chain(
                zones
                    .iter()
                    .map(|z| entry(format!("vpce-{hex}-fake0001-{z}"))),
            )
            .collect()
    }

    /// Adds a VPC endpoint connection from `owner` to the endpoint service
    /// `service_id`, in state `pendingacceptance` or `available`; returns
    /// the endpoint's id.
    pub fn connect_endpoint(&mut self, service_id: &str, owner: &str) -> String {
        let endpoint_id = format!("vpce-{}", self.hex(17));
        let record = self
            .endpoint_services
            .get_mut(service_id)
            .expect("the endpoint service exists");
        let state = if record.service.acceptance_required {
            "pendingacceptance"
        } else {
            "available"
        };
        record.connections.push(EndpointConnection {
            endpoint_id: endpoint_id.clone(),
            owner: owner.into(),
            state: state.into(),
        });
        endpoint_id
    }
}

/// The fake account's zone id of a zone name (`us-east-1a` → `use1-az1`).
pub fn zone_id(zone: &str) -> String {
    let letter = zone.chars().last().unwrap_or('a');
    format!("use1-az{}", (letter as u8).saturating_sub(b'a') + 1)
}
