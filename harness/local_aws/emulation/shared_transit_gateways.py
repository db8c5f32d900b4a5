"""Transit gateways shared with other accounts through AWS RAM, as AWS shares them.

moto keeps every account's EC2 apart: no account sees another's transit
gateway, so a workload account cannot attach its VPC to the networking
account's gateway. Here, as in AWS:

* a transit gateway is shared with an account when an `ACTIVE` RAM
  resource share of the gateway's owner (same region) holds the gateway's
  ARN and names the account (its id or `arn:aws:iam::<id>:root`) among its
  principals (shares inside an organization need no invitation, so none is
  modelled);
* `DescribeTransitGateways` of that account lists the shared gateway too,
  with the owner's `OwnerId`;
* `CreateTransitGatewayVpcAttachment` of that account attaches its VPC to
  the shared gateway: the attachment belongs to the VPC's account
  (`VpcOwnerId`), names the gateway's owner (`TransitGatewayOwnerId` in
  `DescribeTransitGatewayAttachments`), and is `pendingAcceptance` unless
  the gateway accepts shared attachments automatically
  (`AutoAcceptSharedAttachments` = `enable`: then `available`). A gateway
  that is not shared with the account is not there for it: AWS's
  `InvalidTransitGatewayID.NotFound`, "Transit Gateway <id> was deleted or
  does not exist.";
* a route of the account's route tables may go to the shared gateway
  (`CreateRoute`/`ReplaceRoute` with its `TransitGatewayId`); moto knows
  only the account's own gateways and drops the target;
* the gateway's owner sees the attachment in
  `DescribeTransitGatewayVpcAttachments` and
  `DescribeTransitGatewayAttachments`, with the tags it gave the attachment
  itself: tags of a shared resource are each account's own (the VPC's
  account keeps its tags, which the owner does not see), and accepts it with
  `AcceptTransitGatewayVpcAttachment` (moto has none): it becomes
  `available`, associated with the gateway's default route table when
  `DefaultRouteTableAssociation` is `enable`. Accepting an attachment the
  caller's gateways do not have is `InvalidTransitGatewayAttachmentID.NotFound`;
  one not pending acceptance is `IncorrectState`.
"""

import copy
import inspect
from types import SimpleNamespace

from moto.core.responses import ActionResult
from moto.ec2.exceptions import DuplicateTransitGatewayAttachmentError, EC2ClientError
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import RouteBackend
from moto.ec2.models.transit_gateway import TransitGatewayBackend
from moto.ec2.models.transit_gateway_attachments import (
    TransitGatewayAttachment,
    TransitGatewayAttachmentBackend,
    TransitGatewayVpcAttachment,
)
from moto.ec2.responses.transit_gateway_attachments import (
    TransitGatewayAttachment as TransitGatewayAttachmentResponse,
)
from moto.ram.models import ram_backends

from .backends import existing, in_region

PENDING_ACCEPTANCE = "pendingAcceptance"

_original_describe_gateways = TransitGatewayBackend.describe_transit_gateways
_original_create = TransitGatewayAttachmentBackend.create_transit_gateway_vpc_attachment
_original_describe_vpc_attachments = (
    TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments
)
_original_describe_attachments = (
    TransitGatewayAttachmentBackend.describe_transit_gateway_attachments
)
_original_owner = TransitGatewayAttachment.transit_gateway_owner_id


def _is_shared_with(gateway, account_id):
    """Whether an active RAM share of the gateway's owner names `account_id`."""
    owner = gateway.ec2_backend
    ram = existing(ram_backends, owner.account_id, owner.region_name)
    if ram is None:
        return False
    names = {account_id, f"arn:{owner.partition}:iam::{account_id}:root"}
    return any(
        share.status == "ACTIVE"
        and gateway.arn in share.resource_arns
        and names & set(share.principals)
        for share in ram.resource_shares
    )


def _shared_gateways(backend):
    """Other accounts' gateways shared with the account of `backend`."""
    for other in in_region(ec2_backends, backend.region_name):
        if other is backend:
            continue
        for gateway in list(other.transit_gateways.values()):
            if _is_shared_with(gateway, backend.account_id):
                yield gateway


def foreign_attachments(backend):
    """Other accounts' attachments to the gateways of `backend`'s account."""
    found = {}
    for other in in_region(ec2_backends, backend.region_name):
        if other is backend:
            continue
        for attachment in other.transit_gateway_attachments.values():
            if attachment.transit_gateway_id in backend.transit_gateways:
                found[attachment.id] = attachment
    return found


def describe_transit_gateways(self, filters, transit_gateway_ids):
    own = _original_describe_gateways(self, filters, transit_gateway_ids)
    # moto's own filtering, applied to the shared gateways.
    shared = SimpleNamespace(transit_gateways={g.id: g for g in _shared_gateways(self)})
    return own + _original_describe_gateways(shared, filters, transit_gateway_ids)


def _accept(gateway, attachment):
    attachment.state = "available"
    if gateway.options.get("DefaultRouteTableAssociation") == "enable":
        attachment.transit_gateway_route_table = gateway.default_route_table


