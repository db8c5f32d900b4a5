//! The registry documentation in `docs/`, generated from the schemas and
//! the templates in `templates/`. The test below fails when a schema
//! changed and the docs did not; regenerate with
//! `UPDATE_DOCS=1 cargo test -p terraform-provider-privatelink docs_are_current`.

use std::path::Path;

use std::fmt::Write;

use crate::aws::permissions::{self, AccountPolicy, Actions, ImpliedPermission};
use tfplugin::docs::fill_template;
use tfplugin::provider::Provider;
use tfplugin::schema::Schema;

use super::PrivatelinkProvider;

/// Every generated page: (template, output, schema).
pub fn pages() -> Vec<(String, String, Schema)> {
    let provider = PrivatelinkProvider;
    let mut pages = vec![(
        "templates/index.md.tmpl".to_string(),
        "docs/index.md".to_string(),
        provider.schema(),
    )];
    for ds in provider.data_sources() {
        let short = ds.type_name().trim_start_matches("privatelink_");
        pages.push((
            format!("templates/data-sources/{short}.md.tmpl"),
            format!("docs/data-sources/{short}.md"),
            ds.schema(),
        ));
    }
    for r in provider.resources() {
        let short = r.type_name().trim_start_matches("privatelink_");
        pages.push((
            format!("templates/resources/{short}.md.tmpl"),
            format!("docs/resources/{short}.md"),
            r.schema(),
        ));
    }
    pages
}

/// The IAM policies page: no schema, only `{{iam_policy "<name>"}}`.
const IAM_POLICIES_PAGE: (&str, &str) = ("templates/iam-policies.md.tmpl", "docs/iam-policies.md");

/// Renders every page under `root`; returns (output path, text).
pub fn render_all(root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut rendered = pages()
        .into_iter()
        .map(|(template, output, schema)| {
            let text = read_template(root, &template)?;
            Ok((output, fill_template(&text, &schema, root)?))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let (template, output) = IAM_POLICIES_PAGE;
    rendered.push((output.to_string(), read_template(root, template)?));
    Ok(rendered)
}

/// A template with its IAM markers filled in: `{{iam_actions "<what>"}}`
/// (the actions of a resource or data source, as a list) and
/// `{{iam_policy "<account policy>"}}` (a policy document).
fn read_template(root: &Path, template: &str) -> Result<String, String> {
    let text =
        std::fs::read_to_string(root.join(template)).map_err(|e| format!("{template}: {e}"))?;
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(what) = marker(trimmed, "iam_actions") {
            let (groups, implied) = iam_actions_of(what)
                .ok_or_else(|| format!("{template}: no IAM actions for {what:?}"))?;
            out.push_str(&render_actions(groups, implied));
        } else if let Some(name) = marker(trimmed, "iam_policy") {
            let policy = permissions::ACCOUNT_POLICIES
                .iter()
                .find(|p| p.name == name)
                .ok_or_else(|| format!("{template}: no IAM policy {name:?}"))?;
            out.push_str(&render_policy(policy));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// `what` of a line `{{<name> "<what>"}}`.
fn marker<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    line.strip_prefix("{{")?
        .strip_prefix(name)?
        .trim_start()
        .strip_prefix('"')?
        .strip_suffix("\"}}")
}

/// The action groups (and implied permissions) a page documents.
fn iam_actions_of(what: &str) -> Option<(&'static [Actions], &'static [ImpliedPermission])> {
    Some(match what {
        "provider" => (permissions::PROVIDER, &[]),
        "privatelink_network" => (permissions::NETWORK_DATA_SOURCE, &[]),
        "privatelink_service" => (permissions::SERVICE, permissions::SERVICE_IMPLIED),
        "privatelink_consumer" => (
            permissions::CONSUMER,
            permissions::CONSUMER_ACCEPTANCE_IMPLIED,
        ),
        "acceptance_role" => (permissions::ACCEPTANCE_ROLE, &[]),
        "privatelink_connection_accepter" => (permissions::CONNECTION_ACCEPTER, &[]),
        _ => return None,
    })
}

fn render_actions(groups: &[Actions], implied: &[ImpliedPermission]) -> String {
    let mut out = String::new();
    for action in permissions::actions_of(groups) {
        let _ = writeln!(out, "- `{action}`");
    }
    for p in implied {
        let _ = writeln!(out, "- `{}` on {}: {}", p.action, p.resource, p.why);
    }
    out
}

fn render_policy(policy: &AccountPolicy) -> String {
    let json = serde_json::to_string_pretty(&policy.document()).expect("a JSON value");
    let mut out = format!("### {}\n\n", policy.title);
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", policy.name);
    let _ = writeln!(out, "```json\n{json}\n```");
    let implied: Vec<&ImpliedPermission> = policy.implied.iter().flat_map(|g| g.iter()).collect();
    if !implied.is_empty() {
        out.push_str("\nNarrow the statements after the first:\n\n");
        for (i, p) in implied.iter().enumerate() {
            let _ = writeln!(
                out,
                "- `Implied{}` (`{}`): on {}; {}.",
                i + 1,
                p.action,
                p.resource,
                p.why
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_are_current() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let update = std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1");
        let mut stale = Vec::new();
        for (path, text) in render_all(root).unwrap() {
            let file = root.join(&path);
            if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
                if update {
                    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                    std::fs::write(&file, text).unwrap();
                } else {
                    stale.push(path);
                }
            }
        }
        assert!(
            stale.is_empty(),
            "docs out of date: {stale:?}; run UPDATE_DOCS=1 cargo test -p terraform-provider-privatelink docs_are_current"
        );
    }
}
