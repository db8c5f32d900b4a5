//! `privatelink_network`: finds a VPC by id or tags and the subnets of one
//! tier (a `Tier` tag, e.g. `private`), for workload workspaces to place
//! services and endpoints in. One file per job: `schema`, `validate`,
//! `model` (configuration and state as structs), `lookup` (the AWS
//! search), `read` (lookup to state).

mod lookup;
mod model;
mod read;
mod schema;
mod validate;

use async_trait::async_trait;

use crate::aws::AwsClients;
use tfplugin::context::Ctx;
use tfplugin::data_source::DataSource;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::schema::Schema;
use tfplugin::value::Value;

pub use lookup::{Network, NetworkQuery, lookup};
pub use schema::DEFAULT_TIER_TAG;

/// The `privatelink_network` data source.
pub struct NetworkDataSource;

#[async_trait]
impl DataSource<AwsClients> for NetworkDataSource {
    fn type_name(&self) -> &'static str {
        "privatelink_network"
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    fn validate_config(&self, config: &Value, diags: &mut Diagnostics) {
        validate::validate(config, diags);
    }

    async fn read(
        &self,
        _ctx: &Ctx,
        clients: &AwsClients,
        config: Value,
    ) -> Result<Value, Diagnostics> {
        read::read(clients, config).await
    }
}
