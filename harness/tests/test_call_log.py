"""The call log: calls counted per service and action, and per caller
(account, and whether this provider or something else made the call)."""

import json
import urllib.request

import boto3
from botocore.config import Config

from .support import CONSUMER, PROVIDER, REGION, LocalAwsTest


class CallLogTest(LocalAwsTest):
    def by_caller(self):
        with urllib.request.urlopen(self.url + "/_harness/calls/by-caller") as response:
            return json.loads(response.read())

    def ec2_with_agent(self, account, user_agent_extra):
        client = boto3.client(
            "ec2", region_name=REGION, endpoint_url=self.url,
            aws_access_key_id="test", aws_secret_access_key="test",
            config=Config(user_agent_extra=user_agent_extra),
        )
        client.meta.events.register(
            "before-sign",
            lambda request, **_: request.headers.__setitem__("x-moto-account-id", account))
        return client

    def test_calls_are_counted_per_account_and_agent(self):
        provider = self.ec2_with_agent(PROVIDER, "app/terraform-provider-privatelink")
        other = self.ec2_with_agent(CONSUMER, "terraform-test")
        provider.describe_vpcs()
        provider.describe_vpcs()
        other.describe_vpcs()
        other.describe_subnets()
        self.assertEqual(
            sorted((c["account"], c["agent"], c["service"], c["action"], c["count"])
                   for c in self.by_caller()),
            sorted([
                (CONSUMER, "other", "ec2", "DescribeSubnets", 1),
                (CONSUMER, "other", "ec2", "DescribeVpcs", 1),
                (PROVIDER, "privatelink", "ec2", "DescribeVpcs", 2),
            ]),
        )

    def test_a_reset_forgets_the_callers_too(self):
        self.ec2_with_agent(PROVIDER, "app/terraform-provider-privatelink").describe_vpcs()
        request = urllib.request.Request(self.url + "/_harness/calls/reset", method="POST")
        urllib.request.urlopen(request).read()
        self.assertEqual(self.by_caller(), [])
