"""Transit gateways shared through AWS RAM: attached to from other accounts."""

import unittest

from botocore.exceptions import ClientError

from .support import CONSUMER, PROVIDER, LocalAwsTest

NETWORKING = "999999999999"


class SharedGatewayCase(LocalAwsTest):
    """A transit gateway of the networking account and a workload VPC."""

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


class SharedTransitGatewaysTest(SharedGatewayCase):
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



class SharedAttachmentRoutingTest(SharedGatewayCase):
    """The gateway's owner routes other accounts' attachments."""

    def setUp(self):
        super().setUp()
        self.share(PROVIDER)
        self.attachment_id = self.attach()["TransitGatewayAttachmentId"]
        self.table = self.owner.create_transit_gateway_route_table(
            TransitGatewayId=self.gateway["TransitGatewayId"],
        )["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]

    def route(self):
        ids = dict(TransitGatewayRouteTableId=self.table,
                   TransitGatewayAttachmentId=self.attachment_id)
        self.owner.associate_transit_gateway_route_table(**ids)
        self.owner.enable_transit_gateway_route_table_propagation(**ids)

    def routing(self):
        table = dict(TransitGatewayRouteTableId=self.table)
        associations = self.owner.get_transit_gateway_route_table_associations(**table)
        propagations = self.owner.get_transit_gateway_route_table_propagations(**table)
        return (
            [a["TransitGatewayAttachmentId"] for a in associations["Associations"]],
            [(p["TransitGatewayAttachmentId"], p["State"])
             for p in propagations["TransitGatewayRouteTablePropagations"]],
        )

    def test_a_pending_attachment_is_not_routed_yet(self):
        self.assertEqual(self.error(self.owner.associate_transit_gateway_route_table,
                                    TransitGatewayRouteTableId=self.table,
                                    TransitGatewayAttachmentId=self.attachment_id),
                         "IncorrectState")
        self.assertEqual(self.routing(), ([], []))

    def test_an_accepted_attachment_is_associated_and_propagated_by_the_owner(self):
        self.owner.accept_transit_gateway_vpc_attachment(
            TransitGatewayAttachmentId=self.attachment_id)
        self.route()
        self.assertEqual(self.routing(),
                         ([self.attachment_id], [(self.attachment_id, "enabled")]))
        # The attachment's own account sees the association too.
        [seen] = self.workload.describe_transit_gateway_attachments(
            TransitGatewayAttachmentIds=[self.attachment_id])["TransitGatewayAttachments"]
        self.assertEqual(seen["Association"]["TransitGatewayRouteTableId"], self.table)
        ids = dict(TransitGatewayRouteTableId=self.table,
                   TransitGatewayAttachmentId=self.attachment_id)
        self.owner.disable_transit_gateway_route_table_propagation(**ids)
        self.owner.disassociate_transit_gateway_route_table(**ids)
        self.assertEqual(self.routing(), ([], []))

    def test_each_account_sees_its_own_tags_of_the_attachment(self):
        self.workload.create_tags(Resources=[self.attachment_id],
                                  Tags=[{"Key": "Name", "Value": "workload-side"}])
        self.owner.create_tags(Resources=[self.attachment_id],
                               Tags=[{"Key": "Name", "Value": "hub-side"}])

        def tags(client):
            [seen] = client.describe_transit_gateway_vpc_attachments(
                TransitGatewayAttachmentIds=[self.attachment_id])["TransitGatewayVpcAttachments"]
            return seen["Tags"]

        self.assertEqual(tags(self.workload), [{"Key": "Name", "Value": "workload-side"}])
        self.assertEqual(tags(self.owner), [{"Key": "Name", "Value": "hub-side"}])

    def test_a_workload_route_goes_to_the_shared_gateway(self):
        gateway_id = self.gateway["TransitGatewayId"]
        [table] = self.workload.describe_route_tables(
            Filters=[{"Name": "vpc-id", "Values": [self.vpc]}])["RouteTables"]
        table_id = table["RouteTableId"]
        self.workload.create_route(RouteTableId=table_id, DestinationCidrBlock="10.99.0.0/16",
                                   TransitGatewayId=gateway_id)
        self.workload.replace_route(RouteTableId=table_id, DestinationCidrBlock="10.99.0.0/16",
                                    TransitGatewayId=gateway_id)
        [seen] = self.workload.describe_route_tables(RouteTableIds=[table_id])["RouteTables"]
        self.assertIn(("10.99.0.0/16", gateway_id),
                      [(r["DestinationCidrBlock"], r.get("TransitGatewayId")) for r in seen["Routes"]])

    def test_a_deleted_attachment_leaves_the_owners_route_tables(self):
        self.owner.accept_transit_gateway_vpc_attachment(
            TransitGatewayAttachmentId=self.attachment_id)
        self.route()
        self.workload.delete_transit_gateway_vpc_attachment(
            TransitGatewayAttachmentId=self.attachment_id)
        self.assertEqual(self.routing(), ([], []))
