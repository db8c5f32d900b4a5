//! Objects left by a create whose state was lost are adopted by the next
//! create instead of failing or being duplicated.

use tokio_util::sync::CancellationToken;

use super::*;
use crate::aws::fake::FakeAws;

/// A create whose answer was lost (the group exists, the caller saw an
/// error) goes on with that group: it carries this run's description.
#[tokio::test(start_paused = true)]
async fn a_lost_answer_to_a_create_keeps_the_group_without_a_duplicate() {
    let aws = FakeAws::new();
    aws.lose_answer_nth("create_security_group", 1);
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    assert_complete(&created);
    assert_eq!(aws.world().security_groups.len(), 1);
    assert_state_names_what_exists(&aws, &created);
}

/// After Terraform lost a create's state (a crash before it was saved),
/// the next create does not take over the security group it finds: it
/// names it, and leaves it as it is. (Objects AWS itself finds by name and
/// settings, like the load balancer, come back as the same objects.)
#[test]
fn a_group_left_by_a_lost_state_is_named_not_taken_over() {
    for step in ["create_tcp_listener", "create_service", "find_service"] {
        on_paused_clock(async {
            let aws = FakeAws::new();
            let mut c = config();
            c.set("wait_for_steady_state", true.into());
            let stop = CancellationToken::new();
            aws.cancel_on(step, stop.clone());
            let lost = create_with(&Ctx::new(stop), &aws, &c).await;
            assert!(lost.diagnostics.has_errors(), "{step}");
            let before = aws.world();
            assert_eq!(before.security_groups.len(), 1, "{step}");

            aws.clear_calls();
            let again = create(&aws, &c).await;
            let text = format!("{:?}", again.diagnostics);
            assert!(
                text.contains("already exists") && text.contains("api-tasks"),
                "{step}: {text}"
            );
            let world = aws.world();
            assert_eq!(world.security_groups, before.security_groups, "{step}");
            assert!(
                !aws.writes().iter().any(|w| w.op == "set_ec2_tags"
                    || w.op == "authorize_ingress"
                    || w.op == "revoke_ingress"),
                "{step}: the group is not changed"
            );
        });
    }
}

/// In a shared cluster, another team's ECS service of the same name is not
/// taken over: the create fails at `name`, and that service is untouched.
#[tokio::test(start_paused = true)]
async fn another_ecs_service_of_the_same_name_is_not_adopted() {
    let aws = FakeAws::new();
    let cluster = shared_cluster(&aws);
    let theirs = format!(
        "arn:aws:ecs:us-east-1:{}:service/shared/api",
        crate::aws::fake::ACCOUNT
    );
    aws.edit(|w| {
        w.services.insert(
            theirs.clone(),
            crate::aws::fake::EcsServiceRecord {
                service: crate::aws::ecs::EcsService {
                    arn: theirs.clone(),
                    name: "api".into(),
                    cluster_arn: cluster.clone(),
                    status: "ACTIVE".into(),
                    desired_count: 4,
                    running_count: 4,
                    task_definition_arn:
                        "arn:aws:ecs:us-east-1:123456789012:task-definition/theirs:7".into(),
                    maximum_percent: Some(200),
                    minimum_healthy_percent: Some(100),
                    circuit_breaker: None,
                    health_check_grace_period_seconds: None,
                    deployments: 1,
                    failed_rollouts: Vec::new(),
                    subnet_ids: Vec::new(),
                    security_group_ids: Vec::new(),
                    tags: Default::default(),
                    target_group_arns: vec![
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/theirs/1"
                            .into(),
                    ],
                },
                tags: Default::default(),
                client_token: "their-token".into(),
                container_port: 80,
                steady_at: tokio::time::Instant::now(),
                inactive_at: None,
                deployment_fails: false,
                last_completed_task_definition: None,
            },
        );
    });
    let mut c = config();
    c.set("cluster_arn", cluster.as_str().into());
    let failed = create(&aws, &c).await;
    let text = format!("{:?}", failed.diagnostics);
    assert!(text.contains("is not this resource's"), "{text}");
    assert!(
        !aws.writes()
            .iter()
            .any(|w| w.op == "update_service" || w.op == "set_ecs_tags"),
        "their service is not changed"
    );
    let world = aws.world();
    let s = &world.services[&theirs].service;
    assert_eq!(s.desired_count, 4);
    assert!(s.task_definition_arn.ends_with("theirs:7"));
    // What this create made is in state, for the next apply or destroy.
    let mut live = world.live_ids();
    live.remove(&theirs);
    assert_eq!(object_ids(&failed.state), live);
}

/// RegisterTaskDefinition has no client token: a registration whose answer
/// was lost left a revision nobody knows. The next registration (the SDK's
/// retry, or here the next apply) finds and deletes it, so only the
/// revision in use stays active.
#[tokio::test(start_paused = true)]
async fn a_revision_whose_answer_was_lost_is_deleted_by_the_next_registration() {
    let aws = FakeAws::new();
    aws.lose_answer_nth("register_task_definition", 1);
    let failed = create(&aws, &config()).await;
    assert!(
        failed.diagnostics.has_errors(),
        "the lost answer fails the create"
    );
    let next = if failed.state.is_null() {
        create(&aws, &config()).await
    } else {
        update(&aws, &failed, &config()).await
    };
    assert_ok(&next);
    assert_state_names_what_exists(&aws, &next);
    let active: Vec<String> = aws
        .world()
        .task_definitions
        .values()
        .filter(|td| td.status == "ACTIVE")
        .map(|td| td.arn.clone())
        .collect();
    assert_eq!(
        active,
        vec![
            next.state
                .get("task_definition_arn")
                .as_str()
                .unwrap()
                .to_string()
        ],
        "one active revision, the one in use"
    );
}
