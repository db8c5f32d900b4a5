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

#[tokio::test(start_paused = true)]
async fn a_create_whose_state_was_lost_adopts_its_security_group_and_endpoint() {
    let (aws, service) = account(true);
    let c = config_accepting(&service);
    let first = create(&aws, &c).await;
    assert_ok(&first);
    // Terraform lost the state (e.g. a crash before it was saved).
    let again = create(&aws, &c).await;
    assert_ok(&again);
    assert_eq!(
        again.state.get("id"),
        first.state.get("id"),
        "the token finds the endpoint"
    );
    assert_eq!(live_objects(&aws).len(), 2);
}
