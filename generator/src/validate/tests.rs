//! One test per validation rule: the message and where it points.

use super::validate;
use crate::catalog::parse;
use crate::diagnostics::line_column;

/// A small valid catalog; the tests below change one line of it.
pub(super) const BASE: &str = r#"[settings]
name_prefix = "plink"
zone_ids = ["use1-az1", "use1-az2"]
project = "demo"



[[accounts]]
name = "networking"
id = "111111111111"
region = "us-east-1"
role = "terraform"
kind = "networking"

[[accounts]]
name = "prov"
id = "222222222222"
region = "us-east-1"
role = "terraform"
kind = "provider"
vpc_cidrs = { dev = "10.1.0.0/16" }

[[accounts]]
name = "cons"
id = "333333333333"
region = "us-east-1"
role = "terraform"
kind = "consumer"
vpc_cidrs = { dev = "10.11.0.0/16" }

[[environments]]
name = "dev"
cpu = 256
memory = 512
desired_count = 1
min_capacity = 1
max_capacity = 3
log_retention_days = 7

[[services]]
name = "api"
account = "prov"
port = 8080
image = "app:{environment}"
allowed_consumers = ["cons"]

[[consumers]]
name = "web"
account = "cons"
port = 80
image = "web:1"
services = ["api"]
"#;

/// Problems of BASE with `old` replaced by `new`, as (line, column, message).
pub(super) fn problems_with(old: &str, new: &str) -> Vec<(usize, usize, String)> {
    assert!(BASE.contains(old), "{old} not in BASE");
    let source = BASE.replacen(old, new, 1);
    let catalog = parse(&source).unwrap_or_else(|e| panic!("{:?}", e.0));
    validate(&catalog)
        .into_iter()
        .map(|p| {
            let (line, column) = line_column(&source, p.span.start);
            (line, column, p.message)
        })
        .collect()
}

pub(super) fn only(problems: Vec<(usize, usize, String)>) -> (usize, usize, String) {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems.into_iter().next().unwrap()
}

#[test]
fn base_is_valid() {
    assert_eq!(problems_with("", ""), vec![]);
}

#[test]
fn unknown_account_reference() {
    let (line, column, message) = only(problems_with("account = \"prov\"", "account = \"nope\""));
    assert_eq!((line, column), (42, 11));
    assert_eq!(message, "unknown account \"nope\"");
}

#[test]
fn account_of_the_wrong_kind() {
    let (line, column, message) = only(problems_with("account = \"prov\"", "account = \"cons\""));
    assert_eq!((line, column), (42, 11));
    assert_eq!(
        message,
        "account \"cons\" is a consumer account, not a provider account"
    );
}

#[test]
fn unknown_service_reference() {
    let (line, column, message) = only(problems_with(
        "services = [\"api\"]",
        "services = [\"apx\"]",
    ));
    assert_eq!((line, column), (52, 13));
    assert_eq!(message, "unknown service \"apx\"");
}

#[test]
fn duplicate_account_name() {
    let problems = problems_with("name = \"cons\"\nid", "name = \"prov\"\nid");
    // References to "cons" fail now too; the duplicate is the second "prov".
    assert!(
        problems.contains(&(24, 8, "duplicate account name \"prov\"".to_string())),
        "{problems:#?}"
    );
}

#[test]
fn duplicate_name_points_at_the_second() {
    let source_change = problems_with("name = \"web\"", "name = \"api\"");
    assert_eq!(source_change, vec![]); // services and consumers are separate namespaces
    let problems = problems_with(
        "[[consumers]]\nname = \"web\"",
        "[[services]]\nname = \"api\"\naccount = \"prov\"\nport = 1\nimage = \"x\"\n\n[[consumers]]\nname = \"web\"",
    );
    let (line, column, message) = only(problems);
    assert_eq!((line, column), (48, 8));
    assert_eq!(message, "duplicate service name \"api\"");
}

#[test]
fn overlapping_cidrs() {
    let (line, column, message) = only(problems_with(
        "dev = \"10.11.0.0/16\"",
        "dev = \"10.1.128.0/17\"",
    ));
    assert_eq!((line, column), (29, 21));
    assert_eq!(
        message,
        "\"10.1.128.0/17\" of cons (dev) overlaps the VPC of prov (dev)"
    );
}

#[test]
fn cidr_with_host_bits() {
    let (line, column, message) = only(problems_with(
        "dev = \"10.11.0.0/16\"",
        "dev = \"10.11.0.1/16\"",
    ));
    assert_eq!((line, column), (29, 21));
    assert_eq!(message, "\"10.11.0.1/16\" has host bits set");
}

#[test]
fn missing_cidr_for_an_environment() {
    let (line, column, message) = only(problems_with(
        "vpc_cidrs = { dev = \"10.11.0.0/16\" }",
        "vpc_cidrs = {}",
    ));
    assert_eq!((line, column), (24, 8));
    assert_eq!(
        message,
        "workload account \"cons\" has no VPC CIDR for environment \"dev\""
    );
}

