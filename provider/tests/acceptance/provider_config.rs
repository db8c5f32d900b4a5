//! The provider block: validation at `terraform validate` with attribute
//! paths, endpoint selection (AWS_ENDPOINT_URL and the endpoints block),
//! unreachable endpoints, credentials kept out of logs, and Ctrl-C.

use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

use crate::support::aws::{block_on, create_network, ec2};
use crate::support::local_aws::LocalAws;
use crate::support::terraform::Workspace;
use crate::terraform_test;

const LOOKUP: &str = r#"
data "privatelink_network" "n" {
  tags = { Name = "workload" }
}
output "vpc_id" { value = data.privatelink_network.n.vpc_id }
"#;

fn seed(url: &str) -> String {
    block_on(async {
        create_network(
            &ec2(url),
            "10.1.0.0/16",
            &[("Name", "workload")],
            &[("us-east-1a", "10.1.1.0/24", "private")],
        )
        .await
        .0
    })
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

terraform_test!(
    rejects_bad_values_at_validate_with_their_attribute,
    |ws: Workspace| {
        ws.write_config(
            r#"
provider "privatelink" {
  region      = "mars-north-1x"
  max_retries = -1
  assume_role {
    role_arn     = "arn:aws:iam::12345:role/deploy"
    duration     = "3 days"
    session_name = "x"
  }
  endpoints {
    ec2 = "localhost:4566"
    sts = "ftp://127.0.0.1"
  }
  default_tags {
    tags = { "aws:reserved" = "x" }
  }
}

# Terraform validates a provider block only when something uses it.
data "privatelink_network" "n" {
  id = "vpc-0123456789abcdef0"
}
"#,
        );
        ws.init();
        let out = ws.fails(&["validate"]);
        let flat = out.flat();
        for expected in [
            "Attribute region must be an AWS region",
            "Attribute max_retries must be a whole number between 0 and 100",
            "Attribute assume_role[0].role_arn must be an IAM role ARN",
            "Attribute assume_role[0].duration must be a duration",
            "Attribute assume_role[0].session_name must be 2 to 64 characters",
            "Attribute endpoints[0].ec2 must be an absolute http:// or https:// URL",
            "Attribute endpoints[0].sts must be an absolute http:// or https:// URL",
            "Key \"aws:reserved\" of default_tags[0].tags is invalid",
        ] {
            assert!(
                flat.contains(expected),
                "missing {expected:?} in:\n{}",
                out.combined()
            );
        }
        assert!(
            flat.contains("on main.tf line"),
            "diagnostics should point at lines: {flat}"
        );
    }
);

terraform_test!(assume_role_requires_role_arn, |ws: Workspace| {
    ws.write_config(
        r#"
provider "privatelink" {
  assume_role {
    session_name = "terraform"
  }
}

data "privatelink_network" "n" {
  id = "vpc-0123456789abcdef0"
}
"#,
    );
    ws.init();
    let out = ws.fails(&["validate"]);
    // Terraform v1.11 checks the required argument itself; v1.0 leaves
    // provider arguments optional at validate and the provider reports it.
    let flat = out.flat();
    assert!(
        flat.contains("An assume_role block needs role_arn")
            || flat.contains("The argument \"role_arn\" is required"),
        "{}",
        out.combined()
    );
    // Planning reports it too (there Terraform's own schema check may come first).
    let out = ws.fails(&["plan", "-input=false"]);
    assert!(out.flat().contains("role_arn"), "{}", out.combined());
});

terraform_test!(
    endpoints_block_overrides_aws_endpoint_url,
    |ws: Workspace| {
        let aws = LocalAws::session();
        let vpc_id = seed(&aws.url);
        let mut ws = ws.with_aws(&aws.url);
        // The global variable points nowhere; the block must win for EC2 and STS.
        ws.set_env(
            "AWS_ENDPOINT_URL",
            &format!("http://127.0.0.1:{}", closed_port()),
        );
        ws.write_config(&format!(
        "provider \"privatelink\" {{\n  endpoints {{\n    ec2 = \"{0}\"\n    sts = \"{0}\"\n  }}\n}}\n{LOOKUP}",
        aws.url
    ));
        ws.init();
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        assert_eq!(ws.outputs()["vpc_id"], vpc_id.as_str());
        let calls = aws.calls();
        assert!(
            calls
                .iter()
                .any(|(s, a, _)| s == "sts" && a == "GetCallerIdentity"),
            "{calls:?}"
        );
        assert!(
            calls
                .iter()
                .any(|(s, a, _)| s == "ec2" && a == "DescribeVpcs"),
            "{calls:?}"
        );
    }
);

terraform_test!(
    unreachable_sts_endpoint_fails_fast_and_names_it,
    |ws: Workspace| {
        let aws = LocalAws::session();
        let ws = ws.with_aws(&aws.url);
        let dead = format!("http://127.0.0.1:{}", closed_port());
        ws.write_config(&format!(
            "provider \"privatelink\" {{\n  endpoints {{\n    sts = \"{dead}\"\n  }}\n}}\n{LOOKUP}"
        ));
        ws.init();
        let started = Instant::now();
        let out = ws.fails(&["plan", "-input=false"]);
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "took {:?}",
            started.elapsed()
        );
        let flat = out.flat();
        assert!(
            flat.contains(&format!("Cannot reach the AWS STS endpoint {dead}")),
            "{}",
            out.combined()
        );
        assert!(flat.contains("set by endpoints.sts"), "{flat}");
        assert!(flat.contains("skip_credentials_validation"), "{flat}");
    }
);

