//! The embedded AWS for tests: one server per test process, started on
//! first use, reset before every test.

use std::collections::{BTreeMap, BTreeSet};
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

/// The actions of a published IAM policy, by name.
fn policy_actions(name: &str) -> BTreeSet<&'static str> {
    privatelink_provider::aws::permissions::ACCOUNT_POLICIES
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no IAM policy {name}"))
        .all_actions()
}

/// Every test checks, when it ends, that the provider called nothing that
/// the published IAM policies leave out.
impl Drop for AwsSession {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let granted: BTreeSet<&str> = privatelink_provider::aws::permissions::ACCOUNT_POLICIES
            .iter()
            .flat_map(|p| p.all_actions())
            .collect();
        for (account, called) in self.provider_actions() {
            let missing = not_granted(&called, &granted);
            assert!(
                missing.is_empty(),
                "the provider called {missing:?} in {account}, which no published IAM policy grants (provider/src/aws/permissions.rs)"
            );
        }
    }
}

/// Whether an API action changes something: anything but Describe, List
/// and Get.
pub fn is_mutating(action: &str) -> bool {
    !["Describe", "List", "Get"]
        .iter()
        .any(|p| action.starts_with(p))
}

/// The actions of `called` that `granted` leaves out.
fn not_granted<'a>(called: &'a BTreeSet<String>, granted: &BTreeSet<&str>) -> Vec<&'a String> {
    called
        .iter()
        .filter(|a| !granted.contains(a.as_str()))
        .collect()
}

impl AwsSession {
    /// API calls counted at the endpoint since the last reset.
    pub fn calls(&self) -> local_aws_client::Calls {
        self.server.calls()
    }

    /// The IAM actions (`service:Action`) this provider called since the
    /// last reset, per account.
    pub fn provider_actions(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut by_account: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for c in self.server.calls_by_caller() {
            if c.agent == "privatelink" {
                by_account
                    .entry(c.account)
                    .or_default()
                    .insert(format!("{}:{}", c.service, c.action));
            }
        }
        by_account
    }

    /// Asserts that the provider's calls in `account` since the last reset
    /// are all granted by the published IAM policy `policy` (see
    /// docs/iam-policies.md), and that there were some.
    pub fn assert_calls_within_policy(&self, account: &str, policy: &str) {
        let granted = policy_actions(policy);
        let called = self.provider_actions().remove(account).unwrap_or_default();
        assert!(
            !called.is_empty(),
            "no call of the provider in {account} (is its app name still in the User-Agent?)"
        );
        let missing = not_granted(&called, &granted);
        assert!(
            missing.is_empty(),
            "the provider called {missing:?} in {account}, which the {policy} policy does not grant"
        );
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

    /// Removes every injected fault.
    pub fn clear_faults(&self) {
        self.server.clear_faults();
    }

    /// The provider's calls since the last reset, per account and action.
    pub fn provider_calls(&self) -> Vec<local_aws_client::CallerCalls> {
        self.server
            .calls_by_caller()
            .into_iter()
            .filter(|c| c.agent == "privatelink")
            .collect()
    }

    /// The injected faults, with how often each matched and fired.
    pub fn faults(&self) -> Vec<local_aws_client::FaultStatus> {
        self.server.faults()
    }
}
