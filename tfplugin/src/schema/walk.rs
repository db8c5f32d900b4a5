//! Walks a value alongside its schema, visiting every attribute (inside
//! nested attributes and nested blocks too) with its value and path.

use super::{Attribute, AttributeKind, Block, Nesting};
use crate::path::AttributePath;
use crate::value::Value;

/// One attribute reached by [`visit_attributes`].
pub struct AttributeVisit<'a> {
    pub attribute: &'a Attribute,
    pub value: &'a Value,
    pub path: AttributePath,
}

/// Calls `visit` for every attribute of `block` in `value`, depth first.
/// Elements of null or unknown collections are not visited.
pub fn visit_attributes<'a>(
    block: &'a Block,
    value: &'a Value,
    path: &AttributePath,
    visit: &mut dyn FnMut(AttributeVisit<'a>),
) {
    for attribute in &block.attributes {
        let v = value.get(&attribute.name);
        let p = path.clone().attribute(&attribute.name);
        visit(AttributeVisit {
            attribute,
            value: v,
            path: p.clone(),
        });
        if let AttributeKind::Nested(nested) = &attribute.kind {
            for_each_element(nested.nesting == Nesting::Single, v, &p, &mut |elem, ep| {
                for inner in &nested.attributes {
                    let iv = elem.get(&inner.name);
                    let ip = ep.clone().attribute(&inner.name);
                    visit_nested(inner, iv, ip, visit);
                }
            });
        }
    }
    for nested in &block.blocks {
        let v = value.get(&nested.type_name);
        let p = path.clone().attribute(&nested.type_name);
        let single = matches!(
            nested.nesting,
            super::BlockNesting::Single | super::BlockNesting::Group
        );
        for_each_element(single, v, &p, &mut |elem, ep| {
            visit_attributes(&nested.block, elem, ep, visit);
        });
    }
}

fn visit_nested<'a>(
    attribute: &'a Attribute,
    value: &'a Value,
    path: AttributePath,
    visit: &mut dyn FnMut(AttributeVisit<'a>),
) {
    visit(AttributeVisit {
        attribute,
        value,
        path: path.clone(),
    });
    if let AttributeKind::Nested(nested) = &attribute.kind {
        for_each_element(
            nested.nesting == Nesting::Single,
            value,
            &path,
            &mut |elem, ep| {
                for inner in &nested.attributes {
                    visit_nested(
                        inner,
                        elem.get(&inner.name),
                        ep.clone().attribute(&inner.name),
                        visit,
                    );
                }
            },
        );
    }
}

fn for_each_element<'a>(
    single: bool,
    value: &'a Value,
    path: &AttributePath,
    f: &mut dyn FnMut(&'a Value, &AttributePath),
) {
    match value {
        Value::Null | Value::Unknown => {}
        v if single => f(v, path),
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                f(item, &path.clone().index(i));
            }
        }
        Value::Map(entries) => {
            for (k, item) in entries {
                f(item, &path.clone().key(k));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Block, NestedBlock};

    #[test]
    fn visits_nested_blocks_with_indexed_paths() {
        let block = Block::new()
            .attribute(Attribute::string("region").optional())
            .block(NestedBlock::at_most_one(
                "assume_role",
                Block::new().attribute(Attribute::string("role_arn").optional()),
            ));
        let value = Value::Map(
            [
                ("region".to_string(), Value::from("us-east-1")),
                (
                    "assume_role".to_string(),
                    Value::List(vec![Value::Map(
                        [("role_arn".to_string(), Value::from("arn"))].into(),
                    )]),
                ),
            ]
            .into(),
        );
        let mut seen = Vec::new();
        visit_attributes(&block, &value, &AttributePath::root(), &mut |v| {
            seen.push((v.path.to_string(), v.value.clone()));
        });
        assert_eq!(
            seen,
            vec![
                ("region".to_string(), Value::from("us-east-1")),
                ("assume_role[0].role_arn".to_string(), Value::from("arn")),
            ]
        );
    }
}