def create_transit_gateway_vpc_attachment(
    self, transit_gateway_id, vpc_id, subnet_ids, tags=None, options=None
):
    gateway = None
    if transit_gateway_id not in self.transit_gateways:
        gateway = next(
            (g for g in _shared_gateways(self) if g.id == transit_gateway_id), None
        )
    if gateway is None:
        # The account's own gateway, or one it cannot see: moto's answer.
        return _original_create(self, transit_gateway_id, vpc_id, subnet_ids, tags, options)
    if self.describe_transit_gateway_vpc_attachments(
        filters={"transit-gateway-id": [transit_gateway_id], "vpc-id": [vpc_id]}
    ):
        raise DuplicateTransitGatewayAttachmentError(transit_gateway_id)
    attachment = TransitGatewayVpcAttachment(
        self, transit_gateway=gateway, vpc_id=vpc_id, subnet_ids=subnet_ids,
        tags=tags, options=options,
    )
    attachment._harness_gateway_owner = gateway.ec2_backend.account_id
    attachment.transit_gateway_route_table = None
    attachment.state = PENDING_ACCEPTANCE
    if gateway.options.get("AutoAcceptSharedAttachments") == "enable":
        _accept(gateway, attachment)
    self.transit_gateway_attachments[attachment.id] = attachment
    return attachment


def _as_seen_by(backend, attachment):
    """Another account's attachment as `backend`'s account sees it: the same
    attachment, with the tags of `backend`'s account."""
    seen = copy.copy(attachment)
    seen.ec2_backend = backend
    return seen


def describe_transit_gateway_vpc_attachments(
    self, transit_gateways_attachment_ids=None, filters=None
):
    own = _original_describe_vpc_attachments(self, transit_gateways_attachment_ids, filters)
    foreign = SimpleNamespace(transit_gateway_attachments={
        i: _as_seen_by(self, a) for i, a in foreign_attachments(self).items()
        if isinstance(a, TransitGatewayVpcAttachment)
    })
    return own + _original_describe_vpc_attachments(
        foreign, transit_gateways_attachment_ids, filters
    )


def describe_transit_gateway_attachments(
    self, transit_gateways_attachment_ids=None, filters=None
):
    own = _original_describe_attachments(self, transit_gateways_attachment_ids, filters)
    foreign = SimpleNamespace(transit_gateway_attachments={
        i: _as_seen_by(self, a) for i, a in foreign_attachments(self).items()
    })
    return own + _original_describe_attachments(foreign, transit_gateways_attachment_ids, filters)


def _transit_gateway_owner_id(self):
    return getattr(self, "_harness_gateway_owner", None) or _original_owner.fget(self)


def accept_transit_gateway_vpc_attachment(self):
    attachment_id = self._get_param("TransitGatewayAttachmentId")
    backend = self.ec2_backend
    attachment = foreign_attachments(backend).get(attachment_id)
    if attachment is None:
        own = backend.transit_gateway_attachments.get(attachment_id)
        if own is None or own.transit_gateway_id not in backend.transit_gateways:
            raise EC2ClientError(
                "InvalidTransitGatewayAttachmentID.NotFound",
                f"Transit Gateway Attachment {attachment_id} was deleted or does not exist.",
            )
        attachment = own
    if attachment.state != PENDING_ACCEPTANCE:
        raise EC2ClientError(
            "IncorrectState",
            f"tgw-attachment {attachment_id} is in invalid state {attachment.state}",
        )
    _accept(backend.transit_gateways[attachment.transit_gateway_id], attachment)
    return ActionResult({"TransitGatewayVpcAttachment": attachment})


def _routing_to_shared_gateways(original):
    signature = inspect.signature(original)

    def call(self, *args, **kwargs):
        route = original(self, *args, **kwargs)
        gateway_id = signature.bind(self, *args, **kwargs).arguments.get("transit_gateway_id")
        if gateway_id and route.transit_gateway is None:
            route.transit_gateway = next(
                (g for g in _shared_gateways(self) if g.id == gateway_id), None
            )
        return route

    return call


def install():
    RouteBackend.create_route = _routing_to_shared_gateways(RouteBackend.create_route)
    RouteBackend.replace_route = _routing_to_shared_gateways(RouteBackend.replace_route)
    TransitGatewayBackend.describe_transit_gateways = describe_transit_gateways
    TransitGatewayAttachmentBackend.create_transit_gateway_vpc_attachment = (
        create_transit_gateway_vpc_attachment
    )
    TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments = (
        describe_transit_gateway_vpc_attachments
    )
    TransitGatewayAttachmentBackend.describe_transit_gateway_attachments = (
        describe_transit_gateway_attachments
    )
    TransitGatewayAttachment.transit_gateway_owner_id = property(_transit_gateway_owner_id)
    TransitGatewayAttachmentResponse.accept_transit_gateway_vpc_attachment = (
        accept_transit_gateway_vpc_attachment
    )
