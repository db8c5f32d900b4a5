//! Validators for common string formats: URLs and durations.

use super::{Validator, invalid};
use crate::diagnostics::Diagnostics;
use crate::path::AttributePath;
use crate::value::Value;

/// An absolute `http://` or `https://` URL with a host.
pub struct HttpUrl;

impl Validator for HttpUrl {
    fn description(&self) -> String {
        "an absolute http(s) URL".into()
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(s) = value.as_str() else { return };
        match url::Url::parse(s) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {}
            Ok(u) => invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must be an absolute http:// or https:// URL with a host, got {s:?} (scheme {:?}).",
                    u.scheme()
                ),
            ),
            Err(e) => invalid(
                diags,
                path,
                format!("Attribute {path} must be an absolute http(s) URL, got {s:?}: {e}."),
            ),
        }
    }
}

/// A duration such as `1h`, `15m`, `90s` or `1h30m`, within bounds.
pub struct Duration {
    pub min: std::time::Duration,
    pub max: std::time::Duration,
}

/// Parses Go-style durations (`1h30m`, `45s`, `2m`), the form hashicorp/aws
/// and `timeouts` blocks use.
pub fn parse_duration(s: &str) -> Option<std::time::Duration> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut total = 0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let number: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += number * factor;
    }
    Some(std::time::Duration::from_secs_f64(total))
}

impl Validator for Duration {
    fn description(&self) -> String {
        format!(
            "a duration such as \"1h\" or \"15m\" between {:?} and {:?}",
            self.min, self.max
        )
    }

    fn validate(&self, value: &Value, path: &AttributePath, diags: &mut Diagnostics) {
        let Some(s) = value.as_str() else { return };
        match parse_duration(s) {
            Some(d) if d >= self.min && d <= self.max => {}
            Some(_) => invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must be between {} and {}, got {s:?}.",
                    humantime::format_duration(self.min),
                    humantime::format_duration(self.max)
                ),
            ),
            None => invalid(
                diags,
                path,
                format!(
                    "Attribute {path} must be a duration like \"1h\", \"15m\" or \"1h30m\", got {s:?}."
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as D;

    #[test]
    fn parses_go_durations() {
        assert_eq!(parse_duration("1h30m"), Some(D::from_secs(5400)));
        assert_eq!(parse_duration("45s"), Some(D::from_secs(45)));
        assert_eq!(parse_duration("1.5h"), Some(D::from_secs(5400)));
        assert_eq!(parse_duration("10"), None);
        assert_eq!(parse_duration("1d"), None);
        assert_eq!(parse_duration(""), None);
    }

    #[test]
    fn urls_need_scheme_and_host() {
        for (s, ok) in [
            ("http://127.0.0.1:4566", true),
            ("https://ec2.us-east-1.amazonaws.com", true),
            ("ftp://x", false),
            ("localhost:4566", false),
            ("not a url", false),
        ] {
            let mut d = Diagnostics::new();
            HttpUrl.validate(&Value::from(s), &AttributePath::attr("ec2"), &mut d);
            assert_eq!(d.is_empty(), ok, "{s}");
        }
    }
}
