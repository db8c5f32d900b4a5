//! Tags as the provider handles them: a sorted map, with the provider's
//! default tags merged under each resource's own.

use std::collections::BTreeMap;

pub type Tags = BTreeMap<String, String>;

/// `default_tags` overlaid with the resource's `tags` (resource wins).
pub fn merged(defaults: &Tags, own: &Tags) -> Tags {
    let mut all = defaults.clone();
    all.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
    all
}

/// What to add or change, and which keys to remove, to go from `old` to `new`.
pub fn diff(old: &Tags, new: &Tags) -> (Tags, Vec<String>) {
    let upsert = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let remove = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    (upsert, remove)
}

/// Keys AWS manages itself (`aws:...`), never part of what we compare.
pub fn without_aws_managed(tags: Tags) -> Tags {
    tags.into_iter()
        .filter(|(k, _)| !k.starts_with("aws:"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(pairs: &[(&str, &str)]) -> Tags {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn resource_tags_win() {
        let m = merged(&t(&[("Env", "dev"), ("Team", "a")]), &t(&[("Team", "b")]));
        assert_eq!(m, t(&[("Env", "dev"), ("Team", "b")]));
    }

    #[test]
    fn diff_lists_changes_and_removals() {
        let (up, rm) = diff(
            &t(&[("a", "1"), ("b", "2")]),
            &t(&[("a", "1"), ("b", "3"), ("c", "4")]),
        );
        assert_eq!(up, t(&[("b", "3"), ("c", "4")]));
        assert!(rm.is_empty());
        let (up, rm) = diff(&t(&[("a", "1")]), &t(&[]));
        assert!(up.is_empty());
        assert_eq!(rm, vec!["a".to_string()]);
    }
}
