//! The msgpack encoding of values used by every tfplugin6 `DynamicValue`.
//!
//! Unknown values travel as msgpack extensions: Terraform sends code 0
//! (unrefined) or, from v1.6, code 12 (refined, payload = refinements). Any
//! extension decodes to [`Value::Unknown`]; unknowns are always encoded as
//! the unrefined form, which every Terraform version understands.

use std::collections::BTreeMap;
use std::io::Cursor;

use rmpv::Value as Mp;

use super::{CodecError, Type, Value};

/// The extension Terraform reads as an unrefined unknown value.
const UNKNOWN_EXT: i8 = 0;

/// Decodes msgpack bytes holding a value of type `ty`.
pub fn decode_msgpack(bytes: &[u8], ty: &Type) -> Result<Value, CodecError> {
    let mut cursor = Cursor::new(bytes);
    let raw = rmpv::decode::read_value(&mut cursor)
        .map_err(|e| CodecError(format!("malformed msgpack: {e}")))?;
    if (cursor.position() as usize) != bytes.len() {
        return Err(CodecError("trailing bytes after msgpack value".into()));
    }
    let mut value = from_mp(raw, ty, &mut Vec::new())?;
    value.normalize(ty);
    Ok(value)
}

/// Encodes `value` as msgpack for type `ty`.
pub fn encode_msgpack(value: &Value, ty: &Type) -> Result<Vec<u8>, CodecError> {
    let mp = to_mp(value, ty, &mut Vec::new())?;
    let mut out = Vec::new();
    rmpv::encode::write_value(&mut out, &mp)
        .map_err(|e| CodecError(format!("msgpack encoding failed: {e}")))?;
    Ok(out)
}

fn err(path: &[String], msg: impl std::fmt::Display) -> CodecError {
    if path.is_empty() {
        CodecError(msg.to_string())
    } else {
        CodecError(format!("{}: {msg}", path.join(".")))
    }
}

fn from_mp(raw: Mp, ty: &Type, path: &mut Vec<String>) -> Result<Value, CodecError> {
    match raw {
        Mp::Nil => return Ok(Value::Null),
        Mp::Ext(_, _) => return Ok(Value::Unknown),
        _ => {}
    }
    match ty {
        Type::Bool => match raw {
            Mp::Boolean(b) => Ok(Value::Bool(b)),
            other => Err(err(path, format!("expected bool, got {other}"))),
        },
        Type::Number => match raw {
            Mp::Integer(i) => i
                .as_f64()
                .map(Value::Number)
                .ok_or_else(|| err(path, "integer out of range")),
            Mp::F32(f) => Ok(Value::Number(f as f64)),
            Mp::F64(f) => Ok(Value::Number(f)),
            // Terraform sends numbers that do not fit a float64 exactly as
            // decimal strings.
            Mp::String(s) => s
                .as_str()
                .and_then(|s| s.parse::<f64>().ok())
                .map(Value::Number)
                .ok_or_else(|| err(path, "malformed number string")),
            other => Err(err(path, format!("expected number, got {other}"))),
        },
        Type::String => match raw {
            Mp::String(s) => s
                .into_str()
                .map(Value::String)
                .ok_or_else(|| err(path, "string is not valid UTF-8")),
            other => Err(err(path, format!("expected string, got {other}"))),
        },
        Type::List(elem) | Type::Set(elem) => match raw {
            Mp::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    path.push(i.to_string());
                    out.push(from_mp(item, elem, path)?);
                    path.pop();
                }
                Ok(Value::List(out))
            }
            other => Err(err(path, format!("expected array, got {other}"))),
        },
        Type::Tuple(elems) => match raw {
            Mp::Array(items) if items.len() == elems.len() => {
                let mut out = Vec::with_capacity(items.len());
                for (i, (item, t)) in items.into_iter().zip(elems).enumerate() {
                    path.push(i.to_string());
                    out.push(from_mp(item, t, path)?);
                    path.pop();
                }
                Ok(Value::List(out))
            }
            other => Err(err(
                path,
                format!("expected {}-tuple, got {other}", elems.len()),
            )),
        },
        Type::Map(elem) => match raw {
            Mp::Map(entries) => {
                let mut out = BTreeMap::new();
                for (k, v) in entries {
                    let key = map_key(k, path)?;
                    path.push(key.clone());
                    let value = from_mp(v, elem, path)?;
                    path.pop();
                    out.insert(key, value);
                }
                Ok(Value::Map(out))
            }
            other => Err(err(path, format!("expected map, got {other}"))),
        },
        Type::Object(attrs) => match raw {
            Mp::Map(entries) => {
                let mut out: BTreeMap<String, Value> =
                    attrs.keys().map(|k| (k.clone(), Value::Null)).collect();
                for (k, v) in entries {
                    let key = map_key(k, path)?;
                    let Some(attr_ty) = attrs.get(&key) else {
                        return Err(err(path, format!("unsupported attribute {key:?}")));
                    };
                    path.push(key.clone());
                    let value = from_mp(v, attr_ty, path)?;
                    path.pop();
                    out.insert(key, value);
                }
                Ok(Value::Map(out))
            }
            other => Err(err(path, format!("expected object, got {other}"))),
        },
        Type::Dynamic => match raw {
            Mp::Array(mut parts) if parts.len() == 2 => {
                let inner = parts.pop().expect("two parts");
                let type_json = match parts.pop().expect("two parts") {
                    Mp::Binary(b) => b,
                    Mp::String(s) => s.into_bytes(),
                    other => {
                        return Err(err(
                            path,
                            format!("dynamic type must be bytes, got {other}"),
                        ));
                    }
                };
                let json: serde_json::Value = serde_json::from_slice(&type_json)
                    .map_err(|e| err(path, format!("dynamic type is not JSON: {e}")))?;
                let inner_ty = Type::from_json(&json).map_err(|e| err(path, e))?;
                from_mp(inner, &inner_ty, path)
            }
            other => Err(err(
                path,
                format!("expected [type, value] for dynamic, got {other}"),
            )),
        },
    }
}

