"""Interface endpoints come up and go away over time, as in AWS.

moto creates an endpoint `available` and deletes it into a `deleted` state
that describe keeps listing. In AWS an interface endpoint:

* is `pending` until its network interfaces are ready, then `available`:
  here for the settle time after it is created, when its service does not
  require acceptance, or after the service owner accepts it (until then it
  is `pendingAcceptance`, see privatelink.py);
* is `deleting` after `DeleteVpcEndpoints`, and after the settle time is
  gone: `DescribeVpcEndpoints` no longer lists it, its network interfaces
  are released, and its service owner no longer sees the connection.
  Asked for by id, a deleted endpoint is left out of the answer rather than
  `InvalidVpcEndpointId.NotFound` (AWS keeps answering for deleted
  endpoints a while; an id never seen is still NotFound).

Gateway endpoints keep moto's behaviour. The owner's view of connections
(privatelink.py) reads the same state, so both sides agree at every moment.
"""

from moto.ec2.models.vpcs import VPCBackend

_settle = None
_original_delete = VPCBackend.delete_vpc_endpoints
_original_describe = VPCBackend.describe_vpc_endpoints


def _is_interface(endpoint):
    return (endpoint.vpc_endpoint_type or "").lower() == "interface"


def bring_up(endpoint):
    """`endpoint` is `pending` now and `available` after the settle time
    (unless something else, such as a deletion, happened meanwhile)."""
    endpoint.state = "pending"

    def settle():
        if endpoint.state == "pending":
            endpoint.state = "available"

    _settle.later("endpoint_pending", settle)


def _removed(backend):
    """Ids of the endpoints of `backend` that were deleted and are gone."""
    if not hasattr(backend, "_harness_removed_endpoints"):
        backend._harness_removed_endpoints = set()
    return backend._harness_removed_endpoints


def _tear_down(backend, endpoint):
    endpoint.state = "deleting"

    def settle():
        for eni_id in endpoint.network_interface_ids:
            backend.enis.pop(eni_id, None)
        if backend.vpc_end_points.get(endpoint.id) is endpoint:
            del backend.vpc_end_points[endpoint.id]
            _removed(backend).add(endpoint.id)
        endpoint.state = "deleted"

    _settle.later("endpoint_deleting", settle)


def delete_vpc_endpoints(self, vpce_ids=None):
    """Interface endpoints are `deleting` for the settle time, then gone."""
    others = []
    for vpce_id in vpce_ids or []:
        endpoint = self.vpc_end_points.get(vpce_id)
        if endpoint is not None and _is_interface(endpoint):
            if endpoint.state not in ("deleting", "deleted"):
                _tear_down(self, endpoint)
        else:
            others.append(vpce_id)
    _original_delete(self, others)


def describe_vpc_endpoints(self, vpc_end_point_ids, filters=None):
    """moto's answer, leaving out (not refusing) ids of endpoints gone."""
    if vpc_end_point_ids:
        removed = _removed(self)
        vpc_end_point_ids = [i for i in vpc_end_point_ids if i not in removed]
        if not vpc_end_point_ids:
            return []
    return _original_describe(self, vpc_end_point_ids, filters)


def install(settle):
    global _settle
    _settle = settle
    VPCBackend.delete_vpc_endpoints = delete_vpc_endpoints
    VPCBackend.describe_vpc_endpoints = describe_vpc_endpoints
