//! The catalog: the one TOML file that describes every account,
//! environment, service and consumer. Every value a validation error can
//! point at keeps its source span.

mod database;
mod load;

pub use database::{
    Backup, DEFAULT_DATABASE_NAME, Database, DynamoDb, PerEnvironment, Postgres, Redis, Sizing,
};
pub use load::{LoadError, parse};

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The whole catalog file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Settings every account shares.
    pub settings: Settings,
    /// Every AWS account of the system.
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// The environments, each a Terraform workspace in every directory.
    #[serde(default)]
    pub environments: Vec<Environment>,
    /// Services exposed through PrivateLink by provider accounts.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Applications in consumer accounts that call services.
    #[serde(default)]
    pub consumers: Vec<Consumer>,
}

/// Settings every account shares.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// terraform-base-infra's `name_prefix`. It names the connectivity
    /// reader role and, as bootstrap does, each account's state bucket
    /// (`<prefix>-tfstate-<account id>-<region>`), lock table
    /// (`<prefix>-tflock`) and KMS key (`alias/<prefix>-tfstate`).
    pub name_prefix: Spanned<String>,
    /// Zone ids (e.g. `use1-az1`) of the two zones every VPC uses; ids, not
    /// names, so that consumer endpoints land in the services' zones.
    pub zone_ids: Spanned<Vec<String>>,
    /// `Project` tag of every resource.
    pub project: Spanned<String>,
    /// Name of the role GitHub Actions assumes (OIDC) in every account to
    /// run Terraform; when set, the CI workflows are generated.
    #[serde(default)]
    pub ci_role: Option<Spanned<String>>,
}

/// What an account is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccountKind {
    /// Owns the Transit Gateway (terraform-base-infra).
    Networking,
    /// Audit and logging (terraform-security-account).
    Security,
    /// CI and shared tooling (terraform-shared-services-account).
    SharedServices,
    /// Runs services and exposes them through PrivateLink.
    Provider,
    /// Runs applications that call services through endpoints.
    Consumer,
}

impl AccountKind {
    /// The catalog spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Networking => "networking",
            AccountKind::Security => "security",
            AccountKind::SharedServices => "shared-services",
            AccountKind::Provider => "provider",
            AccountKind::Consumer => "consumer",
        }
    }

    /// Whether the generator writes a workspace directory for it.
    pub fn is_workload(self) -> bool {
        matches!(self, AccountKind::Provider | AccountKind::Consumer)
    }
}

/// One AWS account.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Directory and reference name, e.g. `orders-provider`.
    pub name: Spanned<String>,
    /// The 12-digit account id.
    pub id: Spanned<String>,
    /// The region everything of the account lives in.
    pub region: Spanned<String>,
    /// Name of the role Terraform assumes in the account.
    pub role: Spanned<String>,
    /// What the account is for.
    pub kind: Spanned<AccountKind>,
    /// The workload VPC's CIDR block per environment (workload accounts).
    #[serde(default)]
    pub vpc_cidrs: BTreeMap<String, Spanned<String>>,
    /// Transit Gateway attachment id per environment, recorded after the
    /// account's first apply (its `attachment_id` output), so that
    /// terraform-base-infra accepts, associates and propagates it.
    #[serde(default)]
    pub attachment_ids: BTreeMap<String, Spanned<String>>,
}

/// One environment (a Terraform workspace), with the sizes of its tasks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// `dev`, `staging` or `prod`.
    pub name: Spanned<String>,
    /// Fargate CPU units of every task.
    pub cpu: Spanned<i64>,
    /// Fargate memory (MiB) of every task.
    pub memory: Spanned<i64>,
    /// Tasks each service starts with.
    pub desired_count: Spanned<i64>,
    /// Autoscaling lower bound.
    pub min_capacity: Spanned<i64>,
    /// Autoscaling upper bound.
    pub max_capacity: Spanned<i64>,
    /// Log retention in days.
    pub log_retention_days: Spanned<i64>,
}

/// A service one provider account exposes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Service name; with the environment it names the AWS objects.
    pub name: Spanned<String>,
    /// The provider account that runs it.
    pub account: Spanned<String>,
    /// Container (and listener) port.
    pub port: Spanned<i64>,
    /// Container image; `{environment}` is replaced by the workspace name.
    pub image: Spanned<String>,
    /// HTTP path of the target group's health check.
    #[serde(default = "default_health_path")]
    pub health_path: Spanned<String>,
    /// Environment variables of the container.
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// Consumer accounts allowed to connect.
    #[serde(default)]
    pub allowed_consumers: Vec<Spanned<String>>,
    /// The service's data tier (Aurora PostgreSQL, DynamoDB, Redis), if any.
    #[serde(default)]
    pub database: Option<Spanned<Database>>,
}

fn default_health_path() -> Spanned<String> {
    Spanned::new(0..0, "/health".to_string())
}

/// An application in a consumer account that calls services.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consumer {
    /// Application name.
    pub name: Spanned<String>,
    /// The consumer account that runs it.
    pub account: Spanned<String>,
    /// Container port.
    pub port: Spanned<i64>,
    /// Container image; `{environment}` is replaced by the workspace name.
    pub image: Spanned<String>,
    /// Environment variables of the container.
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// Services it calls.
    #[serde(default)]
    pub services: Vec<Spanned<String>>,
}

impl Catalog {
    /// The account named `name`.
    pub fn account(&self, name: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.name.get_ref() == name)
    }

    /// The service named `name`.
    pub fn service(&self, name: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.name.get_ref() == name)
    }

    /// The networking account (validation makes sure there is one).
    pub fn networking(&self) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|a| *a.kind.get_ref() == AccountKind::Networking)
    }

    /// Workload (provider and consumer) accounts, in catalog order.
    pub fn workload_accounts(&self) -> impl Iterator<Item = &Account> {
        self.accounts
            .iter()
            .filter(|a| a.kind.get_ref().is_workload())
    }

    /// Services run by `account`.
    pub fn services_of<'a>(&'a self, account: &'a str) -> impl Iterator<Item = &'a Service> {
        self.services
            .iter()
            .filter(move |s| s.account.get_ref() == account)
    }

    /// Consumers run by `account`.
    pub fn consumers_of<'a>(&'a self, account: &'a str) -> impl Iterator<Item = &'a Consumer> {
        self.consumers
            .iter()
            .filter(move |c| c.account.get_ref() == account)
    }

    /// Services the consumers of `account` call, each once, sorted by name.
    pub fn services_consumed_by(&self, account: &str) -> Vec<&Service> {
        let names: std::collections::BTreeSet<&str> = self
            .consumers_of(account)
            .flat_map(|c| c.services.iter().map(|s| s.get_ref().as_str()))
            .collect();
        names.into_iter().filter_map(|n| self.service(n)).collect()
    }

    /// Consumer accounts that call `service`, each once, sorted by name.
    pub fn accounts_consuming(&self, service: &str) -> Vec<&Account> {
        let names: std::collections::BTreeSet<&str> = self
            .consumers
            .iter()
            .filter(|c| c.services.iter().any(|s| s.get_ref() == service))
            .map(|c| c.account.get_ref().as_str())
            .collect();
        names.into_iter().filter_map(|n| self.account(n)).collect()
    }
}

impl Account {
    /// ARN of the role Terraform assumes in the account.
    pub fn role_arn(&self) -> String {
        format!(
            "arn:aws:iam::{}:role/{}",
            self.id.get_ref(),
            self.role.get_ref()
        )
    }
}
