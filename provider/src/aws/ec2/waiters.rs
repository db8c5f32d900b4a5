//! Waiters for VPC endpoint services, interface endpoints and their
//! connections.

use super::endpoint_connections::EndpointConnections;
use super::endpoint_services::{EndpointConnection, EndpointService, EndpointServices};
use super::vpc_endpoints::{VpcEndpoint, VpcEndpoints};
use crate::aws::waiter::{Backoff, Poll, WaitError, wait_for};
use tfplugin::context::Ctx;

/// Until the endpoint service is `available` (`failed` ends the wait).
pub async fn endpoint_service_available<A: EndpointServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    id: &str,
) -> Result<EndpointService, WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_endpoint_service(id).await? {
            None => Poll::Pending("not visible yet".into()),
            Some(s) if s.state == "available" => Poll::Ready(s),
            Some(s) if s.state == "failed" => Poll::Failed(s.state),
            Some(s) => Poll::Pending(s.state),
        })
    })
    .await
}

/// Until the endpoint service is gone.
pub async fn endpoint_service_gone<A: EndpointServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    id: &str,
) -> Result<(), WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_endpoint_service(id).await? {
            None => Poll::Ready(()),
            Some(s) => Poll::Pending(s.state),
        })
    })
    .await
}

/// How a wait for an interface endpoint ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointReadiness {
    /// Connected: traffic flows.
    Available(VpcEndpoint),
    /// Waiting for the service owner to accept the connection.
    PendingAcceptance(VpcEndpoint),
}

/// Whether `pendingAcceptance` ends the wait for an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnPendingAcceptance {
    /// Return [`EndpointReadiness::PendingAcceptance`] (the owner accepts
    /// later, or through another resource).
    Return,
    /// Keep waiting until the owner accepts.
    KeepWaiting,
}

/// Endpoint and connection states that never lead to `available`.
const DEAD_ENDS: &[&str] = &["rejected", "failed", "expired", "deleting", "deleted"];

fn endpoint_poll(
    observed: Option<VpcEndpoint>,
    on_pending_acceptance: OnPendingAcceptance,
) -> Poll<EndpointReadiness> {
    match observed {
        None => Poll::Pending("not visible yet".into()),
        Some(e) if e.state == "available" => Poll::Ready(EndpointReadiness::Available(e)),
        Some(e)
            if e.state == "pendingacceptance"
                && on_pending_acceptance == OnPendingAcceptance::Return =>
        {
            Poll::Ready(EndpointReadiness::PendingAcceptance(e))
        }
        Some(e) if DEAD_ENDS.contains(&e.state.as_str()) => Poll::Failed(e.state),
        Some(e) => Poll::Pending(e.state),
    }
}

/// Until the interface endpoint is `available`, or `pendingAcceptance` when
/// the caller takes that as an outcome (`rejected`, `failed`, `expired`,
/// `deleting` end the wait).
pub async fn vpc_endpoint_ready<A: VpcEndpoints + ?Sized>(
    ctx: &Ctx,
    api: &A,
    id: &str,
    on_pending_acceptance: OnPendingAcceptance,
) -> Result<EndpointReadiness, WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(endpoint_poll(
            api.find_vpc_endpoint(id).await?,
            on_pending_acceptance,
        ))
    })
    .await
}

/// Until the interface endpoint is gone (`deleted` or no longer listed).
pub async fn vpc_endpoint_gone<A: VpcEndpoints + ?Sized>(
    ctx: &Ctx,
    api: &A,
    id: &str,
) -> Result<(), WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_vpc_endpoint(id).await? {
            None => Poll::Ready(()),
            Some(e) => Poll::Pending(e.state),
        })
    })
    .await
}

fn connection_poll(observed: Option<EndpointConnection>) -> Poll<EndpointConnection> {
    match observed {
        None => Poll::Pending("not visible yet".into()),
        Some(c) if c.state == "available" => Poll::Ready(c),
        Some(c) if DEAD_ENDS.contains(&c.state.as_str()) => Poll::Failed(c.state),
        Some(c) => Poll::Pending(c.state),
    }
}

