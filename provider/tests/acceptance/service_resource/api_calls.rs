//! What reaches AWS: nothing for a plan without refresh, one credentials
//! check for a refreshing plan.

use crate::support::aws::{block_on, create_network, ec2};
use crate::support::local_aws::LocalAws;
use crate::support::terraform::Workspace;
use crate::terraform_test;

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
