//! Checks on the configuration beyond single attributes.

use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;
use tfplugin::value::Value;

/// A VPC must be selected by `id` or by at least one tag.
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let id = config.get("id");
    let tags = config.get("tags");
    let no_tags = tags.as_map().is_some_and(|m| m.is_empty());
    if id.is_null() && (tags.is_null() || no_tags) {
        diags.push(
            Diagnostic::error(
                "Missing VPC selector",
                "Set `id`, or `tags` with at least one tag, to say which VPC to look up.",
            )
            .at(AttributePath::attr("tags")),
        );
    }
}
