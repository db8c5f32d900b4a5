"""ECS services as AWS runs them.

* `CreateService` refuses a target group that no listener uses yet
  ("does not have an associated load balancer"), as AWS does until the
  listener exists; and it keeps what moto drops: `deploymentConfiguration` (with
  AWS's defaults filled in), `healthCheckGracePeriodSeconds`,
  `enableExecuteCommand`, `enableECSManagedTags`; describe returns them.
* `availabilityZoneRebalancing` is kept and described: a new service
  without one gets AWS's create default, `ENABLED`; an update without one
  keeps the service's value.
* A deployment rolls out: a new service, or an update that changes the task
  definition, starts a PRIMARY deployment `IN_PROGRESS` with no tasks
  running (the old one stays ACTIVE beside it); after the settle time the
  tasks run, the rollout is `COMPLETED` and the old deployment is gone.
  Changing only the desired count reaches the new count after the settle
  time too.
* A rollout behind a load balancer that is still provisioning completes
  the settle time after the load balancer is active, not before: the
  targets are health-checked by the load balancer's nodes, so on AWS the
  provisioning and the rollout follow each other on the critical path.
* A rollout completes only when its tasks pass the health checks of the
  service's target groups (see target_health.py). Otherwise the deployment
  stays `IN_PROGRESS` with its tasks counted in `failedTasks`, not running,
  and the service gains an event per task and target group, "(service S)
  (task T) failed ELB health checks in (target-group ARN)": it never
  reaches a steady state. Each `DescribeServices` checks again, so the
  rollout completes as soon as the security groups let the load balancer in.
* `DeleteService` drains: the service is `DRAINING` for the settle time,
  then `INACTIVE`.
* `DeleteCluster` refuses while the cluster still has services that are
  not INACTIVE (`ClusterContainsServicesException`).
"""

from moto.core.utils import utcnow
from moto.ecs.exceptions import ECSException, InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.elbv2.models import elbv2_backends
from moto.moto_api._internal import mock_random

from . import target_health
from .backends import existing

DEFAULT_DEPLOYMENT_CONFIGURATION = {
    "maximumPercent": 200,
    "minimumHealthyPercent": 100,
    "deploymentCircuitBreaker": {"enable": False, "rollback": False},
}

# What AWS sets on a new service that is given no availabilityZoneRebalancing.
CREATE_AZ_REBALANCING = "ENABLED"

_original_create = EC2ContainerServiceResponse.create_service
_original_update = EC2ContainerServiceResponse.update_service
_original_delete = EC2ContainerServiceResponse.delete_service
_original_delete_cluster = EC2ContainerServiceBackend.delete_cluster
_original_describe = EC2ContainerServiceBackend.describe_services


def _deployment(service, running):
    now = utcnow()
    deployment_id = f"ecs-svc/{mock_random.randint(0, 32**12)}"
    return {
        "id": deployment_id,
        "status": "PRIMARY",
        "taskDefinition": service.task_definition,
        "desiredCount": service.desired_count,
        "pendingCount": service.desired_count - running,
        "runningCount": running,
        "failedTasks": 0,
        "createdAt": now,
        "updatedAt": now,
        "launchType": service.launch_type,
        "platformVersion": service.platform_version,
        "platformFamily": "FARGATE" if service.launch_type == "FARGATE" else "EC2",
        "networkConfiguration": service.network_configuration or None,
        "rolloutState": "IN_PROGRESS",
        "rolloutStateReason": f"ECS deployment {deployment_id} in progress.",
    }


def _set_running(service, running):
    service.running_count = running
    service.pending_count = max(service.desired_count - running, 0)


def _complete(service, deployment):
    """The rollout of `deployment` finished: all its tasks run, others stopped.

    Unless its tasks fail their load balancer health checks: then it is held.
    """
    if service.status != "ACTIVE" or not any(d is deployment for d in service.deployments):
        return
    target_health.tasks_started(service, deployment)
    failed = target_health.failing(service, deployment)
    if failed:
        _hold(service, deployment, failed)
        return
    _held(service).discard(deployment["id"])
    deployment["runningCount"] = deployment["desiredCount"] = service.desired_count
    deployment["pendingCount"] = 0
    deployment["rolloutState"] = "COMPLETED"
    deployment["rolloutStateReason"] = f"ECS deployment {deployment['id']} completed."
    deployment["updatedAt"] = utcnow()
    service.deployments = [deployment]
    _set_running(service, service.desired_count)


def _held(service):
    """Ids of the deployments whose tasks failed their health checks."""
    if not hasattr(service, "_harness_held_deployments"):
        service._harness_held_deployments = set()
    return service._harness_held_deployments


def _hold(service, deployment, failed):
    """Keeps `deployment` in progress: its tasks were stopped as unhealthy."""
    if deployment["id"] in _held(service):
        return
    _held(service).add(deployment["id"])
    deployment["failedTasks"] = deployment.get("failedTasks", 0) + len(
        {target.task_id for target in failed}
    )
    deployment["updatedAt"] = utcnow()
    for target in failed:
        service.events.insert(0, {
            "id": str(mock_random.uuid4()),
            "createdAt": utcnow(),
            "message": f"(service {service.name}) (task {target.task_id}) failed ELB "
                       f"health checks in (target-group {target.target_group_arn})",
        })


def _retry_held(service):
    """Completes a held rollout once its tasks would pass their health checks."""
    primary = service.deployments[0] if service.deployments else None
    if primary is not None and primary["id"] in _held(service):
        _complete(service, primary)


