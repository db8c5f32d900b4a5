"""Endpoint connections, acceptance and visibility across accounts."""

import unittest

from botocore.exceptions import ClientError

from .privatelink_support import PrivateLinkCase
from .support import CONSUMER, PROVIDER


class PrivateLinkTest(PrivateLinkCase):
    def test_endpoint_waits_for_acceptance_and_is_listed_for_the_owner(self):
        config = self.service()
        endpoint = self.endpoint(config["ServiceName"])
        self.assertEqual(endpoint["State"], "pendingAcceptance")
        [connection] = self.connections(config["ServiceId"])
        self.assertEqual(connection["VpcEndpointId"], endpoint["VpcEndpointId"])
        self.assertEqual(connection["VpcEndpointOwner"], CONSUMER)
        self.assertEqual(connection["VpcEndpointState"], "pendingAcceptance")

        out = self.client("ec2").accept_vpc_endpoint_connections(
            ServiceId=config["ServiceId"], VpcEndpointIds=[endpoint["VpcEndpointId"]]
        )
        self.assertEqual(out["Unsuccessful"], [])

        def seen():
            return self.client("ec2", CONSUMER).describe_vpc_endpoints(
                VpcEndpointIds=[endpoint["VpcEndpointId"]]
            )["VpcEndpoints"][0]["State"]

        self.assertEqual(seen(), "pending")
        self.assertEqual(self.connections(config["ServiceId"])[0]["VpcEndpointState"], "pending")
        self.settled()
        self.assertEqual(seen(), "available")
        self.assertEqual(self.connections(config["ServiceId"])[0]["VpcEndpointState"], "available")

    def test_reject_and_unknown_endpoint_ids(self):
        config = self.service()
        endpoint = self.endpoint(config["ServiceName"])
        out = self.client("ec2").reject_vpc_endpoint_connections(
            ServiceId=config["ServiceId"],
            VpcEndpointIds=[endpoint["VpcEndpointId"], "vpce-0123456789abcdef0"],
        )
        self.assertEqual([u["ResourceId"] for u in out["Unsuccessful"]], ["vpce-0123456789abcdef0"])
        [connection] = self.connections(config["ServiceId"])
        self.assertEqual(connection["VpcEndpointState"], "rejected")

    def test_service_with_live_connections_cannot_be_deleted(self):
        config = self.service(acceptance_required=False)
        endpoint = self.endpoint(config["ServiceName"])
        ec2 = self.client("ec2")
        out = ec2.delete_vpc_endpoint_service_configurations(ServiceIds=[config["ServiceId"]])
        self.assertEqual(out["Unsuccessful"][0]["Error"]["Code"], "ExistingVpcEndpointConnections")
        ec2.reject_vpc_endpoint_connections(
            ServiceId=config["ServiceId"], VpcEndpointIds=[endpoint["VpcEndpointId"]]
        )
        out = ec2.delete_vpc_endpoint_service_configurations(ServiceIds=[config["ServiceId"]])
        self.assertEqual(out["Unsuccessful"], [])
        self.assertEqual(ec2.describe_vpc_endpoint_service_configurations()["ServiceConfigurations"], [])

    def test_only_allowed_accounts_see_and_reach_the_service(self):
        config = self.service(principals=())
        consumer = self.client("ec2", CONSUMER)
        with self.assertRaises(ClientError) as raised:
            consumer.describe_vpc_endpoint_services(ServiceNames=[config["ServiceName"]])
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidServiceName")
        vpc, subnets = self.network(CONSUMER)
        with self.assertRaises(ClientError) as raised:
            consumer.create_vpc_endpoint(VpcId=vpc, ServiceName=config["ServiceName"],
                                         VpcEndpointType="Interface", SubnetIds=subnets)
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidServiceName")

        self.client("ec2").modify_vpc_endpoint_service_permissions(
            ServiceId=config["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{CONSUMER}:root"]
        )
        details = consumer.describe_vpc_endpoint_services(
            Filters=[{"Name": "service-name", "Values": [config["ServiceName"]]}]
        )["ServiceDetails"]
        self.assertEqual([d["Owner"] for d in details], [PROVIDER])

    def test_permissions_carry_ids_and_types(self):
        config = self.service(principals=(f"arn:aws:iam::{CONSUMER}:root", "*"))
        allowed = self.client("ec2").describe_vpc_endpoint_service_permissions(
            ServiceId=config["ServiceId"]
        )["AllowedPrincipals"]
        self.assertEqual({a["PrincipalType"] for a in allowed}, {"Account", "All"})
        self.assertTrue(all(a["ServicePermissionId"].startswith("vpce-svc-perm-") for a in allowed))

    def test_private_dns_name_can_be_removed(self):
        config = self.service()
        ec2 = self.client("ec2")
        ec2.modify_vpc_endpoint_service_configuration(
            ServiceId=config["ServiceId"], PrivateDnsName="svc.example.com")
        ec2.modify_vpc_endpoint_service_configuration(
            ServiceId=config["ServiceId"], RemovePrivateDnsName=True)
        [seen] = ec2.describe_vpc_endpoint_service_configurations(
            ServiceIds=[config["ServiceId"]])["ServiceConfigurations"]
        self.assertFalse(seen.get("PrivateDnsName"))

    def test_connections_filter_by_endpoint_id_state_and_owner(self):
        config = self.service()
        first = self.endpoint(config["ServiceName"])
        second = self.endpoint(config["ServiceName"])
        ec2 = self.client("ec2")
        ec2.accept_vpc_endpoint_connections(
            ServiceId=config["ServiceId"], VpcEndpointIds=[second["VpcEndpointId"]])
        self.settled()

        def listed(*filters):
            return sorted(c["VpcEndpointId"] for c in ec2.describe_vpc_endpoint_connections(
                Filters=[{"Name": n, "Values": v} for n, v in filters]
            )["VpcEndpointConnections"])

        self.assertEqual(listed(("vpc-endpoint-id", [first["VpcEndpointId"]])),
                         [first["VpcEndpointId"]])
        self.assertEqual(listed(("vpc-endpoint-state", ["PENDINGACCEPTANCE"])),
                         [first["VpcEndpointId"]])
        self.assertEqual(listed(("vpc-endpoint-state", ["available"]),
                                ("service-id", [config["ServiceId"]])),
                         [second["VpcEndpointId"]])
        self.assertEqual(len(listed(("vpc-endpoint-owner", [CONSUMER]))), 2)
        self.assertEqual(listed(("vpc-endpoint-owner", [PROVIDER])), [])

    def test_deciding_again_is_an_invalid_state_item(self):
        config = self.service()
        endpoint_id = self.endpoint(config["ServiceName"])["VpcEndpointId"]
        ec2 = self.client("ec2")
        ec2.accept_vpc_endpoint_connections(
            ServiceId=config["ServiceId"], VpcEndpointIds=[endpoint_id])
        [again] = ec2.accept_vpc_endpoint_connections(
            ServiceId=config["ServiceId"], VpcEndpointIds=[endpoint_id])["Unsuccessful"]
        self.assertEqual(again["Error"]["Code"], "InvalidState")
        ec2.reject_vpc_endpoint_connections(
            ServiceId=config["ServiceId"], VpcEndpointIds=[endpoint_id])
        [again] = ec2.reject_vpc_endpoint_connections(
            ServiceId=config["ServiceId"], VpcEndpointIds=[endpoint_id])["Unsuccessful"]
        self.assertEqual(again["Error"]["Code"], "InvalidState")

    def test_service_zones_are_ids_and_the_callers_names(self):
        config = self.service()
        name = config["ServiceName"]

        def zone_ids(account):
            zones = self.client("ec2", account).describe_availability_zones()["AvailabilityZones"]
            return {z["ZoneName"]: z["ZoneId"] for z in zones}

        physical = sorted(zone_ids(PROVIDER)[z] for z in ("us-east-1a", "us-east-1b"))
        consumer_names = {i: n for n, i in zone_ids(CONSUMER).items()}
        for account in (PROVIDER, CONSUMER):
            [seen] = self.client("ec2", account).describe_vpc_endpoint_services(
                ServiceNames=[name])["ServiceDetails"]
            self.assertEqual(seen["AvailabilityZoneIds"], physical)
            self.assertEqual(seen["ServiceId"], config["ServiceId"])
            self.assertEqual(seen["Owner"], PROVIDER)
            self.assertTrue(seen["AcceptanceRequired"])
            self.assertEqual(seen["BaseEndpointDnsNames"],
                             [f"{config['ServiceId']}.us-east-1.vpce.amazonaws.com"])
        self.assertEqual(seen["AvailabilityZones"], sorted(consumer_names[i] for i in physical))
        self.assertNotEqual(seen["AvailabilityZones"], ["us-east-1a", "us-east-1b"])

    def test_subnet_in_a_zone_the_service_lacks_is_refused(self):
        config = self.service()
        ec2 = self.client("ec2", CONSUMER)
        provider_ids = self.client("ec2").describe_availability_zones()["AvailabilityZones"]
        physical = {z["ZoneId"] for z in provider_ids if z["ZoneName"] in ("us-east-1a", "us-east-1b")}
        other = next(z for z in ec2.describe_availability_zones()["AvailabilityZones"]
                     if z["ZoneId"] not in physical)
        vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24",
                                   AvailabilityZone=other["ZoneName"])["Subnet"]["SubnetId"]
        with self.assertRaises(ClientError) as caught:
            ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=config["ServiceName"],
                                    VpcEndpointType="Interface", SubnetIds=[subnet])
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "InvalidParameter")
        self.assertEqual(error["Message"],
                         f"The VPC endpoint service {config['ServiceName']} does not support "
                         f"the availability zone of the subnet: {subnet}.")
        self.assertEqual(ec2.describe_vpc_endpoints()["VpcEndpoints"], [])

    def test_private_dns_needs_a_private_dns_name(self):
        config = self.service()
        [service] = self.client("ec2", CONSUMER).describe_vpc_endpoint_services(
            ServiceNames=[config["ServiceName"]])["ServiceDetails"]
        vpc, subnets = self.network(CONSUMER, service["AvailabilityZones"])
        with self.assertRaises(ClientError) as caught:
            self.client("ec2", CONSUMER).create_vpc_endpoint(
                VpcId=vpc, ServiceName=config["ServiceName"], VpcEndpointType="Interface",
                SubnetIds=subnets, PrivateDnsEnabled=True)
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "InvalidParameter")
        self.assertEqual(error["Message"],
                         "Private DNS can't be enabled because the service "
                         f"{config['ServiceName']} does not provide a private DNS name.")

    def test_endpoint_without_groups_gets_the_vpcs_default_group(self):
        config = self.service()
        endpoint = self.endpoint(config["ServiceName"])
        [default] = self.client("ec2", CONSUMER).describe_security_groups(Filters=[
            {"Name": "vpc-id", "Values": [endpoint["VpcId"]]},
            {"Name": "group-name", "Values": ["default"]},
        ])["SecurityGroups"]
        self.assertEqual([g["GroupId"] for g in endpoint["Groups"]], [default["GroupId"]])


