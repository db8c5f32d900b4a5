"""Where moto does not behave like AWS, the harness makes it.

moto answers instantly and skips checks AWS makes; a provider tested only
against that would never meet a load balancer that is still provisioning, an
ECS service that is still draining, or an endpoint service that refuses to
go while consumers are connected. Each module here patches one part of
moto, in process, so that it behaves as AWS documents:

  settle.py          deferred state changes ("provisioning" -> "active"), timed per kind
  backends.py        moto's backends of accounts and regions already in use
  zones.py           zone ids that differ per account (names are per-account aliases)
  privatelink.py     endpoint connections, acceptance, cross-account visibility
  client_tokens.py   idempotent creates by ClientToken (endpoints, endpoint services)
  vpc_endpoints.py   CreateVpcEndpoint idempotency (ClientToken), ModifyVpcEndpoint
  endpoint_dns.py    interface endpoint DNS entries in AWS's shape
  endpoint_states.py endpoints pending -> available, deleting -> gone
  log_group_identifiers.py  DescribeLogGroups by logGroupIdentifiers (several groups, one call)
  managed_policies.py  AWS-managed IAM policies parsed once per process, not per account
  sts.py             AssumeRole honours the trust policy of roles that exist
  elbv2.py           network load balancer ARNs, provisioning, delete guards
  elbv2_idempotency.py  load balancers, target groups, listeners: a repeated create returns the first
  ecs.py             service deployment settings, rollouts, draining, delete guards
  target_health.py   ECS tasks as targets, healthy only when their groups admit the LB
  elasticache.py     replication groups' member clusters exist; deleted groups go;
                     cache subnet groups can be deleted
  backup.py          AWS Backup selections (moto has none), plans' and vaults' tags,
                     vaults' recovery points
  application_autoscaling.py  scalable targets' tags (RegisterScalableTarget, TagResource, ...)
  application_autoscaling_not_found.py  deleting a missing policy or target: ObjectNotFoundException
  transit_gateway_attachment_tags.py  VPC attachments keep the tags they are created with
  transit_gateway_attachment_deletion.py  deleted VPC attachments: deleting, then deleted
  ram_associations.py  RAM AssociateResourceShare / DisassociateResourceShare
  ram_share_permissions.py  RAM ListResourceSharePermissions (each resource type's default)
  ram_share_filters.py  RAM GetResourceShares by ARN, status and name
  ram_share_tags.py  RAM resource shares keep their tags; TagResource, UntagResource
  shared_transit_gateways.py  transit gateways shared through RAM: other accounts see them,
                     attach their VPCs (pending acceptance), the owner accepts
  shared_attachment_routing.py  the owner associates and propagates other accounts'
                     attachments; a deleted attachment leaves its route tables
  rds.py             provisioned Aurora clusters without a scaling configuration; instances'
                     Performance Insights and Enhanced Monitoring settings

Every emulation is applied by `install()`; `reset()` forgets pending state
changes when moto itself is reset.
"""

from . import (
    application_autoscaling,
    application_autoscaling_not_found,
    backup,
    ecs,
    elasticache,
    ram_associations,
    ram_share_filters,
    ram_share_permissions,
    ram_share_tags,
    rds,
    elbv2,
    elbv2_idempotency,
    endpoint_states,
    log_group_identifiers,
    managed_policies,
    privatelink,
    shared_attachment_routing,
    shared_transit_gateways,
    sts,
    target_health,
    transit_gateway_attachment_deletion,
    transit_gateway_attachment_tags,
    vpc_endpoints,
    zones,
)
from .settle import Settle

_installed = None


def install(settle_seconds):
    """Patches moto (once per process) and returns the shared `Settle`."""
    global _installed
    if _installed is None:
        settle = Settle(settle_seconds)
        managed_policies.install()
        zones.install()
        privatelink.install()
        endpoint_states.install(settle)
        vpc_endpoints.install()
        sts.install()
        elbv2.install(settle)
        elbv2_idempotency.install()
        ecs.install(settle)
        target_health.install()
        elasticache.install()
        backup.install()
        rds.install()
        application_autoscaling.install()
        application_autoscaling_not_found.install()
        log_group_identifiers.install()
        transit_gateway_attachment_tags.install()
        ram_associations.install()
        ram_share_permissions.install()
        ram_share_filters.install()
        ram_share_tags.install()
        shared_transit_gateways.install()
        transit_gateway_attachment_deletion.install(settle)
        shared_attachment_routing.install()
        _installed = settle
    return _installed
