//! Waiting for AWS objects to reach a state: poll fast first, then back
//! off, never longer than the operation's deadline, and stop at once when
//! Terraform stops the provider. No fixed sleeps.

use std::future::Future;
use std::time::Duration;

use super::errors::AwsError;
use tfplugin::context::{Ctx, Interrupted};
use tfplugin::diagnostics::Diagnostic;

/// One observation of the object being waited for.
pub enum Poll<T> {
    /// The wait is over.
    Ready(T),
    /// Not yet; the current state, for messages.
    Pending(String),
    /// The object reached a state it never leaves for the one wanted.
    Failed(String),
}

/// Why a wait ended without the wanted state.
#[derive(Debug)]
pub enum WaitError {
    Aws(AwsError),
    /// Interrupted (stop or timeout) while the object was in `last_state`.
    Interrupted {
        reason: Interrupted,
        last_state: String,
    },
    Failed(String),
}

impl WaitError {
    pub fn to_diagnostic(&self, what: &str) -> Diagnostic {
        match self {
            WaitError::Aws(e) => e.to_diagnostic(&format!("waiting for {what}")),
            WaitError::Interrupted {
                reason: Interrupted::TimedOut,
                last_state,
            } => Diagnostic::error(
                format!("Timed out waiting for {what}"),
                format!(
                    "It was still {last_state} when the timeout ran out. Raise the timeout in the resource's `timeouts` block if AWS is just slow; the next apply continues where this one stopped."
                ),
            ),
            WaitError::Interrupted {
                reason: Interrupted::Stopped,
                last_state,
            } => Diagnostic::error(
                format!("Stopped while waiting for {what}"),
                format!("Terraform asked the provider to stop; it was {last_state}."),
            ),
            WaitError::Failed(state) => Diagnostic::error(
                format!("{what} failed"),
                format!("It reached state {state}."),
            ),
        }
    }
}

impl From<AwsError> for WaitError {
    fn from(e: AwsError) -> Self {
        WaitError::Aws(e)
    }
}

/// Polling intervals: 100 ms, growing by half each time, at most `max`.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub initial: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(10),
        }
    }
}

impl Backoff {
    fn next(&self, current: Duration) -> Duration {
        (current + current / 2).min(self.max)
    }
}

/// Polls `observe` until it is ready, failed, the context ends or an AWS
/// error occurs.
pub async fn wait_for<T, F, Fut>(
    ctx: &Ctx,
    backoff: Backoff,
    mut observe: F,
) -> Result<T, WaitError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Poll<T>, AwsError>>,
{
    let mut delay = backoff.initial;
    let mut last_state = String::from("not yet observed");
    let mut last_error: Option<String> = None;
    let seen = |state: &str, error: &Option<String>| match error {
        Some(e) => format!("{state} (last poll: {e})"),
        None => state.to_string(),
    };
    loop {
        let observed = ctx
            .run(observe())
            .await
            .map_err(|reason| WaitError::Interrupted {
                reason,
                last_state: seen(&last_state, &last_error),
            })?;
        match observed {
            Ok(Poll::Ready(v)) => return Ok(v),
            Ok(Poll::Failed(state)) => return Err(WaitError::Failed(state)),
            Ok(Poll::Pending(state)) => {
                last_state = state;
                last_error = None;
            }
            // Throttling that outlasted the SDK's retries: keep polling
            // (more slowly) until the deadline, rather than fail the wait.
            Err(e) if e.is_throttling() => {
                tracing::debug!(error = %e, "polling again after throttling");
                last_error = Some(e.to_string());
                delay = backoff.next(delay);
            }
            Err(e) => return Err(WaitError::Aws(e)),
        }
        ctx.sleep(delay)
            .await
            .map_err(|reason| WaitError::Interrupted {
                reason,
                last_state: seen(&last_state, &last_error),
            })?;
        delay = backoff.next(delay);
    }
}

