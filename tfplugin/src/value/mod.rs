//! Terraform values: the dynamic, possibly-unknown data Terraform exchanges
//! with providers, and its wire codecs (msgpack for every RPC, JSON for
//! stored state).

mod json;
mod msgpack;
mod typed;
mod types;

use std::cmp::Ordering;
use std::collections::BTreeMap;

pub use json::{drop_unknown_attributes, from_json, to_json};
pub use msgpack::{decode_msgpack, encode_msgpack};
pub use typed::{from_typed, to_typed, to_typed_unknown_as_null};
pub use types::Type;

/// A Terraform value, untyped: lists, sets and tuples are all `List`; maps
/// and objects are both `Map`. The schema's [`Type`] says which is which
/// whenever a value crosses the wire.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    /// Not known until apply.
    Unknown,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
}

static NULL: Value = Value::Null;

/// A codec failure: the bytes do not hold a value of the expected type.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{0}")]
pub struct CodecError(pub String);

impl Value {
    pub fn string(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// True when neither this value nor anything inside it is unknown.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::List(items) => items.iter().all(Value::is_wholly_known),
            Value::Map(entries) => entries.values().all(Value::is_wholly_known),
            _ => true,
        }
    }

    /// The attribute or map element `name`; null when absent.
    pub fn get(&self, name: &str) -> &Value {
        match self {
            Value::Map(entries) => entries.get(name).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    /// Mutable access to the attribute `name` of an object value.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        match self {
            Value::Map(entries) => entries.get_mut(name),
            _ => None,
        }
    }

    /// Sets the attribute `name` of an object value (no-op on non-objects).
    pub fn set(&mut self, name: &str, value: Value) {
        if let Value::Map(entries) = self {
            entries.insert(name.to_string(), value);
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The number as an integer, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => {
                Some(*n as i64)
            }
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// A total order used to keep set elements in one canonical order, so
    /// that equal sets compare equal with `==`.
    pub fn canonical_cmp(&self, other: &Value) -> Ordering {
        fn rank(v: &Value) -> u8 {
            match v {
                Value::Null => 0,
                Value::Unknown => 1,
                Value::Bool(_) => 2,
                Value::Number(_) => 3,
                Value::String(_) => 4,
                Value::List(_) => 5,
                Value::Map(_) => 6,
            }
        }
        match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
            (Value::Number(a), Value::Number(b)) => a.total_cmp(b),
            (Value::String(a), Value::String(b)) => a.cmp(b),
            (Value::List(a), Value::List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let o = x.canonical_cmp(y);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Value::Map(a), Value::Map(b)) => {
                for ((ka, va), (kb, vb)) in a.iter().zip(b) {
                    let o = ka.cmp(kb).then_with(|| va.canonical_cmp(vb));
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            _ => rank(self).cmp(&rank(other)),
        }
    }

    /// Puts the elements of every set inside `self` (per `ty`) in canonical
    /// order without duplicates. Elements that are not wholly known are
    /// never duplicates: two unknown subnet ids may well be two subnets.
    pub fn normalize(&mut self, ty: &Type) {
        match (self, ty) {
            (Value::List(items), Type::Set(elem)) => {
                for item in items.iter_mut() {
                    item.normalize(elem);
                }
                items.sort_by(Value::canonical_cmp);
                items.dedup_by(|a, b| a == b && a.is_wholly_known());
            }
            (Value::List(items), Type::List(elem)) => {
                items.iter_mut().for_each(|i| i.normalize(elem));
            }
            (Value::List(items), Type::Tuple(elems)) => {
                items
                    .iter_mut()
                    .zip(elems)
                    .for_each(|(i, t)| i.normalize(t));
            }
            (Value::Map(entries), Type::Map(elem)) => {
                entries.values_mut().for_each(|v| v.normalize(elem));
            }
            (Value::Map(entries), Type::Object(attrs)) => {
                for (name, attr_ty) in attrs {
                    if let Some(v) = entries.get_mut(name) {
                        v.normalize(attr_ty);
                    }
                }
            }
            _ => {}
        }
    }

    /// A null value shaped for `ty`: objects get every attribute, null.
    pub fn null_object(ty: &Type) -> Value {
        match ty {
            Type::Object(attrs) => {
                Value::Map(attrs.keys().map(|k| (k.clone(), Value::Null)).collect())
            }
            _ => Value::Null,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Number(n as f64)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map(Into::into).unwrap_or(Value::Null)
    }
}

impl<T: Into<Value>> FromIterator<T> for Value {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Value {
        Value::List(iter.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_normalize_to_one_order() {
        let ty = Type::set(Type::String);
        let mut a: Value = ["b", "a", "b"].into_iter().collect();
        let mut b: Value = ["a", "b"].into_iter().collect();
        a.normalize(&ty);
        b.normalize(&ty);
        assert_eq!(a, b);
    }

    #[test]
    fn unknown_set_elements_are_all_kept() {
        let ty = Type::set(Type::String);
        let mut v = Value::List(vec![Value::Unknown, Value::from("a"), Value::Unknown]);
        v.normalize(&ty);
        assert_eq!(
            v,
            Value::List(vec![Value::Unknown, Value::Unknown, Value::from("a")])
        );
    }

    #[test]
    fn integers_are_recognised() {
        assert_eq!(Value::Number(8080.0).as_i64(), Some(8080));
        assert_eq!(Value::Number(1.5).as_i64(), None);
    }

    #[test]
    fn wholly_known_looks_inside() {
        let v = Value::Map([("a".into(), Value::List(vec![Value::Unknown]))].into());
        assert!(!v.is_wholly_known());
        assert!(Value::from("x").is_wholly_known());
    }
}
