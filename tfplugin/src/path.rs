//! Attribute paths: where in a configuration a diagnostic or a plan change
//! belongs (`assume_role[0].role_arn`, `tags["Name"]`).

use std::fmt;

use crate::proto::tfplugin6 as pb;

/// One step of an [`AttributePath`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Attribute(String),
    Key(String),
    Index(i64),
}

/// A path from the root of a schema to one attribute or element.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AttributePath {
    steps: Vec<Step>,
}

impl AttributePath {
    pub fn root() -> Self {
        Self::default()
    }

    /// A path of top-level attribute `name`.
    pub fn attr(name: impl Into<String>) -> Self {
        Self::root().attribute(name)
    }

    pub fn attribute(mut self, name: impl Into<String>) -> Self {
        self.steps.push(Step::Attribute(name.into()));
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.steps.push(Step::Key(key.into()));
        self
    }

    pub fn index(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index as i64));
        self
    }

    /// This path followed by `step`.
    pub fn with_step(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn is_root(&self) -> bool {
        self.steps.is_empty()
    }

    /// The protocol form.
    pub fn to_proto(&self) -> pb::AttributePath {
        use pb::attribute_path::step::Selector;
        pb::AttributePath {
            steps: self
                .steps
                .iter()
                .map(|s| pb::attribute_path::Step {
                    selector: Some(match s {
                        Step::Attribute(n) => Selector::AttributeName(n.clone()),
                        Step::Key(k) => Selector::ElementKeyString(k.clone()),
                        Step::Index(i) => Selector::ElementKeyInt(*i),
                    }),
                })
                .collect(),
        }
    }
}

impl fmt::Display for AttributePath {
    /// HCL-like rendering: `endpoints[0].ec2`, `tags["Name"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                Step::Attribute(n) if i == 0 => write!(f, "{n}")?,
                Step::Attribute(n) => write!(f, ".{n}")?,
                Step::Key(k) => write!(f, "[{k:?}]")?,
                Step::Index(idx) => write!(f, "[{idx}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_hcl() {
        let p = AttributePath::attr("assume_role")
            .index(0)
            .attribute("role_arn");
        assert_eq!(p.to_string(), "assume_role[0].role_arn");
        assert_eq!(
            AttributePath::attr("tags").key("Name").to_string(),
            "tags[\"Name\"]"
        );
        assert_eq!(p.to_proto().steps.len(), 3);
    }
}
