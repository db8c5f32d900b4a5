//! The `privatelink_connection_accepter` schema.

use std::time::Duration;

use crate::aws::formats;
use tfplugin::plan_modifiers::{RequiresReplace, UseStateForUnknown};
use tfplugin::schema::{Attribute, Block, Schema};
use tfplugin::timeouts::timeouts_block;
use tfplugin::validators::Predicate;

/// Create and delete each get this long unless `timeouts` says.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10 * 60);

pub fn schema() -> Schema {
    Schema::new(
        Block::new()
            .describe("Accepts one consumer's endpoint connection to an endpoint service of this account (the service owner's workspace), and rejects it on destroy. For teams that will not let consumers assume a role here (see `privatelink_consumer`'s `acceptance` block for that way).")
            .attribute(
                Attribute::string("id")
                    .computed()
                    .describe("`<endpoint_service_id>_<endpoint_id>`; also the import id.")
                    .plan_modifier(UseStateForUnknown),
            )
            .attribute(
                Attribute::string("endpoint_service_id")
                    .required()
                    .describe("The endpoint service (`vpce-svc-...`), e.g. `privatelink_service.api.id`.")
                    .validate(Predicate { expected: "an endpoint service id such as \"vpce-svc-0123456789abcdef0\"", check: formats::is_endpoint_service_id })
                    .plan_modifier(RequiresReplace),
            )
            .attribute(
                Attribute::string("endpoint_id")
                    .required()
                    .describe("The consumer's VPC endpoint (`vpce-...`), e.g. the `id` of its `privatelink_consumer`.")
                    .validate(Predicate { expected: "a VPC endpoint id such as \"vpce-0123456789abcdef0\"", check: formats::is_vpc_endpoint_id })
                    .plan_modifier(RequiresReplace),
            )
            .attribute(
                Attribute::string("state")
                    .computed()
                    .describe("The connection's state as the owner sees it: `available` once accepted.")
                    .plan_modifier(UseStateForUnknown),
            )
            .attribute(
                Attribute::string("endpoint_owner")
                    .computed()
                    .describe("The account id that owns the endpoint.")
                    .plan_modifier(UseStateForUnknown),
            )
            .block(timeouts_block(&["create", "delete"], DEFAULT_TIMEOUT)),
    )
}
