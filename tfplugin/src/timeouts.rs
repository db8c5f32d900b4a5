//! The `timeouts { create = "30m" ... }` block users know from
//! hashicorp/aws, and reading it back from configuration or state.

use std::time::Duration;

use super::schema::{Attribute, Block, BlockNesting, NestedBlock};
use super::validators::Duration as DurationValidator;
use super::validators::format::parse_duration;
use super::value::Value;

/// The `timeouts` block for the given operations, each defaulting to
/// `default` (named in the docs).
pub fn timeouts_block(operations: &[&str], default: Duration) -> NestedBlock {
    let mut block = Block::new().describe(format!(
        "How long each operation may take, as durations like `30m` or `1h`. Defaults to {}.",
        humantime::format_duration(default)
    ));
    for op in operations {
        block = block.attribute(
            Attribute::string(*op)
                .optional()
                .describe(format!("Timeout for {op}."))
                .validate(DurationValidator {
                    min: Duration::from_secs(1),
                    max: Duration::from_secs(24 * 3600),
                }),
        );
    }
    NestedBlock {
        type_name: "timeouts".into(),
        nesting: BlockNesting::Single,
        block,
        min_items: 0,
        max_items: 0,
    }
}

/// The timeout for `operation` from a resource value holding a `timeouts`
/// block (configuration, plan or state), or `default`.
pub fn timeout(resource: &Value, operation: &str, default: Duration) -> Duration {
    resource
        .get("timeouts")
        .get(operation)
        .as_str()
        .and_then(parse_duration)
        .unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_configured_or_default() {
        let mut v = Value::Map(Default::default());
        v.set(
            "timeouts",
            Value::Map([("create".to_string(), Value::from("45m"))].into()),
        );
        assert_eq!(
            timeout(&v, "create", Duration::from_secs(60)),
            Duration::from_secs(2700)
        );
        assert_eq!(
            timeout(&v, "delete", Duration::from_secs(60)),
            Duration::from_secs(60)
        );
        assert_eq!(
            timeout(&Value::Null, "create", Duration::from_secs(5)),
            Duration::from_secs(5)
        );
    }
}
