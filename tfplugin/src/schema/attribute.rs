//! Attributes: named values inside a block, either of a plain type or a
//! nested object structure (protocol 6 nested attributes).

use std::sync::Arc;

use crate::plan_modifiers::PlanModifier;
use crate::validators::Validator;
use crate::value::{Type, Value};

/// How a nested attribute holds its objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nesting {
    Single,
    List,
    Set,
    Map,
}

/// The objects of a nested attribute.
#[derive(Clone)]
pub struct NestedAttributes {
    pub nesting: Nesting,
    pub attributes: Vec<Attribute>,
}

impl NestedAttributes {
    pub fn object_type(&self) -> Type {
        Type::Object(
            self.attributes
                .iter()
                .map(|a| (a.name.clone(), a.value_type()))
                .collect(),
        )
    }
}

/// What an attribute holds.
#[derive(Clone)]
pub enum AttributeKind {
    Plain(Type),
    Nested(NestedAttributes),
}

/// One attribute. Build with the constructors and chained setters:
/// `Attribute::string("name").required().describe("...")`.
#[derive(Clone)]
pub struct Attribute {
    pub name: String,
    pub kind: AttributeKind,
    pub required: bool,
    pub optional: bool,
    pub computed: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    pub description: String,
    /// Planned when the configuration leaves the attribute null. Requires
    /// `optional` and `computed`.
    pub default: Option<Value>,
    pub validators: Vec<Arc<dyn Validator>>,
    pub plan_modifiers: Vec<Arc<dyn PlanModifier>>,
}

impl Attribute {
    pub fn new(name: impl Into<String>, ty: Type) -> Self {
        Self {
            name: name.into(),
            kind: AttributeKind::Plain(ty),
            required: false,
            optional: false,
            computed: false,
            sensitive: false,
            deprecated: false,
            description: String::new(),
            default: None,
            validators: Vec::new(),
            plan_modifiers: Vec::new(),
        }
    }

    pub fn string(name: impl Into<String>) -> Self {
        Self::new(name, Type::String)
    }

    pub fn number(name: impl Into<String>) -> Self {
        Self::new(name, Type::Number)
    }

    pub fn bool(name: impl Into<String>) -> Self {
        Self::new(name, Type::Bool)
    }

    pub fn string_list(name: impl Into<String>) -> Self {
        Self::new(name, Type::list(Type::String))
    }

    pub fn string_set(name: impl Into<String>) -> Self {
        Self::new(name, Type::set(Type::String))
    }

    pub fn string_map(name: impl Into<String>) -> Self {
        Self::new(name, Type::map(Type::String))
    }

    /// A nested attribute holding objects made of `attributes`.
    pub fn nested(name: impl Into<String>, nesting: Nesting, attributes: Vec<Attribute>) -> Self {
        let mut a = Self::new(name, Type::Bool);
        a.kind = AttributeKind::Nested(NestedAttributes {
            nesting,
            attributes,
        });
        a
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    pub fn computed(mut self) -> Self {
        self.computed = true;
        self
    }

    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    pub fn deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    pub fn describe(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Optional + computed with a default planned when unset.
    pub fn default_value(mut self, value: impl Into<Value>) -> Self {
        self.optional = true;
        self.computed = true;
        self.default = Some(value.into());
        self
    }

    pub fn validate(mut self, validator: impl Validator + 'static) -> Self {
        self.validators.push(Arc::new(validator));
        self
    }

    pub fn plan_modifier(mut self, modifier: impl PlanModifier + 'static) -> Self {
        self.plan_modifiers.push(Arc::new(modifier));
        self
    }

    /// The type of this attribute's values.
    pub fn value_type(&self) -> Type {
        match &self.kind {
            AttributeKind::Plain(t) => t.clone(),
            AttributeKind::Nested(n) => {
                let obj = n.object_type();
                match n.nesting {
                    Nesting::Single => obj,
                    Nesting::List => Type::list(obj),
                    Nesting::Set => Type::set(obj),
                    Nesting::Map => Type::map(obj),
                }
            }
        }
    }

    /// True when the configuration may set this attribute.
    pub fn is_configurable(&self) -> bool {
        self.required || self.optional
    }
}
