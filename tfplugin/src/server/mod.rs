//! The plugin server: what makes the binary a Terraform plugin. It checks
//! the launch environment, binds loopback, sets up AutoMTLS, prints the
//! go-plugin handshake and serves gRPC until Terraform shuts it down.

pub mod broker;
pub mod controller;
pub mod debug;
pub mod handshake;
pub mod listener;
pub mod logging;
pub mod serve;
pub mod stdio;
pub mod tls;
