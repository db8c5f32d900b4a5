//! Objects left by a create whose state was lost are adopted by the next
//! create instead of failing or being duplicated.

use tokio_util::sync::CancellationToken;

use super::*;
use crate::aws::fake::FakeAws;

#[test]
fn a_create_adopts_what_an_interrupted_create_left_behind() {
    for step in [
        "create_security_group",
        "create_tcp_listener",
        "find_endpoint_service",
        "create_service",
        "find_service",
    ] {
        on_paused_clock(async {
            let aws = FakeAws::new();
            let mut c = config();
            c.set("wait_for_steady_state", true.into());
            let stop = CancellationToken::new();
            aws.cancel_on(step, stop.clone());
            let lost = create_with(&Ctx::new(stop), &aws, &c).await;
            assert!(lost.diagnostics.has_errors(), "{step}");
            let before = aws.world();

            aws.clear_calls();
            let adopted = create(&aws, &c).await;
            let ops: Vec<&str> = aws.calls().iter().map(|c| c.op).collect();
            if !before.security_groups.is_empty() {
                assert!(
                    ops.contains(&"find_security_group_by_name"),
                    "{step}: {ops:?}"
                );
            }
            if !before.services.is_empty() {
                assert!(ops.contains(&"update_service"), "{step}: {ops:?}");
            }
            assert_ok(&adopted);
            assert_complete(&adopted);
            let world = aws.world();
            assert_eq!(world.security_groups.len(), 1, "{step}");
            assert_eq!(world.load_balancers.len(), 1, "{step}");
            assert_eq!(world.target_groups.len(), 1, "{step}");
            assert_eq!(world.listeners.len(), 1, "{step}");
            assert_eq!(
                world.endpoint_services.len(),
                before.endpoint_services.len().max(1),
                "{step}"
            );
            assert_eq!(world.services.len(), 1, "{step}");
            for id in object_ids(&adopted.state) {
                assert!(world.live_ids().contains(&id), "{step}: {id}");
            }
            for kept in before
                .security_groups
                .keys()
                .chain(before.load_balancers.keys())
            {
                assert!(
                    object_ids(&adopted.state).contains(kept),
                    "{step}: adopts {kept}"
                );
            }
        });
    }
}
