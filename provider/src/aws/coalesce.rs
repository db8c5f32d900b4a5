//! Reads of one kind that parallel resources ask for at the same moment,
//! made as one Describe call that takes several ids.
//!
//! Terraform refreshes up to `-parallelism` resources at once, and each one
//! looks up its load balancer, target group, listener and so on by id. A
//! `Coalescer` holds each lookup for a short window; the ids that arrive in
//! it (up to the API's limit per call, and per group where the API reads one
//! parent at a time, e.g. ECS services per cluster) go out as one call, and
//! every caller gets the answer for its own id, exactly what a call of its
//! own would have returned:
//!
//! - an id the answer does not contain is an object that does not exist;
//! - when the combined call fails and it carried several ids (one missing
//!   id fails the whole call for most AWS Describe actions), each caller
//!   makes its own call, so a missing object or a refused id affects only
//!   its caller;
//! - a call with one id is the caller's own call: its error is the caller's.
//!
//! While a call of one kind is in flight, new lookups of that kind wait for
//! it to return and then go out together: under steady load (Terraform
//! starting a new read whenever one ends) the calls grow with the load
//! instead of carrying one id each.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;

use super::errors::AwsError;
use super::outcome::Outcome;

/// How long a lookup waits for others of its kind before its call is made.
/// Small beside an AWS round trip (tens to hundreds of milliseconds).
pub const WINDOW: Duration = Duration::from_millis(5);

/// A Describe call for several ids of one group: the objects found, by id.
pub type Describe<V> = Arc<
    dyn Fn(
            String,
            Vec<String>,
        ) -> Pin<Box<dyn Future<Output = Result<Vec<(String, V)>, AwsError>> + Send>>
        + Send
        + Sync,
>;

/// A `Describe` from an async function of (group, ids).
pub fn describe<V, F, Fut>(call: F) -> Describe<V>
where
    F: Fn(String, Vec<String>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Vec<(String, V)>, AwsError>> + Send + 'static,
{
    Arc::new(move |group, ids| Box::pin(call(group, ids)))
}

/// For APIs that take a name or an ARN: each identifier asked for, with
/// the object of `objects` it names (by `names`: the object's ARN and name),
/// converted; identifiers naming nothing are left out (the object is gone).
pub fn answered_as_asked<T, V>(
    asked: Vec<String>,
    objects: &[T],
    names: impl Fn(&T) -> [Option<&str>; 2],
    convert: impl Fn(&T) -> V,
) -> Vec<(String, V)> {
    asked
        .into_iter()
        .filter_map(|id| {
            let object = objects
                .iter()
                .find(|o| names(o).contains(&Some(id.as_str())))?;
            Some((id, convert(object)))
        })
        .collect()
}

/// What a waiting lookup is told.
enum Answer<V> {
    /// The object (None: it does not exist).
    Found(Option<V>),
    /// The call failed for this lookup alone.
    Failed(AwsError),
    /// The combined call failed: make your own.
    AskAlone,
}

struct Waiting<V> {
    group: String,
    id: String,
    reply: oneshot::Sender<Answer<V>>,
}

struct Queue<V> {
    waiting: Vec<Waiting<V>>,
    /// A flush is scheduled for the current window.
    scheduled: bool,
    /// Calls of this kind made and not yet answered.
    in_flight: usize,
}

/// One call in flight; when it ends (or its task ends otherwise), the
/// lookups that queued meanwhile go out.
struct InFlight<V: Clone + Send + 'static> {
    coalescer: Arc<Coalescer<V>>,
    describe: Describe<V>,
}

impl<V: Clone + Send + 'static> Drop for InFlight<V> {
    fn drop(&mut self) {
        let flush_now = {
            let mut queue = self.coalescer.queue.lock().expect("coalescer queue");
            queue.in_flight -= 1;
            let due = queue.in_flight == 0 && !queue.waiting.is_empty() && !queue.scheduled;
            if due {
                queue.scheduled = true;
            }
            due
        };
        if flush_now {
            Arc::clone(&self.coalescer).flush(Arc::clone(&self.describe));
        }
    }
}

