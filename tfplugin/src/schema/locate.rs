//! Where Terraform can point: it finds the line of a diagnostic by walking
//! the attribute path through nested *blocks* and, for the last step, into
//! a map or object written as `{ key = ... }` when that step is an element
//! key. It cannot walk through a nested *attribute* (`container = { port =
//! ... }`): a path `container.port` ends at the resource's header. Written
//! as `container["port"]` the same path lands on the `port` line, so
//! diagnostics are sent in that form.

use super::{AttributeKind, Block};
use crate::path::{AttributePath, Step};

impl Block {
    /// `path` in the form Terraform locates in configuration: unchanged
    /// through nested blocks and plain attributes; at a nested attribute,
    /// that attribute with the next step as an element key (deeper steps
    /// dropped, the line of that key being as close as Terraform gets).
    pub fn config_location(&self, path: &AttributePath) -> AttributePath {
        let steps = path.steps();
        let mut located = AttributePath::root();
        let mut block = self;
        let mut i = 0;
        while i < steps.len() {
            let Step::Attribute(name) = &steps[i] else {
                return path.clone();
            };
            if let Some(nested) = block.blocks.iter().find(|b| &b.type_name == name) {
                located = located.attribute(name.clone());
                i += 1;
                // The element of a block list, set or map.
                while let Some(step @ (Step::Index(_) | Step::Key(_))) = steps.get(i) {
                    located = located.with_step(step.clone());
                    i += 1;
                }
                block = &nested.block;
                continue;
            }
            let Some(attribute) = block.attributes.iter().find(|a| &a.name == name) else {
                return path.clone();
            };
            if !matches!(attribute.kind, AttributeKind::Nested(_)) {
                return path.clone();
            }
            located = located.attribute(name.clone());
            return match steps.get(i + 1) {
                Some(Step::Attribute(inner) | Step::Key(inner)) => located.key(inner.clone()),
                Some(Step::Index(n)) => located.with_step(Step::Index(*n)),
                None => located,
            };
        }
        path.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Attribute, NestedBlock, Nesting};

    fn block() -> Block {
        Block::new()
            .attribute(Attribute::string("name").required())
            .attribute(Attribute::string_map("tags").optional())
            .attribute(Attribute::nested(
                "container",
                Nesting::Single,
                vec![
                    Attribute::number("port").optional(),
                    Attribute::string_map("secrets").optional(),
                ],
            ))
            .block(NestedBlock::at_most_one(
                "assume_role",
                Block::new().attribute(Attribute::string("role_arn").required()),
            ))
    }

    #[test]
    fn a_nested_attribute_becomes_an_element_key() {
        let path = AttributePath::attr("container").attribute("port");
        assert_eq!(
            block().config_location(&path),
            AttributePath::attr("container").key("port")
        );
        let deeper = AttributePath::attr("container")
            .attribute("secrets")
            .key("DB");
        assert_eq!(
            block().config_location(&deeper),
            AttributePath::attr("container").key("secrets")
        );
    }

    #[test]
    fn blocks_and_plain_attributes_stay_as_they_are() {
        for path in [
            AttributePath::attr("assume_role")
                .index(0)
                .attribute("role_arn"),
            AttributePath::attr("tags").key("Name"),
            AttributePath::attr("name"),
            AttributePath::attr("unknown").attribute("x"),
            AttributePath::attr("container"),
        ] {
            assert_eq!(block().config_location(&path), path, "{path}");
        }
    }
}
