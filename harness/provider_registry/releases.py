"""Releases on disk, in the layout scripts/release writes: one directory per
provider, `<root>/<namespace>/<type>/`, holding the files of every version:

    terraform-provider-<type>_<version>_<os>_<arch>.zip
    terraform-provider-<type>_<version>_manifest.json
    terraform-provider-<type>_<version>_SHA256SUMS
    terraform-provider-<type>_<version>_SHA256SUMS.sig
    terraform-provider-<type>_<version>_signing_key.asc

A version exists when its SHA256SUMS does. The files are served as they are:
tests publish broken releases (a corrupted zip, a foreign signature) by
writing them so."""

import hashlib
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Package:
    """One platform's zip of one version."""

    os: str
    arch: str
    filename: str
    path: Path

    def sha256(self):
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


class ProviderDir:
    """The releases of one provider: `<root>/<namespace>/<type>`."""

    def __init__(self, root, namespace, type_):
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", namespace) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", type_):
            raise LookupError(f"no provider {namespace}/{type_}")
        self.namespace = namespace
        self.type = type_
        self.path = Path(root) / namespace / type_
        self.prefix = f"terraform-provider-{type_}_"

    def versions(self):
        """The published versions, in no particular order."""
        found = []
        for sums in self.path.glob(f"{self.prefix}*_SHA256SUMS"):
            found.append(sums.name[len(self.prefix):-len("_SHA256SUMS")])
        return found

    def file(self, name):
        """A file of this provider's directory, by its bare name."""
        if "/" in name or name.startswith("."):
            raise LookupError(name)
        path = self.path / name
        if not path.is_file():
            raise LookupError(name)
        return path

    def packages(self, version):
        """The zips of `version`, one per os_arch."""
        pattern = re.compile(re.escape(f"{self.prefix}{version}_") + r"([a-z0-9]+)_([a-z0-9]+)\.zip")
        packages = []
        for path in sorted(self.path.glob(f"{self.prefix}{version}_*.zip")):
            match = pattern.fullmatch(path.name)
            if match:
                packages.append(Package(match[1], match[2], path.name, path))
        return packages

    def protocols(self, version):
        """The plugin protocol versions the manifest declares."""
        manifest = self.path / f"{self.prefix}{version}_manifest.json"
        return json.loads(manifest.read_text())["metadata"]["protocol_versions"]

    def sums_name(self, version):
        return f"{self.prefix}{version}_SHA256SUMS"

    def shasum(self, version, filename):
        """The checksum SHA256SUMS records for `filename` (it may differ from
        the file's own, in tests of corrupted packages)."""
        for line in self.file(self.sums_name(version)).read_text().splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1] == filename:
                return parts[0]
        raise LookupError(f"{filename} is not in {self.sums_name(version)}")

    def signing_key(self, version):
        """(key id, armored public key) of the version's signing key."""
        armored = self.file(f"{self.prefix}{version}_signing_key.asc").read_text()
        return key_id_of(armored), armored


def key_id_of(armored):
    """The long (16 hex digits) key id of an armored public key, read by gpg
    in a throwaway home so that no keyring is touched."""
    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run(
            ["gpg", "--homedir", home, "--batch", "--with-colons", "--show-keys"],
            input=armored.encode(), capture_output=True, check=True,
        ).stdout.decode()
    for line in out.splitlines():
        fields = line.split(":")
        if fields[0] == "pub":
            return fields[4].upper()
    raise ValueError("no public key in the armored text")
