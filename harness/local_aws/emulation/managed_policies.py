"""AWS-managed IAM policies, built once per process, copied per account on first use.

AWS-managed policies (arn:aws:iam::aws:policy/...) exist in every account,
each with one PolicyId that is the same everywhere. moto builds each
account's copies whenever an account's IAM backend is made or reset: it
parses about 1,100 policies from JSON, serialises every document back and
draws a random id for each, about 0.15 s per account and per reset, most of
the time an emulation test spent. Here the policies are built once per
partition, and an account gets copies of its own (attachment counts, tags
and versions stay per account, as in AWS) the first time its managed
policies are looked at; accounts that never look pay nothing. What an
account sees is unchanged, but for AWS's single PolicyId.
"""

import json
import threading
from datetime import datetime

from moto.iam.aws_managed_policies import aws_managed_policies_data
from moto.iam.models import AWSManagedPolicy, IAMBackend
from moto.settings import load_iam_aws_managed_policies

_originals = {}
_lock = threading.RLock()


def _built_once(account_id, region_name):
    """The policies of `region_name`'s partition, built the first time it is asked for."""
    if region_name not in _originals:
        _originals[region_name] = [
            AWSManagedPolicy(
                name,
                account_id=account_id,
                region=region_name,
                default_version_id=data.get("DefaultVersionId"),
                path=data.get("Path"),
                document=json.dumps(data.get("Document")),
                create_date=datetime.fromisoformat(data["CreateDate"]),
                update_date=datetime.fromisoformat(data["UpdateDate"]),
            )
            for name, data in json.loads(aws_managed_policies_data).items()
        ]
    return _originals[region_name]


def _shallow_copy(original):
    """`copy.copy` without its generic machinery (it took most of the time)."""
    duplicate = type(original).__new__(type(original))
    duplicate.__dict__.update(original.__dict__)
    return duplicate


def _copy_for(original, account_id):
    policy = _shallow_copy(original)
    policy.account_id = account_id
    policy.attachment_count = 0
    policy.tags = {}
    policy.versions = [_shallow_copy(version) for version in original.versions]
    return policy


def _aws_policies(backend):
    """This account's copies of the AWS-managed policies, made on first use."""
    state = backend.__dict__
    with _lock:
        if "_harness_aws_policies" not in state:
            state["_harness_aws_policies"] = (
                [_copy_for(p, backend.account_id)
                 for p in _built_once(backend.account_id, backend.region_name)]
                if load_iam_aws_managed_policies() else []
            )
            policies = {p.arn: p for p in state["_harness_aws_policies"]}
            policies.update(state["_harness_managed_policies"])
            state["_harness_managed_policies"] = policies
    return state["_harness_aws_policies"]


def _get_managed_policies(backend):
    _aws_policies(backend)
    return backend.__dict__["_harness_managed_policies"]


def _set_managed_policies(backend, policies):
    # moto's __init__ assigns an empty dict (`_init_managed_policies` below);
    # the AWS-managed policies are merged in on first use.
    backend.__dict__["_harness_managed_policies"] = policies


def install():
    IAMBackend._init_aws_policies = lambda backend: []
    IAMBackend._init_managed_policies = lambda backend: {}
    IAMBackend.aws_managed_policies = property(
        _aws_policies, lambda backend, value: None,
        doc="The AWS-managed policies of this account (made on first use).")
    IAMBackend.managed_policies = property(
        _get_managed_policies, _set_managed_policies,
        doc="Every managed policy of this account, AWS's and the customer's, by ARN.")
