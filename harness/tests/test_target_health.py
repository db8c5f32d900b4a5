"""ECS tasks as load balancer targets: healthy only when their security
group admits the load balancer's subnets; unhealthy tasks hold the rollout."""

import ipaddress
import unittest

from .support import LocalAwsTest

PORT = 8080
SUBNET_BLOCKS = ["10.40.1.0/24", "10.40.2.0/24"]


class TargetHealthTest(LocalAwsTest):
    def setUp(self):
        super().setUp()
        self.vpc, self.subnets = self.network()
        self.ec2 = self.client("ec2")
        self.elbv2 = self.client("elbv2")
        self.ecs = self.client("ecs")
        self.tasks_group = self.group("tasks")
        self.lb = self.nlb(self.subnets)["LoadBalancerArn"]
        # Active before the tests begin: a rollout waits for its load balancer.
        self.settled()
        self.cluster = self.ecs.create_cluster(clusterName="apps")["cluster"]["clusterArn"]
        self.task_definition = self.ecs.register_task_definition(
            family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="256", memory="512",
            containerDefinitions=[{"name": "api", "image": "nginx", "essential": True,
                                   "portMappings": [{"containerPort": PORT}]}],
        )["taskDefinition"]["taskDefinitionArn"]

    def group(self, name):
        return self.ec2.create_security_group(
            GroupName=name, Description=name, VpcId=self.vpc)["GroupId"]

    def admit(self, port, blocks=SUBNET_BLOCKS, protocol="tcp"):
        self.ec2.authorize_security_group_ingress(GroupId=self.tasks_group, IpPermissions=[{
            "IpProtocol": protocol, "FromPort": port, "ToPort": port,
            "IpRanges": [{"CidrIp": block} for block in blocks]}])

    def target_group(self, **health_check):
        tg = self.elbv2.create_target_group(
            Name="api", Protocol="TCP", Port=PORT, VpcId=self.vpc, TargetType="ip",
            HealthCheckProtocol="HTTP", HealthCheckPath="/health", **health_check,
        )["TargetGroups"][0]["TargetGroupArn"]
        self.elbv2.create_listener(LoadBalancerArn=self.lb, Protocol="TCP", Port=80,
                                   DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        return tg

    def service(self, tg):
        return self.ecs.create_service(
            cluster=self.cluster, serviceName="api", taskDefinition=self.task_definition,
            desiredCount=2, launchType="FARGATE",
            loadBalancers=[{"targetGroupArn": tg, "containerName": "api", "containerPort": PORT}],
            networkConfiguration={"awsvpcConfiguration": {
                "subnets": self.subnets, "securityGroups": [self.tasks_group],
                "assignPublicIp": "DISABLED"}},
        )["service"]

    def health(self, tg, **extra):
        return self.elbv2.describe_target_health(
            TargetGroupArn=tg, **extra)["TargetHealthDescriptions"]

    def states(self, tg):
        return [(d["TargetHealth"]["State"], d["TargetHealth"].get("Reason"))
                for d in self.health(tg)]

    def describe(self):
        return self.ecs.describe_services(cluster=self.cluster, services=["api"])["services"][0]

    def test_healthy_when_the_group_admits_the_subnets_on_both_ports(self):
        self.admit(PORT)
        self.admit(9090)
        tg = self.target_group(HealthCheckPort="9090")
        self.service(tg)
        self.assertEqual(self.states(tg), [("initial", "Elb.RegistrationInProgress")] * 2)
        self.settled()
        seen = self.health(tg)
        self.assertEqual([d["TargetHealth"]["State"] for d in seen], ["healthy"] * 2)
        self.assertEqual([(d["Target"]["Port"], d["HealthCheckPort"]) for d in seen],
                         [(PORT, "9090")] * 2)
        # One task in each of the service's subnets.
        self.assertEqual(
            [any(ipaddress.ip_address(d["Target"]["Id"]) in ipaddress.ip_network(block)
                 for block in SUBNET_BLOCKS) for d in seen], [True, True])
        self.assertNotEqual(seen[0]["Target"]["Id"], seen[1]["Target"]["Id"])

    def test_traffic_port_is_the_health_check_port_by_default(self):
        self.admit(PORT)
        tg = self.target_group()
        self.service(tg)
        self.settled()
        seen = self.health(tg)
        self.assertEqual([d["TargetHealth"]["State"] for d in seen], ["healthy"] * 2)
        self.assertEqual([d["HealthCheckPort"] for d in seen], [str(PORT)] * 2)

    def test_unhealthy_when_only_the_traffic_port_is_admitted(self):
        self.admit(PORT)
        tg = self.target_group(HealthCheckPort="9090")
        self.service(tg)
        self.settled()
        seen = self.health(tg)
        self.assertEqual([d["TargetHealth"] for d in seen], [{
            "State": "unhealthy", "Reason": "Target.FailedHealthChecks",
            "Description": "Health checks failed"}] * 2)
        self.admit(9090)
        self.assertEqual(self.states(tg), [("healthy", None)] * 2)

    def test_unhealthy_when_only_one_subnet_is_admitted(self):
        self.admit(PORT, blocks=SUBNET_BLOCKS[:1])
        tg = self.target_group()
        self.service(tg)
        self.settled()
        self.assertEqual(self.states(tg), [("unhealthy", "Target.FailedHealthChecks")] * 2)

    def test_unhealthy_when_only_an_unrelated_group_is_admitted(self):
        other = self.group("clients")
        self.ec2.authorize_security_group_ingress(GroupId=self.tasks_group, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": PORT, "ToPort": PORT,
            "UserIdGroupPairs": [{"GroupId": other}]}])
        tg = self.target_group()
        self.service(tg)
        self.settled()
        self.assertEqual(self.states(tg), [("unhealthy", "Target.FailedHealthChecks")] * 2)

    def test_a_rule_naming_the_load_balancers_group_admits_it(self):
        lb_group = self.group("nlb")
        self.elbv2.delete_load_balancer(LoadBalancerArn=self.lb)
        self.lb = self.elbv2.create_load_balancer(
            Name="grouped-nlb", Subnets=self.subnets, Type="network", Scheme="internal",
            SecurityGroups=[lb_group])["LoadBalancers"][0]["LoadBalancerArn"]
        self.settled()
        self.ec2.authorize_security_group_ingress(GroupId=self.tasks_group, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": PORT, "ToPort": PORT,
            "UserIdGroupPairs": [{"GroupId": lb_group}]}])
        tg = self.target_group()
        self.service(tg)
        self.settled()
        self.assertEqual(self.states(tg), [("healthy", None)] * 2)

    def test_a_vpc_wide_rule_admits_the_subnets(self):
        self.admit(PORT, blocks=["10.40.0.0/16"])
        tg = self.target_group()
        self.service(tg)
        self.settled()
        self.assertEqual(self.states(tg), [("healthy", None)] * 2)

    def test_a_rule_for_every_protocol_admits_every_port(self):
        self.ec2.authorize_security_group_ingress(GroupId=self.tasks_group, IpPermissions=[{
            "IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.40.0.0/16"}]}])
        tg = self.target_group(HealthCheckPort="9090")
        self.service(tg)
        self.settled()
        self.assertEqual(self.states(tg), [("healthy", None)] * 2)

    def test_tasks_have_distinct_addresses_in_the_service_subnets(self):
        self.admit(PORT)
        tg = self.target_group()
        # A /29 has three addresses AWS does not reserve: one per task.
        small = self.ec2.create_subnet(VpcId=self.vpc, CidrBlock="10.40.9.0/29",
                                       AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
        self.ecs.create_service(
            cluster=self.cluster, serviceName="api", taskDefinition=self.task_definition,
            desiredCount=3, launchType="FARGATE",
            loadBalancers=[{"targetGroupArn": tg, "containerName": "api", "containerPort": PORT}],
            networkConfiguration={"awsvpcConfiguration": {
                "subnets": [small], "securityGroups": [self.tasks_group]}},
        )
        self.assertEqual(sorted(d["Target"]["Id"] for d in self.health(tg)),
                         ["10.40.9.4", "10.40.9.5", "10.40.9.6"])

    def test_unused_once_the_load_balancer_is_gone(self):
        self.admit(PORT)
        tg = self.target_group()
        self.service(tg)
        self.settled()
        self.elbv2.delete_load_balancer(LoadBalancerArn=self.lb)
        self.assertEqual(self.states(tg), [("unused", "Target.NotInUse")] * 2)

    def test_tasks_of_a_deleted_service_drain_then_leave(self):
        self.admit(PORT)
        tg = self.target_group()
        self.service(tg)
        self.settled()
        self.ecs.delete_service(cluster=self.cluster, service="api", force=True)
        self.assertEqual(self.states(tg), [("draining", "Target.DeregistrationInProgress")] * 2)
        self.settled()
        self.assertEqual(self.health(tg), [])

    def test_registered_targets_are_listed_beside_the_tasks(self):
        self.admit(PORT)
        tg = self.target_group()
        self.elbv2.register_targets(TargetGroupArn=tg, Targets=[{"Id": "10.40.1.200"}])
        self.service(tg)
        self.settled()
        seen = self.health(tg)
        self.assertEqual(seen[0]["Target"]["Id"], "10.40.1.200")
        self.assertEqual([d["TargetHealth"]["State"] for d in seen], ["healthy"] * 3)
        task = seen[2]["Target"]
        self.assertEqual([d["Target"] for d in self.health(tg, Targets=[task])],
                         [task])

    def test_old_tasks_serve_while_a_new_revision_registers(self):
        self.admit(PORT)
        tg = self.target_group()
        self.service(tg)
        self.settled()
        revision = self.ecs.register_task_definition(
            family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="512", memory="1024",
            containerDefinitions=[{"name": "api", "image": "nginx", "essential": True}],
        )["taskDefinition"]["taskDefinitionArn"]
        self.ecs.update_service(cluster=self.cluster, service="api", taskDefinition=revision)
        self.assertEqual(self.states(tg), [("initial", "Elb.RegistrationInProgress")] * 2
                         + [("healthy", None)] * 2)
        self.settled()
        self.assertEqual(self.states(tg), [("healthy", None)] * 2)
        self.assertEqual([d["rolloutState"] for d in self.describe()["deployments"]],
                         ["COMPLETED"])

    def test_rollout_never_completes_while_unhealthy(self):
        tg = self.target_group()
        self.service(tg)
        self.settled()
        self.settled()
        seen = self.describe()
        self.assertEqual((seen["runningCount"], seen["desiredCount"]), (0, 2))
        self.assertEqual([(d["rolloutState"], d["failedTasks"]) for d in seen["deployments"]],
                         [("IN_PROGRESS", 2)])
        tasks = sorted(event["message"] for event in seen["events"])
        self.assertEqual(len(tasks), 2)
        self.assertRegex(tasks[0], r"^\(service api\) \(task [0-9a-f]{32}\) failed ELB "
                                   rf"health checks in \(target-group {tg}\)$")
        self.admit(PORT)
        seen = self.describe()
        self.assertEqual(seen["runningCount"], 2)
        self.assertEqual([d["rolloutState"] for d in seen["deployments"]], ["COMPLETED"])
        self.assertEqual(self.states(tg), [("healthy", None)] * 2)


if __name__ == "__main__":
    unittest.main()
