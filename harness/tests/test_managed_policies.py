"""AWS-managed IAM policies: in every account, each account's own copy."""

import json
import unittest

from .support import CONSUMER, PROVIDER, LocalAwsTest

EXECUTION = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
TRUST = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "ecs-tasks.amazonaws.com"}}],
})


class ManagedPoliciesTest(LocalAwsTest):
    def test_every_account_sees_the_policy_with_its_document(self):
        for account in (PROVIDER, CONSUMER):
            iam = self.client("iam", account)
            policy = iam.get_policy(PolicyArn=EXECUTION)["Policy"]
            self.assertEqual(policy["Arn"], EXECUTION)
            version = iam.get_policy_version(
                PolicyArn=EXECUTION, VersionId=policy["DefaultVersionId"])["PolicyVersion"]
            actions = {a for s in version["Document"]["Statement"] for a in s["Action"]}
            self.assertIn("logs:PutLogEvents", actions)

    def test_the_policy_id_is_the_same_in_every_account(self):
        ids = {
            self.client("iam", account).get_policy(PolicyArn=EXECUTION)["Policy"]["PolicyId"]
            for account in (PROVIDER, CONSUMER)
        }
        self.assertEqual(len(ids), 1)

    def test_attachments_count_in_the_account_that_made_them(self):
        iam = self.client("iam", PROVIDER)
        iam.create_role(RoleName="execution", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="execution", PolicyArn=EXECUTION)
        counts = {
            account: self.client("iam", account).get_policy(
                PolicyArn=EXECUTION)["Policy"]["AttachmentCount"]
            for account in (PROVIDER, CONSUMER)
        }
        self.assertEqual(counts, {PROVIDER: 1, CONSUMER: 0})

    def test_a_reset_detaches_everything(self):
        iam = self.client("iam", PROVIDER)
        iam.create_role(RoleName="execution", AssumeRolePolicyDocument=TRUST)
        iam.attach_role_policy(RoleName="execution", PolicyArn=EXECUTION)
        self.setUp()
        self.assertEqual(iam.get_policy(PolicyArn=EXECUTION)["Policy"]["AttachmentCount"], 0)


if __name__ == "__main__":
    unittest.main()
