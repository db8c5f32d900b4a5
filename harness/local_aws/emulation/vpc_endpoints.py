"""Creating and modifying VPC endpoints as AWS does.

* `CreateVpcEndpoint` is idempotent by `ClientToken` (see client_tokens.py;
  after the endpoint is gone the same token returns it as `deleted`). The
  response echoes `ClientToken`.
* A new interface endpoint gets DNS entries in AWS's shape (see
  endpoint_dns.py) and comes up over time (see endpoint_states.py); the
  checks against its endpoint service are privatelink.py's.
* `ModifyVpcEndpoint` on an interface endpoint applies `PrivateDnsEnabled`
  (refused as at create for a service without a private DNS name), and
  with `AddSubnetIds`/`RemoveSubnetIds` creates and releases one network
  interface per subnet, as create does, and updates the zonal DNS entries.
  An added subnet in a zone the service is not in is refused
  (`InvalidParameter`), as at create, and an unknown one is
  `InvalidSubnetID.NotFound`; nothing changes when a check fails.
"""

from moto.core.responses import ActionResult
from moto.ec2.responses import EC2Response
from moto.ec2.utils import random_private_ip

from . import client_tokens, endpoint_dns, endpoint_states, privatelink

_original_modify = EC2Response.modify_vpc_endpoint


def _is_interface(endpoint):
    return (endpoint.vpc_endpoint_type or "").lower() == "interface"


def _refresh_dns(response, endpoint):
    target = privatelink.find_service(response.region, endpoint.service_name)
    if target is not None:
        endpoint_dns.refresh(endpoint, target[1], response.region)


def create_vpc_endpoint(self):
    endpoint = client_tokens.remembered(self, "vpc-endpoint")
    if endpoint is not None:
        return ActionResult({"VpcEndpoint": endpoint,
                             "ClientToken": self._get_param("ClientToken")})
    result = privatelink.create_vpc_endpoint(self)
    endpoint = result.result["VpcEndpoint"]
    if _is_interface(endpoint):
        _refresh_dns(self, endpoint)
        if endpoint.state == "available":
            endpoint_states.bring_up(endpoint)
    token = client_tokens.remember(self, "vpc-endpoint", endpoint)
    if token:
        result.result["ClientToken"] = token
    return result


def _sync_network_interfaces(backend, endpoint):
    """One network interface per subnet of `endpoint`, no more, no less."""
    subnets = list(endpoint.subnet_ids or [])
    kept = []
    for eni_id in endpoint.network_interface_ids:
        eni = backend.enis.get(eni_id)
        if eni is not None and eni.subnet.id in subnets:
            kept.append(eni_id)
        else:
            backend.enis.pop(eni_id, None)
    covered = {backend.enis[eni_id].subnet.id for eni_id in kept}
    for subnet_id in subnets:
        if subnet_id not in covered:
            kept.append(backend.create_network_interface(subnet_id, random_private_ip()).id)
    endpoint.network_interface_ids = kept


def _check_modification(response, endpoint):
    added = response._get_param("AddSubnetIds", []) or []
    for subnet_id in added:
        response.ec2_backend.get_subnet(subnet_id)
    target = privatelink.find_service(response.region, endpoint.service_name)
    if target is not None:
        privatelink.check_subnet_zones(response, target[1], added)
        privatelink.check_private_dns(response, target[1])


def modify_vpc_endpoint(self):
    endpoint = self.ec2_backend.get_vpc_end_point(self._get_param("VpcEndpointId"))
    if not _is_interface(endpoint):
        return _original_modify(self)
    _check_modification(self, endpoint)
    result = _original_modify(self)
    _sync_network_interfaces(self.ec2_backend, endpoint)
    private_dns = self._get_bool_param("PrivateDnsEnabled")
    if private_dns is not None:
        endpoint.private_dns_enabled = private_dns
    _refresh_dns(self, endpoint)
    return result


def install():
    EC2Response.create_vpc_endpoint = create_vpc_endpoint
    EC2Response.modify_vpc_endpoint = modify_vpc_endpoint