terraform_test!(
    unreachable_ec2_endpoint_from_the_environment_is_named,
    |ws: Workspace| {
        let aws = LocalAws::session();
        let mut ws = ws.with_aws(&aws.url);
        let dead = format!("http://127.0.0.1:{}", closed_port());
        ws.set_env("AWS_ENDPOINT_URL_EC2", &dead);
        ws.write_config(&format!("provider \"privatelink\" {{}}\n{LOOKUP}"));
        ws.init();
        let started = Instant::now();
        let out = ws.fails(&["plan", "-input=false"]);
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "took {:?}",
            started.elapsed()
        );
        let flat = out.flat();
        assert!(
            flat.contains(&format!("Cannot reach the AWS EC2 endpoint {dead}")),
            "{}",
            out.combined()
        );
        assert!(flat.contains("set by AWS_ENDPOINT_URL_EC2"), "{flat}");
    }
);

terraform_test!(credentials_never_reach_the_log, |ws: Workspace| {
    let aws = LocalAws::session();
    seed(&aws.url);
    let mut ws = ws.with_aws(&aws.url);
    let secret = "Zq8SENTINELsecretKEYdoNotLog4242";
    ws.set_env("AWS_SECRET_ACCESS_KEY", secret);
    ws.set_env("AWS_ACCESS_KEY_ID", "AKIASENTINELKEYID0001");
    ws.set_env("TF_LOG", "TRACE");
    let log = ws.path("terraform.log");
    ws.set_env("TF_LOG_PATH", &log.display().to_string());
    ws.write_config(&format!("provider \"privatelink\" {{}}\n{LOOKUP}"));
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("provider.terraform-provider-privatelink"),
        "provider logs should be in TF_LOG"
    );
    assert!(
        text.contains("\"served\"") || text.contains("served:"),
        "RPC logs expected at TRACE"
    );
    assert!(
        !text.contains(secret),
        "the secret access key leaked into the log"
    );
});

