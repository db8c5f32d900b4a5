"""AWS Backup selections, which moto does not implement.

`CreateBackupSelection`, `GetBackupSelection`, `ListBackupSelections` and
`DeleteBackupSelection` on the plans moto keeps, in AWS's shapes:

* create answers `SelectionId`, `BackupPlanId` and `CreationDate`; an
  unknown (or deleted) plan is HTTP 404 `ResourceNotFoundException`;
* get answers `BackupSelection` as given (`SelectionName`, `IamRoleArn`,
  `Resources`, `ListOfTags`, ...), with `SelectionId`, `BackupPlanId`,
  `CreationDate` and `CreatorRequestId`;
* delete removes it; get or delete of an unknown selection is HTTP 404
  `ResourceNotFoundException`;
* `DeleteBackupPlan` of a plan that still has selections is refused, as
  AWS does, with HTTP 400 `InvalidRequestException`.

`ListRecoveryPointsByBackupVault` (moto routes no such path) answers an
existing vault's recovery points: none, as moto never makes any, which is
what hashicorp/aws checks before deleting a vault with `force_destroy`; an
unknown vault is `ResourceNotFoundException`.

And `ListTags` answers the tags of the ARN after `/tags/` (moto takes the
path's second-to-last segment, so a plan's or vault's tags read as none).
"""

import json
from urllib.parse import unquote

from moto.backup import urls as backup_urls
from moto.backup.models import BackupBackend
from moto.backup.responses import BackupResponse
from moto.core.exceptions import JsonRESTError
from moto.moto_api._internal import mock_random
from moto.core.utils import unix_time


# With and without the trailing slash (SDKs send it; Flask matches exactly).
RECOVERY_POINTS_PATHS = (
    "{0}/backup-vaults/(?P<name>[^/]+)/recovery-points/$",
    "{0}/backup-vaults/(?P<name>[^/]+)/recovery-points$",
)


class _NotFound(JsonRESTError):
    code = 404

    def __init__(self, message):
        super().__init__("ResourceNotFoundException", message)


class _InvalidRequest(JsonRESTError):
    code = 400

    def __init__(self, message):
        super().__init__("InvalidRequestException", message)


def _selections(backend):
    """{plan id: {selection id: selection}} of an account and region."""
    if not hasattr(backend, "_harness_selections"):
        backend._harness_selections = {}
    return backend._harness_selections


def _live_plan(backend, plan_id):
    plan = backend.plans.get(plan_id)
    if plan is None or getattr(plan, "deletion_date", None):
        raise _NotFound(f"Failed reading backup plan with id: {plan_id}")
    return plan


def _path_ids(path):
    """(plan id, selection id or None) of a /backup/plans/<id>/selections[/<id>] path."""
    parts = [p for p in path.split("?")[0].split("/") if p]
    plan_id = parts[2]
    selection_id = parts[4] if len(parts) > 4 else None
    return plan_id, selection_id


def _create_backup_selection(self):
    plan_id, _ = _path_ids(self.path)
    params = json.loads(self.body or "{}")
    _live_plan(self.backup_backend, plan_id)
    selection_id = str(mock_random.uuid4())
    selection = {
        "BackupSelection": params.get("BackupSelection", {}),
        "SelectionId": selection_id,
        "BackupPlanId": plan_id,
        "CreationDate": unix_time(),
        "CreatorRequestId": params.get("CreatorRequestId"),
    }
    _selections(self.backup_backend).setdefault(plan_id, {})[selection_id] = selection
    return json.dumps({k: selection[k] for k in ("SelectionId", "BackupPlanId", "CreationDate")})


def _selection(backend, path):
    plan_id, selection_id = _path_ids(path)
    selection = _selections(backend).get(plan_id, {}).get(selection_id)
    if selection is None:
        raise _NotFound(f"Failed reading backup selection with id: {selection_id}")
    return plan_id, selection_id, selection


def _get_backup_selection(self):
    _, _, selection = _selection(self.backup_backend, self.path)
    return json.dumps({k: v for k, v in selection.items() if v is not None})


def _delete_backup_selection(self):
    plan_id, selection_id, _ = _selection(self.backup_backend, self.path)
    del _selections(self.backup_backend)[plan_id][selection_id]
    return "{}"


def _list_backup_selections(self):
    plan_id, _ = _path_ids(self.path)
    _live_plan(self.backup_backend, plan_id)
    listed = [
        {
            "SelectionId": s["SelectionId"],
            "SelectionName": s["BackupSelection"].get("SelectionName"),
            "BackupPlanId": plan_id,
            "CreationDate": s["CreationDate"],
            "IamRoleArn": s["BackupSelection"].get("IamRoleArn"),
        }
        for s in _selections(self.backup_backend).get(plan_id, {}).values()
    ]
    return json.dumps({"BackupSelectionsList": listed})


_original_delete_plan = BackupBackend.delete_backup_plan


def _delete_backup_plan(self, backup_plan_id):
    if _selections(self).get(backup_plan_id):
        raise _InvalidRequest(
            f"Related backup plan selections must be deleted prior to backup plan deletion: {backup_plan_id}"
        )
    return _original_delete_plan(self, backup_plan_id)


def _list_tags(self):
    resource_arn = unquote(self.path.split("?")[0].split("/tags/", 1)[1]).rstrip("/")
    return json.dumps({"Tags": self.backup_backend.list_tags(resource_arn=resource_arn)})


def _list_recovery_points_by_backup_vault(self):
    name = unquote(self.path.split("?")[0].split("/backup-vaults/", 1)[1].split("/")[0])
    if name not in self.backup_backend.vaults:
        raise _NotFound(f"Backup vault with name {name} not found")
    return json.dumps({"RecoveryPoints": []})


def install():
    for path in RECOVERY_POINTS_PATHS:
        backup_urls.url_paths[path] = BackupResponse.dispatch
    BackupResponse.list_recovery_points_by_backup_vault = _list_recovery_points_by_backup_vault
    BackupResponse.list_tags = _list_tags
    BackupResponse.create_backup_selection = _create_backup_selection
    BackupResponse.get_backup_selection = _get_backup_selection
    BackupResponse.delete_backup_selection = _delete_backup_selection
    BackupResponse.list_backup_selections = _list_backup_selections
    BackupBackend.delete_backup_plan = _delete_backup_plan
