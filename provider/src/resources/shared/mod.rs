//! Pieces more than one resource builds on: tag rules and reconciliation,
//! and the security group part.

pub mod security_group;
pub mod tag_rules;
pub mod tags;
#[cfg(test)]
pub mod testing;
