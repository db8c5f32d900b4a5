//! What every workload account's root module has: versions and backend,
//! providers, inputs, per-environment settings and the workspace guard.

use super::hcl::{
    B, block, body, call, conditional, object, r, resource, string, strings, template,
};
use super::hcl_file;
use crate::catalog::{Account, Catalog};
use hcl::Expression;

/// Terraform versions the generated modules accept. 1.6.1 is the floor for
/// the S3 backend's `assume_role` object (terraform_remote_state) and the
/// KMS alias fix; `check`/preconditions need less.
pub const REQUIRED_VERSION: &str = ">= 1.6.1";
/// hashicorp/aws versions, as the base accounts pin them.
pub const AWS_VERSION: &str = ">= 5.81.0, < 6.0.0";
/// The privatelink provider, as the repository's examples use it.
pub const PRIVATELINK_SOURCE: &str = "privatelink-labs/privatelink";
/// The privatelink provider's version constraint.
pub const PRIVATELINK_VERSION: &str = "~> 0.1";

/// The shared files of `account`'s directory, by file name.
pub fn files(catalog: &Catalog, account: &Account) -> Vec<(String, String)> {
    vec![
        ("versions.tf".into(), versions()),
        ("backend.tf".into(), backend()),
        (
            "backend.hcl.example".into(),
            backend_example(catalog, account),
        ),
        ("providers.tf".into(), providers(catalog, account)),
        ("variables.tf".into(), variables()),
        ("locals.tf".into(), locals(catalog, account)),
        ("guard.tf".into(), guard()),
    ]
}

fn versions() -> String {
    let requirement = |source: &str, version: &str| {
        object(vec![
            ("source", string(source)),
            ("version", string(version)),
        ])
    };
    hcl_file(
        &[
            "1.6.1 is the floor: terraform_remote_state's S3 `assume_role` object",
            "needs 1.6, and 1.6.0's S3 backend rejects a KMS alias as kms_key_id.",
        ],
        &body(vec![
            block("terraform", &[])
                .attr("required_version", string(REQUIRED_VERSION))
                .child(
                    block("required_providers", &[])
                        .attr("aws", requirement("hashicorp/aws", AWS_VERSION))
                        .attr(
                            "privatelink",
                            requirement(PRIVATELINK_SOURCE, PRIVATELINK_VERSION),
                        ),
                ),
        ]),
    )
}

fn backend() -> String {
    hcl_file(
        &[
            "State lives in this account's bucket and lock table (terraform-base-infra/bootstrap);",
            "the rest comes from a -backend-config file (see backend.hcl.example):",
            "",
            "  terraform init -backend-config=backend.hcl",
            "",
            "Workspaces (dev, staging, prod) are stored under env:/<workspace>/<key>.",
        ],
        &body(vec![
            block("terraform", &[]).child(block("backend", &["s3"])),
        ]),
    )
}

/// The state bucket of `account`.
pub fn state_bucket(catalog: &Catalog, account: &Account) -> String {
    format!(
        "{}-tfstate-{}-{}",
        catalog.settings.name_prefix.get_ref(),
        account.id.get_ref(),
        account.region.get_ref()
    )
}

/// The state key of `account`'s directory.
pub fn state_key(account: &Account) -> String {
    format!(
        "terraform-workloads/{}/terraform.tfstate",
        account.name.get_ref()
    )
}

fn backend_example(catalog: &Catalog, account: &Account) -> String {
    let mut text = super::header("#");
    text.push_str("# Copy to backend.hcl (not committed); the bucket and table come from\n");
    text.push_str("# terraform-base-infra/bootstrap in this account.\n");
    let attributes = hcl::Body::builder()
        .add_attribute(("bucket", state_bucket(catalog, account)))
        .add_attribute(("key", state_key(account)))
        .add_attribute(("region", account.region.get_ref().clone()))
        .add_attribute((
            "dynamodb_table",
            format!("{}-tflock", catalog.settings.name_prefix.get_ref()),
        ))
        .add_attribute(("encrypt", true))
        .add_attribute((
            "kms_key_id",
            format!("alias/{}-tfstate", catalog.settings.name_prefix.get_ref()),
        ))
        .build();
    text.push_str(&crate::hclfmt::format_body(&attributes));
    text
}

