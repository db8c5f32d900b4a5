//! Managed resources served by the provider.

pub mod service;
pub mod shared;
