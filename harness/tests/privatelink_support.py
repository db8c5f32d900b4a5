"""Fixtures of PrivateLink tests: an endpoint service and endpoints to it."""

from .support import CONSUMER, REGION, LocalAwsTest


class PrivateLinkCase(LocalAwsTest):
    """An endpoint service of PROVIDER and endpoints of CONSUMER to it."""

    def service(self, acceptance_required=True, principals=(f"arn:aws:iam::{CONSUMER}:root",),
                zones=(f"{REGION}a", f"{REGION}b")):
        _, subnets = self.network(zones=zones)
        # A name per service: load balancer names are unique in an account.
        self._services = getattr(self, "_services", 0) + 1
        nlb = self.nlb(subnets, name=f"demo-nlb-{self._services}")
        ec2 = self.client("ec2")
        config = ec2.create_vpc_endpoint_service_configuration(
            NetworkLoadBalancerArns=[nlb["LoadBalancerArn"]],
            AcceptanceRequired=acceptance_required,
        )["ServiceConfiguration"]
        if principals:
            ec2.modify_vpc_endpoint_service_permissions(
                ServiceId=config["ServiceId"], AddAllowedPrincipals=list(principals)
            )
        return config

    def service_zones(self, service_name, account=CONSUMER):
        """The zone names `account` gives the zones of the service."""
        [service] = self.client("ec2", account).describe_vpc_endpoint_services(
            ServiceNames=[service_name])["ServiceDetails"]
        return service["AvailabilityZones"]

    def endpoint(self, service_name, account=CONSUMER, zones=None, **extra):
        """An endpoint with a subnet in each of `zones` (default: every zone
        of the service, by the consumer's own zone names, which differ from
        the owner's); `extra` goes to CreateVpcEndpoint."""
        zones = self.service_zones(service_name, account) if zones is None else zones
        vpc, subnets = self.network(account, zones)
        return self.client("ec2", account).create_vpc_endpoint(
            VpcId=vpc, ServiceName=service_name, VpcEndpointType="Interface",
            SubnetIds=subnets, **extra
        )["VpcEndpoint"]

    def connections(self, service_id):
        return self.client("ec2").describe_vpc_endpoint_connections(
            Filters=[{"Name": "service-id", "Values": [service_id]}]
        )["VpcEndpointConnections"]
