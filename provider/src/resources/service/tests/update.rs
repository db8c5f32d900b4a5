//! A setting change calls only the modify call it needs; every update step
//! failing once is repaired by the next refresh and apply.

use super::*;
use crate::aws::fake::{Call, FakeAws};

/// Creates the service from [`config`], applies `change` to the
/// configuration, updates, and returns the new state with the writes the
/// update made.
async fn change(
    aws: &FakeAws,
    change: impl FnOnce(&mut Value),
) -> (StateResult, StateResult, Vec<Call>) {
    let created = create(aws, &config()).await;
    assert_ok(&created);
    let mut c = config();
    change(&mut c);
    aws.clear_calls();
    let updated = update(aws, &created, &c).await;
    assert_ok(&updated);
    (created, updated, aws.writes())
}

fn ops(calls: &[Call]) -> Vec<&'static str> {
    calls.iter().map(|c| c.op).collect()
}

fn id(r: &StateResult, attr: &str) -> String {
    r.state.get(attr).as_str().unwrap().to_string()
}

#[test]
fn each_setting_change_calls_its_modify_call_only() {
    type Edit = fn(&mut Value);
    let cases: &[(&str, Edit, &str, &str)] = &[
        (
            "desired_count",
            |c| c.set("desired_count", 3i64.into()),
            "update_service",
            "ecs_service_arn",
        ),
        (
            "deregistration_delay",
            |c| c.set("deregistration_delay", 30i64.into()),
            "set_deregistration_delay",
            "target_group_arn",
        ),
        (
            "container_insights",
            |c| c.set("container_insights", false.into()),
            "set_container_insights",
            "cluster_arn",
        ),
        (
            "cross_zone_load_balancing",
            |c| c.set("cross_zone_load_balancing", false.into()),
            "set_cross_zone",
            "nlb_arn",
        ),
        (
            "listener_port",
            |c| c.set("listener_port", 443i64.into()),
            "set_listener_port",
            "listener_arn",
        ),
        (
            "acceptance_required",
            |c| c.set("acceptance_required", false.into()),
            "set_acceptance_required",
            "id",
        ),
        (
            "private_dns_name",
            |c| c.set("private_dns_name", "api.example.com".into()),
            "set_private_dns_name",
            "id",
        ),
        (
            "log_retention_days",
            |c| c.set("log_retention_days", 7i64.into()),
            "set_log_retention",
            "log_group_name",
        ),
        (
            "health_check",
            |c| {
                let mut hc = crate::resources::service::schema::default_of(&["health_check"]);
                hc.set("path", "/ready".into());
                c.set("health_check", hc);
            },
            "set_health_check",
            "target_group_arn",
        ),
        (
            "allowed_principals",
            |c| {
                c.set(
                    "allowed_principals",
                    Value::List(vec![Value::from("arn:aws:iam::444444444444:root")]),
                )
            },
            "change_allowed_principals",
            "id",
        ),
        (
            "ingress_cidr_blocks",
            |c| {
                c.set(
                    "ingress_cidr_blocks",
                    Value::List(vec![Value::from("10.9.0.0/16")]),
                )
            },
            "authorize_ingress",
            "security_group_id",
        ),
    ];
    for (what, edit, op, attr) in cases {
        on_paused_clock(async {
            let aws = FakeAws::new();
            let (created, _, writes) = change(&aws, edit).await;
            let expected_id = id(&created, attr);
            assert!(
                writes.iter().any(|c| c.op == *op && c.id == expected_id),
                "{what}: expected {op} on {expected_id}, got {writes:?}"
            );
            let unexpected: Vec<_> = writes
                .iter()
                .filter(|c| {
                    c.op != *op && !(*what == "ingress_cidr_blocks" && c.op == "revoke_ingress")
                })
                .collect();
            assert!(
                unexpected.is_empty(),
                "{what}: unexpected writes {unexpected:?}"
            );
        });
    }
}

