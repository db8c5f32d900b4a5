//! Checks across attributes, at `terraform validate` and plan time, so
//! everything AWS would reject is reported before any call, at the
//! attribute's path.

use serde::Deserialize;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::path::AttributePath;

use tfplugin::value::{Value, to_typed_unknown_as_null};

use super::schema;
use aws_rules::fargate::{memory_for, size_problem};
use aws_rules::logs::{LOG_RETENTION_DAYS, retention_is_valid};
use aws_rules::names::service_name_problem;

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

/// The settings the cross-attribute checks look at, as a configuration
/// holds them: None where null or unknown. Numbers stay numbers (not
/// integers) so that a fraction, reported by the attribute's own
/// validator, leaves the other checks running.
#[derive(Default, Deserialize)]
struct Checked {
    name: Option<String>,
    container: Option<CheckedContainer>,
    log_retention_days: Option<f64>,
    deployment_maximum_percent: Option<f64>,
    deployment_minimum_healthy_percent: Option<f64>,
    allowed_principals: Option<Vec<Option<String>>>,
    health_check: Option<CheckedHealthCheck>,
}

/// The health check timings.
#[derive(Default, Deserialize)]
struct CheckedHealthCheck {
    interval_seconds: Option<f64>,
    timeout_seconds: Option<f64>,
}

/// The container settings the size check looks at.
#[derive(Default, Deserialize)]
struct CheckedContainer {
    cpu: Option<f64>,
    memory: Option<f64>,
}

impl Checked {
    /// A configuration (of the schema's type) always reads; anything else
    /// has nothing to check.
    fn read(config: &Value) -> Checked {
        to_typed_unknown_as_null(config).unwrap_or_default()
    }
}

/// The number as an integer, when it is one.
fn whole(n: Option<f64>) -> Option<i64> {
    n.and_then(|n| Value::Number(n).as_i64())
}

/// Cross-attribute checks on configuration that may hold unknowns.
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let configured = Checked::read(config);
    // The size check also covers the defaults the plan will fill in.
    let mut with_defaults = config.clone();
    schema::schema().block.fill_defaults(&mut with_defaults);
    let planned = Checked::read(&with_defaults);

    if let Some(name) = &configured.name
        && let Some(problem) = service_name_problem(name)
    {
        invalid(
            diags,
            AttributePath::attr("name"),
            format!("Attribute name {problem}: {name:?}."),
        );
    }

    let container = planned.container.unwrap_or_default();
    if let (Some(cpu), Some(memory)) = (whole(container.cpu), whole(container.memory))
        && let Some(problem) = size_problem(cpu, memory)
    {
        let at = if memory_for(cpu).is_none() {
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

    if let Some(days) = whole(configured.log_retention_days)
        && !retention_is_valid(days)
    {
        invalid(
            diags,
            AttributePath::attr("log_retention_days"),
            format!(
                "Attribute log_retention_days must be one of {}, got {days}.",
                LOG_RETENTION_DAYS
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }

    let health = planned.health_check.unwrap_or_default();
    if let (Some(interval), Some(timeout)) = (
        whole(health.interval_seconds),
        whole(health.timeout_seconds),
    ) && timeout >= interval
    {
        invalid(
            diags,
            AttributePath::attr("health_check").attribute("timeout_seconds"),
            format!(
                "Attribute health_check.timeout_seconds ({timeout}) must be below health_check.interval_seconds ({interval}): a check must end before the next one starts."
            ),
        );
    }

    let max = whole(configured.deployment_maximum_percent);
    let min = whole(configured.deployment_minimum_healthy_percent);
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

    if let Some(principals) = &configured.allowed_principals
        && principals.iter().any(|p| p.as_deref() == Some("*"))
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
    fn a_health_check_timeout_must_be_below_its_interval() {
        let mut hc = schema::default_of(&["health_check"]);
        hc.set("interval_seconds", 10i64.into());
        hc.set("timeout_seconds", 10i64.into());
        let mut d = Diagnostics::new();
        validate(&config(&[("health_check", hc.clone())]), &mut d);
        assert_eq!(paths(&d), vec!["health_check.timeout_seconds"]);
        hc.set("timeout_seconds", 9i64.into());
        let mut d = Diagnostics::new();
        validate(&config(&[("health_check", hc)]), &mut d);
        assert!(paths(&d).is_empty());
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
            "allowed_principals",
        ] {
            assert!(
                p.contains(&expected.to_string()),
                "{expected} missing from {p:?}"
            );
        }
        // No direct ingress is fine: the load balancer is always admitted.
        assert!(!p.contains(&"ingress_cidr_blocks".to_string()), "{p:?}");
    }

    fn container(pairs: &[(&str, Value)]) -> Value {
        let ty = schema::schema()
            .block
            .attribute_at(&["container"])
            .unwrap()
            .value_type();
        let mut c = Value::null_object(&ty);
        for (k, val) in pairs {
            c.set(k, val.clone());
        }
        c
    }

    #[test]
    fn the_size_check_uses_the_schema_default_for_an_unset_size() {
        let c = config(&[("container", container(&[("cpu", 4096i64.into())]))]);
        let mut d = Diagnostics::new();
        validate(&c, &mut d);
        assert_eq!(paths(&d), vec!["container.memory".to_string()]);

        let c = config(&[(
            "container",
            container(&[("cpu", Value::Unknown), ("memory", 4096i64.into())]),
        )]);
        let mut d = Diagnostics::new();
        validate(&c, &mut d);
        assert!(d.is_empty(), "{d}");
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
