//! Every create step failing once: the failed create's state names exactly
//! what exists, and the next apply finishes.

use super::*;
use crate::aws::fake::FakeAws;

/// The AWS calls a create makes, in the order they first happen.
const CREATE_STEPS: &[&str] = &[
    "find_vpcs",
    "find_subnets",
    "ensure_log_group",
    "set_log_retention",
    "create_security_group",
    "authorize_ingress",
    "register_task_definition",
    "create_nlb",
    "create_target_group",
    "create_cluster",
    "find_load_balancer",
    "create_tcp_listener",
    "create_endpoint_service",
    "change_allowed_principals",
    "find_endpoint_service",
    "create_service",
];

#[test]
fn every_create_step_failing_once_is_recovered_by_the_next_apply() {
    for step in CREATE_STEPS {
        on_paused_clock(async {
            let aws = FakeAws::new();
            aws.fail_nth(step, 1, "InternalFailure");
            let failed = create(&aws, &config()).await;
            assert!(
                failed.diagnostics.has_errors(),
                "{step}: the create must fail"
            );
            assert!(
                aws.calls().iter().any(|c| c.op == *step),
                "{step} is a create step"
            );
            if !failed.state.is_null() {
                assert_state_names_what_exists(&aws, &failed);
            } else {
                assert!(
                    aws.world().live_ids().is_empty(),
                    "{step}: nothing orphaned"
                );
            }

            let next = if failed.state.is_null() {
                create(&aws, &config()).await
            } else {
                update(&aws, &failed, &config()).await
            };
            assert_ok(&next);
            assert_complete(&next);
            assert_state_names_what_exists(&aws, &next);
        });
    }
}

#[test]
fn a_failed_create_can_be_deleted_without_leftovers() {
    for step in CREATE_STEPS {
        on_paused_clock(async {
            let aws = FakeAws::new();
            aws.fail_nth(step, 1, "InternalFailure");
            let failed = create(&aws, &config()).await;
            if failed.state.is_null() {
                return;
            }
            let mut state = failed;
            state.state.set("keep_log_group_on_destroy", false.into());
            let diags = delete(&aws, &state).await;
            assert!(!diags.has_errors(), "{step}: {diags:?}");
            assert!(
                aws.world().live_ids().is_empty(),
                "{step}: {:?}",
                aws.world().live_ids()
            );
        });
    }
}

#[tokio::test(start_paused = true)]
async fn a_lasting_settling_error_is_retried_until_the_timeout() {
    let aws = FakeAws::new();
    aws.fail_always(
        "create_service",
        "InvalidParameterException",
        "The target group with targetGroupArn x does not have an associated load balancer.",
    );
    let mut c = config();
    let mut timeouts = Value::Map(Default::default());
    timeouts.set("create", "5m".into());
    timeouts.set("update", Value::Null);
    timeouts.set("delete", Value::Null);
    c.set("timeouts", timeouts);
    let failed = create(&aws, &c).await;
    assert!(failed.diagnostics.has_errors());
    let attempts = aws
        .calls()
        .iter()
        .filter(|c| c.op == "create_service")
        .count();
    assert!(attempts > 3, "retried: {attempts}");
    assert!(failed.state.get("ecs_service_arn").is_null());
    assert_state_names_what_exists(&aws, &failed);

    aws.clear_faults();
    let next = update(&aws, &failed, &c).await;
    assert_ok(&next);
    assert_complete(&next);
}
