"""Application Auto Scaling: deleting what is not there is ObjectNotFoundException.

AWS answers `ObjectNotFoundException` when DeleteScalingPolicy or
DeregisterScalableTarget names a policy or target that does not exist, and
hashicorp/aws takes that answer as "already deleted" (so a delete retried
after a lost answer succeeds). moto answers `ValidationException`, which
fails the destroy. Here the two calls answer as AWS does; other
validation errors keep moto's answer.
"""

from moto.applicationautoscaling.models import ApplicationAutoscalingBackend
from moto.core.exceptions import JsonRESTError

_original_delete_policy = ApplicationAutoscalingBackend.delete_scaling_policy
_original_deregister = ApplicationAutoscalingBackend.deregister_scalable_target


class ObjectNotFound(JsonRESTError):
    def __init__(self, message):
        super().__init__("ObjectNotFoundException", message)


def delete_scaling_policy(self, policy_name, service_namespace, resource_id, scalable_dimension):
    try:
        return _original_delete_policy(
            self, policy_name, service_namespace, resource_id, scalable_dimension)
    except JsonRESTError as e:
        if "No scaling policy found" in e.message:
            raise ObjectNotFound(e.message) from None
        raise


def deregister_scalable_target(self, namespace, r_id, dimension):
    try:
        return _original_deregister(self, namespace, r_id, dimension)
    except JsonRESTError as e:
        if "No scalable target found" in e.message:
            raise ObjectNotFound(e.message) from None
        raise


def install():
    ApplicationAutoscalingBackend.delete_scaling_policy = delete_scaling_policy
    ApplicationAutoscalingBackend.deregister_scalable_target = deregister_scalable_target