// `terraform plan` forwards Ctrl-C to providers (StopProvider); the plan
// step inside `terraform apply` does not, in any Terraform version.
terraform_test!(ctrl_c_stops_in_flight_reads_cleanly, |ws: Workspace| {
    let aws = LocalAws::session();
    let mut ws = ws.with_aws(&aws.url);
    // An EC2 endpoint that accepts connections and never answers.
    let hole = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    ws.set_env(
        "AWS_ENDPOINT_URL_EC2",
        &format!("http://{}", hole.local_addr().unwrap()),
    );
    ws.write_config(&format!("provider \"privatelink\" {{}}\n{LOOKUP}"));
    ws.init();
    // Its own process group, so Ctrl-C can reach Terraform and the plugin
    // together, as a terminal delivers it.
    let mut child = ws
        .command(&["plan", "-input=false"])
        .process_group(0)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the provider is stuck in the read.
    let deadline = Instant::now() + Duration::from_secs(30);
    while hole_accepts_pending(&hole) == 0 {
        assert!(
            Instant::now() < deadline,
            "the read never reached the endpoint"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let interrupted = Instant::now();
    let group = format!("-{}", child.id());
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", "--", &group])
            .status()
            .unwrap()
            .success()
    );
    let out = loop {
        if child.try_wait().unwrap().is_some() {
            break child.wait_with_output().unwrap();
        }
        assert!(
            interrupted.elapsed() < Duration::from_secs(20),
            "Terraform did not stop after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success());
    assert!(text.contains("Interrupt received"), "{text}");
    assert!(
        text.contains("cancelled"),
        "the provider should report the cancelled read:\n{text}"
    );
});

/// Accepts (and keeps) pending connections; returns how many there were.
fn hole_accepts_pending(l: &std::net::TcpListener) -> usize {
    l.set_nonblocking(true).unwrap();
    let mut n = 0;
    while let Ok((s, _)) = l.accept() {
        std::mem::forget(s);
        n += 1;
    }
    n
}

terraform_test!(assume_role_acts_in_the_roles_account, |ws: Workspace| {
    let aws = LocalAws::session();
    // A network only the other account has.
    let role = "arn:aws:iam::333333333333:role/terraform-workloads";
    let vpc_id = block_on(async {
        let other = crate::support::aws::ec2_as_role(&aws.url, role).await;
        create_network(&other, "10.7.0.0/16", &[("Name", "workload")], &[])
            .await
            .0
    });
    let ws = ws.with_aws(&aws.url);
    ws.write_config(&format!(
        r#"
provider "privatelink" {{
  assume_role {{
    role_arn     = "{role}"
    external_id  = "workloads-dev"
    session_name = "acceptance"
    duration     = "1h"
  }}
}}
{LOOKUP}"#
    ));
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    assert_eq!(ws.outputs()["vpc_id"], vpc_id.as_str());
    assert!(
        aws.calls()
            .iter()
            .any(|(s, a, _)| s == "sts" && a == "AssumeRole")
    );
});

terraform_test!(profile_from_shared_files, |ws: Workspace| {
    let aws = LocalAws::session();
    let vpc_id = seed(&aws.url);
    let mut ws = ws.with_aws(&aws.url);
    // No credentials in the environment: they come from the files.
    ws.remove_env("AWS_ACCESS_KEY_ID");
    ws.remove_env("AWS_SECRET_ACCESS_KEY");
    ws.remove_env("AWS_REGION");
    let credentials = ws.path("credentials");
    std::fs::write(
        &credentials,
        "[workloads]\naws_access_key_id = filekey\naws_secret_access_key = filesecret\n",
    )
    .unwrap();
    let config = ws.path("config");
    std::fs::write(&config, "[profile workloads]\nregion = us-east-1\n").unwrap();
    ws.write_config(&format!(
        r#"
provider "privatelink" {{
  profile                  = "workloads"
  shared_config_files      = ["{}"]
  shared_credentials_files = ["{}"]
}}
{LOOKUP}"#,
        config.display(),
        credentials.display()
    ));
    ws.init();
    ws.ok(&["apply", "-auto-approve", "-input=false"]);
    assert_eq!(ws.outputs()["vpc_id"], vpc_id.as_str());

    // A profile the files do not have fails clearly.
    let text = std::fs::read_to_string(ws.work_dir().join("main.tf")).unwrap();
    std::fs::write(
        ws.work_dir().join("main.tf"),
        text.replace("\"workloads\"", "\"missing\""),
    )
    .unwrap();
    let out = ws.fails(&["plan", "-input=false"]);
    let flat = out.flat();
    assert!(flat.contains("AWS profile not found"), "{}", out.combined());
    assert!(
        flat.contains("Profile \"missing\" is not defined"),
        "{flat}"
    );
    assert!(flat.contains("they define: workloads"), "{flat}");
});
