//! The accepter against the in-memory AWS, on a paused clock.

use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::resource::PlanContext;
use tfplugin::value::Value;

use super::schema::schema;
use crate::aws::fake::FakeAws;

/// An account with a service that requires acceptance and one endpoint
/// waiting for it; returns the accepter's configuration.
fn setup() -> (FakeAws, Value) {
    let aws = FakeAws::new();
    let (service_id, endpoint_id) = aws.edit(|w| {
        let name = w.add_endpoint_service(true);
        let service_id = name.rsplit('.').next().unwrap().to_string();
        (
            service_id.clone(),
            w.connect_endpoint(&service_id, "222222222222"),
        )
    });
    let mut c = Value::null_object(&schema().value_type());
    c.set("endpoint_service_id", service_id.into());
    c.set("endpoint_id", endpoint_id.into());
    (aws, c)
}

fn connection_state(aws: &FakeAws, config: &Value) -> Option<String> {
    let world = aws.world();
    let service = &world.endpoint_services[config.get("endpoint_service_id").as_str().unwrap()];
    let endpoint = config.get("endpoint_id").as_str().unwrap();
    service
        .connections
        .iter()
        .find(|c| c.endpoint_id == endpoint)
        .map(|c| c.state.clone())
}

#[tokio::test(start_paused = true)]
async fn create_accepts_and_delete_rejects() {
    let (aws, c) = setup();
    let created = super::accept::accept(&Ctx::background(), &aws, &c).await;
    assert!(
        !created.diagnostics.has_errors(),
        "{:?}",
        created.diagnostics
    );
    assert_eq!(created.state.get("state").as_str(), Some("available"));
    assert_eq!(
        created.state.get("endpoint_owner").as_str(),
        Some("222222222222")
    );
    let id = format!(
        "{}_{}",
        c.get("endpoint_service_id").as_str().unwrap(),
        c.get("endpoint_id").as_str().unwrap()
    );
    assert_eq!(created.state.get("id").as_str(), Some(id.as_str()));
    assert_eq!(connection_state(&aws, &c).as_deref(), Some("available"));

    let read = super::read::read(&aws, &created.state).await;
    assert_eq!(read.state, created.state);

    assert!(
        !super::delete::delete(&aws, &created.state)
            .await
            .has_errors()
    );
    assert_eq!(connection_state(&aws, &c).as_deref(), Some("rejected"));
    // Rejected already: deleting again changes nothing.
    aws.clear_calls();
    assert!(
        !super::delete::delete(&aws, &created.state)
            .await
            .has_errors()
    );
    assert!(aws.writes().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_rejection_out_of_band_is_planned_and_accepted_again() {
    let (aws, c) = setup();
    let created = super::accept::accept(&Ctx::background(), &aws, &c).await;
    let (sid, eid) = (
        c.get("endpoint_service_id").as_str().unwrap().to_string(),
        c.get("endpoint_id").as_str().unwrap().to_string(),
    );
    aws.edit(|w| w.set_connection_state(&sid, &eid, "rejected"));
    let refreshed = super::read::read(&aws, &created.state).await;
    assert_eq!(refreshed.state.get("state").as_str(), Some("rejected"));
    let mut plan = PlanContext {
        config: c.clone(),
        prior: refreshed.state.clone(),
        planned: refreshed.state.clone(),
        prior_private: Vec::new(),
        planned_private: Vec::new(),
        requires_replace: Vec::new(),
        diagnostics: Diagnostics::new(),
    };
    super::plan::modify_plan(&mut plan);
    assert!(plan.planned.get("state").is_unknown());
    let updated =
        super::update::update(&Ctx::background(), &aws, &refreshed.state, &plan.planned).await;
    assert!(
        !updated.diagnostics.has_errors(),
        "{:?}",
        updated.diagnostics
    );
    assert_eq!(updated.state.get("state").as_str(), Some("available"));
}

#[tokio::test(start_paused = true)]
async fn an_endpoint_without_a_connection_is_named_after_a_short_wait() {
    let (aws, mut c) = setup();
    c.set("endpoint_id", "vpce-0123456789abcdef0".into());
    let started = tokio::time::Instant::now();
    let result = super::accept::accept(&Ctx::background(), &aws, &c).await;
    assert!(result.state.is_null());
    let text = format!("{:?}", result.diagnostics);
    assert!(
        text.contains("No such endpoint connection") && text.contains("vpce-0123456789abcdef0"),
        "{text}"
    );
    assert!(started.elapsed() <= std::time::Duration::from_secs(70));
    assert!(aws.writes().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_connection_gone_leaves_the_state() {
    let (aws, c) = setup();
    let created = super::accept::accept(&Ctx::background(), &aws, &c).await;
    let sid = c.get("endpoint_service_id").as_str().unwrap().to_string();
    aws.edit(|w| {
        w.endpoint_services
            .get_mut(&sid)
            .unwrap()
            .connections
            .clear()
    });
    let read = super::read::read(&aws, &created.state).await;
    assert_eq!(read.state, Value::Null);
}

/// The SDK retries a call whose answer was lost: a retried accept or
/// reject meets the connection it already changed, which AWS refuses as
/// `InvalidState`. That refusal, with the connection where the call wanted
/// it, is success.
#[tokio::test(start_paused = true)]
async fn an_accept_or_reject_retried_after_it_took_effect_succeeds() {
    use crate::aws::ec2::endpoint_connections::{
        accept_endpoint_connection, reject_endpoint_connection,
    };
    use crate::aws::ec2::{EndpointConnections, EndpointServices};
    let (aws, c) = setup();
    let service = c.get("endpoint_service_id").as_str().unwrap();
    let endpoint = c.get("endpoint_id").as_str().unwrap();
    accept_endpoint_connection(&aws, service, endpoint)
        .await
        .unwrap();
    let again = aws
        .accept_endpoint_connections(service, &[endpoint.to_string()])
        .await;
    assert!(
        again.is_err_and(|e| e.is_code(&["InvalidState"])),
        "AWS refuses a second accept"
    );
    accept_endpoint_connection(&aws, service, endpoint)
        .await
        .expect("a second accept is done");
    reject_endpoint_connection(&aws, service, endpoint)
        .await
        .unwrap();
    let again = aws
        .reject_endpoint_connections(service, &[endpoint.to_string()])
        .await;
    assert!(
        again.is_err_and(|e| e.is_code(&["InvalidState"])),
        "AWS refuses a second reject"
    );
    reject_endpoint_connection(&aws, service, endpoint)
        .await
        .expect("a second reject is done");
    assert_eq!(connection_state(&aws, &c).as_deref(), Some("rejected"));
}

/// A refusal that leaves the connection where it was is still an error.
#[tokio::test(start_paused = true)]
async fn an_accept_refused_for_another_reason_is_an_error() {
    use crate::aws::ec2::endpoint_connections::accept_endpoint_connection;
    let (aws, c) = setup();
    let service = c.get("endpoint_service_id").as_str().unwrap();
    let endpoint = c.get("endpoint_id").as_str().unwrap();
    aws.fail_nth("accept_endpoint_connections", 1, "InvalidState");
    let refused = accept_endpoint_connection(&aws, service, endpoint).await;
    assert!(refused.is_err_and(|e| e.is_code(&["InvalidState"])));
    assert_eq!(
        connection_state(&aws, &c).as_deref(),
        Some("pendingacceptance")
    );
}
