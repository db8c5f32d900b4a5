"""Attachments from other accounts in the gateway owner's route tables, as in AWS.

A workload account's VPC attachment to a shared transit gateway
(shared_transit_gateways.py) belongs to the workload account, but the
gateway's owner routes it: it associates the attachment with one of its
route tables and propagates the VPC's routes into them. moto looks the
attachment up among the owner's own and fails with HTTP 500. Here, as in
AWS:

* `AssociateTransitGatewayRouteTable`, `EnableTransitGatewayRouteTablePropagation`,
  `DisassociateTransitGatewayRouteTable` and
  `DisableTransitGatewayRouteTablePropagation` of the gateway's owner take
  another account's attachment to its gateway; both accounts then describe
  the attachment with its association (`Association`, which moto fills
  only for a gateway's default route table);
* an attachment still `pendingAcceptance` cannot be associated or
  propagated yet (`IncorrectState`);
* deleting an attachment (either account's) removes it from the owner's
  route tables: no association or propagation of it is listed afterwards.
"""

import contextlib

from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import ec2_backends
from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRouteTableBackend

from .backends import existing
from .shared_transit_gateways import foreign_attachments

_ROUTING = (
    "associate_transit_gateway_route_table",
    "enable_transit_gateway_route_table_propagation",
    "disassociate_transit_gateway_route_table",
    "disable_transit_gateway_route_table_propagation",
)


@contextlib.contextmanager
def _visible(backend, attachment_id, must_be_available):
    """Lets moto find another account's attachment among `backend`'s own
    for the length of one call."""
    foreign = None
    if attachment_id not in backend.transit_gateway_attachments:
        foreign = foreign_attachments(backend).get(attachment_id)
    if foreign is None:
        yield
        return
    if must_be_available and foreign.state != "available":
        raise EC2ClientError(
            "IncorrectState",
            f"tgw-attachment {attachment_id} is in invalid state {foreign.state}",
        )
    backend.transit_gateway_attachments[attachment_id] = foreign
    try:
        yield
    finally:
        backend.transit_gateway_attachments.pop(attachment_id, None)


def _routing(name):
    original = getattr(TransitGatewayRouteTableBackend, name)
    adds = name.startswith(("associate", "enable"))

    def call(self, *args, **kwargs):
        attachment_id, table_id = (list(args) + list(kwargs.values()))[:2]
        with _visible(self, attachment_id, must_be_available=adds):
            attachment = self.transit_gateway_attachments.get(attachment_id)
            result = original(self, *args, **kwargs)
        # Describe shows the association from the attachment's route table
        # (moto sets it only for a gateway's default route table).
        if attachment is not None and name.startswith("associate"):
            attachment.transit_gateway_route_table = self.transit_gateways_route_tables[table_id]
        elif attachment is not None and name.startswith("disassociate"):
            attachment.transit_gateway_route_table = None
        return result

    return call


def _forget_routing(owner, attachment_id):
    """Removes `attachment_id` from every route table of `owner`."""
    for table in owner.transit_gateways_route_tables.values():
        table.route_table_associations.pop(attachment_id, None)
        table.route_table_propagation = [
            p for p in table.route_table_propagation
            if p.transitGatewayAttachmentId != attachment_id
        ]
    owner.transit_gateway_associations.pop(attachment_id, None)
    owner.transit_gateway_propagations.pop(attachment_id, None)


def install():
    for name in _ROUTING:
        setattr(TransitGatewayRouteTableBackend, name, _routing(name))
    # Whatever delete is installed by now (transit_gateway_attachment_deletion.py's) stays in use.
    delete_before = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment

    def delete_transit_gateway_vpc_attachment(self, transit_gateway_attachment_id):
        attachment = delete_before(self, transit_gateway_attachment_id)
        owner_id = getattr(attachment, "_harness_gateway_owner", None) or self.account_id
        owner = existing(ec2_backends, owner_id, self.region_name)
        if owner is not None:
            _forget_routing(owner, transit_gateway_attachment_id)
        return attachment

    TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = (
        delete_transit_gateway_vpc_attachment
    )
