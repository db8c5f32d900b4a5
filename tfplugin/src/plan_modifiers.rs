//! Attribute plan modifiers: per-attribute rules applied while planning,
//! after defaults and before the resource's own `modify_plan`.

use super::diagnostics::Diagnostics;
use super::path::AttributePath;
use super::value::Value;

/// What a plan modifier sees of one attribute.
pub struct PlanModifierRequest<'a> {
    pub path: &'a AttributePath,
    pub config: &'a Value,
    /// Null when the resource is being created.
    pub prior: &'a Value,
    pub creating: bool,
}

/// What a plan modifier may change.
pub struct PlanModifierResponse {
    pub planned: Value,
    pub requires_replace: bool,
    pub diagnostics: Diagnostics,
}

/// A rule applied to one attribute's planned value.
pub trait PlanModifier: Send + Sync {
    fn description(&self) -> String;
    fn modify(&self, req: &PlanModifierRequest<'_>, resp: &mut PlanModifierResponse);
}

/// Changing the attribute replaces the resource.
pub struct RequiresReplace;

impl PlanModifier for RequiresReplace {
    fn description(&self) -> String {
        "changing this value replaces the resource".into()
    }

    fn modify(&self, req: &PlanModifierRequest<'_>, resp: &mut PlanModifierResponse) {
        if req.creating {
            return;
        }
        // An unknown planned value may turn out different: replace to be safe.
        if resp.planned != *req.prior {
            resp.requires_replace = true;
        }
    }
}

/// Keeps the prior value instead of "known after apply" when the attribute
/// cannot change once set (ids, ARNs, generated names).
pub struct UseStateForUnknown;

impl PlanModifier for UseStateForUnknown {
    fn description(&self) -> String {
        "the value does not change after creation".into()
    }

    fn modify(&self, req: &PlanModifierRequest<'_>, resp: &mut PlanModifierResponse) {
        if req.creating || req.prior.is_null() || !resp.planned.is_unknown() {
            return;
        }
        if req.config.is_unknown() {
            return;
        }
        resp.planned = req.prior.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        m: &dyn PlanModifier,
        prior: Value,
        planned: Value,
        creating: bool,
    ) -> PlanModifierResponse {
        let path = AttributePath::attr("x");
        let req = PlanModifierRequest {
            path: &path,
            config: &Value::Null,
            prior: &prior,
            creating,
        };
        let mut resp = PlanModifierResponse {
            planned,
            requires_replace: false,
            diagnostics: Diagnostics::new(),
        };
        m.modify(&req, &mut resp);
        resp
    }

    #[test]
    fn requires_replace_only_on_change() {
        assert!(run(&RequiresReplace, "a".into(), "b".into(), false).requires_replace);
        assert!(!run(&RequiresReplace, "a".into(), "a".into(), false).requires_replace);
        assert!(!run(&RequiresReplace, Value::Null, "b".into(), true).requires_replace);
        assert!(run(&RequiresReplace, "a".into(), Value::Unknown, false).requires_replace);
    }

    #[test]
    fn use_state_for_unknown_keeps_prior() {
        assert_eq!(
            run(&UseStateForUnknown, "id-1".into(), Value::Unknown, false).planned,
            Value::from("id-1")
        );
        assert_eq!(
            run(&UseStateForUnknown, Value::Null, Value::Unknown, true).planned,
            Value::Unknown
        );
    }
}
