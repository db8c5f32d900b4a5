//! The privatelink provider: its configuration and the resources and data
//! sources it serves.

mod config;
pub mod docs;

use std::sync::Arc;

use async_trait::async_trait;

use crate::aws::AwsClients;
use crate::data_sources::network::NetworkDataSource;
use crate::resources::connection_accepter::ConnectionAccepterResource;
use crate::resources::consumer::ConsumerResource;
use crate::resources::service::ServiceResource;
use tfplugin::context::Ctx;
use tfplugin::data_source::DataSource;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::provider::{ConfigureRequest, Provider};
use tfplugin::resource::Resource;
use tfplugin::schema::Schema;
use tfplugin::value::Value;

pub use config::{provider_schema, settings_from_config};

/// The provider. Its configured data is the set of AWS clients.
#[derive(Default)]
pub struct PrivatelinkProvider;

#[async_trait]
impl Provider for PrivatelinkProvider {
    type Data = AwsClients;

    fn type_name(&self) -> &'static str {
        crate::PROVIDER_NAME
    }

    fn schema(&self) -> Schema {
        provider_schema()
    }

    fn validate_config(&self, config: &Value, diags: &mut Diagnostics) {
        config::validate(config, diags);
    }

    async fn configure(
        &self,
        _ctx: &Ctx,
        req: ConfigureRequest,
    ) -> Result<AwsClients, Diagnostics> {
        let settings = settings_from_config(&req.config)?;
        tracing::debug!(terraform_version = %req.terraform_version, region = ?settings.region, "configuring");
        AwsClients::connect(&settings).await
    }

    /// The credentials are checked before the first AWS call, not at
    /// configure time, so `plan -refresh=false` calls nothing.
    async fn ready(&self, _ctx: &Ctx, aws: &AwsClients) -> Diagnostics {
        match aws.validate_credentials().await {
            Ok(_) => Diagnostics::new(),
            Err(diags) => diags,
        }
    }

    fn resources(&self) -> Vec<Arc<dyn Resource<AwsClients>>> {
        vec![
            Arc::new(ServiceResource),
            Arc::new(ConsumerResource),
            Arc::new(ConnectionAccepterResource),
        ]
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource<AwsClients>>> {
        vec![Arc::new(NetworkDataSource)]
    }
}
