"""Network load balancer ARNs, provisioning and delete guards."""

import unittest

from botocore.exceptions import ClientError

from .support import LocalAwsTest


class LoadBalancerTest(LocalAwsTest):
    def test_network_load_balancers_and_listeners_have_net_arns(self):
        _, subnets = self.network()
        lb = self.nlb(subnets)
        self.assertIn(":loadbalancer/net/demo-nlb/", lb["LoadBalancerArn"])
        elbv2 = self.client("elbv2")
        tg = elbv2.create_target_group(
            Name="demo-tg", Protocol="TCP", Port=8080, VpcId=lb["VpcId"], TargetType="ip"
        )["TargetGroups"][0]
        listener = elbv2.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="TCP", Port=80,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}],
        )["Listeners"][0]
        self.assertIn(":listener/net/demo-nlb/", listener["ListenerArn"])
        seen = elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]
        self.assertEqual([l["ListenerArn"] for l in seen], [listener["ListenerArn"]])

    def test_application_load_balancers_keep_app_arns(self):
        _, subnets = self.network()
        lb = self.client("elbv2").create_load_balancer(Name="web", Subnets=subnets)
        self.assertIn(":loadbalancer/app/web/", lb["LoadBalancers"][0]["LoadBalancerArn"])

    def test_provisioning_until_settled(self):
        _, subnets = self.network()
        arn = self.nlb(subnets)["LoadBalancerArn"]
        elbv2 = self.client("elbv2")
        state = lambda: elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["State"]["Code"]  # noqa: E731
        self.assertEqual(state(), "provisioning")
        self.settled()
        self.assertEqual(state(), "active")

    def test_load_balancer_of_an_endpoint_service_cannot_be_deleted(self):
        _, subnets = self.network()
        arn = self.nlb(subnets)["LoadBalancerArn"]
        ec2 = self.client("ec2")
        service = ec2.create_vpc_endpoint_service_configuration(
            NetworkLoadBalancerArns=[arn])["ServiceConfiguration"]
        elbv2 = self.client("elbv2")
        with self.assertRaises(ClientError) as raised:
            elbv2.delete_load_balancer(LoadBalancerArn=arn)
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceInUse")
        ec2.delete_vpc_endpoint_service_configurations(ServiceIds=[service["ServiceId"]])
        elbv2.delete_load_balancer(LoadBalancerArn=arn)
        self.assertEqual(elbv2.describe_load_balancers()["LoadBalancers"], [])

    def test_network_interfaces_outlive_the_load_balancer_briefly(self):
        _, subnets = self.network()
        lb = self.nlb(subnets)
        resource_id = lb["LoadBalancerArn"].split(":loadbalancer/")[1]
        ec2 = self.client("ec2")

        def interfaces():
            return ec2.describe_network_interfaces(
                Filters=[{"Name": "description", "Values": [f"ELB {resource_id}"]}]
            )["NetworkInterfaces"]

        self.assertEqual(sorted(i["SubnetId"] for i in interfaces()), sorted(subnets))
        self.client("elbv2").delete_load_balancer(LoadBalancerArn=lb["LoadBalancerArn"])
        self.assertEqual(len(interfaces()), 2)
        self.settled()
        self.assertEqual(interfaces(), [])


if __name__ == "__main__":
    unittest.main()


class IdempotentCreatesTest(LocalAwsTest):
    """A create repeated with the same settings returns the first object."""

    def setUp(self):
        super().setUp()
        self.vpc, self.subnets = self.network()
        self.elbv2 = self.client("elbv2")

    def target_group(self, port=8080, path="/health"):
        return self.elbv2.create_target_group(
            Name="api", Protocol="TCP", Port=port, VpcId=self.vpc, TargetType="ip",
            HealthCheckProtocol="HTTP", HealthCheckPath=path,
        )["TargetGroups"][0]

    def listener(self, lb_arn, tg_arn, port=80):
        return self.elbv2.create_listener(
            LoadBalancerArn=lb_arn, Protocol="TCP", Port=port,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": tg_arn}],
        )["Listeners"][0]

    def code_of(self, call):
        with self.assertRaises(ClientError) as caught:
            call()
        return caught.exception.response["Error"]["Code"]

    def test_a_repeated_load_balancer_create_returns_the_first(self):
        first = self.nlb(self.subnets)["LoadBalancerArn"]
        again = self.nlb(self.subnets)["LoadBalancerArn"]
        self.assertEqual(again, first)
        names = [lb["LoadBalancerName"] for lb in self.elbv2.describe_load_balancers()["LoadBalancers"]]
        self.assertEqual(names, ["demo-nlb"])
        self.assertEqual(self.code_of(lambda: self.nlb(self.subnets[:1])), "DuplicateLoadBalancerName")

    def test_a_repeated_target_group_create_returns_the_first(self):
        first = self.target_group()["TargetGroupArn"]
        self.assertEqual(self.target_group()["TargetGroupArn"], first)
        self.assertEqual(len(self.elbv2.describe_target_groups()["TargetGroups"]), 1)
        self.assertEqual(self.code_of(lambda: self.target_group(port=9090)), "DuplicateTargetGroupName")

    def test_a_repeated_listener_create_returns_the_first(self):
        lb = self.nlb(self.subnets)["LoadBalancerArn"]
        tg = self.target_group()["TargetGroupArn"]
        first = self.listener(lb, tg)["ListenerArn"]
        self.assertEqual(self.listener(lb, tg)["ListenerArn"], first)
        listeners = self.elbv2.describe_listeners(LoadBalancerArn=lb)["Listeners"]
        self.assertEqual(len(listeners), 1)
        other = self.elbv2.create_target_group(
            Name="other", Protocol="TCP", Port=8080, VpcId=self.vpc, TargetType="ip",
        )["TargetGroups"][0]["TargetGroupArn"]
        self.assertEqual(self.code_of(lambda: self.listener(lb, other)), "DuplicateListener")
        self.listener(lb, tg, port=81)
        self.assertEqual(len(self.elbv2.describe_listeners(LoadBalancerArn=lb)["Listeners"]), 2)