fn map_key(k: Mp, path: &[String]) -> Result<String, CodecError> {
    match k {
        Mp::String(s) => s
            .into_str()
            .ok_or_else(|| err(path, "map key is not valid UTF-8")),
        other => Err(err(path, format!("map key must be a string, got {other}"))),
    }
}

fn to_mp(value: &Value, ty: &Type, path: &mut Vec<String>) -> Result<Mp, CodecError> {
    match value {
        Value::Null => return Ok(Mp::Nil),
        Value::Unknown => return Ok(Mp::Ext(UNKNOWN_EXT, vec![0])),
        _ => {}
    }
    match (ty, value) {
        (Type::Bool, Value::Bool(b)) => Ok(Mp::Boolean(*b)),
        (Type::Number, Value::Number(n)) => Ok(number_to_mp(*n)),
        (Type::String, Value::String(s)) => Ok(Mp::from(s.as_str())),
        (Type::List(elem) | Type::Set(elem), Value::List(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                out.push(to_mp(item, elem, path)?);
                path.pop();
            }
            Ok(Mp::Array(out))
        }
        (Type::Tuple(elems), Value::List(items)) if items.len() == elems.len() => {
            let mut out = Vec::with_capacity(items.len());
            for (i, (item, t)) in items.iter().zip(elems).enumerate() {
                path.push(i.to_string());
                out.push(to_mp(item, t, path)?);
                path.pop();
            }
            Ok(Mp::Array(out))
        }
        (Type::Map(elem), Value::Map(entries)) => {
            let mut out = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                path.push(k.clone());
                out.push((Mp::from(k.as_str()), to_mp(v, elem, path)?));
                path.pop();
            }
            Ok(Mp::Map(out))
        }
        (Type::Object(attrs), Value::Map(entries)) => {
            if let Some(extra) = entries.keys().find(|k| !attrs.contains_key(*k)) {
                return Err(err(
                    path,
                    format!("value has attribute {extra:?} the type lacks"),
                ));
            }
            let mut out = Vec::with_capacity(attrs.len());
            for (name, attr_ty) in attrs {
                path.push(name.clone());
                let v = entries.get(name).unwrap_or(&Value::Null);
                out.push((Mp::from(name.as_str()), to_mp(v, attr_ty, path)?));
                path.pop();
            }
            Ok(Mp::Map(out))
        }
        (Type::Dynamic, v) => {
            let inferred = infer_type(v);
            let type_json = inferred.to_json_bytes();
            Ok(Mp::Array(vec![
                Mp::Binary(type_json),
                to_mp(v, &inferred, path)?,
            ]))
        }
        (ty, v) => Err(err(path, format!("value {v:?} does not match type {ty}"))),
    }
}

fn number_to_mp(n: f64) -> Mp {
    if n.fract() == 0.0 && n >= i64::MIN as f64 && n < i64::MAX as f64 {
        Mp::from(n as i64)
    } else {
        Mp::F64(n)
    }
}

