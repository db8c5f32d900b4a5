"""Elastic Load Balancing's idempotent creates, as AWS documents them: a
create that repeats one already made with the same settings succeeds and
returns the object made the first time; with other settings it is refused.
A client that lost the first answer and retried gets the same object.

* `CreateLoadBalancer` with the name of a load balancer of the account and
  region: the same one when its type, scheme and subnets are the same,
  else `DuplicateLoadBalancerName` (moto makes a second one).
* `CreateTargetGroup` with the name of a target group: the same one when
  its protocol, port, VPC, target type and health check are the same, else
  `DuplicateTargetGroupName` (moto always refuses).
* `CreateListener` on a port the load balancer listens on: the same
  listener when its protocol and default actions are the same, else
  `DuplicateListener` (moto adds a second listener on the port).
"""

from moto.elbv2.exceptions import (
    DuplicateListenerError,
    DuplicateLoadBalancerName,
    DuplicateTargetGroupName,
)
from moto.elbv2.models import ELBv2Backend

_original_create_load_balancer = None
_original_create_target_group = ELBv2Backend.create_target_group
_original_create_listener = ELBv2Backend.create_listener


def _text(value):
    return None if value is None else str(value)


def create_load_balancer(self, name, *args, **kwargs):
    for lb in self.load_balancers.values():
        if lb.name != name:
            continue
        subnets = set(kwargs.get("subnet_ids") or []) | {
            m["SubnetId"] for m in kwargs.get("subnet_mappings") or []
        }
        same = (
            (kwargs.get("loadbalancer_type") or "application") == (lb.type or "application")
            and (kwargs.get("scheme") or "internet-facing") == lb.scheme
            and subnets == {s.id for s in lb.subnets}
        )
        if same:
            return lb
        raise DuplicateLoadBalancerName()
    return _original_create_load_balancer(self, name, *args, **kwargs)


def _same_target_group(tg, kwargs):
    wanted = {
        "protocol": kwargs.get("protocol"),
        "port": _text(kwargs.get("port")),
        "vpc_id": kwargs.get("vpc_id"),
        "target_type": kwargs.get("target_type") or "instance",
        "health_check_path": kwargs.get("healthcheck_path"),
        "health_check_port": kwargs.get("healthcheck_port"),
    }
    have = {
        "protocol": tg.protocol,
        "port": _text(tg.port),
        "vpc_id": tg.vpc_id,
        "target_type": tg.target_type,
        "health_check_path": tg.health_check_path,
        "health_check_port": tg.health_check_port,
    }
    return all(wanted[k] is None or wanted[k] == have[k] for k in wanted)


def create_target_group(self, name, **kwargs):
    for tg in self.target_groups.values():
        if tg.name == name:
            if _same_target_group(tg, kwargs):
                return tg
            raise DuplicateTargetGroupName()
    return _original_create_target_group(self, name, **kwargs)


def _target_groups_of(actions):
    found = []
    for action in actions or []:
        data = action if isinstance(action, dict) else getattr(action, "data", {})
        found.append(data.get("TargetGroupArn") or data.get("target_group_arn"))
    return found


def create_listener(self, load_balancer_arn, protocol, port, *args, **kwargs):
    balancer = self.load_balancers.get(load_balancer_arn)
    if balancer is not None:
        for listener in balancer.listeners.values():
            if _text(listener.port) != _text(port):
                continue
            same = (listener.protocol == (protocol or "").upper()
                    and _target_groups_of(listener.default_actions)
                    == _target_groups_of(kwargs.get("actions")))
            if same:
                return listener
            raise DuplicateListenerError()
    return _original_create_listener(self, load_balancer_arn, protocol, port, *args, **kwargs)


def install():
    """After elbv2.install (it wraps CreateLoadBalancer first)."""
    global _original_create_load_balancer
    _original_create_load_balancer = ELBv2Backend.create_load_balancer
    ELBv2Backend.create_load_balancer = create_load_balancer
    ELBv2Backend.create_target_group = create_target_group
    ELBv2Backend.create_listener = create_listener
