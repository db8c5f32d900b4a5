//! The provider contract: its configuration schema, how configuration turns
//! into the data resources use (AWS clients), and the types it serves.

use std::sync::Arc;

use async_trait::async_trait;

use super::context::Ctx;
use super::data_source::DataSource;
use super::diagnostics::Diagnostics;
use super::resource::Resource;
use super::schema::Schema;
use super::value::Value;

/// Input to `configure`.
pub struct ConfigureRequest {
    pub terraform_version: String,
    /// The provider block; may hold unknowns when it depends on resources
    /// not yet created.
    pub config: Value,
}

/// A Terraform provider.
#[async_trait]
pub trait Provider: Send + Sync + 'static {
    /// What resources and data sources receive once configured.
    type Data: Send + Sync + 'static;

    /// The provider's local name, the prefix of its type names.
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> Schema;

    /// Cross-attribute checks on the provider block.
    fn validate_config(&self, _config: &Value, _diags: &mut Diagnostics) {}

    async fn configure(&self, ctx: &Ctx, req: ConfigureRequest) -> Result<Self::Data, Diagnostics>;

    /// Runs before every operation that uses the configured data (refresh,
    /// apply, import, data source reads): the place for checks that need
    /// the network, so that a plan which calls nothing
    /// (`plan -refresh=false`) makes no call at all. Implementations cache
    /// their result.
    async fn ready(&self, _ctx: &Ctx, _data: &Self::Data) -> Diagnostics {
        Diagnostics::new()
    }

    fn resources(&self) -> Vec<Arc<dyn Resource<Self::Data>>>;

    fn data_sources(&self) -> Vec<Arc<dyn DataSource<Self::Data>>>;
}
