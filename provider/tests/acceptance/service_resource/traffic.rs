//! Traffic reaches the tasks: whatever the ingress attributes say, the
//! tasks' security group admits the load balancer on the traffic and
//! health-check ports, so targets turn healthy and the deployment
//! finishes (the embedded AWS keeps targets unhealthy, and rollouts
//! unfinished, until the group admits the load balancer's subnets).

use super::{BASE, LocalAws, network, out_str, workspace_against};
use crate::support::aws::{block_on, ec2, elbv2};
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

terraform_test_latest!(
    only_security_groups_and_a_health_check_port_still_let_the_load_balancer_in,
    |ws: Workspace| {
        let aws = LocalAws::session();
        let vpc = network(&aws);
        let clients = block_on(async {
            ec2(&aws.url)
                .create_security_group()
                .group_name("api-clients")
                .description("clients of the API")
                .vpc_id(vpc)
                .send()
                .await
                .unwrap()
                .group_id()
                .unwrap()
                .to_string()
        });
        let body = format!(
            r#"{BASE}
  ingress_security_group_ids = ["{clients}"]
  health_check = {{ port = "8081" }}
  wait_for_steady_state = true
  timeouts {{
    create = "2m"
  }}
"#
        );
        let ws = workspace_against(ws, &aws, &body);
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        let out = ws.outputs();
        let health = block_on(async {
            elbv2(&aws.url)
                .describe_target_health()
                .target_group_arn(out_str(&out, "target_group_arn"))
                .send()
                .await
                .unwrap()
        });
        let states: Vec<String> = health
            .target_health_descriptions()
            .iter()
            .map(|d| {
                d.target_health()
                    .and_then(|h| h.state())
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(states, vec!["healthy", "healthy"], "{health:?}");
        ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    }
);
