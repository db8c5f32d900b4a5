//! Import by `<endpoint_service_id>_<endpoint_id>`.

use crate::aws::formats;
use tfplugin::diagnostics::Diagnostic;
use tfplugin::resource::StateResult;
use tfplugin::value::Value;

use super::schema::schema;

/// The two ids of an import id, when it is well formed.
pub fn parse(id: &str) -> Option<(&str, &str)> {
    let (service, endpoint) = id.split_once('_')?;
    (formats::is_endpoint_service_id(service) && formats::is_vpc_endpoint_id(endpoint))
        .then_some((service, endpoint))
}

pub fn import(id: &str) -> StateResult {
    let Some((service, endpoint)) = parse(id) else {
        return StateResult::error(Diagnostic::error(
            "Cannot import privatelink_connection_accepter",
            format!(
                "The import id is `<endpoint_service_id>_<endpoint_id>`, e.g. vpce-svc-0123456789abcdef0_vpce-0123456789abcdef0; got {id:?}."
            ),
        ));
    };
    let mut state = Value::null_object(&schema().value_type());
    state.set("id", id.into());
    state.set("endpoint_service_id", service.into());
    state.set("endpoint_id", endpoint.into());
    StateResult::ok(state, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn import_ids_parse() {
        assert_eq!(
            parse("vpce-svc-0123456789abcdef0_vpce-0123456789abcdef1"),
            Some(("vpce-svc-0123456789abcdef0", "vpce-0123456789abcdef1"))
        );
        assert_eq!(parse("vpce-0123456789abcdef1"), None);
        assert_eq!(
            parse("vpce-0123456789abcdef1_vpce-svc-0123456789abcdef0"),
            None
        );
    }
}
