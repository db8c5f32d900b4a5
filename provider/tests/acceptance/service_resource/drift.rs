//! Changes made outside Terraform show in the plan and apply repairs them.

use super::{BASE, expect_clean_plan, out_str, service_workspace};
use crate::support::aws::{block_on, ec2, ecs, elbv2};
use crate::support::terraform::Workspace;
use crate::terraform_test;

terraform_test!(drift_is_shown_and_repaired, |ws: Workspace| {
    let (aws, ws) = service_workspace(ws, BASE);
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();

    // Out of band: scale the service, drop a principal, delete the listener.
    block_on(async {
        ecs(&aws.url)
            .update_service()
            .cluster(out_str(&out, "cluster_arn"))
            .service(out_str(&out, "ecs_service_arn"))
            .desired_count(5)
            .send()
            .await
            .unwrap();
        ec2(&aws.url)
            .modify_vpc_endpoint_service_permissions()
            .service_id(out_str(&out, "id"))
            .remove_allowed_principals("arn:aws:iam::333333333333:root")
            .send()
            .await
            .unwrap();
        elbv2(&aws.url)
            .delete_listener()
            .listener_arn(out_str(&out, "listener_arn"))
            .send()
            .await
            .unwrap();
    });

    let plan = ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(
        plan.code,
        Some(2),
        "drift must show as changes:\n{}",
        plan.combined()
    );
    let text = plan.stdout.clone();
    assert!(
        text.contains("desired_count") && text.contains("5 -> 2"),
        "{text}"
    );
    assert!(
        text.contains("+ \"arn:aws:iam::333333333333:root\""),
        "{text}"
    );
    assert!(
        text.contains("listener_arn") && text.contains("(known after apply)"),
        "{text}"
    );
    assert!(!text.contains("must be replaced"), "{text}");

    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let repaired = ws.outputs();
    assert_ne!(
        repaired["listener_arn"], out["listener_arn"],
        "a new listener"
    );
    block_on(async {
        let listeners = elbv2(&aws.url)
            .describe_listeners()
            .load_balancer_arn(out_str(&out, "nlb_arn"))
            .send()
            .await
            .unwrap();
        assert_eq!(listeners.listeners().len(), 1);
        assert_eq!(listeners.listeners()[0].port(), Some(8080));
        let svc = ecs(&aws.url)
            .describe_services()
            .cluster(out_str(&out, "cluster_arn"))
            .services(out_str(&out, "ecs_service_arn"))
            .send()
            .await
            .unwrap();
        assert_eq!(svc.services()[0].desired_count(), 2);
        let perms = ec2(&aws.url)
            .describe_vpc_endpoint_service_permissions()
            .service_id(out_str(&out, "id"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            perms.allowed_principals()[0].principal(),
            Some("arn:aws:iam::333333333333:root")
        );
    });
    expect_clean_plan(&ws);
    ws.ok(&["destroy", "-auto-approve", "-input=false"]);
});
