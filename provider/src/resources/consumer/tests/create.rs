//! Create: the three ways a connection comes up, the plan-time placement
//! checks, and what the state holds.

use super::*;
use crate::aws::ec2::IngressSource;
use crate::aws::fake::{SUBNET_C, SUBNET_OTHER_VPC, VPC_CIDR, VPC_SECONDARY_CIDR};

#[tokio::test(start_paused = true)]
async fn the_acceptance_role_brings_the_connection_up_in_one_apply() {
    let (aws, service) = account(true);
    let created = create(&aws, &config_accepting(&service)).await;
    assert_ok(&created);
    let s = &created.state;
    assert_eq!(s.get("state").as_str(), Some("available"));
    let id = s.get("id").as_str().unwrap().to_string();
    assert!(
        s.get("dns_name")
            .as_str()
            .unwrap()
            .starts_with(&format!("{id}-")),
        "{s:?}"
    );
    assert_eq!(s.get("dns_entries").as_list().map(<[Value]>::len), Some(3));
    assert_eq!(
        s.get("network_interface_ids").as_list().map(<[Value]>::len),
        Some(2)
    );
    assert_eq!(
        s.get("service_owner").as_str(),
        Some(crate::aws::fake::ACCOUNT)
    );
    assert_eq!(
        s.get("allowed_cidr_blocks"),
        &strings(&[VPC_CIDR, VPC_SECONDARY_CIDR])
    );
    // The role was assumed once and the connection accepted through it.
    let calls = aws.calls();
    let count = |op: &str| calls.iter().filter(|c| c.op == op).count();
    assert_eq!(count("as_service_owner"), 1);
    assert_eq!(count("accept_endpoint_connections"), 1);

    let world = aws.world();
    let group_id = s.get("security_group_id").as_str().unwrap();
    let group = &world.security_groups[group_id];
    assert_eq!(group.name, "privatelink-consumer-orders");
    assert_eq!(
        group.ingress,
        [
            (8080, IngressSource::Cidr(VPC_CIDR.into())),
            (8080, IngressSource::Cidr(VPC_SECONDARY_CIDR.into()))
        ]
        .into()
    );
    let endpoint = &world.vpc_endpoints[&id].endpoint;
    assert!(endpoint.security_group_ids.contains(group_id));
    for tags in [&group.tags, &endpoint.tags] {
        assert_eq!(tags.get("Team").map(String::as_str), Some("orders"));
        assert_eq!(tags.get("Name").map(String::as_str), Some("orders"));
    }
    assert_eq!(
        s.get("tags_all"),
        &Value::Map([("Team".to_string(), Value::from("orders"))].into())
    );
}

#[tokio::test(start_paused = true)]
async fn without_waiting_pending_acceptance_is_an_end_state() {
    let (aws, service) = account(true);
    let mut c = config(&service);
    c.set("wait_for_acceptance", false.into());
    let created = create(&aws, &c).await;
    assert_ok(&created);
    assert_eq!(
        created.state.get("state").as_str(),
        Some("pendingacceptance")
    );
    assert!(!aws.calls().iter().any(|c| c.op == "as_service_owner"));

    // The owner accepts later; a refresh shows it, and the plan is clean.
    let service_id = created
        .state
        .get("service_id")
        .as_str()
        .unwrap()
        .to_string();
    let id = created.state.get("id").as_str().unwrap().to_string();
    aws.edit(|w| w.set_connection_state(&service_id, &id, "available"));
    let refreshed = read(&aws, &created).await;
    assert_eq!(refreshed.state.get("state").as_str(), Some("available"));
    let plan = plan_with(&aws, &refreshed, &c).await;
    assert!(changed(&plan).is_empty(), "{:?}", changed(&plan));
}

#[tokio::test(start_paused = true)]
async fn a_service_without_acceptance_needs_no_role() {
    let (aws, service) = account(false);
    let created = create(&aws, &config(&service)).await;
    assert_ok(&created);
    assert_eq!(created.state.get("state").as_str(), Some("available"));
}

#[tokio::test(start_paused = true)]
async fn waiting_for_an_owner_who_never_accepts_times_out_keeping_the_endpoint() {
    let (aws, service) = account(true);
    let mut c = config(&service);
    let mut timeouts = Value::Map(Default::default());
    timeouts.set("create", "2m".into());
    timeouts.set("update", Value::Null);
    timeouts.set("delete", Value::Null);
    c.set("timeouts", timeouts);
    let result = create(&aws, &c).await;
    assert!(
        messages(&result.diagnostics).contains("Timed out"),
        "{:?}",
        result.diagnostics
    );
    assert_eq!(
        result.state.get("state").as_str(),
        Some("pendingacceptance")
    );
    assert_eq!(named_objects(&result.state), live_objects(&aws));
}

