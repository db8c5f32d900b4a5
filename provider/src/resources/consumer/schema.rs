//! The `privatelink_consumer` schema: what users configure, its defaults
//! and what forces replacement.

use std::time::Duration;

use crate::aws::formats;
use crate::resources::shared::tag_rules;
use tfplugin::plan_modifiers::{RequiresReplace, UseStateForUnknown};
use tfplugin::schema::{Attribute, Block, NestedBlock, Schema};
use tfplugin::timeouts::timeouts_block;
use tfplugin::validators::{Each, IntRange, ListLength, Predicate};
use tfplugin::value::Type;

/// Create, update and delete each get this long unless `timeouts` says.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10 * 60);

fn id(expected: &'static str, check: fn(&str) -> bool) -> Predicate {
    Predicate { expected, check }
}

fn security_group_id() -> Predicate {
    id(
        "a security group id such as \"sg-0123456789abcdef0\"",
        |s| formats::has_id_prefix(s, "sg"),
    )
}

/// A computed attribute that keeps its value once known.
fn stable(attribute: Attribute) -> Attribute {
    attribute.computed().plan_modifier(UseStateForUnknown)
}

fn acceptance_block() -> NestedBlock {
    NestedBlock::at_most_one(
        "acceptance",
        Block::new()
            .describe("Accept the endpoint's connection from this workspace: after creating the endpoint the provider assumes this role in the service owner's account, accepts the connection and waits until it is `available`. The role needs `ec2:DescribeVpcEndpointConnections` and `ec2:AcceptVpcEndpointConnections` on the endpoint service.")
            .attribute(
                Attribute::string("role_arn")
                    .required()
                    .describe("The role to assume in the service owner's account.")
                    .validate(Predicate {
                        expected: "an IAM role ARN such as \"arn:aws:iam::111111111111:role/accept-endpoints\"",
                        check: formats::is_iam_role_arn,
                    }),
            )
            .attribute(
                Attribute::string("external_id")
                    .optional()
                    .describe("External id the role's trust policy requires.")
                    .validate(Predicate {
                        expected: "2 to 1224 characters of letters, digits and _+=,.@:/-",
                        check: formats::is_external_id,
                    }),
            )
            .attribute(
                Attribute::string("session_name")
                    .optional()
                    .describe("Session name recorded in the owner's CloudTrail. Defaults to `terraform-provider-privatelink`.")
                    .validate(Predicate {
                        expected: "2 to 64 characters of letters, digits and _+=,.@-",
                        check: formats::is_session_name,
                    }),
            ),
    )
}