/// Tags every resource of `account` carries (the providers' default_tags).
fn tags(catalog: &Catalog, account: &Account) -> Expression {
    object(vec![
        ("Project", string(catalog.settings.project.get_ref())),
        (
            "Component",
            string(&format!("terraform-workloads/{}", account.name.get_ref())),
        ),
        ("Environment", r("local.environment").into()),
        ("ManagedBy", string("Terraform")),
        ("AccountType", string(account.kind.get_ref().as_str())),
    ])
}

fn assume_role(role_arn: &str) -> B {
    block("assume_role", &[]).attr("role_arn", string(role_arn))
}

fn providers(catalog: &Catalog, account: &Account) -> String {
    let networking = catalog
        .networking()
        .expect("validated: one networking account");
    let reader_role = template(&format!(
        "arn:aws:iam::{}:role/{}-${{local.settings_key}}-{}-connectivity-reader",
        networking.id.get_ref(),
        catalog.settings.name_prefix.get_ref(),
        networking.region.get_ref()
    ));
    let default_tags = || block("default_tags", &[]).attr("tags", r("local.tags"));
    hcl_file(
        &[
            "This account, through the catalog's role; the provider refuses any other account.",
            "The networking account is only read, through terraform-base-infra's connectivity",
            "reader role (external id per environment: TF_VAR_external_id).",
        ],
        &body(vec![
            block("provider", &["aws"])
                .attr("region", string(account.region.get_ref()))
                .attr("allowed_account_ids", strings([account.id.get_ref()]))
                .child(assume_role(&account.role_arn()))
                .child(default_tags()),
            block("provider", &["privatelink"])
                .attr("region", string(account.region.get_ref()))
                .child(assume_role(&account.role_arn()))
                .child(default_tags()),
            block("provider", &["aws"])
                .attr("alias", string("networking"))
                .attr("region", string(networking.region.get_ref()))
                .child(
                    block("assume_role", &[])
                        .attr("role_arn", reader_role)
                        .attr("external_id", r("var.external_id"))
                        .attr(
                            "session_name",
                            template(&format!(
                                "{}-${{local.environment}}",
                                account.name.get_ref()
                            )),
                        ),
                ),
        ]),
    )
}

fn variables() -> String {
    hcl_file(
        &[],
        &body(vec![
            block("variable", &["external_id"])
                .attr(
                    "description",
                    string("This environment's external id of terraform-base-infra's connectivity reader role (its external_ids entry)."),
                )
                .attr("type", r("string"))
                .attr("sensitive", true)
                .child(
                    block("validation", &[])
                        .attr("condition", Expression::from(hcl::expr::BinaryOp::new(call("length", vec![r("var.external_id").into()]), hcl::expr::BinaryOperator::GreaterEq, 16)))
                        .attr("error_message", string("external_id must be at least 16 characters.")),
                ),
        ]),
    )
}

