//! Conversion of schemas to their tfplugin6 form.

use super::{Attribute, AttributeKind, Block, BlockNesting, NestedBlock, Nesting, Schema};
use crate::proto::tfplugin6 as pb;

impl Schema {
    pub fn to_proto(&self) -> pb::Schema {
        pb::Schema {
            version: self.version,
            block: Some(self.block.to_proto(self.version)),
        }
    }
}

fn markdown() -> i32 {
    pb::StringKind::Markdown as i32
}

impl Block {
    fn to_proto(&self, version: i64) -> pb::schema::Block {
        pb::schema::Block {
            version,
            attributes: self.attributes.iter().map(Attribute::to_proto).collect(),
            block_types: self.blocks.iter().map(NestedBlock::to_proto).collect(),
            description: self.description.clone(),
            description_kind: markdown(),
            deprecated: self.deprecated,
        }
    }
}

impl NestedBlock {
    fn to_proto(&self) -> pb::schema::NestedBlock {
        use pb::schema::nested_block::NestingMode;
        let nesting = match self.nesting {
            BlockNesting::Single => NestingMode::Single,
            BlockNesting::List => NestingMode::List,
            BlockNesting::Set => NestingMode::Set,
            BlockNesting::Map => NestingMode::Map,
            BlockNesting::Group => NestingMode::Group,
        };
        pb::schema::NestedBlock {
            type_name: self.type_name.clone(),
            block: Some(self.block.to_proto(0)),
            nesting: nesting as i32,
            min_items: self.min_items,
            max_items: self.max_items,
        }
    }
}

impl Attribute {
    fn to_proto(&self) -> pb::schema::Attribute {
        let (ty, nested_type) = match &self.kind {
            AttributeKind::Plain(t) => (t.to_json_bytes(), None),
            AttributeKind::Nested(n) => {
                use pb::schema::object::NestingMode;
                let nesting = match n.nesting {
                    Nesting::Single => NestingMode::Single,
                    Nesting::List => NestingMode::List,
                    Nesting::Set => NestingMode::Set,
                    Nesting::Map => NestingMode::Map,
                };
                #[allow(deprecated)]
                let object = pb::schema::Object {
                    attributes: n.attributes.iter().map(Attribute::to_proto).collect(),
                    nesting: nesting as i32,
                    min_items: 0,
                    max_items: 0,
                };
                (Vec::new(), Some(object))
            }
        };
        pb::schema::Attribute {
            name: self.name.clone(),
            r#type: ty,
            nested_type,
            description: self.description_with_default(),
            required: self.required,
            optional: self.optional,
            computed: self.computed,
            sensitive: self.sensitive,
            description_kind: markdown(),
            deprecated: self.deprecated,
            // Write-only attributes need protocol 6.8; never used, so
            // Terraform 1.0 (6.0) reads every schema we send.
            write_only: false,
        }
    }

    fn description_with_default(&self) -> String {
        match &self.default {
            Some(v) if !v.is_null() => {
                let shown = crate::value::to_json(v)
                    .map(|j| j.to_string())
                    .unwrap_or_default();
                if self.description.is_empty() {
                    format!("Defaults to `{shown}`.")
                } else {
                    format!("{} Defaults to `{shown}`.", self.description)
                }
            }
            _ => self.description.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Type;

    #[test]
    fn nested_attributes_use_nested_type_not_type_bytes() {
        let schema = Schema::new(
            Block::new()
                .attribute(Attribute::string("name").required())
                .attribute(Attribute::nested(
                    "container",
                    Nesting::Single,
                    vec![Attribute::number("port").default_value(8080i64)],
                )),
        );
        let p = schema.to_proto();
        let block = p.block.unwrap();
        let container = &block.attributes[1];
        assert!(container.r#type.is_empty());
        let nested = container.nested_type.as_ref().unwrap();
        assert_eq!(nested.attributes[0].description, "Defaults to `8080`.");
        assert_eq!(block.attributes[0].r#type, b"\"string\"");
        assert_eq!(
            schema.value_type(),
            Type::object([
                ("name", Type::String),
                ("container", Type::object([("port", Type::Number)])),
            ])
        );
    }
}
