//! Applies a validator to every element of a list, set or map.

use super::Validator;
use crate::diagnostics::Diagnostics;
use crate::path::AttributePath;
use crate::value::Value;

/// Every element must pass the inner validator. List elements are
/// reported by index; set elements, which have no path, at the set.
pub struct Each<V>(pub V);

impl<V: Validator> Validator for Each<V> {
    fn description(&self) -> String {
        format!("each element: {}", self.0.description())
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        match value {
            Value::List(items) => {
                for item in items.iter().filter(|i| !i.is_null() && i.is_wholly_known()) {
                    self.0.validate(item, path, diags);
                }
            }
            Value::Map(entries) => {
                for (k, v) in entries
                    .iter()
                    .filter(|(_, v)| !v.is_null() && v.is_wholly_known())
                {
                    self.0.validate(v, &path.clone().key(k), diags);
                }
            }
            _ => {}
        }
    }
}
