"""Kinds of transition can take times of their own."""

import os
import unittest
from unittest import mock

from local_aws.app import settle_seconds_by_kind
from local_aws.emulation.settle import KINDS, Settle

from .support import SETTLE, LocalAwsTest


class SettleByKindTest(unittest.TestCase):
    def test_a_kind_with_its_own_time_settles_then_and_the_others_at_the_default(self):
        now = [0.0]
        settle = Settle(1.0, clock=lambda: now[0], by_kind={"load_balancer_provisioning": 5.0})
        done = []
        settle.later("load_balancer_provisioning", lambda: done.append("load balancer"))
        settle.later("ecs_deployment", lambda: done.append("deployment"))
        now[0] = 1.0
        settle.run_due()
        self.assertEqual(done, ["deployment"])
        self.assertFalse(settle.due("load_balancer_provisioning", 0.0))
        now[0] = 5.0
        settle.run_due()
        self.assertEqual(done, ["deployment", "load balancer"])
        self.assertTrue(settle.due("load_balancer_provisioning", 0.0))

    def test_unknown_kinds_are_refused(self):
        with self.assertRaises(ValueError):
            Settle(1.0, by_kind={"load_balancer": 5})
        with self.assertRaises(ValueError):
            Settle(1.0).later("load_balancer", lambda: None)

    def test_the_environment_names_times_by_kind(self):
        env = {"LOCAL_AWS_SETTLE_SECONDS_BY_KIND": '{"ecs_deployment": 6, "endpoint_pending": "2.5"}'}
        with mock.patch.dict(os.environ, env):
            self.assertEqual(settle_seconds_by_kind(), {"ecs_deployment": 6.0, "endpoint_pending": 2.5})
        with mock.patch.dict(os.environ, {"LOCAL_AWS_SETTLE_SECONDS_BY_KIND": ""}):
            self.assertEqual(settle_seconds_by_kind(), {})

    def test_bad_settings_stop_the_server_with_their_reason(self):
        for raw, reason in [
            ("[1, 2]", "JSON object"),
            ('{"ecs_deployment": "soon"}', "JSON object"),
            ('{"nlb": 9}', "unknown kinds ['nlb']"),
        ]:
            with mock.patch.dict(os.environ, {"LOCAL_AWS_SETTLE_SECONDS_BY_KIND": raw}):
                with self.assertRaises(SystemExit) as stopped:
                    settle_seconds_by_kind()
                self.assertIn(reason, str(stopped.exception))

    def test_every_kind_is_described(self):
        self.assertTrue(all(description for description in KINDS.values()))


class LoadBalancerProvisioningTimeTest(LocalAwsTest):
    def tearDown(self):
        self.app.settle.by_kind = {}

    def test_a_load_balancer_provisions_for_its_own_time(self):
        self.app.settle.by_kind = {"load_balancer_provisioning": 4 * SETTLE}
        _, subnets = self.network()
        arn = self.nlb(subnets)["LoadBalancerArn"]
        elbv2 = self.client("elbv2")

        def state():
            [lb] = elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"]
            return lb["State"]["Code"]

        self.settled()
        self.assertEqual(state(), "provisioning")
        self.clock.advance(3 * SETTLE)
        self.assertEqual(state(), "active")

    def test_a_rollout_behind_a_provisioning_load_balancer_ends_after_it(self):
        self.app.settle.by_kind = {"load_balancer_provisioning": 4 * SETTLE,
                                   "ecs_deployment": 2 * SETTLE}
        vpc, subnets = self.network()
        ec2, elbv2, ecs = self.client("ec2"), self.client("elbv2"), self.client("ecs")
        lb = self.nlb(subnets)["LoadBalancerArn"]
        tg = elbv2.create_target_group(
            Name="api", Protocol="TCP", Port=8080, VpcId=vpc, TargetType="ip",
        )["TargetGroups"][0]["TargetGroupArn"]
        elbv2.create_listener(LoadBalancerArn=lb, Protocol="TCP", Port=8080,
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        group = ec2.create_security_group(GroupName="tasks", Description="tasks", VpcId=vpc)
        ec2.authorize_security_group_ingress(GroupId=group["GroupId"], IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
            "IpRanges": [{"CidrIp": "10.40.0.0/16"}]}])
        cluster = ecs.create_cluster(clusterName="apps")["cluster"]["clusterArn"]
        task_definition = ecs.register_task_definition(
            family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="256", memory="512",
            containerDefinitions=[{"name": "api", "image": "nginx", "essential": True,
                                   "portMappings": [{"containerPort": 8080}]}],
        )["taskDefinition"]["taskDefinitionArn"]
        self.clock.advance(SETTLE)
        ecs.create_service(
            cluster=cluster, serviceName="api", taskDefinition=task_definition,
            desiredCount=1, launchType="FARGATE",
            loadBalancers=[{"targetGroupArn": tg, "containerName": "api", "containerPort": 8080}],
            networkConfiguration={"awsvpcConfiguration": {
                "subnets": subnets, "securityGroups": [group["GroupId"]]}},
        )

        def rollout():
            [service] = ecs.describe_services(cluster=cluster, services=["api"])["services"]
            return service["deployments"][0]["rolloutState"]

        # The deployment's own time has passed, but the load balancer was
        # still provisioning: its targets could not be health-checked yet.
        self.clock.advance(2 * SETTLE + 0.1)
        self.assertEqual(rollout(), "IN_PROGRESS")
        # Active at 4 settle times; the rollout ends its own time after that.
        self.clock.advance(2 * SETTLE)
        self.assertEqual(rollout(), "IN_PROGRESS")
        self.clock.advance(SETTLE)
        self.assertEqual(rollout(), "COMPLETED")


if __name__ == "__main__":
    unittest.main()
