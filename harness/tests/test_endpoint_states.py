"""Interface endpoints come up and go away over time."""

import unittest

from botocore.exceptions import ClientError

from .privatelink_support import PrivateLinkCase
from .support import CONSUMER, REGION


class EndpointStatesTest(PrivateLinkCase):
    def state(self, endpoint_id):
        [endpoint] = self.client("ec2", CONSUMER).describe_vpc_endpoints(
            VpcEndpointIds=[endpoint_id])["VpcEndpoints"]
        return endpoint["State"]

    def test_without_acceptance_pending_then_available(self):
        config = self.service(acceptance_required=False)
        endpoint = self.endpoint(config["ServiceName"])
        self.assertEqual(endpoint["State"], "pending")
        self.assertEqual(self.state(endpoint["VpcEndpointId"]), "pending")
        [connection] = self.connections(config["ServiceId"])
        self.assertEqual(connection["VpcEndpointState"], "pending")
        self.settled()
        self.assertEqual(self.state(endpoint["VpcEndpointId"]), "available")
        [connection] = self.connections(config["ServiceId"])
        self.assertEqual(connection["VpcEndpointState"], "available")

    def test_pending_acceptance_does_not_settle_on_its_own(self):
        config = self.service()
        endpoint = self.endpoint(config["ServiceName"])
        self.settled()
        self.assertEqual(self.state(endpoint["VpcEndpointId"]), "pendingAcceptance")

    def test_an_endpoint_to_an_aws_service_comes_up_too(self):
        vpc, subnets = self.network(CONSUMER)
        endpoint = self.client("ec2", CONSUMER).create_vpc_endpoint(
            VpcId=vpc, ServiceName=f"com.amazonaws.{REGION}.s3", VpcEndpointType="Interface",
            SubnetIds=subnets)["VpcEndpoint"]
        self.assertEqual(endpoint["State"], "pending")
        self.settled()
        self.assertEqual(self.state(endpoint["VpcEndpointId"]), "available")

    def test_deleting_then_gone_with_its_network_interfaces(self):
        config = self.service(acceptance_required=False)
        endpoint = self.endpoint(config["ServiceName"])
        endpoint_id = endpoint["VpcEndpointId"]
        self.settled()
        ec2 = self.client("ec2", CONSUMER)
        self.assertEqual(ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])["Unsuccessful"], [])
        self.assertEqual(self.state(endpoint_id), "deleting")
        [connection] = self.connections(config["ServiceId"])
        self.assertEqual(connection["VpcEndpointState"], "deleting")
        enis = ec2.describe_network_interfaces()["NetworkInterfaces"]
        self.assertEqual(len(enis), len(endpoint["NetworkInterfaceIds"]))

        self.settled()
        self.assertEqual(ec2.describe_vpc_endpoints()["VpcEndpoints"], [])
        self.assertEqual(
            ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint_id])["VpcEndpoints"], [])
        self.assertEqual(ec2.describe_network_interfaces()["NetworkInterfaces"], [])
        self.assertEqual(self.connections(config["ServiceId"]), [])

    def test_an_id_never_seen_is_not_found(self):
        with self.assertRaises(ClientError) as caught:
            self.state("vpce-0123456789abcdef0")
        self.assertEqual(caught.exception.response["Error"]["Code"],
                         "InvalidVpcEndpointId.NotFound")

    def test_deleting_a_pending_endpoint_never_makes_it_available(self):
        config = self.service(acceptance_required=False)
        endpoint_id = self.endpoint(config["ServiceName"])["VpcEndpointId"]
        self.client("ec2", CONSUMER).delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])
        self.assertEqual(self.state(endpoint_id), "deleting")
        self.settled()
        self.assertEqual(self.client("ec2", CONSUMER).describe_vpc_endpoints()["VpcEndpoints"], [])


if __name__ == "__main__":
    unittest.main()
