//! Small constructors over hcl-rs's structure types, so the generators read
//! like the HCL they build.

use hcl::expr::{
    Conditional, Expression, FuncCall, Object, ObjectKey, TemplateExpr, Traversal,
    TraversalOperator, Variable,
};
use hcl::{Block, Body, Identifier};

/// A reference (`aws_vpc.main.id`) being built.
pub struct Ref {
    root: Variable,
    operators: Vec<TraversalOperator>,
}

/// A reference starting at the dotted identifiers of `path`, e.g.
/// `"aws_vpc.main.id"`.
pub fn r(path: &str) -> Ref {
    let mut parts = path.split('.');
    let root =
        Variable::new(parts.next().unwrap_or_default()).expect("generator identifiers are valid");
    let mut reference = Ref {
        root,
        operators: Vec::new(),
    };
    for part in parts {
        reference = reference.attr(part);
    }
    reference
}

impl Ref {
    /// `.name`
    pub fn attr(mut self, name: &str) -> Ref {
        self.operators.push(TraversalOperator::GetAttr(
            Identifier::new(name).expect("generator identifiers are valid"),
        ));
        self
    }

    /// `[index]`
    pub fn index(mut self, index: impl Into<Expression>) -> Ref {
        self.operators.push(TraversalOperator::Index(index.into()));
        self
    }

    /// `[*]`
    pub fn splat(mut self) -> Ref {
        self.operators.push(TraversalOperator::FullSplat);
        self
    }
}

impl From<Ref> for Expression {
    fn from(reference: Ref) -> Expression {
        if reference.operators.is_empty() {
            Expression::Variable(reference.root)
        } else {
            Expression::from(Traversal::new(reference.root, reference.operators))
        }
    }
}

/// A string with `${...}` interpolations, e.g. `"${local.name}-vpc"`.
/// Backslashes and double quotes are escaped, so the interpolations must
/// not contain string literals of their own.
pub fn template(text: &str) -> Expression {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    Expression::from(TemplateExpr::QuotedString(escaped))
}

/// A literal string (any `${` in it is escaped by the formatter).
pub fn string(text: &str) -> Expression {
    Expression::String(text.to_string())
}

/// A function call.
pub fn call(name: &str, args: Vec<Expression>) -> Expression {
    let mut builder = FuncCall::builder(Identifier::new(name).expect("function names are valid"));
    for arg in args {
        builder = builder.arg(arg);
    }
    Expression::from(builder.build())
}

/// `[a, b, ...]`
pub fn list(items: Vec<Expression>) -> Expression {
    Expression::Array(items)
}

/// `[ "a", "b" ]` from strings.
pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Expression {
    list(items.into_iter().map(|s| string(s.as_ref())).collect())
}

/// `{ key = value, ... }`, keys in the given order.
pub fn object<K: AsRef<str>>(pairs: Vec<(K, Expression)>) -> Expression {
    let mut object = Object::new();
    for (key, value) in pairs {
        object.insert(ObjectKey::from(key.as_ref()), value);
    }
    Expression::Object(object)
}

/// `cond ? yes : no`
pub fn conditional(
    cond: impl Into<Expression>,
    yes: impl Into<Expression>,
    no: impl Into<Expression>,
) -> Expression {
    Expression::from(Conditional::new(cond, yes, no))
}

/// A block being built: `kind "label" ... { ... }`.
pub struct B(hcl::structure::BlockBuilder);

/// A block of `kind` with `labels`.
pub fn block(kind: &str, labels: &[&str]) -> B {
    let mut builder = Block::builder(kind);
    for label in labels {
        builder = builder.add_label(*label);
    }
    B(builder)
}

/// `resource "kind" "name" { ... }`
pub fn resource(kind: &str, name: &str) -> B {
    block("resource", &[kind, name])
}

/// `data "kind" "name" { ... }`
pub fn data(kind: &str, name: &str) -> B {
    block("data", &[kind, name])
}

impl B {
    /// `name = value`
    pub fn attr(self, name: &str, value: impl Into<Expression>) -> B {
        B(self.0.add_attribute((name, value.into())))
    }

    /// A nested block.
    pub fn child(self, child: B) -> B {
        B(self.0.add_block(child.build()))
    }

    /// The block.
    pub fn build(self) -> Block {
        self.0.build()
    }
}

/// A file body of `blocks`, in order.
pub fn body(blocks: Vec<B>) -> Body {
    let mut builder = Body::builder();
    for b in blocks {
        builder = builder.add_block(b.build());
    }
    builder.build()
}

/// The Terraform identifier for a catalog name (`api-service` → `api_service`).
pub fn ident(name: &str) -> String {
    name.replace('-', "_")
}
