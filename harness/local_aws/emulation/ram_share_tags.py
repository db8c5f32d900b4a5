"""AWS RAM resource shares keep their tags (moto drops them).

moto ignores the `tags` of CreateResourceShare and has no TagResource or
UntagResource, so hashicorp/aws's `aws_ram_resource_share` plans to add its
tags again on every refresh. Here, as in AWS:

* a share keeps the tags it is created with, and CreateResourceShare and
  GetResourceShares answer them (`tags`, a list of `key`/`value`);
* TagResource adds or replaces tags of a share of the caller's, and
  UntagResource removes the keys given; an unknown share is
  `UnknownResourceException`.
"""

import json

from moto.ram import urls as ram_urls
from moto.ram.exceptions import UnknownResourceException
from moto.ram.models import ResourceShare
from moto.ram.responses import ResourceAccessManagerResponse

PATHS = ("{0}/tagresource$", "{0}/untagresource$")

_original_init = ResourceShare.__init__
_original_describe = ResourceShare.describe


def _init(self, account_id, region, **kwargs):
    _original_init(self, account_id, region, **kwargs)
    self._harness_tags = {t["key"]: t.get("value", "") for t in kwargs.get("tags") or []}


def _describe(self):
    answer = _original_describe(self)
    answer["tags"] = [{"key": k, "value": v} for k, v in sorted(self._harness_tags.items())]
    return answer


def _share(response):
    arn = response._get_param("resourceShareArn")
    share = next(
        (s for s in response.ram_backend.resource_shares
         if s.arn == arn and s.status != "DELETED"),
        None,
    )
    if share is None:
        raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
    return share


def tag_resource(self):
    share = _share(self)
    for tag in self._get_param("tags") or []:
        share._harness_tags[tag["key"]] = tag.get("value", "")
    return json.dumps({})


def untag_resource(self):
    share = _share(self)
    for key in self._get_param("tagKeys") or []:
        share._harness_tags.pop(key, None)
    return json.dumps({})


def install():
    ResourceShare.__init__ = _init
    ResourceShare.describe = _describe
    for path in PATHS:
        ram_urls.url_paths[path] = ResourceAccessManagerResponse.dispatch
    ResourceAccessManagerResponse.tag_resource = tag_resource
    ResourceAccessManagerResponse.untag_resource = untag_resource
