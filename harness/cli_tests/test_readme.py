"""The README as a new user reads it: its links stay inside the repository,
and its HCL blocks are formatted and, copied as written in the order it
gives them, apply against the embedded AWS (Terraform v1.11.4 with the
provider under test)."""

import json
import os
import re
import shutil
import subprocess

from .support import REPO, EmbeddedAws, TempDirTest, Terraform, mirror_cli_config, terraform_binary

README = REPO / "README.md"
CONSUMER_ACCOUNT = "333333333333"


def hcl_blocks():
    return re.findall(r"^```hcl\n(.*?)^```", README.read_text(), re.S | re.M)


class ReadmeTest(TempDirTest):
    def test_links_stay_inside_the_repository(self):
        text = README.read_text()
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            with self.subTest(link=target):
                self.assertNotRegex(target, r"^[a-z]+:", "the README links only to files of the repository")
                path = (REPO / target.split("#")[0]).resolve()
                self.assertTrue(path.is_relative_to(REPO), f"{target} leaves the repository")
                self.assertTrue(path.exists(), f"{target} does not exist")

    def test_hcl_blocks_are_formatted(self):
        for n, block in enumerate(hcl_blocks(), start=1):
            with self.subTest(block=n):
                out = subprocess.run([terraform_binary("1.11.4"), "fmt", "-"], input=block, capture_output=True,
                                     text=True, env={"PATH": os.environ.get("PATH", ""), "TF_CLI_CONFIG_FILE": "/dev/null"})
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual(out.stdout, block, "terraform fmt changes this README block")

    def test_hcl_blocks_apply_as_written(self):
        blocks = hcl_blocks()
        # The README's order: the owner's workspace, the consumer's
        # workspace, and the accepter added to the owner's workspace. A new
        # block needs its place here.
        self.assertEqual(len(blocks), 3, "README.md's ```hcl blocks changed: say here where each one applies")
        owner_block, consumer_block, accepter_block = blocks

        aws = EmbeddedAws()
        self.addCleanup(aws.stop)
        role = f"arn:aws:iam::{CONSUMER_ACCOUNT}:role/readme-consumer"
        creds = aws.client("sts").assume_role(RoleArn=role, RoleSessionName="readme")["Credentials"]
        consumer_env = aws.env(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])

        def workspace(name, env):
            base = self.tmp / name
            base.mkdir()
            return Terraform("1.11.4", base, mirror_cli_config(base), env)

        # "examples/network makes such a network": workload-dev for the
        # owner, orders-dev in the consumer's account in the same zone ids.
        zone_ids = None
        for name, env in (("workload-dev", aws.env()), ("orders-dev", consumer_env)):
            network = workspace(f"network-{name}", env)
            for tf in (REPO / "examples/network").glob("*.tf"):
                shutil.copy(tf, network.dir)
            network.run("init")
            zones = [] if zone_ids is None else [f"-var=zone_ids={json.dumps(zone_ids)}"]
            network.run("apply", "-auto-approve", f"-var=name={name}", *zones)
            zone_ids = network.outputs()["availability_zone_ids"]

        owner = workspace("owner", aws.env())
        owner.write("main.tf", owner_block)
        owner.run("init")
        owner.run("apply", "-auto-approve")
        service_name = owner.outputs()["service_name"]
        self.assertTrue(service_name.startswith("com.amazonaws.vpce.us-east-1.vpce-svc-"), service_name)

        consumer = workspace("consumer", consumer_env)
        consumer.write("main.tf", consumer_block)
        consumer.run("init")
        service_var = f"-var=api_service_name={service_name}"
        consumer.run("apply", "-auto-approve", service_var)
        outputs = consumer.outputs()
        endpoint_id = outputs["api_endpoint_id"]
        self.assertTrue(outputs["api_endpoint"].startswith("vpce-"), outputs)

        owner.write("accepter.tf", accepter_block)
        endpoint_var = f"-var=orders_endpoint_id={endpoint_id}"
        owner.run("apply", "-auto-approve", endpoint_var)
        connections = aws.client("ec2").describe_vpc_endpoint_connections()["VpcEndpointConnections"]
        self.assertEqual([(c["VpcEndpointId"], c["VpcEndpointState"]) for c in connections],
                         [(endpoint_id, "available")])

        consumer.run("destroy", "-auto-approve", service_var)
        owner.run("destroy", "-auto-approve", endpoint_var)
