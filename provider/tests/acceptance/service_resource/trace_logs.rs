//! What a full apply writes to Terraform's trace log: no credential and no
//! secret reference, whatever the provider or the SDK logs.

use super::*;
use crate::terraform_test_latest;

const ACCESS_KEY_ID: &str = "AKIAQUIETTRACE7X2M4";
const SECRET_ACCESS_KEY: &str = "trace-secret-Vq8ZrT2pL0xWn5Ks9Hd3Fb6Jc1Gm4Ny7";
const SESSION_TOKEN: &str = "trace-session-token-Qw3Er5Ty7Ui9Op1As2Df4Gh6Jk8Lz0";
const SECRET_ARN: &str =
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-db-password-Ab12Cd";

terraform_test_latest!(
    a_trace_log_of_apply_and_destroy_holds_no_credentials_or_secrets,
    |ws: Workspace| {
        let body = format!(
            r#"
  container = {{
    image   = "registry.example.com/api-service:1.0.0"
    secrets = {{ DB_PASSWORD = "{SECRET_ARN}" }}
  }}
  allowed_principals        = ["arn:aws:iam::333333333333:root"]
  keep_log_group_on_destroy = false
"#
        );
        let aws = LocalAws::session();
        network(&aws);
        let mut ws = ws.with_aws(&aws.url);
        ws.set_env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        ws.set_env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        ws.set_env("AWS_SESSION_TOKEN", SESSION_TOKEN);
        let log = ws.path("trace.log");
        ws.set_env("TF_LOG", "trace");
        ws.set_env("TF_LOG_PATH", log.to_str().unwrap());
        ws.write_config(&config(&body));
        ws.init();
        ws.ok(&["apply", "-auto-approve", "-input=false"]);
        ws.ok(&["destroy", "-auto-approve", "-input=false"]);

        let text = std::fs::read_to_string(&log).unwrap();
        // The log is the real thing: the provider's own trace lines and its
        // AWS calls are in it.
        assert!(
            text.contains("privatelink"),
            "no provider lines in the trace log"
        );
        assert!(
            text.contains("CreateLoadBalancer") || text.contains("create_load_balancer"),
            "no AWS call in the trace log"
        );
        for (what, value) in [
            ("the access key id", ACCESS_KEY_ID),
            ("the secret access key", SECRET_ACCESS_KEY),
            ("the session token", SESSION_TOKEN),
            ("the container secret's ARN", SECRET_ARN),
        ] {
            let lines: Vec<&str> = text.lines().filter(|l| l.contains(value)).take(3).collect();
            assert!(lines.is_empty(), "the trace log holds {what}: {lines:#?}");
        }
    }
);
