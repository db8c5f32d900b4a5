"""Counts every AWS API call that reaches the embedded AWS, per account,
service and action, so benchmarks and tests can assert on what a Terraform
run really asked for."""

import os
import threading
import urllib.parse
from collections import Counter


def _credential_scope(environ):
    """access key / date / region / service / aws4_request, split."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    marker = "Credential="
    start = auth.find(marker)
    if start < 0:
        return []
    return auth[start + len(marker):].split(",", 1)[0].split("/")


def service_of(environ):
    """The signing service from the SigV4 credential scope, as moto routes."""
    scope = _credential_scope(environ)
    return scope[3] if len(scope) > 3 else None


def account_of(environ):
    """The account moto serves the call for: $MOTO_ACCOUNT_ID, else the
    x-moto-account-id header, else the account of the access key (IAM user
    or session keys), else moto's default account."""
    from moto.iam.models import get_account_id_from

    chosen = os.environ.get("MOTO_ACCOUNT_ID") or environ.get("HTTP_X_MOTO_ACCOUNT_ID")
    if chosen:
        return chosen
    scope = _credential_scope(environ)
    return get_account_id_from(scope[0] if scope else "")


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


# What the provider puts in its User-Agent (aws-config's app name).
PROVIDER_APP_NAME = "app/terraform-provider-privatelink"


def agent_of(environ):
    """Who made the call: "privatelink" for this provider (its app name in
    the User-Agent), "other" for everything else (tests, hashicorp/aws)."""
    agents = environ.get("HTTP_USER_AGENT", "") + " " + environ.get("HTTP_X_AMZ_USER_AGENT", "")
    return "privatelink" if PROVIDER_APP_NAME in agents else "other"


class CallLog:
    """Thread-safe counter of (service, action) pairs, and of the same per
    caller (account and agent, see `agent_of`)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()
        self._by_caller = Counter()

    def record(self, service, action, account="", agent="other"):
        with self._lock:
            self._counts[(service or "unknown", action)] += 1
            self._by_caller[(account, agent, service or "unknown", action)] += 1

    def by_caller(self):
        """Every (account, agent, service, action) with its count."""
        with self._lock:
            return [
                {"account": acct, "agent": agent, "service": s, "action": a, "count": n}
                for (acct, agent, s, a), n in sorted(self._by_caller.items())
            ]

    def snapshot(self):
        with self._lock:
            return [
                {"service": s, "action": a, "count": n}
                for (s, a), n in sorted(self._counts.items())
            ]

    def clear(self):
        with self._lock:
            self._counts.clear()
            self._by_caller.clear()
