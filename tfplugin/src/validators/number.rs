//! Number validators.

use super::{Validator, invalid};
use crate::diagnostics::Diagnostics;
use crate::path::AttributePath;
use crate::value::Value;

/// A whole number in `min..=max`.
pub struct IntRange {
    pub min: i64,
    pub max: i64,
}

impl Validator for IntRange {
    fn description(&self) -> String {
        format!("a whole number between {} and {}", self.min, self.max)
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(n) = value.as_f64() else { return };
        match value.as_i64() {
            Some(i) if i >= self.min && i <= self.max => {}
            _ => invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must be a whole number between {} and {}, got {n}.",
                    self.min, self.max
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_fractions_and_out_of_range() {
        let r = IntRange { min: 0, max: 10 };
        for (v, ok) in [
            (5.0, true),
            (10.0, true),
            (11.0, false),
            (-1.0, false),
            (2.5, false),
        ] {
            let mut d = Diagnostics::new();
            r.validate(&Value::Number(v), &AttributePath::attr("n"), &mut d);
            assert_eq!(d.is_empty(), ok, "{v}");
        }
    }
}
