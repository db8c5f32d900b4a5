//! What goes wrong says so, at plan time where it can, and leaves nothing
//! behind that state does not know.

use super::*;
use crate::support::aws::{block_on, endpoints_and_groups};
use crate::terraform_test_latest;

/// Actions that change something.
fn is_mutating(action: &str) -> bool {
    [
        "Create",
        "Modify",
        "Delete",
        "Authorize",
        "Revoke",
        "Accept",
        "Reject",
        "Register",
        "Put",
        "Tag",
        "Untag",
        "Update",
    ]
    .iter()
    .any(|p| action.starts_with(p))
}

terraform_test_latest!(
    an_account_the_service_does_not_allow_is_refused_and_nothing_is_made,
    |ws: Workspace| {
        let a = Accounts::new();
        let (owner_ws, owner_out) = apply_owner(ws, &a, "333333333333");
        let consumer_ws =
            consumer_workspace(another(&owner_ws), &a, &owner_out, &a.consumer_subnets, "");
        let out = consumer_ws.fails(&["apply", "-auto-approve", "-input=false"]);
        let text = out.flat();
        assert!(
            text.contains("Endpoint service not available to this account"),
            "{text}"
        );
        assert!(text.contains("allowed_principals"), "{text}");
        assert!(
            text.contains("service_name"),
            "the error names the attribute: {text}"
        );
        assert!(block_on(endpoints_and_groups(&a.consumer)).is_empty());
        owner_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    }
);

terraform_test_latest!(
    a_subnet_in_a_zone_the_service_lacks_is_refused_at_plan_with_no_change_made,
    |ws: Workspace| {
        let a = Accounts::new();
        let (owner_ws, owner_out) = apply_owner(ws, &a, CONSUMER);
        let subnets = vec![
            a.consumer_subnets[0].clone(),
            a.consumer_subnet_elsewhere.clone(),
        ];
        let consumer_ws = consumer_workspace(another(&owner_ws), &a, &owner_out, &subnets, "");
        a.aws.reset_calls();
        let out = consumer_ws.fails(&["plan", "-input=false"]);
        let text = out.flat();
        assert!(
            text.contains("Subnet in a zone the service does not support"),
            "{text}"
        );
        assert!(text.contains(&a.consumer_subnet_elsewhere), "{text}");
        assert!(
            !text.contains(&format!("Subnet {} is in", a.consumer_subnets[0])),
            "only the bad subnet: {text}"
        );
        let writes: Vec<_> = a
            .aws
            .calls()
            .into_iter()
            .filter(|(_, action, _)| is_mutating(action))
            .collect();
        assert!(writes.is_empty(), "the plan changed something: {writes:?}");
        owner_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    }
);

terraform_test_latest!(
    an_acceptance_role_that_cannot_be_assumed_is_named_and_the_endpoint_kept,
    |ws: Workspace| {
        let a = Accounts::new();
        let (owner_ws, owner_out) = apply_owner(ws, &a, CONSUMER);
        let wrong = acceptance_block().replace(EXTERNAL_ID, "not-the-external-id");
        let consumer_ws = consumer_workspace(
            another(&owner_ws),
            &a,
            &owner_out,
            &a.consumer_subnets,
            &wrong,
        );
        let out = consumer_ws.fails(&["apply", "-auto-approve", "-input=false"]);
        let text = out.flat();
        assert!(
            text.contains(&format!(
                "Cannot assume the acceptance role {}",
                acceptance_role()
            )),
            "{text}"
        );
        assert!(
            text.contains("AccessDenied"),
            "AWS's reason is passed on: {text}"
        );
        let listed = consumer_ws.ok(&["state", "list"]);
        assert!(
            listed.stdout.contains("privatelink_consumer.orders"),
            "the endpoint is kept in state"
        );
        let left = block_on(endpoints_and_groups(&a.consumer));
        assert_eq!(
            left.len(),
            2,
            "endpoint and security group, both in state: {left:?}"
        );

        // With the right external id the next apply brings it up.
        let main_tf = consumer_ws.work_dir().join("main.tf");
        let fixed = std::fs::read_to_string(&main_tf)
            .unwrap()
            .replace("not-the-external-id", EXTERNAL_ID);
        std::fs::write(&main_tf, fixed).unwrap();
        consumer_ws.ok(&["apply", "-auto-approve", "-input=false"]);
        assert_eq!(out_str(&consumer_ws.outputs(), "state"), "available");
        consumer_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        owner_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        assert!(block_on(endpoints_and_groups(&a.consumer)).is_empty());
    }
);
