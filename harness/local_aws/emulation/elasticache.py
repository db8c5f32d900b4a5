"""ElastiCache replication groups whose member clusters exist, and go.

moto creates a replication group with member cluster ids (its primary and
replicas, `<group>-001`, ...) but no cache clusters behind them, so
`DescribeCacheClusters` of a member is `CacheClusterNotFound`, where AWS
describes each member as a cache cluster of the group (hashicorp/aws reads
them after creating a group). And moto's delete only marks a group
`deleting`, for ever. Here:

* `CreateReplicationGroup` with `NumCacheClusters` has that many member
  clusters (`<group>-001`, `<group>-002`, ...; moto makes one), and every
  member cluster is also created as a cache cluster of the group (its node
  type, engine, version, port, subnet group, security groups, described as
  `SecurityGroups`, transit and at-rest encryption, AUTH), `available` at
  once like the group.
* `DeleteReplicationGroup` answers the group as `deleting`, as AWS does,
  and removes it and its member clusters; describing it afterwards is
  `ReplicationGroupNotFoundFault`, as once AWS has finished.
* `DeleteCacheSubnetGroup` (moto lacks it) removes the group; one a cache
  cluster still uses is refused with `CacheSubnetGroupInUse`, an unknown
  one is `CacheSubnetGroupNotFoundFault`.
"""

from moto.core.responses import EmptyResult
from moto.elasticache.exceptions import CacheSubnetGroupNotFound, ElastiCacheException
from moto.elasticache.models import ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse


class _SubnetGroupInUse(ElastiCacheException):
    code = "CacheSubnetGroupInUse"

    def __init__(self, name):
        super().__init__(f"Cache subnet group {name} is currently in use by a cache cluster.")

_original_create = ElastiCacheBackend.create_replication_group
_original_delete = ElastiCacheBackend.delete_replication_group


def _create_replication_group(self, replication_group_id, *args, **kwargs):
    group = _original_create(self, replication_group_id, *args, **kwargs)
    wanted = kwargs.get("num_cache_clusters") or 0
    for number in range(len(group.member_clusters) + 1, int(wanted) + 1):
        group.member_clusters.append(f"{replication_group_id}-{number:03d}")
    for member in group.member_clusters:
        if member in self.cache_clusters:
            continue
        self.create_cache_cluster(
            cache_cluster_id=member,
            replication_group_id=replication_group_id,
            az_mode="single-az",
            preferred_availability_zone=None,
            num_cache_nodes=1,
            cache_node_type=group.cache_node_type,
            engine=group.engine,
            engine_version=group.engine_version,
            cache_parameter_group_name=group.cache_parameter_group_name,
            cache_subnet_group_name=group.cache_subnet_group_name,
            transit_encryption_enabled=group.transit_encryption_enabled,
            network_type=group.network_type,
            ip_discovery=group.ip_discovery,
            snapshot_name=None,
            preferred_maintenance_window=group.preferred_maintenance_window,
            port=kwargs.get("port"),
            notification_topic_arn=None,
            auto_minor_version_upgrade=group.auto_minor_version_upgrade,
            snapshot_retention_limit=group.snapshot_retention_limit,
            snapshot_window=group.snapshot_window,
            auth_token=kwargs.get("auth_token"),
            outpost_mode=None,
            preferred_outpost_arn=None,
            preferred_availability_zones=None,
            cache_security_group_names=None,
            security_group_ids=group.security_group_ids,
            tags=None,
            snapshot_arns=None,
            preferred_outpost_arns=None,
            log_delivery_configurations=None,
            cache_node_ids_to_remove=None,
            cache_node_ids_to_reboot=None,
        )
        # AWS describes a member's at-rest encryption as its group's
        # (hashicorp/aws reads it from the first member).
        cluster = self.cache_clusters[member]
        cluster.at_rest_encryption_enabled = group.at_rest_encryption_enabled
        # moto keeps the ids but describes no SecurityGroups.
        cluster.security_groups = [
            {"SecurityGroupId": group_id, "Status": "active"}
            for group_id in group.security_group_ids or []
        ]
    return group


def _delete_replication_group(self, replication_group_id, retain_primary_cluster):
    members = list(self.replication_groups[replication_group_id].member_clusters) \
        if replication_group_id in self.replication_groups else []
    group = _original_delete(self, replication_group_id, retain_primary_cluster)
    for member in members:
        self.cache_clusters.pop(member, None)
    self.replication_groups.pop(replication_group_id, None)
    return group


def _delete_cache_subnet_group(self):
    name = self._get_param("CacheSubnetGroupName")
    backend = self.elasticache_backend
    if name not in backend.cache_subnet_groups:
        raise CacheSubnetGroupNotFound(name)
    if any(c.cache_subnet_group_name == name for c in backend.cache_clusters.values()):
        raise _SubnetGroupInUse(name)
    del backend.cache_subnet_groups[name]
    return EmptyResult()


def install():
    ElastiCacheResponse.delete_cache_subnet_group = _delete_cache_subnet_group
    ElastiCacheBackend.create_replication_group = _create_replication_group
    ElastiCacheBackend.delete_replication_group = _delete_replication_group
