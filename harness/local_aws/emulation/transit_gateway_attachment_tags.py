"""Transit gateway VPC attachments keep the tags they are created with.

`CreateTransitGatewayVpcAttachment` takes its tags in a tag specification
of resource type `transit-gateway-attachment`; moto reads only the type
`transit-gateway-route-table`, so an attachment created as AWS documents
(and as hashicorp/aws creates it) has no tags, and every plan wants to add
them again. Here the attachment keeps them, and describes them.
"""

from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment

RESOURCE_TYPE = "transit-gateway-attachment"

_original_create = TransitGatewayAttachment.create_transit_gateway_vpc_attachment


def create_transit_gateway_vpc_attachment(self):
    result = _original_create(self)
    tags = self._parse_tag_specification().get(RESOURCE_TYPE, {})
    if tags:
        result.result["TransitGatewayVpcAttachment"].add_tags(tags)
    return result


def install():
    TransitGatewayAttachment.create_transit_gateway_vpc_attachment = (
        create_transit_gateway_vpc_attachment
    )
