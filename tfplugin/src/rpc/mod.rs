//! The tfplugin6 `Provider` gRPC service, translating protocol messages to
//! the framework's traits. One file per lifecycle operation.

mod apply_resource_change;
mod configure_provider;
mod dynamic;
mod get_metadata;
mod get_provider_schema;
mod import_resource_state;
mod plan_resource_change;
mod read_data_source;
mod read_resource;
mod stop_provider;
mod unsupported;
mod upgrade_resource_state;
mod validate_data_resource_config;
mod validate_provider_config;
mod validate_resource_config;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

use super::context::Ctx;
use super::data_source::DataSource;
use super::diagnostics::{Diagnostic, Diagnostics};
use super::provider::Provider;
use super::resource::Resource;
use super::schema::Schema;
use crate::proto::tfplugin6 as pb;

/// A resource type with its schema computed once.
struct ResourceEntry<D> {
    resource: Arc<dyn Resource<D>>,
    schema: Schema,
}

/// A data source type with its schema computed once.
struct DataSourceEntry<D> {
    data_source: Arc<dyn DataSource<D>>,
    schema: Schema,
}

/// Serves one [`Provider`] over tfplugin6.
pub struct ProviderService<P: Provider> {
    provider: Arc<P>,
    provider_schema: Schema,
    resources: BTreeMap<String, ResourceEntry<P::Data>>,
    data_sources: BTreeMap<String, DataSourceEntry<P::Data>>,
    /// Set by ConfigureProvider; `None` before, or when the provider block
    /// was not yet known.
    data: RwLock<Option<Arc<P::Data>>>,
    /// Cancelled by StopProvider: every in-flight operation ends.
    stop: CancellationToken,
}

impl<P: Provider> ProviderService<P> {
    pub fn new(provider: P) -> Self {
        let resources = provider
            .resources()
            .into_iter()
            .map(|r| {
                (
                    r.type_name().to_string(),
                    ResourceEntry {
                        schema: r.schema(),
                        resource: r,
                    },
                )
            })
            .collect();
        let data_sources = provider
            .data_sources()
            .into_iter()
            .map(|d| {
                (
                    d.type_name().to_string(),
                    DataSourceEntry {
                        schema: d.schema(),
                        data_source: d,
                    },
                )
            })
            .collect();
        Self {
            provider_schema: provider.schema(),
            provider: Arc::new(provider),
            resources,
            data_sources,
            data: RwLock::new(None),
            stop: CancellationToken::new(),
        }
    }

    /// The token StopProvider cancels.
    pub fn stop_token(&self) -> CancellationToken {
        self.stop.clone()
    }

    fn ctx(&self) -> Ctx {
        Ctx::new(self.stop.clone())
    }

    fn resource(&self, type_name: &str) -> Result<&ResourceEntry<P::Data>, Diagnostics> {
        self.resources.get(type_name).ok_or_else(|| {
            Diagnostic::error(
                "Unknown resource type",
                format!("This provider has no resource type {type_name:?}."),
            )
            .into()
        })
    }

    fn data_source(&self, type_name: &str) -> Result<&DataSourceEntry<P::Data>, Diagnostics> {
        self.data_sources.get(type_name).ok_or_else(|| {
            Diagnostic::error(
                "Unknown data source type",
                format!("This provider has no data source type {type_name:?}."),
            )
            .into()
        })
    }

    /// `diags` for a response about resource `type_name`, located in its
    /// schema.
    fn resource_diagnostics(&self, type_name: &str, diags: &Diagnostics) -> Vec<pb::Diagnostic> {
        match self.resources.get(type_name) {
            Some(entry) => diags.to_proto_in(&entry.schema.block),
            None => diags.to_proto(),
        }
    }

    /// `diags` for a response about data source `type_name`, located in
    /// its schema.
    fn data_source_diagnostics(&self, type_name: &str, diags: &Diagnostics) -> Vec<pb::Diagnostic> {
        match self.data_sources.get(type_name) {
            Some(entry) => diags.to_proto_in(&entry.schema.block),
            None => diags.to_proto(),
        }
    }

    fn configured(&self) -> Option<Arc<P::Data>> {
        self.data.read().expect("provider data lock").clone()
    }

    /// The configured data, once the provider's `ready` checks passed.
    async fn require_ready(&self, ctx: &Ctx) -> Result<Arc<P::Data>, Diagnostics> {
        let data = self.require_configured()?;
        let diags = ctx
            .run(self.provider.ready(ctx, &data))
            .await
            .map_err(|i| {
                Diagnostics::from(i.to_diagnostic("Checking the provider configuration"))
            })?;
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(data)
    }

    fn require_configured(&self) -> Result<Arc<P::Data>, Diagnostics> {
        self.configured().ok_or_else(|| {
            Diagnostic::error(
                "Provider not configured",
                "The provider configuration is not known yet (it depends on values known only after apply). \
                 Apply the resources it depends on first, or pass known values to the provider block.",
            )
            .into()
        })
    }
}

/// Implements the generated tonic trait: each RPC unwraps the request,
/// calls the handler of the same name (the inherent method defined in that
/// RPC's file) and logs its duration.
macro_rules! serve_rpcs {
    ($($name:ident),* $(,)?) => {
        #[tonic::async_trait]
        impl<P: Provider> pb::provider_server::Provider for ProviderService<P> {
            $(
                async fn $name(
                    &self,
                    request: Request<pb::$name::Request>,
                ) -> Result<Response<pb::$name::Response>, Status> {
                    let started = std::time::Instant::now();
                    let response = ProviderService::$name(self, request.into_inner()).await;
                    tracing::debug!(
                        rpc = stringify!($name),
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "served"
                    );
                    Ok(Response::new(response))
                }
            )*
        }
    };
}

serve_rpcs!(
    get_metadata,
    get_provider_schema,
    validate_provider_config,
    validate_resource_config,
    validate_data_resource_config,
    upgrade_resource_state,
    configure_provider,
    read_resource,
    plan_resource_change,
    apply_resource_change,
    import_resource_state,
    move_resource_state,
    read_data_source,
    validate_ephemeral_resource_config,
    open_ephemeral_resource,
    renew_ephemeral_resource,
    close_ephemeral_resource,
    get_functions,
    call_function,
    stop_provider,
);
