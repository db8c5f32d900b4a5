//! The command line end to end: exit codes, the diff `check` prints, that
//! `generate` spares hand-written files, and the graph formats.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_privatelink-gen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch repository root holding a copy of the example catalog.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../terraform-workloads/catalog.toml");
    fs::create_dir_all(dir.path().join("terraform-workloads")).unwrap();
    fs::create_dir_all(dir.path().join("terraform-base-infra")).unwrap();
    fs::copy(example, dir.path().join("terraform-workloads/catalog.toml")).unwrap();
    dir
}

#[test]
fn generate_then_check_then_hand_edit() {
    let dir = scratch();
    let root = dir.path();
    let out = run(root, &["check"]);
    assert_eq!(out.status.code(), Some(1), "nothing generated yet");
    assert!(text(&out.stdout).contains("+++ terraform-workloads/orders-provider/services.tf"));

    fs::create_dir_all(root.join("terraform-workloads/orders-provider")).unwrap();
    fs::write(
        root.join("terraform-workloads/orders-provider/extra_override.tf"),
        "# mine\n",
    )
    .unwrap();
    let out = run(root, &["generate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(run(root, &["check"]).status.code(), Some(0));

    let services = root.join("terraform-workloads/orders-provider/services.tf");
    let edited = fs::read_to_string(&services)
        .unwrap()
        .replace("desired_count", "desired_count_x");
    fs::write(&services, edited).unwrap();
    let out = run(root, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(
        diff.contains("--- terraform-workloads/orders-provider/services.tf"),
        "{diff}"
    );
    assert!(diff.contains("-  desired_count_x"), "{diff}");
    assert!(diff.contains("+  desired_count "), "{diff}");

    assert_eq!(run(root, &["generate"]).status.code(), Some(0));
    assert_eq!(run(root, &["check"]).status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(root.join("terraform-workloads/orders-provider/extra_override.tf"))
            .unwrap(),
        "# mine\n"
    );
}

#[test]
fn stale_account_directory_is_removed() {
    let dir = scratch();
    let root = dir.path();
    assert_eq!(run(root, &["generate"]).status.code(), Some(0));
    let catalog = root.join("terraform-workloads/catalog.toml");
    let source = fs::read_to_string(&catalog).unwrap();
    // Drop the consumer account and its consumers; the services allow nobody then.
    let cut = source
        .find("[[accounts]]\nname = \"storefront-consumer\"")
        .unwrap();
    let environments = source.find("# Sizes from").unwrap();
    let services = source.find("[[services]]").unwrap();
    let consumers = source.find("[[consumers]]").unwrap();
    let trimmed = format!(
        "{}{}{}",
        &source[..cut],
        &source[environments..services],
        source[services..consumers].replace("allowed_consumers = [\"storefront-consumer\"]\n", "")
    );
    fs::write(&catalog, trimmed).unwrap();
    let out = run(root, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("+++ /dev/null"),
        "{}",
        text(&out.stdout)
    );
    let out = run(root, &["generate"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !root
            .join("terraform-workloads/storefront-consumer")
            .exists()
    );
}

#[test]
fn hand_written_file_in_the_way_is_refused() {
    let dir = scratch();
    let root = dir.path();
    fs::create_dir_all(root.join("terraform-workloads/orders-provider")).unwrap();
    fs::write(
        root.join("terraform-workloads/orders-provider/network.tf"),
        "# mine\n",
    )
    .unwrap();
    let out = run(root, &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("was not generated"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        fs::read_to_string(root.join("terraform-workloads/orders-provider/network.tf")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn validate_reports_every_problem_with_its_location() {
    let dir = scratch();
    let root = dir.path();
    let catalog = root.join("terraform-workloads/catalog.toml");
    let source = fs::read_to_string(&catalog)
        .unwrap()
        .replace("id = \"222222222222\"", "id = \"2222\"")
        .replace("memory = 1024\n", "memory = 9999\n");
    fs::write(&catalog, source).unwrap();
    let out = run(root, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "terraform-workloads/catalog.toml:41:6: error: account id \"2222\" is not 12 digits"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("memory 9999 MiB does not fit cpu 512"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 problems in terraform-workloads/catalog.toml"),
        "{stderr}"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        run(dir.path(), &["validate"]).status.code(),
        Some(2),
        "missing catalog"
    );
    assert_eq!(run(dir.path(), &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(dir.path(), &["graph", "--format", "svg"]).status.code(),
        Some(2)
    );
    let help = run(dir.path(), &["check", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("Exit codes: 0 success"));
}

#[test]
fn graph_formats() {
    let dir = scratch();
    let mermaid = run(dir.path(), &["graph"]);
    assert_eq!(mermaid.status.code(), Some(0));
    let mermaid = text(&mermaid.stdout);
    assert!(mermaid.starts_with("flowchart LR\n"), "{mermaid}");
    assert!(
        mermaid.contains("dev_orders_provider_vpc[\"VPC 10.1.0.0/16\"]"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("dev_orders_provider_vpc ---|attachment| dev_tgw"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("prod_app_api_consumer -.->|PrivateLink| prod_svc_user_service"),
        "{mermaid}"
    );
    let dot = text(&run(dir.path(), &["graph", "--format", "dot"]).stdout);
    assert!(dot.starts_with("digraph workloads {\n"), "{dot}");
    assert!(dot.contains("subgraph cluster_staging {"), "{dot}");
    assert!(dot.contains("staging_app_user_consumer -> staging_svc_user_service [label=\"PrivateLink\", style=dashed];"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
}
