//! Schemas: what a provider, resource or data source accepts and returns,
//! with the validators, defaults and plan modifiers attached to each
//! attribute. Converted to the protocol form in `schema::proto`.

mod attribute;
mod block;
mod defaults;
mod locate;
mod proto;
mod walk;

pub use attribute::{Attribute, AttributeKind, NestedAttributes, Nesting};
pub use block::{Block, BlockNesting, NestedBlock};
pub use walk::{Next, Visit, Visitor, walk};

use super::value::{CodecError, Type, Value, drop_unknown_attributes, from_json};

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

    /// Reads stored state JSON of this schema's version: attributes the
    /// schema no longer has are dropped, attributes it gained start at
    /// their default (as a plan would set them, so no change shows).
    pub fn decode_stored_state(&self, mut json: serde_json::Value) -> Result<Value, CodecError> {
        let ty = self.value_type();
        let dropped = drop_unknown_attributes(&mut json, &ty);
        if !dropped.is_empty() {
            tracing::debug!(
                ?dropped,
                "attributes the schema no longer has were dropped from the state"
            );
        }
        let mut value = from_json(&json, &ty)?;
        self.block.fill_defaults(&mut value);
        Ok(value)
    }
}
