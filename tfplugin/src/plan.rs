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
use super::schema::{Attribute, AttributeKind, Block, BlockNesting, Nesting};
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
    run_modifiers(
        block,
        prior,
        &mut planned,
        config,
        &AttributePath::root(),
        creating,
        &mut out,
    );
    out.planned = planned;
    out
}

fn apply_defaults(block: &Block, planned: &mut Value, config: &Value) {
    if !matches!(planned, Value::Map(_)) {
        return;
    }
    for attribute in &block.attributes {
        let cfg = config.get(&attribute.name);
        if let Some(default) = attribute.default.as_ref().filter(|_| cfg.is_null()) {
            planned.set(&attribute.name, default.clone());
            continue;
        }
        if let AttributeKind::Nested(nested) = &attribute.kind {
            let inner = Block {
                attributes: nested.attributes.clone(),
                ..Block::default()
            };
            if let Some(v) = planned.get_mut(&attribute.name) {
                for_each_pair(nested.nesting == Nesting::Single, v, cfg, &mut |p, c| {
                    apply_defaults(&inner, p, c)
                });
            }
        }
    }
    for nested in &block.blocks {
        let cfg = config.get(&nested.type_name);
        if let Some(v) = planned.get_mut(&nested.type_name) {
            let single = matches!(nested.nesting, BlockNesting::Single | BlockNesting::Group);
            for_each_pair(single, v, cfg, &mut |p, c| {
                apply_defaults(&nested.block, p, c)
            });
        }
    }
}

fn mark_computed_unknown(block: &Block, planned: &mut Value, config: &Value) {
    if !matches!(planned, Value::Map(_)) {
        return;
    }
    for attribute in &block.attributes {
        let cfg = config.get(&attribute.name);
        if attribute.computed && cfg.is_null() && attribute.default.is_none() {
            planned.set(&attribute.name, Value::Unknown);
            continue;
        }
        if let AttributeKind::Nested(nested) = &attribute.kind {
            let inner = Block {
                attributes: nested.attributes.clone(),
                ..Block::default()
            };
            if let Some(v) = planned.get_mut(&attribute.name) {
                for_each_pair(nested.nesting == Nesting::Single, v, cfg, &mut |p, c| {
                    mark_computed_unknown(&inner, p, c)
                });
            }
        }
    }
    for nested in &block.blocks {
        let cfg = config.get(&nested.type_name);
        if let Some(v) = planned.get_mut(&nested.type_name) {
            let single = matches!(nested.nesting, BlockNesting::Single | BlockNesting::Group);
            for_each_pair(single, v, cfg, &mut |p, c| {
                mark_computed_unknown(&nested.block, p, c)
            });
        }
    }
}

/// Pairs each element of a planned nested value with the configuration
/// element at the same position (index or key).
fn for_each_pair(
    single: bool,
    planned: &mut Value,
    config: &Value,
    f: &mut dyn FnMut(&mut Value, &Value),
) {
    match planned {
        Value::Null | Value::Unknown => {}
        v if single => f(v, config),
        Value::List(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let c = config
                    .as_list()
                    .and_then(|l| l.get(i))
                    .unwrap_or(&Value::Null);
                f(item, c);
            }
        }
        Value::Map(entries) => {
            for (k, item) in entries.iter_mut() {
                f(item, config.get(k));
            }
        }
        _ => {}
    }
}

fn run_modifiers(
    block: &Block,
    prior: &Value,
    planned: &mut Value,
    config: &Value,
    path: &AttributePath,
    creating: bool,
    out: &mut PlannedChange,
) {
    for attribute in &block.attributes {
        let p = path.clone().attribute(&attribute.name);
        let prior_v = prior.get(&attribute.name);
        let config_v = config.get(&attribute.name);
        let Some(planned_v) = planned.get_mut(&attribute.name) else {
            continue;
        };
        run_attribute(attribute, prior_v, planned_v, config_v, &p, creating, out);
    }
    for nested in &block.blocks {
        let p = path.clone().attribute(&nested.type_name);
        let prior_v = prior.get(&nested.type_name);
        let config_v = config.get(&nested.type_name);
        let Some(planned_v) = planned.get_mut(&nested.type_name) else {
            continue;
        };
        let single = matches!(nested.nesting, BlockNesting::Single | BlockNesting::Group);
        for_each_triple(
            single,
            planned_v,
            prior_v,
            config_v,
            &p,
            &mut |pl, pr, c, ep| run_modifiers(&nested.block, pr, pl, c, ep, creating, out),
        );
    }
}

fn run_attribute(
    attribute: &Attribute,
    prior: &Value,
    planned: &mut Value,
    config: &Value,
    path: &AttributePath,
    creating: bool,
    out: &mut PlannedChange,
) {
    if !attribute.plan_modifiers.is_empty() {
        let req = PlanModifierRequest {
            path,
            config,
            prior,
            creating,
        };
        let mut resp = PlanModifierResponse {
            planned: std::mem::take(planned),
            requires_replace: false,
            diagnostics: Diagnostics::new(),
        };
        for m in &attribute.plan_modifiers {
            m.modify(&req, &mut resp);
        }
        *planned = resp.planned;
        if resp.requires_replace {
            out.requires_replace.push(path.clone());
        }
        out.diagnostics.extend(resp.diagnostics);
    }
    if let AttributeKind::Nested(nested) = &attribute.kind {
        let inner = Block {
            attributes: nested.attributes.clone(),
            ..Block::default()
        };
        for_each_triple(
            nested.nesting == Nesting::Single,
            planned,
            prior,
            config,
            path,
            &mut |pl, pr, c, ep| run_modifiers(&inner, pr, pl, c, ep, creating, out),
        );
    }
}

type TripleFn<'f> = dyn FnMut(&mut Value, &Value, &Value, &AttributePath) + 'f;

fn for_each_triple(
    single: bool,
    planned: &mut Value,
    prior: &Value,
    config: &Value,
    path: &AttributePath,
    f: &mut TripleFn<'_>,
) {
    match planned {
        Value::Null | Value::Unknown => {}
        v if single => f(v, prior, config, path),
        Value::List(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let pr = prior
                    .as_list()
                    .and_then(|l| l.get(i))
                    .unwrap_or(&Value::Null);
                let c = config
                    .as_list()
                    .and_then(|l| l.get(i))
                    .unwrap_or(&Value::Null);
                f(item, pr, c, &path.clone().index(i));
            }
        }
        Value::Map(entries) => {
            for (k, item) in entries.iter_mut() {
                f(item, prior.get(k), config.get(k), &path.clone().key(k));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan_modifiers::{RequiresReplace, UseStateForUnknown};
    use crate::schema::Attribute;

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
