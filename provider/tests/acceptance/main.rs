//! Acceptance tests: the real Terraform CLI (v1.0.3 and v1.11.4) and the
//! embedded AWS drive the built provider binary. One test binary for all,
//! to keep link time down.

mod support;

mod bad_input;
mod consumer_resource;
mod examples;
mod network_data_source;
mod plugin_server;
mod provider_config;
mod service_resource;
