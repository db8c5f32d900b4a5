"""AssumeRole honours the trust policy of roles that exist."""

import json
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from .support import CONSUMER, PROVIDER, REGION, LocalAwsTest

ROLE_ARN = f"arn:aws:iam::{PROVIDER}:role/accept-endpoints"


def trust(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(principal, **extra):
    return {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole",
            **extra}


class AssumeRoleTest(LocalAwsTest):
    def role(self, *statements, name="accept-endpoints"):
        return self.client("iam").create_role(
            RoleName=name, AssumeRolePolicyDocument=trust(*statements))["Role"]["Arn"]

    def assume(self, role_arn=ROLE_ARN, account=CONSUMER, sts=None, **extra):
        sts = sts or self.client("sts", account)
        return sts.assume_role(RoleArn=role_arn, RoleSessionName="harness", **extra)

    def refused(self, role_arn=ROLE_ARN, account=CONSUMER, sts=None, **extra):
        with self.assertRaises(ClientError) as caught:
            self.assume(role_arn, account, sts, **extra)
        return caught.exception.response

    def session_sts(self, credentials):
        """An STS client using session credentials (no account header)."""
        return boto3.client(
            "sts", region_name=REGION, endpoint_url=self.url,
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
            config=Config(retries={"max_attempts": 1}),
        )

    def test_a_role_that_does_not_exist_can_be_assumed_by_anyone(self):
        out = self.assume(f"arn:aws:iam::{PROVIDER}:role/terraform")
        self.assertIn(f":{PROVIDER}:assumed-role/terraform/", out["AssumedRoleUser"]["Arn"])

    def test_an_untrusted_account_is_refused_with_awss_error(self):
        self.role(allow(f"arn:aws:iam::{PROVIDER}:root"))
        response = self.refused()
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertEqual(response["Error"]["Code"], "AccessDenied")
        caller = self.client("sts", CONSUMER).get_caller_identity()["Arn"]
        self.assertEqual(
            response["Error"]["Message"],
            f"User: {caller} is not authorized to perform: sts:AssumeRole on resource: {ROLE_ARN}",
        )

    def test_principal_forms_that_name_the_caller(self):
        forms = (CONSUMER, f"arn:aws:iam::{CONSUMER}:root", "*",
                 ["arn:aws:iam::999999999999:root", CONSUMER])
        for number, principal in enumerate(forms):
            with self.subTest(principal=principal):
                self.assume(self.role(allow(principal), name=f"trusting-{number}"))

    def test_a_session_of_a_trusted_role_may_assume(self):
        self.client("iam", CONSUMER).create_role(
            RoleName="deployer", AssumeRolePolicyDocument=trust(allow(PROVIDER)))
        deployer = f"arn:aws:iam::{CONSUMER}:role/deployer"
        self.role(allow(deployer))
        self.refused()
        session = self.assume(deployer, account=PROVIDER)["Credentials"]
        out = self.assume(sts=self.session_sts(session))
        self.assertIn(f":{PROVIDER}:assumed-role/accept-endpoints/", out["AssumedRoleUser"]["Arn"])

    def test_a_session_of_a_role_with_a_path_matches_its_full_arn(self):
        deployer = self.client("iam", CONSUMER).create_role(
            RoleName="deployer", Path="/ci/",
            AssumeRolePolicyDocument=trust(allow(PROVIDER)))["Role"]["Arn"]
        self.assertEqual(deployer, f"arn:aws:iam::{CONSUMER}:role/ci/deployer")
        self.role(allow(deployer))
        session = self.assume(deployer, account=PROVIDER)["Credentials"]
        self.assume(sts=self.session_sts(session))

    def test_a_session_of_another_role_is_refused_with_its_arn(self):
        self.client("iam", CONSUMER).create_role(
            RoleName="other", AssumeRolePolicyDocument=trust(allow(PROVIDER)))
        self.role(allow(f"arn:aws:iam::{CONSUMER}:role/deployer"))
        session = self.assume(f"arn:aws:iam::{CONSUMER}:role/other", account=PROVIDER)
        response = self.refused(sts=self.session_sts(session["Credentials"]))
        self.assertIn(f"User: {session['AssumedRoleUser']['Arn']} is not authorized",
                      response["Error"]["Message"])

    def test_external_id_must_match(self):
        self.role(allow(CONSUMER, Condition={"StringEquals": {"sts:ExternalId": "s3cret"}}))
        self.assertEqual(self.refused()["Error"]["Code"], "AccessDenied")
        self.assertEqual(self.refused(ExternalId="wrong")["Error"]["Code"], "AccessDenied")
        self.assume(ExternalId="s3cret")

    def test_external_id_patterns(self):
        self.role(allow(CONSUMER, Condition={"StringLike": {"sts:ExternalId": "team-*"}}))
        self.assume(ExternalId="team-orders")
        self.refused(ExternalId="other")
        self.refused(ExternalId="my-team-orders")

    def test_other_condition_keys_never_match(self):
        self.role(allow(CONSUMER, Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
        self.refused()

    def test_a_matching_deny_wins(self):
        self.role(allow("*"), {"Effect": "Deny", "Principal": {"AWS": CONSUMER},
                               "Action": "sts:*"})
        self.refused()
        self.assume(account="333333333333")

    def test_other_actions_do_not_allow(self):
        self.role({"Effect": "Allow", "Principal": {"AWS": CONSUMER},
                   "Action": "sts:TagSession"})
        self.refused()


if __name__ == "__main__":
    unittest.main()
