//! `privatelink_service`: one resource for an ECS Fargate service exposed
//! to other accounts through PrivateLink. See `schema` for what it
//! accepts, `converge` for how it is built, and one file per lifecycle
//! operation.

mod apis;
mod config;
mod converge;
mod create;
mod delete;
mod import;
mod model;
mod names;
mod observe;
mod parts;
mod plan;
mod plan_checks;
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

pub use apis::ServiceApis;

pub struct ServiceResource;

#[async_trait]
impl Resource<AwsClients> for ServiceResource {
    fn type_name(&self) -> &'static str {
        "privatelink_service"
    }

    fn schema(&self) -> Schema {
        schema::schema()
    }

    fn validate_config(&self, config: &Value, diags: &mut Diagnostics) {
        validate::validate(config, diags);
    }

    async fn modify_plan(&self, _ctx: &Ctx, aws: Option<&AwsClients>, plan: &mut PlanContext) {
        plan::modify_plan(aws.map(|a| a as &dyn ServiceApis), plan).await;
    }

    async fn create(&self, ctx: &Ctx, aws: &AwsClients, req: CreateRequest) -> StateResult {
        create::create(ctx, aws, &req.planned).await
    }

    async fn read(&self, ctx: &Ctx, aws: &AwsClients, req: ReadRequest) -> StateResult {
        read::read(ctx, aws, &req.state, req.private).await
    }

    async fn update(&self, ctx: &Ctx, aws: &AwsClients, req: UpdateRequest) -> StateResult {
        update::update(ctx, aws, &req.prior, &req.planned, req.planned_private).await
    }

    async fn delete(&self, ctx: &Ctx, aws: &AwsClients, req: DeleteRequest) -> Diagnostics {
        delete::delete(ctx, aws, &req.prior, &req.private).await
    }

    async fn import(&self, ctx: &Ctx, aws: &AwsClients, id: &str) -> StateResult {
        import::import(ctx, aws, id).await
    }
}
