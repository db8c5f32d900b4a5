"""Faults injected through /_harness/faults: errors in each protocol's shape,
answers lost after the call took effect, latency; which calls they hit."""

import json
import threading
import time
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError
from werkzeug.test import EnvironBuilder

from .support import CONSUMER, PROVIDER, REGION, LocalAwsTest


class FaultsTest(LocalAwsTest):
    def harness(self, method, payload=None):
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.url + "/_harness/faults", data=data,
                                         method=method)
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())

    def inject(self, **spec):
        return self.harness("POST", spec)["id"]

    def listed(self):
        return self.harness("GET")

    def fired(self, fault_id):
        return next(f["fired"] for f in self.listed() if f["id"] == fault_id)

    def refusal(self, spec):
        with self.assertRaises(urllib.error.HTTPError) as caught:
            self.harness("POST", spec)
        self.assertEqual(caught.exception.code, 400)
        return json.loads(caught.exception.read())["error"]

    def error_of(self, call, *args, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(*args, **kwargs)
        return caught.exception.response

    def attempting(self, service, attempts, account=PROVIDER):
        """A client making `attempts` attempts in all (botocore's standard
        retry mode)."""
        client = boto3.client(
            service, region_name=REGION, endpoint_url=self.url,
            aws_access_key_id="test", aws_secret_access_key="test",
            config=Config(retries={"total_max_attempts": attempts, "mode": "standard"}),
        )
        client.meta.events.register(
            "before-sign",
            lambda request, **_: request.headers.__setitem__("x-moto-account-id", account))
        return client

    def count_of(self, action):
        return sum(c["count"] for c in self.app.calls.snapshot() if c["action"] == action)

    def test_an_error_in_each_protocols_shape(self):
        calls = {
            "ec2": lambda c: c.describe_vpcs(),
            "elbv2": lambda c: c.describe_load_balancers(),
            "sts": lambda c: c.get_caller_identity(),
            "iam": lambda c: c.list_roles(),
            "ecs": lambda c: c.list_clusters(),
            "logs": lambda c: c.describe_log_groups(),
        }
        actions = ("DescribeVpcs", "DescribeLoadBalancers", "GetCallerIdentity", "ListRoles",
                   "ListClusters", "DescribeLogGroups")
        for (name, call), action in zip(calls.items(), actions):
            with self.subTest(service=name):
                self.inject(action=action, kind="error", code="UnauthorizedOperation",
                            message=f"You are not <authorized> & {name} says so.", status=403)
                response = self.error_of(call, self.attempting(name, 1))
                self.assertEqual(response["Error"]["Code"], "UnauthorizedOperation")
                self.assertEqual(response["Error"]["Message"],
                                 f"You are not <authorized> & {name} says so.")
                self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 403)
                self.assertTrue(response["ResponseMetadata"]["RequestId"])
                call(self.attempting(name, 1))

    def test_an_error_never_reaches_moto_and_is_counted(self):
        self.inject(action="CreateVpc", kind="error", code="InvalidParameterValue",
                    message="Bad CIDR.")
        ec2 = self.attempting("ec2", 3)
        response = self.error_of(ec2.create_vpc, CidrBlock="10.0.0.0/16")
        self.assertEqual(response["Error"]["Code"], "InvalidParameterValue")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(self.count_of("CreateVpc"), 1, "not retried")
        cidrs = [v["CidrBlock"] for v in ec2.describe_vpcs()["Vpcs"]]
        self.assertNotIn("10.0.0.0/16", cidrs)

    def test_retryable_errors_are_retried_by_the_sdk(self):
        cases = (("ecs", "Throttling", 400), ("ec2", "RequestLimitExceeded", 503),
                 ("elbv2", "InternalFailure", 500), ("logs", "ServiceUnavailable", 503))
        calls = {"ecs": lambda c: c.list_clusters(), "ec2": lambda c: c.describe_vpcs(),
                 "elbv2": lambda c: c.describe_load_balancers(),
                 "logs": lambda c: c.describe_log_groups()}
        for service, code, status in cases:
            with self.subTest(code=code, status=status):
                fault = self.inject(pattern="(List|Describe).*", kind="error", code=code,
                                    status=status)
                calls[service](self.attempting(service, 2))
                self.assertEqual(self.fired(fault), 1)
                self.harness("DELETE")

    def test_the_nth_matching_call_fails(self):
        ecs = self.attempting("ecs", 1)
        ecs.list_clusters()
        fault = self.inject(action="ListClusters", nth=2, kind="error", code="Throttling")
        ecs.describe_clusters()
        ecs.list_clusters()
        self.error_of(ecs.list_clusters)
        ecs.list_clusters()
        self.assertEqual(self.listed()[0]["matched"], 3)
        self.assertEqual(self.fired(fault), 1)

    def test_the_next_matching_call_fails_by_default(self):
        ecs = self.attempting("ecs", 1)
        self.inject(action="ListClusters", kind="error", code="Throttling")
        self.error_of(ecs.list_clusters)
        ecs.list_clusters()

    def test_every_matching_call_fails_up_to_times(self):
        ecs = self.attempting("ecs", 1)
        self.inject(action="ListClusters", every=True, times=2, kind="error", code="Throttling")
        self.error_of(ecs.list_clusters)
        self.error_of(ecs.list_clusters)
        ecs.list_clusters()
        self.harness("DELETE")
        self.inject(action="ListClusters", every=True, kind="error", code="Throttling")
        for _ in range(5):
            self.error_of(ecs.list_clusters)

    def test_a_probability_fails_about_that_share_the_same_way_for_a_seed(self):
        ecs = self.attempting("ecs", 1)

        def outcomes():
            fault = self.inject(action="ListClusters", probability=0.3, seed=7, kind="error",
                                code="Throttling")
            seen = []
            for _ in range(200):
                try:
                    ecs.list_clusters()
                    seen.append(False)
                except ClientError:
                    seen.append(True)
            self.assertEqual(self.fired(fault), sum(seen))
            self.harness("DELETE")
            return seen

        first = outcomes()
        self.assertTrue(40 <= sum(first) <= 80, sum(first))
        self.assertEqual(outcomes(), first)

    def test_a_pattern_matches_whole_actions(self):
        ecs = self.attempting("ecs", 1)
        fault = self.inject(pattern="Create.*", every=True, kind="error", code="AccessDenied")
        self.error_of(ecs.create_cluster, clusterName="demo")
        self.error_of(self.attempting("logs", 1).create_log_group, logGroupName="demo")
        ecs.list_clusters()
        self.inject(pattern="Cluster", every=True, kind="error", code="AccessDenied")
        ecs.list_clusters()
        self.assertEqual(self.listed()[0]["matched"], 2)
        self.assertEqual(self.fired(fault), 2)

    def test_service_and_account_narrow_the_calls(self):
        self.inject(pattern=".*", service="ecs", every=True, kind="error", code="AccessDenied")
        self.attempting("ec2", 1).describe_vpcs()
        self.error_of(self.attempting("ecs", 1).list_clusters)
        self.harness("DELETE")
        self.inject(pattern=".*", account=CONSUMER, every=True, kind="error",
                    code="AccessDenied")
        self.attempting("ecs", 1, PROVIDER).list_clusters()
        self.error_of(self.attempting("ecs", 1, CONSUMER).list_clusters)

    def test_the_account_of_session_credentials_is_the_roles(self):
        session = self.attempting("sts", 1, PROVIDER).assume_role(
            RoleArn=f"arn:aws:iam::{CONSUMER}:role/terraform", RoleSessionName="faults",
        )["Credentials"]
        as_consumer = boto3.client(
            "ecs", region_name=REGION, endpoint_url=self.url,
            aws_access_key_id=session["AccessKeyId"],
            aws_secret_access_key=session["SecretAccessKey"],
            aws_session_token=session["SessionToken"],
            config=Config(retries={"total_max_attempts": 1}),
        )
        self.inject(pattern=".*", account=CONSUMER, every=True, kind="error",
                    code="AccessDenied")
        self.attempting("ecs", 1, PROVIDER).list_clusters()
        self.error_of(as_consumer.list_clusters)

    def test_a_dropped_answer_took_effect_and_the_client_saw_the_connection_close(self):
        ec2 = self.attempting("ec2", 1)
        vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        self.inject(action="CreateSecurityGroup", kind="drop")
        with self.assertRaises(ConnectionClosedError):
            ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)
        groups = ec2.describe_security_groups(
            Filters=[{"Name": "group-name", "Values": ["web"]}])["SecurityGroups"]
        self.assertEqual([g["VpcId"] for g in groups], [vpc])

    def test_the_sdk_retries_a_dropped_answer(self):
        fault = self.inject(action="CreateCluster", kind="drop")
        ecs = self.attempting("ecs", 2)
        ecs.create_cluster(clusterName="demo")
        self.assertEqual(self.fired(fault), 1)
        self.assertEqual(self.count_of("CreateCluster"), 2)

    def test_without_a_socket_to_close_a_drop_answers_500(self):
        self.inject(action="CreateVpc", kind="drop")
        environ = EnvironBuilder(
            path="/", method="POST", data="Action=CreateVpc&Version=2016-11-15"
            "&CidrBlock=10.2.0.0%2F16",
            headers={"Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/"
                     f"{REGION}/ec2/aws4_request, SignedHeaders=host, Signature=0",
                     "x-moto-account-id": PROVIDER,
                     "Content-Type": "application/x-www-form-urlencoded"},
        ).get_environ()
        answered = []
        body = b"".join(self.app(environ, lambda status, headers: answered.append(status)))
        self.assertEqual((answered, body), (["500 Internal Server Error"], b""))
        cidrs = [v["CidrBlock"] for v in self.attempting("ec2", 1).describe_vpcs()["Vpcs"]]
        self.assertIn("10.2.0.0/16", cidrs)

    def test_latency_delays_the_call_and_not_the_others(self):
        self.inject(action="CreateCluster", kind="latency", seconds=1.0)
        slow_client, other_client = self.attempting("ecs", 1), self.attempting("ecs", 1)
        slow_took = []

        def slow():
            started = time.monotonic()
            slow_client.create_cluster(clusterName="slow")
            slow_took.append(time.monotonic() - started)

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.2)
        other_client.list_clusters()
        self.assertTrue(thread.is_alive(), "the other call waited for the slow one")
        thread.join()
        self.assertGreaterEqual(slow_took[0], 1.0)
        self.assertIn("slow", " ".join(other_client.list_clusters()["clusterArns"]))

    def test_latency_adds_to_an_error(self):
        self.inject(action="ListClusters", kind="latency", seconds=0.5)
        self.inject(action="ListClusters", kind="error", code="Throttling")
        started = time.monotonic()
        self.error_of(self.attempting("ecs", 1).list_clusters)
        self.assertGreaterEqual(time.monotonic() - started, 0.5)

    def test_the_first_answering_fault_wins(self):
        first = self.inject(action="ListClusters", kind="error", code="First")
        second = self.inject(action="ListClusters", every=True, kind="error", code="Second")
        ecs = self.attempting("ecs", 1)
        self.assertEqual(self.error_of(ecs.list_clusters)["Error"]["Code"], "First")
        self.assertEqual(self.error_of(ecs.list_clusters)["Error"]["Code"], "Second")
        self.assertEqual([(f["id"], f["matched"], f["fired"]) for f in self.listed()],
                         [(first, 2, 1), (second, 2, 1)])

    def test_listing_clearing_and_reset(self):
        spec = {"action": "CreateService", "service": "ecs", "every": True, "times": 3,
                "kind": "error", "code": "ClusterNotFoundException",
                "message": "Cluster not found.", "status": 400}
        fault = self.inject(**spec)
        self.assertEqual(self.listed(), [{**spec, "id": fault, "matched": 0, "fired": 0}])
        self.assertEqual(self.harness("DELETE"), {"cleared": 1})
        self.assertEqual(self.listed(), [])
        later = self.inject(action="ListClusters", kind="drop")
        self.assertGreater(later, fault)
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset",
                                                      method="POST")).read()
        self.assertEqual(self.listed(), [])
        self.attempting("ecs", 1).list_clusters()

    def test_faults_that_cannot_work_are_refused_with_the_reason(self):
        cases = {
            "exactly one of action, pattern": {"kind": "drop"},
            "pattern is not a regular expression": {"pattern": "(", "kind": "drop"},
            "at most one of nth, every, probability": {"action": "A", "nth": 1, "every": True,
                                                       "kind": "drop"},
            "times does not go with nth": {"action": "A", "times": 2, "kind": "drop"},
            "probability must be a number from 0 to 1": {"action": "A", "probability": 2,
                                                         "kind": "drop"},
            "kind must be one of": {"action": "A", "kind": "explode"},
            "an error fault needs a code": {"action": "A", "kind": "error"},
            "status must be an HTTP error status": {"action": "A", "kind": "error",
                                                    "code": "X", "status": 200},
            "a latency fault needs seconds": {"action": "A", "kind": "latency"},
            "code does not go with kind drop": {"action": "A", "kind": "drop", "code": "X"},
            "unknown fault fields: nht": {"action": "A", "nht": 2, "kind": "drop"},
            "a fault is a JSON object": ["A"],
        }
        for reason, spec in cases.items():
            with self.subTest(reason=reason):
                self.assertIn(reason, self.refusal(spec))
        self.assertEqual(self.listed(), [])

if __name__ == "__main__":
    unittest.main()
