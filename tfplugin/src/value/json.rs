//! The JSON encoding of values, as found in Terraform state files
//! (`UpgradeResourceState.raw_state.json`). JSON cannot carry unknowns.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::{CodecError, Type, Value};

/// Decodes JSON state for a value of type `ty`. Attributes the type does not
/// know are rejected (the caller decides whether to drop them first).
pub fn from_json(json: &Json, ty: &Type) -> Result<Value, CodecError> {
    let mut v = decode(json, ty, &mut Vec::new())?;
    v.normalize(ty);
    Ok(v)
}

/// Removes from stored state JSON every object attribute `ty` does not
/// know (an attribute a later schema dropped), at any depth; returns their
/// paths. Stored state is data the provider wrote itself: what the schema
/// no longer has is of no use, and must not make the state unreadable.
pub fn drop_unknown_attributes(json: &mut Json, ty: &Type) -> Vec<String> {
    let mut dropped = Vec::new();
    prune(json, ty, &mut Vec::new(), &mut dropped);
    dropped
}

fn prune(json: &mut Json, ty: &Type, path: &mut Vec<String>, dropped: &mut Vec<String>) {
    match (ty, json) {
        (Type::Object(attrs), Json::Object(entries)) => {
            entries.retain(|k, _| {
                let known = attrs.contains_key(k);
                if !known {
                    dropped.push(
                        path.iter()
                            .cloned()
                            .chain([k.clone()])
                            .collect::<Vec<_>>()
                            .join("."),
                    );
                }
                known
            });
            for (k, v) in entries.iter_mut() {
                path.push(k.clone());
                prune(v, &attrs[k], path, dropped);
                path.pop();
            }
        }
        (Type::List(elem) | Type::Set(elem), Json::Array(items)) => {
            for (i, item) in items.iter_mut().enumerate() {
                path.push(i.to_string());
                prune(item, elem, path, dropped);
                path.pop();
            }
        }
        (Type::Map(elem), Json::Object(entries)) => {
            for (k, v) in entries.iter_mut() {
                path.push(k.clone());
                prune(v, elem, path, dropped);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Encodes a wholly known value as JSON (sets and tuples become arrays).
pub fn to_json(value: &Value) -> Result<Json, CodecError> {
    Ok(match value {
        Value::Null => Json::Null,
        Value::Unknown => {
            return Err(CodecError(
                "unknown values cannot be encoded as JSON".into(),
            ));
        }
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
                Json::from(*n as i64)
            } else {
                serde_json::Number::from_f64(*n)
                    .map(Json::Number)
                    .ok_or_else(|| CodecError(format!("number {n} has no JSON form")))?
            }
        }
        Value::String(s) => Json::String(s.clone()),
        Value::List(items) => Json::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| Ok((k.clone(), to_json(v)?)))
                .collect::<Result<_, CodecError>>()?,
        ),
    })
}

fn fail(path: &[String], msg: impl std::fmt::Display) -> CodecError {
    if path.is_empty() {
        CodecError(msg.to_string())
    } else {
        CodecError(format!("{}: {msg}", path.join(".")))
    }
}

