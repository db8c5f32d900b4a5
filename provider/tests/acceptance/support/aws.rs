//! Direct AWS calls against the embedded AWS, for setting up fixtures and
//! making out-of-band changes, as an operator with the aws CLI would.

use std::future::Future;

use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};

/// Runs async SDK calls from synchronous tests.
pub fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

fn sdk_config(url: &str) -> aws_config::SdkConfig {
    let creds = aws_credential_types::Credentials::new("testing", "testing", None, None, "tests");
    aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(creds))
        .build()
}

pub fn ec2(url: &str) -> aws_sdk_ec2::Client {
    aws_sdk_ec2::Client::new(&sdk_config(url))
}

fn tags(resource: ResourceType, pairs: &[(&str, &str)]) -> TagSpecification {
    TagSpecification::builder()
        .resource_type(resource)
        .set_tags(Some(
            pairs
                .iter()
                .map(|(k, v)| Tag::builder().key(*k).value(*v).build())
                .collect(),
        ))
        .build()
}

/// A VPC with subnets per (availability zone, tier); returns the VPC id and
/// the subnet ids in creation order.
pub async fn create_network(
    client: &aws_sdk_ec2::Client,
    cidr: &str,
    vpc_tags: &[(&str, &str)],
    subnets: &[(&str, &str, &str)],
) -> (String, Vec<String>) {
    let vpc = client
        .create_vpc()
        .cidr_block(cidr)
        .tag_specifications(tags(ResourceType::Vpc, vpc_tags))
        .send()
        .await
        .expect("create VPC");
    let vpc_id = vpc
        .vpc()
        .and_then(|v| v.vpc_id())
        .expect("vpc id")
        .to_string();
    let mut ids = Vec::new();
    for (az, subnet_cidr, tier) in subnets {
        let s = client
            .create_subnet()
            .vpc_id(&vpc_id)
            .cidr_block(*subnet_cidr)
            .availability_zone(*az)
            .tag_specifications(tags(ResourceType::Subnet, &[("Tier", tier)]))
            .send()
            .await
            .expect("create subnet");
        ids.push(
            s.subnet()
                .and_then(|s| s.subnet_id())
                .expect("subnet id")
                .to_string(),
        );
    }
    (vpc_id, ids)
}

/// An EC2 client acting in the account of `role_arn`, through
/// sts:AssumeRole (the embedded AWS maps the session to that account).
pub async fn ec2_as_role(url: &str, role_arn: &str) -> aws_sdk_ec2::Client {
    let sts = aws_sdk_sts::Client::new(&sdk_config(url));
    let out = sts
        .assume_role()
        .role_arn(role_arn)
        .role_session_name("fixture")
        .send()
        .await
        .expect("assume role");
    let c = out.credentials().expect("credentials");
    let creds = aws_credential_types::Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "assumed",
    );
    let config = sdk_config(url)
        .into_builder()
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(creds))
        .build();
    aws_sdk_ec2::Client::new(&config)
}
