//! Attribute defaults outside planning: filling them into a value (state
//! written without a plan, such as an import, or configuration to check),
//! and a nested attribute defaulting to its own attributes' defaults.

use super::{Attribute, AttributeKind, Block, Nesting, Next, walk};
use crate::value::Value;

impl Block {
    /// Sets every null attribute of `value` that has a default to that
    /// default, inside nested attributes and blocks too, as planning does
    /// for attributes the configuration leaves null. Unknown values and
    /// null nested objects without a default of their own stay as they are.
    pub fn fill_defaults(&self, value: &mut Value) {
        walk(self, value, [], &mut |visit| match visit
            .attribute
            .default
            .as_ref()
            .filter(|_| visit.value.is_null())
        {
            Some(default) => {
                *visit.value = default.clone();
                Next::Skip
            }
            None => Next::Descend,
        });
    }

    /// A value of this block's type holding every attribute's default and
    /// null elsewhere.
    pub fn defaults_value(&self) -> Value {
        let mut value = Value::null_object(&self.value_type());
        self.fill_defaults(&mut value);
        value
    }
}

impl Attribute {
    /// A single nested attribute that is optional and computed, and
    /// defaults (when the configuration leaves it null) to one object of
    /// its own attributes' defaults, so each default is stated once.
    ///
    /// # Panics
    /// When the attribute is not a single nested attribute: a schema bug.
    pub fn default_to_nested_defaults(self) -> Self {
        let default = match &self.kind {
            AttributeKind::Nested(n) if n.nesting == Nesting::Single => Value::Map(
                n.attributes
                    .iter()
                    .map(|a| (a.name.clone(), a.default.clone().unwrap_or_default()))
                    .collect(),
            ),
            _ => panic!(
                "attribute {:?}: only single nested attributes default to their attributes' defaults",
                self.name
            ),
        };
        self.default_value(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block() -> Block {
        Block::new()
            .attribute(Attribute::string("name").required())
            .attribute(Attribute::number("count").default_value(1i64))
            .attribute(Attribute::nested(
                "container",
                Nesting::Single,
                vec![
                    Attribute::string("image").required(),
                    Attribute::number("port").default_value(8080i64),
                ],
            ))
            .attribute(
                Attribute::nested(
                    "check",
                    Nesting::Single,
                    vec![
                        Attribute::string("path").default_value("/health"),
                        Attribute::number("interval").default_value(30i64),
                    ],
                )
                .default_to_nested_defaults(),
            )
    }

    #[test]
    fn nested_default_is_made_of_the_nested_defaults() {
        let b = block();
        let check = b.find_attribute("check").unwrap();
        assert!(check.optional && check.computed);
        let default = check.default.as_ref().unwrap();
        assert_eq!(default.get("path"), &Value::from("/health"));
        assert_eq!(default.get("interval").as_i64(), Some(30));
    }

    #[test]
    fn defaults_value_holds_every_default_and_null_elsewhere() {
        let v = block().defaults_value();
        assert_eq!(v.get("name"), &Value::Null);
        assert_eq!(v.get("count").as_i64(), Some(1));
        assert_eq!(v.get("container"), &Value::Null);
        assert_eq!(v.get("check").get("path"), &Value::from("/health"));
    }

    #[test]
    fn fill_defaults_fills_nulls_inside_objects_and_keeps_unknowns_and_values() {
        let mut v = Value::null_object(&block().value_type());
        v.set("count", Value::Unknown);
        v.set(
            "container",
            Value::Map([("image".to_string(), Value::from("nginx"))].into()),
        );
        v.set(
            "check",
            Value::Map([("interval".to_string(), Value::from(10i64))].into()),
        );
        block().fill_defaults(&mut v);
        assert_eq!(v.get("count"), &Value::Unknown);
        assert_eq!(v.get("container").get("port").as_i64(), Some(8080));
        assert_eq!(v.get("container").get("image"), &Value::from("nginx"));
        assert_eq!(v.get("check").get("interval").as_i64(), Some(10));
        assert_eq!(v.get("check").get("path"), &Value::from("/health"));
    }

    #[test]
    #[should_panic(expected = "only single nested attributes")]
    fn plain_attributes_cannot_default_to_nested_defaults() {
        let _ = Attribute::string("x").default_to_nested_defaults();
    }
}
