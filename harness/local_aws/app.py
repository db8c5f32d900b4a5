"""The WSGI application: moto's dispatcher behind the harness layer.

Every AWS request is counted (see call_log.py), then meets the injected
faults (see faults.py), due state changes are applied (see
emulation/settle.py), and requests reach moto one at a time: moto's models
are not thread-safe, and the emulation relies on that. A latency fault waits
before that lock, so other calls go on meanwhile; an error fault is answered
without moto (see aws_errors.py); a drop fault lets moto handle the call,
then closes the connection without an answer (the call took effect, the
client sees the connection closed: botocore raises ConnectionClosedError,
which it retries). Served by a server other than werkzeug's, which gives the
application no socket to close, a drop answers HTTP 500 with an empty body.

Harness endpoints (never reached by AWS SDKs, which always sign):
  GET    /_harness/calls        -> JSON list of {service, action, count}
  POST   /_harness/calls/reset  -> clears the counters
  POST   /_harness/faults       -> adds the fault in the JSON body: {"id": N}
                                   (HTTP 400 {"error": reason} if refused)
  GET    /_harness/faults       -> JSON list of the faults as given, with
                                   id, matched and fired
  DELETE /_harness/faults       -> removes every fault: {"cleared": N}
  POST   /moto-api/reset        -> moto's reset; also clears the counters,
                                   pending state changes and faults
"""

import io
import json
import os
import socket
import threading
import time

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

from . import emulation
from .aws_errors import error_answer
from .call_log import CallLog, account_of, action_of, agent_of, service_of
from .faults import Faults

DEFAULT_SETTLE_SECONDS = 0.5


def settle_seconds():
    """How long resources take to settle: $LOCAL_AWS_SETTLE_SECONDS (0.5 s)."""
    raw = os.environ.get("LOCAL_AWS_SETTLE_SECONDS", "")
    try:
        value = float(raw) if raw else DEFAULT_SETTLE_SECONDS
    except ValueError:
        raise SystemExit(f"LOCAL_AWS_SETTLE_SECONDS must be a number of seconds, not {raw!r}")
    return max(value, 0.0)


def settle_seconds_by_kind():
    """Kinds of transition that take their own time (emulation/settle.py's
    KINDS): $LOCAL_AWS_SETTLE_SECONDS_BY_KIND, a JSON object of seconds,
    e.g. {"load_balancer_provisioning": 9}. The others take the settle time."""
    raw = os.environ.get("LOCAL_AWS_SETTLE_SECONDS_BY_KIND", "")
    if not raw:
        return {}
    try:
        by_kind = json.loads(raw)
        if not isinstance(by_kind, dict):
            raise ValueError("not a JSON object")
        by_kind = {str(kind): max(float(seconds), 0.0) for kind, seconds in by_kind.items()}
    except (TypeError, ValueError) as e:
        raise SystemExit(
            f"LOCAL_AWS_SETTLE_SECONDS_BY_KIND must be a JSON object of seconds by kind, "
            f"not {raw!r} ({e})")
    unknown = sorted(set(by_kind) - set(emulation.settle.KINDS))
    if unknown:
        raise SystemExit(
            f"LOCAL_AWS_SETTLE_SECONDS_BY_KIND: unknown kinds {unknown}; "
            f"known: {sorted(emulation.settle.KINDS)}")
    return by_kind


def _once(compute):
    """`compute`, called at most once."""
    cache = []

    def value():
        if not cache:
            cache.append(compute())
        return cache[0]

    return value


class HarnessApp:
    def __init__(self, settle=None):
        self.settle = emulation.install(settle_seconds() if settle is None else settle)
        if settle is None:
            self.settle.by_kind = settle_seconds_by_kind()
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.calls = CallLog()
        self.faults = Faults()
        self._serial = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/_harness/calls" and method == "GET":
            return self._json(start_response, self.calls.snapshot())
        if path == "/_harness/calls/by-caller" and method == "GET":
            return self._json(start_response, self.calls.by_caller())
        if path == "/_harness/calls/reset" and method == "POST":
            self.calls.clear()
            return self._json(start_response, {"reset": True})
        if path == "/_harness/faults":
            return self._faults_endpoint(environ, method, start_response)
        if path == "/moto-api/reset" and method == "POST":
            self.faults.clear()
            with self._serial:
                self.calls.clear()
                self.settle.clear()
                return list(self.moto(environ, start_response))
        if path.startswith("/moto-api"):
            return self.moto(environ, start_response)

        body = self._read_body(environ)
        service = service_of(environ)
        fault = None
        if service is not None:
            action = action_of(environ, body)
            account = _once(lambda: account_of(environ))
            self.calls.record(service, action, account(), agent_of(environ))
            outcome = self.faults.decide(service, action, account)
            if outcome.delay:
                time.sleep(outcome.delay)
            fault = outcome.answer
            if fault is not None and fault.kind == "error":
                status, headers, data = error_answer(
                    environ, service, fault.code, fault.message, fault.status)
                start_response(status, headers)
                return [data]
        with self._serial:
            self.settle.run_due()
            if fault is None:
                return list(self.moto(environ, start_response))
            for _ in self.moto(environ, lambda *_args, **_kw: None):
                pass
        return self._drop(environ, start_response)

    def _faults_endpoint(self, environ, method, start_response):
        if method == "GET":
            return self._json(start_response, self.faults.listing())
        if method == "DELETE":
            return self._json(start_response, {"cleared": self.faults.clear()})
        if method != "POST":
            return self._json(start_response, {"error": f"{method} is not allowed"},
                              "405 Method Not Allowed")
        try:
            spec = json.loads(self._read_body(environ) or b"null")
            fault_id = self.faults.add(spec)
        except ValueError as err:  # not JSON, or a FaultError
            return self._json(start_response, {"error": str(err)}, "400 Bad Request")
        return self._json(start_response, {"id": fault_id})

    @staticmethod
    def _drop(environ, start_response):
        """Closes the connection without an answer (HTTP 500, empty body,
        where the server gives no socket)."""
        connection = environ.get("werkzeug.socket")
        if connection is None:
            start_response("500 Internal Server Error", [("Content-Length", "0")])
            return [b""]
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        raise ConnectionAbortedError("answer dropped by an injected fault")

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
    def _json(start_response, payload, status="200 OK"):
        data = json.dumps(payload).encode()
        start_response(status, [("Content-Type", "application/json"),
                                  ("Content-Length", str(len(data)))])
        return [data]
