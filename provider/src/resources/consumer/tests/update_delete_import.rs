//! Updates in place, delete, and import.

use super::*;
use crate::aws::ec2::IngressSource;
use crate::aws::fake::SUBNET_B;

#[tokio::test(start_paused = true)]
async fn settings_aws_can_change_are_changed_in_place() {
    let (aws, service) = account(false);
    let created = create(&aws, &config(&service)).await;
    let id = created.state.get("id").as_str().unwrap().to_string();
    let mut c = config(&service);
    c.set("subnet_ids", strings(&[SUBNET_A]));
    c.set("port", 9090i64.into());
    c.set("allowed_cidr_blocks", strings(&["10.9.0.0/16"]));
    c.set(
        "allowed_security_group_ids",
        strings(&["sg-0c11e47000000000a"]),
    );
    c.set(
        "tags",
        Value::Map([("Team".to_string(), Value::from("payments"))].into()),
    );
    let plan = plan_with(&aws, &created, &c).await;
    assert!(plan.requires_replace.is_empty());
    let updated = update(&aws, &created, &c).await;
    assert_ok(&updated);
    assert_eq!(updated.state.get("id").as_str(), Some(id.as_str()));
    let world = aws.world();
    let e = &world.vpc_endpoints[&id].endpoint;
    assert_eq!(e.subnet_ids, [SUBNET_A.to_string()].into());
    assert_eq!(e.tags.get("Team").map(String::as_str), Some("payments"));
    let group = &world.security_groups[updated.state.get("security_group_id").as_str().unwrap()];
    assert_eq!(
        group.ingress,
        [
            (9090, IngressSource::Cidr("10.9.0.0/16".into())),
            (
                9090,
                IngressSource::SecurityGroup("sg-0c11e47000000000a".into())
            ),
        ]
        .into(),
        "the old port's rules are gone"
    );
    assert_eq!(
        updated
            .state
            .get("network_interface_ids")
            .as_list()
            .map(<[Value]>::len),
        Some(1)
    );
    let again = read(&aws, &updated).await;
    assert!(changed(&plan_with(&aws, &again, &c).await).is_empty());
}

#[tokio::test(start_paused = true)]
async fn service_name_and_vpc_changes_replace_the_endpoint() {
    let (aws, service) = account(false);
    let created = create(&aws, &config(&service)).await;
    let other = aws.edit(|w| w.add_endpoint_service(false));
    let plan = plan_with(&aws, &created, &config(&other)).await;
    assert_eq!(
        plan.requires_replace.len(),
        1,
        "{:?}",
        plan.requires_replace
    );
}

#[tokio::test(start_paused = true)]
async fn delete_removes_the_endpoint_then_its_group() {
    let (aws, service) = account(true);
    let created = create(&aws, &config_accepting(&service)).await;
    assert_eq!(live_objects(&aws).len(), 2);
    let diags = delete(&aws, &created).await;
    assert!(!diags.has_errors(), "{diags:?}");
    assert!(live_objects(&aws).is_empty());
    // The service side no longer lists the connection.
    let world = aws.world();
    assert!(
        world
            .endpoint_services
            .values()
            .all(|s| s.connections.is_empty())
    );
    // Deleting again (state out of date) is fine.
    assert!(!delete(&aws, &created).await.has_errors());
}

#[tokio::test(start_paused = true)]
async fn import_then_read_gives_the_state_of_the_configuration() {
    let (aws, service) = account(false);
    let mut c = config(&service);
    c.set("subnet_ids", strings(&[SUBNET_A, SUBNET_B]));
    let created = create(&aws, &c).await;
    let id = created.state.get("id").as_str().unwrap();
    let imported = super::super::import::import(&Ctx::background(), &aws, id).await;
    assert_ok(&imported);
    let refreshed = read(&aws, &imported).await;
    let plan = plan_with(&aws, &refreshed, &c).await;
    assert!(
        plan.requires_replace.is_empty(),
        "{:?}",
        plan.requires_replace
    );
    assert!(changed(&plan).is_empty(), "{:?}", changed(&plan));
}

#[tokio::test(start_paused = true)]
async fn import_refuses_what_the_consumer_did_not_make() {
    let (aws, _) = account(false);
    let result =
        super::super::import::import(&Ctx::background(), &aws, "vpce-0123456789abcdef0").await;
    assert!(messages(&result.diagnostics).contains("does not exist"));
    let result = super::super::import::import(&Ctx::background(), &aws, "sg-1").await;
    assert!(messages(&result.diagnostics).contains("VPC endpoint id"));
}
