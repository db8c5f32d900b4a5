"""PrivateLink as AWS runs it, across accounts.

moto keeps endpoint services and interface endpoints apart per account and
leaves out the connection between them. Here:

* `DescribeVpcEndpointConnections`, `AcceptVpcEndpointConnections` and
  `RejectVpcEndpointConnections` exist: a connection is an interface
  endpoint, in any account of the region, whose service name is one of the
  caller's endpoint services. The listing honours the filters `service-id`,
  `vpc-endpoint-id`, `vpc-endpoint-owner` and `vpc-endpoint-state` (the
  state compared case-insensitively). Accepting an endpoint that is not
  pending (or rejected), or rejecting one that is not live, is an
  `Unsuccessful` item with code `InvalidState`, as AWS reports it.
* `CreateVpcEndpoint` to an endpoint service checks that the service exists
  and that the caller's account is allowed (the owner, `*`, or a principal
  ARN of that account); with acceptance required the endpoint starts in
  `pendingAcceptance` until the owner accepts it, then `pending` and,
  after the settle time, `available` (see endpoint_states.py). A subnet
  in a zone (by id) the service is not in is refused (`InvalidParameter`),
  and so is `PrivateDnsEnabled=true` for a service without a private DNS
  name. An interface endpoint created without security groups gets the
  VPC's default security group, as in AWS.
* `DescribeVpcEndpointServices` shows a consumer the services it may use,
  whichever account owns them, and its `service-name` filter works. A
  service's `AvailabilityZoneIds` are the (physical) zone ids of its load
  balancers' subnets and `AvailabilityZones` the names the *caller* gives
  those zones (see zones.py: names differ between accounts).
* `DeleteVpcEndpointServiceConfigurations` refuses a service that still
  has live connections (`ExistingVpcEndpointConnections`).
* `CreateVpcEndpointServiceConfiguration` is idempotent by `ClientToken`
  (see client_tokens.py): a retried create whose first answer was lost
  returns the service it made.
* `DescribeVpcEndpointServicePermissions` returns `ServicePermissionId` and
  `PrincipalType`; `ModifyVpcEndpointServiceConfiguration` honours
  `RemovePrivateDnsName`.
"""

import hashlib
import re

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError, InvalidServiceName
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpcs import VPCBackend
from moto.ec2.responses import EC2Response

from . import client_tokens, endpoint_states, zones
from .backends import in_region

PRIVATE_SERVICE = re.compile(r"^com\.amazonaws\.vpce\.[a-z0-9-]+\.(vpce-svc-[0-9a-f]+)$")
LIVE_STATES = {"pendingacceptance", "pending", "available"}


def _region_backends(region):
    """The EC2 backends of every account that has used `region`."""
    return in_region(ec2_backends, region)


def find_service(region, service_name):
    """(backend, configuration) of the endpoint service named so, or None."""
    match = PRIVATE_SERVICE.match(service_name or "")
    if not match:
        return None
    for backend in _region_backends(region):
        config = backend.configurations.get(match.group(1))
        if config is not None:
            return backend, config
    return None


def _principal_account(principal):
    parts = principal.split(":")
    return parts[4] if len(parts) > 5 and principal.startswith("arn:") else None


def _allowed(config, owner_account, caller_account):
    """Whether `caller_account` may connect to (and see) the service."""
    if caller_account == owner_account:
        return True
    return any(
        p == "*" or _principal_account(p) == caller_account for p in config.principals
    )


def _connections(region, config):
    """Every interface endpoint, in any account, that targets `config`."""
    for backend in _region_backends(region):
        for endpoint in backend.vpc_end_points.values():
            if endpoint.service_name == config.service_name and endpoint.state != "deleted":
                yield backend, endpoint


def _own_config(response, service_id):
    config = response.ec2_backend.configurations.get(service_id)
    if config is None:
        raise EC2ClientError(
            "InvalidVpcEndpointServiceId.NotFound",
            f"The VpcEndpointService Id '{service_id}' does not exist",
        )
    return config


def _filters(response):
    """{filter name: [values]} of the request (the API sends `Values`)."""
    return {
        f.get("Name"): f.get("Values") or f.get("Value") or []
        for f in response._get_param("Filters", []) or []
    }


def _connection_matches(connection, filters):
    """Whether a connection passes the service-id and vpc-endpoint-* filters."""
    fields = {
        "service-id": lambda c: c["ServiceId"],
        "vpc-endpoint-id": lambda c: c["VpcEndpointId"],
        "vpc-endpoint-owner": lambda c: c["VpcEndpointOwner"],
        "vpc-endpoint-state": lambda c: c["VpcEndpointState"].lower(),
    }
    for name, read in fields.items():
        values = filters.get(name)
        if values is None:
            continue
        if name == "vpc-endpoint-state":
            values = [v.lower() for v in values]
        if read(connection) not in values:
            return False
    return True


