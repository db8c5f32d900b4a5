//! String validators.

use super::{Validator, invalid};
use crate::diagnostics::Diagnostics;
use crate::path::AttributePath;
use crate::value::Value;

/// The string's length (in characters) lies in `min..=max`.
pub struct LengthBetween {
    pub min: usize,
    pub max: usize,
}

impl Validator for LengthBetween {
    fn description(&self) -> String {
        format!("length between {} and {} characters", self.min, self.max)
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(s) = value.as_str() else { return };
        let n = s.chars().count();
        if n < self.min || n > self.max {
            invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must be between {} and {} characters long, got {n} ({s:?}).",
                    self.min, self.max
                ),
            );
        }
    }
}

/// The string is one of a fixed set.
pub struct OneOf(pub &'static [&'static str]);

impl Validator for OneOf {
    fn description(&self) -> String {
        format!("one of {}", self.0.join(", "))
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(s) = value.as_str() else { return };
        if !self.0.contains(&s) {
            invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must be one of {}, got {s:?}.",
                    self.0.join(", ")
                ),
            );
        }
    }
}

/// The string satisfies a predicate; `expected` says what a valid value is,
/// e.g. "an IAM role ARN (arn:aws:iam::123456789012:role/name)".
pub struct Predicate {
    pub expected: &'static str,
    pub check: fn(&str) -> bool,
}

impl Validator for Predicate {
    fn description(&self) -> String {
        self.expected.to_string()
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(s) = value.as_str() else { return };
        if !(self.check)(s) {
            invalid(
                diags,
                path,
                format!("Attribute {path} must be {}, got {s:?}.", self.expected),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_reports_the_path_and_value() {
        let mut d = Diagnostics::new();
        LengthBetween { min: 2, max: 4 }.validate(
            &Value::from("x"),
            &AttributePath::attr("n"),
            &mut d,
        );
        let diag = d.iter().next().unwrap();
        assert!(
            diag.detail.contains("n must be between 2 and 4"),
            "{}",
            diag.detail
        );
        assert_eq!(diag.path.as_ref().unwrap().to_string(), "n");
    }

    #[test]
    fn one_of_accepts_members_only() {
        let v = OneOf(&["a", "b"]);
        let mut d = Diagnostics::new();
        v.validate(&Value::from("a"), &AttributePath::attr("x"), &mut d);
        assert!(d.is_empty());
        v.validate(&Value::from("c"), &AttributePath::attr("x"), &mut d);
        assert!(d.has_errors());
    }
}
