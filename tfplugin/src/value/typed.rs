//! Typed access to values: converts between [`Value`] and Rust structs that
//! derive serde traits, so resources work with plain structs (`Option<T>`
//! for optional attributes) instead of walking dynamic values.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{CodecError, Type, Value, from_json, to_json};

/// Reads a wholly known value into `T`. Fails on unknown values.
pub fn to_typed<T: DeserializeOwned>(value: &Value) -> Result<T, CodecError> {
    let json = to_json(value)?;
    serde_json::from_value(json).map_err(|e| CodecError(format!("unexpected value shape: {e}")))
}

/// Builds a value of type `ty` from `data`. Struct fields the type lacks are
/// an error; attributes the struct lacks become null.
pub fn from_typed<T: Serialize>(data: &T, ty: &Type) -> Result<Value, CodecError> {
    let json = serde_json::to_value(data).map_err(|e| CodecError(e.to_string()))?;
    from_json(&json, ty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Sample {
        name: String,
        port: Option<i64>,
        ids: Vec<String>,
    }

    #[test]
    fn round_trips_structs() {
        let ty = Type::object([
            ("name", Type::String),
            ("port", Type::Number),
            ("ids", Type::set(Type::String)),
        ]);
        let s = Sample {
            name: "a".into(),
            port: None,
            ids: vec!["z".into(), "y".into()],
        };
        let v = from_typed(&s, &ty).unwrap();
        assert_eq!(v.get("port"), &Value::Null);
        let back: Sample = to_typed(&v).unwrap();
        assert_eq!(back.ids, vec!["y".to_string(), "z".to_string()]);
        assert_eq!(back.name, "a");
    }
}
