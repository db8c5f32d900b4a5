//! terraform-provider-privatelink: a Terraform provider (plugin protocol 6)
//! that exposes ECS Fargate services across AWS accounts through
//! PrivateLink.
//!
//! Layers, outermost first:
//! - [`server`]: the go-plugin side: handshake, AutoMTLS, gRPC services.
//! - [`framework`]: schemas, values, diagnostics, plan rules and the
//!   tfplugin6 service that drives provider, resource and data-source traits.
//! - [`privatelink`]: this provider's configuration; [`data_sources`] and
//!   resources implementing the traits.
//! - [`aws`]: AWS SDK clients, finders and waiters behind traits.

pub mod framework;
pub mod proto;
pub mod server;

/// The registry address Terraform installs this provider from.
pub const PROVIDER_SOURCE: &str = "privatelink-labs/privatelink";
/// The fully qualified provider address (for TF_REATTACH_PROVIDERS).
pub const PROVIDER_ADDRESS: &str = "registry.terraform.io/privatelink-labs/privatelink";
pub mod aws;
pub mod data_sources;
pub mod privatelink;
pub mod resources;
