//! Checkov skip comments in generated HCL. hcl-rs writes no comments, so
//! they are put into the formatted text: each after the opening line of the
//! block it concerns, where checkov reads them.

/// A check skipped for one block, with the reason.
pub struct Skip {
    /// The block's opening line without ` {`, e.g.
    /// `resource "aws_ssm_parameter" "x"`.
    pub block: String,
    /// Checkov id, e.g. `CKV2_AWS_34`.
    pub check: &'static str,
    /// Why the check does not apply (at least 15 characters).
    pub reason: &'static str,
}

impl Skip {
    /// Skips `check` on the resource `kind`.`name`.
    pub fn resource(kind: &str, name: &str, check: &'static str, reason: &'static str) -> Skip {
        Skip {
            block: format!("resource \"{kind}\" \"{name}\""),
            check,
            reason,
        }
    }

    /// Skips `check` on the data source `kind`.`name`.
    pub fn data(kind: &str, name: &str, check: &'static str, reason: &'static str) -> Skip {
        Skip {
            block: format!("data \"{kind}\" \"{name}\""),
            check,
            reason,
        }
    }
}

/// `text` with every skip's comment after its block's opening line.
/// Panics when a block is missing: a skip for nothing is a generator bug.
pub fn with_skips(text: &str, skips: &[Skip]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for skip in skips {
        let opening = format!("{} {{", skip.block);
        let at = lines
            .iter()
            .position(|l| *l == opening)
            .unwrap_or_else(|| panic!("no block {} to skip {} on", skip.block, skip.check));
        let mut insert = at + 1;
        while lines[insert].starts_with("  #checkov:skip=") {
            insert += 1;
        }
        lines.insert(
            insert,
            format!("  #checkov:skip={}:{}", skip.check, skip.reason),
        );
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_follow_the_opening_line_in_order() {
        let text = "resource \"a\" \"b\" {\n  x = 1\n}\n";
        let out = with_skips(
            text,
            &[
                Skip::resource("a", "b", "CKV_1", "first reason here"),
                Skip::resource("a", "b", "CKV_2", "second reason here"),
            ],
        );
        assert_eq!(
            out,
            "resource \"a\" \"b\" {\n  #checkov:skip=CKV_1:first reason here\n  #checkov:skip=CKV_2:second reason here\n  x = 1\n}\n"
        );
    }

    #[test]
    #[should_panic(expected = "no block")]
    fn a_skip_for_a_missing_block_is_a_bug() {
        with_skips("", &[Skip::data("a", "b", "CKV_1", "reason")]);
    }
}
