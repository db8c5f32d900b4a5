//! The catalogue of invalid configurations: each is rejected at `validate`
//! or `plan` with an error on the line of the offending attribute, and no
//! mutating AWS call is made. The table in `docs/invalid-configurations.md`
//! is generated from the same catalogue (`UPDATE_DOCS=1` rewrites it).

mod catalogue;

use catalogue::{CATALOGUE, Case, Target};

use crate::support::aws::{block_on, create_network, ec2};
use crate::support::local_aws::LocalAws;
use crate::support::local_aws::is_mutating;
use crate::support::repo_root;
use crate::support::terraform::Workspace;
use crate::terraform_test_latest;

const PROVIDER: &str = r#"provider "privatelink" {
  region = "us-east-1"
}
"#;

const NETWORK: &str = r#"data "privatelink_network" "n" {
  tags        = { Name = "workload-dev" }
  subnet_tier = "private"
}
"#;

const SERVICE: &str = r#"resource "privatelink_service" "s" {
  name               = "api-service-dev"
  vpc_id             = data.privatelink_network.n.vpc_id
  subnet_ids         = data.privatelink_network.n.subnet_ids
  execution_role_arn = "arn:aws:iam::123456789012:role/api-execution"
  container = {
    image = "registry.example.com/api:1.0.0"
    port  = 8080
  }
  allowed_principals = ["arn:aws:iam::333333333333:root"]
}
"#;

const CONSUMER: &str = r#"resource "privatelink_consumer" "c" {
  name         = "orders-api"
  service_name = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  vpc_id       = "{vpc}"
  subnet_ids   = ["{subnet_a}"]
  port         = 8080
}
"#;

const ACCEPTER: &str = r#"resource "privatelink_connection_accepter" "a" {
  endpoint_service_id = "vpce-svc-0123456789abcdef0"
  endpoint_id         = "vpce-0123456789abcdef0"
}
"#;

/// Ids of the network the configurations refer to.
struct Ids {
    vpc: String,
    subnet_a: String,
    subnet_b: String,
    /// A second private subnet in subnet_a's zone.
    subnet_a2: String,
    /// A subnet of another VPC.
    other_subnet: String,
}

impl Ids {
    /// Ids as the docs show them.
    fn example() -> Ids {
        Ids {
            vpc: "vpc-0a1b2c3d4e5f60718".into(),
            subnet_a: "subnet-0aaaaaaaaaaaaaaa1".into(),
            subnet_b: "subnet-0bbbbbbbbbbbbbbb2".into(),
            subnet_a2: "subnet-0aaaaaaaaaaaaaaa3".into(),
            other_subnet: "subnet-0ccccccccccccccc4".into(),
        }
    }

    fn fill(&self, text: &str) -> String {
        text.replace("{vpc}", &self.vpc)
            .replace("{subnet_a}", &self.subnet_a)
            .replace("{subnet_b}", &self.subnet_b)
            .replace("{subnet_a2}", &self.subnet_a2)
            .replace("{other_subnet}", &self.other_subnet)
    }
}

/// The whole configuration of `case`, and its offending line.
fn configuration(case: &Case, ids: &Ids) -> (String, String) {
    let body = match case.target {
        Target::Provider | Target::Network => format!("{PROVIDER}\n{NETWORK}"),
        Target::Service => format!("{PROVIDER}\n{NETWORK}\n{SERVICE}"),
        Target::Consumer => format!("{PROVIDER}\n{CONSUMER}"),
        Target::Accepter => format!("{PROVIDER}\n{ACCEPTER}"),
    };
    let body = ids.fill(&body);
    let (from, to) = (ids.fill(case.replace), ids.fill(case.with));
    assert!(
        body.matches(&from).count() == 1,
        "{}: {from:?} is not once in the base configuration",
        case.id
    );
    let config = body.replacen(&from, &to, 1);
    (config, offending_line(&to).to_string())
}

/// The line of a replacement the error must point at: its first attribute
/// line (inside a block it opens), else its first line.
fn offending_line(with: &str) -> &str {
    with.lines()
        .find(|l| l.contains(" = "))
        .or_else(|| with.lines().next())
        .unwrap_or_default()
}

/// The number of the line `offending` in the workspace's main.tf.
fn line_number(ws: &Workspace, case: &Case, offending: &str) -> usize {
    let written = std::fs::read_to_string(ws.work_dir().join("main.tf")).unwrap();
    written
        .lines()
        .position(|l| l == offending)
        .unwrap_or_else(|| panic!("{}: offending line {offending:?} not found", case.id))
        + 1
}

