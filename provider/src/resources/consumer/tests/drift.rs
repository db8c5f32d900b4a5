//! Drift: what changed outside Terraform shows in the next plan, and the
//! next apply puts it back.

use super::*;
use crate::aws::ec2::IngressSource;
use crate::aws::fake::{SUBNET_B, VPC_CIDR, VPC_SECONDARY_CIDR};

#[tokio::test(start_paused = true)]
async fn an_endpoint_deleted_out_of_band_is_recreated() {
    let (aws, service) = account(true);
    let c = config_accepting(&service);
    let created = create(&aws, &c).await;
    let id = created.state.get("id").as_str().unwrap().to_string();
    // Deleted by someone else, with AWS's delay.
    crate::aws::ec2::VpcEndpoints::delete_vpc_endpoint(&aws, &id)
        .await
        .unwrap();
    tokio::time::sleep(crate::aws::fake::VPC_ENDPOINT_SETTLING).await;
    let refreshed = read(&aws, &created).await;
    assert!(
        refreshed.state.get("id").is_null(),
        "the group is still there: the consumer stays in state"
    );
    let plan = plan_with(&aws, &refreshed, &c).await;
    assert!(plan.planned.get("id").is_unknown());
    let next = update(&aws, &refreshed, &c).await;
    assert_ok(&next);
    assert_ne!(next.state.get("id").as_str(), Some(id.as_str()));
    assert_eq!(next.state.get("state").as_str(), Some("available"));
    assert_eq!(named_objects(&next.state), live_objects(&aws));
}

#[tokio::test(start_paused = true)]
async fn a_connection_rejected_out_of_band_is_planned_and_accepted_again() {
    let (aws, service) = account(true);
    let c = config_accepting(&service);
    let created = create(&aws, &c).await;
    let (sid, id) = (
        created
            .state
            .get("service_id")
            .as_str()
            .unwrap()
            .to_string(),
        created.state.get("id").as_str().unwrap().to_string(),
    );
    aws.edit(|w| w.set_connection_state(&sid, &id, "rejected"));
    let refreshed = read(&aws, &created).await;
    assert_eq!(refreshed.state.get("state").as_str(), Some("rejected"));
    let plan = plan_with(&aws, &refreshed, &c).await;
    assert_eq!(changed(&plan), vec!["state"]);
    let next = update(&aws, &refreshed, &c).await;
    assert_ok(&next);
    assert_eq!(next.state.get("state").as_str(), Some("available"));
}

#[tokio::test(start_paused = true)]
async fn a_rejected_connection_without_a_role_fails_the_update_with_the_reason() {
    let (aws, service) = account(true);
    let mut c = config(&service);
    c.set("wait_for_acceptance", false.into());
    let created = create(&aws, &c).await;
    let (sid, id) = (
        created
            .state
            .get("service_id")
            .as_str()
            .unwrap()
            .to_string(),
        created.state.get("id").as_str().unwrap().to_string(),
    );
    aws.edit(|w| w.set_connection_state(&sid, &id, "rejected"));
    let refreshed = read(&aws, &created).await;
    let next = update(&aws, &refreshed, &c).await;
    assert!(
        messages(&next.diagnostics).contains("The service owner rejected the connection"),
        "{:?}",
        next.diagnostics
    );
    assert_eq!(next.state.get("id").as_str(), Some(id.as_str()));
}

#[tokio::test(start_paused = true)]
async fn changed_subnets_groups_rules_and_tags_show_and_are_put_back() {
    let (aws, service) = account(false);
    let c = config(&service);
    let created = create(&aws, &c).await;
    let id = created.state.get("id").as_str().unwrap().to_string();
    let group_id = created
        .state
        .get("security_group_id")
        .as_str()
        .unwrap()
        .to_string();
    aws.edit(|w| {
        let e = &mut w.vpc_endpoints.get_mut(&id).unwrap().endpoint;
        e.subnet_ids.remove(SUBNET_B);
        e.security_group_ids.insert("sg-0out0of0band00000".into());
        e.tags.insert("Team".into(), "someone-else".into());
        w.security_groups
            .get_mut(&group_id)
            .unwrap()
            .ingress
            .clear();
    });
    let refreshed = read(&aws, &created).await;
    let plan = plan_with(&aws, &refreshed, &c).await;
    let mut diff = changed(&plan);
    diff.sort();
    assert_eq!(
        diff,
        [
            "allowed_cidr_blocks",
            "dns_entries",
            "network_interface_ids",
            "security_group_ids",
            "subnet_ids",
            "tags",
            "tags_all"
        ]
    );
    let next = update(&aws, &refreshed, &c).await;
    assert_ok(&next);
    let world = aws.world();
    let e = &world.vpc_endpoints[&id].endpoint;
    assert_eq!(e.subnet_ids.len(), 2);
    assert_eq!(e.security_group_ids, [group_id.clone()].into());
    assert_eq!(e.tags.get("Team").map(String::as_str), Some("orders"));
    assert_eq!(
        world.security_groups[&group_id].ingress,
        [
            (8080, IngressSource::Cidr(VPC_CIDR.into())),
            (8080, IngressSource::Cidr(VPC_SECONDARY_CIDR.into()))
        ]
        .into()
    );
    let again = read(&aws, &next).await;
    assert!(changed(&plan_with(&aws, &again, &c).await).is_empty());
}
