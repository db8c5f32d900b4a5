//! Every check of the catalog that can be made before anything is written.
//! All problems are collected; none stops the others.

use crate::aws_rules::{ENVIRONMENT_NAMES, MAX_ROLE_NAME_LEN, is_role_name, is_simple_name};
use crate::catalog::{AccountKind, Catalog};
use crate::diagnostics::Problem;
use aws_rules::fargate::size_problem as fargate_size_problem;
use aws_rules::logs::retention_is_valid;
use aws_rules::names::service_name_problem;
use ipnet::Ipv4Net;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// Longest workload account name: terraform-base-infra's workload_vpcs keys.
const MAX_WORKLOAD_NAME_LEN: usize = 31;

/// Suffix of the longest IAM role name the generator derives from a name.
const LONGEST_ROLE_SUFFIX: &str = "-accept-endpoints";

/// Every problem of `catalog`, in source order.
pub fn validate(catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Problems::default();
    settings(catalog, &mut problems);
    accounts(catalog, &mut problems);
    environments(catalog, &mut problems);
    vpc_cidrs(catalog, &mut problems);
    attachment_ids(catalog, &mut problems);
    services(catalog, &mut problems);
    consumers(catalog, &mut problems);
    database::databases(catalog, &mut problems);
    let mut list = problems.0;
    list.sort_by_key(|p| (p.span.start, p.message.clone()));
    list
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.0.push(Problem::new(span, message, hint));
    }
}

fn environment_names(catalog: &Catalog) -> Vec<&str> {
    catalog
        .environments
        .iter()
        .map(|e| e.name.get_ref().as_str())
        .collect()
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// Reports every name seen before under the same `what`.
fn duplicates<'a>(
    what: &str,
    names: impl Iterator<Item = &'a Spanned<String>>,
    problems: &mut Problems,
) {
    let mut seen: BTreeMap<&str, Range<usize>> = BTreeMap::new();
    for name in names {
        if seen.contains_key(name.get_ref().as_str()) {
            problems.add(
                name.span(),
                format!("duplicate {what} name \"{}\"", name.get_ref()),
                format!("{what} names must be unique; rename or remove one of them"),
            );
        } else {
            seen.insert(name.get_ref(), name.span());
        }
    }
}

fn simple_name(what: &str, name: &Spanned<String>, problems: &mut Problems) {
    if !is_simple_name(name.get_ref()) {
        problems.add(
            name.span(),
            format!("{what} name \"{}\" is not a simple lower-case name", name.get_ref()),
            "use lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen",
        );
    }
}

fn settings(catalog: &Catalog, problems: &mut Problems) {
    let s = &catalog.settings;
    let prefix = s.name_prefix.get_ref();
    let prefix_ok = prefix.len() >= 2 && prefix.len() <= 12 && is_simple_name(prefix);
    if !prefix_ok {
        problems.add(
            s.name_prefix.span(),
            format!("name_prefix \"{prefix}\" is not a valid terraform-base-infra name_prefix"),
            "use 2-12 characters of a-z, 0-9 and '-', the same value as terraform-base-infra's name_prefix",
        );
    }
    let zones = s.zone_ids.get_ref();
    let zone_ok = |z: &String| {
        z.split_once("-az").is_some_and(|(region, n)| {
            region.len() >= 3 && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
        })
    };
    if zones.len() != 2 || !zones.iter().all(zone_ok) || zones[0] == zones[1] {
        problems.add(
            s.zone_ids.span(),
            "zone_ids must be two different availability zone ids",
            "zone ids look like \"use1-az1\"; `aws ec2 describe-availability-zones` lists them",
        );
    }
    if let Some(role) = &s.ci_role
        && !is_role_name(role.get_ref())
    {
        problems.add(
            role.span(),
            format!("\"{}\" is not an IAM role name", role.get_ref()),
            "give the name of the role GitHub Actions assumes through OIDC in every account",
        );
    }
    if s.project.get_ref().is_empty() {
        problems.add(
            s.project.span(),
            "project must not be empty",
            "it is the Project tag of every resource",
        );
    }
}

