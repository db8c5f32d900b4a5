"""CreateVpcEndpoint idempotency and ModifyVpcEndpoint."""

import unittest

from botocore.exceptions import ClientError

from .privatelink_support import PrivateLinkCase
from .support import CONSUMER, PROVIDER, REGION


class ClientTokenTest(PrivateLinkCase):
    def setUp(self):
        super().setUp()
        config = self.service(acceptance_required=False)
        self.service_name = config["ServiceName"]
        zones = self.service_zones(self.service_name)
        self.vpc, self.subnets = self.network(CONSUMER, zones)
        self.ec2 = self.client("ec2", CONSUMER)

    def create(self, token, subnets=None):
        return self.ec2.create_vpc_endpoint(
            VpcId=self.vpc, ServiceName=self.service_name, VpcEndpointType="Interface",
            SubnetIds=self.subnets if subnets is None else subnets, ClientToken=token,
        )

    def endpoint_ids(self):
        return [e["VpcEndpointId"] for e in self.ec2.describe_vpc_endpoints()["VpcEndpoints"]]

    def test_the_same_request_returns_the_same_endpoint(self):
        first = self.create("token-1")["VpcEndpoint"]["VpcEndpointId"]
        again = self.create("token-1")
        self.assertEqual(again["VpcEndpoint"]["VpcEndpointId"], first)
        self.assertEqual(again["ClientToken"], "token-1")
        self.assertEqual(self.endpoint_ids(), [first])
        enis = self.ec2.describe_network_interfaces()["NetworkInterfaces"]
        self.assertEqual(len(enis), len(self.subnets))

    def test_other_parameters_are_a_mismatch(self):
        first = self.create("token-1")
        with self.assertRaises(ClientError) as caught:
            self.create("token-1", subnets=self.subnets[:1])
        response = caught.exception.response
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(response["Error"]["Code"], "IdempotentParameterMismatch")
        self.assertEqual(self.endpoint_ids(), [first["VpcEndpoint"]["VpcEndpointId"]])

    def test_another_token_creates_another_endpoint(self):
        first = self.create("token-1")["VpcEndpoint"]["VpcEndpointId"]
        second = self.create("token-2")["VpcEndpoint"]["VpcEndpointId"]
        self.assertNotEqual(first, second)
        self.assertEqual(sorted(self.endpoint_ids()), sorted([first, second]))

    def test_tokens_belong_to_one_account(self):
        other_account = "333333333333"
        config = self.service(acceptance_required=False,
                              principals=(f"arn:aws:iam::{other_account}:root",))
        zones = self.service_zones(config["ServiceName"], other_account)
        vpc, subnets = self.network(other_account, zones)
        theirs = self.client("ec2", other_account).create_vpc_endpoint(
            VpcId=vpc, ServiceName=config["ServiceName"], VpcEndpointType="Interface",
            SubnetIds=subnets, ClientToken="token-1")["VpcEndpoint"]["VpcEndpointId"]
        ours = self.create("token-1")["VpcEndpoint"]["VpcEndpointId"]
        self.assertNotEqual(theirs, ours)

    def test_the_token_of_a_deleted_endpoint_returns_it_deleted(self):
        endpoint_id = self.create("token-1")["VpcEndpoint"]["VpcEndpointId"]
        self.ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])
        self.settled()
        again = self.create("token-1")["VpcEndpoint"]
        self.assertEqual((again["VpcEndpointId"], again["State"]), (endpoint_id, "deleted"))
        self.assertEqual(self.endpoint_ids(), [])


