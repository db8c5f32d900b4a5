"""Counts every AWS API call that reaches the embedded AWS, per account,
service and action, so benchmarks and tests can assert on what a Terraform
run really asked for."""

import threading
import urllib.parse
from collections import Counter


def service_of(environ):
    """The signing service from the SigV4 credential scope, as moto routes."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    marker = "Credential="
    start = auth.find(marker)
    if start < 0:
        return None
    scope = auth[start + len(marker):].split(",", 1)[0].split("/")
    return scope[3] if len(scope) > 3 else None


def action_of(environ, body):
    """The API action: X-Amz-Target for JSON protocols, Action= for Query."""
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target.rsplit(".", 1)[-1]
    if body:
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            return form["Action"][0]
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    if "Action" in query:
        return query["Action"][0]
    return environ.get("REQUEST_METHOD", "?") + " " + environ.get("PATH_INFO", "/")


class CallLog:
    """Thread-safe counter of (service, action) pairs."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()

    def record(self, service, action):
        with self._lock:
            self._counts[(service or "unknown", action)] += 1

    def snapshot(self):
        with self._lock:
            return [
                {"service": s, "action": a, "count": n}
                for (s, a), n in sorted(self._counts.items())
            ]

    def clear(self):
        with self._lock:
            self._counts.clear()
