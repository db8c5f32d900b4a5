//! The embedded AWS for tests: one server per test process, started on
//! first use, reset before every test.

use std::sync::{Mutex, MutexGuard, OnceLock};

use local_aws_client::LocalAws as Server;

use super::repo_root;

static SERVER: OnceLock<Server> = OnceLock::new();
static EXCLUSIVE: Mutex<()> = Mutex::new(());

/// Exclusive use of the (freshly reset) embedded AWS for one test.
pub struct AwsSession {
    pub url: String,
    server: &'static Server,
    _guard: MutexGuard<'static, ()>,
}

pub struct LocalAws;

impl LocalAws {
    /// Takes the embedded AWS for one test, wiped clean.
    pub fn session() -> AwsSession {
        let guard = EXCLUSIVE.lock().unwrap_or_else(|e| e.into_inner());
        let server = SERVER.get_or_init(|| Server::start(&repo_root(), &[]));
        server.reset();
        AwsSession {
            url: server.url.clone(),
            server,
            _guard: guard,
        }
    }
}

impl AwsSession {
    /// API calls counted at the endpoint since the last reset.
    pub fn calls(&self) -> local_aws_client::Calls {
        self.server.calls()
    }

    /// Forgets the API calls counted so far.
    pub fn reset_calls(&self) {
        self.server.reset_calls();
    }

    /// Wipes every account and region, as if everything was deleted.
    pub fn reset(&self) {
        self.server.reset();
    }

    /// Makes AWS calls fail, drop or slow down as `fault` says (see
    /// `local_aws_client::Fault`); the next session starts without it.
    pub fn inject(&self, fault: &local_aws_client::Fault) -> u64 {
        self.server.inject(fault)
    }

    /// The injected faults, with how often each matched and fired.
    pub fn faults(&self) -> Vec<local_aws_client::FaultStatus> {
        self.server.faults()
    }
}
