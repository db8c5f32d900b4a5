//! Refreshing shows changes made outside Terraform, and the next apply
//! repairs them (what provider/tests/acceptance/service_resource/drift.rs
//! promises).

use super::*;
use crate::aws::fake::{FakeAws, World};

async fn created(aws: &FakeAws) -> StateResult {
    let r = create(aws, &config()).await;
    assert_ok(&r);
    r
}

fn attr(r: &StateResult, name: &str) -> String {
    r.state.get(name).as_str().unwrap().to_string()
}

#[test]
fn each_object_deleted_out_of_band_shows_and_is_recreated() {
    type Remove = fn(&mut World, &str);
    let cases: &[(&str, Remove)] = &[
        ("listener_arn", |w, id| {
            w.listeners.remove(id);
        }),
        ("target_group_arn", |w, id| {
            w.target_groups.remove(id);
        }),
        ("ecs_service_arn", |w, id| {
            w.services.remove(id);
        }),
        ("task_definition_arn", |w, id| {
            w.task_definitions.remove(id);
        }),
        ("security_group_id", |w, id| {
            w.security_groups.remove(id);
        }),
        ("log_group_name", |w, id| {
            w.log_groups.remove(id);
        }),
        ("id", |w, id| w.delete_endpoint_service(id)),
    ];
    for (attribute, remove) in cases {
        on_paused_clock(async {
            let aws = FakeAws::new();
            let state = created(&aws).await;
            let gone = attr(&state, attribute);
            aws.edit(|w| remove(w, &gone));

            let refreshed = read(&aws, &state).await;
            assert_ok(&refreshed);
            assert!(
                refreshed.state.get(attribute).is_null(),
                "{attribute} must show as gone"
            );
            if *attribute != "log_group_name" {
                let planned = plan(&aws, &refreshed.state, &config()).await.planned;
                assert!(
                    planned.get(attribute).is_unknown(),
                    "{attribute}: known after apply"
                );
            }

            let repaired = update(&aws, &refreshed, &config()).await;
            assert_ok(&repaired);
            assert_complete(&repaired);
            if !["ecs_service_arn", "log_group_name"].contains(attribute) {
                assert_ne!(
                    attr(&repaired, attribute),
                    gone,
                    "{attribute}: a new object"
                );
            }
            assert_state_names_what_exists(&aws, &repaired);
        });
    }
}

#[tokio::test(start_paused = true)]
async fn a_service_whose_objects_are_all_gone_is_gone() {
    let aws = FakeAws::new();
    let state = created(&aws).await;
    aws.edit(|w| *w = World::seeded());
    let refreshed = read(&aws, &state).await;
    assert_ok(&refreshed);
    assert!(refreshed.state.is_null());
}

#[tokio::test(start_paused = true)]
async fn changed_settings_show_and_are_repaired() {
    let aws = FakeAws::new();
    let state = created(&aws).await;
    let service = attr(&state, "ecs_service_arn");
    let eps = attr(&state, "id");
    let tg = attr(&state, "target_group_arn");
    let nlb = attr(&state, "nlb_arn");
    aws.edit(|w| {
        w.services.get_mut(&service).unwrap().service.desired_count = 5;
        let e = w.endpoint_services.get_mut(&eps).unwrap();
        e.principals.remove(PRINCIPAL);
        e.service.acceptance_required = false;
        e.service.tags.insert("Owner".into(), "someone".into());
        let t = w.target_groups.get_mut(&tg).unwrap();
        t.object.0.health_check.path = "/other".into();
        t.object.1 = 10;
        w.load_balancers.get_mut(&nlb).unwrap().cross_zone = false;
        for c in w.clusters.values_mut() {
            c.object.container_insights = Some(false);
        }
        w.log_groups
            .get_mut("/ecs/api")
            .unwrap()
            .object
            .retention_days = Some(90);
    });

    let refreshed = read(&aws, &state).await;
    assert_ok(&refreshed);
    let s = &refreshed.state;
    assert_eq!(s.get("desired_count"), &Value::from(5i64));
    assert_eq!(s.get("allowed_principals"), &Value::List(vec![]));
    assert_eq!(s.get("acceptance_required"), &Value::from(false));
    assert_eq!(s.get("tags_all").get("Owner"), &Value::from("someone"));
    assert_eq!(s.get("health_check").get("path"), &Value::from("/other"));
    assert_eq!(s.get("deregistration_delay"), &Value::from(10i64));
    assert_eq!(s.get("cross_zone_load_balancing"), &Value::from(false));
    assert_eq!(s.get("container_insights"), &Value::from(false));
    assert_eq!(s.get("log_retention_days"), &Value::from(90i64));

    let repaired = update(&aws, &refreshed, &config()).await;
    assert_ok(&repaired);
    let world = aws.world();
    assert_eq!(world.services[&service].service.desired_count, 1);
    let e = &world.endpoint_services[&eps];
    assert!(e.principals.contains(PRINCIPAL));
    assert!(e.service.acceptance_required);
    assert_eq!(
        world.target_groups[&tg].object.0.health_check.path,
        "/health"
    );
    assert_eq!(world.target_groups[&tg].object.1, 300);
    assert!(world.load_balancers[&nlb].cross_zone);
    assert!(
        world
            .clusters
            .values()
            .all(|c| c.object.container_insights == Some(true))
    );
    assert_eq!(world.log_groups["/ecs/api"].object.retention_days, Some(30));
    let again = read(&aws, &repaired).await;
    assert_eq!(again.state.get("desired_count"), &Value::from(1i64));
}

