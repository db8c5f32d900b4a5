//! The one walk over a value alongside its schema: every attribute (inside
//! nested attributes and nested blocks too) is visited with its path, its
//! value (which the visitor may change) and the values at the same place
//! in any number of companion values (prior state, configuration).
//! Planning, defaults and validation are all built on it.

use super::{Attribute, AttributeKind, Block, BlockNesting, NestedBlock, Nesting};
use crate::path::AttributePath;
use crate::value::Value;

static NULL: Value = Value::Null;

/// One attribute reached by [`walk`].
pub struct Visit<'v, 'c, const N: usize> {
    pub attribute: &'v Attribute,
    pub path: &'v AttributePath,
    /// The attribute's value (null when the object lacks it); the walk
    /// descends into it as the visitor leaves it.
    pub value: &'v mut Value,
    /// The companions' values at the same place, null where they have none.
    pub companions: [&'c Value; N],
}

/// What the walk does after visiting an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Visit the attributes of the nested objects it holds, if any.
    Descend,
    /// Leave what it holds alone.
    Skip,
}

/// The visitor [`walk`] calls for each attribute.
pub type Visitor<'f, 'c, const N: usize> = dyn FnMut(Visit<'_, 'c, N>) -> Next + 'f;

/// Visits every attribute of `block` in `value`, depth first, attributes
/// before nested blocks. Objects get every attribute of the schema (null
/// when missing); elements of null or unknown collections, and values that
/// are not objects where objects are due, are not visited. Elements of the
/// companions are paired by index or key.
pub fn walk<'c, const N: usize>(
    block: &Block,
    value: &mut Value,
    companions: [&'c Value; N],
    visit: &mut Visitor<'_, 'c, N>,
) {
    walk_object(
        &block.attributes,
        &block.blocks,
        value,
        companions,
        &AttributePath::root(),
        visit,
    );
}

fn walk_object<'c, const N: usize>(
    attributes: &[Attribute],
    blocks: &[NestedBlock],
    value: &mut Value,
    companions: [&'c Value; N],
    path: &AttributePath,
    visit: &mut Visitor<'_, 'c, N>,
) {
    let Value::Map(entries) = value else { return };
    for attribute in attributes {
        let value = entries.entry(attribute.name.clone()).or_insert(Value::Null);
        let companions = companions.map(|c| c.get(&attribute.name));
        let path = path.clone().attribute(&attribute.name);
        let next = visit(Visit {
            attribute,
            path: &path,
            value,
            companions,
        });
        if let (Next::Descend, AttributeKind::Nested(nested)) = (next, &attribute.kind) {
            let single = nested.nesting == Nesting::Single;
            for_each_element(single, value, companions, &path, &mut |elem, cs, ep| {
                walk_object(&nested.attributes, &[], elem, cs, ep, visit)
            });
        }
    }
    for nested in blocks {
        let Some(value) = entries.get_mut(&nested.type_name) else {
            continue;
        };
        let companions = companions.map(|c| c.get(&nested.type_name));
        let path = path.clone().attribute(&nested.type_name);
        let single = matches!(nested.nesting, BlockNesting::Single | BlockNesting::Group);
        for_each_element(single, value, companions, &path, &mut |elem, cs, ep| {
            walk_object(
                &nested.block.attributes,
                &nested.block.blocks,
                elem,
                cs,
                ep,
                visit,
            )
        });
    }
}

type ElementFn<'f, 'c, const N: usize> = dyn FnMut(&mut Value, [&'c Value; N], &AttributePath) + 'f;

/// Calls `f` for each object a nested value holds (the value itself when
/// `single`), with the companions' elements at the same index or key.
fn for_each_element<'c, const N: usize>(
    single: bool,
    value: &mut Value,
    companions: [&'c Value; N],
    path: &AttributePath,
    f: &mut ElementFn<'_, 'c, N>,
) {
    match value {
        Value::Null | Value::Unknown => {}
        v if single => f(v, companions, path),
        Value::List(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let cs = companions.map(|c| c.as_list().and_then(|l| l.get(i)).unwrap_or(&NULL));
                f(item, cs, &path.clone().index(i));
            }
        }
        Value::Map(entries) => {
            for (k, item) in entries.iter_mut() {
                f(item, companions.map(|c| c.get(k)), &path.clone().key(k));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::NestedBlock;

    fn obj(pairs: &[(&str, Value)]) -> Value {
        Value::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn visits_nested_blocks_with_indexed_paths() {
        let block = Block::new()
            .attribute(Attribute::string("region").optional())
            .block(NestedBlock::at_most_one(
                "assume_role",
                Block::new().attribute(Attribute::string("role_arn").optional()),
            ));
        let mut value = obj(&[
            ("region", "us-east-1".into()),
            (
                "assume_role",
                Value::List(vec![obj(&[("role_arn", "arn".into())])]),
            ),
        ]);
        let mut seen = Vec::new();
        walk(&block, &mut value, [], &mut |v| {
            seen.push((v.path.to_string(), v.value.clone()));
            Next::Descend
        });
        assert_eq!(
            seen,
            vec![
                ("region".to_string(), Value::from("us-east-1")),
                ("assume_role[0].role_arn".to_string(), Value::from("arn")),
            ]
        );
    }

    fn ports() -> Block {
        Block::new().attribute(Attribute::nested(
            "ports",
            Nesting::Map,
            vec![Attribute::number("port").optional()],
        ))
    }

    #[test]
    fn pairs_companions_by_key_and_lets_the_visitor_change_values() {
        let mut value = obj(&[(
            "ports",
            obj(&[
                ("http", obj(&[("port", Value::Null)])),
                ("https", obj(&[("port", Value::Null)])),
            ]),
        )]);
        let prior = obj(&[("ports", obj(&[("https", obj(&[("port", 443i64.into())]))]))]);
        walk(&ports(), &mut value, [&prior], &mut |v| {
            let [prior] = v.companions;
            if v.value.is_null() {
                *v.value = prior.clone();
            }
            Next::Descend
        });
        assert_eq!(
            value.get("ports").get("https").get("port").as_i64(),
            Some(443)
        );
        assert_eq!(value.get("ports").get("http").get("port"), &Value::Null);
    }

    #[test]
    fn skip_leaves_nested_objects_unvisited_and_missing_attributes_become_null() {
        let mut value = obj(&[("ports", obj(&[("http", obj(&[]))]))]);
        let mut paths = Vec::new();
        walk(&ports(), &mut value, [], &mut |v| {
            paths.push(v.path.to_string());
            Next::Descend
        });
        assert_eq!(paths, vec!["ports", "ports[\"http\"].port"]);
        assert_eq!(
            value.get("ports").get("http"),
            &obj(&[("port", Value::Null)])
        );

        paths.clear();
        walk(&ports(), &mut value, [], &mut |v| {
            paths.push(v.path.to_string());
            Next::Skip
        });
        assert_eq!(paths, vec!["ports"]);
    }
}
