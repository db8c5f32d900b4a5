"""An in-process embedded AWS on a free loopback port, and boto3 clients
for any account of it (selected with moto's x-moto-account-id header)."""

import logging
import threading
import unittest
import urllib.request

import boto3
from botocore.config import Config
from werkzeug.serving import make_server

from local_aws.app import HarnessApp

logging.getLogger("werkzeug").setLevel(logging.ERROR)

SETTLE = 1.0


class ManualClock:
    """A clock that moves only when a test says so: settling does not depend
    on how fast a loaded machine answers."""

    def __init__(self):
        self.time = 0.0

    def __call__(self):
        return self.time

    def advance(self, seconds):
        self.time += seconds
PROVIDER = "111111111111"
CONSUMER = "222222222222"
REGION = "us-east-1"


class LocalAwsTest(unittest.TestCase):
    """Starts one server per test class and resets it before every test."""

    @classmethod
    def setUpClass(cls):
        cls.app = HarnessApp(settle=SETTLE)
        cls.app.settle.seconds = SETTLE
        cls.clock = ManualClock()
        cls.app.settle.clock = cls.clock
        cls.server = make_server("127.0.0.1", 0, cls.app, threaded=True)
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls._clients = {}

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        request = urllib.request.Request(self.url + "/moto-api/reset", method="POST")
        urllib.request.urlopen(request).read()

    def client(self, service, account=PROVIDER):
        """A client of `service` acting as `account`, made once per test class
        (making a boto3 client took a quarter of the tests' time)."""
        key = (service, account)
        if key not in self._clients:
            self._clients[key] = self._new_client(service, account)
        return self._clients[key]

    def _new_client(self, service, account):
        client = boto3.client(
            service,
            region_name=REGION,
            endpoint_url=self.url,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}),
        )

        def add_account(request, **_):
            request.headers["x-moto-account-id"] = account

        client.meta.events.register("before-sign", add_account)
        return client

    def network(self, account=PROVIDER, zones=(f"{REGION}a", f"{REGION}b")):
        """A VPC with a subnet in each of `zones` (names): (vpc_id, [subnet_ids])."""
        ec2 = self.client("ec2", account)
        vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
        subnets = [
            ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{i}.0/24",
                              AvailabilityZone=zone)["Subnet"]["SubnetId"]
            for i, zone in enumerate(zones, start=1)
        ]
        return vpc, subnets

    def nlb(self, subnets, account=PROVIDER, name="demo-nlb"):
        elbv2 = self.client("elbv2", account)
        return elbv2.create_load_balancer(
            Name=name, Subnets=subnets, Type="network", Scheme="internal"
        )["LoadBalancers"][0]

    def settled(self):
        """Lets the settle time pass: every transition scheduled so far is due."""
        self.clock.advance(SETTLE + 0.1)
