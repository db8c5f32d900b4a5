"""AWS RAM: a share lists the default permission of each type of resource in
it; GetResourceShares answers the shares its filters name."""

import unittest

from botocore.exceptions import ClientError

from .support import LocalAwsTest

NETWORKING = "999999999999"
GATEWAY_PERMISSION = "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionTransitGateway"


class RamSharePermissionsTest(LocalAwsTest):
    def setUp(self):
        super().setUp()
        self.ram = self.client("ram", NETWORKING)
        self.share = self.ram.create_resource_share(name="hub")["resourceShare"]["resourceShareArn"]

    def permissions(self):
        return self.ram.list_resource_share_permissions(
            resourceShareArn=self.share)["permissions"]

    def test_an_empty_share_has_none_and_a_gateway_brings_its_default(self):
        self.assertEqual(self.permissions(), [])
        gateway = self.client("ec2", NETWORKING).create_transit_gateway(
            Description="hub")["TransitGateway"]
        self.ram.associate_resource_share(
            resourceShareArn=self.share, resourceArns=[gateway["TransitGatewayArn"]])
        [permission] = self.permissions()
        self.assertEqual(
            (permission["arn"], permission["resourceType"], permission["status"],
             permission["isResourceTypeDefault"]),
            (GATEWAY_PERMISSION, "ec2:TransitGateway", "ASSOCIATED", True))

    def test_an_unknown_or_deleted_share_is_unknown(self):
        self.ram.delete_resource_share(resourceShareArn=self.share)
        with self.assertRaises(ClientError) as raised:
            self.permissions()
        self.assertEqual(raised.exception.response["Error"]["Code"], "UnknownResourceException")


class RamShareFiltersTest(LocalAwsTest):
    def test_shares_are_answered_by_arn_status_and_name(self):
        ram = self.client("ram", NETWORKING)
        dev, staging = (ram.create_resource_share(name=name)["resourceShare"]["resourceShareArn"]
                        for name in ("hub-dev", "hub-staging"))
        ram.delete_resource_share(resourceShareArn=staging)

        def names(**filters):
            return sorted(s["name"] for s in ram.get_resource_shares(
                resourceOwner="SELF", **filters)["resourceShares"])

        self.assertEqual(names(), ["hub-dev", "hub-staging"])
        self.assertEqual(names(resourceShareArns=[dev]), ["hub-dev"])
        self.assertEqual(names(resourceShareStatus="ACTIVE"), ["hub-dev"])
        self.assertEqual(names(name="hub-staging"), ["hub-staging"])
        self.assertEqual(names(resourceShareArns=[dev], resourceShareStatus="DELETED"), [])


if __name__ == "__main__":
    unittest.main()
