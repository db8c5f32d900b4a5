//! Bringing an object's tags in line with the desired ones, through
//! whichever service's set-tags call the object needs.

use std::future::Future;

use crate::aws::tags::Tags;

/// The tags to replace, when the tags must change: what AWS reports
/// (`observed`, when read) if it differs from `desired`; otherwise, when
/// the tags in force before (`prior`) differ from `desired`, the observed
/// ones if read, else the prior ones. `None` when nothing is to change.
pub fn tags_to_replace<'a>(
    observed: Option<&'a Tags>,
    desired: &Tags,
    prior: Option<&'a Tags>,
) -> Option<&'a Tags> {
    let drifted = observed.is_some_and(|o| o != desired);
    let changed = prior.is_some_and(|p| p != desired);
    (drifted || changed).then(|| observed.or(prior)).flatten()
}

/// Calls `apply` with the tags to replace when the tags must change (see
/// [`tags_to_replace`]); `apply` sets them from those to `desired`.
pub async fn reconcile_tags<'a, E, Fut>(
    observed: Option<&'a Tags>,
    desired: &Tags,
    prior: Option<&'a Tags>,
    apply: impl FnOnce(&'a Tags) -> Fut,
) -> Result<(), E>
where
    Fut: Future<Output = Result<(), E>>,
{
    match tags_to_replace(observed, desired, prior) {
        Some(old) => apply(old).await,
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::aws::tags::tests::t;

    #[test]
    fn unchanged_tags_need_nothing() {
        let want = t(&[("Env", "dev")]);
        assert_eq!(tags_to_replace(Some(&want), &want, Some(&want)), None);
        assert_eq!(tags_to_replace(None, &want, Some(&want)), None);
        assert_eq!(tags_to_replace(None, &want, None), None);
        assert_eq!(tags_to_replace(Some(&want), &want, None), None);
    }

    #[test]
    fn changed_prior_tags_are_replaced() {
        let want = t(&[("Env", "prod")]);
        let prior = t(&[("Env", "dev")]);
        assert_eq!(tags_to_replace(None, &want, Some(&prior)), Some(&prior));
    }

    #[test]
    fn observed_tags_are_what_is_replaced() {
        let want = t(&[("Env", "prod")]);
        let prior = t(&[("Env", "dev")]);
        let drifted = t(&[("Env", "x")]);
        // Drift outside Terraform alone is enough.
        assert_eq!(
            tags_to_replace(Some(&drifted), &want, Some(&want)),
            Some(&drifted)
        );
        // A changed configuration replaces what AWS has, even when it
        // already matches.
        assert_eq!(
            tags_to_replace(Some(&want), &want, Some(&prior)),
            Some(&want)
        );
    }

    #[tokio::test]
    async fn apply_gets_the_old_tags_only_when_something_changes() {
        let want = t(&[("Env", "prod")]);
        let prior = t(&[("Env", "dev")]);
        let calls = RefCell::new(Vec::new());
        let record = |old: &Tags| {
            calls.borrow_mut().push(old.clone());
            async { Ok::<(), ()>(()) }
        };
        reconcile_tags(None, &want, Some(&want), record)
            .await
            .unwrap();
        assert!(calls.borrow().is_empty());
        reconcile_tags(None, &want, Some(&prior), record)
            .await
            .unwrap();
        assert_eq!(*calls.borrow(), vec![prior.clone()]);
    }

    #[tokio::test]
    async fn apply_errors_are_returned() {
        let want = t(&[("Env", "prod")]);
        let prior = t(&[("Env", "dev")]);
        let out = reconcile_tags(None, &want, Some(&prior), |_| async { Err("denied") }).await;
        assert_eq!(out, Err("denied"));
    }
}
