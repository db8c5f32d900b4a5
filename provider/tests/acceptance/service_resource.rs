//! `privatelink_service` through real Terraform against the embedded AWS:
//! the full lifecycle, drift, import, validation and partial failure.

use std::collections::BTreeMap;

use crate::support::aws::{
    block_on, create_network, ec2, ec2_as_role, ecs, elbv2, inventory, logs,
};
use crate::support::local_aws::{AwsSession, LocalAws};
use crate::support::terraform::Workspace;
use crate::terraform_test;

/// A VPC with two private subnets tagged for lookup.
fn network(aws: &AwsSession) -> String {
    block_on(async {
        create_network(
            &ec2(&aws.url),
            "10.20.0.0/16",
            &[("Name", "workload-dev")],
            &[
                ("us-east-1a", "10.20.1.0/24", "private"),
                ("us-east-1b", "10.20.2.0/24", "private"),
            ],
        )
        .await
        .0
    })
}

/// The configuration under test, with `body` inside the resource block.
fn config(body: &str) -> String {
    format!(
        r#"
provider "privatelink" {{
  default_tags {{
    tags = {{ Project = "multi-account", ManagedBy = "Terraform" }}
  }}
}}

data "privatelink_network" "workload" {{
  tags        = {{ Name = "workload-dev" }}
  subnet_tier = "private"
}}

resource "privatelink_service" "api" {{
  name               = "api-service-dev"
  vpc_id             = data.privatelink_network.workload.vpc_id
  subnet_ids         = data.privatelink_network.workload.subnet_ids
  execution_role_arn = "arn:aws:iam::123456789012:role/api-service-dev-execution"
{body}
}}

output "service_name" {{ value = privatelink_service.api.service_name }}
output "id" {{ value = privatelink_service.api.id }}
output "cluster_arn" {{ value = privatelink_service.api.cluster_arn }}
output "ecs_service_arn" {{ value = privatelink_service.api.ecs_service_arn }}
output "task_definition_arn" {{ value = privatelink_service.api.task_definition_arn }}
output "listener_arn" {{ value = privatelink_service.api.listener_arn }}
output "nlb_arn" {{ value = privatelink_service.api.nlb_arn }}
output "target_group_arn" {{ value = privatelink_service.api.target_group_arn }}
output "security_group_id" {{ value = privatelink_service.api.security_group_id }}
output "log_group_name" {{ value = privatelink_service.api.log_group_name }}
output "state" {{ value = privatelink_service.api.state }}
"#
    )
}

const BASE: &str = r#"
  container = {
    image = "registry.example.com/api-service:1.0.0"
    environment = { LOG_LEVEL = "INFO" }
  }
  desired_count      = 2
  allowed_principals = ["arn:aws:iam::333333333333:root"]
  keep_log_group_on_destroy = false
  tags = { Service = "api-service" }
"#;

const UPDATED: &str = r#"
  container = {
    image = "registry.example.com/api-service:1.1.0"
    environment = { LOG_LEVEL = "DEBUG" }
  }
  desired_count      = 3
  allowed_principals = ["arn:aws:iam::333333333333:root", "arn:aws:iam::444444444444:root"]
  keep_log_group_on_destroy = false
  tags = { Service = "api-service" }
"#;

/// A fresh embedded AWS with the network, and a workspace initialised with
/// `config(body)` against it.
fn service_workspace(ws: Workspace, body: &str) -> (AwsSession, Workspace) {
    let aws = LocalAws::session();
    network(&aws);
    let ws = ws.with_aws(&aws.url);
    ws.write_config(&config(body));
    ws.init();
    (aws, ws)
}

fn expect_clean_plan(ws: &Workspace) {
    let out = ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(
        out.code,
        Some(0),
        "re-plan should have no changes under v{}:\n{}",
        ws.version.label(),
        out.combined()
    );
}

/// No resource changes. Outputs not yet in state (after an import) may
/// still show: Terraform v1.0 counts those as changes.
fn expect_no_resource_changes(ws: &Workspace) {
    let out = ws.run(&["plan", "-detailed-exitcode", "-input=false"]);
    let only_outputs = out.code == Some(2)
        && !out.stdout.contains("Plan:")
        && out.stdout.contains("Changes to Outputs");
    assert!(
        out.code == Some(0) || only_outputs,
        "plan should have no resource changes under v{}:\n{}",
        ws.version.label(),
        out.combined()
    );
}