#[test]
fn invalid_fargate_pair() {
    let (line, column, message) = only(problems_with("memory = 512", "memory = 4096"));
    assert_eq!((line, column), (34, 10));
    assert_eq!(
        message,
        "memory 4096 MiB does not fit cpu 256 on Fargate; with cpu 256 use 512, 1024, 2048"
    );
}

#[test]
fn generated_name_too_long() {
    let long = "a".repeat(29);
    // The consumer's reference to "api" fails now too.
    let problems = problems_with("name = \"api\"", &format!("name = \"{long}\""));
    let expected = format!(
        "generated name \"{long}-dev\" must be 1 to 32 characters (it names the load balancer and target group), got 33"
    );
    assert!(problems.contains(&(41, 8, expected)), "{problems:#?}");
}

#[test]
fn account_id_format() {
    let (line, column, message) = only(problems_with(
        "id = \"222222222222\"",
        "id = \"22222222222\"",
    ));
    assert_eq!((line, column), (17, 6));
    assert_eq!(message, "account id \"22222222222\" is not 12 digits");
}

#[test]
fn consumer_not_allowed_by_the_service() {
    let (line, column, message) = only(problems_with(
        "allowed_consumers = [\"cons\"]",
        "allowed_consumers = []",
    ));
    assert_eq!((line, column), (52, 13));
    assert_eq!(
        message,
        "consumer \"web\" in account \"cons\" calls service \"api\", which does not allow that account"
    );
}

#[test]
fn unknown_environment_in_vpc_cidrs() {
    let (line, column, message) = only(problems_with(
        "vpc_cidrs = { dev = \"10.11.0.0/16\" }",
        "vpc_cidrs = { dev = \"10.11.0.0/16\", qa = \"10.21.0.0/16\" }",
    ));
    assert_eq!((line, column), (29, 42));
    assert_eq!(
        message,
        "vpc_cidrs of \"cons\" names unknown environment \"qa\""
    );
}

#[test]
fn environment_unknown_to_base_infra() {
    let problems = problems_with("name = \"dev\"", "name = \"qa\"");
    // The CIDR maps now name an unknown environment and miss "qa" too.
    assert!(
        problems.contains(&(
            32,
            8,
            "environment \"qa\" is not one terraform-base-infra knows".to_string()
        )),
        "{problems:#?}"
    );
}

#[test]
fn desired_count_outside_capacity() {
    let (line, column, message) = only(problems_with("desired_count = 1", "desired_count = 5"));
    assert_eq!((line, column), (35, 17));
    assert_eq!(
        message,
        "desired_count 5 is outside min_capacity..max_capacity (1..3)"
    );
}

#[test]
fn log_retention_value() {
    let (line, column, message) = only(problems_with(
        "log_retention_days = 7",
        "log_retention_days = 8",
    ));
    assert_eq!((line, column), (38, 22));
    assert_eq!(
        message,
        "log_retention_days 8 is not a CloudWatch Logs retention"
    );
}

#[test]
fn workload_region_differs_from_the_transit_gateway() {
    let (line, column, message) = only(problems_with(
        "id = \"333333333333\"\nregion = \"us-east-1\"",
        "id = \"333333333333\"\nregion = \"eu-west-1\"",
    ));
    assert_eq!((line, column), (26, 10));
    assert_eq!(
        message,
        "workload account \"cons\" is in eu-west-1, the Transit Gateway in us-east-1"
    );
}

#[test]
fn missing_networking_account() {
    let (line, column, message) = only(problems_with(
        "kind = \"networking\"",
        "kind = \"security\"",
    ));
    assert_eq!((line, column), (1, 1));
    assert_eq!(message, "the catalog has no networking account");
}

#[test]
fn role_given_as_arn() {
    let (line, column, message) = only(problems_with(
        "id = \"111111111111\"\nregion = \"us-east-1\"\nrole = \"terraform\"",
        "id = \"111111111111\"\nregion = \"us-east-1\"\nrole = \"arn:aws:iam::1:role/x\"",
    ));
    assert_eq!((line, column), (12, 8));
    assert_eq!(message, "\"arn:aws:iam::1:role/x\" is not an IAM role name");
}

#[test]
fn every_problem_is_reported() {
    let source = BASE
        .replacen("id = \"222222222222\"", "id = \"2\"", 1)
        .replacen("memory = 512", "memory = 4096", 1)
        .replacen("services = [\"api\"]", "services = [\"apx\"]", 1);
    let problems = validate(&parse(&source).unwrap());
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn attachment_id_format() {
    let (line, column, message) = only(problems_with(
        "vpc_cidrs = { dev = \"10.1.0.0/16\" }",
        "vpc_cidrs = { dev = \"10.1.0.0/16\" }\nattachment_ids = { dev = \"vpc-123\" }",
    ));
    assert_eq!((line, column), (22, 26));
    assert_eq!(
        message,
        "\"vpc-123\" is not a transit gateway attachment id"
    );
}

#[test]
fn workload_account_name_longer_than_base_infra_allows() {
    let long = format!("p{}", "x".repeat(31));
    let problems = problems_with("name = \"prov\"", &format!("name = \"{long}\""));
    // References to "prov" fail now too.
    let expected = format!("workload account name \"{long}\" is longer than 31 characters");
    assert!(problems.contains(&(16, 8, expected)), "{problems:#?}");
}
