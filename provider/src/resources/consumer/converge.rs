//! Brings the consumer's objects from what exists to what is desired:
//!
//! 1. the admitted CIDR blocks (the VPC's by default);
//! 2. placement checks, when an endpoint is to be made or its subnets
//!    change;
//! 3. its security group (created, or rules and tags brought in line; the
//!    rules of a previous port removed);
//! 4. the endpoint (created with an idempotency token, or its subnets,
//!    groups, private DNS and tags changed);
//! 5. with `acceptance`, the connection accepted in the owner's account;
//! 6. waiting until the connection is `available` (or `pendingAcceptance`
//!    when that is allowed).
//!
//! Every object is recorded in `made` as soon as it exists, so a failure
//! or interruption leaves state knowing all of it. Calls that change AWS
//! are never abandoned halfway; the context is checked between steps.

use crate::aws::ec2::waiters::{EndpointReadiness, OnPendingAcceptance, vpc_endpoint_ready};
use crate::aws::ec2::{VpcEndpoint, VpcEndpointChange, VpcEndpointSpec, VpcQuery};
use crate::aws::tags::Tags;
use crate::aws::waiter::WaitError;
use crate::resources::shared::security_group::{self, PortIngress, SecurityGroupSpec};
use crate::resources::shared::tags::reconcile_tags;
use tfplugin::context::Ctx;
use tfplugin::diagnostics::{Diagnostic, Diagnostics};

use super::acceptance::accept;
use super::apis::ConsumerApis;
use super::checks::check_placement;
use super::model::{Desired, Made};
use super::names;

/// What the prior state says about the settings that need undoing.
#[derive(Clone, Debug)]
pub struct Before {
    pub port: i32,
    pub subnet_ids: std::collections::BTreeSet<String>,
    /// The tags in force before (`tags_all` plus `Name`).
    pub object_tags: Tags,
    /// The endpoint id in state, if any.
    pub endpoint_id: Option<String>,
    /// An endpoint found gone since, which a new one replaces.
    pub replaced_endpoint_id: Option<String>,
}

/// Converges towards `desired`; returns the errors met (`made` keeps
/// whatever exists).
pub async fn converge(
    ctx: &Ctx,
    api: &dyn ConsumerApis,
    desired: &Desired,
    before: Option<&Before>,
    made: &mut Made,
) -> Diagnostics {
    match steps(ctx, api, desired, before, made).await {
        Ok(()) => Diagnostics::new(),
        Err(d) => d,
    }
}

fn interrupted(ctx: &Ctx) -> Result<(), Diagnostics> {
    ctx.check().map_err(|i| {
        i.to_diagnostic("creating or updating the consumer endpoint")
            .into()
    })
}

async fn steps(
    ctx: &Ctx,
    api: &dyn ConsumerApis,
    desired: &Desired,
    before: Option<&Before>,
    made: &mut Made,
) -> Result<(), Diagnostics> {
    // The endpoint in state, as it is now: recorded at once, so that a
    // failure in any later step keeps it in state (or, found gone, lets the
    // next apply replace it).
    let existing = match before.and_then(|b| b.endpoint_id.as_deref()) {
        Some(id) => api
            .find_vpc_endpoint(id)
            .await
            .map_err(|e| Diagnostics::from(e.to_diagnostic(&format!("reading endpoint {id}"))))?
            .filter(|e| e.state != "deleting"),
        None => None,
    };
    if before.is_some() {
        made.endpoint = existing.clone();
    }

    // 1. The admitted CIDR blocks.
    let cidrs = match &desired.allowed_cidr_blocks {
        Some(c) => c.clone(),
        None => vpc_cidr_blocks(api, &desired.vpc_id).await?,
    };
    made.allowed_cidr_blocks = Some(cidrs.clone());

    // 2. Placement, before anything is made or moved.
    let subnets_change = before.is_some_and(|b| b.subnet_ids != desired.subnet_ids);
    if existing.is_none() || subnets_change {
        let service = check_placement(
            api,
            &desired.vpc_id,
            &desired.subnet_ids,
            &desired.service_name,
        )
        .await?;
        made.service_owner = Some(service.owner);
    }
    interrupted(ctx)?;

    // 3. The security group.
    let spec = SecurityGroupSpec {
        name: names::security_group(&desired.name),
        description: format!(
            "Clients of the PrivateLink endpoint {} (privatelink_consumer {})",
            desired.name,
            security_group::ownership_token()
        ),
        vpc_id: desired.vpc_id.clone(),
        ingress: std::iter::once(PortIngress::new(
            desired.port,
            &cidrs,
            &desired.allowed_security_group_ids,
        ))
        // A port changed: the old one's rules go.
        .chain(
            before
                .map(|b| b.port)
                .filter(|p| *p != desired.port)
                .map(PortIngress::closed),
        )
        .collect(),
        tags: desired.object_tags.clone(),
    };
    let prior_tags = before.map(|b| &b.object_tags);
    let existing_group = made.security_group_id.clone();
    let group_id = security_group::ensure(
        api,
        &spec,
        prior_tags,
        existing_group.as_deref(),
        &mut made.security_group_id,
    )
    .await
    .map_err(Diagnostics::from)?;
    made.security_group_id = Some(group_id.clone());
    interrupted(ctx)?;

    // 4. The endpoint.
    let endpoint = match existing {
        Some(e) => {
            let id = e.id.clone();
            change_endpoint(api, desired, &group_id, &e, prior_tags).await?;
            api.find_vpc_endpoint(&id)
                .await
                .map_err(|err| {
                    Diagnostics::from(err.to_diagnostic(&format!("reading endpoint {id}")))
                })?
                .unwrap_or(e)
        }
        None => {
            let spec = VpcEndpointSpec {
                service_name: desired.service_name.clone(),
                vpc_id: desired.vpc_id.clone(),
                subnet_ids: desired.subnet_ids.clone(),
                security_group_ids: desired.endpoint_security_groups(&group_id),
                private_dns_enabled: desired.private_dns_enabled,
                tags: desired.object_tags.clone(),
                client_token: names::client_token(
                    &group_id,
                    &desired.service_name,
                    before.and_then(|b| {
                        b.endpoint_id
                            .as_deref()
                            .or(b.replaced_endpoint_id.as_deref())
                    }),
                ),
            };
            api.create_vpc_endpoint(&spec).await.map_err(|e| {
                Diagnostics::from(e.to_diagnostic(&format!(
                    "creating the VPC endpoint to {}",
                    desired.service_name
                )))
            })?
        }
    };
    let endpoint_id = endpoint.id.clone();
    made.endpoint = Some(endpoint.clone());
    interrupted(ctx)?;

    // 5. Acceptance in the owner's account.
    if let Some(role) = &desired.acceptance
        && matches!(endpoint.state.as_str(), "pendingacceptance" | "rejected")
    {
        accept(ctx, api, role, &desired.service_id, &endpoint_id)
            .await
            .map_err(Diagnostics::from)?;
    }

    // 6. Waiting for the connection.
    if endpoint.state == "available" {
        return Ok(());
    }
    let on_pending = if desired.wait_for_acceptance || desired.acceptance.is_some() {
        OnPendingAcceptance::KeepWaiting
    } else {
        OnPendingAcceptance::Return
    };
    match vpc_endpoint_ready(ctx, api, &endpoint_id, on_pending).await {
        Ok(EndpointReadiness::Available(e) | EndpointReadiness::PendingAcceptance(e)) => {
            made.endpoint = Some(e);
            Ok(())
        }
        Err(err) => {
            if let Ok(Some(e)) = api.find_vpc_endpoint(&endpoint_id).await {
                made.endpoint = Some(e);
            }
            Err(wait_failed(desired, &endpoint_id, &err).into())
        }
    }
}