def describe_vpc_endpoint_connections(self):
    filters = _filters(self)
    connections = []
    for service_id, config in list(self.ec2_backend.configurations.items()):
        for backend, endpoint in _connections(self.region, config):
            connection = {
                "ServiceId": service_id,
                "VpcEndpointId": endpoint.id,
                "VpcEndpointOwner": backend.account_id,
                "VpcEndpointState": endpoint.state,
                "CreationTimestamp": endpoint.creation_timestamp,
                "DnsEntries": endpoint.dns_entries or [],
                "NetworkLoadBalancerArns": list(config.network_load_balancer_arns),
                "IpAddressType": "ipv4",
                "VpcEndpointConnectionId": "vpce-con-" + endpoint.id.split("-", 1)[1],
            }
            if _connection_matches(connection, filters):
                connections.append(connection)
    return ActionResult({"VpcEndpointConnections": connections})


def _unsuccessful(resource_id, code, message):
    """One entry of an `Unsuccessful` list, as EC2 reports per-item failures."""
    return {"ResourceId": resource_id, "Error": {"Code": code, "Message": message}}


def _decide_connections(response, decide, allowed_from):
    config = _own_config(response, response._get_param("ServiceId"))
    requested = response._get_param("VpcEndpointIds", []) or []
    by_id = {e.id: e for _, e in _connections(response.region, config)}
    unsuccessful = []
    for endpoint_id in requested:
        endpoint = by_id.get(endpoint_id)
        if endpoint is None:
            unsuccessful.append(_unsuccessful(
                endpoint_id,
                "InvalidVpcEndpointId.NotFound",
                f"The Vpc Endpoint Id '{endpoint_id}' does not exist",
            ))
        elif endpoint.state.lower() not in allowed_from:
            unsuccessful.append(_unsuccessful(
                endpoint_id, "InvalidState", f"Endpoint {endpoint_id} is in state {endpoint.state}"
            ))
        else:
            decide(endpoint)
    return ActionResult({"Unsuccessful": unsuccessful})


def accept_vpc_endpoint_connections(self):
    return _decide_connections(self, endpoint_states.bring_up, {"pendingacceptance", "rejected"})


def reject_vpc_endpoint_connections(self):
    def reject(endpoint):
        endpoint.state = "rejected"

    return _decide_connections(self, reject, LIVE_STATES)


def delete_vpc_endpoint_service_configurations(self):
    unsuccessful = []
    deletable = []
    for service_id in self._get_param("ServiceIds", []) or []:
        config = self.ec2_backend.configurations.get(service_id)
        if config is None:
            unsuccessful.append(_unsuccessful(
                service_id,
                "InvalidVpcEndpointService.NotFound",
                f"The VpcEndpointService Id '{service_id}' does not exist",
            ))
        elif any(e.state.lower() in LIVE_STATES for _, e in _connections(self.region, config)):
            unsuccessful.append(_unsuccessful(
                service_id,
                "ExistingVpcEndpointConnections",
                "Service has existing active VPC Endpoint connections!",
            ))
        else:
            deletable.append(service_id)
    self.ec2_backend.delete_vpc_endpoint_service_configurations(deletable)
    return ActionResult({"Unsuccessful": unsuccessful})


def _principal_type(principal):
    if principal == "*":
        return "All"
    if principal.endswith(":root"):
        return "Account"
    if ":role/" in principal:
        return "Role"
    if ":user/" in principal:
        return "User"
    return "OrganizationUnit" if ":organization/" in principal else "Account"


def service_permission_id(service_id, principal):
    """Stable per service and principal, shaped like AWS's `vpce-svc-perm-…`."""
    digest = hashlib.sha256(f"{service_id}|{principal}".encode()).hexdigest()
    return "vpce-svc-perm-" + digest[:17]


def describe_vpc_endpoint_service_permissions(self):
    service_id = self._get_param("ServiceId")
    principals = self.ec2_backend.describe_vpc_endpoint_service_permissions(service_id)
    allowed = [
        {
            "Principal": p,
            "PrincipalType": _principal_type(p),
            "ServicePermissionId": service_permission_id(service_id, p),
            "ServiceId": service_id,
        }
        for p in sorted(principals)
    ]
    return ActionResult({"AllowedPrincipals": allowed})


_original_modify_configuration = EC2Response.modify_vpc_endpoint_service_configuration


def modify_vpc_endpoint_service_configuration(self):
    result = _original_modify_configuration(self)
    if str(self._get_param("RemovePrivateDnsName")).lower() == "true":
        _own_config(self, self._get_param("ServiceId")).private_dns_name = None
    return result


_original_create_endpoint = EC2Response.create_vpc_endpoint
_original_create_service_configuration = EC2Response.create_vpc_endpoint_service_configuration


def check_subnet_zones(response, config, subnet_ids):
    """AWS refuses a subnet in a zone (by id) the service is not in."""
    supported, _ = _service_zones(config, response.current_account, response.region)
    for subnet_id in subnet_ids:
        subnet = _subnet(response.ec2_backend, subnet_id)
        if subnet is not None and subnet.availability_zone_id not in supported:
            raise EC2ClientError(
                "InvalidParameter",
                f"The VPC endpoint service {config.service_name} does not support "
                f"the availability zone of the subnet: {subnet_id}.",
            )


