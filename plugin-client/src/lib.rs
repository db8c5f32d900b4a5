//! The Terraform side of the go-plugin launch contract, for tests and
//! benchmarks: start a provider binary as Terraform does (magic cookie,
//! port range, AutoMTLS client certificate), read its handshake line and
//! open a gRPC channel to it over TCP or a Unix socket.

mod channel;
mod handshake;
mod identity;
mod process;

pub use channel::connect;
pub use handshake::{Handshake, ParseError};
pub use identity::ClientIdentity;
pub use process::{LaunchOptions, PluginProcess};

/// Terraform's magic cookie for provider plugins.
pub const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";
pub const MAGIC_COOKIE_VALUE: &str =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
