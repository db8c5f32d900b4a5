//! GitHub Actions for every account workspace: on pull requests, fmt,
//! validate and plan of each directory in each environment; on merge,
//! apply in dependency order (networking, security, shared services,
//! provider accounts, consumer accounts), dev then staging then prod, each
//! environment behind its GitHub environment's protection rules. AWS access
//! is by OIDC: the jobs assume `settings.ci_role` in the account.

use super::common::{state_bucket, state_key};
use crate::catalog::{Account, AccountKind, Catalog};
use crate::generate::hcl::ident;
use crate::yaml::{Yaml, map, s, to_string};

/// Terraform version the workflows install.
const TERRAFORM_VERSION: &str = "1.11.4";

/// One Terraform root directory the workflows run.
struct Stage<'a> {
    /// Directory from the repository root.
    dir: String,
    /// Key of its state in the account's bucket.
    key: String,
    account: &'a Account,
    /// Whether its inputs beyond the catalog come from a secret.
    base: bool,
}

fn stages(catalog: &Catalog) -> Vec<Vec<Stage<'_>>> {
    let base = |kind: AccountKind, dir: &str| -> Vec<Stage<'_>> {
        catalog
            .accounts
            .iter()
            .filter(|a| *a.kind.get_ref() == kind)
            .take(1)
            .map(|account| Stage {
                dir: dir.to_string(),
                key: format!("{dir}/terraform.tfstate"),
                account,
                base: true,
            })
            .collect()
    };
    let workloads = |kind: AccountKind| -> Vec<Stage<'_>> {
        catalog
            .accounts
            .iter()
            .filter(|a| *a.kind.get_ref() == kind)
            .map(|account| Stage {
                dir: format!("terraform-workloads/{}", account.name.get_ref()),
                key: state_key(account),
                account,
                base: false,
            })
            .collect()
    };
    [
        base(AccountKind::Networking, "terraform-base-infra"),
        base(AccountKind::Security, "terraform-security-account"),
        base(
            AccountKind::SharedServices,
            "terraform-shared-services-account",
        ),
        workloads(AccountKind::Provider),
        workloads(AccountKind::Consumer),
    ]
    .into_iter()
    .filter(|stage| !stage.is_empty())
    .collect()
}

fn header() -> String {
    let marker = super::MARKER;
    format!(
        "{marker}\n# change terraform-workloads/catalog.toml and run `privatelink-gen generate`.\n\n"
    )
}

fn job_id(env: &str, stage: &Stage) -> String {
    format!("{env}_{}", ident(&stage.dir.replace('/', "_")))
}

/// The steps every job runs, up to `terraform validate`.
fn common_steps(catalog: &Catalog, stage: &Stage, env: &str, ci_role: &str) -> Vec<Yaml> {
    let account = stage.account;
    let bucket = state_bucket(catalog, account);
    let prefix = catalog.settings.name_prefix.get_ref();
    let region = account.region.get_ref();
    let mut steps = vec![
        map(vec![("uses", s("actions/checkout@v4"))]),
        map(vec![
            ("uses", s("hashicorp/setup-terraform@v3")),
            (
                "with",
                map(vec![
                    ("terraform_version", s(TERRAFORM_VERSION)),
                    ("terraform_wrapper", Yaml::Bool(false)),
                ]),
            ),
        ]),
        map(vec![
            ("name", s("AWS credentials (OIDC)")),
            ("uses", s("aws-actions/configure-aws-credentials@v4")),
            (
                "with",
                map(vec![
                    (
                        "role-to-assume",
                        s(format!(
                            "arn:aws:iam::{}:role/{ci_role}",
                            account.id.get_ref()
                        )),
                    ),
                    ("aws-region", s(region.as_str())),
                ]),
            ),
        ]),
    ];
    if stage.base {
        steps.push(map(vec![
            ("name", s("Inputs beyond the catalog")),
            (
                "env",
                map(vec![(
                    "TFVARS",
                    s(format!(
                        "${{{{ secrets.TFVARS_{} }}}}",
                        ident(&stage.dir).to_uppercase()
                    )),
                )]),
            ),
            ("run", s("printf '%s\\n' \"$TFVARS\" > ci.auto.tfvars")),
        ]));
    }
    steps.push(map(vec![("run", s("terraform fmt -check -diff"))]));
    steps.push(map(vec![(
        "run",
        Yaml::Block(format!(
            "terraform init -input=false \\\n  -backend-config=\"bucket={bucket}\" \\\n  -backend-config=\"key={key}\" \\\n  -backend-config=\"region={region}\" \\\n  -backend-config=\"dynamodb_table={prefix}-tflock\" \\\n  -backend-config=\"encrypt=true\" \\\n  -backend-config=\"kms_key_id=alias/{prefix}-tfstate\"\nterraform workspace select -or-create {env}\nterraform validate",
            key = stage.key,
        )),
    )]));
    steps
}

