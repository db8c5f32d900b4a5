"""STS AssumeRole that honours the role's trust policy, as AWS does.

moto lets anyone assume any role, existing or not. Here a role that exists
in the IAM of the account its ARN names must trust the caller; a role that
does not exist keeps moto's leniency (the harness uses made-up roles such
as arn:aws:iam::111111111111:role/terraform that nobody creates).

The caller is who moto says sent the request: its account is moto's
account of the request (the x-moto-account-id header, else the account of
the access key, else 123456789012), and its ARN the one
GetCallerIdentity reports (the assumed-role session ARN for session
credentials, the user ARN for an IAM user's key, moto's default user
otherwise).

A trust policy statement applies when its action is `sts:AssumeRole`,
`sts:*` or `*`, its `Principal.AWS` (a string or a list) names `*`, the
caller's account id, `arn:aws:iam::<account>:root`, the caller's exact
ARN, or the ARN of the role a session belongs to (a role's ARN trusts its
sessions), and its conditions hold. Conditions understood are
`StringEquals` and `StringLike` (with `*` and `?`) on `sts:ExternalId`,
compared with the request's ExternalId (a missing one fails them); a
statement with any other condition never applies. A matching Deny wins;
without a matching Allow the answer is AWS's: HTTP 403 `AccessDenied`,
"User: <caller arn> is not authorized to perform: sts:AssumeRole on
resource: <role arn>".
"""

import json
import re
from urllib.parse import unquote

from moto.core.exceptions import AccessDeniedError
from moto.iam.models import iam_backends
from moto.iam.exceptions import NotFoundException
from moto.sts.responses import TokenResponse
from moto.utilities.utils import get_partition

from .backends import existing

ROLE_ARN = re.compile(r"^arn:[a-z-]+:iam::(\d{12}):role/")
ASSUMING_ACTIONS = {"sts:assumerole", "sts:*", "*"}


def _existing_role(role_arn, region):
    """The IAM role `role_arn` if it exists in its account, else None."""
    match = ROLE_ARN.match(role_arn or "")
    if not match:
        return None
    backend = existing(iam_backends, match.group(1), get_partition(region))
    if backend is None:
        return None
    try:
        return backend.get_role_by_arn(role_arn)
    except NotFoundException:
        return None


def _caller(response):
    """(ARN, principal strings that designate it) of the request's caller."""
    access_key = response.get_access_key()
    _, arn, _ = response.backend.get_caller_identity(access_key, response.region)
    account_id = response.current_account
    names = {"*", account_id, f"arn:aws:iam::{account_id}:root", arn}
    session = response.backend.get_assumed_role_from_access_key(access_key)
    if session is not None:
        names.add(session.role_arn)
    return arn, names


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _principal_matches(statement, caller_names):
    principal = statement.get("Principal")
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    return any(p in caller_names for p in _as_list(principal.get("AWS")))


def _action_matches(statement):
    return any(a.lower() in ASSUMING_ACTIONS for a in _as_list(statement.get("Action")))


def _external_id_matches(operator, expected, external_id):
    if external_id is None:
        return False
    if operator == "StringEquals":
        return external_id in expected
    return any(_like(pattern).fullmatch(external_id) for pattern in expected)


def _like(pattern):
    """IAM's StringLike pattern as a regex: `*` any run, `?` one character."""
    return re.compile("".join(
        ".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern
    ), re.DOTALL)


def _conditions_hold(statement, external_id):
    for operator, checks in (statement.get("Condition") or {}).items():
        if operator not in ("StringEquals", "StringLike"):
            return False
        for key, expected in checks.items():
            if key.lower() != "sts:externalid":
                return False
            if not _external_id_matches(operator, _as_list(expected), external_id):
                return False
    return True


def _trust_statements(role):
    document = role.assume_role_policy_document or "{}"
    if not document.lstrip().startswith("{"):
        document = unquote(document)
    return _as_list(json.loads(document).get("Statement"))


def trusts(role, caller_names, external_id):
    """Whether the trust policy of `role` lets a caller known by any of
    `caller_names` assume it with `external_id`."""
    matching = [
        s for s in _trust_statements(role)
        if _action_matches(s) and _principal_matches(s, caller_names)
        and _conditions_hold(s, external_id)
    ]
    if any(s.get("Effect") == "Deny" for s in matching):
        return False
    return any(s.get("Effect") == "Allow" for s in matching)


_original_assume_role = TokenResponse.assume_role


def assume_role(self):
    role_arn = self._get_param("RoleArn")
    role = _existing_role(role_arn, self.region)
    if role is not None:
        caller_arn, caller_names = _caller(self)
        if not trusts(role, caller_names, self._get_param("ExternalId")):
            raise AccessDeniedError(caller_arn, f"sts:AssumeRole on resource: {role_arn}")
    return _original_assume_role(self)


def install():
    TokenResponse.assume_role = assume_role