#[tokio::test(start_paused = true)]
async fn a_rejected_connection_fails_the_create_and_keeps_the_endpoint() {
    let (aws, service) = account(true);
    let service_id = service.rsplit('.').next().unwrap().to_string();
    // The owner rejects as soon as the endpoint shows up.
    let rejecter = {
        let aws = aws.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                let ids: Vec<String> = aws.world().vpc_endpoints.keys().cloned().collect();
                if let Some(id) = ids.first() {
                    aws.edit(|w| w.set_connection_state(&service_id, id, "rejected"));
                    break;
                }
            }
        })
    };
    let result = create(&aws, &config(&service)).await;
    rejecter.await.unwrap();
    let text = messages(&result.diagnostics);
    assert!(text.contains("Endpoint connection rejected"), "{text}");
    assert!(text.contains("kept in state"), "{text}");
    assert_eq!(result.state.get("state").as_str(), Some("rejected"));
    assert_eq!(named_objects(&result.state), live_objects(&aws));
}

#[tokio::test(start_paused = true)]
async fn a_subnet_in_a_zone_the_service_lacks_is_refused_at_plan_with_no_change_made() {
    let (aws, service) = account(true);
    let mut c = config(&service);
    c.set("subnet_ids", strings(&[SUBNET_A, SUBNET_C]));
    let plan = plan_with(&aws, &StateResult::default(), &c).await;
    let text = messages(&plan.diagnostics);
    assert!(
        text.contains(SUBNET_C) && text.contains("use1-az3"),
        "{text}"
    );
    assert!(text.contains("use1-az1, use1-az2"), "{text}");
    assert!(
        !text.contains(SUBNET_A),
        "only the bad subnet is named: {text}"
    );
    assert!(aws.writes().is_empty(), "{:?}", aws.writes());
}

#[tokio::test(start_paused = true)]
async fn subnets_outside_the_vpc_or_sharing_a_zone_are_refused_at_plan() {
    let (aws, service) = account(true);
    let mut c = config(&service);
    c.set(
        "subnet_ids",
        strings(&[SUBNET_A, SUBNET_OTHER_VPC, "subnet-0123456789abcdef0"]),
    );
    let text = messages(
        &plan_with(&aws, &StateResult::default(), &c)
            .await
            .diagnostics,
    );
    assert!(
        text.contains(&format!("Subnet {SUBNET_OTHER_VPC} is in vpc-")),
        "{text}"
    );
    assert!(
        text.contains("subnet-0123456789abcdef0 does not exist"),
        "{text}"
    );
    aws.edit(|w| {
        let mut twin = w.subnets[0].clone();
        twin.id = "subnet-0fake0000000000twin".into();
        w.subnets.push(twin);
    });
    c.set(
        "subnet_ids",
        strings(&[SUBNET_A, "subnet-0fake0000000000twin"]),
    );
    let text = messages(
        &plan_with(&aws, &StateResult::default(), &c)
            .await
            .diagnostics,
    );
    assert!(
        text.contains("at most one subnet per availability zone"),
        "{text}"
    );
    assert!(aws.writes().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_service_this_account_cannot_see_is_refused_before_anything_is_made() {
    let (aws, _) = account(true);
    let missing = "com.amazonaws.vpce.us-east-1.vpce-svc-0aaaaaaaaaaaaaaaa";
    let plan = plan_with(&aws, &StateResult::default(), &config(missing)).await;
    assert!(
        messages(&plan.diagnostics).contains("allowed_principals"),
        "{:?}",
        plan.diagnostics
    );
    // Applied anyway (the plan could not check, e.g. unknown values):
    // nothing is made.
    let result =
        super::super::create::create(&Ctx::background(), &aws, &config(missing), &plan.planned)
            .await;
    assert!(result.diagnostics.has_errors());
    assert!(result.state.is_null());
    assert!(aws.writes().is_empty(), "{:?}", aws.writes());
}

#[tokio::test(start_paused = true)]
async fn a_role_that_cannot_be_assumed_is_named_and_the_endpoint_kept() {
    let (aws, service) = account(true);
    aws.fail_always(
        "as_service_owner",
        "AccessDenied",
        "not authorized to perform: sts:AssumeRole",
    );
    let result = create(&aws, &config_accepting(&service)).await;
    let text = messages(&result.diagnostics);
    assert!(
        text.contains(&format!("Cannot assume the acceptance role {ROLE}")),
        "{text}"
    );
    assert!(text.contains("AccessDenied"), "{text}");
    assert_eq!(
        result.state.get("state").as_str(),
        Some("pendingacceptance")
    );
    assert_eq!(named_objects(&result.state), live_objects(&aws));
    // Once the role works, the next apply accepts.
    aws.clear_faults();
    let next = update(&aws, &result, &config_accepting(&service)).await;
    assert_ok(&next);
    assert_eq!(next.state.get("state").as_str(), Some("available"));
}
