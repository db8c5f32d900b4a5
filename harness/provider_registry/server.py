"""The HTTP side: Terraform's Provider Registry Protocol (service discovery,
versions, download with signing keys), the Provider Network Mirror Protocol,
and the release files themselves, from one root of release directories.

    GET /.well-known/terraform.json
    GET /v1/providers/<ns>/<type>/versions
    GET /v1/providers/<ns>/<type>/<version>/download/<os>/<arch>
    GET /files/<ns>/<type>/<file>                     (HEAD too)
    GET /mirror/<hostname>/<ns>/<type>/index.json
    GET /mirror/<hostname>/<ns>/<type>/<version>.json

The mirror serves every hostname from the same root: a mirror stands in
for any registry. URLs in answers are absolute, built from `base_url`."""

import json
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .releases import ProviderDir

_SEGMENT = r"([^/]+)"


class RegistryHandler(BaseHTTPRequestHandler):
    """Answers one request; `server.root` and `server.base_url` configure it."""

    server_version = "provider-registry"
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self._answer(with_body=True)

    def do_HEAD(self):
        self._answer(with_body=False)

    def log_message(self, format, *args):
        log = getattr(self.server, "request_log", None)
        if log is not None:
            log.append(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}".strip())

    def _answer(self, with_body):
        path = urlsplit(self.path).path
        try:
            kind, body = self._route(path)
        except LookupError as e:
            kind, body = "application/json", json.dumps({"errors": [f"not found: {e}"]}).encode()
            self._send(HTTPStatus.NOT_FOUND, kind, body, with_body)
            return
        self._send(HTTPStatus.OK, kind, body, with_body)

    def _send(self, status, kind, body, with_body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _route(self, path):
        routes = [
            (r"/\.well-known/terraform\.json", self._discovery),
            (rf"/v1/providers/{_SEGMENT}/{_SEGMENT}/versions", self._versions),
            (rf"/v1/providers/{_SEGMENT}/{_SEGMENT}/{_SEGMENT}/download/{_SEGMENT}/{_SEGMENT}", self._download),
            (rf"/files/{_SEGMENT}/{_SEGMENT}/{_SEGMENT}", self._file),
            (rf"/mirror/{_SEGMENT}/{_SEGMENT}/{_SEGMENT}/index\.json", self._mirror_index),
            (rf"/mirror/{_SEGMENT}/{_SEGMENT}/{_SEGMENT}/{_SEGMENT}\.json", self._mirror_version),
        ]
        for pattern, handler in routes:
            match = re.fullmatch(pattern, path)
            if match:
                return handler(*match.groups())
        raise LookupError(path)

    def _provider(self, namespace, type_):
        return ProviderDir(self.server.root, namespace, type_)

    def _json(self, value):
        return "application/json", json.dumps(value, indent=2).encode()

    def _discovery(self):
        return self._json({"providers.v1": "/v1/providers/"})

    def _versions(self, namespace, type_):
        provider = self._provider(namespace, type_)
        versions = [
            {
                "version": v,
                "protocols": provider.protocols(v),
                "platforms": [{"os": p.os, "arch": p.arch} for p in provider.packages(v)],
            }
            for v in sorted(provider.versions())
        ]
        if not versions:
            raise LookupError(f"{namespace}/{type_} has no versions")
        return self._json({"versions": versions})

    def _download(self, namespace, type_, version, os_, arch):
        provider = self._provider(namespace, type_)
        if version not in provider.versions():
            raise LookupError(f"{namespace}/{type_} {version}")
        package = next((p for p in provider.packages(version) if (p.os, p.arch) == (os_, arch)), None)
        if package is None:
            raise LookupError(f"{namespace}/{type_} {version} for {os_}_{arch}")
        files = f"{self.server.base_url}/files/{namespace}/{type_}"
        sums = provider.sums_name(version)
        key_id, armored = provider.signing_key(version)
        return self._json({
            "protocols": provider.protocols(version),
            "os": os_,
            "arch": arch,
            "filename": package.filename,
            "download_url": f"{files}/{package.filename}",
            "shasums_url": f"{files}/{sums}",
            "shasums_signature_url": f"{files}/{sums}.sig",
            "shasum": provider.shasum(version, package.filename),
            "signing_keys": {
                "gpg_public_keys": [{
                    "key_id": key_id,
                    "ascii_armor": armored,
                    "trust_signature": "",
                    "source": namespace,
                    "source_url": None,
                }],
            },
        })

    def _file(self, namespace, type_, name):
        return "application/octet-stream", self._provider(namespace, type_).file(name).read_bytes()

    def _mirror_index(self, _hostname, namespace, type_):
        provider = self._provider(namespace, type_)
        versions = provider.versions()
        if not versions:
            raise LookupError(f"{namespace}/{type_} has no versions")
        return self._json({"versions": {v: {} for v in sorted(versions)}})

    def _mirror_version(self, _hostname, namespace, type_, version):
        provider = self._provider(namespace, type_)
        if version not in provider.versions():
            raise LookupError(f"{namespace}/{type_} {version}")
        files = f"{self.server.base_url}/files/{namespace}/{type_}"
        return self._json({
            "archives": {
                f"{p.os}_{p.arch}": {"url": f"{files}/{p.filename}", "hashes": [f"zh:{p.sha256()}"]}
                for p in provider.packages(version)
            },
        })


def make_server(root, host, port, ssl_context, public_host="localhost"):
    """An HTTPS server for `root` (call serve_forever). The answers' URLs
    name `public_host` and the bound port: the certificate must cover it."""
    server = ThreadingHTTPServer((host, port), RegistryHandler)
    server.daemon_threads = True
    server.socket = ssl_context.wrap_socket(server.socket, server_side=True)
    server.root = root
    server.base_url = f"https://{public_host}:{server.server_address[1]}"
    server.request_log = []
    return server
