"""The WSGI application: moto's dispatcher behind the harness layer.

Every AWS request is counted (see call_log.py), due state changes are
applied first (see emulation/settle.py), and requests reach moto one at a
time: moto's models are not thread-safe, and the emulation relies on that.

Harness endpoints (never reached by AWS SDKs, which always sign):
  GET  /_harness/calls        -> JSON list of {service, action, count}
  POST /_harness/calls/reset  -> clears the counters
  POST /moto-api/reset        -> moto's reset; also clears the counters and
                                 pending state changes
"""

import io
import json
import os
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

from . import emulation
from .call_log import CallLog, action_of, service_of

DEFAULT_SETTLE_SECONDS = 0.5


def settle_seconds():
    """How long resources take to settle: $LOCAL_AWS_SETTLE_SECONDS (0.5 s)."""
    raw = os.environ.get("LOCAL_AWS_SETTLE_SECONDS", "")
    try:
        value = float(raw) if raw else DEFAULT_SETTLE_SECONDS
    except ValueError:
        raise SystemExit(f"LOCAL_AWS_SETTLE_SECONDS must be a number of seconds, not {raw!r}")
    return max(value, 0.0)


class HarnessApp:
    def __init__(self, settle=None):
        self.settle = emulation.install(settle_seconds() if settle is None else settle)
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.calls = CallLog()
        self._serial = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/_harness/calls" and method == "GET":
            return self._json(start_response, self.calls.snapshot())
        if path == "/_harness/calls/reset" and method == "POST":
            self.calls.clear()
            return self._json(start_response, {"reset": True})
        if path == "/moto-api/reset" and method == "POST":
            with self._serial:
                self.calls.clear()
                self.settle.clear()
                return list(self.moto(environ, start_response))
        if path.startswith("/moto-api"):
            return self.moto(environ, start_response)

        body = self._read_body(environ)
        service = service_of(environ)
        if service is not None:
            self.calls.record(service, action_of(environ, body))
        with self._serial:
            self.settle.run_due()
            return list(self.moto(environ, start_response))

    @staticmethod
    def _read_body(environ):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return body

    @staticmethod
    def _json(start_response, payload):
        data = json.dumps(payload).encode()
        start_response("200 OK", [("Content-Type", "application/json"),
                                  ("Content-Length", str(len(data)))])
        return [data]