/// The concrete type of a value inside a `dynamic` attribute.
fn infer_type(value: &Value) -> Type {
    match value {
        Value::Bool(_) => Type::Bool,
        Value::Number(_) => Type::Number,
        Value::String(_) => Type::String,
        Value::List(items) => Type::Tuple(items.iter().map(infer_type).collect()),
        Value::Map(entries) => Type::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), infer_type(v)))
                .collect(),
        ),
        Value::Null | Value::Unknown => Type::Dynamic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn schema_type() -> Type {
        Type::object([
            ("name", Type::String),
            ("count", Type::Number),
            ("enabled", Type::Bool),
            ("ids", Type::set(Type::String)),
            ("ports", Type::list(Type::Number)),
            ("tags", Type::map(Type::String)),
            (
                "nested",
                Type::list(Type::object([("a", Type::String), ("b", Type::Number)])),
            ),
            ("pair", Type::Tuple(vec![Type::String, Type::Bool])),
        ])
    }

    fn leaf(ty: &Type) -> BoxedStrategy<Value> {
        let known = match ty {
            Type::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
            Type::Number => prop_oneof![
                any::<i32>().prop_map(|i| Value::Number(i as f64)),
                (-1e12f64..1e12f64).prop_map(Value::Number),
            ]
            .boxed(),
            Type::String => "[a-z0-9 ._-]{0,12}".prop_map(Value::String).boxed(),
            Type::List(e) | Type::Set(e) => prop::collection::vec(leaf(e), 0..4)
                .prop_map(Value::List)
                .boxed(),
            Type::Map(e) => prop::collection::btree_map("[a-z]{1,5}", leaf(e), 0..4)
                .prop_map(Value::Map)
                .boxed(),
            Type::Object(attrs) => {
                let strategies: Vec<(String, BoxedStrategy<Value>)> =
                    attrs.iter().map(|(k, t)| (k.clone(), leaf(t))).collect();
                strategies
                    .into_iter()
                    .map(|(k, s)| s.prop_map(move |v| (k.clone(), v)))
                    .collect::<Vec<_>>()
                    .prop_map(|pairs| Value::Map(pairs.into_iter().collect()))
                    .boxed()
            }
            Type::Tuple(elems) => elems
                .iter()
                .map(leaf)
                .collect::<Vec<_>>()
                .prop_map(Value::List)
                .boxed(),
            Type::Dynamic => Just(Value::Null).boxed(),
        };
        prop_oneof![8 => known, 1 => Just(Value::Null), 1 => Just(Value::Unknown)].boxed()
    }

    proptest! {
        #[test]
        fn round_trips_through_msgpack_and_json(mut v in leaf(&schema_type())) {
            let ty = schema_type();
            v.normalize(&ty);
            let bytes = encode_msgpack(&v, &ty).unwrap();
            let back = decode_msgpack(&bytes, &ty).unwrap();
            prop_assert_eq!(&back, &v);
            // State JSON carries every wholly known value too.
            if v.is_wholly_known() {
                let json = crate::value::to_json(&v).unwrap();
                prop_assert_eq!(crate::value::from_json(&json, &ty).unwrap(), v);
            }
        }
    }

    #[test]
    fn unknown_is_the_unrefined_extension() {
        let bytes = encode_msgpack(&Value::Unknown, &Type::String).unwrap();
        assert_eq!(bytes, vec![0xd4, 0x00, 0x00]);
    }

    #[test]
    fn refined_unknowns_decode_as_unknown() {
        // ext 12 with a refinement map {1: false} (definitely not null).
        let mut payload = Vec::new();
        rmpv::encode::write_value(
            &mut payload,
            &Mp::Map(vec![(Mp::from(1), Mp::Boolean(false))]),
        )
        .unwrap();
        let mut bytes = Vec::new();
        rmpv::encode::write_value(&mut bytes, &Mp::Ext(12, payload)).unwrap();
        assert_eq!(
            decode_msgpack(&bytes, &Type::String).unwrap(),
            Value::Unknown
        );
    }

    #[test]
    fn big_numbers_arrive_as_strings() {
        let mut bytes = Vec::new();
        rmpv::encode::write_value(&mut bytes, &Mp::from("12345678901234567890")).unwrap();
        let v = decode_msgpack(&bytes, &Type::Number).unwrap();
        assert_eq!(v, Value::Number(12345678901234567890.0));
    }

    #[test]
    fn dynamic_values_carry_their_type() {
        let v = Value::List(vec![Value::from("a"), Value::from(true)]);
        let bytes = encode_msgpack(&v, &Type::Dynamic).unwrap();
        assert_eq!(decode_msgpack(&bytes, &Type::Dynamic).unwrap(), v);
    }

    #[test]
    fn type_mismatch_names_the_attribute() {
        let ty = Type::object([("port", Type::Number)]);
        let v = Value::Map([("port".to_string(), Value::from("x"))].into());
        let e = encode_msgpack(&v, &ty).unwrap_err();
        assert!(e.0.starts_with("port:"), "{e}");
        let mut bytes = Vec::new();
        rmpv::encode::write_value(
            &mut bytes,
            &Mp::Map(vec![(Mp::from("port"), Mp::from("x"))]),
        )
        .unwrap();
        let e = decode_msgpack(&bytes, &ty).unwrap_err();
        assert!(e.0.starts_with("port: "), "{e}");
    }

    #[test]
    fn missing_object_attributes_decode_as_null() {
        let ty = Type::object([("a", Type::String), ("b", Type::String)]);
        let mut bytes = Vec::new();
        rmpv::encode::write_value(&mut bytes, &Mp::Map(vec![(Mp::from("a"), Mp::from("x"))]))
            .unwrap();
        let v = decode_msgpack(&bytes, &ty).unwrap();
        assert_eq!(v.get("b"), &Value::Null);
        assert_eq!(v.get("a"), &Value::from("x"));
    }
}
