//! `privatelink_consumer`: an interface VPC endpoint in the consumer's
//! account to a PrivateLink endpoint service, with a security group of its
//! own, and (with `acceptance`) the connection accepted in the owner's
//! account. `converge` builds it; one file per lifecycle operation.

mod acceptance;
mod apis;
mod checks;
mod config;
mod converge;
mod create;
mod delete;
mod import;
mod model;
mod names;
mod observe;
mod plan;
mod read;
pub mod schema;
#[cfg(test)]
mod tests;
mod update;
mod validate;

use async_trait::async_trait;

use crate::aws::AwsClients;
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::resource::{
    CreateRequest, DeleteRequest, PlanContext, ReadRequest, Resource, StateResult, UpdateRequest,
};
use tfplugin::schema::Schema;
use tfplugin::value::Value;

pub use apis::ConsumerApis;

/// The `privatelink_consumer` resource.
pub struct ConsumerResource;

#[async_trait]
impl Resource<AwsClients> for ConsumerResource {
    fn type_name(&self) -> &'static str {
        "privatelink_consumer"
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    fn validate_config(&self, config: &Value, diags: &mut Diagnostics) {
        validate::validate(config, diags);
    }

    async fn modify_plan(&self, _ctx: &Ctx, aws: Option<&AwsClients>, plan: &mut PlanContext) {
        plan::modify_plan(aws.map(|a| a as &dyn ConsumerApis), plan).await;
    }

    async fn create(&self, ctx: &Ctx, aws: &AwsClients, req: CreateRequest) -> StateResult {
        create::create(ctx, aws, &req.config, &req.planned).await
    }

    async fn read(&self, _ctx: &Ctx, aws: &AwsClients, req: ReadRequest) -> StateResult {
        read::read(aws, &req.state, req.private).await
    }

    async fn update(&self, ctx: &Ctx, aws: &AwsClients, req: UpdateRequest) -> StateResult {
        update::update(
            ctx,
            aws,
            &req.config,
            &req.prior,
            &req.planned,
            req.planned_private,
        )
        .await
    }

    async fn delete(&self, ctx: &Ctx, aws: &AwsClients, req: DeleteRequest) -> Diagnostics {
        delete::delete(ctx, aws, &req.prior).await
    }

    async fn import(&self, ctx: &Ctx, aws: &AwsClients, id: &str) -> StateResult {
        import::import(ctx, aws, id).await
    }
}