/// Calls `op` until it succeeds or fails with an error `retryable` does not
/// accept (AWS eventual consistency: a role not yet usable by ECS, a
/// target group not yet attached to its load balancer...), backing off
/// between attempts, within the context's deadline.
///
/// `op` changes AWS, so an attempt once started is never abandoned: a stop
/// or the deadline is honoured before an attempt and while backing off,
/// and an attempt in flight runs to its end, so its result (an object that
/// now exists) always reaches the caller.
pub async fn retry_while<T, F, Fut>(
    ctx: &Ctx,
    retryable: impl Fn(&AwsError) -> bool,
    mut op: F,
) -> Result<T, WaitError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, AwsError>>,
{
    let backoff = Backoff {
        initial: Duration::from_millis(200),
        max: Duration::from_secs(5),
    };
    let mut delay = backoff.initial;
    loop {
        if let Err(reason) = ctx.check() {
            return Err(WaitError::Interrupted {
                reason,
                last_state: "not started".into(),
            });
        }
        let last = match op().await {
            Ok(v) => return Ok(v),
            Err(e) if retryable(&e) => e,
            Err(e) => return Err(WaitError::Aws(e)),
        };
        tracing::debug!(error = %last, "retrying after an eventual-consistency error");
        if let Err(reason) = ctx.sleep(delay).await {
            return Err(match reason {
                // Report the AWS error that kept us retrying: it says why.
                Interrupted::TimedOut => WaitError::Aws(last),
                Interrupted::Stopped => WaitError::Interrupted {
                    reason,
                    last_state: last.to_string(),
                },
            });
        }
        delay = backoff.next(delay);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn polls_until_ready_with_growing_delays() {
        let n = AtomicUsize::new(0);
        let started = std::time::Instant::now();
        let v = wait_for(&Ctx::background(), Backoff::default(), || async {
            let i = n.fetch_add(1, Ordering::SeqCst);
            Ok(if i < 3 {
                Poll::Pending(format!("provisioning {i}"))
            } else {
                Poll::Ready(i)
            })
        })
        .await
        .unwrap();
        assert_eq!(v, 3);
        // 100 + 150 + 225 ms of polling delays.
        assert!(started.elapsed() >= Duration::from_millis(475));
    }

    #[tokio::test(start_paused = true)]
    async fn throttling_while_polling_is_polled_through() {
        let n = AtomicUsize::new(0);
        let v = wait_for(&Ctx::background(), Backoff::default(), || async {
            let i = n.fetch_add(1, Ordering::SeqCst);
            match i {
                0 => Ok(Poll::Pending("provisioning".into())),
                1 | 2 => Err(AwsError::Api {
                    service: super::super::AwsApi::Elbv2,
                    code: "Throttling".into(),
                    message: "Rate exceeded".into(),
                }),
                _ => Ok(Poll::Ready(i)),
            }
        })
        .await
        .unwrap();
        assert_eq!(v, 3);
    }

    #[tokio::test]
    async fn other_errors_end_the_wait() {
        let e = wait_for(&Ctx::background(), Backoff::default(), || async {
            Err::<Poll<()>, _>(AwsError::Api {
                service: super::super::AwsApi::Elbv2,
                code: "AccessDenied".into(),
                message: String::new(),
            })
        })
        .await
        .unwrap_err();
        assert!(matches!(e, WaitError::Aws(_)));
    }

    #[tokio::test]
    async fn a_deadline_reports_the_last_state() {
        let ctx = Ctx::background().with_timeout(Duration::from_millis(250));
        let e = wait_for(&ctx, Backoff::default(), || async {
            Ok(Poll::<()>::Pending("provisioning".into()))
        })
        .await
        .unwrap_err();
        let d = e.to_diagnostic("the load balancer");
        assert_eq!(d.summary, "Timed out waiting for the load balancer");
        assert!(d.detail.contains("still provisioning"));
    }

    #[tokio::test]
    async fn retries_only_retryable_errors() {
        let n = AtomicUsize::new(0);
        let api = |code: &str| AwsError::Api {
            service: super::super::AwsApi::Ecs,
            code: code.into(),
            message: String::new(),
        };
        let r = retry_while(
            &Ctx::background(),
            |e| e.is_code(&["Transient"]),
            || {
                let i = n.fetch_add(1, Ordering::SeqCst);
                let err = api(if i < 2 { "Transient" } else { "Fatal" });
                async move { Err::<(), _>(err) }
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(r, WaitError::Aws(AwsError::Api { ref code, .. }) if code == "Fatal"));
        assert_eq!(n.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_stop_lets_the_call_in_flight_finish_and_returns_its_result() {
        let token = tokio_util::sync::CancellationToken::new();
        let ctx = Ctx::new(token.clone());
        let stopper = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            token.cancel();
        });
        let made = retry_while(
            &ctx,
            |_| true,
            || async {
                tokio::time::sleep(Duration::from_millis(150)).await;
                Ok::<_, AwsError>("svc-1")
            },
        )
        .await
        .unwrap();
        stopper.await.unwrap();
        assert_eq!(made, "svc-1");
    }

    #[tokio::test]
    async fn a_stop_before_an_attempt_makes_no_call() {
        let token = tokio_util::sync::CancellationToken::new();
        token.cancel();
        let n = AtomicUsize::new(0);
        let r = retry_while(
            &Ctx::new(token),
            |_| true,
            || {
                n.fetch_add(1, Ordering::SeqCst);
                async { Ok::<_, AwsError>(()) }
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(
            r,
            WaitError::Interrupted {
                reason: Interrupted::Stopped,
                ..
            }
        ));
        assert_eq!(n.load(Ordering::SeqCst), 0);
    }
}
