//! Every AWS capability a consumer needs, as one trait object, so the
//! lifecycle code states its dependencies and runs against any
//! implementation (the real clients, or the in-memory fake in tests).

use crate::aws::AwsClients;
use crate::aws::ec2::{
    Ec2Tags, EndpointServiceDetails, NetworkFinder, SecurityGroups, VpcEndpoints,
};
use crate::aws::roles::ServiceOwnerRole;
use crate::aws::tags::Tags;

pub trait ConsumerApis:
    NetworkFinder
    + SecurityGroups
    + Ec2Tags
    + VpcEndpoints
    + EndpointServiceDetails
    + ServiceOwnerRole
    + Send
    + Sync
{
    /// The provider's `default_tags`.
    fn default_tags(&self) -> &Tags;
}

impl ConsumerApis for AwsClients {
    fn default_tags(&self) -> &Tags {
        &self.default_tags
    }
}

#[cfg(test)]
impl ConsumerApis for crate::aws::fake::FakeAws {
    fn default_tags(&self) -> &Tags {
        crate::resources::service::ServiceApis::default_tags(self)
    }
}
