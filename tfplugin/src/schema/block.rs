//! Blocks: a set of attributes plus nested block types (`assume_role { }`).

use crate::value::Type;

use super::attribute::{Attribute, AttributeKind};

/// How a nested block type repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockNesting {
    Single,
    List,
    Set,
    Map,
    Group,
}

/// A nested block type inside a block.
#[derive(Clone)]
pub struct NestedBlock {
    pub type_name: String,
    pub nesting: BlockNesting,
    pub block: Block,
    pub min_items: i64,
    pub max_items: i64,
}

impl NestedBlock {
    /// A block that may appear at most once, written `name { ... }`.
    pub fn at_most_one(type_name: impl Into<String>, block: Block) -> Self {
        Self {
            type_name: type_name.into(),
            nesting: BlockNesting::List,
            block,
            min_items: 0,
            max_items: 1,
        }
    }

    pub fn value_type(&self) -> Type {
        let obj = self.block.value_type();
        match self.nesting {
            BlockNesting::Single | BlockNesting::Group => obj,
            BlockNesting::List => Type::list(obj),
            BlockNesting::Set => Type::set(obj),
            BlockNesting::Map => Type::map(obj),
        }
    }
}

/// A block: the body of a provider, resource or data source configuration.
#[derive(Clone, Default)]
pub struct Block {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<NestedBlock>,
    pub description: String,
    pub deprecated: bool,
}

impl Block {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn describe(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    pub fn attribute(mut self, attribute: Attribute) -> Self {
        self.attributes.push(attribute);
        self
    }

    pub fn block(mut self, block: NestedBlock) -> Self {
        self.blocks.push(block);
        self
    }

    pub fn find_attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The attribute at `path`: a top-level attribute, then attributes of
    /// the nested attributes it holds (`["container", "port"]`).
    pub fn attribute_at(&self, path: &[&str]) -> Option<&Attribute> {
        let (first, rest) = path.split_first()?;
        let mut attribute = self.find_attribute(first)?;
        for name in rest {
            let AttributeKind::Nested(nested) = &attribute.kind else {
                return None;
            };
            attribute = nested.attributes.iter().find(|a| a.name == *name)?;
        }
        Some(attribute)
    }

    pub fn find_block(&self, name: &str) -> Option<&NestedBlock> {
        self.blocks.iter().find(|b| b.type_name == name)
    }

    /// The object type of this block's values.
    pub fn value_type(&self) -> Type {
        Type::Object(
            self.attributes
                .iter()
                .map(|a| (a.name.clone(), a.value_type()))
                .chain(
                    self.blocks
                        .iter()
                        .map(|b| (b.type_name.clone(), b.value_type())),
                )
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Nesting;

    #[test]
    fn finds_attributes_inside_nested_attributes() {
        let block = Block::new().attribute(Attribute::nested(
            "container",
            Nesting::Single,
            vec![Attribute::number("port").default_value(8080i64)],
        ));
        let port = block.attribute_at(&["container", "port"]).unwrap();
        assert_eq!(port.default.as_ref().and_then(|d| d.as_i64()), Some(8080));
        assert!(block.attribute_at(&["container", "cpu"]).is_none());
        assert!(block.attribute_at(&["container", "port", "x"]).is_none());
        assert!(block.attribute_at(&[]).is_none());
    }
}