fn decode(json: &Json, ty: &Type, path: &mut Vec<String>) -> Result<Value, CodecError> {
    if json.is_null() {
        return Ok(Value::Null);
    }
    match ty {
        Type::Bool => json
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| fail(path, format!("expected bool, got {json}"))),
        Type::Number => match json {
            Json::Number(n) => n
                .as_f64()
                .map(Value::Number)
                .ok_or_else(|| fail(path, "number out of range")),
            Json::String(s) => s
                .parse::<f64>()
                .map(Value::Number)
                .map_err(|_| fail(path, format!("expected number, got {json}"))),
            _ => Err(fail(path, format!("expected number, got {json}"))),
        },
        Type::String => match json {
            Json::String(s) => Ok(Value::String(s.clone())),
            // Terraform converts primitives to strings where a string is due.
            Json::Number(n) => Ok(Value::String(n.to_string())),
            Json::Bool(b) => Ok(Value::String(b.to_string())),
            _ => Err(fail(path, format!("expected string, got {json}"))),
        },
        Type::List(elem) | Type::Set(elem) => {
            let items = json
                .as_array()
                .ok_or_else(|| fail(path, format!("expected array, got {json}")))?;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                out.push(decode(item, elem, path)?);
                path.pop();
            }
            Ok(Value::List(out))
        }
        Type::Tuple(elems) => {
            let items = json
                .as_array()
                .filter(|a| a.len() == elems.len())
                .ok_or_else(|| fail(path, format!("expected {}-tuple", elems.len())))?;
            let mut out = Vec::with_capacity(items.len());
            for (i, (item, t)) in items.iter().zip(elems).enumerate() {
                path.push(i.to_string());
                out.push(decode(item, t, path)?);
                path.pop();
            }
            Ok(Value::List(out))
        }
        Type::Map(elem) => {
            let entries = json
                .as_object()
                .ok_or_else(|| fail(path, format!("expected object, got {json}")))?;
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                path.push(k.clone());
                out.insert(k.clone(), decode(v, elem, path)?);
                path.pop();
            }
            Ok(Value::Map(out))
        }
        Type::Object(attrs) => {
            let entries = json
                .as_object()
                .ok_or_else(|| fail(path, format!("expected object, got {json}")))?;
            if let Some(extra) = entries.keys().find(|k| !attrs.contains_key(*k)) {
                return Err(fail(path, format!("unsupported attribute {extra:?}")));
            }
            let mut out = BTreeMap::new();
            for (name, attr_ty) in attrs {
                path.push(name.clone());
                let v = match entries.get(name) {
                    Some(j) => decode(j, attr_ty, path)?,
                    None => Value::Null,
                };
                path.pop();
                out.insert(name.clone(), v);
            }
            Ok(Value::Map(out))
        }
        Type::Dynamic => {
            // State JSON stores dynamic values as {"value": ..., "type": ...}.
            let ty_json = json
                .get("type")
                .ok_or_else(|| fail(path, "dynamic value without a type"))?;
            let inner_ty = Type::from_json(ty_json).map_err(|e| fail(path, e))?;
            decode(json.get("value").unwrap_or(&Json::Null), &inner_ty, path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn attributes_a_schema_dropped_are_removed_at_any_depth() {
        let ty = Type::object([
            ("name", Type::String),
            ("rules", Type::list(Type::object([("port", Type::Number)]))),
        ]);
        let mut json = serde_json::json!({
            "name": "api",
            "gone": 1,
            "rules": [{"port": 80, "old": true}]
        });
        let dropped = drop_unknown_attributes(&mut json, &ty);
        assert_eq!(dropped, vec!["gone".to_string(), "rules.0.old".to_string()]);
        assert!(from_json(&json, &ty).is_ok());
    }

    #[test]
    fn decodes_state_json() {
        let ty = Type::object([
            ("id", Type::String),
            ("count", Type::Number),
            ("ids", Type::set(Type::String)),
            ("tags", Type::map(Type::String)),
        ]);
        let v = from_json(&json!({"id": "x", "count": 2, "ids": ["b", "a"]}), &ty).unwrap();
        assert_eq!(v.get("id"), &Value::from("x"));
        assert_eq!(v.get("count").as_i64(), Some(2));
        assert_eq!(v.get("ids"), &Value::List(vec!["a".into(), "b".into()]));
        assert_eq!(v.get("tags"), &Value::Null);
        assert_eq!(to_json(&v).unwrap()["ids"], json!(["a", "b"]));
    }

    #[test]
    fn rejects_unknown_attributes_with_their_name() {
        let ty = Type::object([("id", Type::String)]);
        let e = from_json(&json!({"id": "x", "legacy": 1}), &ty).unwrap_err();
        assert!(e.0.contains("\"legacy\""), "{e}");
    }

    #[test]
    fn unknowns_have_no_json_form() {
        assert!(to_json(&Value::Unknown).is_err());
    }
}
