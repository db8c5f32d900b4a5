"""scripts/release's packaging and signing, on the debug build: the layout
registry providers publish, byte-identical zips from the same binary, a
signature gpg verifies, RSA keys only; and the binary's --version."""

import hashlib
import json
import os
import re
import subprocess
import tomllib
import zipfile

from .support import REPO, GpgKey, TempDirTest, provider_binary, release

NAME = "terraform-provider-privatelink"


def workspace_version():
    with open(REPO / "Cargo.toml", "rb") as f:
        return tomllib.load(f)["workspace"]["package"]["version"]


class ReleasePackageTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = GpgKey(cls.tmp, "release")

    @classmethod
    def tearDownClass(cls):
        cls.key.close()
        super().tearDownClass()

    def test_writes_the_registry_layout_for_the_workspace_version(self):
        version = workspace_version()
        dist = self.tmp / "dist"
        out = subprocess.run([str(REPO / "scripts/release"), "--binary", str(provider_binary()), "--dist", str(dist)],
                             env={**os.environ, "PRIVATELINK_SIGNING_KEY_FILE": str(self.key.secret_key_file)},
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        prefix = f"{NAME}_{version}"
        self.assertEqual(sorted(p.name for p in dist.iterdir()), sorted(
            f"{prefix}_{suffix}" for suffix in
            ("SHA256SUMS", "SHA256SUMS.sig", "linux_amd64.zip", "manifest.json", "signing_key.asc")))

        with zipfile.ZipFile(dist / f"{prefix}_linux_amd64.zip") as z:
            [entry] = z.infolist()
            self.assertEqual(entry.filename, f"{NAME}_v{version}")
            self.assertEqual(entry.external_attr >> 16, 0o100755)
            self.assertEqual(z.read(entry), provider_binary().read_bytes())

        manifest = json.loads((dist / f"{prefix}_manifest.json").read_text())
        self.assertEqual(manifest, {"version": 1, "metadata": {"protocol_versions": ["6.0"]}})

        sums = (dist / f"{prefix}_SHA256SUMS").read_text().splitlines()
        expected = [f"{hashlib.sha256((dist / n).read_bytes()).hexdigest()}  {n}"
                    for n in (f"{prefix}_linux_amd64.zip", f"{prefix}_manifest.json")]
        self.assertEqual(sums, expected)

        signature = (dist / f"{prefix}_SHA256SUMS.sig").read_bytes()
        self.assertFalse(signature.startswith(b"-----BEGIN"), "the signature must be binary, not armored")
        verify = subprocess.run(["gpg", "--batch", "--verify", str(dist / f"{prefix}_SHA256SUMS.sig"),
                                 str(dist / f"{prefix}_SHA256SUMS")],
                                env={**os.environ, "GNUPGHOME": str(self.key.home)}, capture_output=True, text=True)
        self.assertEqual(verify.returncode, 0, verify.stderr)
        self.assertIn(f"using RSA key", verify.stderr)

    def test_packaging_the_same_binary_twice_gives_identical_zips(self):
        zips = []
        for n in (1, 2):
            dist = self.tmp / f"twice-{n}"
            release(provider_binary(), dist, "0.1.0", self.key.secret_key_file)
            zips.append((dist / f"{NAME}_0.1.0_linux_amd64.zip").read_bytes())
        self.assertEqual(hashlib.sha256(zips[0]).hexdigest(), hashlib.sha256(zips[1]).hexdigest())

    def test_refuses_a_key_terraform_1_0_3_cannot_check(self):
        home = self.tmp / "gnupg-ed25519"
        home.mkdir(mode=0o700)
        env = {**os.environ, "GNUPGHOME": str(home)}
        subprocess.run(["gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key", "ed <ed@example.invalid>",
                        "ed25519", "sign", "never"], env=env, check=True, capture_output=True)
        key_file = self.tmp / "ed25519.asc"
        key_file.write_bytes(subprocess.run(["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                                             "--armor", "--export-secret-keys"], env=env, check=True,
                                            capture_output=True).stdout)
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, check=False)
        out = release(provider_binary(), self.tmp / "ed-dist", "0.1.0", key_file, check=False)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("the signing key must be RSA", out.stderr)
        # Refused before anything is packaged.
        self.assertEqual(list((self.tmp / "ed-dist").glob("*")), [])

    def test_refuses_to_run_without_a_signing_key(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PRIVATELINK_SIGNING_KEY")}
        out = subprocess.run([str(REPO / "scripts/release"), "--binary", str(provider_binary()),
                              "--dist", str(self.tmp / "nokey")], env=env, capture_output=True, text=True)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("no signing key: set PRIVATELINK_SIGNING_KEY", out.stderr)

    def test_binary_prints_its_version_and_commit(self):
        out = subprocess.run([str(provider_binary()), "--version"], capture_output=True, text=True, check=True)
        self.assertRegex(out.stdout.strip(),
                         rf"^{NAME} {re.escape(workspace_version())} \(commit ([0-9a-f]{{12}}|unknown)\)$")
