//! AWS access: SDK configuration from provider settings, the service
//! clients, error classification, and per-domain finders behind traits so
//! resource logic can be tested without AWS.

pub mod clients;
pub mod coalesce;
pub mod ec2;
pub mod ecs;
pub mod elbv2;
pub mod endpoints;
pub mod errors;
#[cfg(test)]
pub mod fake;
pub mod formats;
pub mod identity;
pub mod logs;
pub mod lookups;
pub mod outcome;
pub mod permissions;
pub mod roles;

pub mod sdk_config;
pub mod settings;
pub mod tags;
pub mod waiter;

pub use clients::AwsClients;
pub use endpoints::AwsApi;
pub use errors::AwsError;
pub use settings::{AssumeRole, AwsSettings};
