//! What every service the provider tags accepts as a tag, in one place:
//! the strictest of EC2, ELBv2, ECS and CloudWatch Logs, so a tag valid
//! here is valid on every object.

use crate::aws::tags::{Tags, merged};
use crate::values::{known_string_map, string_map_value};
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;
use tfplugin::validators::{MapKeys, MapLength, MapValues};
use tfplugin::value::Value;

/// Most tags an object may carry (the provider's `default_tags` included).
pub const MAX_TAGS: usize = 50;
/// Longest key (EC2's limit; the others allow 128).
pub const MAX_KEY_LEN: usize = 127;
/// Longest value (EC2's limit; the others allow 256).
pub const MAX_VALUE_LEN: usize = 255;

/// Letters, digits, white space and `_ . : / = + - @`, as ECS and ELBv2
/// accept them.
fn allowed_chars(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c))
}

/// `aws:` in any case is reserved (ECS refuses it on keys and values).
fn reserved(s: &str) -> bool {
    s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
}

/// True when `key` is a tag key every service accepts.
pub fn is_tag_key(key: &str) -> bool {
    (1..=MAX_KEY_LEN).contains(&key.chars().count()) && allowed_chars(key) && !reserved(key)
}

/// True when `value` is a tag value every service accepts.
pub fn is_tag_value(value: &str) -> bool {
    value.chars().count() <= MAX_VALUE_LEN && allowed_chars(value) && !reserved(value)
}

/// The validators of a `tags` attribute.
pub fn key_validator() -> MapKeys {
    MapKeys {
        expected: "1-127 letters, digits, spaces or _ . : / = + - @, not starting with \"aws:\" (in any case)",
        check: is_tag_key,
    }
}

pub fn value_validator() -> MapValues {
    MapValues {
        expected: "at most 255 letters, digits, spaces or _ . : / = + - @, not starting with \"aws:\" (in any case)",
        check: is_tag_value,
    }
}

pub fn count_validator() -> MapLength {
    MapLength { max: MAX_TAGS }
}

/// The planned `tags_all`: the configuration's `tags` over the provider's
/// `default_tags` (unknown while either is), with an error at `tags` when
/// they are more than an object may carry.
pub fn planned_tags_all(
    default_tags: Option<&Tags>,
    config_tags: &Value,
    diagnostics: &mut Diagnostics,
) -> Value {
    match (default_tags, known_string_map(config_tags)) {
        (Some(defaults), Some(own)) => {
            let all = merged(defaults, &own);
            if let Some(d) = too_many(&all) {
                diagnostics.push(d);
            }
            string_map_value(&all)
        }
        _ => Value::Unknown,
    }
}

/// An error at `tags` when the merged tags (`default_tags` included) are
/// more than an object may carry.
pub fn too_many(merged: &Tags) -> Option<Diagnostic> {
    (merged.len() > MAX_TAGS).then(|| {
        Diagnostic::error(
            "Too many tags",
            format!(
                "With the provider's default_tags, every object would carry {} tags; AWS allows at most {MAX_TAGS}.",
                merged.len()
            ),
        )
        .at(AttributePath::attr("tags"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(is_tag_key("Team"));
        assert!(is_tag_key("cost-center:team/a b=c+d@e_f.g"));
        assert!(is_tag_key("Équipe"));
        assert!(!is_tag_key(""));
        assert!(!is_tag_key(&"k".repeat(128)));
        assert!(is_tag_key(&"k".repeat(127)));
        assert!(!is_tag_key("aws:owner"));
        assert!(!is_tag_key("AWS:owner"));
        assert!(!is_tag_key("Aws:owner"));
        assert!(!is_tag_key("team#1"));
    }

    #[test]
    fn values() {
        assert!(is_tag_value(""));
        assert!(is_tag_value(&"v".repeat(255)));
        assert!(!is_tag_value(&"v".repeat(256)));
        assert!(!is_tag_value("AWS:managed"));
        assert!(!is_tag_value("a;b"));
    }

    #[test]
    fn counting_includes_default_tags() {
        let tags: Tags = (0..51)
            .map(|i| (format!("k{i}"), "v".to_string()))
            .collect();
        let d = too_many(&tags).unwrap();
        assert!(d.detail.contains("51 tags"));
        assert!(too_many(&tags.into_iter().take(50).collect()).is_none());
    }
}
