//! Planning with the fake's default tags, and importing by endpoint
//! service id.

use super::*;
use crate::aws::fake::FakeAws;
use crate::aws::tags::Tags;

#[tokio::test(start_paused = true)]
async fn a_create_plan_merges_default_tags_and_derives_names() {
    let aws = FakeAws::with_default_tags(Tags::from([
        ("Env".to_string(), "dev".to_string()),
        ("Team".to_string(), "default".to_string()),
    ]));
    let planned = plan(&aws, &Value::Null, &config()).await.planned;
    assert_eq!(
        planned.get("tags_all"),
        &Value::Map(
            [
                ("Env".to_string(), Value::from("dev")),
                ("Team".to_string(), Value::from("platform")),
            ]
            .into()
        )
    );
    assert_eq!(planned.get("listener_port"), &Value::from(8080i64));
    assert_eq!(planned.get("log_group_name"), &Value::from("/ecs/api"));
    assert!(planned.get("id").is_unknown());

    let created = create(&aws, &config()).await;
    assert_ok(&created);
    let world = aws.world();
    let eps = &world.endpoint_services[created.state.get("id").as_str().unwrap()];
    assert_eq!(eps.service.tags.get("Env").map(String::as_str), Some("dev"));
}

#[tokio::test(start_paused = true)]
async fn an_update_plan_keeps_known_ids_and_marks_what_changes() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    let same = plan(&aws, &created.state, &config()).await.planned;
    for a in OBJECT_ATTRIBUTES {
        assert_eq!(same.get(a), created.state.get(a), "{a}");
    }
    let mut c = config();
    let mut container = c.get("container").clone();
    container.set("image", "nginx:1.28".into());
    c.set("container", container);
    let changed = plan(&aws, &created.state, &c).await.planned;
    assert!(changed.get("task_definition_arn").is_unknown());
    assert_eq!(changed.get("nlb_arn"), created.state.get("nlb_arn"));
}

#[tokio::test(start_paused = true)]
async fn import_by_endpoint_service_id_finds_every_object() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    let id = created.state.get("id").as_str().unwrap().to_string();
    let imported = super::super::import::import(&Ctx::background(), &aws, &id).await;
    assert_ok(&imported);
    assert_eq!(object_ids(&imported.state), object_ids(&created.state));
    for attr in [
        "name",
        "vpc_id",
        "listener_port",
        "desired_count",
        "allowed_principals",
        "tags",
        "container",
    ] {
        assert_eq!(imported.state.get(attr), created.state.get(attr), "{attr}");
    }
    aws.clear_calls();
    let converged = update(&aws, &imported, &config()).await;
    assert_ok(&converged);
    assert_eq!(aws.writes(), vec![]);
}

/// A service in a cluster it does not own (`cluster_arn`) is created in
/// it, updated there and imported from it with no change.
#[tokio::test(start_paused = true)]
async fn create_update_and_import_in_a_given_cluster() {
    let aws = FakeAws::new();
    let cluster = shared_cluster(&aws);
    let mut c = config();
    c.set("cluster_arn", cluster.as_str().into());
    let created = create(&aws, &c).await;
    assert_ok(&created);
    assert_eq!(
        created.state.get("cluster_arn").as_str(),
        Some(cluster.as_str())
    );
    let ecs_service = created
        .state
        .get("ecs_service_arn")
        .as_str()
        .unwrap()
        .to_string();
    assert!(ecs_service.contains("/shared/"), "{ecs_service}");

    c.set("desired_count", 3i64.into());
    let updated = update(&aws, &created, &c).await;
    assert_ok(&updated);
    let ecs = aws
        .world()
        .services
        .values()
        .map(|s| (s.service.cluster_arn.clone(), s.service.desired_count))
        .collect::<Vec<_>>();
    assert_eq!(ecs, vec![(cluster.clone(), 3)]);

    let id = created.state.get("id").as_str().unwrap().to_string();
    let imported = super::super::import::import(&Ctx::background(), &aws, &id).await;
    assert_ok(&imported);
    assert_eq!(object_ids(&imported.state), object_ids(&updated.state));
    assert_eq!(
        imported.state.get("cluster_arn").as_str(),
        Some(cluster.as_str())
    );
    aws.clear_calls();
    let converged = update(&aws, &imported, &c).await;
    assert_ok(&converged);
    assert_eq!(aws.writes(), vec![]);
}

#[tokio::test(start_paused = true)]
async fn import_rejects_bad_and_unknown_ids() {
    let aws = FakeAws::new();
    let bad = super::super::import::import(&Ctx::background(), &aws, "sg-123").await;
    assert!(bad.diagnostics.has_errors());
    let unknown =
        super::super::import::import(&Ctx::background(), &aws, "vpce-svc-0123456789abcdef0").await;
    assert!(unknown.diagnostics.has_errors());
    assert!(format!("{:?}", unknown.diagnostics).contains("does not exist"));
}

/// Before anything is created, the plan checks the network and that a
/// given cluster exists, with read-only calls.
#[tokio::test(start_paused = true)]
async fn a_create_plan_checks_the_network_and_the_cluster() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set(
        "subnet_ids",
        strings(&[
            crate::aws::fake::SUBNET_A,
            crate::aws::fake::SUBNET_OTHER_VPC,
        ]),
    );
    c.set(
        "cluster_arn",
        "arn:aws:ecs:us-east-1:123456789012:cluster/missing".into(),
    );
    let planned = plan(&aws, &Value::Null, &c).await;
    let paths: Vec<String> = planned
        .diagnostics
        .iter()
        .filter_map(|d| d.path.as_ref().map(|p| p.to_string()))
        .collect();
    assert_eq!(
        paths,
        vec!["subnet_ids", "cluster_arn"],
        "{:?}",
        planned.diagnostics
    );
    assert_eq!(aws.writes(), vec![]);
}