/// Coalesces lookups of one kind of object (see the module comment).
pub struct Coalescer<V> {
    queue: Mutex<Queue<V>>,
    /// The most ids one call may carry.
    limit: usize,
    /// The error codes that mean "no such object" for a call of one id.
    not_found: &'static [&'static str],
}

impl<V: Clone + Send + 'static> Coalescer<V> {
    /// A coalescer whose calls carry at most `limit` ids.
    pub fn new(limit: usize, not_found: &'static [&'static str]) -> Arc<Self> {
        Arc::new(Coalescer {
            queue: Mutex::new(Queue {
                waiting: Vec::new(),
                scheduled: false,
                in_flight: 0,
            }),
            limit: limit.max(1),
            not_found,
        })
    }

    /// The object `id` of `group` ("" where the API has no groups), read
    /// together with the lookups that arrive in the same window.
    pub async fn find(
        self: &Arc<Self>,
        group: &str,
        id: &str,
        describe: Describe<V>,
    ) -> Result<Option<V>, AwsError> {
        let (reply, answer) = oneshot::channel();
        let schedule = {
            let mut queue = self.queue.lock().expect("coalescer queue");
            queue.waiting.push(Waiting {
                group: group.to_string(),
                id: id.to_string(),
                reply,
            });
            // With a call of this kind in flight, its end sends this out.
            let due = !queue.scheduled && queue.in_flight == 0;
            if due {
                queue.scheduled = true;
            }
            due
        };
        if schedule {
            let this = Arc::clone(self);
            let describe = Arc::clone(&describe);
            tokio::spawn(async move {
                tokio::time::sleep(WINDOW).await;
                this.flush(describe);
            });
        }
        match answer.await {
            Ok(Answer::Found(found)) => Ok(found),
            Ok(Answer::Failed(e)) => Err(e),
            // The combined call failed, or its task ended unanswered.
            Ok(Answer::AskAlone) | Err(_) => self.alone(group, id, &describe).await,
        }
    }

    /// One call for one id, as the lookup would make without coalescing.
    async fn alone(
        &self,
        group: &str,
        id: &str,
        describe: &Describe<V>,
    ) -> Result<Option<V>, AwsError> {
        let found = describe(group.to_string(), vec![id.to_string()])
            .await
            .none_on(self.not_found)?;
        Ok(found.and_then(|objects| pick(objects, id)))
    }

    /// Sends every waiting lookup out, in calls of at most `limit` ids of
    /// one group each, run concurrently.
    fn flush(self: Arc<Self>, describe: Describe<V>) {
        let mut chunks = Vec::new();
        {
            let mut queue = self.queue.lock().expect("coalescer queue");
            queue.scheduled = false;
            let mut groups: BTreeMap<String, Vec<Waiting<V>>> = BTreeMap::new();
            for w in std::mem::take(&mut queue.waiting) {
                groups.entry(w.group.clone()).or_default().push(w);
            }
            for (group, mut lookups) in groups {
                while !lookups.is_empty() {
                    let rest = lookups.split_off(self.limit.min(lookups.len()));
                    chunks.push((group.clone(), std::mem::replace(&mut lookups, rest)));
                }
            }
            queue.in_flight += chunks.len();
        }
        for (group, chunk) in chunks {
            let in_flight = InFlight {
                coalescer: Arc::clone(&self),
                describe: Arc::clone(&describe),
            };
            tokio::spawn(async move {
                in_flight
                    .coalescer
                    .answer(&group, chunk, Arc::clone(&in_flight.describe))
                    .await;
                drop(in_flight);
            });
        }
    }

    /// Makes one call for `chunk` and answers each lookup in it.
    async fn answer(&self, group: &str, chunk: Vec<Waiting<V>>, describe: Describe<V>) {
        let mut ids: Vec<String> = chunk.iter().map(|w| w.id.clone()).collect();
        ids.sort();
        ids.dedup();
        let single = ids.len() == 1;
        match describe(group.to_string(), ids).await {
            Ok(objects) => {
                let found: BTreeMap<String, V> = objects.into_iter().collect();
                for w in chunk {
                    let _ = w.reply.send(Answer::Found(found.get(&w.id).cloned()));
                }
            }
            Err(e) if single && e.is_code(self.not_found) => {
                for w in chunk {
                    let _ = w.reply.send(Answer::Found(None));
                }
            }
            Err(e) if single && chunk.len() == 1 => {
                let w = chunk.into_iter().next().expect("one lookup");
                let _ = w.reply.send(Answer::Failed(e));
            }
            // Several ids (or one id asked for twice, whose callers cannot
            // share one error): each caller asks alone.
            Err(_) => {
                for w in chunk {
                    let _ = w.reply.send(Answer::AskAlone);
                }
            }
        }
    }
}

