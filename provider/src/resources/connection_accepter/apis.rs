//! The AWS capabilities the accepter needs.

use crate::aws::AwsClients;
use crate::aws::ec2::{EndpointConnections, EndpointServices};

pub trait AccepterApis: EndpointConnections + EndpointServices + Send + Sync {}

impl AccepterApis for AwsClients {}

#[cfg(test)]
impl AccepterApis for crate::aws::fake::FakeAws {}
