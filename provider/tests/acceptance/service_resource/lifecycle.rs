//! Create, clean re-plan, tags everywhere, update in place, import, destroy.

use std::collections::BTreeMap;

use super::{
    BASE, UPDATED, config, expect_clean_plan, expect_no_resource_changes, out_str,
    service_workspace,
};
use crate::support::aws::{block_on, ec2, ecs, elbv2, inventory, logs};
use crate::support::terraform::Workspace;
use crate::terraform_test;

/// Tags on every object of the service, by object kind.
async fn tags_everywhere(
    url: &str,
    out: &serde_json::Value,
) -> BTreeMap<&'static str, BTreeMap<String, String>> {
    let mut all = BTreeMap::new();
    let ec2 = ec2(url);
    let elb = elbv2(url);
    let ecs = ecs(url);
    let eps = ec2
        .describe_vpc_endpoint_service_configurations()
        .service_ids(out_str(out, "id"))
        .send()
        .await
        .unwrap();
    let to_map = |pairs: Vec<(String, String)>| pairs.into_iter().collect::<BTreeMap<_, _>>();
    all.insert(
        "endpoint service",
        to_map(
            eps.service_configurations()[0]
                .tags()
                .iter()
                .map(|t| (t.key().unwrap().into(), t.value().unwrap().into()))
                .collect(),
        ),
    );
    let sg = ec2
        .describe_security_groups()
        .group_ids(out_str(out, "security_group_id"))
        .send()
        .await
        .unwrap();
    all.insert(
        "security group",
        to_map(
            sg.security_groups()[0]
                .tags()
                .iter()
                .map(|t| (t.key().unwrap().into(), t.value().unwrap().into()))
                .collect(),
        ),
    );
    for (kind, key) in [
        ("load balancer", "nlb_arn"),
        ("target group", "target_group_arn"),
        ("listener", "listener_arn"),
    ] {
        let d = elb
            .describe_tags()
            .resource_arns(out_str(out, key))
            .send()
            .await
            .unwrap();
        all.insert(
            kind,
            to_map(
                d.tag_descriptions()[0]
                    .tags()
                    .iter()
                    .map(|t| (t.key().unwrap().into(), t.value().unwrap().into()))
                    .collect(),
            ),
        );
    }
    for (kind, key) in [
        ("cluster", "cluster_arn"),
        ("ECS service", "ecs_service_arn"),
        ("task definition", "task_definition_arn"),
    ] {
        let d = ecs
            .list_tags_for_resource()
            .resource_arn(out_str(out, key))
            .send()
            .await
            .unwrap();
        all.insert(
            kind,
            to_map(
                d.tags()
                    .iter()
                    .map(|t| (t.key().unwrap().into(), t.value().unwrap().into()))
                    .collect(),
            ),
        );
    }
    let groups = logs(url)
        .describe_log_groups()
        .log_group_name_prefix(out_str(out, "log_group_name"))
        .send()
        .await
        .unwrap();
    let arn = groups.log_groups()[0]
        .arn()
        .unwrap()
        .trim_end_matches(":*")
        .to_string();
    let t = logs(url)
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .unwrap();
    all.insert(
        "log group",
        t.tags().cloned().unwrap_or_default().into_iter().collect(),
    );
    all
}

