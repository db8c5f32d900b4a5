//! States written by a released provider keep working. The fixture is the
//! state of a service as release 0.1.0 writes it (made on the fake AWS,
//! whose ids are deterministic), frozen: it is never regenerated. A later
//! schema that renames or retypes an attribute must bump the schema
//! version and upgrade it, or this test fails.

use super::*;
use crate::aws::fake::FakeAws;
use tfplugin::value::to_json;

const RELEASE_0_1_0: &str = include_str!("fixtures/service-state-0.1.0.json");

#[tokio::test(start_paused = true)]
async fn a_state_written_by_release_0_1_0_reads_and_plans_no_change() {
    let aws = FakeAws::new();
    // The same objects exist as when the fixture was written.
    let created = create(&aws, &config()).await;
    assert_ok(&created);

    let stored: serde_json::Value = serde_json::from_str(RELEASE_0_1_0).unwrap();
    let upgraded = schema()
        .decode_stored_state(stored)
        .expect("the stored state decodes with today's schema");
    let prior = StateResult::ok(upgraded, created.private.clone());
    let refreshed = read(&aws, &prior).await;
    assert_ok(&refreshed);
    let planned = plan(&aws, &refreshed.state, &config()).await;
    assert!(
        !planned.diagnostics.has_errors(),
        "{:?}",
        planned.diagnostics
    );
    assert_eq!(planned.planned, refreshed.state, "no change planned");
    aws.clear_calls();
    let applied = update(&aws, &refreshed, &config()).await;
    assert_ok(&applied);
    assert_eq!(aws.writes(), vec![]);
}

#[tokio::test(start_paused = true)]
async fn the_fixture_is_what_release_0_1_0_writes() {
    // Guards the fixture itself: it was written from this flow.
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    let written = to_json(&created.state).unwrap();
    let stored: serde_json::Value = serde_json::from_str(RELEASE_0_1_0).unwrap();
    for (key, value) in stored.as_object().unwrap() {
        assert_eq!(written.get(key), Some(value), "{key}");
    }
}
