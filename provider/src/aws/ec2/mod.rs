//! EC2: networks (VPCs and subnets), security groups, VPC endpoint
//! services and their connections, interface VPC endpoints, network
//! interfaces and tags.

pub mod endpoint_connections;
pub mod endpoint_service_details;
pub mod endpoint_services;
pub mod network;
pub mod network_interfaces;
pub mod security_groups;
pub mod tags;
mod unsuccessful;
pub mod vpc_endpoints;
pub mod waiters;

pub use endpoint_connections::EndpointConnections;
pub use endpoint_service_details::{EndpointServiceDetail, EndpointServiceDetails};
pub use endpoint_services::{
    EndpointConnection, EndpointService, EndpointServiceSpec, EndpointServices,
};
pub use network::{NetworkFinder, Subnet, Vpc, VpcQuery};
pub use network_interfaces::NetworkInterfaces;
pub use security_groups::{IngressSource, SecurityGroup, SecurityGroups};
pub use tags::Ec2Tags;
pub use vpc_endpoints::{
    DnsEntry, VpcEndpoint, VpcEndpointChange, VpcEndpointQuery, VpcEndpointSpec, VpcEndpoints,
};
