//! Interrupting a create between steps leaves a state that knows every
//! object made so far.

use tokio_util::sync::CancellationToken;

use super::*;
use crate::aws::fake::FakeAws;

#[test]
fn stopping_at_any_step_leaves_state_knowing_everything_created() {
    for step in [
        "ensure_log_group",
        "create_nlb",
        "find_load_balancer",
        "create_tcp_listener",
        "create_endpoint_service",
        "find_endpoint_service",
        "create_service",
    ] {
        on_paused_clock(async {
            let aws = FakeAws::new();
            let stop = CancellationToken::new();
            aws.cancel_on(step, stop.clone());
            let stopped = create_with(&Ctx::new(stop), &aws, &config()).await;
            assert!(
                stopped.diagnostics.has_errors(),
                "{step}: must report the stop"
            );
            assert_state_names_what_exists(&aws, &stopped);

            let next = update(&aws, &stopped, &config()).await;
            assert_ok(&next);
            assert_complete(&next);
            assert_state_names_what_exists(&aws, &next);
        });
    }
}

#[tokio::test(start_paused = true)]
async fn a_create_timeout_while_the_load_balancer_provisions_keeps_the_state() {
    let aws = FakeAws::new();
    let mut c = config();
    let mut timeouts = Value::Map(Default::default());
    timeouts.set("create", "30s".into());
    timeouts.set("update", Value::Null);
    timeouts.set("delete", Value::Null);
    c.set("timeouts", timeouts);
    let timed_out = create(&aws, &c).await;
    assert!(timed_out.diagnostics.has_errors());
    assert!(
        format!("{:?}", timed_out.diagnostics).contains("Timed out"),
        "{:?}",
        timed_out.diagnostics
    );
    assert!(std::time::Duration::from_secs(30) < crate::aws::fake::NLB_PROVISIONING);
    assert_state_names_what_exists(&aws, &timed_out);
    assert!(timed_out.state.get("nlb_arn").as_str().is_some());
}
