//! The root modules in `examples/` work as a user would run them: the
//! network example applies against the embedded AWS with hashicorp/aws and
//! this provider side by side, and the documentation snippets validate.
//! The service example and the snippets run on both Terraform versions; the
//! network and consumer examples, whose resources the v1.0.3 smoke tests
//! already cover (network_data_source, consumer_resource::lifecycle), on
//! v1.11.4 only.

use crate::support::local_aws::LocalAws;
use crate::support::repo_root;
use crate::support::terraform::Workspace;
use crate::{terraform_test, terraform_test_latest};

fn copy_example(ws: &Workspace, name: &str) {
    let dir = repo_root().join("examples").join(name);
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "tf") {
            std::fs::copy(&path, ws.work_dir().join(path.file_name().unwrap())).unwrap();
        }
    }
}

terraform_test_latest!(network_example_applies_and_destroys, |ws: Workspace| {
    let aws = LocalAws::session();
    let ws = ws.with_aws(&aws.url);
    copy_example(&ws, "network");
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();
    assert!(out["vpc_id"].as_str().unwrap().starts_with("vpc-"), "{out}");
    assert_eq!(
        out["private_subnet_ids"].as_array().unwrap().len(),
        2,
        "{out}"
    );
    assert_eq!(
        out["availability_zones"],
        serde_json::json!(["us-east-1a", "us-east-1b"])
    );
    let again = ws.ok(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(
        again.code,
        Some(0),
        "re-plan should be clean:\n{}",
        again.stdout
    );
    ws.ok(&["destroy", "-auto-approve", "-input=false"]);
});

terraform_test!(service_example_applies_and_destroys, |ws: Workspace| {
    let aws = LocalAws::session();
    let ws = ws.with_aws(&aws.url);
    copy_example(&ws, "service");
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let out = ws.outputs();
    let service_name = out["service_name"].as_str().unwrap_or_default();
    assert!(
        service_name.starts_with("com.amazonaws.vpce.us-east-1.vpce-svc-"),
        "{out}"
    );
    let again = ws.ok(&["plan", "-detailed-exitcode", "-input=false"]);
    assert_eq!(
        again.code,
        Some(0),
        "re-plan should be clean:\n{}",
        again.stdout
    );
    ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    let left = crate::support::aws::block_on(crate::support::aws::inventory(&aws.url));
    // The log group is kept by default (keep_log_group_on_destroy).
    assert_eq!(left.log_groups, vec!["/ecs/api-service-dev"]);
    assert!(
        left.load_balancers.is_empty()
            && left.endpoint_services.is_empty()
            && left.services.is_empty(),
        "{left:?}"
    );
});

terraform_test!(documentation_snippets_validate, |ws: Workspace| {
    for snippet in [
        "examples/provider/provider.tf",
        "examples/data-sources/privatelink_network/data-source.tf",
        "examples/resources/privatelink_consumer/resource.tf",
        "examples/resources/privatelink_connection_accepter/resource.tf",
    ] {
        std::fs::copy(
            repo_root().join(snippet),
            ws.work_dir().join(snippet.replace('/', "_")),
        )
        .unwrap();
    }
    ws.write_config("");
    ws.init();
    ws.ok(&["validate"]);
});

terraform_test_latest!(
    consumer_example_applies_across_two_accounts_and_destroys,
    |ws: Workspace| {
        let aws = LocalAws::session();
        let ws = ws.with_aws(&aws.url);
        copy_example(&ws, "consumer");
        ws.init();
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        let out = ws.outputs();
        assert_eq!(out["connection_state"], "available", "{out}");
        assert!(
            out["endpoint_dns_name"]
                .as_str()
                .unwrap_or_default()
                .starts_with("vpce-"),
            "{out}"
        );
        let again = ws.ok(&["plan", "-detailed-exitcode", "-input=false"]);
        assert_eq!(
            again.code,
            Some(0),
            "re-plan should be clean:\n{}",
            again.stdout
        );
        ws.ok(&["destroy", "-auto-approve", "-input=false"]);
    }
);
