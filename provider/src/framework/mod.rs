//! The provider framework: schemas, typed values and their codecs,
//! diagnostics with attribute paths, validators, plan modifiers, the
//! Provider/Resource/DataSource traits, and the tfplugin6 service that
//! drives them (one file per RPC under `rpc`).

pub mod context;
pub mod data_source;
pub mod diagnostics;
pub mod docs;
pub mod path;
pub mod plan;
pub mod plan_modifiers;
pub mod provider;
pub mod resource;
pub mod rpc;
pub mod schema;
pub mod timeouts;
pub mod validators;
pub mod value;
