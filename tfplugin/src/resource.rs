//! The managed-resource contract. The framework handles the protocol,
//! decoding, validation, defaults and generic plan rules; a resource
//! implements its schema and the lifecycle operations below.

use async_trait::async_trait;

use super::context::Ctx;
use super::diagnostics::{Diagnostic, Diagnostics};
use super::path::AttributePath;
use super::schema::Schema;
use super::value::Value;

/// The plan being built for one resource instance; `modify_plan` may change
/// `planned`, add replacement paths and diagnostics.
pub struct PlanContext {
    pub config: Value,
    /// Null when the resource is being created.
    pub prior: Value,
    pub planned: Value,
    pub prior_private: Vec<u8>,
    pub planned_private: Vec<u8>,
    pub requires_replace: Vec<AttributePath>,
    pub diagnostics: Diagnostics,
}

/// Input to `create`.
pub struct CreateRequest {
    pub config: Value,
    pub planned: Value,
    pub planned_private: Vec<u8>,
}

/// Input to `update`.
pub struct UpdateRequest {
    pub config: Value,
    pub prior: Value,
    pub planned: Value,
    pub planned_private: Vec<u8>,
}

/// Input to `read`.
pub struct ReadRequest {
    pub state: Value,
    pub private: Vec<u8>,
}

/// Input to `delete`.
pub struct DeleteRequest {
    pub prior: Value,
    pub private: Vec<u8>,
}

/// The new state after create, update, read or import.
///
/// On failure, return what exists with error diagnostics: after a failed
/// create a non-null `state` keeps partially created infrastructure in
/// Terraform's state (tainted) so nothing is orphaned.
#[derive(Default)]
pub struct StateResult {
    /// Null means "does not exist" (read: gone; create: nothing was made).
    pub state: Value,
    pub private: Vec<u8>,
    pub diagnostics: Diagnostics,
}

impl StateResult {
    /// A result with no diagnostics.
    pub fn ok(state: Value, private: Vec<u8>) -> Self {
        Self {
            state,
            private,
            diagnostics: Diagnostics::new(),
        }
    }

    /// A result carrying whatever diagnostics the operation produced:
    /// errors (then `state` is what exists), warnings, or none.
    pub fn with_diagnostics(state: Value, private: Vec<u8>, diagnostics: Diagnostics) -> Self {
        Self {
            state,
            private,
            diagnostics,
        }
    }

    /// Nothing exists; one error says why.
    pub fn error(diagnostic: Diagnostic) -> Self {
        Self {
            state: Value::Null,
            private: Vec::new(),
            diagnostics: diagnostic.into(),
        }
    }
}

/// A managed resource type. `D` is the provider's configured data (its AWS
/// clients).
#[async_trait]
pub trait Resource<D: Send + Sync + 'static>: Send + Sync {
    /// The full type name, e.g. `privatelink_service`.
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> Schema;

    /// Cross-attribute checks on configuration that may hold unknowns.
    /// Attribute validators have already run.
    fn validate_config(&self, _config: &Value, _diags: &mut Diagnostics) {}

    /// Resource-specific planning after defaults and attribute modifiers.
    /// `data` is `None` while the provider configuration is still unknown.
    async fn modify_plan(&self, _ctx: &Ctx, _data: Option<&D>, _plan: &mut PlanContext) {}

    async fn create(&self, ctx: &Ctx, data: &D, req: CreateRequest) -> StateResult;

    /// Refreshes state from the real infrastructure; null when it is gone.
    async fn read(&self, ctx: &Ctx, data: &D, req: ReadRequest) -> StateResult;

    async fn update(&self, ctx: &Ctx, data: &D, req: UpdateRequest) -> StateResult;

    /// Deletes; on failure return the diagnostics (state is kept).
    async fn delete(&self, ctx: &Ctx, data: &D, req: DeleteRequest) -> Diagnostics;

    /// Builds state for `terraform import` from an id; Terraform then calls
    /// `read`.
    async fn import(&self, _ctx: &Ctx, _data: &D, id: &str) -> StateResult {
        StateResult::error(Diagnostic::error(
            "Import not supported",
            format!("{} cannot be imported (id {id:?}).", self.type_name()),
        ))
    }

    /// Rewrites stored state JSON of an older schema version into the
    /// current version's shape.
    fn upgrade_state(
        &self,
        from_version: i64,
        _state: serde_json::Value,
    ) -> Result<serde_json::Value, Diagnostics> {
        Err(Diagnostic::error(
            "Unsupported state version",
            format!(
                "{} has no upgrade from schema version {from_version}; upgrade the provider stepwise or re-import.",
                self.type_name()
            ),
        )
        .into())
    }
}
