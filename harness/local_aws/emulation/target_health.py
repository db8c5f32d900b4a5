"""ECS tasks as load balancer targets, healthy only when they can be reached.

moto never registers the tasks of an ECS service in its target groups, and
every target it knows is `healthy`. In AWS, a task behind a network load
balancer passes its health checks only when its security groups let the load
balancer's nodes in; a provider tested against moto alone would never notice
a missing ingress rule. So:

* Every task of an ECS service with `loadBalancers` is an `ip` target of each
  of those target groups, on the entry's `containerPort`. A deployment has
  `desiredCount` tasks while it is PRIMARY and `runningCount` once it is
  ACTIVE beside a newer one. Task ids and addresses are derived from the
  service, deployment and task number, so they stay put while the
  deployments do; the address lies in one of the service's awsvpc subnets
  (taking turns) and differs from those of the service's other tasks.
* Until its deployment's tasks have started (the settle time of the rollout,
  see ecs.py) a task is `initial` (`Elb.RegistrationInProgress`).
* A started task is `healthy` only when, for every load balancer of the
  target group and every subnet of that load balancer, one of the task's
  security groups (moto requires the service to name them) has an ingress
  rule admitting the subnet's CIDR block on the traffic port and on the
  health-check port (`traffic-port` meaning the target's port). A rule
  admits when its protocol is `tcp` or `-1`, its port range covers the port,
  and either its `CidrIp` contains the subnet's block (a VPC-wide rule does)
  or it references a security group of the load balancer. Otherwise the task
  is `unhealthy` (`Target.FailedHealthChecks`, "Health checks failed").
  Rules are read at describe time: fixing one heals the targets at once.
* A target group whose load balancers are gone leaves its tasks `unused`
  (`Target.NotInUse`); the tasks of a DRAINING service are `draining`
  (`Target.DeregistrationInProgress`).
* `DescribeTargetHealth` lists these targets after the ones registered with
  `RegisterTargets` (which moto keeps answering for), or answers for the
  ones asked for by `Targets`.
"""

import hashlib
import ipaddress
from dataclasses import dataclass

from moto.ec2.models import ec2_backends
from moto.ecs.models import ecs_backends
from moto.elbv2.models import ELBv2Backend, FakeHealthStatus, elbv2_backends

from .backends import existing

FAILED_HEALTH_CHECKS = ("unhealthy", "Target.FailedHealthChecks", "Health checks failed")
REGISTRATION_IN_PROGRESS = (
    "initial", "Elb.RegistrationInProgress", "Target registration is in progress",
)
NOT_IN_USE = (
    "unused", "Target.NotInUse",
    "Target group is not configured to receive traffic from the load balancer",
)
DEREGISTRATION_IN_PROGRESS = (
    "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress",
)
HEALTHY = ("healthy", None, None)

_original_describe = ELBv2Backend.describe_target_health


@dataclass(frozen=True)
class TaskTarget:
    """One task of an ECS service, registered in one target group."""

    task_id: str
    address: str
    port: int
    target_group_arn: str
    deployment_id: str
    started: bool


def tasks_started(service, deployment):
    """Records that the tasks of `deployment` run (and face health checks)."""
    started = getattr(service, "_harness_started_deployments", set())
    started.add(deployment["id"])
    service._harness_started_deployments = started


def _started(service, deployment):
    return deployment["id"] in getattr(service, "_harness_started_deployments", ())


def _task_counts(service):
    for deployment in service.deployments:
        count = deployment["desiredCount"] if deployment["status"] == "PRIMARY" \
            else deployment["runningCount"]
        yield deployment, count


def _awsvpc(service):
    return (service.network_configuration or {}).get("awsvpcConfiguration") or {}


def _address(ec2, subnet_ids, digest, number, taken):
    """A private address in one of `subnet_ids`, derived from `digest`: the
    first one from there on that is not `taken` by another task."""
    if not subnet_ids:
        return None
    try:
        subnet = ec2.get_subnet(subnet_ids[number % len(subnet_ids)])
    except Exception:  # the subnet is gone: the task has no address there
        return None
    network = ipaddress.ip_network(subnet.cidr_block, strict=False)
    # AWS reserves the first four addresses and the last one of a subnet.
    usable = max(network.num_addresses - 5, 1)
    start = int(digest, 16)
    for step in range(usable):
        address = str(network.network_address + 4 + (start + step) % usable)
        if address not in taken:
            taken.add(address)
            return address
    return None


