#![doc = include_str!("../README.md")]

pub mod context;
pub mod data_source;
pub mod diagnostics;
pub mod docs;
pub mod path;
pub mod plan;
pub mod plan_modifiers;
pub mod proto;
pub mod provider;
pub mod resource;
pub mod rpc;
pub mod schema;
pub mod server;
pub mod timeouts;
pub mod validators;
pub mod value;
