//! A fault for the embedded AWS to inject into AWS calls (see
//! `harness/local_aws/faults.py` for the rules): an AWS error answer, an
//! answer lost after the call took effect, or a slow answer.

use std::time::Duration;

use serde_json::{Map, Value, json};

/// One fault: which calls it hits, when, and what the caller sees.
/// Built from [`Fault::error`], [`Fault::drop`] or [`Fault::latency`];
/// by default it hits the next matching call only (`nth(1)`).
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    actions: Actions,
    service: Option<String>,
    account: Option<String>,
    when: When,
    times: Option<u32>,
    kind: Kind,
}

/// The actions a fault matches.
#[derive(Debug, Clone, PartialEq)]
enum Actions {
    Exact(String),
    Pattern(String),
}

/// Which of the matching calls a fault hits.
#[derive(Debug, Clone, PartialEq)]
enum When {
    Nth(u32),
    Every,
    Probability { probability: f64, seed: u64 },
}

/// What the caller of a hit call sees.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Error {
        code: String,
        message: String,
        status: u16,
    },
    Drop,
    Latency(Duration),
}

impl Fault {
    fn new(action: &str, kind: Kind) -> Fault {
        Fault {
            actions: Actions::Exact(action.to_string()),
            service: None,
            account: None,
            when: When::Nth(1),
            times: None,
            kind,
        }
    }

    /// AWS answers `action` with the error `code` and `message` (HTTP 400
    /// unless [`Fault::status`] says otherwise) in the shape of the
    /// service's protocol; the call never takes effect.
    pub fn error(action: &str, code: &str, message: &str) -> Fault {
        Fault::new(
            action,
            Kind::Error {
                code: code.to_string(),
                message: message.to_string(),
                status: 400,
            },
        )
    }

    /// The call to `action` takes effect, then the connection closes
    /// without an answer: the client sees a retryable connection error.
    pub fn drop(action: &str) -> Fault {
        Fault::new(action, Kind::Drop)
    }

    /// The call to `action` waits `delay` before it is handled (other calls
    /// go on meanwhile).
    pub fn latency(action: &str, delay: Duration) -> Fault {
        Fault::new(action, Kind::Latency(delay))
    }

    /// Matches every action the regular expression `pattern` matches whole
    /// (`"Create.*"`), instead of the one action named.
    pub fn pattern(mut self, pattern: &str) -> Fault {
        self.actions = Actions::Pattern(pattern.to_string());
        self
    }

    /// Only calls signed for `service` (`ec2`, `ecs`,
    /// `elasticloadbalancing`, `sts`, `logs`, `iam`).
    pub fn service(mut self, service: &str) -> Fault {
        self.service = Some(service.to_string());
        self
    }

    /// Only calls the embedded AWS serves for `account`.
    pub fn account(mut self, account: &str) -> Fault {
        self.account = Some(account.to_string());
        self
    }

    /// Hits the `n`th matching call from now (1-based), once.
    pub fn nth(mut self, n: u32) -> Fault {
        assert!(n >= 1, "nth counts from 1");
        self.when = When::Nth(n);
        self
    }

    /// Hits every matching call (see [`Fault::times`]).
    pub fn every(mut self) -> Fault {
        self.when = When::Every;
        self
    }

    /// Hits each matching call with `probability`, drawn from a generator
    /// seeded with `seed`, so a run repeats.
    pub fn probability(mut self, probability: f64, seed: u64) -> Fault {
        assert!(
            (0.0..=1.0).contains(&probability),
            "a probability is from 0 to 1"
        );
        self.when = When::Probability { probability, seed };
        self
    }

    /// Hits at most `n` calls (with [`Fault::every`] or
    /// [`Fault::probability`]).
    pub fn times(mut self, n: u32) -> Fault {
        assert!(n >= 1, "times is at least 1");
        self.times = Some(n);
        self
    }

    /// The HTTP status of an error fault (400 to 599): 500 or 503 make
    /// the error retryable whatever its code.
    pub fn status(mut self, status: u16) -> Fault {
        assert!((400..=599).contains(&status), "an error status is 400-599");
        match &mut self.kind {
            Kind::Error { status: s, .. } => *s = status,
            _ => panic!("a status belongs to an error fault"),
        }
        self
    }

