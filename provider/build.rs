//! Records the commit the provider is built from, for `--version`.
//!
//! `PRIVATELINK_COMMIT` wins when set (release builds set it, and builds
//! from a source archive without `.git` can); otherwise `git rev-parse` in
//! the source tree; otherwise `unknown`. The build never fails for want of
//! git.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PRIVATELINK_COMMIT");
    let commit = match std::env::var("PRIVATELINK_COMMIT") {
        Ok(c) if !c.trim().is_empty() => c.trim().to_owned(),
        _ => {
            watch_git_head();
            git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into())
        }
    };
    println!("cargo:rustc-env=PRIVATELINK_COMMIT={commit}");
}

/// Asks cargo to run this script again when HEAD moves: the HEAD file and,
/// when HEAD names a branch, that branch's ref file.
fn watch_git_head() {
    let mut files = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        files.push(git(&["rev-parse", "--git-path", &branch]));
    }
    for file in files.into_iter().flatten() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

/// Runs git in the package directory; `None` when git or the repository is
/// absent or the command fails.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}
