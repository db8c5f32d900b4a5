//! Managed resources served by the provider.

pub mod connection_accepter;
pub mod consumer;
pub mod service;
pub mod shared;
