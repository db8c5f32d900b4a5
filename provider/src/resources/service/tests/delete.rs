//! Deleting: the order AWS needs, retries after failures, and objects
//! that are already gone.

use super::*;
use crate::aws::fake::FakeAws;

async fn created(aws: &FakeAws) -> StateResult {
    let mut c = config();
    c.set("keep_log_group_on_destroy", false.into());
    let r = create(aws, &c).await;
    assert_ok(&r);
    r
}

fn position(aws: &FakeAws, op: &str) -> usize {
    aws.writes()
        .iter()
        .position(|c| c.op == op)
        .unwrap_or_else(|| panic!("{op} was not called: {:?}", aws.writes()))
}

#[tokio::test(start_paused = true)]
async fn delete_removes_everything_in_dependency_order() {
    let aws = FakeAws::new();
    let state = created(&aws).await;
    let eps = state.state.get("id").as_str().unwrap().to_string();
    let endpoint = aws.edit(|w| w.connect_endpoint(&eps, "444444444444"));
    aws.clear_calls();

    let diags = delete(&aws, &state).await;
    assert!(!diags.has_errors(), "{diags:?}");
    assert!(
        aws.world().live_ids().is_empty(),
        "{:?}",
        aws.world().live_ids()
    );

    let rejected = aws
        .writes()
        .into_iter()
        .find(|c| c.op == "reject_endpoint_connections")
        .expect("live connections are rejected");
    assert_eq!(rejected.id, eps);
    let _ = endpoint;
    assert!(
        position(&aws, "reject_endpoint_connections") < position(&aws, "delete_endpoint_service")
    );
    assert!(position(&aws, "update_service") < position(&aws, "delete_service"));
    assert!(position(&aws, "delete_endpoint_service") < position(&aws, "delete_load_balancer"));
    assert!(position(&aws, "delete_listener") < position(&aws, "delete_target_group"));
    assert!(position(&aws, "delete_target_group") < position(&aws, "delete_load_balancer"));
    assert!(position(&aws, "delete_service") < position(&aws, "delete_security_group"));
    assert!(position(&aws, "delete_service") < position(&aws, "delete_task_definition"));
    assert!(position(&aws, "delete_load_balancer") < position(&aws, "delete_cluster"));
    assert!(position(&aws, "delete_security_group") < position(&aws, "delete_cluster"));
}

#[test]
fn every_delete_step_failing_once_leaves_a_retryable_delete() {
    let mut steps: Vec<&'static str> = on_paused_clock(async {
        let probe = FakeAws::new();
        let state = created(&probe).await;
        let eps = state.state.get("id").as_str().unwrap().to_string();
        probe.edit(|w| w.connect_endpoint(&eps, "444444444444"));
        probe.clear_calls();
        assert!(!delete(&probe, &state).await.has_errors());
        probe.calls().iter().map(|c| c.op).collect()
    });
    steps.dedup();

    for step in steps {
        on_paused_clock(async {
            let aws = FakeAws::new();
            let state = created(&aws).await;
            aws.edit(|w| {
                w.connect_endpoint(state.state.get("id").as_str().unwrap(), "444444444444")
            });
            aws.fail_nth(step, 1, "InternalFailure");
            let first = delete(&aws, &state).await;
            assert!(first.has_errors(), "{step}: the delete must fail");
            let second = delete(&aws, &state).await;
            assert!(!second.has_errors(), "{step}: {second:?}");
            assert!(
                aws.world().live_ids().is_empty(),
                "{step}: {:?}",
                aws.world().live_ids()
            );
        });
    }
}

#[tokio::test(start_paused = true)]
async fn deleting_what_is_already_gone_succeeds() {
    let aws = FakeAws::new();
    let state = created(&aws).await;
    assert!(!delete(&aws, &state).await.has_errors());
    aws.clear_calls();
    let again = delete(&aws, &state).await;
    assert!(!again.has_errors(), "{again:?}");
}

#[tokio::test(start_paused = true)]
async fn keeping_the_log_group_and_a_given_cluster() {
    let aws = FakeAws::new();
    let cluster = shared_cluster(&aws);
    let mut c = config();
    c.set("cluster_arn", cluster.as_str().into());
    let state = create(&aws, &c).await;
    assert_ok(&state);
    assert!(!aws.writes().iter().any(|w| w.op == "create_cluster"));
    assert!(!delete(&aws, &state).await.has_errors());
    let left = aws.world().live_ids();
    assert_eq!(left, [cluster, "/ecs/api".to_string()].into());
}

/// Container Insights' log group (made by ECS, billed) goes with the
/// service's own cluster unless the logs are kept.
#[tokio::test(start_paused = true)]
async fn container_insights_logs_go_with_the_cluster_unless_kept() {
    const INSIGHTS: &str = "/aws/ecs/containerinsights/api/performance";
    for keep in [true, false] {
        let aws = FakeAws::new();
        let mut c = config();
        c.set("keep_log_group_on_destroy", keep.into());
        let state = create(&aws, &c).await;
        assert_ok(&state);
        assert!(aws.world().log_groups.contains_key(INSIGHTS));
        assert!(!delete(&aws, &state).await.has_errors());
        assert_eq!(
            aws.world().log_groups.contains_key(INSIGHTS),
            keep,
            "keep = {keep}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn container_insights_can_be_off() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set("container_insights", false.into());
    let state = create(&aws, &c).await;
    assert_ok(&state);
    let world = aws.world();
    let cluster = &world.clusters[state.state.get("cluster_arn").as_str().unwrap()];
    assert_eq!(cluster.object.container_insights, Some(false));
    assert!(
        !world
            .log_groups
            .keys()
            .any(|g| g.contains("containerinsights"))
    );
}
