//! A create builds every object, and converging again changes nothing.

use super::*;
use crate::aws::ec2::IngressSource;
use crate::aws::fake::{FakeAws, VPC_CIDR, VPC_SECONDARY_CIDR};

#[tokio::test(start_paused = true)]
async fn create_builds_every_object_and_the_state_lists_them() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    assert_complete(&created);
    assert_state_names_what_exists(&aws, &created);

    let world = aws.world();
    let state = &created.state;
    let eps = &world.endpoint_services[state.get("id").as_str().unwrap()];
    assert_eq!(eps.principals, [PRINCIPAL.to_string()].into());
    assert_eq!(
        eps.service.tags.get("Team").map(String::as_str),
        Some("platform")
    );
    assert_eq!(
        state.get("service_name"),
        &Value::from(eps.service.service_name.as_str())
    );
    let sg = &world.security_groups[state.get("security_group_id").as_str().unwrap()];
    // The VPC's blocks (the default direct ingress) and the load
    // balancer's subnets, on the container port.
    assert_eq!(
        sg.ingress,
        [
            (8080, IngressSource::Cidr(VPC_CIDR.into())),
            (8080, IngressSource::Cidr(VPC_SECONDARY_CIDR.into())),
            (8080, IngressSource::Cidr("10.0.1.0/24".into())),
            (8080, IngressSource::Cidr("10.0.2.0/24".into())),
        ]
        .into()
    );
    assert_eq!(
        state.get("ingress_cidr_blocks"),
        &strings(&[VPC_CIDR, VPC_SECONDARY_CIDR])
    );
    assert_eq!(
        state.get("load_balancer_cidr_blocks"),
        &strings(&["10.0.1.0/24", "10.0.2.0/24"])
    );
    // Cross-zone load balancing is turned on (AWS creates it off).
    assert!(world.load_balancers[state.get("nlb_arn").as_str().unwrap()].cross_zone);
    assert_eq!(state.get("cross_zone_load_balancing"), &Value::from(true));
    let listener = &world.listeners[state.get("listener_arn").as_str().unwrap()];
    assert_eq!(listener.object.port, 8080);
    assert_eq!(state.get("listener_port"), &Value::from(8080i64));
    assert_eq!(world.log_groups["/ecs/api"].object.retention_days, Some(30));
    assert_eq!(
        state.get("tags_all"),
        &Value::Map([("Team".to_string(), Value::from("platform"))].into())
    );
}

#[tokio::test(start_paused = true)]
async fn converging_again_writes_nothing() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    aws.clear_calls();

    let again = update(&aws, &created, &config()).await;
    assert_ok(&again);
    assert_eq!(aws.writes(), vec![], "a converged service needs no writes");
    assert_eq!(object_ids(&again.state), object_ids(&created.state));
}

#[tokio::test(start_paused = true)]
async fn refreshing_a_fresh_service_changes_nothing() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    aws.clear_calls();
    let refreshed = read(&aws, &created).await;
    assert_eq!(aws.writes(), vec![]);
    assert_ok(&refreshed);
    assert_eq!(refreshed.state, created.state);
}

#[tokio::test(start_paused = true)]
async fn waiting_for_a_steady_state_waits_for_the_deployment() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set("wait_for_steady_state", true.into());
    let started = tokio::time::Instant::now();
    let created = create(&aws, &c).await;
    assert_ok(&created);
    assert!(started.elapsed() >= crate::aws::fake::DEPLOYMENT);
    let arn = created.state.get("ecs_service_arn").as_str().unwrap();
    assert!(
        aws.calls()
            .iter()
            .any(|call| call.op == "find_service" && call.id == arn)
    );
}

#[tokio::test(start_paused = true)]
async fn a_subnet_of_another_vpc_fails_before_anything_is_made() {
    a_subnet_of_another_vpc_is_refused_with(config()).await;
}

/// The network is checked even when the ingress needs no VPC lookup.
#[tokio::test(start_paused = true)]
async fn the_network_is_checked_when_ingress_cidr_blocks_are_given() {
    let mut c = config();
    c.set("ingress_cidr_blocks", strings(&["10.9.0.0/16"]));
    a_subnet_of_another_vpc_is_refused_with(c).await;
}

async fn a_subnet_of_another_vpc_is_refused_with(mut c: Value) {
    let aws = FakeAws::new();
    c.set(
        "subnet_ids",
        Value::List(vec![
            Value::from(crate::aws::fake::SUBNET_A),
            Value::from(crate::aws::fake::SUBNET_OTHER_VPC),
        ]),
    );
    let failed = create(&aws, &c).await;
    assert!(failed.diagnostics.has_errors());
    assert!(format!("{:?}", failed.diagnostics).contains("Subnet not in VPC"));
    assert!(failed.state.is_null());
    assert_eq!(aws.writes(), vec![]);
}

/// A pending endpoint service is not changed: principals are allowed once
/// a describe found it available.
#[tokio::test(start_paused = true)]
async fn principals_are_allowed_once_the_endpoint_service_is_available() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    let ops: Vec<String> = aws.calls().into_iter().map(|c| c.op.to_string()).collect();
    let at = |op: &str| ops.iter().position(|o| o == op).unwrap();
    let created_at = at("create_endpoint_service");
    let polled_at = created_at
        + ops[created_at..]
            .iter()
            .position(|o| o == "find_endpoint_service")
            .expect("a wait for available");
    assert!(
        polled_at < at("change_allowed_principals"),
        "principals changed before the service was seen available: {ops:?}"
    );
}
