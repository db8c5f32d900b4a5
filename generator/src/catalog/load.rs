//! Reading the catalog file into [`Catalog`](super::Catalog).

use super::Catalog;
use crate::diagnostics::Problem;

/// The catalog could not be read as TOML of the expected shape.
#[derive(Debug)]
pub struct LoadError(pub Problem);

/// Parses catalog `source`; a syntax or shape error carries its location.
pub fn parse(source: &str) -> Result<Catalog, LoadError> {
    toml::from_str(source).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        LoadError(Problem::new(
            span,
            error.message().trim_end().to_string(),
            "see terraform-workloads/README.md for the catalog's keys",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::line_column;

    #[test]
    fn syntax_error_has_a_location() {
        let source = "[settings]\nname_prefix = \n";
        let LoadError(problem) = parse(source).unwrap_err();
        assert_eq!(line_column(source, problem.span.start), (2, 15));
    }

    #[test]
    fn unknown_key_is_refused() {
        let source = "[settings]\nnmae_prefix = \"x\"\n";
        let LoadError(problem) = parse(source).unwrap_err();
        assert!(
            problem.message.contains("unknown field `nmae_prefix`"),
            "{}",
            problem.message
        );
        assert_eq!(line_column(source, problem.span.start), (2, 1));
    }
}
