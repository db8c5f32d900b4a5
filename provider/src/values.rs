//! Conversions between Terraform map values and string maps (tags,
//! environment variables), for resources, data sources and the provider's
//! configuration alike.

use std::collections::BTreeMap;

use tfplugin::value::Value;

/// The string entries of a map value: empty for null or a non-map;
/// entries whose value is not a known string are left out.
pub fn string_map(value: &Value) -> BTreeMap<String, String> {
    value
        .as_map()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// The string map a configured map attribute will hold, when the plan
/// knows it: empty for null, `None` while any part is unknown.
pub fn known_string_map(value: &Value) -> Option<BTreeMap<String, String>> {
    if value.is_null() {
        return Some(BTreeMap::new());
    }
    if !value.is_wholly_known() {
        return None;
    }
    value.as_map().map(|_| string_map(value))
}

/// A map value holding `map`'s entries as strings.
pub fn string_map_value(map: &BTreeMap<String, String>) -> Value {
    Value::Map(
        map.iter()
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_maps_round_trip() {
        let map: BTreeMap<String, String> = [("Env", "dev"), ("Team", "a")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(string_map(&string_map_value(&map)), map);
    }

    #[test]
    fn non_strings_and_non_maps_give_nothing() {
        let value = Value::Map(
            [
                ("a".to_string(), Value::from("1")),
                ("b".to_string(), Value::Null),
            ]
            .into(),
        );
        assert_eq!(
            string_map(&value),
            [("a".to_string(), "1".to_string())].into()
        );
        assert!(string_map(&Value::Null).is_empty());
        assert!(string_map(&Value::from("x")).is_empty());
    }
}
