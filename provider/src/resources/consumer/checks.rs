//! Where the endpoint may go, checked before anything is created (at plan
//! time when the values are known, and again on apply): every subnet
//! exists in `vpc_id`, at most one per zone; the endpoint service exists
//! and this account may use it; and every subnet's zone, compared by zone
//! *id* (zone names differ between accounts), is one the service supports.

use std::collections::{BTreeMap, BTreeSet};

use crate::aws::ec2::{EndpointServiceDetail, Subnet};
use tfplugin::diagnostics::Diagnostics;
use tfplugin::path::AttributePath;

use super::apis::ConsumerApis;

fn at(diags: &mut Diagnostics, attribute: &str, summary: &str, detail: String) {
    diags.attribute_error(AttributePath::attr(attribute), summary, detail);
}

/// Checks the subnets and the service; returns the service as this
/// account sees it when every check passed.
pub async fn check_placement(
    api: &dyn ConsumerApis,
    vpc_id: &str,
    subnet_ids: &BTreeSet<String>,
    service_name: &str,
) -> Result<EndpointServiceDetail, Diagnostics> {
    let ids: Vec<String> = subnet_ids.iter().cloned().collect();
    let (subnets, service) = tokio::join!(
        api.find_subnets_by_ids(&ids),
        api.find_endpoint_service_by_name(service_name)
    );
    let mut diags = Diagnostics::new();
    let subnets = match subnets {
        Ok(s) => s,
        Err(e) => return Err(e.to_diagnostic("reading the subnets in subnet_ids").into()),
    };
    let service = match service {
        Ok(s) => s,
        Err(e) => {
            return Err(e
                .to_diagnostic(&format!("reading the endpoint service {service_name}"))
                .into());
        }
    };
    check_subnets(vpc_id, &ids, &subnets, &mut diags);
    match &service {
        None => at(
            &mut diags,
            "service_name",
            "Endpoint service not available to this account",
            format!(
                "The endpoint service {service_name} does not exist in this region, or this account is not among its allowed principals (AWS does not tell the two apart). Check the name (the `service_name` output of the privatelink_service), and ask the service owner to add this account's root ARN (arn:aws:iam::<this account id>:root) to `allowed_principals`."
            ),
        ),
        Some(service) => check_zones(service, &subnets, &mut diags),
    }
    match service {
        Some(service) if !diags.has_errors() => Ok(service),
        _ => Err(diags),
    }
}

/// Every subnet exists, is in the VPC, and has a zone of its own.
fn check_subnets(vpc_id: &str, ids: &[String], subnets: &[Subnet], diags: &mut Diagnostics) {
    let detail_of = |id: &String| subnets.iter().find(|s| &s.id == id);
    for id in ids {
        match detail_of(id) {
            None => at(
                diags,
                "subnet_ids",
                "Subnet not found",
                format!("Subnet {id} does not exist in this account and region."),
            ),
            Some(s) if s.vpc_id != vpc_id => at(
                diags,
                "subnet_ids",
                "Subnet outside the VPC",
                format!("Subnet {id} is in {}, not in vpc_id {vpc_id}.", s.vpc_id),
            ),
            Some(_) => {}
        }
    }
    let mut by_zone: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in subnets.iter().filter(|s| s.vpc_id == vpc_id) {
        by_zone
            .entry(s.availability_zone.as_str())
            .or_default()
            .push(s.id.as_str());
    }
    for (zone, ids) in by_zone.iter().filter(|(_, ids)| ids.len() > 1) {
        at(
            diags,
            "subnet_ids",
            "Two subnets in one availability zone",
            format!(
                "Subnets {} are all in {zone}; an interface endpoint takes at most one subnet per availability zone.",
                ids.join(", ")
            ),
        );
    }
}

/// Every subnet's zone is one the service supports, compared by zone id
/// (by name only when AWS reports no ids).
fn check_zones(service: &EndpointServiceDetail, subnets: &[Subnet], diags: &mut Diagnostics) {
    let by_id = !service.availability_zone_ids.is_empty();
    for s in subnets {
        let supported = if by_id {
            service
                .availability_zone_ids
                .contains(&s.availability_zone_id)
        } else {
            service.availability_zones.contains(&s.availability_zone)
        };
        if supported {
            continue;
        }
        let zone = if s.availability_zone_id.is_empty() {
            s.availability_zone.clone()
        } else {
            format!(
                "{} (zone id {})",
                s.availability_zone, s.availability_zone_id
            )
        };
        let offered = if by_id {
            format!(
                "zone ids {} (in this account: {})",
                join(&service.availability_zone_ids),
                join(&service.availability_zones)
            )
        } else {
            format!("zones {}", join(&service.availability_zones))
        };
        at(
            diags,
            "subnet_ids",
            "Subnet in a zone the service does not support",
            format!(
                "Subnet {} is in {zone}, where the endpoint service {} has no load balancer. It supports {offered}. Zone names such as us-east-1a name different zones in different accounts; zone ids do not. Use subnets in the supported zones, or ask the owner to add this zone to the service.",
                s.id, service.service_name
            ),
        );
    }
}

fn join(items: &BTreeSet<String>) -> String {
    if items.is_empty() {
        return "none".into();
    }
    items.iter().cloned().collect::<Vec<_>>().join(", ")
}
