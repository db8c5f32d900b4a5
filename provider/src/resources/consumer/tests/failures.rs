//! Every create step failing once, and an interruption at each: the state
//! names exactly what exists, and the next apply finishes.

use super::*;
use tokio_util::sync::CancellationToken;

/// The mutating calls of a create with acceptance, in order.
const CREATE_STEPS: &[&str] = &[
    "create_security_group",
    "authorize_ingress",
    "create_vpc_endpoint",
    "as_service_owner",
    "accept_endpoint_connections",
];

#[test]
fn every_create_step_failing_once_is_recovered_by_the_next_apply() {
    for step in CREATE_STEPS {
        on_paused_clock(async {
            let (aws, service) = account(true);
            let c = config_accepting(&service);
            aws.fail_nth(step, 1, "InternalFailure");
            let failed = create(&aws, &c).await;
            assert!(
                failed.diagnostics.has_errors(),
                "{step}: the create must fail"
            );
            assert_eq!(
                named_objects(&failed.state),
                live_objects(&aws),
                "{step}: state names what exists"
            );
            let next = if failed.state.is_null() {
                create(&aws, &c).await
            } else {
                update(&aws, &failed, &c).await
            };
            assert_ok(&next);
            assert_eq!(
                next.state.get("state").as_str(),
                Some("available"),
                "{step}"
            );
            assert_eq!(
                named_objects(&next.state),
                live_objects(&aws),
                "{step}: no duplicates"
            );
            assert_eq!(live_objects(&aws).len(), 2, "{step}");
        });
    }
}

#[test]
fn an_interruption_at_each_step_keeps_what_was_made() {
    for step in CREATE_STEPS {
        on_paused_clock(async {
            let (aws, service) = account(true);
            let c = config_accepting(&service);
            let stop = CancellationToken::new();
            aws.cancel_on(step, stop.clone());
            let plan = plan_with(&aws, &StateResult::default(), &c).await;
            let stopped =
                super::super::create::create(&Ctx::new(stop), &aws, &c, &plan.planned).await;
            assert_eq!(named_objects(&stopped.state), live_objects(&aws), "{step}");
            let next = if stopped.state.is_null() {
                create(&aws, &c).await
            } else {
                update(&aws, &stopped, &c).await
            };
            assert_ok(&next);
            assert_eq!(live_objects(&aws).len(), 2, "{step}: no duplicates");
        });
    }
}

/// After Terraform lost a create's state, the next create names the
/// security group it finds instead of taking it over, and makes nothing.
#[tokio::test(start_paused = true)]
async fn a_group_left_by_a_lost_state_is_named_not_taken_over() {
    let (aws, service) = account(true);
    let c = config_accepting(&service);
    let first = create(&aws, &c).await;
    assert_ok(&first);
    let before = live_objects(&aws);
    // Terraform lost the state (e.g. a crash before it was saved).
    let again = create(&aws, &c).await;
    let text = format!("{:?}", again.diagnostics);
    assert!(
        text.contains("already exists") && text.contains("privatelink-consumer-orders"),
        "{text}"
    );
    assert_eq!(live_objects(&aws), before);
}

/// A create whose answer was lost goes on with the group it made.
#[tokio::test(start_paused = true)]
async fn a_lost_answer_to_a_create_keeps_the_group_without_a_duplicate() {
    let (aws, service) = account(true);
    aws.lose_answer_nth("create_security_group", 1);
    let created = create(&aws, &config_accepting(&service)).await;
    assert_ok(&created);
    assert_eq!(live_objects(&aws).len(), 2);
}

/// The calls of an update that changes subnets, admitted blocks and tags
/// (and reads the endpoint first), in order.
const UPDATE_STEPS: &[&str] = &[
    "find_vpc_endpoint",
    "authorize_ingress",
    "revoke_ingress",
    "set_ec2_tags",
    "modify_vpc_endpoint",
];

#[test]
fn every_update_step_failing_once_keeps_the_endpoint_in_state() {
    for step in UPDATE_STEPS {
        on_paused_clock(async {
            let (aws, service) = account(false);
            let created = create(&aws, &config(&service)).await;
            assert_ok(&created);
            let id = created.state.get("id").as_str().unwrap().to_string();
            let mut c = config(&service);
            c.set("subnet_ids", strings(&[SUBNET_A]));
            c.set("allowed_cidr_blocks", strings(&["10.9.0.0/16"]));
            c.set(
                "tags",
                Value::Map([("Owner".to_string(), Value::from("payments"))].into()),
            );
            aws.fail_nth(step, 1, "InternalFailure");
            let failed = update(&aws, &created, &c).await;
            assert!(
                failed.diagnostics.has_errors(),
                "{step}: the update must fail"
            );
            assert_eq!(
                failed.state.get("id").as_str(),
                Some(id.as_str()),
                "{step}: the endpoint stays in state"
            );
            assert_eq!(named_objects(&failed.state), live_objects(&aws), "{step}");
            let next = update(&aws, &failed, &c).await;
            assert_ok(&next);
            assert_eq!(next.state.get("id").as_str(), Some(id.as_str()), "{step}");
            assert_eq!(
                named_objects(&next.state),
                live_objects(&aws),
                "{step}: no duplicates"
            );
        });
    }
}
