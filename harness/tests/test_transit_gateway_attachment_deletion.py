"""Deleted transit gateway VPC attachments: deleting, then deleted."""

import unittest

from botocore.exceptions import ClientError

from .support import LocalAwsTest


class TransitGatewayAttachmentDeletionTest(LocalAwsTest):
    def setUp(self):
        super().setUp()
        self.ec2 = self.client("ec2")
        self.vpc, self.subnets = self.network()
        self.gateway = self.ec2.create_transit_gateway(Description="hub")["TransitGateway"]["TransitGatewayId"]

    def attach(self):
        return self.ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=self.gateway, VpcId=self.vpc, SubnetIds=self.subnets,
        )["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]

    def state(self, attachment_id):
        return [a["State"] for a in self.ec2.describe_transit_gateway_vpc_attachments(
            TransitGatewayAttachmentIds=[attachment_id])["TransitGatewayVpcAttachments"]]

    def delete(self, attachment_id):
        return self.ec2.delete_transit_gateway_vpc_attachment(
            TransitGatewayAttachmentId=attachment_id)["TransitGatewayVpcAttachment"]["State"]

    def test_deleting_then_deleted_when_asked_by_id(self):
        attachment = self.attach()
        self.assertEqual(self.delete(attachment), "deleting")
        self.assertEqual(self.state(attachment), ["deleting"])
        self.settled()
        self.assertEqual(self.state(attachment), ["deleted"])
        self.assertEqual(self.ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"], [])

    def test_the_vpc_attaches_again_after_a_delete(self):
        first = self.attach()
        self.delete(first)
        second = self.attach()
        self.assertNotEqual(first, second)
        listed = self.ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
        self.assertEqual([a["TransitGatewayAttachmentId"] for a in listed], [second])

    def test_deleting_twice_or_unknown_is_not_found(self):
        attachment = self.attach()
        self.delete(attachment)
        for attachment_id in (attachment, "tgw-attach-0123456789abcdef0"):
            with self.assertRaises(ClientError) as raised:
                self.delete(attachment_id)
            self.assertEqual(raised.exception.response["Error"]["Code"],
                             "InvalidTransitGatewayAttachmentID.NotFound")


if __name__ == "__main__":
    unittest.main()
