"""AWS RAM ListResourceSharePermissions (moto has none).

A resource share carries, for each type of resource in it, that type's
default AWS-managed permission (AWS attaches it when the first resource of
the type is added). hashicorp/aws reads them after creating a share and on
every refresh (`permission_arns`); moto answers 404. Here, for a share of
the caller's:

* the default permission of each type among its resources, by ARN (e.g.
  `arn:aws:ram::aws:permission/AWSRAMDefaultPermissionTransitGateway` for a
  transit gateway), `ASSOCIATED`, version 1; none for an empty share;
* an unknown or deleted share is `UnknownResourceException`.
"""

import json

from moto.core.utils import unix_time
from moto.ram import urls as ram_urls
from moto.ram.exceptions import UnknownResourceException
from moto.ram.responses import ResourceAccessManagerResponse

PATH = "{0}/listresourcesharepermissions$"

#: RAM resource type and its default permission, by the resource part of an
#: ARN (`<service>:<region>:<account>:<resource kind>/<id>`).
DEFAULT_PERMISSIONS = {
    ("ec2", "transit-gateway"): ("ec2:TransitGateway", "AWSRAMDefaultPermissionTransitGateway"),
    ("ec2", "subnet"): ("ec2:Subnet", "AWSRAMDefaultPermissionSubnet"),
    ("ec2", "prefix-list"): ("ec2:PrefixList", "AWSRAMDefaultPermissionPrefixList"),
}


def _kind_of(arn):
    """(service, resource kind) of an ARN, e.g. ("ec2", "transit-gateway")."""
    parts = arn.split(":", 5)
    if len(parts) < 6:
        return None
    return parts[2], parts[5].split("/", 1)[0]


def _permission(share, resource_type, name):
    return {
        "arn": f"arn:aws:ram::aws:permission/{name}",
        "version": "1",
        "defaultVersion": True,
        "name": name,
        "resourceType": resource_type,
        "status": "ASSOCIATED",
        "creationTime": unix_time(share.creation_time),
        "lastUpdatedTime": unix_time(share.last_updated_time),
        "isResourceTypeDefault": True,
        "permissionType": "AWS_MANAGED",
        "featureSet": "STANDARD",
    }


def list_resource_share_permissions(self):
    arn = self._get_param("resourceShareArn")
    share = next(
        (s for s in self.ram_backend.resource_shares if s.arn == arn and s.status == "ACTIVE"),
        None,
    )
    if share is None:
        raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
    permissions = {}
    for resource in share.resource_arns:
        known = DEFAULT_PERMISSIONS.get(_kind_of(resource))
        if known is not None:
            resource_type, name = known
            permissions[name] = _permission(share, resource_type, name)
    return json.dumps({"permissions": list(permissions.values())})


def install():
    ram_urls.url_paths[PATH] = ResourceAccessManagerResponse.dispatch
    ResourceAccessManagerResponse.list_resource_share_permissions = list_resource_share_permissions
