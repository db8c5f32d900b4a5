//! Validation problems: a message, where in the catalog, and a hint; and
//! their rendering (a `file:line:column` headline, then the source excerpt).

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;
use std::ops::Range;

/// One thing wrong with the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the catalog source it points at.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Problem {
    /// A problem at `span`.
    pub fn new(span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            span,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `source`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A problem bound to its source, as miette renders it.
#[derive(Debug)]
struct Rendered<'a> {
    problem: &'a Problem,
    source: NamedSource<String>,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.problem.hint))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = &self.problem.span;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("here".to_string()),
            span.start..span.end.max(span.start),
        ))))
    }
}

/// Every problem as `path:line:column: error: message`, followed by the
/// source excerpt and the hint, without colours.
pub fn render(path: &str, source: &str, problems: &[Problem]) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    for problem in problems {
        let (line, column) = line_column(source, problem.span.start);
        out.push_str(&format!(
            "{path}:{line}:{column}: error: {}\n",
            problem.message
        ));
        let rendered = Rendered {
            problem,
            source: NamedSource::new(path, source.to_string()),
        };
        // Rendering into a String cannot fail.
        let _ = handler.render_report(&mut out, &rendered);
        out.push('\n');
    }
    out.push_str(&format!(
        "{} problem{} in {path}\n",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn render_names_file_line_column_and_hint() {
        let source = "a = 1\nb = 2\n";
        let text = render(
            "catalog.toml",
            source,
            &[Problem::new(10..11, "b is wrong", "use 3")],
        );
        assert!(
            text.starts_with("catalog.toml:2:5: error: b is wrong\n"),
            "{text}"
        );
        assert!(text.contains("use 3"), "{text}");
        assert!(text.ends_with("1 problem in catalog.toml\n"), "{text}");
    }
}
