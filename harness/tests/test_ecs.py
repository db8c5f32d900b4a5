"""ECS deployment settings, rollouts, draining and cluster delete guards."""

import unittest

from botocore.exceptions import ClientError

from .support import LocalAwsTest


class EcsTest(LocalAwsTest):
    def setUp(self):
        super().setUp()
        _, self.subnets = self.network()
        self.ecs = self.client("ecs")
        self.cluster = self.ecs.create_cluster(clusterName="apps")["cluster"]["clusterArn"]
        self.revisions = [self.register() for _ in range(2)]

    def register(self):
        return self.ecs.register_task_definition(
            family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="256", memory="512",
            containerDefinitions=[{"name": "api", "image": "nginx", "essential": True}],
        )["taskDefinition"]["taskDefinitionArn"]

    def create(self, **extra):
        sg = self.client("ec2").describe_security_groups()["SecurityGroups"][0]["GroupId"]
        return self.ecs.create_service(
            cluster=self.cluster, serviceName="api", taskDefinition=self.revisions[0],
            desiredCount=2, launchType="FARGATE",
            networkConfiguration={"awsvpcConfiguration": {
                "subnets": self.subnets, "securityGroups": [sg], "assignPublicIp": "DISABLED"}},
            **extra,
        )["service"]

    def describe(self):
        return self.ecs.describe_services(cluster=self.cluster, services=["api"])["services"][0]

    def test_target_group_needs_a_listener_first(self):
        vpc = self.client("ec2").describe_subnets(SubnetIds=self.subnets)["Subnets"][0]["VpcId"]
        elbv2 = self.client("elbv2")
        tg = elbv2.create_target_group(
            Name="api", Protocol="TCP", Port=8080, VpcId=vpc, TargetType="ip"
        )["TargetGroups"][0]["TargetGroupArn"]
        attach = {"loadBalancers": [
            {"targetGroupArn": tg, "containerName": "api", "containerPort": 8080}]}
        with self.assertRaises(ClientError) as raised:
            self.create(**attach)
        self.assertIn("does not have an associated load balancer",
                      raised.exception.response["Error"]["Message"])
        lb = self.nlb(self.subnets)["LoadBalancerArn"]
        elbv2.create_listener(LoadBalancerArn=lb, Protocol="TCP", Port=80,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        self.assertEqual(self.create(**attach)["loadBalancers"][0]["targetGroupArn"], tg)

    def test_create_keeps_deployment_settings(self):
        self.create(
            deploymentConfiguration={"maximumPercent": 150, "minimumHealthyPercent": 50},
            healthCheckGracePeriodSeconds=45,
        )
        seen = self.describe()
        self.assertEqual(seen["deploymentConfiguration"]["maximumPercent"], 150)
        self.assertEqual(seen["deploymentConfiguration"]["minimumHealthyPercent"], 50)
        self.assertEqual(seen["healthCheckGracePeriodSeconds"], 45)

    def test_availability_zone_rebalancing_is_kept(self):
        self.create()
        self.assertEqual(self.describe()["availabilityZoneRebalancing"], "ENABLED")
        self.ecs.update_service(cluster=self.cluster, service="api", desiredCount=1)
        self.assertEqual(self.describe()["availabilityZoneRebalancing"], "ENABLED")
        self.ecs.update_service(cluster=self.cluster, service="api",
                                availabilityZoneRebalancing="DISABLED")
        self.assertEqual(self.describe()["availabilityZoneRebalancing"], "DISABLED")

    def test_availability_zone_rebalancing_given_at_create(self):
        created = self.create(availabilityZoneRebalancing="DISABLED")
        self.assertEqual(created["availabilityZoneRebalancing"], "DISABLED")
        self.assertEqual(self.describe()["availabilityZoneRebalancing"], "DISABLED")

    def test_rollout_completes_after_settling(self):
        created = self.create()
        self.assertEqual(created["runningCount"], 0)
        self.assertEqual(created["deployments"][0]["rolloutState"], "IN_PROGRESS")
        self.settled()
        seen = self.describe()
        self.assertEqual(seen["runningCount"], 2)
        self.assertEqual([d["rolloutState"] for d in seen["deployments"]], ["COMPLETED"])

    def test_new_revision_runs_beside_the_old_until_settled(self):
        self.create()
        self.settled()
        self.ecs.update_service(cluster=self.cluster, service="api", taskDefinition=self.revisions[1])
        seen = self.describe()
        self.assertEqual([d["status"] for d in seen["deployments"]], ["PRIMARY", "ACTIVE"])
        self.assertEqual(seen["deployments"][0]["taskDefinition"], self.revisions[1])
        self.settled()
        seen = self.describe()
        self.assertEqual([d["taskDefinition"] for d in seen["deployments"]], [self.revisions[1]])
        self.assertEqual(seen["runningCount"], 2)

    def test_scaling_reaches_the_new_count_after_settling(self):
        self.create()
        self.settled()
        self.ecs.update_service(cluster=self.cluster, service="api", desiredCount=3)
        self.assertEqual(self.describe()["runningCount"], 2)
        self.settled()
        self.assertEqual(self.describe()["runningCount"], 3)

    def test_deleted_service_drains_and_blocks_its_cluster(self):
        self.create()
        self.ecs.update_service(cluster=self.cluster, service="api", desiredCount=0)
        self.ecs.delete_service(cluster=self.cluster, service="api")
        self.assertEqual(self.describe()["status"], "DRAINING")
        with self.assertRaises(ClientError) as raised:
            self.ecs.delete_cluster(cluster=self.cluster)
        self.assertEqual(raised.exception.response["Error"]["Code"],
                         "ClusterContainsServicesException")
        self.settled()
        self.assertEqual(self.describe()["status"], "INACTIVE")
        self.ecs.delete_cluster(cluster=self.cluster)


if __name__ == "__main__":
    unittest.main()
