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
