"""Interface endpoint DNS entries in AWS's shape."""

import re
import unittest

from .privatelink_support import PrivateLinkCase
from .support import CONSUMER, REGION

HOST = re.compile(r"^(vpce-[0-9a-f]{17})-([a-z0-9]{8})(?:-([a-z0-9-]+))?\.(vpce-svc-[0-9a-f]+)"
                  r"\.us-east-1\.vpce\.amazonaws\.com$")


class EndpointDnsTest(PrivateLinkCase):
    def described(self, endpoint_id):
        [endpoint] = self.client("ec2", CONSUMER).describe_vpc_endpoints(
            VpcEndpointIds=[endpoint_id])["VpcEndpoints"]
        return endpoint

    def test_regional_then_one_name_per_zone(self):
        config = self.service(acceptance_required=False)
        zones = self.service_zones(config["ServiceName"])
        endpoint = self.endpoint(config["ServiceName"], PrivateDnsEnabled=False)
        entries = endpoint["DnsEntries"]
        self.assertEqual([e["HostedZoneId"] for e in entries], ["Z7HUB22UULQXV"] * 3)
        parsed = [HOST.match(e["DnsName"]).groups() for e in entries]
        self.assertEqual({p[0] for p in parsed}, {endpoint["VpcEndpointId"]})
        self.assertEqual({p[3] for p in parsed}, {config["ServiceId"]})
        self.assertEqual(len({p[1] for p in parsed}), 1)
        self.assertEqual([p[2] for p in parsed], [None] + sorted(zones))

    def test_create_describe_and_the_owners_view_agree(self):
        config = self.service(acceptance_required=False)
        endpoint = self.endpoint(config["ServiceName"])
        self.assertEqual(self.described(endpoint["VpcEndpointId"])["DnsEntries"],
                         endpoint["DnsEntries"])
        [connection] = self.connections(config["ServiceId"])
        self.assertEqual(connection["DnsEntries"], endpoint["DnsEntries"])

    def test_the_services_private_name_comes_first_when_enabled(self):
        config = self.service(acceptance_required=False)
        self.client("ec2").modify_vpc_endpoint_service_configuration(
            ServiceId=config["ServiceId"], PrivateDnsName="orders.example.com")
        endpoint = self.endpoint(config["ServiceName"], PrivateDnsEnabled=True)
        private, regional, *zonal = endpoint["DnsEntries"]
        self.assertEqual(private["DnsName"], "orders.example.com")
        self.assertRegex(private["HostedZoneId"], r"^Z[0-9A-Z]+$")
        self.assertNotEqual(private["HostedZoneId"], "Z7HUB22UULQXV")
        self.assertTrue(HOST.match(regional["DnsName"]))
        self.assertEqual(len(zonal), 2)

        without = self.endpoint(config["ServiceName"], PrivateDnsEnabled=False)
        self.assertEqual(len(without["DnsEntries"]), 3)
        self.assertNotIn("orders.example.com", [e["DnsName"] for e in without["DnsEntries"]])

    def test_names_keep_their_suffix_when_the_endpoint_changes(self):
        config = self.service(acceptance_required=False)
        endpoint = self.endpoint(config["ServiceName"])
        self.client("ec2", CONSUMER).modify_vpc_endpoint(
            VpcEndpointId=endpoint["VpcEndpointId"], RemoveSubnetIds=[endpoint["SubnetIds"][1]])
        after = self.described(endpoint["VpcEndpointId"])["DnsEntries"]
        self.assertEqual(after, endpoint["DnsEntries"][:2])

    def test_zone_names_are_the_endpoint_owners(self):
        config = self.service(acceptance_required=False)
        endpoint = self.endpoint(config["ServiceName"])
        subnets = self.client("ec2", CONSUMER).describe_subnets(
            SubnetIds=endpoint["SubnetIds"])["Subnets"]
        zonal = [HOST.match(e["DnsName"]).group(3) for e in endpoint["DnsEntries"][1:]]
        self.assertEqual(zonal, sorted(s["AvailabilityZone"] for s in subnets))
        self.assertTrue(all(z.startswith(REGION) for z in zonal))


if __name__ == "__main__":
    unittest.main()
