//! EC2: networks (VPCs and subnets), security groups, VPC endpoint
//! services and their connections, network interfaces and tags.

pub mod endpoint_services;
pub mod network;
pub mod network_interfaces;
pub mod security_groups;
pub mod tags;
pub mod waiters;

pub use endpoint_services::{
    EndpointConnection, EndpointService, EndpointServiceSpec, EndpointServices,
};
pub use network::{NetworkFinder, Subnet, Vpc, VpcQuery};
pub use network_interfaces::NetworkInterfaces;
pub use security_groups::{IngressSource, SecurityGroup, SecurityGroups};
pub use tags::Ec2Tags;
