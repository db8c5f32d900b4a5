//! Drift made outside Terraform shows in the plan and is put right by the
//! next apply; both resources import into an empty state with no changes;
//! destroying the owner first neither hangs nor leaves anything.

use super::*;
use crate::support::aws::{block_on, endpoints_and_groups};
use crate::terraform_test_latest;

terraform_test_latest!(
    rejection_and_deletion_out_of_band_are_planned_and_repaired,
    |ws: Workspace| {
        let a = Accounts::new();
        let (owner_ws, owner_out) = apply_owner(ws, &a, CONSUMER);
        let consumer_ws = consumer_workspace(
            another(&owner_ws),
            &a,
            &owner_out,
            &a.consumer_subnets,
            &acceptance_block(),
        );
        consumer_ws.ok(&["apply", "-auto-approve", "-input=false"]);
        let id = out_str(&consumer_ws.outputs(), "id");

        // The owner rejects the connection.
        block_on(async {
            a.owner
                .reject_vpc_endpoint_connections()
                .service_id(out_str(&owner_out, "service_id"))
                .vpc_endpoint_ids(&id)
                .send()
                .await
                .expect("reject")
        });
        let plan = consumer_ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
        assert_eq!(plan.code, Some(2), "{}", plan.combined());
        assert!(plan.stdout.contains("\"rejected\""), "{}", plan.stdout);
        consumer_ws.ok(&["apply", "-auto-approve", "-input=false"]);
        assert_eq!(out_str(&consumer_ws.outputs(), "state"), "available");
        assert_eq!(endpoint_state(&a.consumer, &id), "available");

        // Someone deletes the endpoint.
        block_on(async {
            a.consumer
                .delete_vpc_endpoints()
                .vpc_endpoint_ids(&id)
                .send()
                .await
                .expect("delete")
        });
        for _ in 0..100 {
            if endpoint_state(&a.consumer, &id).is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let plan = consumer_ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
        assert_eq!(plan.code, Some(2), "{}", plan.combined());
        consumer_ws.ok(&["apply", "-auto-approve", "-input=false"]);
        let out = consumer_ws.outputs();
        assert_ne!(out_str(&out, "id"), id);
        assert_eq!(out_str(&out, "state"), "available");
        expect_clean_plan(&consumer_ws);

        // The owner destroys first: its service rejects the connection.
        owner_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        consumer_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        assert!(block_on(endpoints_and_groups(&a.consumer)).is_empty());
        assert!(block_on(endpoints_and_groups(&a.owner)).is_empty());
    }
);

terraform_test_latest!(both_resources_import_with_no_changes, |ws: Workspace| {
    let a = Accounts::new();
    let ws = ws.with_aws(&a.aws.url);
    ws.write_config(&one_module_with_an_accepter(
        &a,
        r#"
output "endpoint_id" { value = privatelink_consumer.orders.id }
output "service_id" { value = privatelink_service.api.id }
"#,
    ));
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();
    let (endpoint, service) = (out_str(&out, "endpoint_id"), out_str(&out, "service_id"));
    // `wait_for_acceptance` lives only in the configuration (an import gives
    // it its default); the connection is accepted now, so drop the setting.
    let main_tf = ws.work_dir().join("main.tf");
    let text = std::fs::read_to_string(&main_tf).unwrap();
    std::fs::write(
        &main_tf,
        text.replace("  wait_for_acceptance = false\n", ""),
    )
    .unwrap();
    ws.ok(&[
        "state",
        "rm",
        "privatelink_consumer.orders",
        "privatelink_connection_accepter.orders",
    ]);
    ws.ok(&[
        "import",
        "-input=false",
        "privatelink_consumer.orders",
        &endpoint,
    ]);
    ws.ok(&[
        "import",
        "-input=false",
        "privatelink_connection_accepter.orders",
        &format!("{service}_{endpoint}"),
    ]);
    let plan = ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(
        plan.code,
        Some(0),
        "import should leave nothing to change:\n{}",
        plan.combined()
    );
    ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    assert!(block_on(endpoints_and_groups(&a.consumer)).is_empty());
});