#[tokio::test(start_paused = true)]
async fn ignored_desired_count_drift_stays_out_of_the_state() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set("ignore_desired_count_drift", true.into());
    let state = create(&aws, &c).await;
    let service = attr(&state, "ecs_service_arn");
    aws.edit(|w| w.services.get_mut(&service).unwrap().service.desired_count = 5);
    let refreshed = read(&aws, &state).await;
    assert_eq!(refreshed.state.get("desired_count"), &Value::from(1i64));
}

#[tokio::test(start_paused = true)]
async fn a_revision_run_outside_terraform_shows_in_the_refresh() {
    let aws = FakeAws::new();
    let state = created(&aws).await;
    let service = attr(&state, "ecs_service_arn");
    let recorded = attr(&state, "task_definition_arn");
    let other = format!("{}-other", recorded);
    aws.edit(|w| {
        let mut td = w.task_definitions[&recorded].clone();
        td.arn = other.clone();
        td.container.image = "elsewhere/api:9".into();
        w.task_definitions.insert(other.clone(), td);
        w.services
            .get_mut(&service)
            .unwrap()
            .service
            .task_definition_arn = other.clone();
    });
    aws.clear_calls();

    let refreshed = read(&aws, &state).await;
    assert_ok(&refreshed);
    assert_eq!(attr(&refreshed, "task_definition_arn"), other);
    assert_eq!(
        refreshed.state.get("container").get("image"),
        &Value::from("elsewhere/api:9")
    );
    // The recorded revision is read beside the service, the running one
    // once the service names it.
    let revisions: Vec<String> = aws
        .calls()
        .into_iter()
        .filter(|c| c.op == "find_task_definition")
        .map(|c| c.id)
        .collect();
    assert_eq!(revisions, [recorded, other]);
}

#[tokio::test(start_paused = true)]
async fn a_refresh_reads_the_running_revision_once() {
    let aws = FakeAws::new();
    let state = created(&aws).await;
    aws.clear_calls();
    let refreshed = read(&aws, &state).await;
    assert_ok(&refreshed);
    let reads: Vec<_> = aws
        .calls()
        .into_iter()
        .filter(|c| c.op == "find_task_definition")
        .collect();
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0].id, attr(&state, "task_definition_arn"));
}

#[tokio::test(start_paused = true)]
async fn a_load_balancer_deleted_out_of_band_reads_as_gone() {
    let aws = FakeAws::new();
    let state = created(&aws).await;
    let nlb = attr(&state, "nlb_arn");
    // Its attributes are read at the same time, and fail for a missing
    // load balancer: the refresh still succeeds, showing it gone.
    aws.edit(|w| {
        w.load_balancers.remove(&nlb);
    });
    let refreshed = read(&aws, &state).await;
    assert_ok(&refreshed);
    assert!(refreshed.state.get("nlb_arn").is_null());
    assert!(
        aws.calls()
            .iter()
            .any(|c| c.op == "cross_zone_enabled" && c.id == nlb)
    );
}
