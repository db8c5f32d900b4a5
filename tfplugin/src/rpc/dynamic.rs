//! Decoding and encoding `DynamicValue`s against a schema type.

use crate::diagnostics::Diagnostic;
use crate::proto::tfplugin6 as pb;
use crate::value::{Type, Value, decode_msgpack, encode_msgpack, from_json};

/// Decodes a DynamicValue (msgpack, or JSON when that is what arrived).
/// An absent value is null.
pub fn decode(dv: Option<&pb::DynamicValue>, ty: &Type, what: &str) -> Result<Value, Diagnostic> {
    let Some(dv) = dv else { return Ok(Value::Null) };
    let result = if !dv.msgpack.is_empty() {
        decode_msgpack(&dv.msgpack, ty)
    } else if !dv.json.is_empty() {
        serde_json::from_slice::<serde_json::Value>(&dv.json)
            .map_err(|e| crate::value::CodecError(e.to_string()))
            .and_then(|j| from_json(&j, ty))
    } else {
        return Ok(Value::Null);
    };
    result.map_err(|e| {
        Diagnostic::error(
            format!("Malformed {what}"),
            format!("Terraform sent a {what} this provider cannot read: {e}. This is a bug in the provider or a Terraform version mismatch."),
        )
    })
}

/// Encodes a value as a msgpack DynamicValue.
pub fn encode(value: &Value, ty: &Type, what: &str) -> Result<pb::DynamicValue, Diagnostic> {
    encode_msgpack(value, ty)
        .map(|msgpack| pb::DynamicValue {
            msgpack,
            json: Vec::new(),
        })
        .map_err(|e| {
            Diagnostic::error(
                format!("Provider produced an invalid {what}"),
                format!("{e}. This is a bug in the provider; please report it."),
            )
        })
}
