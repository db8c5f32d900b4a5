//! Collection validators.

use super::{Validator, invalid};
use crate::diagnostics::Diagnostics;
use crate::path::AttributePath;
use crate::value::Value;

/// A list or set with `min..=max` elements.
pub struct ListLength {
    pub min: usize,
    pub max: usize,
}

impl Validator for ListLength {
    fn description(&self) -> String {
        format!("between {} and {} elements", self.min, self.max)
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(items) = value.as_list() else { return };
        if items.len() < self.min || items.len() > self.max {
            invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must have between {} and {} elements, got {}.",
                    self.min,
                    self.max,
                    items.len()
                ),
            );
        }
    }
}

/// Every key of a map satisfies a predicate.
pub struct MapKeys {
    pub expected: &'static str,
    pub check: fn(&str) -> bool,
}

impl Validator for MapKeys {
    fn description(&self) -> String {
        format!("keys: {}", self.expected)
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(entries) = value.as_map() else {
            return;
        };
        for key in entries.keys() {
            if !(self.check)(key) {
                invalid(
                    diags,
                    &path.clone().key(key),
                    format!(
                        "Key {key:?} of {path} is invalid: keys must be {}.",
                        self.expected
                    ),
                );
            }
        }
    }
}

/// Every value of a map satisfies a predicate.
pub struct MapValues {
    pub expected: &'static str,
    pub check: fn(&str) -> bool,
}

impl Validator for MapValues {
    fn description(&self) -> String {
        format!("values: {}", self.expected)
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(entries) = value.as_map() else {
            return;
        };
        for (key, v) in entries {
            if let Some(v) = v.as_str()
                && !(self.check)(v)
            {
                invalid(
                    diags,
                    &path.clone().key(key),
                    format!(
                        "The value of {path}[{key:?}] is invalid: values must be {}.",
                        self.expected
                    ),
                );
            }
        }
    }
}

/// A map with at most `max` entries.
pub struct MapLength {
    pub max: usize,
}

impl Validator for MapLength {
    fn description(&self) -> String {
        format!("at most {} entries", self.max)
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(entries) = value.as_map() else {
            return;
        };
        if entries.len() > self.max {
            invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must have at most {} entries, got {}.",
                    self.max,
                    entries.len()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Value {
        Value::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Value::from(*v)))
                .collect(),
        )
    }

    fn errors(v: &dyn Validator, value: &Value) -> Vec<String> {
        let mut d = Diagnostics::new();
        v.validate(value, &AttributePath::attr("tags"), &mut d);
        d.iter().map(|d| format!("{:?}", d.path)).collect()
    }

    #[test]
    fn map_values_point_at_each_bad_entry() {
        let v = MapValues {
            expected: "short",
            check: |s| s.len() <= 3,
        };
        let bad = errors(&v, &map(&[("a", "ok"), ("b", "too long")]));
        assert_eq!(bad.len(), 1);
        assert!(bad[0].contains("\"b\""), "{bad:?}");
        assert!(errors(&v, &Value::Null).is_empty());
    }

    #[test]
    fn map_length_counts_entries() {
        let v = MapLength { max: 1 };
        assert!(errors(&v, &map(&[("a", "1")])).is_empty());
        assert_eq!(errors(&v, &map(&[("a", "1"), ("b", "2")])).len(), 1);
    }
}
