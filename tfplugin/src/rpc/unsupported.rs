//! RPCs for features this provider does not offer (moved resources,
//! ephemeral resources, functions): answered as the protocol expects from
//! a provider without them. Terraform never calls them for a provider whose
//! schema declares none, but a well-formed reply costs nothing.

use super::ProviderService;
use crate::diagnostics::Diagnostic;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;

fn unsupported(what: &str) -> Vec<pb::Diagnostic> {
    vec![
        Diagnostic::error(
            format!("{what} not supported"),
            format!("This provider does not implement {what}."),
        )
        .to_proto(),
    ]
}

impl<P: Provider> ProviderService<P> {
    pub(super) async fn move_resource_state(
        &self,
        req: pb::move_resource_state::Request,
    ) -> pb::move_resource_state::Response {
        pb::move_resource_state::Response {
            target_state: None,
            diagnostics: vec![Diagnostic::error(
                "Move not supported",
                format!(
                    "{} cannot be moved from {} {}; this provider does not support moving resources between types.",
                    req.target_type_name, req.source_provider_address, req.source_type_name
                ),
            )
            .to_proto()],
            target_private: Vec::new(),
        }
    }

    pub(super) async fn validate_ephemeral_resource_config(
        &self,
        _req: pb::validate_ephemeral_resource_config::Request,
    ) -> pb::validate_ephemeral_resource_config::Response {
        pb::validate_ephemeral_resource_config::Response {
            diagnostics: unsupported("ephemeral resources"),
        }
    }

    pub(super) async fn open_ephemeral_resource(
        &self,
        _req: pb::open_ephemeral_resource::Request,
    ) -> pb::open_ephemeral_resource::Response {
        pb::open_ephemeral_resource::Response {
            diagnostics: unsupported("ephemeral resources"),
            ..Default::default()
        }
    }

    pub(super) async fn renew_ephemeral_resource(
        &self,
        _req: pb::renew_ephemeral_resource::Request,
    ) -> pb::renew_ephemeral_resource::Response {
        pb::renew_ephemeral_resource::Response {
            diagnostics: unsupported("ephemeral resources"),
            ..Default::default()
        }
    }

    pub(super) async fn close_ephemeral_resource(
        &self,
        _req: pb::close_ephemeral_resource::Request,
    ) -> pb::close_ephemeral_resource::Response {
        pb::close_ephemeral_resource::Response {
            diagnostics: unsupported("ephemeral resources"),
        }
    }

    /// No functions: an empty list, not an error (Terraform 1.8+ asks).
    pub(super) async fn get_functions(
        &self,
        _req: pb::get_functions::Request,
    ) -> pb::get_functions::Response {
        pb::get_functions::Response::default()
    }

    pub(super) async fn call_function(
        &self,
        req: pb::call_function::Request,
    ) -> pb::call_function::Response {
        pb::call_function::Response {
            result: None,
            error: Some(pb::FunctionError {
                text: format!("This provider has no function {:?}.", req.name),
                function_argument: None,
            }),
        }
    }
}
