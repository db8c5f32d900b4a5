//! A failed create, a service gone outside Terraform, and every input
//! rejected before any AWS call.

use super::{BASE, config, network, service_workspace};
use crate::support::aws::{block_on, inventory};
use crate::support::local_aws::LocalAws;
use crate::support::terraform::Workspace;
use crate::terraform_test;

terraform_test!(
    a_failed_create_keeps_what_it_made_and_destroy_cleans_up,
    |ws: Workspace| {
        // A cluster that does not exist is refused at plan, before
        // anything is made.
        let missing = "arn:aws:ecs:us-east-1:123456789012:cluster/does-not-exist";
        let (aws, ws) = service_workspace(ws, &format!("{BASE}\n  cluster_arn = \"{missing}\"\n"));
        let refused = ws.fails(&["plan", "-input=false"]);
        assert!(
            refused.flat().contains("Cluster not found"),
            "{}",
            refused.combined()
        );
        assert!(block_on(inventory(&aws.url)).is_empty());

        // ECS refuses the service: the create fails after the objects that
        // do not need it were made.
        ws.write_config(&config(BASE));
        aws.inject(&local_aws_client::Fault::error(
            "CreateService",
            "InvalidParameterException",
            "The container image could not be validated.",
        ));
        let failed = ws.fails(&["apply", "-auto-approve", "-input=false"]);
        assert!(
            failed.flat().contains("could not be validated"),
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
  ingress_cidr_blocks  = ["10.0.0.0/33", "10.0.0.1/16"]
  allowed_principals   = ["333333333333", "arn:aws:iam::333333333333:role/team/consumer"]
  private_dns_name     = "not a name"
  health_check = {
    path            = "health"
    matcher         = "100"
    timeout_seconds = 30
  }
  tags = { "aws:owner" = "x", "AWS:Owner" = "y", Team = "a;b" }
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
            "Attribute ingress_cidr_blocks must be an IPv4 CIDR block with no host bits set",
            "Attribute allowed_principals must be an account root, IAM role or IAM user ARN without a path",
            "Attribute private_dns_name must be a DNS name",
            "Attribute health_check.path must be a path starting with",
            "Attribute health_check.matcher must be HTTP codes between 200 and 599",
            "Key \"aws:owner\" of tags is invalid",
            "Key \"AWS:Owner\" of tags is invalid",
            "The value of tags[\"Team\"] is invalid",
            "Attribute health_check.timeout_seconds (30) must be below health_check.interval_seconds (30)",
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

crate::terraform_test_latest!(
    a_dropped_answer_to_a_create_makes_no_duplicate_and_no_orphan,
    |ws: Workspace| {
        let (aws, ws) = service_workspace(ws, BASE);
        // The security group is created, then the connection drops: the
        // SDK retries, AWS says it exists, and the provider recognises it.
        aws.inject(&local_aws_client::Fault::drop("CreateSecurityGroup"));
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        assert_eq!(aws.faults()[0].fired, 1, "the answer was dropped");
        let inv = block_on(inventory(&aws.url));
        assert_eq!(inv.security_groups, vec!["api-service-dev-tasks"]);
        ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        let inv = block_on(inventory(&aws.url));
        assert!(inv.is_empty(), "left behind: {inv:?}");
    }
);
