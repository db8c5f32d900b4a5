//! `privatelink_connection_accepter`: in the service owner's workspace,
//! accepts one consumer endpoint's connection and rejects it on destroy.

mod accept;
mod apis;
mod delete;
mod import;
mod plan;
mod read;
pub mod schema;
#[cfg(test)]
mod tests;
mod update;

use async_trait::async_trait;

use crate::aws::AwsClients;
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::resource::{
    CreateRequest, DeleteRequest, PlanContext, ReadRequest, Resource, StateResult, UpdateRequest,
};
use tfplugin::schema::Schema;

pub use apis::AccepterApis;

/// The `privatelink_connection_accepter` resource.
pub struct ConnectionAccepterResource;

#[async_trait]
impl Resource<AwsClients> for ConnectionAccepterResource {
    fn type_name(&self) -> &'static str {
        "privatelink_connection_accepter"
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    /// A connection rejected or failed since the last apply is planned to
    /// be accepted again.
    async fn modify_plan(&self, _ctx: &Ctx, _aws: Option<&AwsClients>, plan: &mut PlanContext) {
        plan::modify_plan(plan);
    }

    async fn create(&self, ctx: &Ctx, aws: &AwsClients, req: CreateRequest) -> StateResult {
        accept::accept(ctx, aws, &req.planned).await
    }

    async fn read(&self, _ctx: &Ctx, aws: &AwsClients, req: ReadRequest) -> StateResult {
        read::read(aws, &req.state).await
    }

    async fn update(&self, ctx: &Ctx, aws: &AwsClients, req: UpdateRequest) -> StateResult {
        update::update(ctx, aws, &req.prior, &req.planned).await
    }

    async fn delete(&self, _ctx: &Ctx, aws: &AwsClients, req: DeleteRequest) -> Diagnostics {
        delete::delete(aws, &req.prior).await
    }

    async fn import(&self, _ctx: &Ctx, _aws: &AwsClients, id: &str) -> StateResult {
        import::import(id)
    }
}
