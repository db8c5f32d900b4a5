"""The release, as scripts/release packages and signs it, installed by real
Terraform (v1.0.3 and v1.11.4) the three ways Terraform installs registry
providers: from a provider registry over HTTPS (signature checked), from a
network mirror and from a packed filesystem mirror; and refused, with
Terraform's own errors, when it is broken.

The registry (harness/provider_registry) runs in this process on a free
loopback port, with a certificate from a CA made here and trusted through
SSL_CERT_FILE. The debug build is packaged as 0.1.0 and, repackaged, as
0.2.0."""

import hashlib
import shutil
import ssl
import threading
from pathlib import Path

from provider_registry.server import make_server

from .support import (VERSIONS, EmbeddedAws, GpgKey, TempDirTest, Terraform, flat, make_tls, provider_binary,
                      release)

NAME = "terraform-provider-privatelink"


def zip_name(version):
    return f"{NAME}_{version}_linux_amd64.zip"


class RegistryInstallTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = GpgKey(cls.tmp, "release")
        cls.other_key = GpgKey(cls.tmp, "other")
        root = cls.tmp / "registry"
        good = root / "good" / "privatelink"
        for version in ("0.1.0", "0.2.0"):
            release(provider_binary(), good, version, cls.key.secret_key_file)
        cls.zip_sha = hashlib.sha256((good / zip_name("0.1.0")).read_bytes()).hexdigest()
        cls.manifest_sha = hashlib.sha256((good / f"{NAME}_0.1.0_manifest.json").read_bytes()).hexdigest()
        cls._broken_variants(root, good)

        ca, cert, key = make_tls(cls.tmp)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        cls.server = make_server(root, "127.0.0.1", 0, context)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.host = f"localhost:{cls.server.server_address[1]}"
        cls.ca = ca
        cls.aws = EmbeddedAws()
        ec2 = cls.aws.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.77.0.0/16")["Vpc"]["VpcId"]
        ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "install-test"}])
        for i, zone in enumerate(("us-east-1a", "us-east-1b"), start=1):
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.77.{i}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
            ec2.create_tags(Resources=[subnet], Tags=[{"Key": "Tier", "Value": "private"}])
        cls.vpc_id = vpc

    @classmethod
    def _broken_variants(cls, root, good):
        """Namespaces publishing 0.1.0 broken in one way each."""
        files = [f for f in good.iterdir() if "_0.1.0_" in f.name]

        def variant(namespace):
            path = root / namespace / "privatelink"
            path.mkdir(parents=True)
            for f in files:
                shutil.copy(f, path / f.name)
            return path

        # A byte of the zip changed after SHA256SUMS was written.
        badzip = variant("badzip") / zip_name("0.1.0")
        data = bytearray(badzip.read_bytes())
        data[len(data) // 2] ^= 0xFF
        badzip.write_bytes(bytes(data))
        # Signed by another key, while the registry advertises the release key.
        badsig = root / "badsig" / "privatelink"
        release(provider_binary(), badsig, "0.1.0", cls.other_key.secret_key_file)
        shutil.copy(good / f"{NAME}_0.1.0_signing_key.asc", badsig / f"{NAME}_0.1.0_signing_key.asc")
        # SHA256SUMS edited after it was signed.
        sums = variant("tampersums") / f"{NAME}_0.1.0_SHA256SUMS"
        sums.write_text(sums.read_text() + f"{'0' * 64}  {NAME}_0.1.0_darwin_arm64.zip\n")

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.aws.stop()
        cls.key.close()
        cls.other_key.close()
        super().tearDownClass()

    def terraform(self, version, name, cli_config="", with_aws=False):
        env = {"SSL_CERT_FILE": str(self.ca)}
        if with_aws:
            env.update(self.aws.env())
        return Terraform(version, self.tmp / f"{name}-{version}", cli_config, env)

    def config(self, tf, source, constraint, body=""):
        tf.write("main.tf", f'terraform {{\n  required_providers {{\n    privatelink = {{\n      source  = "{source}"\n'
                            f'      version = "{constraint}"\n    }}\n  }}\n}}\n{body}')

    def test_init_installs_the_signed_release_and_it_applies(self):
        body = ('\nprovider "privatelink" {\n  region = "us-east-1"\n}\n\n'
                'data "privatelink_network" "this" {\n  tags        = { Name = "install-test" }\n  subnet_tier = "private"\n}\n\n'
                'output "vpc_id" {\n  value = data.privatelink_network.this.vpc_id\n}\n')
        for version in VERSIONS:
            with self.subTest(terraform=version):
                tf = self.terraform(version, "signed", with_aws=True)
                address = f"{self.host}/good/privatelink"
                self.config(tf, address, "0.1.0", body)
                out = flat(tf.run("init"))
                self.assertIn(f"- Installed {address} v0.1.0 (self-signed, key ID {self.key.key_id})", out)
                hashes, locked = tf.lock_hashes(address)
                self.assertEqual(locked, "0.1.0")
                self.assertIn(f"zh:{self.zip_sha}", hashes)
                self.assertIn(f"zh:{self.manifest_sha}", hashes)
                self.assertEqual(len([h for h in hashes if h.startswith("h1:")]), 1, hashes)
                installed = tf.dir / f".terraform/providers/{address}/0.1.0/linux_amd64/{NAME}_v0.1.0"
                self.assertEqual(installed.read_bytes(), provider_binary().read_bytes())
                tf.run("apply", "-auto-approve")
                self.assertEqual(tf.outputs()["vpc_id"], self.vpc_id)
                tf.run("destroy", "-auto-approve")

    def test_init_refuses_broken_releases_with_terraforms_errors(self):
        cases = [
            ("badzip", "0.1.0", "archive has incorrect checksum zh:"),
            ("badsig", "0.1.0", "authentication signature from unknown issuer"),
            ("tampersums", "0.1.0", "error checking signature: openpgp: invalid signature"),
            ("good", "~> 9.0", "no available releases match the given constraints ~> 9.0"),
        ]
        for version in VERSIONS:
            for namespace, constraint, error in cases:
                with self.subTest(terraform=version, case=namespace, constraint=constraint):
                    tf = self.terraform(version, f"refused-{namespace}")
                    self.config(tf, f"{self.host}/{namespace}/privatelink", constraint)
                    out = flat(tf.run("init", ok=False))
                    self.assertIn(error, out)
                    self.assertFalse((tf.dir / ".terraform/providers").joinpath(self.host, namespace).exists())

    def test_init_refuses_a_release_whose_hashes_differ_from_the_lock_file(self):
        for version in VERSIONS:
            with self.subTest(terraform=version):
                tf = self.terraform(version, "locked")
                address = f"{self.host}/good/privatelink"
                self.config(tf, address, "0.1.0")
                tf.write(".terraform.lock.hcl", f'provider "{address}" {{\n  version     = "0.1.0"\n  constraints = "0.1.0"\n'
                                                f'  hashes = [\n    "h1:{"A" * 43}=",\n    "zh:{"0" * 64}",\n  ]\n}}\n')
                out = flat(tf.run("init", ok=False))
                self.assertIn(f"the current package for {address} 0.1.0 doesn't match any of the checksums previously "
                              "recorded in the dependency lock file", out)

    def test_mirrors_install_the_same_package(self):
        fs_mirror = self.tmp / "fs-mirror" / "registry.terraform.io" / "good" / "privatelink"
        fs_mirror.mkdir(parents=True)
        shutil.copy(self.tmp / "registry/good/privatelink" / zip_name("0.1.0"), fs_mirror)
        configs = {
            "network": (f'provider_installation {{\n  network_mirror {{\n    url = "https://{self.host}/mirror/"\n  }}\n}}\n',
                        "(verified checksum)"),
            "filesystem": (f'provider_installation {{\n  filesystem_mirror {{\n    path = "{fs_mirror.parents[2]}"\n  }}\n}}\n',
                           "(unauthenticated)"),
        }
        for version in VERSIONS:
            registry = self.terraform(version, "mirror-registry")
            self.config(registry, f"{self.host}/good/privatelink", "0.1.0")
            registry.run("init")
            registry_h1 = [h for h in registry.lock_hashes(f"{self.host}/good/privatelink")[0] if h.startswith("h1:")]
            for kind, (cli_config, how) in configs.items():
                with self.subTest(terraform=version, mirror=kind):
                    tf = self.terraform(version, f"mirror-{kind}", cli_config)
                    self.config(tf, "good/privatelink", "0.1.0")
                    out = flat(tf.run("init"))
                    self.assertIn(f"- Installed good/privatelink v0.1.0 {how}", out)
                    hashes, _ = tf.lock_hashes("registry.terraform.io/good/privatelink")
                    # Mirrors record the package's h1: hash only (no zh:: there
                    # is no signed SHA256SUMS); it is the one the signed
                    # registry install recorded.
                    self.assertEqual(hashes, registry_h1)

    def test_a_constraint_picks_its_release_and_upgrade_moves_on(self):
        address = f"{self.host}/good/privatelink"
        for version in VERSIONS:
            with self.subTest(terraform=version):
                # A resource, so that 0.2.0 reads a state 0.1.0 wrote
                # (UpgradeResourceState, then a refresh).
                body = ('\nprovider "privatelink" {\n  region = "us-east-1"\n}\n\n'
                        'data "privatelink_network" "this" {\n  tags        = { Name = "install-test" }\n'
                        '  subnet_tier = "private"\n}\n\n'
                        'resource "privatelink_service" "this" {\n'
                        f'  name               = "upgrade-{version.replace(".", "-")}"\n'
                        '  vpc_id             = data.privatelink_network.this.vpc_id\n'
                        '  subnet_ids         = data.privatelink_network.this.subnet_ids\n'
                        '  execution_role_arn = "arn:aws:iam::123456789012:role/upgrade-execution"\n'
                        '  container = {\n    image = "public.ecr.aws/nginx/nginx:1.27"\n    port  = 8080\n  }\n}\n\n'
                        'output "service_name" {\n  value = privatelink_service.this.service_name\n}\n')
                tf = self.terraform(version, "upgrade", with_aws=True)
                self.config(tf, address, "~> 0.1.0", body)
                self.assertIn(f"- Installed {address} v0.1.0", flat(tf.run("init")))
                tf.run("apply", "-auto-approve")
                service_name = tf.outputs()["service_name"]
                self.config(tf, address, ">= 0.1.0", body)
                self.assertIn(f"- Using previously-installed {address} v0.1.0", flat(tf.run("init")))
                self.assertEqual(tf.lock_hashes(address)[1], "0.1.0")
                self.assertIn(f"- Installed {address} v0.2.0", flat(tf.run("init", "-upgrade")))
                self.assertEqual(tf.lock_hashes(address)[1], "0.2.0")
                # The state 0.1.0 wrote is upgraded, refreshed and planned by 0.2.0.
                self.assertIn("No changes.", tf.run("plan", "-detailed-exitcode"))
                self.assertEqual(tf.outputs()["service_name"], service_name)
                tf.run("destroy", "-auto-approve")