terraform_test!(lifecycle_create_update_import_destroy, |ws: Workspace| {
    let (aws, ws) = service_workspace(ws, BASE);
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();
    assert!(
        out_str(&out, "service_name").contains(&out_str(&out, "id")),
        "{out}"
    );
    assert_eq!(out["state"], "available");
    assert_eq!(out["log_group_name"], "/ecs/api-service-dev");
    expect_clean_plan(&ws);

    // What exists in AWS, with provider default tags merged on every object.
    let inv = block_on(inventory(&aws.url));
    assert_eq!(inv.endpoint_services.len(), 1);
    assert_eq!(inv.load_balancers, vec!["api-service-dev"]);
    assert_eq!(inv.target_groups, vec!["api-service-dev"]);
    assert_eq!(inv.listeners, 1);
    assert_eq!(inv.clusters, vec!["api-service-dev"]);
    assert_eq!(inv.services, vec!["api-service-dev"]);
    assert_eq!(inv.task_definitions.len(), 1);
    assert_eq!(inv.security_groups, vec!["api-service-dev-tasks"]);
    assert_eq!(inv.log_groups, vec!["/ecs/api-service-dev"]);
    // Cross-zone load balancing on, so every zone's endpoint is answered.
    let cross_zone = block_on(async {
        elbv2(&aws.url)
            .describe_load_balancer_attributes()
            .load_balancer_arn(out_str(&out, "nlb_arn"))
            .send()
            .await
            .unwrap()
            .attributes()
            .iter()
            .find(|a| a.key() == Some("load_balancing.cross_zone.enabled"))
            .and_then(|a| a.value().map(str::to_string))
    });
    assert_eq!(cross_zone.as_deref(), Some("true"));
    for (kind, tags) in block_on(tags_everywhere(&aws.url, &out)) {
        assert_eq!(
            tags.get("Project").map(String::as_str),
            Some("multi-account"),
            "default tag missing on the {kind}: {tags:?}"
        );
        assert_eq!(
            tags.get("Service").map(String::as_str),
            Some("api-service"),
            "resource tag missing on the {kind}: {tags:?}"
        );
    }

    // Update in place: count, image, principals.
    ws.write_config(&config(UPDATED));
    let plan = ws.ok(&["plan", "-input=false"]);
    assert!(
        plan.stdout.contains("will be updated in-place"),
        "{}",
        plan.stdout
    );
    assert!(!plan.stdout.contains("must be replaced"), "{}", plan.stdout);
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let updated = ws.outputs();
    assert_eq!(
        updated["id"], out["id"],
        "the endpoint service survives an update"
    );
    assert_ne!(
        updated["task_definition_arn"], out["task_definition_arn"],
        "a new task definition revision"
    );
    block_on(async {
        let svc = ecs(&aws.url)
            .describe_services()
            .cluster(out_str(&out, "cluster_arn"))
            .services(out_str(&out, "ecs_service_arn"))
            .send()
            .await
            .unwrap();
        let s = &svc.services()[0];
        assert_eq!(s.desired_count(), 3);
        let breaker = s
            .deployment_configuration()
            .and_then(|d| d.deployment_circuit_breaker())
            .expect("a deployment circuit breaker");
        assert!(breaker.enable() && breaker.rollback(), "{breaker:?}");
        assert_eq!(s.task_definition(), updated["task_definition_arn"].as_str());
        let td = ecs(&aws.url)
            .describe_task_definition()
            .task_definition(out_str(&updated, "task_definition_arn"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            td.task_definition().unwrap().container_definitions()[0].image(),
            Some("registry.example.com/api-service:1.1.0")
        );
        let old = ecs(&aws.url)
            .describe_task_definition()
            .task_definition(out_str(&out, "task_definition_arn"))
            .send()
            .await;
        let old_status = old.ok().and_then(|o| {
            o.task_definition()
                .and_then(|t| t.status().map(|s| s.as_str().to_string()))
        });
        assert_eq!(
            old_status.as_deref(),
            Some("ACTIVE"),
            "the replaced revision stays registered: a rollback returns to it"
        );
        let perms = ec2(&aws.url)
            .describe_vpc_endpoint_service_permissions()
            .service_id(out_str(&out, "id"))
            .send()
            .await
            .unwrap();
        let mut principals: Vec<&str> = perms
            .allowed_principals()
            .iter()
            .filter_map(|p| p.principal())
            .collect();
        principals.sort();
        assert_eq!(
            principals,
            vec![
                "arn:aws:iam::333333333333:root",
                "arn:aws:iam::444444444444:root"
            ]
        );
    });
    expect_clean_plan(&ws);

    // Import into a fresh state: nothing to change. (Settings only the
    // configuration knows, like keep_log_group_on_destroy, import as their
    // defaults, so this configuration leaves that one at its default.)
    {
        let mut fresh = Workspace::new(ws.version).with_aws(&aws.url);
        fresh.set_env("TF_DATA_DIR", &fresh.path("tfdata").display().to_string());
        fresh.write_config(&config(
            &UPDATED.replace("keep_log_group_on_destroy = false", ""),
        ));
        fresh.init();
        let imported = fresh.ok(&[
            "import",
            "-input=false",
            "privatelink_service.api",
            &out_str(&out, "id"),
        ]);
        assert!(
            imported.stdout.contains("Import successful"),
            "{}",
            imported.stdout
        );
        expect_no_resource_changes(&fresh);
    }

    // Destroy leaves nothing of any kind.
    ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    let inv = block_on(inventory(&aws.url));
    assert!(inv.is_empty(), "left behind after destroy: {inv:?}");
});