fn accounts(catalog: &Catalog, problems: &mut Problems) {
    duplicates(
        "account",
        catalog.accounts.iter().map(|a| &a.name),
        problems,
    );
    let networking: Vec<_> = catalog
        .accounts
        .iter()
        .filter(|a| *a.kind.get_ref() == AccountKind::Networking)
        .collect();
    match networking.as_slice() {
        [] => problems.add(
            0..0,
            "the catalog has no networking account",
            "add an [[accounts]] entry with kind = \"networking\": the account of terraform-base-infra's Transit Gateway",
        ),
        [_, extra @ ..] => {
            for account in extra {
                problems.add(
                    account.kind.span(),
                    format!("account \"{}\" is a second networking account", account.name.get_ref()),
                    "the workload VPCs attach to one Transit Gateway; keep one account with kind = \"networking\"",
                );
            }
        }
    }
    let home_region = networking.first().map(|a| a.region.get_ref().as_str());
    for account in &catalog.accounts {
        simple_name("account", &account.name, problems);
        let id = account.id.get_ref();
        if id.len() != 12 || !id.chars().all(|c| c.is_ascii_digit()) {
            problems.add(
                account.id.span(),
                format!("account id \"{id}\" is not 12 digits"),
                "an AWS account id is exactly 12 digits, e.g. \"222222222222\" (keep leading zeros, quote it)",
            );
        }
        let region = account.region.get_ref();
        if !is_region(region) {
            problems.add(
                account.region.span(),
                format!("\"{region}\" is not an AWS region name"),
                "use a region name such as \"us-east-1\"",
            );
        } else if account.kind.get_ref().is_workload()
            && home_region.is_some_and(|home| home != region)
        {
            problems.add(
                account.region.span(),
                format!(
                    "workload account \"{}\" is in {region}, the Transit Gateway in {}",
                    account.name.get_ref(),
                    home_region.unwrap_or_default()
                ),
                "Transit Gateway attachments and PrivateLink connect within one region; use the networking account's region",
            );
        }
        if !is_role_name(account.role.get_ref()) {
            problems.add(
                account.role.span(),
                format!("\"{}\" is not an IAM role name", account.role.get_ref()),
                "give the name (not the ARN) of the role Terraform assumes: up to 64 of A-Z a-z 0-9 +=,.@_-",
            );
        }
        if account.kind.get_ref().is_workload()
            && account.name.get_ref().len() > MAX_WORKLOAD_NAME_LEN
        {
            problems.add(
                account.name.span(),
                format!(
                    "workload account name \"{}\" is longer than {MAX_WORKLOAD_NAME_LEN} characters",
                    account.name.get_ref()
                ),
                "it is the workload's key in terraform-base-infra's workload_vpcs, which allows ^[a-z][a-z0-9-]{0,30}$",
            );
        }
        if account.kind.get_ref().is_workload() {
            let longest = account.name.get_ref().len()
                + 1
                + longest_environment(catalog)
                + LONGEST_ROLE_SUFFIX.len();
            if longest > MAX_ROLE_NAME_LEN {
                problems.add(
                    account.name.span(),
                    format!(
                        "account name \"{}\" makes IAM role names of {longest} characters (<account>-<environment>{LONGEST_ROLE_SUFFIX})",
                        account.name.get_ref()
                    ),
                    format!("IAM role names allow {MAX_ROLE_NAME_LEN} characters; shorten the account name"),
                );
            }
        }
    }
}

fn longest_environment(catalog: &Catalog) -> usize {
    environment_names(catalog)
        .iter()
        .map(|n| n.len())
        .max()
        .unwrap_or(0)
}

fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

