//! Checks the attribute validators cannot make alone, at `terraform
//! validate` and plan time, with no AWS call.

use tfplugin::diagnostics::Diagnostics;
use tfplugin::path::AttributePath;
use tfplugin::value::Value;

use crate::aws::formats;

pub fn validate(config: &Value, diags: &mut Diagnostics) {
    if let Some(name) = config.get("service_name").as_str()
        && formats::is_endpoint_service_id(name)
    {
        diags.attribute_error(
            AttributePath::attr("service_name"),
            "Endpoint service id instead of name",
            format!(
                "{name:?} is an endpoint service id; an endpoint is made to the service's name, \"com.amazonaws.vpce.<region>.{name}\" (the `service_name` output of the privatelink_service)."
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_id_gets_a_hint() {
        let mut config = Value::Map(Default::default());
        config.set("service_name", "vpce-svc-0123456789abcdef0".into());
        let mut diags = Diagnostics::new();
        validate(&config, &mut diags);
        let d = diags.iter().next().expect("an error");
        assert!(
            d.detail
                .contains("com.amazonaws.vpce.<region>.vpce-svc-0123456789abcdef0"),
            "{}",
            d.detail
        );
        config.set(
            "service_name",
            "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0".into(),
        );
        let mut diags = Diagnostics::new();
        validate(&config, &mut diags);
        assert!(diags.is_empty());
    }
}
