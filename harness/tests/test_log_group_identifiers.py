"""DescribeLogGroups by logGroupIdentifiers answers only the groups named."""

import unittest

from botocore.exceptions import ClientError

from .support import LocalAwsTest


class LogGroupIdentifiersTest(LocalAwsTest):
    def test_only_the_named_groups_that_exist_are_answered(self):
        logs = self.client("logs")
        for name in ("/ecs/a", "/ecs/b", "/ecs/c", "/other/a"):
            logs.create_log_group(logGroupName=name)
        arn_of_c = next(
            g["arn"] for g in logs.describe_log_groups(logGroupNamePrefix="/ecs/c")["logGroups"]
        ).removesuffix(":*")
        answered = logs.describe_log_groups(
            logGroupIdentifiers=["/ecs/a", arn_of_c, "/ecs/missing"]
        )["logGroups"]
        self.assertEqual([g["logGroupName"] for g in answered], ["/ecs/a", "/ecs/c"])
        # Without identifiers, moto's listing is unchanged.
        listed = logs.describe_log_groups(logGroupNamePrefix="/ecs/")["logGroups"]
        self.assertEqual(len(listed), 3)

    def test_other_filters_and_too_many_identifiers_are_refused(self):
        logs = self.client("logs")
        with self.assertRaises(ClientError) as refused:
            logs.describe_log_groups(logGroupIdentifiers=["/ecs/a"], logGroupNamePrefix="/ecs/")
        self.assertEqual(refused.exception.response["Error"]["Code"], "InvalidParameterException")
        self.assertIn("logGroupNamePrefix", refused.exception.response["Error"]["Message"])
        with self.assertRaises(ClientError) as too_many:
            logs.describe_log_groups(logGroupIdentifiers=[f"/g/{i}" for i in range(51)])
        self.assertEqual(too_many.exception.response["Error"]["Code"], "InvalidParameterException")


if __name__ == "__main__":
    unittest.main()
