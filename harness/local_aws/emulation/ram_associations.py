"""AWS RAM AssociateResourceShare and DisassociateResourceShare (moto has neither).

terraform-base-infra shares its transit gateway as hashicorp/aws does it:
an empty resource share, then the gateway (`aws_ram_resource_association`)
and each workload account (`aws_ram_principal_association`) associated
with it, one `AssociateResourceShare` call each. Here, on moto's shares:

* `AssociateResourceShare` adds `resourceArns` and `principals` (checked as
  moto checks them at `CreateResourceShare`; one already associated is not
  added twice) and answers `resourceShareAssociations`, one per entity,
  `ASSOCIATING` as AWS answers (`GetResourceShareAssociations` then lists
  them `ASSOCIATED`), with the request's `clientToken`;
* `DisassociateResourceShare` removes them, answering `DISASSOCIATING`;
  an entity that is not associated is `UnknownResourceException`;
* an unknown or deleted share is `UnknownResourceException`.
"""

import json

from moto.core.utils import unix_time
from moto.ram import urls as ram_urls
from moto.ram.exceptions import UnknownResourceException
from moto.ram.responses import ResourceAccessManagerResponse

PATHS = ("{0}/associateresourceshare$", "{0}/disassociateresourceshare$")


def _share(response):
    arn = response._get_param("resourceShareArn")
    for share in response.ram_backend.resource_shares:
        if share.arn == arn and share.status == "ACTIVE":
            return share
    raise UnknownResourceException(f"ResourceShare {arn} could not be found.")


def _answer(response, share, resources, principals, status):
    def association(entity, kind):
        return {
            "resourceShareArn": share.arn,
            "resourceShareName": share.name,
            "associatedEntity": entity,
            "associationType": kind,
            "status": status,
            "creationTime": unix_time(share.creation_time),
            "lastUpdatedTime": unix_time(share.last_updated_time),
            "external": False,
        }

    return json.dumps({
        "resourceShareAssociations": [association(r, "RESOURCE") for r in resources]
        + [association(p, "PRINCIPAL") for p in principals],
        "clientToken": response._get_param("clientToken"),
    })


def associate_resource_share(self):
    share = _share(self)
    resources = self._get_param("resourceArns") or []
    principals = self._get_param("principals") or []
    share.add_resources([r for r in resources if r not in share.resource_arns])
    share.add_principals([p for p in principals if p not in share.principals])
    return _answer(self, share, resources, principals, "ASSOCIATING")


def disassociate_resource_share(self):
    share = _share(self)
    resources = self._get_param("resourceArns") or []
    principals = self._get_param("principals") or []
    for entity, associated in [(r, share.resource_arns) for r in resources] + [
        (p, share.principals) for p in principals
    ]:
        if entity not in associated:
            raise UnknownResourceException(
                f"{entity} is not associated with ResourceShare {share.arn}."
            )
    share.resource_arns = [r for r in share.resource_arns if r not in resources]
    share.principals = [p for p in share.principals if p not in principals]
    return _answer(self, share, resources, principals, "DISASSOCIATING")


def install():
    for path in PATHS:
        ram_urls.url_paths[path] = ResourceAccessManagerResponse.dispatch
    ResourceAccessManagerResponse.associate_resource_share = associate_resource_share
    ResourceAccessManagerResponse.disassociate_resource_share = disassociate_resource_share
