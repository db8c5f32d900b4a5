//! The generic part of planning a resource change, in the order
//! terraform-plugin-framework users expect:
//!
//! 1. defaults fill optional+computed attributes the configuration leaves null;
//! 2. when the resource is created or changes, computed attributes the
//!    configuration leaves null become unknown ("known after apply");
//! 3. attribute plan modifiers run (RequiresReplace, UseStateForUnknown, ...).
//!
//! The resource's own `modify_plan` runs after this.

use super::diagnostics::Diagnostics;
use super::path::AttributePath;
use super::plan_modifiers::{PlanModifierRequest, PlanModifierResponse};
use super::schema::{Block, Next, walk};
use super::value::Value;

/// The result of the generic planning steps.
pub struct PlannedChange {
    pub planned: Value,
    pub requires_replace: Vec<AttributePath>,
    pub diagnostics: Diagnostics,
}

/// Plans `proposed` (Terraform's merge of config and prior state) against
/// `prior` (null when creating).
pub fn plan_block(block: &Block, prior: &Value, proposed: &Value, config: &Value) -> PlannedChange {
    let creating = prior.is_null();
    let mut planned = proposed.clone();
    apply_defaults(block, &mut planned, config);
    if creating || planned != *prior {
        mark_computed_unknown(block, &mut planned, config);
    }
    let mut out = PlannedChange {
        planned: Value::Null,
        requires_replace: Vec::new(),
        diagnostics: Diagnostics::new(),
    };
    run_modifiers(block, prior, &mut planned, config, creating, &mut out);
    out.planned = planned;
    out
}

fn apply_defaults(block: &Block, planned: &mut Value, config: &Value) {
    walk(block, planned, [config], &mut |visit| {
        let [config] = visit.companions;
        match visit
            .attribute
            .default
            .as_ref()
            .filter(|_| config.is_null())
        {
            Some(default) => {
                *visit.value = default.clone();
                Next::Skip
            }
            None => Next::Descend,
        }
    });
}

fn mark_computed_unknown(block: &Block, planned: &mut Value, config: &Value) {
    walk(block, planned, [config], &mut |visit| {
        let [config] = visit.companions;
        let attribute = visit.attribute;
        if attribute.computed && config.is_null() && attribute.default.is_none() {
            *visit.value = Value::Unknown;
            return Next::Skip;
        }
        Next::Descend
    });
}

fn run_modifiers(
    block: &Block,
    prior: &Value,
    planned: &mut Value,
    config: &Value,
    creating: bool,
    out: &mut PlannedChange,
) {
    walk(block, planned, [prior, config], &mut |visit| {
        let [prior, config] = visit.companions;
        if visit.attribute.plan_modifiers.is_empty() {
            return Next::Descend;
        }
        let req = PlanModifierRequest {
            path: visit.path,
            config,
            prior,
            creating,
        };
        let mut resp = PlanModifierResponse {
            planned: std::mem::take(visit.value),
            requires_replace: false,
            diagnostics: Diagnostics::new(),
        };
        for m in &visit.attribute.plan_modifiers {
            m.modify(&req, &mut resp);
        }
        *visit.value = resp.planned;
        if resp.requires_replace {
            out.requires_replace.push(visit.path.clone());
        }
        out.diagnostics.extend(resp.diagnostics);
        Next::Descend
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan_modifiers::{RequiresReplace, UseStateForUnknown};
    use crate::schema::{Attribute, Nesting};

    fn block() -> Block {
        Block::new()
            .attribute(
                Attribute::string("id")
                    .computed()
                    .plan_modifier(UseStateForUnknown),
            )
            .attribute(
                Attribute::string("name")
                    .required()
                    .plan_modifier(RequiresReplace),
            )
            .attribute(Attribute::number("count").default_value(1i64))
            .attribute(Attribute::string("arn").computed())
            .attribute(Attribute::nested(
                "container",
                Nesting::Single,
                vec![
                    Attribute::number("port").default_value(8080i64),
                    Attribute::string("image").required(),
                ],
            ))
    }

    fn obj(pairs: &[(&str, Value)]) -> Value {
        Value::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn create_fills_defaults_and_unknowns() {
        let config = obj(&[
            ("id", Value::Null),
            ("name", "a".into()),
            ("count", Value::Null),
            ("arn", Value::Null),
            (
                "container",
                obj(&[("port", Value::Null), ("image", "nginx".into())]),
            ),
        ]);
        let out = plan_block(&block(), &Value::Null, &config, &config);
        assert_eq!(out.planned.get("id"), &Value::Unknown);
        assert_eq!(out.planned.get("arn"), &Value::Unknown);
        assert_eq!(out.planned.get("count").as_i64(), Some(1));
        assert_eq!(
            out.planned.get("container").get("port").as_i64(),
            Some(8080)
        );
        assert!(out.requires_replace.is_empty());
    }

    #[test]
    fn no_change_keeps_prior_values() {
        let prior = obj(&[
            ("id", "i-1".into()),
            ("name", "a".into()),
            ("count", 1i64.into()),
            ("arn", "arn:1".into()),
            (
                "container",
                obj(&[("port", 8080i64.into()), ("image", "nginx".into())]),
            ),
        ]);
        let config = obj(&[
            ("id", Value::Null),
            ("name", "a".into()),
            ("count", Value::Null),
            ("arn", Value::Null),
            (
                "container",
                obj(&[("port", Value::Null), ("image", "nginx".into())]),
            ),
        ]);
        let out = plan_block(&block(), &prior, &prior, &config);
        assert_eq!(out.planned, prior);
        assert!(out.requires_replace.is_empty());
    }

    #[test]
    fn change_marks_computed_unknown_except_stable_ones() {
        let prior = obj(&[
            ("id", "i-1".into()),
            ("name", "a".into()),
            ("count", 1i64.into()),
            ("arn", "arn:1".into()),
            (
                "container",
                obj(&[("port", 8080i64.into()), ("image", "nginx".into())]),
            ),
        ]);
        let config = obj(&[
            ("id", Value::Null),
            ("name", "b".into()),
            ("count", 3i64.into()),
            ("arn", Value::Null),
            (
                "container",
                obj(&[("port", Value::Null), ("image", "nginx".into())]),
            ),
        ]);
        let mut proposed = prior.clone();
        proposed.set("name", "b".into());
        proposed.set("count", 3i64.into());
        let out = plan_block(&block(), &prior, &proposed, &config);
        assert_eq!(out.planned.get("id"), &Value::from("i-1"));
        assert_eq!(out.planned.get("arn"), &Value::Unknown);
        assert_eq!(out.requires_replace, vec![AttributePath::attr("name")]);
    }
}
