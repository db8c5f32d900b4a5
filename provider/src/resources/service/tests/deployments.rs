//! Deployments: the circuit breaker is on with rollback by default, and a
//! deployment it stops fails `wait_for_steady_state` with ECS's reason
//! instead of waiting out the timeout.

use super::*;
use crate::aws::ecs::CircuitBreaker;
use crate::aws::fake::{CIRCUIT_BREAKER_REASON, FakeAws};
use std::time::Duration;

const BAD_IMAGE: &str = "registry.example.com/broken:1";

fn waiting(mut c: Value) -> Value {
    c.set("wait_for_steady_state", true.into());
    c
}

fn with_image(mut c: Value, image: &str) -> Value {
    let mut container = c.get("container").clone();
    container.set("image", image.into());
    c.set("container", container);
    c
}

fn breaker(aws: &FakeAws, state: &StateResult) -> Option<CircuitBreaker> {
    let arn = state.state.get("ecs_service_arn").as_str().unwrap();
    aws.world().services[arn].service.circuit_breaker
}

#[tokio::test(start_paused = true)]
async fn the_circuit_breaker_is_on_with_rollback_by_default() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    assert_eq!(
        breaker(&aws, &created),
        Some(CircuitBreaker {
            enable: true,
            rollback: true
        })
    );
    let b = created.state.get("deployment_circuit_breaker");
    assert_eq!(b.get("enable"), &Value::from(true));
    assert_eq!(b.get("rollback"), &Value::from(true));
}

#[tokio::test(start_paused = true)]
async fn a_failed_deployment_is_reported_with_ecs_reason_and_rolled_back() {
    let aws = FakeAws::new();
    let created = create(&aws, &waiting(config())).await;
    assert_ok(&created);
    let good_revision = created.state.get("task_definition_arn").clone();
    aws.edit(|w| w.failing_images.insert(BAD_IMAGE.into()));

    let started = tokio::time::Instant::now();
    let failed = update(&aws, &created, &with_image(waiting(config()), BAD_IMAGE)).await;
    let text = format!("{:?}", failed.diagnostics);
    assert!(failed.diagnostics.has_errors());
    assert!(text.contains(CIRCUIT_BREAKER_REASON), "{text}");
    assert!(
        started.elapsed() < Duration::from_secs(5 * 60),
        "reported when ECS stopped the deployment, not at the timeout"
    );
    // The service runs the good revision again, and a refresh says so:
    // the next plan shows the image change still to make.
    let refreshed = read(&aws, &failed).await;
    assert_ok(&refreshed);
    assert_eq!(refreshed.state.get("task_definition_arn"), &good_revision);
}

#[tokio::test(start_paused = true)]
async fn a_circuit_breaker_turned_off_outside_terraform_is_turned_on_again() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    let arn = created
        .state
        .get("ecs_service_arn")
        .as_str()
        .unwrap()
        .to_string();
    aws.edit(|w| {
        w.services.get_mut(&arn).unwrap().service.circuit_breaker = Some(CircuitBreaker {
            enable: false,
            rollback: false,
        })
    });
    let refreshed = read(&aws, &created).await;
    assert_eq!(
        refreshed
            .state
            .get("deployment_circuit_breaker")
            .get("enable"),
        &Value::from(false)
    );
    let repaired = update(&aws, &refreshed, &config()).await;
    assert_ok(&repaired);
    assert_eq!(
        breaker(&aws, &repaired),
        Some(CircuitBreaker {
            enable: true,
            rollback: true
        })
    );
}