#[tokio::test(start_paused = true)]
async fn a_new_image_registers_a_revision_deploys_it_and_keeps_the_old_one() {
    let aws = FakeAws::new();
    let (created, updated, writes) = change(&aws, |c| {
        let mut container = c.get("container").clone();
        container.set("image", "nginx:1.28".into());
        c.set("container", container);
    })
    .await;
    assert_eq!(
        ops(&writes),
        vec!["register_task_definition", "update_service"]
    );
    let old = id(&created, "task_definition_arn");
    let new = id(&updated, "task_definition_arn");
    assert_ne!(old, new);
    let world = aws.world();
    assert_eq!(world.task_definitions[&new].container.image, "nginx:1.28");
    // The old revision stays registered: a rollback returns to it.
    assert_eq!(world.task_definitions[&old].status, "ACTIVE");
    assert_eq!(
        world.services[&id(&updated, "ecs_service_arn")]
            .service
            .task_definition_arn,
        new
    );
    assert_state_names_what_exists(&aws, &updated);
}

/// The newest `task_definition_revisions_kept` revisions stay; older ones
/// go after a successful apply, and destroy deletes every one.
#[tokio::test(start_paused = true)]
async fn old_revisions_beyond_the_kept_number_are_deleted() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set("task_definition_revisions_kept", 2i64.into());
    let mut state = create(&aws, &c).await;
    assert_ok(&state);
    let mut revisions = vec![id(&state, "task_definition_arn")];
    for image in ["nginx:1.28", "nginx:1.29", "nginx:1.30"] {
        let mut container = c.get("container").clone();
        container.set("image", image.into());
        c.set("container", container);
        state = update(&aws, &state, &c).await;
        assert_ok(&state);
        revisions.push(id(&state, "task_definition_arn"));
        assert_state_names_what_exists(&aws, &state);
    }
    let world = aws.world();
    let active: Vec<&String> = revisions
        .iter()
        .filter(|r| {
            world
                .task_definitions
                .get(*r)
                .is_some_and(|t| t.status == "ACTIVE")
        })
        .collect();
    assert_eq!(active, vec![&revisions[2], &revisions[3]], "the newest two");
    assert!(!delete(&aws, &state).await.has_errors());
    assert!(
        !aws.world()
            .task_definitions
            .values()
            .any(|t| t.status == "ACTIVE")
    );
}

#[tokio::test(start_paused = true)]
async fn new_tags_reach_every_object() {
    let aws = FakeAws::new();
    let (_, updated, writes) = change(&aws, |c| {
        c.set(
            "tags",
            Value::Map([("Team".to_string(), Value::from("payments"))].into()),
        )
    })
    .await;
    assert!(
        writes
            .iter()
            .all(|c| c.op.starts_with("set_") && c.op.ends_with("_tags")),
        "{writes:?}"
    );
    let world = aws.world();
    let team = |tags: &crate::aws::tags::Tags| tags.get("Team").cloned();
    let want = Some("payments".to_string());
    assert!(
        world
            .security_groups
            .values()
            .all(|g| team(&g.tags) == want)
    );
    assert!(
        world
            .endpoint_services
            .values()
            .all(|s| team(&s.service.tags) == want)
    );
    assert!(world.load_balancers.values().all(|l| team(&l.tags) == want));
    assert!(world.target_groups.values().all(|t| team(&t.tags) == want));
    assert!(world.listeners.values().all(|l| team(&l.tags) == want));
    assert!(world.clusters.values().all(|c| team(&c.tags) == want));
    assert!(world.services.values().all(|s| team(&s.tags) == want));
    assert!(
        world
            .task_definitions
            .values()
            .all(|t| team(&t.tags) == want)
    );
    // The service's log group (Container Insights' belongs to ECS).
    assert_eq!(team(&world.log_groups["/ecs/api"].tags), want);
    assert_eq!(
        updated.state.get("tags_all"),
        &Value::Map([("Team".to_string(), Value::from("payments"))].into())
    );
}

/// A configuration changing every setting an update can change in place.
fn everything_changed() -> Value {
    let mut c = config();
    let mut container = c.get("container").clone();
    container.set("image", "nginx:1.28".into());
    c.set("container", container);
    c.set("desired_count", 2i64.into());
    c.set("deregistration_delay", 30i64.into());
    c.set("listener_port", 443i64.into());
    c.set("acceptance_required", false.into());
    c.set("log_retention_days", 7i64.into());
    c.set(
        "allowed_principals",
        Value::List(vec![Value::from("arn:aws:iam::444444444444:root")]),
    );
    c.set(
        "tags",
        Value::Map([("Team".to_string(), Value::from("payments"))].into()),
    );
    c
}

