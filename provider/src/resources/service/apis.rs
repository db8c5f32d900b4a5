//! Every AWS capability a service needs, as one trait object, so the
//! lifecycle code states its dependencies and can run against any
//! implementation.

use crate::aws::AwsClients;
use crate::aws::ec2::{
    Ec2Tags, EndpointServices, NetworkFinder, NetworkInterfaces, SecurityGroups,
};
use crate::aws::ecs::{Clusters, EcsServices, EcsTags, TaskDefinitions};
use crate::aws::elbv2::{Elbv2Tags, Listeners, LoadBalancers, TargetGroups};
use crate::aws::logs::LogGroups;
use crate::aws::tags::Tags;

pub trait ServiceApis:
    NetworkFinder
    + SecurityGroups
    + Ec2Tags
    + EndpointServices
    + NetworkInterfaces
    + LoadBalancers
    + TargetGroups
    + Listeners
    + Elbv2Tags
    + Clusters
    + TaskDefinitions
    + EcsServices
    + EcsTags
    + LogGroups
    + Send
    + Sync
{
    fn region(&self) -> &str;
    fn default_tags(&self) -> &Tags;
}

impl ServiceApis for AwsClients {
    fn region(&self) -> &str {
        &self.region
    }

    fn default_tags(&self) -> &Tags {
        &self.default_tags
    }
}
