//! What AWS accepts, in the one place both the provider
//! (`privatelink_service`'s validation) and the catalog generator
//! (`privatelink-gen validate`) check it, so the two never disagree.
//! No dependencies.

pub mod backup;
pub mod elasticache;
pub mod fargate;
pub mod identifiers;
pub mod logs;
pub mod names;
pub mod rds;