fn environments(catalog: &Catalog, problems: &mut Problems) {
    if catalog.environments.is_empty() {
        problems.add(
            0..0,
            "the catalog has no environments",
            "add [[environments]] entries for dev, staging and prod",
        );
    }
    duplicates(
        "environment",
        catalog.environments.iter().map(|e| &e.name),
        problems,
    );
    for env in &catalog.environments {
        if !ENVIRONMENT_NAMES.contains(&env.name.get_ref().as_str()) {
            problems.add(
                env.name.span(),
                format!(
                    "environment \"{}\" is not one terraform-base-infra knows",
                    env.name.get_ref()
                ),
                format!("use one of {}", ENVIRONMENT_NAMES.join(", ")),
            );
        }
        if let Some(why) = fargate_size_problem(*env.cpu.get_ref(), *env.memory.get_ref()) {
            problems.add(
                env.memory.span(),
                why,
                "pick a memory value from the list (or another cpu)",
            );
        }
        let (min, desired, max) = (
            *env.min_capacity.get_ref(),
            *env.desired_count.get_ref(),
            *env.max_capacity.get_ref(),
        );
        if min < 1 || max < min {
            problems.add(
                env.max_capacity.span(),
                format!("capacity range {min}..{max} is empty or below 1"),
                "autoscaling needs 1 <= min_capacity <= max_capacity",
            );
        } else if desired < min || desired > max {
            problems.add(
                env.desired_count.span(),
                format!(
                    "desired_count {desired} is outside min_capacity..max_capacity ({min}..{max})"
                ),
                "autoscaling would move it at once; choose a value between the two",
            );
        }
        if !retention_is_valid(*env.log_retention_days.get_ref()) {
            problems.add(
                env.log_retention_days.span(),
                format!("log_retention_days {} is not a CloudWatch Logs retention", env.log_retention_days.get_ref()),
                "use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            );
        }
    }
}

fn vpc_cidrs(catalog: &Catalog, problems: &mut Problems) {
    let environments = environment_names(catalog);
    let mut networks: Vec<(Ipv4Net, String, Range<usize>)> = Vec::new();
    for account in &catalog.accounts {
        let name = account.name.get_ref();
        if !account.kind.get_ref().is_workload() {
            if let Some(cidr) = account.vpc_cidrs.values().next() {
                problems.add(
                    cidr.span(),
                    format!("account \"{name}\" is not a workload account but has vpc_cidrs"),
                    "only provider and consumer accounts get a generated VPC; remove vpc_cidrs",
                );
            }
            continue;
        }
        for env in &environments {
            if !account.vpc_cidrs.contains_key(*env) {
                problems.add(
                    account.name.span(),
                    format!(
                        "workload account \"{name}\" has no VPC CIDR for environment \"{env}\""
                    ),
                    format!("add {env} = \"10.x.0.0/16\" to its vpc_cidrs"),
                );
            }
        }
        for (env, cidr) in &account.vpc_cidrs {
            if !environments.contains(&env.as_str()) {
                problems.add(
                    cidr.span(),
                    format!("vpc_cidrs of \"{name}\" names unknown environment \"{env}\""),
                    format!("known environments: {}", list(&environments)),
                );
                continue;
            }
            let text = cidr.get_ref();
            let Ok(net) = text.parse::<Ipv4Net>() else {
                problems.add(
                    cidr.span(),
                    format!("\"{text}\" is not an IPv4 CIDR block"),
                    "write it like \"10.1.0.0/16\"",
                );
                continue;
            };
            if net.trunc() != net {
                problems.add(
                    cidr.span(),
                    format!("\"{text}\" has host bits set"),
                    format!("write the network address: \"{}\"", net.trunc()),
                );
                continue;
            }
            if !(16..=20).contains(&net.prefix_len()) {
                problems.add(
                    cidr.span(),
                    format!(
                        "\"{text}\" has prefix /{}; VPCs here are /16 to /20",
                        net.prefix_len()
                    ),
                    "the four subnets are carved with 8 more bits and must stay /28 or larger",
                );
                continue;
            }
            let owner = format!("{name} ({env})");
            if let Some((_, other, _)) = networks.iter().find(|(n, _, _)| overlaps(*n, net)) {
                problems.add(
                    cidr.span(),
                    format!("\"{text}\" of {owner} overlaps the VPC of {other}"),
                    "every workload VPC of every environment shares the Transit Gateway's routing; give each a separate range",
                );
            }
            networks.push((net, owner, cidr.span()));
        }
    }
}

fn attachment_ids(catalog: &Catalog, problems: &mut Problems) {
    let environments = environment_names(catalog);
    for account in &catalog.accounts {
        for (env, id) in &account.attachment_ids {
            let name = account.name.get_ref();
            if !account.kind.get_ref().is_workload() {
                problems.add(
                    id.span(),
                    format!("account \"{name}\" is not a workload account but has attachment_ids"),
                    "only provider and consumer accounts attach to the Transit Gateway; remove attachment_ids",
                );
            } else if !environments.contains(&env.as_str()) {
                problems.add(
                    id.span(),
                    format!("attachment_ids of \"{name}\" names unknown environment \"{env}\""),
                    format!("known environments: {}", list(&environments)),
                );
            } else if !is_attachment_id(id.get_ref()) {
                problems.add(
                    id.span(),
                    format!("\"{}\" is not a transit gateway attachment id", id.get_ref()),
                    "copy the attachment_id output of the account's workspace, e.g. \"tgw-attach-0123456789abcdef0\"",
                );
            }
        }
    }
}

fn is_attachment_id(id: &str) -> bool {
    id.strip_prefix("tgw-attach-").is_some_and(|hex| {
        (8..=17).contains(&hex.len())
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    })
}

fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

fn account_reference(
    catalog: &Catalog,
    reference: &Spanned<String>,
    kind: AccountKind,
    problems: &mut Problems,
) {
    let name = reference.get_ref();
    let known: Vec<&str> = catalog
        .accounts
        .iter()
        .filter(|a| *a.kind.get_ref() == kind)
        .map(|a| a.name.get_ref().as_str())
        .collect();
    match catalog.account(name) {
        None => problems.add(
            reference.span(),
            format!("unknown account \"{name}\""),
            format!("{} accounts: {}", kind.as_str(), list(&known)),
        ),
        Some(account) if *account.kind.get_ref() != kind => problems.add(
            reference.span(),
            format!(
                "account \"{name}\" is a {} account, not a {} account",
                account.kind.get_ref().as_str(),
                kind.as_str()
            ),
            format!("{} accounts: {}", kind.as_str(), list(&known)),
        ),
        Some(_) => {}
    }
}

fn port(value: &Spanned<i64>, problems: &mut Problems) {
    if !(1..=65535).contains(value.get_ref()) {
        problems.add(
            value.span(),
            format!("port {} is out of range", value.get_ref()),
            "use a TCP port from 1 to 65535",
        );
    }
}

fn image(value: &Spanned<String>, problems: &mut Problems) {
    if value.get_ref().trim().is_empty() || value.get_ref().contains(char::is_whitespace) {
        problems.add(
            value.span(),
            "image must be a container image reference",
            "e.g. \"ghcr.io/org/app:{environment}\"",
        );
    }
}

fn role_names(what: &str, name: &Spanned<String>, catalog: &Catalog, problems: &mut Problems) {
    let longest = name.get_ref().len() + 1 + longest_environment(catalog) + "-execution".len();
    if longest > MAX_ROLE_NAME_LEN {
        problems.add(
            name.span(),
            format!("{what} name \"{}\" makes IAM role names of {longest} characters (<name>-<environment>-execution)", name.get_ref()),
            format!("IAM role names allow {MAX_ROLE_NAME_LEN} characters; shorten the name"),
        );
    }
}

fn services(catalog: &Catalog, problems: &mut Problems) {
    duplicates(
        "service",
        catalog.services.iter().map(|s| &s.name),
        problems,
    );
    let consumer_accounts: Vec<&str> = catalog
        .accounts
        .iter()
        .filter(|a| *a.kind.get_ref() == AccountKind::Consumer)
        .map(|a| a.name.get_ref().as_str())
        .collect();
    for service in &catalog.services {
        simple_name("service", &service.name, problems);
        account_reference(catalog, &service.account, AccountKind::Provider, problems);
        port(&service.port, problems);
        image(&service.image, problems);
        role_names("service", &service.name, catalog, problems);
        for env in environment_names(catalog) {
            let generated = format!("{}-{env}", service.name.get_ref());
            if let Some(why) = service_name_problem(&generated) {
                problems.add(
                    service.name.span(),
                    format!("generated name \"{generated}\" {why}"),
                    format!(
                        "the load balancer and target group are named <service>-<environment>; keep the service name within {} characters",
                        32 - 1 - longest_environment(catalog)
                    ),
                );
                break;
            }
        }
        if !service.health_path.get_ref().starts_with('/') {
            problems.add(
                service.health_path.span(),
                format!(
                    "health_path \"{}\" does not start with '/'",
                    service.health_path.get_ref()
                ),
                "give the HTTP path the target group probes, e.g. \"/health\"",
            );
        }
        duplicates(
            "allowed consumer account",
            service.allowed_consumers.iter(),
            problems,
        );
        for allowed in &service.allowed_consumers {
            if !consumer_accounts.contains(&allowed.get_ref().as_str()) {
                account_reference(catalog, allowed, AccountKind::Consumer, problems);
            }
        }
    }
}

fn consumers(catalog: &Catalog, problems: &mut Problems) {
    duplicates(
        "consumer",
        catalog.consumers.iter().map(|c| &c.name),
        problems,
    );
    let service_names: Vec<&str> = catalog
        .services
        .iter()
        .map(|s| s.name.get_ref().as_str())
        .collect();
    for consumer in &catalog.consumers {
        simple_name("consumer", &consumer.name, problems);
        account_reference(catalog, &consumer.account, AccountKind::Consumer, problems);
        port(&consumer.port, problems);
        image(&consumer.image, problems);
        role_names("consumer", &consumer.name, catalog, problems);
        duplicates("consumed service", consumer.services.iter(), problems);
        for reference in &consumer.services {
            let Some(service) = catalog.service(reference.get_ref()) else {
                problems.add(
                    reference.span(),
                    format!("unknown service \"{}\"", reference.get_ref()),
                    format!("services: {}", list(&service_names)),
                );
                continue;
            };
            let account = consumer.account.get_ref();
            if !service
                .allowed_consumers
                .iter()
                .any(|a| a.get_ref() == account)
            {
                problems.add(
                    reference.span(),
                    format!(
                        "consumer \"{}\" in account \"{account}\" calls service \"{}\", which does not allow that account",
                        consumer.name.get_ref(),
                        service.name.get_ref()
                    ),
                    format!("add \"{account}\" to allowed_consumers of service \"{}\"", service.name.get_ref()),
                );
            }
        }
    }
}

mod database;
#[cfg(test)]
mod tests;