pub fn schema() -> Schema {
    let dns_entry = Type::object([("dns_name", Type::String), ("hosted_zone_id", Type::String)]);
    let block = Block::new()
        .describe("An interface VPC endpoint to a PrivateLink endpoint service (such as a `privatelink_service` of another account), with a security group of its own that admits the clients, and optionally the acceptance of its connection in the service owner's account.")
        .attribute(stable(Attribute::string("id").describe("The VPC endpoint id (`vpce-...`); also the import id.")))
        .attribute(
            Attribute::string("name")
                .required()
                .describe("Names the endpoint (`Name` tag) and its security group (`privatelink-consumer-<name>`). 1-64 letters, digits and hyphens. Changing it replaces the endpoint.")
                .validate(Predicate {
                    expected: "1 to 64 letters, digits and hyphens",
                    check: |s| (1..=64).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                })
                .plan_modifier(RequiresReplace),
        )
        .attribute(
            Attribute::string("service_name")
                .required()
                .describe("The endpoint service's name, e.g. `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0` (the `service_name` of a `privatelink_service`). Changing it replaces the endpoint.")
                .validate(Predicate {
                    expected: "a PrivateLink service name such as \"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0\"",
                    // A bare service id gets its own hint (see validate).
                    check: |s| formats::endpoint_service_id_of(s).is_some() || formats::is_endpoint_service_id(s),
                })
                .plan_modifier(RequiresReplace),
        )
        .attribute(
            Attribute::string("vpc_id")
                .required()
                .describe("The consumer's VPC. Changing it replaces the endpoint.")
                .validate(id("a VPC id such as \"vpc-0123456789abcdef0\"", |s| formats::has_id_prefix(s, "vpc")))
                .plan_modifier(RequiresReplace),
        )
        .attribute(
            Attribute::string_set("subnet_ids")
                .required()
                .describe("Subnets of `vpc_id` for the endpoint's network interfaces, at most one per availability zone, each in a zone the service supports. Changed in place.")
                .validate(ListLength { min: 1, max: 16 })
                .validate(Each(id("a subnet id such as \"subnet-0123456789abcdef0\"", |s| formats::has_id_prefix(s, "subnet")))),
        )
        .attribute(
            Attribute::number("port")
                .required()
                .describe("The TCP port clients connect to: the service's `listener_port`. The endpoint's security group admits it.")
                .validate(IntRange { min: 1, max: 65535 }),
        )
        .attribute(
            Attribute::string_list("allowed_cidr_blocks")
                .optional()
                .computed()
                .describe("CIDR blocks allowed to reach the endpoint on `port`. Defaults to the VPC's CIDR blocks (secondary blocks included); `[]` admits only `allowed_security_group_ids`.")
                .validate(Each(Predicate { expected: "an IPv4 CIDR block with no host bits set, such as \"10.0.0.0/16\"", check: formats::is_ipv4_network })),
        )
        .attribute(
            Attribute::string_set("allowed_security_group_ids")
                .optional()
                .describe("Security groups (of clients) allowed to reach the endpoint on `port`.")
                .validate(Each(security_group_id())),
        )
        .attribute(
            Attribute::string_set("security_group_ids")
                .optional()
                .describe("More security groups to attach to the endpoint, besides its own.")
                .validate(Each(security_group_id())),
        )
        .attribute(
            Attribute::bool("private_dns_enabled")
                .default_value(false)
                .describe("Resolve the service's private DNS name to this endpoint inside the VPC (the service must have a verified private DNS name)."),
        )
        .attribute(
            Attribute::bool("wait_for_acceptance")
                .default_value(true)
                .describe("Wait, within `timeouts.create`, until the connection is `available`. When false, `pendingAcceptance` is a valid end state and a later refresh shows the new state. `rejected` and `failed` end the wait with an error either way."),
        )
        .attribute(
            Attribute::string_map("tags")
                .optional()
                .describe("Tags for the endpoint and its security group, over the provider's `default_tags`.")
                .validate(tag_rules::key_validator())
                .validate(tag_rules::value_validator())
                .validate(tag_rules::count_validator()),
        )
        .attribute(Attribute::string_map("tags_all").computed().describe("`tags` merged over the provider's `default_tags`, as applied."))
        .attribute(stable(Attribute::string("state").describe("The endpoint's state: `available`, `pendingAcceptance` (lower case: `pendingacceptance`), `pending`, `rejected`, `failed`...")))
        .attribute(stable(Attribute::string("dns_name").describe("The endpoint's regional DNS name, for the consuming application's configuration.")))
        .attribute(stable(Attribute::new("dns_entries", Type::list(dns_entry)).describe("Every DNS name of the endpoint (regional first, then one per zone) with its Route 53 hosted zone id.")))
        .attribute(stable(Attribute::string_set("network_interface_ids").describe("The endpoint's network interfaces, one per subnet.")))
        .attribute(stable(Attribute::string("security_group_id").describe("The endpoint's own security group.")))
        .attribute(stable(Attribute::string("service_id").describe("The endpoint service's id (`vpce-svc-...`), e.g. for a `privatelink_connection_accepter`.")))
        .attribute(stable(Attribute::string("service_owner").describe("The account id that owns the endpoint service.")))
        .block(acceptance_block())
        .block(timeouts_block(&["create", "update", "delete"], DEFAULT_TIMEOUT));
    Schema::new(block)
}