fn pick<V>(objects: Vec<(String, V)>, id: &str) -> Option<V> {
    objects
        .into_iter()
        .find(|(found, _)| found == id)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::AwsApi;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const NOT_FOUND: &[&str] = &["NotFound"];

    /// The (group, ids) of every call made.
    type CallLog = Arc<Mutex<Vec<(String, Vec<String>)>>>;

    fn error(code: &str) -> AwsError {
        AwsError::Api {
            service: AwsApi::Elbv2,
            code: code.into(),
            message: "refused".into(),
        }
    }

    /// A Describe over `existing` ids that records each call's ids; it fails
    /// with NotFound when any id is missing, as most AWS Describe actions do.
    fn describe(existing: &'static [&'static str], calls: CallLog) -> Describe<String> {
        Arc::new(move |group, ids| {
            let calls = Arc::clone(&calls);
            Box::pin(async move {
                calls.lock().unwrap().push((group.clone(), ids.clone()));
                if ids.iter().any(|id| !existing.contains(&id.as_str())) {
                    return Err(error("NotFound"));
                }
                Ok(ids
                    .into_iter()
                    .map(|id| (id.clone(), format!("{group}/{id}")))
                    .collect())
            })
        })
    }

    async fn find_all(
        coalescer: &Arc<Coalescer<String>>,
        lookups: &[(&str, &str)],
        describe: Describe<String>,
    ) -> Vec<Result<Option<String>, AwsError>> {
        let mut tasks = tokio::task::JoinSet::new();
        for (i, (group, id)) in lookups.iter().enumerate() {
            let (c, d) = (Arc::clone(coalescer), Arc::clone(&describe));
            let (group, id) = (group.to_string(), id.to_string());
            tasks.spawn(async move { (i, c.find(&group, &id, d).await) });
        }
        let mut results: Vec<_> = tasks.join_all().await;
        results.sort_by_key(|(i, _)| *i);
        results.into_iter().map(|(_, r)| r).collect()
    }

    #[tokio::test]
    async fn concurrent_lookups_share_one_call_per_group_within_the_limit() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let coalescer = Coalescer::new(2, NOT_FOUND);
        let lookups = [("c1", "a"), ("c1", "b"), ("c1", "c"), ("c2", "a")];
        let results = find_all(
            &coalescer,
            &lookups,
            describe(&["a", "b", "c"], calls.clone()),
        )
        .await;
        let values: Vec<_> = results.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(
            values,
            [Some("c1/a"), Some("c1/b"), Some("c1/c"), Some("c2/a")].map(|v| v.map(String::from))
        );
        let mut made = calls.lock().unwrap().clone();
        made.sort();
        assert_eq!(made.len(), 3, "{made:?}");
        assert!(made.iter().all(|(_, ids)| ids.len() <= 2), "{made:?}");
        assert_eq!(made.iter().filter(|(g, _)| g == "c2").count(), 1);
    }

    #[tokio::test]
    async fn a_missing_id_fails_only_its_own_lookup() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let coalescer = Coalescer::new(10, NOT_FOUND);
        let lookups = [("", "a"), ("", "gone"), ("", "b")];
        let results = find_all(&coalescer, &lookups, describe(&["a", "b"], calls.clone())).await;
        let values: Vec<_> = results.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(
            values,
            [Some("/a".to_string()), None, Some("/b".to_string())]
        );
        // One combined call refused, then one call per lookup.
        assert_eq!(calls.lock().unwrap().len(), 4);
    }

    #[tokio::test]
    async fn an_id_absent_from_a_successful_answer_does_not_exist() {
        let coalescer = Coalescer::new(10, NOT_FOUND);
        let describe: Describe<String> = Arc::new(|_, ids| {
            Box::pin(async move {
                Ok(ids
                    .into_iter()
                    .filter(|id| id != "gone")
                    .map(|id| (id.clone(), id))
                    .collect())
            })
        });
        let results = find_all(&coalescer, &[("", "a"), ("", "gone")], describe).await;
        let values: Vec<_> = results.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(values, [Some("a".to_string()), None]);
    }

    #[tokio::test]
    async fn an_error_of_a_lone_call_reaches_its_caller() {
        let coalescer = Coalescer::new(10, NOT_FOUND);
        let count = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&count);
        let describe: Describe<String> = Arc::new(move |_, _| {
            counted.fetch_add(1, Ordering::SeqCst);
            Box::pin(async { Err(error("AccessDenied")) })
        });
        let result = coalescer.find("", "a", describe).await;
        assert!(result.unwrap_err().is_code(&["AccessDenied"]));
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn lookups_arriving_while_a_call_is_in_flight_go_out_together_after_it() {
        let calls: CallLog = Arc::new(Mutex::new(Vec::new()));
        let coalescer = Coalescer::new(10, NOT_FOUND);
        let (release, released) = tokio::sync::watch::channel(false);
        let log = Arc::clone(&calls);
        let describe: Describe<String> = Arc::new(move |group, ids| {
            let (log, mut released) = (Arc::clone(&log), released.clone());
            Box::pin(async move {
                log.lock().unwrap().push((group, ids.clone()));
                // The first call is held until the test lets it go.
                let _ = released.wait_for(|go| *go).await;
                Ok(ids.into_iter().map(|id| (id.clone(), id)).collect())
            })
        });
        let first = {
            let (c, d) = (Arc::clone(&coalescer), Arc::clone(&describe));
            tokio::spawn(async move { c.find("", "a", d).await })
        };
        while calls.lock().unwrap().is_empty() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let later = {
            let (c, d) = (Arc::clone(&coalescer), Arc::clone(&describe));
            tokio::spawn(async move { find_all(&c, &[("", "b"), ("", "c")], d).await })
        };
        // Well past the window: b and c still wait for the call in flight.
        tokio::time::sleep(WINDOW * 4).await;
        assert_eq!(calls.lock().unwrap().len(), 1);
        release.send(true).unwrap();
        assert_eq!(first.await.unwrap().unwrap(), Some("a".into()));
        let values: Vec<_> = later
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(values, [Some("b".to_string()), Some("c".to_string())]);
        let made = calls.lock().unwrap().clone();
        assert_eq!(
            made,
            [
                ("".into(), vec!["a".into()]),
                ("".into(), vec!["b".into(), "c".into()])
            ]
        );
    }

    #[tokio::test]
    async fn lookups_after_a_window_make_a_new_call() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let coalescer = Coalescer::new(10, NOT_FOUND);
        let d = describe(&["a", "b"], calls.clone());
        assert_eq!(
            coalescer.find("", "a", Arc::clone(&d)).await.unwrap(),
            Some("/a".into())
        );
        assert_eq!(coalescer.find("", "b", d).await.unwrap(), Some("/b".into()));
        assert_eq!(calls.lock().unwrap().len(), 2);
    }
}
