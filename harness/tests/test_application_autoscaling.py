"""Application Auto Scaling: scalable targets' tags; deleting what is not
there is ObjectNotFoundException."""

import unittest

from botocore.exceptions import ClientError

from .support import CONSUMER, LocalAwsTest

RESOURCE = "service/apps/api"
DIMENSION = "ecs:service:DesiredCount"


class ScalingCase(LocalAwsTest):
    """An ECS service to scale (no tests of its own)."""

    def setUp(self):
        super().setUp()
        _, subnets = self.network()
        ecs = self.client("ecs")
        ecs.create_cluster(clusterName="apps")
        definition = ecs.register_task_definition(
            family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
            cpu="256", memory="512",
            containerDefinitions=[{"name": "api", "image": "nginx", "essential": True}],
        )["taskDefinition"]["taskDefinitionArn"]
        group = self.client("ec2").describe_security_groups()["SecurityGroups"][0]["GroupId"]
        ecs.create_service(
            cluster="apps", serviceName="api", taskDefinition=definition, desiredCount=1,
            launchType="FARGATE",
            networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [group]}},
        )
        self.scaling = self.client("application-autoscaling")

    def register(self, **extra):
        return self.scaling.register_scalable_target(
            ServiceNamespace="ecs", ResourceId=RESOURCE, ScalableDimension=DIMENSION,
            MinCapacity=1, MaxCapacity=3, **extra,
        )["ScalableTargetARN"]


class ApplicationAutoscalingTagsTest(ScalingCase):
    def tags(self, arn):
        return self.scaling.list_tags_for_resource(ResourceARN=arn)["Tags"]

    def error(self, call, **params):
        with self.assertRaises(ClientError) as raised:
            call(**params)
        return raised.exception.response["Error"]["Code"]

    def test_tags_given_at_registration_are_listed(self):
        arn = self.register(Tags={"Team": "orders", "Environment": "dev"})
        described = self.scaling.describe_scalable_targets(ServiceNamespace="ecs")
        self.assertEqual(described["ScalableTargets"][0]["ScalableTargetARN"], arn)
        self.assertEqual(self.tags(arn), {"Team": "orders", "Environment": "dev"})

    def test_a_target_registered_without_tags_has_none(self):
        self.assertEqual(self.tags(self.register()), {})

    def test_registering_again_updates_capacity_and_keeps_the_tags(self):
        arn = self.register(Tags={"Team": "orders"})
        again = self.scaling.register_scalable_target(
            ServiceNamespace="ecs", ResourceId=RESOURCE, ScalableDimension=DIMENSION,
            MinCapacity=2, MaxCapacity=5, Tags={"Team": "other"},
        )["ScalableTargetARN"]
        self.assertEqual(again, arn)
        self.assertEqual(self.tags(arn), {"Team": "orders"})
        target = self.scaling.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"][0]
        self.assertEqual((target["MinCapacity"], target["MaxCapacity"]), (2, 5))

    def test_tag_and_untag(self):
        arn = self.register(Tags={"Team": "orders", "Old": "yes"})
        self.scaling.tag_resource(ResourceARN=arn, Tags={"Team": "payments", "Cost": "42"})
        self.assertEqual(self.tags(arn), {"Team": "payments", "Old": "yes", "Cost": "42"})
        self.scaling.untag_resource(ResourceARN=arn, TagKeys=["Old", "Missing"])
        self.assertEqual(self.tags(arn), {"Team": "payments", "Cost": "42"})

    def test_more_than_fifty_tags_are_refused(self):
        arn = self.register(Tags={f"k{i}": "v" for i in range(49)})
        self.scaling.tag_resource(ResourceARN=arn, Tags={"k49": "v"})
        self.assertEqual(self.error(self.scaling.tag_resource, ResourceARN=arn, Tags={"k50": "v"}),
                         "TooManyTagsException")
        self.assertEqual(len(self.tags(arn)), 50)

    def test_unknown_or_deregistered_targets_are_not_found(self):
        arn = self.register(Tags={"Team": "orders"})
        other_account = self.client("application-autoscaling", CONSUMER)
        self.assertEqual(self.error(other_account.list_tags_for_resource, ResourceARN=arn),
                         "ResourceNotFoundException")
        self.scaling.deregister_scalable_target(
            ServiceNamespace="ecs", ResourceId=RESOURCE, ScalableDimension=DIMENSION)
        for call, params in [
            (self.scaling.list_tags_for_resource, {}),
            (self.scaling.tag_resource, {"Tags": {"Team": "x"}}),
            (self.scaling.untag_resource, {"TagKeys": ["Team"]}),
        ]:
            self.assertEqual(self.error(call, ResourceARN=arn, **params), "ResourceNotFoundException")
        self.assertEqual(self.tags(self.register()), {})


class ApplicationAutoscalingNotFoundTest(ScalingCase):
    def code(self, call, **params):
        with self.assertRaises(ClientError) as raised:
            call(**params)
        return raised.exception.response["Error"]["Code"]

    def test_a_second_delete_finds_nothing_as_in_aws(self):
        self.register()
        where = dict(ServiceNamespace="ecs", ResourceId=RESOURCE, ScalableDimension=DIMENSION)
        self.scaling.put_scaling_policy(
            PolicyName="api-cpu", PolicyType="TargetTrackingScaling", **where,
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": 60,
                "PredefinedMetricSpecification": {
                    "PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
            })
        self.scaling.delete_scaling_policy(PolicyName="api-cpu", **where)
        self.assertEqual(self.code(self.scaling.delete_scaling_policy, PolicyName="api-cpu",
                                   **where), "ObjectNotFoundException")
        self.scaling.deregister_scalable_target(**where)
        self.assertEqual(self.code(self.scaling.deregister_scalable_target, **where),
                         "ObjectNotFoundException")

    def test_other_validation_errors_are_kept(self):
        self.assertEqual(self.code(
            self.scaling.register_scalable_target, ServiceNamespace="ecs",
            ResourceId="service/missing/api", ScalableDimension=DIMENSION,
            MinCapacity=1, MaxCapacity=3), "ClusterNotFoundException")


if __name__ == "__main__":
    unittest.main()