def _subnet(backend, subnet_id):
    """The subnet `subnet_id` of `backend`, or None (moto reports unknown ones)."""
    for subnets in backend.subnets.values():
        if subnet_id in subnets:
            return subnets[subnet_id]
    return None


def _default_security_group(response, endpoint):
    """An interface endpoint created without groups gets the VPC's default one."""
    if (response._get_param("VpcEndpointType") or "").lower() != "interface":
        return
    if not endpoint.security_group_ids:
        default = response.ec2_backend.get_default_security_group(endpoint.vpc_id)
        if default is not None:
            endpoint.security_group_ids = [default.id]


def check_private_dns(response, config):
    """Private DNS needs a private DNS name on the service."""
    if str(response._get_param("PrivateDnsEnabled")).lower() == "true" and not (
        config.private_dns_name
    ):
        raise EC2ClientError(
            "InvalidParameter",
            f"Private DNS can't be enabled because the service {config.service_name} "
            "does not provide a private DNS name.",
        )


def create_vpc_endpoint(self):
    """moto's CreateVpcEndpoint with the checks and defaults above; installed
    by vpc_endpoints.py, which adds idempotency, DNS names and states."""
    service_name = self._get_param("ServiceName")
    target = None
    if PRIVATE_SERVICE.match(service_name or ""):
        target = find_service(self.region, service_name)
        if target is None or not _allowed(target[1], target[0].account_id, self.current_account):
            raise InvalidServiceName(service_name)
        check_subnet_zones(self, target[1], self._get_param("SubnetIds", []) or [])
        check_private_dns(self, target[1])
    result = _original_create_endpoint(self)
    _default_security_group(self, result.result["VpcEndpoint"])
    if target is not None and target[1].acceptance_required:
        result.result["VpcEndpoint"].state = "pendingAcceptance"
    return result


_original_describe_services = VPCBackend.describe_vpc_endpoint_services


def _service_zones(config, caller_account, region):
    """(zone ids, zone names in the caller's mapping) of the service's NLB subnets."""
    owner_ids = zones.zone_ids(config.ec2_backend.account_id, region)
    ids = sorted({owner_ids[name] for name in config.availability_zones if name in owner_ids})
    names = sorted(
        name for name in (zones.zone_name(caller_account, region, i) for i in ids) if name
    )
    return ids, names


def _place_zones(details, configs, caller_account, region):
    for detail in details:
        config = configs.get(detail.get("ServiceId"))
        if config is not None:
            ids, names = _service_zones(config, caller_account, region)
            detail["AvailabilityZoneIds"] = ids
            detail["AvailabilityZones"] = names


def describe_vpc_endpoint_services(self, service_names, filters, max_results, next_token, region):
    """Adds the services of other accounts that this account may use, with
    their zones as ids (physical) and as names in the caller's mapping."""
    own = self.configurations
    visible = dict(own)
    for backend in _region_backends(region):
        if backend.account_id == self.account_id:
            continue
        for service_id, config in backend.configurations.items():
            if _allowed(config, backend.account_id, self.account_id):
                visible[service_id] = config
    self.configurations = visible
    try:
        result = _original_describe_services(
            self, service_names, filters, max_results, next_token, region
        )
        _place_zones(result["servicesDetails"], visible, self.account_id, region)
        return result
    finally:
        self.configurations = own


_original_filter_services = VPCBackend._filter_endpoint_services


def _filter_endpoint_services(service_names_filters, filters, services):
    """moto reads `Value` where the API sends `Values`; give it both."""
    normalized = []
    for f in filters or []:
        f = dict(f)
        values = f.get("Values", f.get("Value", []))
        f["Values"] = f["Value"] = values
        normalized.append(f)
    return _original_filter_services(service_names_filters, normalized, services)


def create_vpc_endpoint_service_configuration(self):
    """Idempotent by `ClientToken`, as on AWS (see client_tokens.py)."""
    config = client_tokens.remembered(self, "endpoint-service")
    if config is not None:
        return ActionResult({"ServiceConfiguration": config,
                             "ClientToken": self._get_param("ClientToken")})
    result = _original_create_service_configuration(self)
    token = client_tokens.remember(self, "endpoint-service", result.result["ServiceConfiguration"])
    if token:
        result.result["ClientToken"] = token
    return result


def install():
    EC2Response.create_vpc_endpoint_service_configuration = (
        create_vpc_endpoint_service_configuration
    )
    EC2Response.describe_vpc_endpoint_connections = describe_vpc_endpoint_connections
    EC2Response.accept_vpc_endpoint_connections = accept_vpc_endpoint_connections
    EC2Response.reject_vpc_endpoint_connections = reject_vpc_endpoint_connections
    EC2Response.delete_vpc_endpoint_service_configurations = (
        delete_vpc_endpoint_service_configurations
    )
    EC2Response.describe_vpc_endpoint_service_permissions = (
        describe_vpc_endpoint_service_permissions
    )
    EC2Response.modify_vpc_endpoint_service_configuration = (
        modify_vpc_endpoint_service_configuration
    )
    VPCBackend.describe_vpc_endpoint_services = describe_vpc_endpoint_services
    VPCBackend._filter_endpoint_services = staticmethod(_filter_endpoint_services)
