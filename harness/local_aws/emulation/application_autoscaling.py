"""Application Auto Scaling scalable targets' tags, which moto does not keep.

AWS tags scalable targets (not scaling policies or scheduled actions) by
their ARN, `ScalableTargetARN`; hashicorp/aws lists them after registering
a target:

* `RegisterScalableTarget` takes `Tags` when it creates the target; a
  repeated register of an existing target updates its capacities and
  leaves its tags as they are (AWS: tag an existing target with
  `TagResource`);
* `ListTagsForResource` answers `{"Tags": {key: value}}`;
* `TagResource` adds or overwrites keys, `UntagResource` removes
  `TagKeys` (unknown keys are ignored);
* a target has at most 50 tags: more is `TooManyTagsException`;
* an ARN that names no registered target of the account and region (one
  deregistered, too) is `ResourceNotFoundException`.
"""

import json

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.core.exceptions import JsonRESTError

MAX_TAGS = 50

_original_register_response = ApplicationAutoScalingResponse.register_scalable_target


class _NotFound(JsonRESTError):
    def __init__(self, arn):
        super().__init__("ResourceNotFoundException", f"Scalable target {arn} not found.")


class _TooManyTags(JsonRESTError):
    def __init__(self, target):
        super().__init__(
            "TooManyTagsException",
            f"The scalable target {target} would have more than {MAX_TAGS} tags.",
        )


def _tags(target):
    """The tags of a scalable target, kept on moto's model."""
    if not hasattr(target, "_harness_tags"):
        target._harness_tags = {}
    return target._harness_tags


def _target(backend, arn):
    for by_resource in backend.targets.values():
        for target in by_resource.values():
            if target.arn == arn:
                return target
    raise _NotFound(arn)


def _merge(target, new_tags):
    merged = dict(_tags(target))
    merged.update(new_tags or {})
    if len(merged) > MAX_TAGS:
        raise _TooManyTags(target.arn)
    target._harness_tags = merged


def register_scalable_target(self):
    namespace = self._get_param("ServiceNamespace")
    resource_id = self._get_param("ResourceId")
    dimension = self._get_param("ScalableDimension")
    backend = self.applicationautoscaling_backend
    existed = backend._scalable_target_exists(resource_id, dimension)
    tags = self._get_param("Tags") or {}
    if not existed and len(tags) > MAX_TAGS:
        raise _TooManyTags(f"{namespace}/{resource_id}")
    result = _original_register_response(self)
    if not existed:
        target = backend.targets[dimension][resource_id]
        _merge(target, tags)
    return result


def list_tags_for_resource(self):
    target = _target(self.applicationautoscaling_backend, self._get_param("ResourceARN"))
    return json.dumps({"Tags": dict(_tags(target))})


def tag_resource(self):
    target = _target(self.applicationautoscaling_backend, self._get_param("ResourceARN"))
    _merge(target, self._get_param("Tags"))
    return json.dumps({})


def untag_resource(self):
    target = _target(self.applicationautoscaling_backend, self._get_param("ResourceARN"))
    for key in self._get_param("TagKeys") or []:
        _tags(target).pop(key, None)
    return json.dumps({})


def install():
    ApplicationAutoScalingResponse.register_scalable_target = register_scalable_target
    ApplicationAutoScalingResponse.list_tags_for_resource = list_tags_for_resource
    ApplicationAutoScalingResponse.tag_resource = tag_resource
    ApplicationAutoScalingResponse.untag_resource = untag_resource
