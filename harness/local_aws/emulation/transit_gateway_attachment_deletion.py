"""Deleted transit gateway VPC attachments go `deleting`, then `deleted`, as in AWS.

moto forgets an attachment the moment it is deleted; hashicorp/aws then
waits for a `deleted` state it never sees, and a destroy fails after its
retries ("couldn't find resource"). Here:

* `DeleteTransitGatewayVpcAttachment` answers the attachment `deleting`;
  after the settle time it is `deleted`;
* a deleted attachment is still described when asked for by its id
  (`TransitGatewayAttachmentIds`), as AWS keeps describing deleted
  attachments for a while; listings without ids leave it out, and it no
  longer counts as the VPC's attachment to its gateway (a new one may be
  created);
* deleting an unknown or already deleted attachment is AWS's
  `InvalidTransitGatewayAttachmentID.NotFound` (moto answers HTTP 500).
"""

from types import SimpleNamespace

from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend

_moto_describe = TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments
_moto_delete = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment


def _deleted(backend):
    """{attachment id: attachment} of the account's deleted attachments."""
    if not hasattr(backend, "_harness_deleted_attachments"):
        backend._harness_deleted_attachments = {}
    return backend._harness_deleted_attachments


def install(settle):
    # Whatever describe is installed by now (shared_transit_gateways.py's) stays in use.
    describe_before = TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments

    def delete_transit_gateway_vpc_attachment(self, transit_gateway_attachment_id):
        if transit_gateway_attachment_id not in self.transit_gateway_attachments:
            raise EC2ClientError(
                "InvalidTransitGatewayAttachmentID.NotFound",
                f"Transit Gateway Attachment {transit_gateway_attachment_id} was deleted "
                "or does not exist.",
            )
        attachment = _moto_delete(self, transit_gateway_attachment_id)
        attachment.state = "deleting"
        _deleted(self)[attachment.id] = attachment

        def gone():
            attachment.state = "deleted"

        settle.later("transit_gateway_attachment_deleting", gone)
        return attachment

    def describe_transit_gateway_vpc_attachments(
        self, transit_gateways_attachment_ids=None, filters=None
    ):
        found = describe_before(self, transit_gateways_attachment_ids, filters)
        if not transit_gateways_attachment_ids:
            return found
        asked = SimpleNamespace(transit_gateway_attachments={
            i: a for i, a in _deleted(self).items() if i in transit_gateways_attachment_ids
        })
        return found + _moto_describe(asked, transit_gateways_attachment_ids, filters)

    TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = (
        delete_transit_gateway_vpc_attachment
    )
    TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments = (
        describe_transit_gateway_vpc_attachments
    )
