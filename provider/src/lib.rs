//! terraform-provider-privatelink: a Terraform provider (plugin protocol 6)
//! that exposes ECS Fargate services across AWS accounts through
//! PrivateLink.
//!
//! Layers, outermost first:
//! - the [`tfplugin`] crate: the plugin server (handshake, AutoMTLS, gRPC)
//!   and the framework (schemas, values, diagnostics, plan rules, and the
//!   tfplugin6 service driving the provider, resource and data-source
//!   traits). It knows nothing of AWS.
//! - [`privatelink`]: this provider's configuration; [`data_sources`] and
//!   [`resources`] implementing the framework's traits.
//! - [`aws`]: AWS SDK clients, finders and waiters behind traits.

/// The provider's local name, the prefix of its type names.
pub const PROVIDER_NAME: &str = "privatelink";
/// The registry address Terraform installs this provider from.
pub const PROVIDER_SOURCE: &str = "privatelink-labs/privatelink";
/// The fully qualified provider address (for TF_REATTACH_PROVIDERS).
pub const PROVIDER_ADDRESS: &str = "registry.terraform.io/privatelink-labs/privatelink";
pub mod aws;
pub mod data_sources;
pub mod privatelink;
pub mod resources;
pub mod values;