class ModifyVpcEndpointTest(PrivateLinkCase):
    def setUp(self):
        super().setUp()
        self.config = self.service(
            acceptance_required=False, zones=(f"{REGION}a", f"{REGION}b", f"{REGION}c"))
        self.zones = self.service_zones(self.config["ServiceName"])
        self.ec2 = self.client("ec2", CONSUMER)

    def described(self, endpoint_id):
        [endpoint] = self.ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint_id])["VpcEndpoints"]
        return endpoint

    def subnet_in(self, vpc, zone, third_octet=9):
        return self.ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{third_octet}.0/24",
                                      AvailabilityZone=zone)["Subnet"]["SubnetId"]

    def eni_subnets(self, endpoint):
        enis = self.ec2.describe_network_interfaces(
            NetworkInterfaceIds=endpoint["NetworkInterfaceIds"])["NetworkInterfaces"]
        return sorted(e["SubnetId"] for e in enis)

    def test_subnets_bring_and_release_network_interfaces_and_names(self):
        endpoint = self.endpoint(self.config["ServiceName"], zones=self.zones[:2])
        endpoint_id = endpoint["VpcEndpointId"]
        added = self.subnet_in(endpoint["VpcId"], self.zones[2])
        removed = endpoint["SubnetIds"][0]
        self.ec2.modify_vpc_endpoint(
            VpcEndpointId=endpoint_id, AddSubnetIds=[added], RemoveSubnetIds=[removed])
        seen = self.described(endpoint_id)
        self.assertEqual(sorted(seen["SubnetIds"]), sorted([endpoint["SubnetIds"][1], added]))
        self.assertEqual(len(seen["NetworkInterfaceIds"]), 2)
        self.assertEqual(self.eni_subnets(seen), sorted(seen["SubnetIds"]))
        kept = set(endpoint["NetworkInterfaceIds"]) & set(seen["NetworkInterfaceIds"])
        self.assertEqual(len(kept), 1)
        all_enis = self.ec2.describe_network_interfaces()["NetworkInterfaces"]
        self.assertEqual(len(all_enis), 2)
        zonal = [e["DnsName"].split(".")[0] for e in seen["DnsEntries"][1:]]
        self.assertEqual([z[-len(f"{REGION}a"):] for z in zonal], sorted(self.zones[1:]))

    def test_a_subnet_in_a_zone_the_service_lacks_is_refused(self):
        endpoint = self.endpoint(self.config["ServiceName"], zones=self.zones[:1])
        provider_zones = self.client("ec2", PROVIDER).describe_availability_zones()
        service_ids = {z["ZoneId"] for z in provider_zones["AvailabilityZones"]
                       if z["ZoneName"] in (f"{REGION}a", f"{REGION}b", f"{REGION}c")}
        consumer_zones = self.ec2.describe_availability_zones()["AvailabilityZones"]
        other = next(z["ZoneName"] for z in consumer_zones if z["ZoneId"] not in service_ids)
        subnet = self.subnet_in(endpoint["VpcId"], other)
        with self.assertRaises(ClientError) as caught:
            self.ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"],
                                         AddSubnetIds=[subnet])
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "InvalidParameter")
        self.assertIn(f"does not support the availability zone of the subnet: {subnet}.",
                      error["Message"])
        self.assertEqual(self.described(endpoint["VpcEndpointId"])["SubnetIds"],
                         endpoint["SubnetIds"])

    def test_unknown_subnets_are_refused(self):
        endpoint = self.endpoint(self.config["ServiceName"], zones=self.zones[:1])
        with self.assertRaises(ClientError) as caught:
            self.ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"],
                                         AddSubnetIds=["subnet-0123456789abcdef0"])
        self.assertEqual(caught.exception.response["Error"]["Code"], "InvalidSubnetID.NotFound")

    def test_private_dns_can_be_switched(self):
        self.client("ec2").modify_vpc_endpoint_service_configuration(
            ServiceId=self.config["ServiceId"], PrivateDnsName="orders.example.com")
        endpoint = self.endpoint(self.config["ServiceName"], PrivateDnsEnabled=False)
        endpoint_id = endpoint["VpcEndpointId"]
        self.ec2.modify_vpc_endpoint(VpcEndpointId=endpoint_id, PrivateDnsEnabled=True)
        seen = self.described(endpoint_id)
        self.assertTrue(seen["PrivateDnsEnabled"])
        self.assertEqual(seen["DnsEntries"][0]["DnsName"], "orders.example.com")
        self.assertEqual(seen["DnsEntries"][1:], endpoint["DnsEntries"])

        self.ec2.modify_vpc_endpoint(VpcEndpointId=endpoint_id, PrivateDnsEnabled=False)
        seen = self.described(endpoint_id)
        self.assertFalse(seen["PrivateDnsEnabled"])
        self.assertEqual(seen["DnsEntries"], endpoint["DnsEntries"])

    def test_private_dns_needs_a_private_dns_name(self):
        endpoint = self.endpoint(self.config["ServiceName"], PrivateDnsEnabled=False)
        with self.assertRaises(ClientError) as caught:
            self.ec2.modify_vpc_endpoint(
                VpcEndpointId=endpoint["VpcEndpointId"], PrivateDnsEnabled=True)
        self.assertEqual(caught.exception.response["Error"]["Code"], "InvalidParameter")
        self.assertFalse(self.described(endpoint["VpcEndpointId"])["PrivateDnsEnabled"])

    def test_security_groups_can_be_added_and_removed(self):
        endpoint = self.endpoint(self.config["ServiceName"])
        [default] = [g["GroupId"] for g in endpoint["Groups"]]
        group = self.ec2.create_security_group(
            GroupName="endpoint", Description="endpoint", VpcId=endpoint["VpcId"])["GroupId"]
        self.ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"],
                                     AddSecurityGroupIds=[group], RemoveSecurityGroupIds=[default])
        seen = self.described(endpoint["VpcEndpointId"])
        self.assertEqual([g["GroupId"] for g in seen["Groups"]], [group])


if __name__ == "__main__":
    unittest.main()
