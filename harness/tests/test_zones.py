"""Zone names are per-account aliases; zone ids name the physical zone."""

import unittest

from .support import CONSUMER, PROVIDER, REGION, LocalAwsTest

DEFAULT = "123456789012"


class ZonesTest(LocalAwsTest):
    def zone_ids(self, account):
        zones = self.client("ec2", account).describe_availability_zones()["AvailabilityZones"]
        return {z["ZoneName"]: z["ZoneId"] for z in zones}

    def test_the_same_name_is_another_zone_in_another_account(self):
        name = f"{REGION}a"
        self.assertNotEqual(self.zone_ids(PROVIDER)[name], self.zone_ids(CONSUMER)[name])
        self.assertNotEqual(self.zone_ids("333333333333")[name],
                            self.zone_ids("444444444444")[name])

    def test_default_account_keeps_motos_mapping(self):
        self.assertEqual(self.zone_ids(DEFAULT)[f"{REGION}a"], "use1-az6")

    def test_every_account_sees_every_zone_id_once(self):
        self.assertEqual(sorted(self.zone_ids(PROVIDER).values()),
                         sorted(self.zone_ids(DEFAULT).values()))

    def test_subnet_zone_id_follows_the_accounts_mapping(self):
        ids = self.zone_ids(CONSUMER)
        vpc, subnets = self.network(CONSUMER)
        ec2 = self.client("ec2", CONSUMER)
        described = ec2.describe_subnets(SubnetIds=subnets)["Subnets"]
        for subnet in described:
            self.assertEqual(subnet["AvailabilityZoneId"], ids[subnet["AvailabilityZone"]])
        by_id = ec2.describe_subnets(Filters=[
            {"Name": "availability-zone-id", "Values": [ids[f"{REGION}a"]]},
            {"Name": "vpc-id", "Values": [vpc]},
        ])["Subnets"]
        self.assertEqual([s["AvailabilityZone"] for s in by_id], [f"{REGION}a"])

    def test_create_subnet_by_zone_id_reads_the_accounts_mapping(self):
        ids = self.zone_ids(CONSUMER)
        ec2 = self.client("ec2", CONSUMER)
        vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.50.1.0/24",
                                   AvailabilityZoneId=ids[f"{REGION}b"])["Subnet"]
        self.assertEqual(subnet["AvailabilityZone"], f"{REGION}b")
        self.assertEqual(subnet["AvailabilityZoneId"], ids[f"{REGION}b"])


if __name__ == "__main__":
    unittest.main()