fn out_str(out: &serde_json::Value, key: &str) -> String {
    out[key]
        .as_str()
        .unwrap_or_else(|| panic!("output {key} missing: {out}"))
        .to_string()
}

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
        assert_ne!(
            old_status.as_deref(),
            Some("ACTIVE"),
            "the replaced revision is retired"
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
        let mut fresh = Workspace::new(ws.version).unwrap().with_aws(&aws.url);
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

terraform_test!(
    a_failed_create_keeps_what_it_made_and_destroy_cleans_up,
    |ws: Workspace| {
        // The named cluster does not exist: the create fails after the objects
        // that do not need it were made.
        let (aws, ws) = service_workspace(
            ws,
            &format!(
                "{BASE}\n  cluster_arn = \"arn:aws:ecs:us-east-1:123456789012:cluster/does-not-exist\"\n"
            ),
        );
        let failed = ws.fails(&["apply", "-auto-approve", "-input=false"]);
        assert!(
            failed.flat().contains("Cluster not found"),
            "{}",
            failed.combined()
        );
        let inv = block_on(inventory(&aws.url));
        assert!(
            !inv.load_balancers.is_empty(),
            "the create should have got as far as the load balancer: {inv:?}"
        );
        let state = ws.ok(&["state", "list"]);
        assert!(
            state.stdout.contains("privatelink_service.api"),
            "partial objects must be in state:\n{}",
            state.stdout
        );
        let shown = ws.ok(&["state", "show", "privatelink_service.api"]);
        assert!(shown.stdout.contains("nlb_arn"), "{}", shown.stdout);
        let plan = ws.ok(&["plan", "-input=false"]);
        assert!(
            plan.stdout.contains("tainted") || plan.stdout.contains("must be replaced"),
            "{}",
            plan.stdout
        );
        ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        let inv = block_on(inventory(&aws.url));
        assert!(
            inv.is_empty(),
            "left behind after destroying a failed create: {inv:?}"
        );
    }
);

terraform_test!(
    rejects_invalid_configuration_before_any_call,
    |ws: Workspace| {
        ws.write_config(
            r#"
provider "privatelink" {}

resource "privatelink_service" "bad" {
  name               = "internal-this-name-is-much-too-long-for-aws"
  vpc_id             = "vpc-12"
  subnet_ids         = ["subnet-0123456789abcdef0", "sub-1"]
  execution_role_arn = "arn:aws:iam::123:role/x"
  task_role_arn      = "not-an-arn"
  container = {
    image  = "nginx"
    port   = 70000
    cpu    = 256
    memory = 4096
    secrets = { TOKEN = "plain-text" }
  }
  desired_count        = -1
  listener_port        = 0
  deregistration_delay = 4000
  log_retention_days   = 10
  deployment_maximum_percent         = 100
  deployment_minimum_healthy_percent = 100
  ingress_cidr_blocks  = ["10.0.0.0/33"]
  allowed_principals   = ["333333333333"]
  private_dns_name     = "not a name"
  health_check = {
    path    = "health"
    matcher = "100"
  }
  tags = { "aws:owner" = "x" }
  timeouts {
    create = "soon"
  }
}
"#,
        );
        ws.init();
        let out = ws.fails(&["validate"]);
        let flat = out.flat();
        for expected in [
            "Attribute name must be 1 to 32 characters",
            "Attribute vpc_id must be a VPC id",
            "Attribute subnet_ids must be a subnet id",
            "Attribute execution_role_arn must be an IAM role ARN",
            "Attribute task_role_arn must be an IAM role ARN",
            "Attribute container.port must be a whole number between 1 and 65535",
            "Attribute container.memory: memory 4096 MiB does not fit cpu 256",
            "Attribute container.secrets[\"TOKEN\"] must be a Secrets Manager or SSM parameter ARN",
            "Attribute desired_count must be a whole number between 0 and 5000",
            "Attribute listener_port must be a whole number between 1 and 65535",
            "Attribute deregistration_delay must be a whole number between 0 and 3600",
            "Attribute log_retention_days must be one of",
            "must be below deployment_maximum_percent",
            "Attribute ingress_cidr_blocks must be an IPv4 CIDR block",
            "Attribute allowed_principals must be an IAM principal ARN",
            "Attribute private_dns_name must be a DNS name",
            "Attribute health_check.path must be a path starting with",
            "Attribute health_check.matcher must be HTTP codes between 200 and 599",
            "Key \"aws:owner\" of tags is invalid",
            "Attribute timeouts.create must be a duration",
        ] {
            assert!(
                flat.contains(expected),
                "missing {expected:?} in:\n{}",
                out.combined()
            );
        }
        assert!(flat.contains("on main.tf line"), "{flat}");
    }
);

terraform_test!(
    a_service_deleted_outside_terraform_leaves_state,
    |ws: Workspace| {
        let aws = LocalAws::session();
        let vpc_id = network(&aws);
        let ws = ws.with_aws(&aws.url);
        ws.write_config(&config(BASE));
        ws.init();
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        // Everything goes (the embedded AWS forgets it all), the network comes back.
        aws.reset();
        let new_vpc = network(&aws);
        assert_ne!(new_vpc, vpc_id);
        let plan = ws.ok(&["plan", "-input=false"]);
        assert!(
            plan.stdout
                .contains("privatelink_service.api will be created"),
            "{}",
            plan.stdout
        );
    }
);

/// Creates an interface endpoint to `service_name` from the consumer
/// account 333333333333 (through AssumeRole) and returns its id.
async fn consumer_endpoint(url: &str, service_name: &str) -> (aws_sdk_ec2::Client, String) {
    let consumer = ec2_as_role(url, "arn:aws:iam::333333333333:role/consumer").await;
    let (vpc, subnets) = create_network(
        &consumer,
        "10.30.0.0/16",
        &[("Name", "consumer")],
        &[
            ("us-east-1a", "10.30.1.0/24", "private"),
            ("us-east-1b", "10.30.2.0/24", "private"),
        ],
    )
    .await;
    let endpoint = consumer
        .create_vpc_endpoint()
        .vpc_id(vpc)
        .service_name(service_name)
        .vpc_endpoint_type(aws_sdk_ec2::types::VpcEndpointType::Interface)
        .set_subnet_ids(Some(subnets))
        .send()
        .await
        .expect("consumer endpoint")
        .vpc_endpoint()
        .and_then(|e| e.vpc_endpoint_id())
        .expect("endpoint id")
        .to_string();
    (consumer, endpoint)
}

async fn endpoint_state(client: &aws_sdk_ec2::Client, id: &str) -> String {
    client
        .describe_vpc_endpoints()
        .vpc_endpoint_ids(id)
        .send()
        .await
        .expect("describe endpoint")
        .vpc_endpoints()[0]
        .state()
        .map(|s| s.as_str().to_ascii_lowercase())
        .unwrap_or_default()
}

terraform_test!(
    destroy_rejects_consumer_connections_first,
    |ws: Workspace| {
        let (aws, ws) = service_workspace(ws, &format!("{BASE}\n  wait_for_steady_state = true\n"));
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        let out = ws.outputs();
        block_on(async {
            // The apply waited for the rollout: every task runs.
            let svc = ecs(&aws.url)
                .describe_services()
                .cluster(out_str(&out, "cluster_arn"))
                .services(out_str(&out, "ecs_service_arn"))
                .send()
                .await
                .unwrap();
            let s = &svc.services()[0];
            assert_eq!((s.running_count(), s.deployments().len()), (2, 1));
        });
        let (consumer, endpoint) =
            block_on(consumer_endpoint(&aws.url, &out_str(&out, "service_name")));
        assert_eq!(
            block_on(endpoint_state(&consumer, &endpoint)),
            "pendingacceptance",
            "acceptance is required by default"
        );
        expect_clean_plan(&ws);

        // AWS refuses to delete a service with live connections and its
        // load balancer while the service exists: destroy handles both.
        ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        assert_eq!(block_on(endpoint_state(&consumer, &endpoint)), "rejected");
        let inv = block_on(inventory(&aws.url));
        assert!(inv.is_empty(), "left behind: {inv:?}");
    }
);

terraform_test!(plan_without_refresh_calls_nothing, |ws: Workspace| {
    let aws = LocalAws::session();
    let (vpc_id, subnets) = block_on(create_network(
        &ec2(&aws.url),
        "10.20.0.0/16",
        &[("Name", "workload-dev")],
        &[
            ("us-east-1a", "10.20.1.0/24", "private"),
            ("us-east-1b", "10.20.2.0/24", "private"),
        ],
    ));
    let ws = ws.with_aws(&aws.url);
    ws.write_config(&format!(
        r#"
provider "privatelink" {{}}

resource "privatelink_service" "api" {{
  name               = "api-service-dev"
  vpc_id             = "{vpc_id}"
  subnet_ids         = ["{}", "{}"]
  execution_role_arn = "arn:aws:iam::123456789012:role/api-service-dev-execution"
  container = {{ image = "registry.example.com/api-service:1.0.0" }}
  keep_log_group_on_destroy = false
}}
"#,
        subnets[0], subnets[1]
    ));
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    aws.reset_calls();
    let out = ws.run(&[
        "plan",
        "-refresh=false",
        "-detailed-exitcode",
        "-input=false",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.combined());
    let calls = aws.calls();
    assert!(
        calls.is_empty(),
        "plan -refresh=false called AWS: {calls:?}"
    );
    // A refreshing plan checks the credentials first, once.
    ws.ok(&["plan", "-input=false"]);
    let sts: u64 = aws
        .calls()
        .iter()
        .filter(|(s, a, _)| s == "sts" && a == "GetCallerIdentity")
        .map(|(_, _, n)| *n)
        .sum();
    assert_eq!(sts, 1);
    ws.ok(&["destroy", "-auto-approve", "-input=false"]);
});
