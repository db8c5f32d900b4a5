//! Tags as the provider handles them: a sorted map, with the provider's
//! default tags merged under each resource's own.

use std::collections::BTreeMap;
use std::future::Future;

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

/// Makes tags `old` into `new` with a service's own calls: `remove` with
/// the keys to drop, when there are any, then `upsert` with the tags to add
/// or change, when there are any.
pub async fn apply_diff<E, R, U>(
    old: &Tags,
    new: &Tags,
    remove: impl FnOnce(Vec<String>) -> R,
    upsert: impl FnOnce(Tags) -> U,
) -> Result<(), E>
where
    R: Future<Output = Result<(), E>>,
    U: Future<Output = Result<(), E>>,
{
    let (to_upsert, to_remove) = diff(old, new);
    if !to_remove.is_empty() {
        remove(to_remove).await?;
    }
    if !to_upsert.is_empty() {
        upsert(to_upsert).await?;
    }
    Ok(())
}

/// Tags from an SDK's (key, value) pairs: a pair without a key is left
/// out, a missing value is empty.
pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>) -> Tags {
    pairs
        .into_iter()
        .filter_map(|(k, v)| Some((k?.to_string(), v.unwrap_or_default().to_string())))
        .collect()
}

/// Keys AWS manages itself (`aws:...`), never part of what we compare.
pub fn without_aws_managed(tags: Tags) -> Tags {
    tags.into_iter()
        .filter(|(k, _)| !k.starts_with("aws:"))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::RefCell;

    use super::*;

    /// Tags from literal pairs.
    pub(crate) fn t(pairs: &[(&str, &str)]) -> Tags {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn pairs_without_key_are_left_out() {
        let tags = from_pairs([(Some("a"), Some("1")), (None, Some("2")), (Some("b"), None)]);
        assert_eq!(tags, t(&[("a", "1"), ("b", "")]));
    }

    #[tokio::test]
    async fn apply_diff_removes_then_upserts_only_what_changed() {
        let calls = RefCell::new(Vec::new());
        let remove = |keys: Vec<String>| {
            calls.borrow_mut().push(format!("remove {keys:?}"));
            async { Ok::<(), ()>(()) }
        };
        let upsert = |tags: Tags| {
            calls.borrow_mut().push(format!("upsert {tags:?}"));
            async { Ok::<(), ()>(()) }
        };
        let old = t(&[("a", "1"), ("b", "2")]);
        apply_diff(&old, &old, remove, upsert).await.unwrap();
        assert!(calls.borrow().is_empty());
        apply_diff(&old, &t(&[("b", "3")]), remove, upsert)
            .await
            .unwrap();
        assert_eq!(
            *calls.borrow(),
            vec![
                r#"remove ["a"]"#.to_string(),
                r#"upsert {"b": "3"}"#.to_string()
            ]
        );
    }

    #[tokio::test]
    async fn apply_diff_stops_at_a_failed_removal() {
        let upserted = RefCell::new(false);
        let out = apply_diff(
            &t(&[("a", "1")]),
            &t(&[("b", "2")]),
            |_| async { Err("denied") },
            |_| {
                *upserted.borrow_mut() = true;
                async { Ok(()) }
            },
        )
        .await;
        assert_eq!(out, Err("denied"));
        assert!(!*upserted.borrow());
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
