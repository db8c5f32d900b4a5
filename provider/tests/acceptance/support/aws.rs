//! Direct AWS calls against the embedded AWS, for setting up fixtures and
//! making out-of-band changes, as an operator with the aws CLI would.

use std::future::Future;

use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};

/// Runs async SDK calls from synchronous tests.
pub fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

fn sdk_config(url: &str) -> aws_config::SdkConfig {
    let creds = aws_credential_types::Credentials::new("testing", "testing", None, None, "tests");
    aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(creds))
        .build()
}

pub fn ec2(url: &str) -> aws_sdk_ec2::Client {
    aws_sdk_ec2::Client::new(&sdk_config(url))
}

fn tags(resource: ResourceType, pairs: &[(&str, &str)]) -> TagSpecification {
    TagSpecification::builder()
        .resource_type(resource)
        .set_tags(Some(
            pairs
                .iter()
                .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
                .collect(),
        ))
        .build()
}

/// A VPC with subnets per (availability zone, tier); returns the VPC id and
/// the subnet ids in creation order.
pub async fn create_network(
    client: &aws_sdk_ec2::Client,
    cidr: &str,
    vpc_tags: &[(&str, &str)],
    subnets: &[(&str, &str, &str)],
) -> (String, Vec<String>) {
    let vpc = client
        .create_vpc()
        .cidr_block(cidr)
        .tag_specifications(tags(ResourceType::Vpc, vpc_tags))
        .send()
        .await
        .expect("create VPC");
    let vpc_id = vpc
        .vpc()
        .and_then(|v| v.vpc_id())
        .expect("vpc id")
        .to_string();
    let mut ids = Vec::new();
    for (az, subnet_cidr, tier) in subnets {
        let s = client
            .create_subnet()
            .vpc_id(&vpc_id)
            .cidr_block(*subnet_cidr)
            .availability_zone(*az)
            .tag_specifications(tags(ResourceType::Subnet, &[("Tier", tier)]))
            .send()
            .await
            .expect("create subnet");
        ids.push(
            s.subnet()
                .and_then(|s| s.subnet_id())
                .expect("subnet id")
                .to_string(),
        );
    }
    (vpc_id, ids)
}

/// An EC2 client acting in the account of `role_arn`, through
/// sts:AssumeRole (the embedded AWS maps the session to that account).
pub async fn ec2_as_role(url: &str, role_arn: &str) -> aws_sdk_ec2::Client {
    aws_sdk_ec2::Client::new(&config_as_role(url, role_arn).await)
}

/// SDK configuration acting in the account of `role_arn`.
pub async fn config_as_role(url: &str, role_arn: &str) -> aws_config::SdkConfig {
    let sts = aws_sdk_sts::Client::new(&sdk_config(url));
    let out = sts
        .assume_role()
        .role_arn(role_arn)
        .role_session_name("fixture")
        .send()
        .await
        .expect("assume role");
    let c = out.credentials().expect("credentials");
    let creds = aws_credential_types::Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "assumed",
    );
    sdk_config(url)
        .into_builder()
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(creds))
        .build()
}

pub fn elbv2(url: &str) -> aws_sdk_elasticloadbalancingv2::Client {
    aws_sdk_elasticloadbalancingv2::Client::new(&sdk_config(url))
}

pub fn ecs(url: &str) -> aws_sdk_ecs::Client {
    aws_sdk_ecs::Client::new(&sdk_config(url))
}

pub fn logs(url: &str) -> aws_sdk_cloudwatchlogs::Client {
    aws_sdk_cloudwatchlogs::Client::new(&sdk_config(url))
}

/// Live objects of every kind a service is made of, in one account.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    pub endpoint_services: Vec<String>,
    pub load_balancers: Vec<String>,
    pub target_groups: Vec<String>,
    pub listeners: usize,
    pub clusters: Vec<String>,
    pub services: Vec<String>,
    pub task_definitions: Vec<String>,
    pub security_groups: Vec<String>,
    pub log_groups: Vec<String>,
}

impl Inventory {
    pub fn is_empty(&self) -> bool {
        *self == Inventory::default()
    }
}

/// Everything that exists now (deleted and inactive objects excluded).
pub async fn inventory(url: &str) -> Inventory {
    inventory_with(&sdk_config(url)).await
}