    /// The JSON the embedded AWS takes at `POST /_harness/faults`.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        match &self.actions {
            Actions::Exact(action) => out.insert("action".into(), json!(action)),
            Actions::Pattern(pattern) => out.insert("pattern".into(), json!(pattern)),
        };
        if let Some(service) = &self.service {
            out.insert("service".into(), json!(service));
        }
        if let Some(account) = &self.account {
            out.insert("account".into(), json!(account));
        }
        match self.when {
            When::Nth(n) => out.insert("nth".into(), json!(n)),
            When::Every => out.insert("every".into(), json!(true)),
            When::Probability { probability, seed } => {
                out.insert("seed".into(), json!(seed));
                out.insert("probability".into(), json!(probability))
            }
        };
        if let Some(times) = self.times {
            out.insert("times".into(), json!(times));
        }
        match &self.kind {
            Kind::Error {
                code,
                message,
                status,
            } => {
                out.insert("kind".into(), json!("error"));
                out.insert("code".into(), json!(code));
                out.insert("message".into(), json!(message));
                out.insert("status".into(), json!(status));
            }
            Kind::Drop => {
                out.insert("kind".into(), json!("drop"));
            }
            Kind::Latency(delay) => {
                out.insert("kind".into(), json!("latency"));
                out.insert("seconds".into(), json!(delay.as_secs_f64()));
            }
        }
        Value::Object(out)
    }
}

/// A fault in force, as the embedded AWS lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultStatus {
    /// The id [`crate::LocalAws::inject`] returned.
    pub id: u64,
    /// Calls it matched since it was added.
    pub matched: u64,
    /// Calls it hit.
    pub fired: u64,
    /// The listing entry as the server sent it (the fault's JSON with id,
    /// matched and fired).
    pub listing: Value,
}

impl FaultStatus {
    /// Reads one entry of `GET /_harness/faults`.
    pub fn from_listing(listing: &Value) -> FaultStatus {
        let count = |key: &str| listing[key].as_u64().unwrap_or(0);
        FaultStatus {
            id: count("id"),
            matched: count("matched"),
            fired: count("fired"),
            listing: listing.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_hits_the_next_call_with_http_400() {
        let fault = Fault::error(
            "CreateService",
            "ClusterNotFoundException",
            "Cluster not found.",
        );
        assert_eq!(
            fault.to_json(),
            json!({"action": "CreateService", "nth": 1, "kind": "error",
                   "code": "ClusterNotFoundException", "message": "Cluster not found.",
                   "status": 400})
        );
    }

    #[test]
    fn every_option_is_sent() {
        let fault = Fault::error("ignored", "Throttling", "Rate exceeded")
            .pattern("Create.*")
            .service("ecs")
            .account("111111111111")
            .every()
            .times(3)
            .status(503);
        assert_eq!(
            fault.to_json(),
            json!({"pattern": "Create.*", "service": "ecs", "account": "111111111111",
                   "every": true, "times": 3, "kind": "error", "code": "Throttling",
                   "message": "Rate exceeded", "status": 503})
        );
    }

    #[test]
    fn a_drop_of_the_second_call() {
        assert_eq!(
            Fault::drop("CreateSecurityGroup").nth(2).to_json(),
            json!({"action": "CreateSecurityGroup", "nth": 2, "kind": "drop"})
        );
    }

    #[test]
    fn latency_in_seconds_with_a_seeded_probability() {
        let fault =
            Fault::latency("CreateLoadBalancer", Duration::from_millis(1500)).probability(0.25, 7);
        assert_eq!(
            fault.to_json(),
            json!({"action": "CreateLoadBalancer", "probability": 0.25, "seed": 7,
                   "kind": "latency", "seconds": 1.5})
        );
    }

    #[test]
    #[should_panic(expected = "a status belongs to an error fault")]
    fn a_status_needs_an_error() {
        let _ = Fault::drop("CreateService").status(500);
    }

    #[test]
    fn a_listing_entry_is_read() {
        let listing = json!({"action": "CreateService", "kind": "drop", "nth": 1,
                             "id": 4, "matched": 2, "fired": 1});
        let status = FaultStatus::from_listing(&listing);
        assert_eq!((status.id, status.matched, status.fired), (4, 2, 1));
        assert_eq!(status.listing, listing);
    }
}
