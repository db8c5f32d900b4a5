//! A Terraform working directory for one benchmark case, and one measured
//! command in it: wall time, CPU time (Terraform and its providers), peak
//! provider memory, and the AWS API calls counted at the endpoint.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use local_aws_client::LocalAws;

use super::sampler::RssSampler;

/// One measured Terraform command.
#[derive(Clone, Debug, Default)]
pub struct Measurement {
    pub wall_s: f64,
    pub cpu_s: f64,
    pub peak_rss_mib: f64,
    /// The AWS API calls by (service, action), most frequent first.
    pub calls_by_action: Vec<(String, String, u64)>,
    pub exit_code: Option<i32>,
}

pub struct Workspace {
    dir: tempfile::TempDir,
    terraform: PathBuf,
    env: Vec<(String, String)>,
    /// Fragment of the provider binary's name, for memory sampling.
    provider_fragment: String,
}

fn children_cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

impl Measurement {
    /// The AWS API calls made, all actions together.
    pub fn api_calls(&self) -> u64 {
        self.calls_by_action.iter().map(|(_, _, n)| n).sum()
    }
}

impl Workspace {
    /// A workspace whose CLI configuration installs this project's
    /// provider from `ours_binary` and hashicorp/* from /opt/tf-plugins.
    pub fn new(
        terraform: &Path,
        ours_binary: &Path,
        aws_url: &str,
        provider_fragment: &str,
    ) -> anyhow::Result<Workspace> {
        let dir = tempfile::tempdir()?;
        let mirror = dir
            .path()
            .join("mirror/registry.terraform.io/privatelink-labs/privatelink/0.1.0/linux_amd64");
        std::fs::create_dir_all(&mirror)?;
        std::fs::copy(
            ours_binary,
            mirror.join("terraform-provider-privatelink_v0.1.0"),
        )?;
        let cli = dir.path().join("terraform.rc");
        std::fs::write(
            &cli,
            format!(
                r#"provider_installation {{
  filesystem_mirror {{
    path    = "{}"
    include = ["registry.terraform.io/privatelink-labs/*"]
  }}
  filesystem_mirror {{
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/hashicorp/*"]
  }}
}}
"#,
                dir.path().join("mirror").display()
            ),
        )?;
        std::fs::create_dir_all(dir.path().join("work"))?;
        std::fs::create_dir_all(dir.path().join("home"))?;
        let env = vec![
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
            ("HOME".into(), dir.path().join("home").display().to_string()),
            ("TF_CLI_CONFIG_FILE".into(), cli.display().to_string()),
            ("CHECKPOINT_DISABLE".into(), "1".into()),
            ("TF_IN_AUTOMATION".into(), "1".into()),
            ("AWS_ENDPOINT_URL".into(), aws_url.to_string()),
            ("AWS_ACCESS_KEY_ID".into(), "testing".into()),
            ("AWS_SECRET_ACCESS_KEY".into(), "testing".into()),
            ("AWS_REGION".into(), "us-east-1".into()),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ];
        Ok(Workspace {
            dir,
            terraform: terraform.to_path_buf(),
            env,
            provider_fragment: provider_fragment.to_string(),
        })
    }

    pub fn write(&self, file: &str, text: &str) -> anyhow::Result<()> {
        Ok(std::fs::write(
            self.dir.path().join("work").join(file),
            text,
        )?)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.terraform);
        cmd.args(args)
            .arg("-no-color")
            .current_dir(self.dir.path().join("work"))
            .env_clear();
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs an unmeasured command that must succeed.
    pub fn run(&self, args: &[&str]) -> anyhow::Result<()> {
        let out = self.command(args).output()?;
        if !out.status.success() {
            anyhow::bail!(
                "terraform {} failed:\n{}{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    /// Runs and measures a command; `ok_codes` are the exit codes that
    /// count as success.
    pub fn measure(
        &self,
        aws: &LocalAws,
        args: &[&str],
        ok_codes: &[i32],
    ) -> anyhow::Result<Measurement> {
        aws.reset_calls();
        let sampler = RssSampler::start(&[&self.provider_fragment], self.dir.path());
        let cpu_before = children_cpu_seconds();
        let started = Instant::now();
        let out = self.command(args).output()?;
        let wall_s = started.elapsed().as_secs_f64();
        let cpu_s = children_cpu_seconds() - cpu_before;
        let peaks = sampler.finish();
        let code = out.status.code();
        if !code.is_some_and(|c| ok_codes.contains(&c)) {
            anyhow::bail!(
                "terraform {} failed ({code:?}):\n{}{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let mut calls_by_action = aws.calls();
        calls_by_action.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
        Ok(Measurement {
            wall_s,
            cpu_s,
            peak_rss_mib: peaks.get(&self.provider_fragment).copied().unwrap_or(0) as f64 / 1024.0,
            calls_by_action,
            exit_code: code,
        })
    }
}