/// [`inventory`] of the account `config` acts in.
pub async fn inventory_with(config: &aws_config::SdkConfig) -> Inventory {
    let (ec2, elb, ecs, logs) = (
        aws_sdk_ec2::Client::new(config),
        aws_sdk_elasticloadbalancingv2::Client::new(config),
        aws_sdk_ecs::Client::new(config),
        aws_sdk_cloudwatchlogs::Client::new(config),
    );
    let mut inv = Inventory::default();
    let eps = ec2
        .describe_vpc_endpoint_service_configurations()
        .send()
        .await
        .expect("endpoint services");
    inv.endpoint_services = eps
        .service_configurations()
        .iter()
        .filter(|s| {
            s.service_state()
                .is_none_or(|st| !st.as_str().eq_ignore_ascii_case("deleted"))
        })
        .filter_map(|s| s.service_id().map(str::to_string))
        .collect();
    let lbs = elb
        .describe_load_balancers()
        .send()
        .await
        .expect("load balancers");
    inv.load_balancers = lbs
        .load_balancers()
        .iter()
        .filter_map(|l| l.load_balancer_name().map(str::to_string))
        .collect();
    for arn in lbs
        .load_balancers()
        .iter()
        .filter_map(|l| l.load_balancer_arn())
    {
        inv.listeners += elb
            .describe_listeners()
            .load_balancer_arn(arn)
            .send()
            .await
            .expect("listeners")
            .listeners()
            .len();
    }
    let tgs = elb
        .describe_target_groups()
        .send()
        .await
        .expect("target groups");
    inv.target_groups = tgs
        .target_groups()
        .iter()
        .filter_map(|t| t.target_group_name().map(str::to_string))
        .collect();
    let cluster_arns = ecs
        .list_clusters()
        .send()
        .await
        .expect("clusters")
        .cluster_arns()
        .to_vec();
    if !cluster_arns.is_empty() {
        let described = ecs
            .describe_clusters()
            .set_clusters(Some(cluster_arns.clone()))
            .send()
            .await
            .expect("describe clusters");
        inv.clusters = described
            .clusters()
            .iter()
            .filter(|c| c.status() == Some("ACTIVE"))
            .filter_map(|c| c.cluster_name().map(str::to_string))
            .collect();
    }
    for cluster in &cluster_arns {
        let arns = ecs
            .list_services()
            .cluster(cluster)
            .send()
            .await
            .expect("services")
            .service_arns()
            .to_vec();
        if arns.is_empty() {
            continue;
        }
        let described = ecs
            .describe_services()
            .cluster(cluster)
            .set_services(Some(arns))
            .send()
            .await
            .expect("describe services");
        inv.services.extend(
            described
                .services()
                .iter()
                .filter(|s| s.status() != Some("INACTIVE"))
                .filter_map(|s| s.service_name().map(str::to_string)),
        );
    }
    inv.task_definitions = ecs
        .list_task_definitions()
        .status(aws_sdk_ecs::types::TaskDefinitionStatus::Active)
        .send()
        .await
        .expect("task definitions")
        .task_definition_arns()
        .to_vec();
    let sgs = ec2
        .describe_security_groups()
        .send()
        .await
        .expect("security groups");
    inv.security_groups = sgs
        .security_groups()
        .iter()
        .filter(|g| g.group_name() != Some("default"))
        .filter_map(|g| g.group_name().map(str::to_string))
        .collect();
    inv.log_groups = logs
        .describe_log_groups()
        .send()
        .await
        .expect("log groups")
        .log_groups()
        .iter()
        .filter_map(|g| g.log_group_name().map(str::to_string))
        .collect();
    inv
}

/// The account's zone names by zone id (zone names differ per account).
pub async fn zone_names_by_id(
    client: &aws_sdk_ec2::Client,
) -> std::collections::BTreeMap<String, String> {
    client
        .describe_availability_zones()
        .send()
        .await
        .expect("availability zones")
        .availability_zones()
        .iter()
        .filter_map(|z| Some((z.zone_id()?.to_string(), z.zone_name()?.to_string())))
        .collect()
}