terraform_test_latest!(
    every_invalid_configuration_is_rejected_on_its_line_before_any_change,
    |ws: Workspace| {
        let aws = LocalAws::session();
        let ids = block_on(async {
            let client = ec2(&aws.url);
            let (vpc, subnets) = create_network(
                &client,
                "10.20.0.0/16",
                &[("Name", "workload-dev")],
                &[
                    ("us-east-1a", "10.20.1.0/24", "private"),
                    ("us-east-1b", "10.20.2.0/24", "private"),
                    ("us-east-1a", "10.20.3.0/24", "crowded"),
                ],
            )
            .await;
            let (_, other) = create_network(
                &client,
                "10.30.0.0/16",
                &[("Name", "other")],
                &[("us-east-1b", "10.30.1.0/24", "private")],
            )
            .await;
            Ids {
                vpc,
                subnet_a: subnets[0].clone(),
                subnet_b: subnets[1].clone(),
                subnet_a2: subnets[2].clone(),
                other_subnet: other[0].clone(),
            }
        });
        let ws = ws.with_aws(&aws.url);
        ws.write_config(&configuration(&CATALOGUE[0], &ids).0);
        ws.init();

        let mut failures = Vec::new();
        for case in CATALOGUE {
            let (config, offending) = configuration(case, &ids);
            ws.write_config(&config);
            let line = line_number(&ws, case, &offending);
            aws.reset_calls();
            let out = ws.run(&["plan", "-input=false", "-no-color"]);
            let flat = out.flat();
            let mutating: Vec<String> = aws
                .calls()
                .into_iter()
                .filter(|(_, action, _)| is_mutating(action))
                .map(|(service, action, n)| format!("{service}:{action} x{n}"))
                .collect();
            let at_line = format!("on main.tf line {line}");
            let mut problems = Vec::new();
            if out.success {
                problems.push("plan succeeded".to_string());
            }
            if !flat.contains(case.says) {
                problems.push(format!("no {:?}", case.says));
            }
            if !flat.contains(&at_line) {
                problems.push(format!("not {at_line}"));
            }
            if !mutating.is_empty() {
                problems.push(format!("mutating calls {mutating:?}"));
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{}: {}\n    {}",
                    case.id,
                    problems.join("; "),
                    flat
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} invalid configurations were not rejected as promised:\n{}",
            failures.len(),
            CATALOGUE.len(),
            failures.join("\n")
        );
    }
);

/// The docs table, one row per case.
fn table() -> String {
    let mut out = String::from(
        "---\npage_title: \"Invalid configurations - privatelink\"\ndescription: |-\n  What the provider rejects before it changes anything.\n---\n\n# Invalid configurations\n\n\
Every configuration below is rejected at `terraform validate` or `terraform plan`, with the error on\n\
the line of the offending attribute, before any AWS object is created or changed (the acceptance\n\
test `bad_input` applies each one against the embedded AWS and checks its call log). Checks that\n\
need AWS (subnets, zones, clusters, services) run at plan and only read.\n\n\
| # | Where | Invalid input | Terraform says |\n| --- | --- | --- | --- |\n",
    );
    for (i, case) in CATALOGUE.iter().enumerate() {
        let input = offending_line(&Ids::example().fill(case.with))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {} | {} (`{}`) | {} |\n",
            i + 1,
            case.target.label(),
            case.what,
            input,
            case.says.replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn the_docs_table_lists_the_catalogue() {
    let path = repo_root().join("docs/invalid-configurations.md");
    let text = table();
    if std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        text,
        "docs/invalid-configurations.md is out of date: UPDATE_DOCS=1 cargo nextest run --workspace --test acceptance the_docs_table"
    );
    assert!(CATALOGUE.len() >= 40, "{}", CATALOGUE.len());
}

crate::terraform_test!(
    an_error_in_a_nested_attribute_points_at_its_own_line,
    |ws: Workspace| {
        let ids = Ids::example();
        let case = CATALOGUE
            .iter()
            .find(|c| c.id == "service-port-high")
            .expect("the case");
        let (config, offending) = configuration(case, &ids);
        let ws = ws.with_aws("http://127.0.0.1:9");
        ws.write_config(&config);
        ws.init();
        let line = line_number(&ws, case, &offending);
        let out = ws.fails(&["validate", "-no-color"]);
        let flat = out.flat();
        assert!(flat.contains(&format!("on main.tf line {line}")), "{flat}");
        assert!(flat.contains(case.says), "{flat}");
    }
);
