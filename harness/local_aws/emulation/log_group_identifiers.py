"""DescribeLogGroups by `logGroupIdentifiers`.

AWS's DescribeLogGroups takes up to 50 log group names (or ARNs) in
`logGroupIdentifiers` and answers those that exist, which lets a client
read many groups in one call; no other filter may come with them. moto
ignores the parameter and lists every group of the account. Here the
identifiers filter the answer, and the combinations AWS refuses are refused.
"""

import json

from moto.logs.exceptions import InvalidParameterException
from moto.logs.responses import LogsResponse

MAX_IDENTIFIERS = 50
EXCLUSIVE = ("logGroupNamePrefix", "logGroupNamePattern", "logGroupClass", "nextToken")

_original = LogsResponse.describe_log_groups


def _identified(group, identifiers):
    arn = group.arn[:-2] if group.arn.endswith(":*") else group.arn
    return group.name in identifiers or arn in identifiers or group.arn in identifiers


def describe_log_groups(self):
    identifiers = self._get_param("logGroupIdentifiers")
    if identifiers is None:
        return _original(self)
    if not 1 <= len(identifiers) <= MAX_IDENTIFIERS:
        raise InvalidParameterException(
            msg=f"logGroupIdentifiers takes 1 to {MAX_IDENTIFIERS} identifiers"
        )
    given = [p for p in EXCLUSIVE if self._get_param(p) is not None]
    if given:
        raise InvalidParameterException(
            msg=f"logGroupIdentifiers cannot be used with {', '.join(given)}"
        )
    wanted = set(identifiers)
    groups = [g for g in self.logs_backend.groups.values() if _identified(g, wanted)]
    groups.sort(key=lambda g: g.name)
    return json.dumps({"logGroups": [g.to_describe_dict() for g in groups]})


def install():
    LogsResponse.describe_log_groups = describe_log_groups