def describe_services(self, cluster_str, service_names_or_arns):
    services, failures = _original_describe(self, cluster_str, service_names_or_arns)
    for service in services:
        _retry_held(service)
    return services, failures


def _roll_out(settle, service, running_before):
    """Starts a new PRIMARY deployment; the previous PRIMARY becomes ACTIVE."""
    for old in service.deployments:
        old["status"] = "ACTIVE"
    deployment = _deployment(service, 0)
    service.deployments = [deployment] + service.deployments
    _set_running(service, running_before)
    settle.later(
        "ecs_deployment",
        lambda: _complete(service, deployment),
        not_before=_load_balancers_active_at(settle, service),
    )


def _load_balancers_active_at(settle, service):
    """When the last of the load balancers in front of `service` is (or was)
    active, or None when it has none provisioned here."""
    elbv2 = existing(elbv2_backends, service._account_id, service.region_name)
    if elbv2 is None:
        return None
    times = [
        settle.ends("load_balancer_provisioning", created)
        for attachment in service.load_balancers or []
        for target_group in [elbv2.target_groups.get(attachment.get("targetGroupArn"))]
        if target_group is not None
        for arn in target_group.load_balancer_arns
        for created in [getattr(elbv2.load_balancers.get(arn), "_harness_created_at", None)]
        if created is not None
    ]
    return max(times, default=None)


def _require_attached_target_groups(response):
    elbv2 = existing(elbv2_backends, response.current_account, response.region)
    if elbv2 is None:
        return
    target_groups = elbv2.target_groups
    for lb in response._get_param("loadBalancers") or []:
        arn = lb.get("targetGroupArn")
        tg = target_groups.get(arn) if arn else None
        if tg is not None and not tg.load_balancer_arns:
            raise InvalidParameterException(
                f"The target group with targetGroupArn {arn} does not have an "
                "associated load balancer."
            )


def _install_create(settle):
    def create_service(self):
        _require_attached_target_groups(self)
        result = _original_create(self)
        service = result.result["service"]
        configuration = dict(DEFAULT_DEPLOYMENT_CONFIGURATION)
        configuration.update(self._get_param("deploymentConfiguration") or {})
        service.deployment_configuration = configuration
        service.health_check_grace_period_seconds = (
            self._get_int_param("healthCheckGracePeriodSeconds") or 0
        )
        service.enable_execute_command = bool(self._get_param("enableExecuteCommand"))
        service.enable_ecs_managed_tags = bool(self._get_param("enableECSManagedTags"))
        service.availability_zone_rebalancing = (
            self._get_param("availabilityZoneRebalancing") or CREATE_AZ_REBALANCING
        )
        service.deployments = []
        _roll_out(settle, service, 0)
        return result

    EC2ContainerServiceResponse.create_service = create_service


def _install_update(settle):
    def update_service(self):
        cluster = self._get_param("cluster", "default")
        before = self.ecs_backend._get_service(cluster, self._get_param("service").split("/")[-1])
        running_before = before.running_count
        task_definition_before = before.task_definition
        result = _original_update(self)
        service = result.result["service"]
        if self._get_param("availabilityZoneRebalancing"):
            service.availability_zone_rebalancing = self._get_param("availabilityZoneRebalancing")
        if isinstance(service.deployment_configuration, dict):
            merged = dict(DEFAULT_DEPLOYMENT_CONFIGURATION)
            merged.update(service.deployment_configuration)
            service.deployment_configuration = merged
        # moto stores the name it was given; AWS answers with the full ARN.
        if service.task_definition and not service.task_definition.startswith("arn:"):
            service.task_definition = self.ecs_backend.describe_task_definition(
                service.task_definition
            ).arn
        new_revision = service.task_definition != task_definition_before
        if new_revision or self._get_param("forceNewDeployment"):
            _roll_out(settle, service, running_before)
        elif service.running_count != running_before:
            _set_running(service, running_before)
            primary = service.deployments[0] if service.deployments else None
            if primary is not None:
                primary["desiredCount"] = service.desired_count
                primary["rolloutState"] = "IN_PROGRESS"
                settle.later(
                    "ecs_deployment",
                    lambda: _complete(service, primary),
                    not_before=_load_balancers_active_at(settle, service),
                )
        return result

    EC2ContainerServiceResponse.update_service = update_service


def _install_delete(settle):
    def delete_service(self):
        result = _original_delete(self)
        service = result.result["service"]
        service.status = "DRAINING"

        def drained():
            if service.status == "DRAINING":
                service.status = "INACTIVE"
                service.running_count = 0
                service.deployments = []

        settle.later("ecs_draining", drained)
        return result

    EC2ContainerServiceResponse.delete_service = delete_service


def delete_cluster(self, cluster_str):
    cluster = self._get_cluster(cluster_str)
    remaining = [
        s for s in self.services.values()
        if s.cluster_name == cluster.name and s.status != "INACTIVE"
    ]
    if remaining:
        raise ECSException(
            "ClusterContainsServicesException",
            "The Cluster cannot be deleted while Services are active.",
        )
    return _original_delete_cluster(self, cluster_str)


def install(settle):
    _install_create(settle)
    _install_update(settle)
    _install_delete(settle)
    EC2ContainerServiceBackend.delete_cluster = delete_cluster
    EC2ContainerServiceBackend.describe_services = describe_services
