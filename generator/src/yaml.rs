//! A minimal YAML writer for the generated GitHub Actions workflows: maps
//! keep their order, strings are plain only when that cannot be misread and
//! double-quoted (JSON escapes, valid YAML) otherwise, scripts are literal
//! blocks.

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// A string scalar.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A multi-line string written as a literal block (`|`).
    Block(String),
    /// A sequence.
    List(Vec<Yaml>),
    /// A mapping, in the given order.
    Map(Vec<(String, Yaml)>),
}

/// A string scalar.
pub fn s(text: impl Into<String>) -> Yaml {
    Yaml::Str(text.into())
}

/// A mapping from `(key, value)` pairs.
pub fn map<K: Into<String>>(pairs: Vec<(K, Yaml)>) -> Yaml {
    Yaml::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./- ".contains(c))
        && !text.starts_with(['-', ' ', '.'])
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        )
        && text.parse::<f64>().is_err();
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("strings serialize")
    }
}

fn write(value: &Yaml, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Yaml::Map(pairs) => {
            for (key, value) in pairs {
                out.push_str(&format!("{pad}{}:", scalar(key)));
                inline_or_nested(value, indent, out);
            }
        }
        Yaml::List(items) => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                match item {
                    Yaml::Map(pairs) if !pairs.is_empty() => {
                        let mut nested = String::new();
                        write(item, indent + 2, &mut nested);
                        out.push(' ');
                        out.push_str(nested.trim_start());
                    }
                    _ => inline_or_nested(item, indent, out),
                }
            }
        }
        other => {
            out.push_str(&pad);
            inline_or_nested(other, indent, out);
        }
    }
}

fn inline_or_nested(value: &Yaml, indent: usize, out: &mut String) {
    match value {
        Yaml::Str(text) => out.push_str(&format!(" {}\n", scalar(text))),
        Yaml::Int(n) => out.push_str(&format!(" {n}\n")),
        Yaml::Bool(b) => out.push_str(&format!(" {b}\n")),
        Yaml::Block(text) => {
            out.push_str(" |\n");
            for line in text.lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("{}{line}\n", " ".repeat(indent + 2)));
                }
            }
        }
        Yaml::List(items) if items.is_empty() => out.push_str(" []\n"),
        Yaml::Map(pairs) if pairs.is_empty() => out.push_str(" {}\n"),
        nested => {
            out.push('\n');
            write(nested, indent + 2, out);
        }
    }
}

/// The document as text.
pub fn to_string(value: &Yaml) -> String {
    let mut out = String::new();
    write(value, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_nested_maps_lists_and_blocks() {
        let doc = map(vec![
            ("name", s("plan")),
            (
                "on",
                map(vec![(
                    "push",
                    map(vec![("branches", Yaml::List(vec![s("main")]))]),
                )]),
            ),
            (
                "steps",
                Yaml::List(vec![
                    map(vec![("uses", s("actions/checkout@v4"))]),
                    map(vec![
                        ("run", Yaml::Block("a\nb".into())),
                        ("env", map(vec![("X", s("${{ secrets.X }}"))])),
                    ]),
                ]),
            ),
        ]);
        assert_eq!(
            to_string(&doc),
            "name: plan\n\"on\":\n  push:\n    branches:\n      - main\nsteps:\n  - uses: \"actions/checkout@v4\"\n  - run: |\n      a\n      b\n    env:\n      X: \"${{ secrets.X }}\"\n"
        );
    }
}
