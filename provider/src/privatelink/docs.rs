//! The registry documentation in `docs/`, generated from the schemas and
//! the templates in `templates/`. The test below fails when a schema
//! changed and the docs did not; regenerate with
//! `UPDATE_DOCS=1 cargo test -p terraform-provider-privatelink docs_are_current`.

use std::path::Path;

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

/// Renders every page under `root`; returns (output path, text).
pub fn render_all(root: &Path) -> Result<Vec<(String, String)>, String> {
    pages()
        .into_iter()
        .map(|(template, output, schema)| {
            let text = std::fs::read_to_string(root.join(&template))
                .map_err(|e| format!("{template}: {e}"))?;
            Ok((output, fill_template(&text, &schema, root)?))
        })
        .collect()
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
