//! Turns an `hcl::Body` into text that `terraform fmt` leaves unchanged:
//! hcl-rs writes the structure, and this module adds what `terraform fmt`
//! does beyond it: aligning the `=` of consecutive one-line attributes and
//! writing empty blocks as `{}`.

use hcl::Body;
use hcl::format::{Format, Formatter};

/// `body` formatted as `terraform fmt` would write it.
pub fn format_body(body: &Body) -> String {
    let mut formatter = Formatter::builder()
        .prefer_ident_keys(true)
        .compact_arrays(true)
        .build_vec();
    let text = body
        .format_string(&mut formatter)
        .expect("formatting into memory cannot fail");
    align_assignments(&text.replace("{  }", "{}"))
}

/// Where `line`'s attribute `=` is, if the line is a whole one-line
/// attribute (its value opens no bracket it does not close).
fn assignment(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut depth = 0i32;
    let mut equals = None;
    let mut i = 0;
    // Inside a quoted string: how many `${` are open within it.
    let mut in_string = false;
    let mut template_depth: Vec<i32> = Vec::new();
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    template_depth.push(depth);
                    depth += 1;
                    in_string = false;
                    i += 1;
                }
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'#' => break,
                b'{' | b'[' | b'(' => depth += 1,
                b'}' | b']' | b')' => {
                    depth -= 1;
                    if b == b'}' && template_depth.last() == Some(&depth) {
                        template_depth.pop();
                        in_string = true;
                    }
                }
                b'=' if equals.is_none() && depth == 0 => {
                    let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                    let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                    if !b"=!<>".contains(&prev) && next != b'=' && next != b'>' {
                        equals = Some(i);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    equals.filter(|_| depth == 0)
}

/// Pads the names of consecutive one-line attributes so their `=` align.
fn align_assignments(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut run: Vec<(usize, usize)> = Vec::new(); // (line index, `=` position)
    let flush = |run: &mut Vec<(usize, usize)>, out: &mut Vec<String>| {
        let width = run
            .iter()
            .map(|&(i, eq)| out[i][..eq].trim_end().len())
            .max()
            .unwrap_or(0);
        for &(i, eq) in run.iter() {
            let name = out[i][..eq].trim_end().to_string();
            let rest = out[i][eq..].to_string();
            out[i] = format!("{name:width$} {rest}");
        }
        run.clear();
    };
    for line in lines {
        out.push(line.to_string());
        match assignment(line) {
            Some(eq) => run.push((out.len() - 1, eq)),
            None => flush(&mut run, &mut out),
        }
    }
    flush(&mut run, &mut out);
    let mut joined = out.join("\n");
    joined.push('\n');
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_runs_of_one_line_attributes() {
        let text = "a = 1\nlong_name = \"x = y\"\ntags = {\n  k = \"v\"\n}\nb = 2\n";
        assert_eq!(
            align_assignments(text),
            "a         = 1\nlong_name = \"x = y\"\ntags = {\n  k = \"v\"\n}\nb = 2\n"
        );
    }

    #[test]
    fn comparison_is_not_an_assignment() {
        assert_eq!(assignment("  condition = a == b"), Some(12));
        assert_eq!(assignment("x == y"), None);
        assert_eq!(assignment("name = \"${a == \"b\" ? 1 : 2}\""), Some(5));
        assert_eq!(assignment("tags = {"), None);
    }
}
