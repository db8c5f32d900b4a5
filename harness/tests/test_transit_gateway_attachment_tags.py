"""Transit gateway VPC attachments keep the tags they are created with."""

import unittest

from .support import LocalAwsTest


class TransitGatewayAttachmentTagsTest(LocalAwsTest):
    def test_tags_of_the_attachment_specification_are_kept(self):
        ec2 = self.client("ec2")
        vpc, subnets = self.network()
        gateway = ec2.create_transit_gateway(Description="hub")["TransitGateway"]["TransitGatewayId"]
        created = ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=gateway, VpcId=vpc, SubnetIds=subnets,
            TagSpecifications=[{"ResourceType": "transit-gateway-attachment",
                                "Tags": [{"Key": "Name", "Value": "orders-dev"}]}],
        )["TransitGatewayVpcAttachment"]
        expected = [{"Key": "Name", "Value": "orders-dev"}]
        self.assertEqual(created["Tags"], expected)
        described = ec2.describe_transit_gateway_vpc_attachments(
            TransitGatewayAttachmentIds=[created["TransitGatewayAttachmentId"]]
        )["TransitGatewayVpcAttachments"][0]
        self.assertEqual(described["Tags"], expected)
        ec2.create_tags(Resources=[created["TransitGatewayAttachmentId"]],
                        Tags=[{"Key": "Team", "Value": "orders"}])
        described = ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"][0]
        self.assertEqual(sorted(t["Key"] for t in described["Tags"]), ["Name", "Team"])


if __name__ == "__main__":
    unittest.main()
