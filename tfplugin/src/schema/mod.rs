//! Schemas: what a provider, resource or data source accepts and returns,
//! with the validators, defaults and plan modifiers attached to each
//! attribute. Converted to the protocol form in `schema::proto`.

mod attribute;
mod block;
mod defaults;
mod proto;
mod walk;

pub use attribute::{Attribute, AttributeKind, NestedAttributes, Nesting};
pub use block::{Block, BlockNesting, NestedBlock};
pub use walk::{Next, Visit, Visitor, walk};

use super::value::Type;

/// A versioned schema. Bump `version` (and implement the resource's state
/// upgrade) whenever stored state changes shape.
#[derive(Clone, Default)]
pub struct Schema {
    pub version: i64,
    pub block: Block,
}

impl Schema {
    pub fn new(block: Block) -> Self {
        Self { version: 0, block }
    }

    pub fn with_version(mut self, version: i64) -> Self {
        self.version = version;
        self
    }

    /// The object type of values conforming to this schema.
    pub fn value_type(&self) -> Type {
        self.block.value_type()
    }
}
