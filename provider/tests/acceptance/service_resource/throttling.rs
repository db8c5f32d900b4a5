//! Ten services applied, planned and destroyed with `-parallelism=10`
//! while the embedded AWS throttles 30 % of the calls and answers 10 % with
//! a 503: every run succeeds, through retries, and the retries stay
//! bounded (far fewer calls than `max_retries` would allow each). Without
//! faults, the refreshing plan's reads of each kind are coalesced.

use local_aws_client::Fault;

use super::network;
use crate::support::aws::{block_on, inventory};
use crate::support::local_aws::LocalAws;
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

const SERVICES: usize = 10;

/// With 37 % of attempts failing, a call fails for good after
/// `max_retries + 1` failed attempts: 0.37^16 ≈ 1e-7 per call, so none of
/// the few thousand calls of the test does.
const MAX_RETRIES: u32 = 15;

/// The lookups by id that parallel resources share a call for (ECS services
/// are read per cluster, and each service here has its own).
const COALESCED: [&str; 7] = [
    "DescribeLoadBalancers",
    "DescribeTargetGroups",
    "DescribeListeners",
    "DescribeSecurityGroups",
    "DescribeVpcEndpointServiceConfigurations",
    "DescribeClusters",
    "DescribeLogGroups",
];

fn configuration() -> String {
    let names: Vec<String> = (1..=SERVICES).map(|i| format!("\"svc-{i:02}\"")).collect();
    format!(
        r#"
provider "privatelink" {{
  max_retries = {MAX_RETRIES}
}}

data "privatelink_network" "workload" {{
  tags        = {{ Name = "workload-dev" }}
  subnet_tier = "private"
}}

resource "privatelink_service" "many" {{
  for_each           = toset([{}])
  name               = each.key
  vpc_id             = data.privatelink_network.workload.vpc_id
  subnet_ids         = data.privatelink_network.workload.subnet_ids
  execution_role_arn = "arn:aws:iam::123456789012:role/execution"
  container = {{
    image = "registry.example.com/${{each.key}}:1.0.0"
  }}
  allowed_principals        = ["arn:aws:iam::333333333333:root"]
  keep_log_group_on_destroy = false
}}
"#,
        names.join(", ")
    )
}

fn total_calls(aws: &crate::support::local_aws::AwsSession) -> u64 {
    aws.provider_calls().iter().map(|c| c.count).sum()
}

terraform_test_latest!(
    ten_services_apply_plan_and_destroy_through_throttling_and_5xx,
    |ws: Workspace| {
        let aws = LocalAws::session();
        network(&aws);
        let ws = ws.with_aws(&aws.url);
        ws.write_config(&configuration());
        ws.init();
        let parallel = ["-parallelism=10", "-auto-approve", "-input=false"];

        // A clean apply and destroy, for the number of calls without faults.
        aws.reset_calls();
        ws.ok(&[&["apply"][..], &parallel[..]].concat());
        let applied = total_calls(&aws);

        // A refreshing plan of the ten: the parallel reads of each kind of
        // object are coalesced into a few Describe calls that take many ids.
        aws.reset_calls();
        let plan = ws.ok(&["plan", "-parallelism=10", "-input=false"]);
        assert!(plan.stdout.contains("No changes"), "{}", plan.stdout);
        let calls = aws.provider_calls();
        let of = |action: &str| -> u64 {
            calls
                .iter()
                .filter(|c| c.action == action)
                .map(|c| c.count)
                .sum()
        };
        for action in COALESCED {
            assert!(
                of(action) <= (SERVICES / 2) as u64,
                "{action} was called {} times for {SERVICES} services: reads are not coalesced ({calls:?})",
                of(action)
            );
        }
        let planned = total_calls(&aws);
        let mut actions: Vec<String> = calls.iter().map(|c| c.action.clone()).collect();
        actions.sort();
        actions.dedup();
        println!(
            "refreshing plan of {SERVICES} services: {planned} calls ({:.1} per service): {}",
            planned as f64 / SERVICES as f64,
            actions
                .iter()
                .map(|a| format!("{a} {}", of(a)))
                .collect::<Vec<_>>()
                .join(", ")
        );

        aws.reset_calls();
        ws.ok(&[&["destroy"][..], &parallel[..]].concat());
        let clean = applied + total_calls(&aws);

        aws.reset_calls();
        // The test's own inventory calls are made with the faults cleared.
        let mut fired = 0;
        let mut with_faults = |seed: u64, run: &dyn Fn()| {
            aws.inject(
                &Fault::error(".*", "Throttling", "Rate exceeded")
                    .pattern(".*")
                    .probability(0.3, seed),
            );
            aws.inject(
                &Fault::error(".*", "ServiceUnavailable", "Service is unavailable")
                    .pattern(".*")
                    .status(503)
                    .probability(0.1, seed + 1),
            );
            run();
            fired += aws.faults().iter().map(|f| f.fired).sum::<u64>();
            aws.clear_faults();
        };
        with_faults(7, &|| {
            ws.ok(&[&["apply"][..], &parallel[..]].concat());
        });
        let inv = block_on(inventory(&aws.url));
        assert_eq!(inv.load_balancers.len(), SERVICES, "{inv:?}");
        assert_eq!(inv.endpoint_services.len(), SERVICES, "{inv:?}");
        assert_eq!(inv.services.len(), SERVICES, "{inv:?}");
        with_faults(17, &|| {
            let plan = ws.ok(&["plan", "-parallelism=10", "-input=false"]);
            assert!(plan.stdout.contains("No changes"), "{}", plan.stdout);
            ws.ok(&[&["destroy"][..], &parallel[..]].concat());
        });
        let left = block_on(inventory(&aws.url));
        assert!(left.is_empty(), "left behind: {left:?}");

        assert!(fired > 100, "the faults fired only {fired} times");
        let faulty = total_calls(&aws);
        assert!(fired > 100, "the faults fired only {fired} times");
        // Every fired fault costs one more attempt; a retry loop gone wild
        // would cost many. (The faulty run also has a plan the clean one
        // has not: hence the margin.)
        assert!(
            faulty <= clean * 2 + fired,
            "{faulty} calls with {fired} faults, {clean} without: retries are not bounded"
        );
        println!(
            "| clean apply+destroy calls | faulty apply+plan+destroy calls | faults fired |\n| --- | --- | --- |\n| {clean} | {faulty} | {fired} |"
        );
    }
);
