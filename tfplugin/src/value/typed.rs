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

/// Reads a value that may hold unknowns (a plan, a configuration) into
/// `T`, every unknown inside it read as null: `Option` fields see `None`,
/// so only attributes that must be known at that point need to be.
pub fn to_typed_unknown_as_null<T: DeserializeOwned>(value: &Value) -> Result<T, CodecError> {
    to_typed(&unknown_as_null(value))
}

fn unknown_as_null(value: &Value) -> Value {
    match value {
        Value::Unknown => Value::Null,
        Value::List(items) => Value::List(items.iter().map(unknown_as_null).collect()),
        Value::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), unknown_as_null(v)))
                .collect(),
        ),
        other => other.clone(),
    }
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

    #[test]
    fn unknowns_read_as_none_where_allowed() {
        let v = Value::Map(
            [
                ("name".to_string(), Value::from("a")),
                ("port".to_string(), Value::Unknown),
                (
                    "ids".to_string(),
                    Value::List(vec![Value::from("x"), Value::Unknown]),
                ),
            ]
            .into(),
        );
        assert!(to_typed::<Sample>(&v).is_err());
        #[derive(Debug, Deserialize, PartialEq)]
        struct Partial {
            port: Option<i64>,
            ids: Vec<Option<String>>,
        }
        let p: Partial = to_typed_unknown_as_null(&v).unwrap();
        assert_eq!(
            p,
            Partial {
                port: None,
                ids: vec![Some("x".into()), None]
            }
        );
        let mut unknown_name = v.clone();
        unknown_name.set("name", Value::Unknown);
        assert!(to_typed_unknown_as_null::<Sample>(&unknown_name).is_err());
    }
}
