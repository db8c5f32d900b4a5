"""EC2's idempotent creates: a request with a `ClientToken` already used in
the account and region returns what the first request created (nothing new
is made, whatever state that object is in now; the token is never
forgotten), and is HTTP 400 `IdempotentParameterMismatch` when its other
parameters differ. A client that lost the first answer (a dropped
connection) and retried gets the same object, as on AWS.
"""

from moto.ec2.exceptions import EC2ClientError

NOT_PART_OF_THE_REQUEST = {"Action", "Version", "ClientToken"}


def _tokens(backend, kind):
    """{client token: (request fingerprint, object)} of one kind of object
    in an account and region."""
    store = backend.__dict__.setdefault("_harness_client_tokens", {})
    return store.setdefault(kind, {})


def _fingerprint(response):
    """The request's parameters, in an order-independent comparable form."""
    return tuple(sorted(
        (name, tuple(values))
        for name, values in response.querystring.items()
        if name not in NOT_PART_OF_THE_REQUEST
    ))


def remembered(response, kind):
    """The object an earlier request with this request's token created, or
    None (no token, or a new one). Raises on a parameter mismatch."""
    token = response._get_param("ClientToken")
    if not token:
        return None
    known = _tokens(response.ec2_backend, kind).get(token)
    if known is None:
        return None
    fingerprint, obj = known
    if fingerprint != _fingerprint(response):
        raise EC2ClientError(
            "IdempotentParameterMismatch",
            "Arguments on this idempotent request are inconsistent with arguments "
            "used in previous request(s).",
        )
    return obj


def remember(response, kind, obj):
    """Records `obj` as what this request's token created; the token, or
    None without one."""
    token = response._get_param("ClientToken")
    if token:
        _tokens(response.ec2_backend, kind)[token] = (_fingerprint(response), obj)
    return token
