"""AWS RAM GetResourceShares honours its filters (moto lists every share).

hashicorp/aws reads one share with `resourceShareArns` (and waits for it
by status); moto ignores the filter and answers every share of the
account, so a second share makes the read fail ("too many results").
Here, as in AWS, the answer holds only the shares that match every filter
given: `resourceShareArns`, `resourceShareStatus` and `name`. Other
parameters keep moto's behaviour.
"""

import json

from moto.ram.responses import ResourceAccessManagerResponse

_original = ResourceAccessManagerResponse.get_resource_shares


def get_resource_shares(self):
    answer = json.loads(_original(self))
    arns = self._get_param("resourceShareArns")
    status = self._get_param("resourceShareStatus")
    name = self._get_param("name")
    answer["resourceShares"] = [
        share
        for share in answer["resourceShares"]
        if (not arns or share["resourceShareArn"] in arns)
        and (status is None or share["status"] == status)
        and (name is None or share["name"] == name)
    ]
    return json.dumps(answer)


def install():
    ResourceAccessManagerResponse.get_resource_shares = get_resource_shares