fn locals(catalog: &Catalog, account: &Account) -> String {
    let mut environments = Vec::new();
    for env in &catalog.environments {
        let name = env.name.get_ref();
        let own = account
            .vpc_cidrs
            .get(name)
            .map(|c| c.get_ref().clone())
            .unwrap_or_default();
        let peers: Vec<String> = catalog
            .workload_accounts()
            .filter(|a| a.name.get_ref() != account.name.get_ref())
            .filter_map(|a| a.vpc_cidrs.get(name).map(|c| c.get_ref().clone()))
            .collect();
        // One route per private route table (one per zone) and peer CIDR.
        let peer_routes = object(
            peers
                .iter()
                .flat_map(|cidr| {
                    (0..2).map(move |table| {
                        (
                            format!("{table}-{cidr}"),
                            object(vec![
                                ("table", Expression::from(table)),
                                ("cidr", string(cidr)),
                            ]),
                        )
                    })
                })
                .collect(),
        );
        environments.push((
            name.clone(),
            object(vec![
                ("vpc_cidr", string(&own)),
                ("peer_routes", peer_routes),
                (
                    "routes_enabled",
                    Expression::Bool(account.attachment_ids.contains_key(name)),
                ),
                ("cpu", Expression::from(*env.cpu.get_ref())),
                ("memory", Expression::from(*env.memory.get_ref())),
                (
                    "desired_count",
                    Expression::from(*env.desired_count.get_ref()),
                ),
                (
                    "min_capacity",
                    Expression::from(*env.min_capacity.get_ref()),
                ),
                (
                    "max_capacity",
                    Expression::from(*env.max_capacity.get_ref()),
                ),
                (
                    "log_retention_days",
                    Expression::from(*env.log_retention_days.get_ref()),
                ),
            ]),
        ));
    }
    let first = catalog
        .environments
        .first()
        .map(|e| e.name.get_ref().clone())
        .unwrap_or_default();
    let known = r("local.known_environment");
    hcl_file(
        &[
            "Values that differ per environment; the workspace name selects one. An unknown",
            "workspace falls back to the first environment's values only so that the plan gets",
            "far enough for the guard (guard.tf) to stop it with a clear message.",
            "peer_routes: one route per private route table and CIDR of the environment's other",
            "workload VPCs, reached through the transit gateway; created once the catalog records",
            "the environment's attachment id (routes_enabled), i.e. terraform-base-infra has accepted it.",
        ],
        &body(vec![
            block("locals", &[])
                .attr("environments", object(environments))
                .attr("environment", r("terraform.workspace"))
                .attr(
                    "known_environment",
                    call(
                        "contains",
                        vec![
                            call("keys", vec![r("local.environments").into()]),
                            r("local.environment").into(),
                        ],
                    ),
                )
                .attr(
                    "settings_key",
                    conditional(known, r("local.environment"), string(&first)),
                )
                .attr(
                    "settings",
                    r("local.environments").index(r("local.settings_key")),
                )
                .attr(
                    "name",
                    template(&format!(
                        "{}-${{local.environment}}",
                        account.name.get_ref()
                    )),
                )
                .attr("tags", tags(catalog, account)),
        ]),
    )
}

fn guard() -> String {
    let message = "Workspace \"${terraform.workspace}\" is not an environment of this directory. Run `terraform workspace select -or-create dev` (or another environment of the catalog); the default workspace is deliberately unsupported.";
    hcl_file(
        &[
            "Every plan reads the caller identity; its precondition stops the plan before",
            "anything is created when the workspace is not one of the catalog's environments.",
        ],
        &body(vec![
            super::hcl::data("aws_caller_identity", "current").child(
                block("lifecycle", &[]).child(
                    block("precondition", &[])
                        .attr("condition", r("local.known_environment"))
                        .attr("error_message", template(message)),
                ),
            ),
        ]),
    )
}

/// The task execution role of the ECS tasks `name` (`<name>-<environment>-execution`,
/// Terraform address suffix `{id}_execution`) with AWS's managed execution
/// policy: what pulls the image and writes the logs.
pub fn execution_role(id: &str, name: &str) -> [B; 2] {
    [
        resource("aws_iam_role", &format!("{id}_execution"))
            .attr(
                "name",
                template(&format!("{name}-${{local.environment}}-execution")),
            )
            .attr(
                "assume_role_policy",
                r("data.aws_iam_policy_document.ecs_tasks.json"),
            ),
        resource("aws_iam_role_policy_attachment", &format!("{id}_execution"))
            .attr("role", r(&format!("aws_iam_role.{id}_execution.name")))
            .attr(
                "policy_arn",
                string("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"),
            ),
    ]
}
