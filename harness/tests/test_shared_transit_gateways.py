"""Transit gateways shared through AWS RAM: attached to from other accounts."""

import unittest

from botocore.exceptions import ClientError

from .support import CONSUMER, PROVIDER, LocalAwsTest

NETWORKING = "999999999999"


class SharedTransitGatewaysTest(LocalAwsTest):
    def setUp(self):
        super().setUp()
        self.owner = self.client("ec2", NETWORKING)
        self.gateway = self.owner.create_transit_gateway(
            Description="hub",
            Options={"AutoAcceptSharedAttachments": "disable",
                     "DefaultRouteTableAssociation": "disable"},
        )["TransitGateway"]
        self.workload = self.client("ec2", PROVIDER)
        self.vpc, self.subnets = self.network(PROVIDER)

    def share(self, *principals):
        return self.client("ram", NETWORKING).create_resource_share(
            name="hub", principals=list(principals),
            resourceArns=[self.gateway["TransitGatewayArn"]],
        )["resourceShare"]["resourceShareArn"]

    def attach(self, client=None, vpc=None, subnets=None):
        return (client or self.workload).create_transit_gateway_vpc_attachment(
            TransitGatewayId=self.gateway["TransitGatewayId"], VpcId=vpc or self.vpc,
            SubnetIds=subnets or self.subnets,
        )["TransitGatewayVpcAttachment"]

    def error(self, call, **params):
        with self.assertRaises(ClientError) as raised:
            call(**params)
        return raised.exception.response["Error"]["Code"]

    def test_a_gateway_not_shared_is_not_there_for_other_accounts(self):
        self.assertEqual(self.workload.describe_transit_gateways()["TransitGateways"], [])
        with self.assertRaises(ClientError) as raised:
            self.attach()
        self.assertEqual(raised.exception.response["Error"]["Code"],
                         "InvalidTransitGatewayID.NotFound")
        self.assertIn("was deleted or does not exist", raised.exception.response["Error"]["Message"])

    def test_a_share_with_another_account_does_not_admit_this_one(self):
        self.share(CONSUMER)
        self.assertEqual(self.error(self.attach), "InvalidTransitGatewayID.NotFound")

    def test_a_deleted_share_no_longer_admits(self):
        arn = self.share(PROVIDER)
        self.client("ram", NETWORKING).delete_resource_share(resourceShareArn=arn)
        self.assertEqual(self.error(self.attach), "InvalidTransitGatewayID.NotFound")

    def test_the_shared_gateway_is_described_with_its_owner(self):
        self.share(PROVIDER)
        seen = self.workload.describe_transit_gateways(
            TransitGatewayIds=[self.gateway["TransitGatewayId"]])["TransitGateways"]
        self.assertEqual([(g["TransitGatewayId"], g["OwnerId"]) for g in seen],
                         [(self.gateway["TransitGatewayId"], NETWORKING)])

    def test_attachment_waits_for_the_owner_to_accept_it(self):
        self.share(PROVIDER)
        attachment = self.attach()
        attachment_id = attachment["TransitGatewayAttachmentId"]
        self.assertEqual(attachment["State"], "pendingAcceptance")
        self.assertEqual(attachment["VpcOwnerId"], PROVIDER)
        listed = self.workload.describe_transit_gateway_attachments()["TransitGatewayAttachments"]
        self.assertEqual([(a["TransitGatewayOwnerId"], a["ResourceOwnerId"]) for a in listed],
                         [(NETWORKING, PROVIDER)])
        # The owner sees it, and only the owner may accept it.
        seen = self.owner.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
        self.assertEqual([a["TransitGatewayAttachmentId"] for a in seen], [attachment_id])
        self.assertEqual(self.error(self.workload.accept_transit_gateway_vpc_attachment,
                                    TransitGatewayAttachmentId=attachment_id),
                         "InvalidTransitGatewayAttachmentID.NotFound")
        accepted = self.owner.accept_transit_gateway_vpc_attachment(
            TransitGatewayAttachmentId=attachment_id)["TransitGatewayVpcAttachment"]
        self.assertEqual(accepted["State"], "available")
        seen = self.workload.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
        self.assertEqual(seen[0]["State"], "available")
        self.assertEqual(self.error(self.owner.accept_transit_gateway_vpc_attachment,
                                    TransitGatewayAttachmentId=attachment_id), "IncorrectState")
        self.workload.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment_id)
        self.assertEqual(self.owner.describe_transit_gateway_vpc_attachments()[
            "TransitGatewayVpcAttachments"], [])

    def test_a_vpc_attaches_once(self):
        self.share(f"arn:aws:iam::{PROVIDER}:root")
        self.attach()
        self.assertEqual(self.error(self.attach), "DuplicateTransitGatewayAttachment")

    def test_auto_accepting_gateway_makes_attachments_available(self):
        self.gateway = self.owner.create_transit_gateway(
            Description="auto", Options={"AutoAcceptSharedAttachments": "enable"})["TransitGateway"]
        self.share(PROVIDER)
        self.assertEqual(self.attach()["State"], "available")


if __name__ == "__main__":
    unittest.main()
