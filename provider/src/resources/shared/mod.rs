//! Pieces more than one resource builds on: tag reconciliation and the
//! security group part.

pub mod security_group;
pub mod tags;
#[cfg(test)]
pub mod testing;