/// Until the service owner sees the endpoint's connection `available`
/// (after accepting it; `rejected`, `failed`, `expired`, `deleting`,
/// `deleted` end the wait).
pub async fn endpoint_connection_available<A: EndpointConnections + ?Sized>(
    ctx: &Ctx,
    api: &A,
    service_id: &str,
    endpoint_id: &str,
) -> Result<EndpointConnection, WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(connection_poll(
            api.find_endpoint_connection(service_id, endpoint_id)
                .await?,
        ))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(state: &str) -> VpcEndpoint {
        VpcEndpoint {
            id: "vpce-1".into(),
            service_name: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123".into(),
            vpc_id: "vpc-1".into(),
            subnet_ids: Default::default(),
            security_group_ids: Default::default(),
            state: state.into(),
            private_dns_enabled: false,
            dns_entries: Vec::new(),
            network_interface_ids: Default::default(),
            owner: "222222222222".into(),
            tags: Default::default(),
        }
    }

    fn connection(state: &str) -> EndpointConnection {
        EndpointConnection {
            endpoint_id: "vpce-1".into(),
            owner: "222222222222".into(),
            state: state.into(),
        }
    }

    fn pending_state<T>(poll: Poll<T>) -> Option<String> {
        match poll {
            Poll::Pending(s) => Some(s),
            _ => None,
        }
    }

    fn failed_state<T>(poll: Poll<T>) -> Option<String> {
        match poll {
            Poll::Failed(s) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn an_available_endpoint_is_ready() {
        for on in [
            OnPendingAcceptance::Return,
            OnPendingAcceptance::KeepWaiting,
        ] {
            assert!(matches!(
                endpoint_poll(Some(endpoint("available")), on),
                Poll::Ready(EndpointReadiness::Available(e)) if e.id == "vpce-1"
            ));
        }
    }

    #[test]
    fn pending_acceptance_ends_the_wait_only_when_asked() {
        assert!(matches!(
            endpoint_poll(
                Some(endpoint("pendingacceptance")),
                OnPendingAcceptance::Return
            ),
            Poll::Ready(EndpointReadiness::PendingAcceptance(_))
        ));
        assert_eq!(
            pending_state(endpoint_poll(
                Some(endpoint("pendingacceptance")),
                OnPendingAcceptance::KeepWaiting
            )),
            Some("pendingacceptance".into())
        );
    }

    #[test]
    fn an_endpoint_still_being_made_or_not_yet_listed_is_pending() {
        let keep = OnPendingAcceptance::KeepWaiting;
        assert_eq!(
            pending_state(endpoint_poll(Some(endpoint("pending"),), keep)),
            Some("pending".into())
        );
        assert_eq!(
            pending_state(endpoint_poll(None, keep)),
            Some("not visible yet".into())
        );
    }

    #[test]
    fn dead_end_endpoint_states_fail_the_wait() {
        for state in ["rejected", "failed", "expired", "deleting"] {
            assert_eq!(
                failed_state(endpoint_poll(
                    Some(endpoint(state)),
                    OnPendingAcceptance::Return
                )),
                Some(state.to_string())
            );
        }
    }

    #[test]
    fn an_available_connection_is_ready() {
        assert!(matches!(
            connection_poll(Some(connection("available"))),
            Poll::Ready(c) if c.endpoint_id == "vpce-1"
        ));
    }

    #[test]
    fn an_accepted_connection_on_its_way_is_pending() {
        for state in ["pendingacceptance", "pending"] {
            assert_eq!(
                pending_state(connection_poll(Some(connection(state)))),
                Some(state.to_string())
            );
        }
        assert_eq!(
            pending_state(connection_poll(None)),
            Some("not visible yet".into())
        );
    }

    #[test]
    fn a_rejected_or_deleted_connection_fails_the_wait() {
        for state in ["rejected", "failed", "expired", "deleting", "deleted"] {
            assert_eq!(
                failed_state(connection_poll(Some(connection(state)))),
                Some(state.to_string())
            );
        }
    }
}
