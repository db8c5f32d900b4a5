//! Consumer endpoints in another account: acceptance, and a destroy that
//! rejects their connections first.

use super::{BASE, expect_clean_plan, out_str, service_workspace};
use crate::support::aws::{
    block_on, create_network, ec2, ec2_as_role, ecs, inventory, zone_names_by_id,
};
use crate::support::terraform::Workspace;
use crate::terraform_test;

/// Creates an interface endpoint to `service_name` from the consumer
/// account 333333333333 (through AssumeRole) and returns its id.
async fn consumer_endpoint(url: &str, service_name: &str) -> (aws_sdk_ec2::Client, String) {
    let consumer = ec2_as_role(url, "arn:aws:iam::333333333333:role/consumer").await;
    // The service's zones (us-east-1a/b of its account) by zone id, in the
    // consumer's names: zone names differ between accounts.
    let owner_ids: std::collections::BTreeMap<String, String> = zone_names_by_id(&ec2(url))
        .await
        .into_iter()
        .map(|(id, name)| (name, id))
        .collect();
    let consumer_names = zone_names_by_id(&consumer).await;
    let zone = |owner_name: &str| consumer_names[&owner_ids[owner_name]].clone();
    let (za, zb) = (zone("us-east-1a"), zone("us-east-1b"));
    let (vpc, subnets) = create_network(
        &consumer,
        "10.30.0.0/16",
        &[("Name", "consumer")],
        &[
            (za.as_str(), "10.30.1.0/24", "private"),
            (zb.as_str(), "10.30.2.0/24", "private"),
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
