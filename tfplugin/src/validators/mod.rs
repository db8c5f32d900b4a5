//! Attribute validators: checks that run at `terraform validate` and plan
//! time on known, non-null configuration values, reporting errors at the
//! attribute's path.

mod collection;
mod each;
pub mod format;
mod number;
mod string;

pub use collection::{ListLength, MapKeys, MapLength, MapValues};
pub use each::Each;
pub use format::{Duration, HttpUrl};
pub use number::IntRange;
pub use string::{LengthBetween, OneOf, Predicate};

use super::diagnostics::Diagnostics;
use super::path::AttributePath;
use super::schema::{Block, Next, walk};
use super::value::Value;

/// A check on one attribute value.
pub trait Validator: Send + Sync {
    /// What a valid value looks like, for docs and messages.
    fn description(&self) -> String;

    /// Adds diagnostics for `value` (known and not null) at `path`.
    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics);
}

/// Runs every attribute validator of `block` over `config`.
pub fn validate_block(block: &Block, config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    walk(block, &mut config.clone(), [], &mut |visit| {
        if !visit.value.is_null() && visit.value.is_wholly_known() {
            for validator in &visit.attribute.validators {
                validator.validate(visit.value, visit.path, &mut diags);
            }
        }
        Next::Descend
    });
    diags
}

/// Reports `value` as invalid at `path`.
pub(crate) fn invalid(diags: &mut Diagnostics, path: &AttributePath, detail: String) {
    diags.attribute_error(path.clone(), "Invalid attribute value", detail);
}