#[test]
fn every_update_step_failing_once_is_repaired_by_the_next_apply() {
    let steps: Vec<&'static str> = on_paused_clock(async {
        let probe = FakeAws::new();
        let created = create(&probe, &config()).await;
        probe.clear_calls();
        assert_ok(&update(&probe, &created, &everything_changed()).await);
        probe.writes().iter().map(|c| c.op).collect()
    });
    assert!(steps.len() >= 8, "{steps:?}");

    for step in steps {
        on_paused_clock(async {
            let aws = FakeAws::new();
            let created = create(&aws, &config()).await;
            aws.fail_nth(step, 1, "InternalFailure");
            let failed = update(&aws, &created, &everything_changed()).await;
            assert!(failed.diagnostics.has_errors(), "{step}");
            assert_state_names_what_exists(&aws, &failed);

            let refreshed = read(&aws, &failed).await;
            assert_ok(&refreshed);
            let repaired = update(&aws, &refreshed, &everything_changed()).await;
            assert_ok(&repaired);
            // No revision left behind, not even one the failed update made.
            assert_state_names_what_exists(&aws, &repaired);
            aws.clear_calls();
            let again = update(&aws, &read(&aws, &repaired).await, &everything_changed()).await;
            assert_ok(&again);
            assert_eq!(aws.writes(), vec![], "{step}: converged after the repair");
        });
    }
}

/// A failed update records what is true, not what was planned: the next
/// refresh and plan propose the change again.
#[tokio::test(start_paused = true)]
async fn a_failed_update_keeps_the_prior_settings_and_proposes_them_again() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    let mut c = config();
    let mut container = c.get("container").clone();
    container.set("image", "nginx:1.28".into());
    c.set("container", container);
    c.set("desired_count", 2i64.into());
    aws.fail_nth("update_service", 1, "InvalidParameterException");

    let failed = update(&aws, &created, &c).await;
    assert!(failed.diagnostics.has_errors());
    assert_eq!(failed.state.get("desired_count"), &Value::from(1i64));
    assert_eq!(
        failed.state.get("container").get("image"),
        &Value::from("nginx:1.27")
    );

    let refreshed = read(&aws, &failed).await;
    assert_eq!(
        refreshed.state.get("task_definition_arn"),
        created.state.get("task_definition_arn"),
        "the service still runs the old revision"
    );
    let planned = plan(&aws, &refreshed.state, &c).await.planned;
    assert_eq!(planned.get("desired_count"), &Value::from(2i64));
    assert!(planned.get("task_definition_arn").is_unknown());

    let repaired = update(&aws, &refreshed, &c).await;
    assert_ok(&repaired);
    assert_state_names_what_exists(&aws, &repaired);
}

/// A tag change that failed on one object (the ECS service) shows in the
/// next plan and reaches every object with the next apply.
#[tokio::test(start_paused = true)]
async fn a_tag_change_that_failed_half_way_is_finished_by_the_next_apply() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    let service = id(&created, "ecs_service_arn");
    let mut c = config();
    c.set(
        "tags",
        Value::Map([("Team".to_string(), Value::from("payments"))].into()),
    );
    // The ECS service is tagged after the endpoint service has its new
    // tags: fail exactly that call.
    let probe = FakeAws::new();
    let probed = create(&probe, &config()).await;
    probe.clear_calls();
    assert_ok(&update(&probe, &probed, &c).await);
    let nth = probe
        .writes()
        .iter()
        .filter(|w| w.op == "set_ecs_tags")
        .position(|w| w.id == service)
        .expect("the ECS service is tagged")
        + 1;
    aws.fail_nth("set_ecs_tags", nth, "InternalFailure");
    let failed = update(&aws, &created, &c).await;
    assert!(failed.diagnostics.has_errors());
    let refreshed = read(&aws, &failed).await;
    let planned = plan_with_private(&aws, &refreshed.state, &refreshed.private, &c).await;
    assert!(
        planned.planned.get("tags_all").is_unknown(),
        "tags are applied again"
    );
    let repaired = update(&aws, &refreshed, &c).await;
    assert_ok(&repaired);
    let world = aws.world();
    assert_eq!(
        world.services[&service]
            .tags
            .get("Team")
            .map(String::as_str),
        Some("payments")
    );
    let again = read(&aws, &repaired).await;
    let planned = plan_with_private(&aws, &again.state, &again.private, &c).await;
    assert_eq!(planned.planned, again.state, "converged");
}
