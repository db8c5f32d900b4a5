//! The tasks' security group: the load balancer's subnets are always
//! admitted (on the traffic and health-check ports), the direct ingress
//! follows the configuration, and ports no longer used are closed.

use super::*;
use crate::aws::ec2::IngressSource;
use crate::aws::fake::{FakeAws, VPC_CIDR, VPC_SECONDARY_CIDR};
use std::collections::BTreeSet;

const LB_A: &str = "10.0.1.0/24";
const LB_B: &str = "10.0.2.0/24";
const CLIENTS: &str = "sg-0fake0000000000c11";

fn rules(aws: &FakeAws, state: &StateResult) -> BTreeSet<(i32, IngressSource)> {
    let id = state.state.get("security_group_id").as_str().unwrap();
    aws.world().security_groups[id].ingress.clone()
}

fn cidr(port: i32, c: &str) -> (i32, IngressSource) {
    (port, IngressSource::Cidr(c.into()))
}

fn group(port: i32, g: &str) -> (i32, IngressSource) {
    (port, IngressSource::SecurityGroup(g.into()))
}

fn health_check_on(c: &mut Value, port: &str) {
    let mut hc = crate::resources::service::schema::default_of(&["health_check"]);
    hc.set("port", port.into());
    c.set("health_check", hc);
}

#[tokio::test(start_paused = true)]
async fn only_security_groups_still_admit_the_load_balancer() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set("ingress_security_group_ids", strings(&[CLIENTS]));
    let created = create(&aws, &c).await;
    assert_ok(&created);
    assert_eq!(
        rules(&aws, &created),
        [cidr(8080, LB_A), cidr(8080, LB_B), group(8080, CLIENTS)].into()
    );
    assert_eq!(created.state.get("ingress_cidr_blocks"), &strings(&[]));
}

/// Removing the groups (with `ingress_cidr_blocks` unset) brings back the
/// default direct ingress instead of leaving the tasks unreachable.
#[tokio::test(start_paused = true)]
async fn removing_the_security_groups_restores_the_default_ingress() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set("ingress_security_group_ids", strings(&[CLIENTS]));
    let created = create(&aws, &c).await;
    assert_ok(&created);

    let planned = plan(&aws, &created.state, &config()).await.planned;
    assert!(planned.get("ingress_cidr_blocks").is_unknown());
    let updated = update(&aws, &created, &config()).await;
    assert_ok(&updated);
    assert_eq!(
        rules(&aws, &updated),
        [
            cidr(8080, VPC_CIDR),
            cidr(8080, VPC_SECONDARY_CIDR),
            cidr(8080, LB_A),
            cidr(8080, LB_B)
        ]
        .into()
    );
    assert_eq!(
        updated.state.get("ingress_cidr_blocks"),
        &strings(&[VPC_CIDR, VPC_SECONDARY_CIDR])
    );
    let again = read(&aws, &updated).await;
    assert_eq!(again.state, updated.state);
}

#[tokio::test(start_paused = true)]
async fn a_health_check_port_is_opened_to_the_load_balancer_and_closed_after() {
    let aws = FakeAws::new();
    let mut c = config();
    c.set("ingress_cidr_blocks", strings(&["10.9.0.0/16"]));
    health_check_on(&mut c, "8081");
    let created = create(&aws, &c).await;
    assert_ok(&created);
    assert_eq!(
        rules(&aws, &created),
        [
            cidr(8080, "10.9.0.0/16"),
            cidr(8080, LB_A),
            cidr(8080, LB_B),
            cidr(8081, LB_A),
            cidr(8081, LB_B)
        ]
        .into()
    );
    let again = read(&aws, &created).await;
    assert_eq!(again.state, created.state);

    health_check_on(&mut c, "traffic-port");
    let updated = update(&aws, &created, &c).await;
    assert_ok(&updated);
    assert_eq!(
        rules(&aws, &updated),
        [
            cidr(8080, "10.9.0.0/16"),
            cidr(8080, LB_A),
            cidr(8080, LB_B)
        ]
        .into()
    );
}

#[tokio::test(start_paused = true)]
async fn a_load_balancer_rule_revoked_outside_terraform_is_restored() {
    let aws = FakeAws::new();
    let created = create(&aws, &config()).await;
    assert_ok(&created);
    let id = created
        .state
        .get("security_group_id")
        .as_str()
        .unwrap()
        .to_string();
    aws.edit(|w| {
        w.security_groups
            .get_mut(&id)
            .unwrap()
            .ingress
            .remove(&cidr(8080, LB_B));
    });
    let refreshed = read(&aws, &created).await;
    assert_ok(&refreshed);
    assert!(refreshed.state.get("load_balancer_cidr_blocks").is_null());
    // Direct ingress did not change.
    assert_eq!(
        refreshed.state.get("ingress_cidr_blocks"),
        created.state.get("ingress_cidr_blocks")
    );
    let planned = plan(&aws, &refreshed.state, &config()).await.planned;
    assert!(planned.get("load_balancer_cidr_blocks").is_unknown());
    let repaired = update(&aws, &refreshed, &config()).await;
    assert_ok(&repaired);
    assert!(rules(&aws, &repaired).contains(&cidr(8080, LB_B)));
    assert_eq!(
        repaired.state.get("load_balancer_cidr_blocks"),
        &strings(&[LB_A, LB_B])
    );
}
