//! A connection brought up across two accounts, both ways: one workspace
//! per account with the consumer accepting through the owner's role, and
//! one root module with two provider aliases and an accepter. The second is
//! the consumer's smoke test on Terraform v1.0.3; the first runs on v1.11.4.

use super::*;
use crate::support::aws::{block_on, config_as_role, endpoints_and_groups, inventory_with};
use crate::{terraform_test, terraform_test_latest};

terraform_test_latest!(
    a_consumer_workspace_brings_its_connection_up_through_the_owners_role,
    |ws: Workspace| {
        let a = Accounts::new();
        let (owner_ws, owner_out) = apply_owner(ws, &a, CONSUMER);
        // Each account's calls stay within its published IAM policy.
        a.aws.assert_calls_within_policy(OWNER, "service-owner");
        a.aws.reset_calls();
        let consumer_ws = consumer_workspace(
            another(&owner_ws),
            &a,
            &owner_out,
            &a.consumer_subnets,
            &acceptance_block(),
        );
        consumer_ws.ok(&["apply", "-auto-approve", "-input=false"]);
        a.aws.assert_calls_within_policy(CONSUMER, "consumer");
        a.aws.assert_calls_within_policy(OWNER, "acceptance-role");
        let out = consumer_ws.outputs();
        let id = out_str(&out, "id");
        assert_eq!(out_str(&out, "state"), "available", "{out}");
        assert_eq!(endpoint_state(&a.consumer, &id), "available");
        assert_eq!(out_str(&out, "service_owner"), OWNER);
        let dns = out_str(&out, "dns_name");
        // The regional name, as AWS shapes it:
        // `<endpoint id>-<suffix>.<service id>.<region>.vpce.amazonaws.com`.
        let service_id = out_str(&owner_out, "service_id");
        assert!(
            dns.starts_with(&format!("{id}-"))
                && dns.ends_with(&format!(".{service_id}.us-east-1.vpce.amazonaws.com"))
                && dns
                    .split('.')
                    .next()
                    .is_some_and(|label| label.matches('-').count() == 2),
            "the regional DNS name the app calls: {dns}"
        );
        expect_clean_plan(&consumer_ws);
        expect_clean_plan(&owner_ws);

        // Tags over default_tags on the endpoint and its security group.
        block_on(async {
            let e = a
                .consumer
                .describe_vpc_endpoints()
                .vpc_endpoint_ids(&id)
                .send()
                .await
                .unwrap();
            let g = a
                .consumer
                .describe_security_groups()
                .group_ids(out_str(&out, "security_group_id"))
                .send()
                .await
                .unwrap();
            let endpoint_tags = e.vpc_endpoints()[0].tags();
            let group_tags = g.security_groups()[0].tags();
            for tags in [endpoint_tags, group_tags] {
                let has = |k: &str, v: &str| {
                    tags.iter()
                        .any(|t| t.key() == Some(k) && t.value() == Some(v))
                };
                assert!(
                    has("Team", "checkout")
                        && has("ManagedBy", "Terraform")
                        && has("Name", "orders-api"),
                    "{tags:?}"
                );
            }
            assert_eq!(
                g.security_groups()[0].group_name(),
                Some("privatelink-consumer-orders-api")
            );
        });

        // Consumer first, then the owner: nothing left in either account.
        consumer_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        owner_ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        assert!(block_on(endpoints_and_groups(&a.consumer)).is_empty());
        let owner_left = block_on(endpoints_and_groups(&a.owner));
        assert!(owner_left.is_empty(), "{owner_left:?}");
        let owner_inventory = block_on(async {
            inventory_with(&config_as_role(&a.aws.url, &deploy_role(OWNER)).await).await
        });
        assert!(owner_inventory.is_empty(), "{owner_inventory:?}");
    }
);

terraform_test!(
    one_module_with_two_accounts_and_an_accepter,
    |ws: Workspace| {
        let a = Accounts::new();
        let ws = ws.with_aws(&a.aws.url);
        let config = one_module_with_an_accepter(
            &a,
            r#"
output "endpoint_dns_name" { value = privatelink_consumer.orders.dns_name }
output "consumer_state" { value = privatelink_consumer.orders.state }
output "connection_state" { value = privatelink_connection_accepter.orders.state }
output "endpoint_id" { value = privatelink_consumer.orders.id }
"#,
        );
        ws.write_config(&config);
        ws.init();
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        a.aws.assert_calls_within_policy(OWNER, "service-owner");
        a.aws.assert_calls_within_policy(CONSUMER, "consumer");
        let out = ws.outputs();
        assert_eq!(out_str(&out, "connection_state"), "available", "{out}");
        // The consumer finished before the accepter ran: pendingAcceptance was
        // its end state; a refresh shows the accepted connection.
        assert_eq!(
            out_str(&out, "consumer_state"),
            "pendingacceptance",
            "{out}"
        );
        ws.ok(&["apply", "-refresh-only", "-auto-approve", "-input=false"]);
        assert_eq!(out_str(&ws.outputs(), "consumer_state"), "available");
        expect_clean_plan(&ws);

        ws.ok(&["destroy", "-auto-approve", "-input=false"]);
        assert!(block_on(endpoints_and_groups(&a.consumer)).is_empty());
        assert!(block_on(endpoints_and_groups(&a.owner)).is_empty());
    }
);
