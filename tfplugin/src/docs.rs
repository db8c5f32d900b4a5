//! Reference documentation from schemas, in the registry's Markdown layout
//! (`docs/`): required, optional and read-only arguments, then one section
//! per nested block or nested attribute.

use std::fmt::Write;

use super::schema::{Attribute, AttributeKind, Block, BlockNesting, Nesting, Schema};
use super::value::Type;

/// The "Schema" section for `schema`.
pub fn render_schema(schema: &Schema) -> String {
    let mut out = String::from("## Schema\n");
    let mut nested = Vec::new();
    render_block(&mut out, &schema.block, "", "###", &mut nested);
    while !nested.is_empty() {
        let (anchor, title, block) = nested.remove(0);
        let _ = write!(
            out,
            "\n<a id=\"{anchor}\"></a>\n### Nested schema for `{title}`\n"
        );
        let mut more = Vec::new();
        render_block(&mut out, &block, &format!("{title}."), "####", &mut more);
        nested.extend(more);
    }
    out
}

type Pending = Vec<(String, String, Block)>;

/// Whether an attribute belongs to an argument group.
type Membership = fn(&Attribute) -> bool;

fn render_block(
    out: &mut String,
    block: &Block,
    prefix: &str,
    heading: &str,
    nested: &mut Pending,
) {
    let groups: [(&str, Membership); 3] = [
        ("Required", |a| a.required),
        ("Optional", |a| a.optional),
        ("Read-only", |a| a.computed && !a.optional && !a.required),
    ];
    for (title, member) in groups {
        let attrs: Vec<&Attribute> = block.attributes.iter().filter(|a| member(a)).collect();
        let blocks: Vec<_> = block
            .blocks
            .iter()
            .filter(|b| match title {
                "Required" => b.min_items > 0,
                "Optional" => b.min_items == 0,
                _ => false,
            })
            .collect();
        if attrs.is_empty() && blocks.is_empty() {
            continue;
        }
        let _ = write!(out, "\n{heading} {title}\n\n");
        for a in attrs {
            let anchor = format!("nested--{prefix}{}", a.name).replace('.', "--");
            let mut line = format!("- `{}` ({})", a.name, type_label(a));
            if let AttributeKind::Nested(n) = &a.kind {
                let _ = write!(line, " (see [below](#{anchor}))");
                let inner = Block {
                    attributes: n.attributes.clone(),
                    ..Block::default()
                };
                nested.push((anchor, format!("{prefix}{}", a.name), inner));
            }
            if a.sensitive {
                line.push_str(", sensitive");
            }
            if a.deprecated {
                line.push_str(", **deprecated**");
            }
            if !a.description.is_empty() {
                let _ = write!(line, " {}", a.description);
            }
            if let Some(j) = a
                .default
                .as_ref()
                .and_then(|d| super::value::to_json(d).ok())
            {
                let _ = write!(line, " Defaults to `{j}`.");
            }
            let _ = writeln!(out, "{line}");
        }
        for b in blocks {
            let anchor = format!("nested--{prefix}{}", b.type_name).replace('.', "--");
            let count = match (b.nesting, b.max_items) {
                (BlockNesting::Single | BlockNesting::Group, _) | (_, 1) => {
                    "Block, at most one".to_string()
                }
                (BlockNesting::Set, 0) => "Block set".to_string(),
                (BlockNesting::Map, _) => "Block map".to_string(),
                (_, 0) => "Block list".to_string(),
                (_, n) => format!("Block list, at most {n}"),
            };
            let mut line = format!("- `{}` ({count}, see [below](#{anchor}))", b.type_name);
            if !b.block.description.is_empty() {
                let _ = write!(line, " {}", b.block.description);
            }
            let _ = writeln!(out, "{line}");
            nested.push((anchor, format!("{prefix}{}", b.type_name), b.block.clone()));
        }
    }
}

fn type_label(a: &Attribute) -> String {
    match &a.kind {
        AttributeKind::Plain(t) => plain_label(t),
        AttributeKind::Nested(n) => match n.nesting {
            Nesting::Single => "Attributes".into(),
            Nesting::List => "Attributes list".into(),
            Nesting::Set => "Attributes set".into(),
            Nesting::Map => "Attributes map".into(),
        },
    }
}

fn plain_label(t: &Type) -> String {
    match t {
        Type::Bool => "Boolean".into(),
        Type::Number => "Number".into(),
        Type::String => "String".into(),
        Type::Dynamic => "Dynamic".into(),
        Type::List(e) => format!("List of {}", plain_label(e)),
        Type::Set(e) => format!("Set of {}", plain_label(e)),
        Type::Map(e) => format!("Map of {}", plain_label(e)),
        Type::Object(_) => "Object".into(),
        Type::Tuple(_) => "Tuple".into(),
    }
}

/// Fills a documentation template: `{{schema}}` becomes the schema section
/// and `{{example "path"}}` the file at `path` (relative to `root`) in an
/// HCL fence.
pub fn fill_template(
    template: &str,
    schema: &Schema,
    root: &std::path::Path,
) -> Result<String, String> {
    let mut out = String::new();
    for line in template.lines() {
        let trimmed = line.trim();
        if trimmed == "{{schema}}" {
            out.push_str(&render_schema(schema));
        } else if let Some(path) = trimmed
            .strip_prefix("{{example \"")
            .and_then(|r| r.strip_suffix("\"}}"))
        {
            let text =
                std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"))?;
            let _ = write!(out, "```terraform\n{}\n```\n", text.trim_end());
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::NestedBlock;

    #[test]
    fn groups_arguments_and_links_nested_schemas() {
        let schema = Schema::new(
            Block::new()
                .attribute(Attribute::string("name").required().describe("The name."))
                .attribute(Attribute::number("port").default_value(8080i64))
                .attribute(Attribute::string("arn").computed())
                .block(NestedBlock::at_most_one(
                    "timeouts",
                    Block::new().attribute(Attribute::string("create").optional()),
                )),
        );
        let md = render_schema(&schema);
        assert!(
            md.contains("### Required\n\n- `name` (String) The name."),
            "{md}"
        );
        assert!(md.contains("- `port` (Number) Defaults to `8080`."), "{md}");
        assert!(md.contains("### Read-only\n\n- `arn` (String)"), "{md}");
        assert!(
            md.contains("- `timeouts` (Block, at most one, see [below](#nested--timeouts))"),
            "{md}"
        );
        assert!(md.contains("### Nested schema for `timeouts`"), "{md}");
    }
}
