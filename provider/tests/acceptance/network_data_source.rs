//! `privatelink_network` read through Terraform from a VPC in the embedded
//! AWS: init, validate, plan, apply and outputs, on both Terraform versions.

use crate::support::aws::{block_on, create_network, ec2};
use crate::support::local_aws::LocalAws;
use crate::support::terraform::Workspace;
use crate::terraform_test;

fn seed(url: &str) -> (String, Vec<String>) {
    block_on(async {
        let client = ec2(url);
        // A decoy VPC that must not match.
        create_network(
            &client,
            "10.9.0.0/16",
            &[("Name", "other")],
            &[("us-east-1a", "10.9.1.0/24", "private")],
        )
        .await;
        create_network(
            &client,
            "10.1.0.0/16",
            &[("Name", "workload"), ("Environment", "dev")],
            &[
                ("us-east-1b", "10.1.2.0/24", "private"),
                ("us-east-1a", "10.1.1.0/24", "private"),
                ("us-east-1a", "10.1.10.0/24", "public"),
            ],
        )
        .await
    })
}

const BY_TAGS: &str = r#"
provider "privatelink" {}

data "privatelink_network" "workload" {
  tags        = { Name = "workload", Environment = "dev" }
  subnet_tier = "private"
}

output "vpc_id" { value = data.privatelink_network.workload.vpc_id }
output "cidr_block" { value = data.privatelink_network.workload.cidr_block }
output "availability_zones" { value = data.privatelink_network.workload.availability_zones }
output "subnet_ids" { value = data.privatelink_network.workload.subnet_ids }
output "subnets" { value = data.privatelink_network.workload.subnets }
"#;

terraform_test!(reads_a_network_by_tags_and_tier, |ws: Workspace| {
    let aws = LocalAws::session();
    let (vpc_id, subnets) = seed(&aws.url);
    let ws = ws.with_aws(&aws.url);
    ws.write_config(BY_TAGS);
    let init = ws.init();
    assert!(
        init.stdout
            .contains("Installing privatelink-labs/privatelink v0.1.0"),
        "{}",
        init.stdout
    );
    ws.ok(&["validate"]);
    let plan = ws.ok(&["plan", "-input=false"]);
    assert!(
        plan.stdout.contains(&vpc_id),
        "plan should show the VPC read at plan time:\n{}",
        plan.stdout
    );
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();
    assert_eq!(out["vpc_id"], vpc_id.as_str());
    assert_eq!(out["cidr_block"], "10.1.0.0/16");
    assert_eq!(
        out["availability_zones"],
        serde_json::json!(["us-east-1a", "us-east-1b"])
    );
    // Private subnets only, ordered by zone: 1a (created second), then 1b.
    assert_eq!(
        out["subnet_ids"],
        serde_json::json!([subnets[1], subnets[0]])
    );
    assert_eq!(out["subnets"][0]["cidr_block"], "10.1.1.0/24");
    assert_eq!(out["subnets"][1]["availability_zone"], "us-east-1b");
    // A second plan has nothing to do.
    let again = ws.ok(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(again.code, Some(0), "{}", again.stdout);
});

terraform_test!(reads_a_network_by_id_with_all_subnets, |ws: Workspace| {
    let aws = LocalAws::session();
    let (vpc_id, subnets) = seed(&aws.url);
    let ws = ws.with_aws(&aws.url);
    ws.write_config(&format!(
        r#"
provider "privatelink" {{}}
data "privatelink_network" "n" {{
  id = "{vpc_id}"
}}
output "subnet_ids" {{ value = data.privatelink_network.n.subnet_ids }}
output "tier_tag_key" {{ value = data.privatelink_network.n.tier_tag_key }}
"#
    ));
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();
    let mut ids: Vec<String> = serde_json::from_value(out["subnet_ids"].clone()).unwrap();
    ids.sort();
    let mut expected = subnets.clone();
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(out["tier_tag_key"], "Tier");
});

terraform_test!(
    not_found_and_ambiguous_lookups_fail_clearly,
    |ws: Workspace| {
        let aws = LocalAws::session();
        seed(&aws.url);
        block_on(async {
            let client = ec2(&aws.url);
            create_network(&client, "10.2.0.0/16", &[("Name", "twin")], &[]).await;
            create_network(&client, "10.3.0.0/16", &[("Name", "twin")], &[]).await;
        });
        let ws = ws.with_aws(&aws.url);
        ws.write_config(
            r#"
provider "privatelink" {}
data "privatelink_network" "missing" {
  tags = { Name = "nope" }
}
"#,
        );
        ws.init();
        let out = ws.fails(&["plan", "-input=false"]);
        assert!(out.flat().contains("No VPC found"), "{}", out.combined());
        assert!(
            out.flat()
                .contains("No VPC matches tags { Name = \"nope\" }"),
            "{}",
            out.flat()
        );

        ws.write_config(
            r#"
provider "privatelink" {}
data "privatelink_network" "twins" {
  tags = { Name = "twin" }
}
"#,
        );
        let out = ws.fails(&["plan", "-input=false"]);
        assert!(
            out.flat().contains("More than one VPC found"),
            "{}",
            out.combined()
        );
        assert!(out.flat().contains("2 VPCs match"), "{}", out.flat());

        ws.write_config(
            r#"
provider "privatelink" {}
data "privatelink_network" "tierless" {
  tags        = { Name = "workload" }
  subnet_tier = "isolated"
}
"#,
        );
        let out = ws.fails(&["plan", "-input=false"]);
        assert!(
            out.flat()
                .contains("has no subnets tagged Tier = \"isolated\""),
            "{}",
            out.flat()
        );
    }
);

terraform_test!(a_lookup_needs_id_or_tags, |ws: Workspace| {
    ws.write_config(
        r#"
provider "privatelink" {}
data "privatelink_network" "n" {
  subnet_tier = "private"
}
"#,
    );
    ws.init();
    let out = ws.fails(&["validate"]);
    assert!(
        out.flat().contains("Missing VPC selector"),
        "{}",
        out.combined()
    );
    assert!(
        out.flat().contains("on main.tf line"),
        "diagnostic should point at the configuration: {}",
        out.flat()
    );
});