/// Every IPv4 block of the VPC, the primary one first (the default
/// admitted blocks); an error at `vpc_id` when the VPC does not exist.
pub async fn vpc_cidr_blocks(
    api: &dyn ConsumerApis,
    vpc_id: &str,
) -> Result<Vec<String>, Diagnostics> {
    let query = VpcQuery {
        id: Some(vpc_id.to_string()),
        ..VpcQuery::default()
    };
    let vpcs = api
        .find_vpcs(&query)
        .await
        .map_err(|e| Diagnostics::from(e.to_diagnostic(&format!("reading VPC {vpc_id}"))))?;
    match vpcs.into_iter().next() {
        Some(v) => Ok(v.cidr_blocks),
        None => {
            let mut d = Diagnostics::new();
            d.attribute_error(
                tfplugin::path::AttributePath::attr("vpc_id"),
                "VPC not found",
                format!("VPC {vpc_id} does not exist in this account and region."),
            );
            Err(d)
        }
    }
}

/// What to change on an existing endpoint.
pub fn endpoint_change(desired: &Desired, group_id: &str, e: &VpcEndpoint) -> VpcEndpointChange {
    let groups = desired.endpoint_security_groups(group_id);
    VpcEndpointChange {
        add_subnet_ids: desired
            .subnet_ids
            .difference(&e.subnet_ids)
            .cloned()
            .collect(),
        remove_subnet_ids: e
            .subnet_ids
            .difference(&desired.subnet_ids)
            .cloned()
            .collect(),
        add_security_group_ids: groups.difference(&e.security_group_ids).cloned().collect(),
        remove_security_group_ids: e.security_group_ids.difference(&groups).cloned().collect(),
        private_dns_enabled: (e.private_dns_enabled != desired.private_dns_enabled)
            .then_some(desired.private_dns_enabled),
    }
}

async fn change_endpoint(
    api: &dyn ConsumerApis,
    desired: &Desired,
    group_id: &str,
    e: &VpcEndpoint,
    prior_tags: Option<&Tags>,
) -> Result<(), Diagnostics> {
    let fail = |what: &str, err: crate::aws::AwsError| {
        Diagnostics::from(err.to_diagnostic(&format!("{what} endpoint {}", e.id)))
    };
    api.modify_vpc_endpoint(&e.id, &endpoint_change(desired, group_id, e))
        .await
        .map_err(|err| fail("changing", err))?;
    reconcile_tags(Some(&e.tags), &desired.object_tags, prior_tags, |old| {
        api.set_ec2_tags(&e.id, old, &desired.object_tags)
    })
    .await
    .map_err(|err| fail("tagging", err))
}

/// The error of a wait that did not end `available`.
fn wait_failed(desired: &Desired, endpoint_id: &str, err: &WaitError) -> Diagnostic {
    let what = format!(
        "endpoint {endpoint_id}'s connection to {} to become available",
        desired.service_name
    );
    match err {
        WaitError::Failed(state) => {
            let why = match state.as_str() {
                "rejected" => "The service owner rejected the connection.",
                "failed" => "AWS could not set up the connection.",
                "expired" => "The connection request expired before the owner accepted it.",
                _ => "The endpoint is being deleted.",
            };
            Diagnostic::error(
                format!("Endpoint connection {state}"),
                format!(
                    "{why} Endpoint {endpoint_id} to {} is kept in state (as `{state}`). Have the owner accept it (an `acceptance` block here, or a privatelink_connection_accepter in the owner's workspace) and apply again, or destroy it.",
                    desired.service_name
                ),
            )
        }
        other => other.to_diagnostic(&what),
    }
}
