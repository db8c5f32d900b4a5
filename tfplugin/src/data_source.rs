//! The data-source contract: a schema and a read.

use async_trait::async_trait;

use super::context::Ctx;
use super::diagnostics::Diagnostics;
use super::schema::Schema;
use super::value::Value;

/// A data source type. `D` is the provider's configured data.
#[async_trait]
pub trait DataSource<D: Send + Sync + 'static>: Send + Sync {
    /// The full type name, e.g. `privatelink_network`.
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> Schema;

    /// Cross-attribute checks on configuration that may hold unknowns.
    fn validate_config(&self, _config: &Value, _diags: &mut Diagnostics) {}

    /// Reads the data for a wholly known `config`; returns the full state.
    async fn read(&self, ctx: &Ctx, data: &D, config: Value) -> Result<Value, Diagnostics>;
}
