//! The context every operation runs in: Terraform's StopProvider request
//! (a cancellation shared by all in-flight operations) and an optional
//! deadline (a resource's `timeouts`).

use std::future::Future;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::diagnostics::Diagnostic;

/// Why an operation ended before finishing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Interrupted {
    #[error("the operation was cancelled: Terraform asked the provider to stop")]
    Stopped,
    #[error("the operation timed out")]
    TimedOut,
}

impl Interrupted {
    pub fn to_diagnostic(self, operation: &str) -> Diagnostic {
        match self {
            Interrupted::Stopped => Diagnostic::error(
                format!("{operation} cancelled"),
                "Terraform asked the provider to stop (for example after Ctrl-C) while this operation was running.",
            ),
            Interrupted::TimedOut => Diagnostic::error(
                format!("{operation} timed out"),
                "The operation did not finish within its timeout. Raise it in the resource's `timeouts` block if the infrastructure is just slow.",
            ),
        }
    }
}

/// Cancellation and deadline for one operation.
#[derive(Clone, Debug)]
pub struct Ctx {
    stop: CancellationToken,
    deadline: Option<Instant>,
}

impl Ctx {
    pub fn new(stop: CancellationToken) -> Self {
        Self {
            stop,
            deadline: None,
        }
    }

    /// A context that is never stopped, for tests and tools.
    pub fn background() -> Self {
        Self::new(CancellationToken::new())
    }

    /// The same context with a deadline `timeout` from now (the earlier
    /// deadline wins).
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        let deadline = Instant::now() + timeout;
        Self {
            stop: self.stop.clone(),
            deadline: Some(self.deadline.map_or(deadline, |d| d.min(deadline))),
        }
    }

    pub fn is_stopped(&self) -> bool {
        self.stop.is_cancelled()
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Time left before the deadline, if any.
    pub fn remaining(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// Checks, without waiting, whether the operation must end now.
    pub fn check(&self) -> Result<(), Interrupted> {
        if self.is_stopped() {
            return Err(Interrupted::Stopped);
        }
        if self.remaining() == Some(Duration::ZERO) {
            return Err(Interrupted::TimedOut);
        }
        Ok(())
    }

    /// Runs `fut` until it finishes, Terraform stops the provider, or the
    /// deadline passes.
    pub async fn run<F: Future>(&self, fut: F) -> Result<F::Output, Interrupted> {
        let deadline = async {
            match self.deadline {
                Some(d) => tokio::time::sleep_until(d.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            out = fut => Ok(out),
            _ = self.stop.cancelled() => Err(Interrupted::Stopped),
            _ = deadline => Err(Interrupted::TimedOut),
        }
    }

    /// Sleeps for `d`, ending early with an error when interrupted.
    pub async fn sleep(&self, d: Duration) -> Result<(), Interrupted> {
        self.run(tokio::time::sleep(d)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stop_interrupts_running_work() {
        let token = CancellationToken::new();
        let ctx = Ctx::new(token.clone());
        let t = tokio::spawn(async move { ctx.run(std::future::pending::<()>()).await });
        token.cancel();
        assert_eq!(t.await.unwrap(), Err(Interrupted::Stopped));
    }

    #[tokio::test]
    async fn deadline_interrupts_running_work() {
        let ctx = Ctx::background().with_timeout(Duration::from_millis(20));
        assert_eq!(
            ctx.run(std::future::pending::<()>()).await,
            Err(Interrupted::TimedOut)
        );
        assert_eq!(ctx.check(), Err(Interrupted::TimedOut));
    }
}
