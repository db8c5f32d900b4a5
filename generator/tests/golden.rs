//! Golden files: what the generator writes for the example catalog (the
//! committed `terraform-workloads/`) and for each case under
//! `tests/golden/<case>/` (expected output in `workloads/`, `base-infra/`
//! and `workflows/`). Reviewed by a person; regenerated only on purpose with
//! `UPDATE_GOLDEN=1 cargo test -p privatelink-gen --test golden`.

use privatelink_gen::catalog::parse;
use privatelink_gen::generate::{Generated, generate};
use privatelink_gen::output::{self, Ownership};
use privatelink_gen::validate::validate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn generated_from(catalog: &Path) -> Generated {
    let source = std::fs::read_to_string(catalog).unwrap();
    let catalog = parse(&source).unwrap_or_else(|e| panic!("{:?}", e.0));
    assert_eq!(validate(&catalog), vec![]);
    generate(&catalog)
}

/// Compares (or, with UPDATE_GOLDEN=1, rewrites) `root` against `files`.
fn compare(root: &Path, files: &BTreeMap<PathBuf, String>, ownership: Ownership) {
    let plan = output::plan(root, files, ownership).unwrap();
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        output::apply(root, &plan).unwrap();
        return;
    }
    let diffs: String = plan.changes.iter().map(|c| c.diff(root)).collect();
    assert!(
        diffs.is_empty(),
        "generated output differs from the golden files (UPDATE_GOLDEN=1 to accept):\n{diffs}"
    );
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases
}

#[test]
fn example_catalog_matches_committed_terraform_workloads() {
    let repo = repository();
    let generated = generated_from(&repo.join("terraform-workloads/catalog.toml"));
    compare(
        &repo.join("terraform-workloads"),
        &generated.workloads,
        Ownership::Marked,
    );
    compare(
        &repo.join("terraform-base-infra"),
        &generated.base_infra,
        Ownership::Exact,
    );
    compare(
        &repo.join(".github/workflows"),
        &generated.workflows,
        Ownership::MarkedFlat,
    );
}

#[test]
fn golden_cases() {
    for case in cases() {
        let generated = generated_from(&case.join("catalog.toml"));
        compare(
            &case.join("workloads"),
            &generated.workloads,
            Ownership::Marked,
        );
        compare(
            &case.join("base-infra"),
            &generated.base_infra,
            Ownership::Exact,
        );
        compare(
            &case.join("workflows"),
            &generated.workflows,
            Ownership::MarkedFlat,
        );
    }
}

/// `terraform fmt -check` on every golden directory, when Terraform is
/// installed (/usr/local/bin/terraform or TERRAFORM); skipped otherwise.
#[test]
fn golden_output_is_terraform_fmt_clean() {
    let terraform =
        std::env::var("TERRAFORM").unwrap_or_else(|_| "/usr/local/bin/terraform".into());
    if !Path::new(&terraform).exists() {
        eprintln!("skipped: {terraform} not found");
        return;
    }
    let mut dirs = vec![repository().join("terraform-workloads")];
    dirs.extend(cases().into_iter().map(|c| c.join("workloads")));
    for dir in dirs {
        let out = Command::new(&terraform)
            .args(["fmt", "-check", "-recursive", "-diff", "-no-color"])
            .arg(&dir)
            .env("TF_CLI_CONFIG_FILE", "/dev/null")
            .env("CHECKPOINT_DISABLE", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "terraform fmt would change {}:\n{}{}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