def _task_targets(service):
    """Every (task, target group) pair of `service`, oldest deployment last."""
    attachments = [
        (lb["targetGroupArn"], int(lb["containerPort"]))
        for lb in service.load_balancers or []
        if lb.get("targetGroupArn") and lb.get("containerPort") is not None
    ]
    if not attachments:
        return []
    ec2 = existing(ec2_backends, service._account_id, service.region_name)
    subnet_ids = _awsvpc(service).get("subnets") or []
    targets, taken = [], set()
    for deployment, count in _task_counts(service):
        for number in range(count):
            digest = hashlib.sha256(
                f"{service.arn}/{deployment['id']}/{number}".encode()
            ).hexdigest()
            address = _address(ec2, subnet_ids, digest, number, taken)
            if address is None:
                continue
            for target_group_arn, port in attachments:
                targets.append(TaskTarget(
                    task_id=digest[:32], address=address, port=port,
                    target_group_arn=target_group_arn, deployment_id=deployment["id"],
                    started=_started(service, deployment),
                ))
    return targets


def _task_security_groups(ec2, service):
    group_ids = _awsvpc(service).get("securityGroups") or []
    groups = [ec2.get_security_group_from_id(group_id) for group_id in group_ids]
    return [group for group in groups if group is not None]


def _admits(rule, source_block, load_balancer_groups, port):
    if rule.ip_protocol not in ("tcp", "-1"):
        return False
    if rule.ip_protocol == "tcp" and not rule.from_port <= port <= rule.to_port:
        return False
    cidr = rule.ip_range.get("CidrIp")
    if cidr and source_block.subnet_of(ipaddress.ip_network(cidr, strict=False)):
        return True
    return rule.source_group.get("GroupId") in load_balancer_groups


def _admitted(groups, load_balancer, port):
    """True when `groups` let every subnet of `load_balancer` in on `port`."""
    lb_groups = set(load_balancer.security_groups or [])
    for subnet in load_balancer.subnets:
        block = ipaddress.ip_network(subnet.cidr_block, strict=False)
        if not any(
            _admits(rule, block, lb_groups, port)
            for group in groups
            for rule in group.ingress_rules
        ):
            return False
    return True


def _health_check_port(target_group, traffic_port):
    """The port health checks of `target_group` reach a target on."""
    configured = target_group.health_check_port
    if configured in (None, "", "traffic-port"):
        return traffic_port
    return int(configured)


def _state(service, target):
    """(State, Reason, Description) of `target`, a task of `service`."""
    if service.status == "DRAINING":
        return DEREGISTRATION_IN_PROGRESS
    if not target.started:
        return REGISTRATION_IN_PROGRESS
    elbv2 = existing(elbv2_backends, service._account_id, service.region_name)
    ec2 = existing(ec2_backends, service._account_id, service.region_name)
    target_group = elbv2.target_groups.get(target.target_group_arn) if elbv2 else None
    if target_group is None:
        return NOT_IN_USE
    load_balancers = [
        elbv2.load_balancers[arn]
        for arn in target_group.load_balancer_arns if arn in elbv2.load_balancers
    ]
    if not load_balancers:
        return NOT_IN_USE
    groups = _task_security_groups(ec2, service)
    ports = {target.port, _health_check_port(target_group, target.port)}
    if all(_admitted(groups, lb, port) for lb in load_balancers for port in ports):
        return HEALTHY
    return FAILED_HEALTH_CHECKS


def failing(service, deployment):
    """The targets of `deployment`'s tasks that fail their health checks."""
    return [
        target for target in _task_targets(service)
        if target.deployment_id == deployment["id"]
        and _state(service, target) == FAILED_HEALTH_CHECKS
    ]


def _statuses(backend, target_group):
    ecs = existing(ecs_backends, backend.account_id, backend.region_name)
    if ecs is None:
        return []
    statuses = []
    for service in list(ecs.services.values()):
        if service.status == "INACTIVE":
            continue
        for target in _task_targets(service):
            if target.target_group_arn != target_group.arn:
                continue
            code, reason, description = _state(service, target)
            statuses.append(FakeHealthStatus(
                target.address, target.port,
                str(_health_check_port(target_group, target.port)),
                code, reason, description,
            ))
    return statuses


def describe_target_health(self, target_group_arn, targets):
    """moto's answer for registered targets, with the ECS tasks' beside it."""
    target_group = self.target_groups.get(target_group_arn)
    if target_group is None:
        return _original_describe(self, target_group_arn, targets)
    tasks = _statuses(self, target_group)
    if not targets:
        return _original_describe(self, target_group_arn, []) + tasks
    answered = []
    for wanted in targets:
        match = next((
            status for status in tasks
            if status.instance_id == wanted["Id"]
            and ("Port" not in wanted or int(wanted["Port"]) == int(status.port))
        ), None)
        answered += [match] if match else _original_describe(self, target_group_arn, [wanted])
    return answered


def install():
    """Lists the ECS tasks' targets in `DescribeTargetHealth`."""
    ELBv2Backend.describe_target_health = describe_target_health