/// Interface endpoints (not deleted) and non-default security groups of
/// the client's account: what a consumer leaves behind.
pub async fn endpoints_and_groups(client: &aws_sdk_ec2::Client) -> Vec<String> {
    let mut left: Vec<String> = client
        .describe_vpc_endpoints()
        .send()
        .await
        .expect("endpoints")
        .vpc_endpoints()
        .iter()
        .filter(|e| {
            e.state().is_none_or(|s| {
                !matches!(
                    s.as_str().to_ascii_lowercase().as_str(),
                    "deleted" | "deleting"
                )
            })
        })
        .filter_map(|e| e.vpc_endpoint_id().map(str::to_string))
        .collect();
    left.extend(
        client
            .describe_security_groups()
            .send()
            .await
            .expect("security groups")
            .security_groups()
            .iter()
            .filter(|g| g.group_name() != Some("default"))
            .filter_map(|g| g.group_name().map(str::to_string)),
    );
    left
}

/// What consumers and accepters make, from both sides of the connection:
/// the consumer account's interface endpoints (id, state; deleted and
/// deleting ones left out) and non-default security groups, and the
/// connections to the owner's endpoint services (endpoint id, state; gone
/// ones left out).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EndpointInventory {
    pub endpoints: Vec<(String, String)>,
    pub security_groups: Vec<String>,
    pub connections: Vec<(String, String)>,
}

/// [`EndpointInventory`] now, `consumer` and `owner` acting in each account.
pub async fn endpoint_inventory(
    consumer: &aws_sdk_ec2::Client,
    owner: &aws_sdk_ec2::Client,
) -> EndpointInventory {
    let gone = |state: &str| matches!(state, "deleted" | "deleting");
    let endpoints = consumer
        .describe_vpc_endpoints()
        .send()
        .await
        .expect("endpoints")
        .vpc_endpoints()
        .iter()
        .filter_map(|e| {
            let state = e
                .state()
                .map(|s| s.as_str().to_ascii_lowercase())
                .unwrap_or_default();
            Some((e.vpc_endpoint_id()?.to_string(), state))
        })
        .filter(|(_, state)| !gone(state))
        .collect();
    let security_groups = consumer
        .describe_security_groups()
        .send()
        .await
        .expect("security groups")
        .security_groups()
        .iter()
        .filter(|g| g.group_name() != Some("default"))
        .filter_map(|g| g.group_name().map(str::to_string))
        .collect();
    let connections = owner
        .describe_vpc_endpoint_connections()
        .send()
        .await
        .expect("endpoint connections")
        .vpc_endpoint_connections()
        .iter()
        .filter_map(|c| {
            let state = c
                .vpc_endpoint_state()
                .map(|s| s.as_str().to_ascii_lowercase())
                .unwrap_or_default();
            Some((c.vpc_endpoint_id()?.to_string(), state))
        })
        .filter(|(_, state)| !gone(state))
        .collect();
    EndpointInventory {
        endpoints,
        security_groups,
        connections,
    }
}

/// Deletes the interface endpoints and non-default security groups of
/// the client's account, as an operator cleaning up would: the endpoints
/// first, the groups once AWS no longer counts the endpoints' network
/// interfaces as their users.
pub async fn delete_endpoints_and_groups(client: &aws_sdk_ec2::Client) {
    for _ in 0..100 {
        let endpoints: Vec<String> = client
            .describe_vpc_endpoints()
            .send()
            .await
            .expect("endpoints")
            .vpc_endpoints()
            .iter()
            .filter(|e| {
                e.state()
                    .is_none_or(|s| !s.as_str().eq_ignore_ascii_case("deleted"))
            })
            .filter_map(|e| e.vpc_endpoint_id().map(str::to_string))
            .collect();
        let groups: Vec<String> = client
            .describe_security_groups()
            .send()
            .await
            .expect("security groups")
            .security_groups()
            .iter()
            .filter(|g| g.group_name() != Some("default"))
            .filter_map(|g| g.group_id().map(str::to_string))
            .collect();
        if endpoints.is_empty() && groups.is_empty() {
            return;
        }
        if !endpoints.is_empty() {
            let _ = client
                .delete_vpc_endpoints()
                .set_vpc_endpoint_ids(Some(endpoints))
                .send()
                .await;
        }
        for group in groups {
            let _ = client.delete_security_group().group_id(group).send().await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("endpoints and security groups still there after 20 s of deleting");
}
