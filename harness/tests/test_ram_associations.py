"""AWS RAM: resources and principals associated with a share after its creation."""

import unittest

from botocore.exceptions import ClientError

from .support import CONSUMER, PROVIDER, LocalAwsTest

NETWORKING = "999999999999"


class RamAssociationsTest(LocalAwsTest):
    def setUp(self):
        super().setUp()
        self.ram = self.client("ram", NETWORKING)
        self.gateway = self.client("ec2", NETWORKING).create_transit_gateway(
            Description="hub")["TransitGateway"]
        self.share = self.ram.create_resource_share(name="hub")["resourceShare"]["resourceShareArn"]

    def associated(self, kind):
        return sorted(a["associatedEntity"] for a in self.ram.get_resource_share_associations(
            associationType=kind, resourceShareArns=[self.share])["resourceShareAssociations"])

    def error(self, call, **params):
        with self.assertRaises(ClientError) as raised:
            call(**params)
        return raised.exception.response["Error"]["Code"]

    def test_associations_share_the_gateway_with_the_principals(self):
        workload = self.client("ec2", PROVIDER)
        self.assertEqual(workload.describe_transit_gateways()["TransitGateways"], [])
        answer = self.ram.associate_resource_share(
            resourceShareArn=self.share, resourceArns=[self.gateway["TransitGatewayArn"]],
            clientToken="token-1")
        self.assertEqual([(a["associatedEntity"], a["associationType"], a["status"])
                          for a in answer["resourceShareAssociations"]],
                         [(self.gateway["TransitGatewayArn"], "RESOURCE", "ASSOCIATING")])
        self.assertEqual(answer["clientToken"], "token-1")
        for principal in (PROVIDER, CONSUMER, PROVIDER):
            self.ram.associate_resource_share(resourceShareArn=self.share, principals=[principal])
        self.assertEqual(self.associated("PRINCIPAL"), [PROVIDER, CONSUMER])
        self.assertEqual(self.associated("RESOURCE"), [self.gateway["TransitGatewayArn"]])
        seen = workload.describe_transit_gateways()["TransitGateways"]
        self.assertEqual([g["TransitGatewayId"] for g in seen], [self.gateway["TransitGatewayId"]])

    def test_disassociating_a_principal_unshares(self):
        self.ram.associate_resource_share(
            resourceShareArn=self.share, resourceArns=[self.gateway["TransitGatewayArn"]],
            principals=[PROVIDER])
        answer = self.ram.disassociate_resource_share(resourceShareArn=self.share, principals=[PROVIDER])
        self.assertEqual([a["status"] for a in answer["resourceShareAssociations"]], ["DISASSOCIATING"])
        self.assertEqual(self.associated("PRINCIPAL"), [])
        self.assertEqual(self.client("ec2", PROVIDER).describe_transit_gateways()["TransitGateways"], [])
        self.assertEqual(self.error(self.ram.disassociate_resource_share,
                                    resourceShareArn=self.share, principals=[PROVIDER]),
                         "UnknownResourceException")

    def test_unknown_or_deleted_shares_and_bad_principals_are_refused(self):
        unknown = self.share.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
        self.assertEqual(self.error(self.ram.associate_resource_share,
                                    resourceShareArn=unknown, principals=[PROVIDER]),
                         "UnknownResourceException")
        self.assertEqual(self.error(self.ram.associate_resource_share,
                                    resourceShareArn=self.share, principals=["not-an-account"]),
                         "InvalidParameterException")
        self.ram.delete_resource_share(resourceShareArn=self.share)
        self.assertEqual(self.error(self.ram.associate_resource_share,
                                    resourceShareArn=self.share, principals=[PROVIDER]),
                         "UnknownResourceException")


if __name__ == "__main__":
    unittest.main()
