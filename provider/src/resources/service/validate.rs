//! Checks across attributes, at `terraform validate` and plan time, so
//! everything AWS would reject is reported before any call, at the
//! attribute's path.

use tfplugin::diagnostics::Diagnostics;
use tfplugin::path::AttributePath;
use tfplugin::value::Value;

use super::{fargate, names, schema};

/// `200`, `200,204`, `200-399`: codes in 200..=599.
pub fn is_http_matcher(s: &str) -> bool {
    let code = |c: &str| c.parse::<u16>().is_ok_and(|n| (200..=599).contains(&n));
    !s.is_empty()
        && s.split(',').all(|part| match part.split_once('-') {
            Some((a, b)) => code(a) && code(b) && a.parse::<u16>().ok() <= b.parse::<u16>().ok(),
            None => code(part),
        })
}

fn invalid(diags: &mut Diagnostics, path: AttributePath, detail: String) {
    diags.attribute_error(path, "Invalid attribute value", detail);
}

/// Cross-attribute checks on configuration that may hold unknowns.
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    if let Some(name) = config.get("name").as_str()
        && let Some(problem) = names::name_problem(name)
    {
        invalid(
            diags,
            AttributePath::attr("name"),
            format!("Attribute name {problem}: {name:?}."),
        );
    }

    let container = config.get("container");
    let cpu = container
        .get("cpu")
        .as_i64()
        .or(container.get("cpu").is_null().then_some(256));
    let memory = container
        .get("memory")
        .as_i64()
        .or(container.get("memory").is_null().then_some(512));
    if let (Some(cpu), Some(memory)) = (cpu, memory)
        && let Some(problem) = fargate::size_problem(cpu, memory)
    {
        let at = if fargate::memory_for(cpu).is_none() {
            "cpu"
        } else {
            "memory"
        };
        invalid(
            diags,
            AttributePath::attr("container").attribute(at),
            format!("Attribute container.{at}: {problem}."),
        );
    }

    if let Some(days) = config.get("log_retention_days").as_i64()
        && !schema::retention_is_valid(days)
    {
        invalid(
            diags,
            AttributePath::attr("log_retention_days"),
            format!(
                "Attribute log_retention_days must be one of {}, got {days}.",
                schema::LOG_RETENTION_DAYS
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }

    let max = config.get("deployment_maximum_percent").as_i64();
    let min = config.get("deployment_minimum_healthy_percent").as_i64();
    if let (Some(max), Some(min)) = (max, min)
        && min >= max
    {
        invalid(
            diags,
            AttributePath::attr("deployment_minimum_healthy_percent"),
            format!(
                "Attribute deployment_minimum_healthy_percent ({min}) must be below deployment_maximum_percent ({max}), or ECS cannot replace tasks during a deployment."
            ),
        );
    }

    let ingress_cidrs = config.get("ingress_cidr_blocks");
    if ingress_cidrs.as_list().is_some_and(|l| l.is_empty())
        && config
            .get("ingress_security_group_ids")
            .as_list()
            .is_none_or(|l| l.is_empty())
    {
        invalid(
            diags,
            AttributePath::attr("ingress_cidr_blocks"),
            "Attribute ingress_cidr_blocks is empty and no ingress_security_group_ids are set: nothing could reach the tasks, not even the load balancer's health checks. Leave it unset to allow the VPC's CIDR block.".into(),
        );
    }

    if let Some(principals) = config.get("allowed_principals").as_list()
        && principals.iter().any(|p| p.as_str() == Some("*"))
        && principals.len() > 1
    {
        invalid(
                diags,
                AttributePath::attr("allowed_principals"),
                "Attribute allowed_principals holds \"*\" (everyone) together with specific principals; use one or the other.".into(),
            );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, Value)]) -> Value {
        let mut v = Value::null_object(&schema::schema().value_type());
        for (k, val) in pairs {
            v.set(k, val.clone());
        }
        v
    }

    fn paths(d: &Diagnostics) -> Vec<String> {
        d.iter()
            .filter_map(|d| d.path.as_ref().map(|p| p.to_string()))
            .collect()
    }

    #[test]
    fn matchers() {
        assert!(is_http_matcher("200"));
        assert!(is_http_matcher("200,204"));
        assert!(is_http_matcher("200-399"));
        assert!(!is_http_matcher("199"));
        assert!(!is_http_matcher("399-200"));
        assert!(!is_http_matcher(""));
    }

    #[test]
    fn reports_each_problem_at_its_attribute() {
        let mut container = Value::null_object(&match schema::schema().value_type() {
            tfplugin::value::Type::Object(a) => a["container"].clone(),
            _ => unreachable!(),
        });
        container.set("cpu", 256i64.into());
        container.set("memory", 4096i64.into());
        let c = config(&[
            (
                "name",
                "internal-this-name-is-far-too-long-for-an-nlb".into(),
            ),
            ("container", container),
            ("log_retention_days", 10i64.into()),
            ("deployment_maximum_percent", 100i64.into()),
            ("deployment_minimum_healthy_percent", 100i64.into()),
            ("ingress_cidr_blocks", Value::List(vec![])),
            (
                "allowed_principals",
                Value::List(vec!["*".into(), "arn:aws:iam::222222222222:root".into()]),
            ),
        ]);
        let mut d = Diagnostics::new();
        validate(&c, &mut d);
        let p = paths(&d);
        for expected in [
            "name",
            "container.memory",
            "log_retention_days",
            "deployment_minimum_healthy_percent",
            "ingress_cidr_blocks",
            "allowed_principals",
        ] {
            assert!(
                p.contains(&expected.to_string()),
                "{expected} missing from {p:?}"
            );
        }
    }

    #[test]
    fn unknown_values_are_left_for_later() {
        let c = config(&[
            ("name", Value::Unknown),
            ("log_retention_days", Value::Unknown),
        ]);
        let mut d = Diagnostics::new();
        validate(&c, &mut d);
        assert!(d.is_empty(), "{d}");
    }
}