if __name__ == "__main__":
    unittest.main()


class EndpointServiceClientTokenTest(PrivateLinkCase):
    """CreateVpcEndpointServiceConfiguration is idempotent by ClientToken."""

    def create(self, token, acceptance_required=True):
        return self.client("ec2").create_vpc_endpoint_service_configuration(
            NetworkLoadBalancerArns=[self.nlb_arn], AcceptanceRequired=acceptance_required,
            ClientToken=token,
        )

    def setUp(self):
        super().setUp()
        _, subnets = self.network()
        self.nlb_arn = self.nlb(subnets)["LoadBalancerArn"]

    def service_ids(self):
        configs = self.client("ec2").describe_vpc_endpoint_service_configurations()
        return [c["ServiceId"] for c in configs["ServiceConfigurations"]]

    def test_a_retried_create_returns_the_first_service(self):
        first = self.create("svc-token")["ServiceConfiguration"]["ServiceId"]
        again = self.create("svc-token")
        self.assertEqual(again["ServiceConfiguration"]["ServiceId"], first)
        self.assertEqual(again["ClientToken"], "svc-token")
        self.assertEqual(self.service_ids(), [first])

    def test_other_parameters_are_a_mismatch_and_other_tokens_new_services(self):
        self.create("svc-token")
        with self.assertRaises(ClientError) as caught:
            self.create("svc-token", acceptance_required=False)
        self.assertEqual(caught.exception.response["Error"]["Code"], "IdempotentParameterMismatch")
        self.create("other-token")
        self.assertEqual(len(self.service_ids()), 2)