fn job(
    catalog: &Catalog,
    stage: &Stage,
    env: &str,
    ci_role: &str,
    apply: bool,
    needs: &[String],
) -> Yaml {
    let mut steps = common_steps(catalog, stage, env, ci_role);
    steps.push(map(vec![(
        "run",
        s(if apply {
            "terraform apply -input=false -auto-approve"
        } else {
            "terraform plan -input=false -lock=false"
        }),
    )]));
    let mut pairs: Vec<(String, Yaml)> = vec![
        (
            "name".into(),
            s(format!(
                "{} {env} ({})",
                if apply { "apply" } else { "plan" },
                stage.dir
            )),
        ),
        ("runs-on".into(), s("ubuntu-latest")),
    ];
    if !needs.is_empty() {
        pairs.push((
            "needs".into(),
            Yaml::List(needs.iter().map(|n| s(n.as_str())).collect()),
        ));
    }
    // Plans run in <env>-plan (no reviewers), applies in <env> (gated).
    let environment = if apply {
        env.to_string()
    } else {
        format!("{env}-plan")
    };
    pairs.push(("environment".into(), s(environment)));
    let mut env_vars = vec![("TF_IN_AUTOMATION", s("1"))];
    if !stage.base {
        env_vars.push(("TF_VAR_external_id", s("${{ secrets.EXTERNAL_ID }}")));
    }
    pairs.push(("env".into(), map(env_vars)));
    pairs.push((
        "defaults".into(),
        map(vec![(
            "run",
            map(vec![("working-directory", s(stage.dir.as_str()))]),
        )]),
    ));
    pairs.push(("steps".into(), Yaml::List(steps)));
    Yaml::Map(pairs)
}

fn permissions() -> Yaml {
    map(vec![("id-token", s("write")), ("contents", s("read"))])
}

fn paths() -> Yaml {
    Yaml::List(
        [
            "terraform-base-infra/**",
            "terraform-security-account/**",
            "terraform-shared-services-account/**",
            "terraform-modules/**",
            "terraform-workloads/**",
        ]
        .iter()
        .map(|p| s(*p))
        .collect(),
    )
}

fn plan_workflow(catalog: &Catalog, ci_role: &str) -> String {
    let mut jobs: Vec<(String, Yaml)> = vec![(
        "generated".into(),
        map(vec![
            ("name", s("generated files are up to date")),
            ("runs-on", s("ubuntu-latest")),
            (
                "steps",
                Yaml::List(vec![
                    map(vec![("uses", s("actions/checkout@v4"))]),
                    map(vec![(
                        "run",
                        s("cargo run --quiet -p privatelink-gen -- check"),
                    )]),
                ]),
            ),
        ]),
    )];
    for env in &catalog.environments {
        for stage in stages(catalog).iter().flatten() {
            let env = env.name.get_ref();
            jobs.push((
                job_id(env, stage),
                job(
                    catalog,
                    stage,
                    env,
                    ci_role,
                    false,
                    &["generated".to_string()],
                ),
            ));
        }
    }
    let doc = map(vec![
        ("name", s("terraform plan")),
        (
            "on",
            map(vec![("pull_request", map(vec![("paths", paths())]))]),
        ),
        ("permissions", permissions()),
        ("jobs", Yaml::Map(jobs)),
    ]);
    header() + &to_string(&doc)
}

fn apply_workflow(catalog: &Catalog, ci_role: &str) -> String {
    let mut jobs: Vec<(String, Yaml)> = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    for env in &catalog.environments {
        let env = env.name.get_ref();
        for stage in stages(catalog) {
            let ids: Vec<String> = stage.iter().map(|st| job_id(env, st)).collect();
            for (st, id) in stage.iter().zip(&ids) {
                jobs.push((id.clone(), job(catalog, st, env, ci_role, true, &previous)));
            }
            previous = ids;
        }
    }
    let doc = map(vec![
        ("name", s("terraform apply")),
        (
            "on",
            map(vec![(
                "push",
                map(vec![
                    ("branches", Yaml::List(vec![s("main")])),
                    ("paths", paths()),
                ]),
            )]),
        ),
        ("permissions", permissions()),
        (
            "concurrency",
            map(vec![
                ("group", s("terraform-apply")),
                ("cancel-in-progress", Yaml::Bool(false)),
            ]),
        ),
        ("jobs", Yaml::Map(jobs)),
    ]);
    header() + &to_string(&doc)
}

/// The workflow files by name, when the catalog names a CI role.
pub fn files(catalog: &Catalog) -> Vec<(String, String)> {
    let Some(role) = &catalog.settings.ci_role else {
        return Vec::new();
    };
    vec![
        (
            "terraform-plan.yml".into(),
            plan_workflow(catalog, role.get_ref()),
        ),
        (
            "terraform-apply.yml".into(),
            apply_workflow(catalog, role.get_ref()),
        ),
    ]
}
