"""Elastic Load Balancing v2 as AWS runs it.

* Network load balancers have `loadbalancer/net/...` ARNs (moto writes
  `app` for every type); their listeners follow as `listener/net/...`.
* A new load balancer is `provisioning` for the settle time, then `active`.
* A network load balancer has one requester-managed network interface per
  subnet, described `ELB net/<name>/<id>`; after the load balancer is
  deleted they linger for the settle time, as in AWS (where they keep
  subnets and security groups from being deleted for a while).
* `DeleteLoadBalancer` refuses while a VPC endpoint service still uses the
  load balancer (`ResourceInUse`), as AWS does.
"""

import threading

import moto.elbv2.models as elbv2_models
from moto.ec2.models import ec2_backends
from moto.elbv2.exceptions import ResourceInUseError
from moto.elbv2.models import ELBv2Backend, FakeLoadBalancer

from .backends import existing

_creating = threading.local()
_original_make_arn = elbv2_models.make_arn_for_load_balancer
_original_create = ELBv2Backend.create_load_balancer
_original_delete = ELBv2Backend.delete_load_balancer
_original_activate = FakeLoadBalancer.activate


def _make_arn(account_id, lb_id, name, region_name):
    arn = _original_make_arn(account_id=account_id, lb_id=lb_id, name=name, region_name=region_name)
    kind = getattr(_creating, "kind", None)
    if kind in ("network", "gateway"):
        short = "net" if kind == "network" else "gwy"
        arn = arn.replace(":loadbalancer/app/", f":loadbalancer/{short}/", 1)
    return arn


def _install_create(settle):
    def create_load_balancer(self, *args, **kwargs):
        _creating.kind = kwargs.get("loadbalancer_type") or (args[5] if len(args) > 5 else None)
        try:
            lb = _original_create(self, *args, **kwargs)
        finally:
            _creating.kind = None
        lb._harness_created_at = settle.now()
        if lb.type == "network":
            lb._harness_enis = [
                self.ec2_backend.create_network_interface(
                    subnet, None, description=f"ELB {_resource_id(lb.arn)}"
                ).id
                for subnet in lb.subnets
            ]
            for eni_id in lb._harness_enis:
                eni = self.ec2_backend.enis[eni_id]
                eni.requester_managed = True
                eni.interface_type = "network_load_balancer"
        return lb

    def activate(self):
        created = getattr(self, "_harness_created_at", None)
        if created is None or settle.due("load_balancer_provisioning", created):
            _original_activate(self)

    ELBv2Backend.create_load_balancer = create_load_balancer
    FakeLoadBalancer.activate = activate


def _endpoint_services_using(account_id, region, arn):
    backend = existing(ec2_backends, account_id, region)
    if backend is None:
        return []
    return [
        service_id
        for service_id, config in backend.configurations.items()
        if arn in config.network_load_balancer_arns or arn in config.gateway_load_balancer_arns
    ]


def _resource_id(arn):
    """`net/<name>/<id>`: the part of the ARN after `loadbalancer/`."""
    return arn.split(":loadbalancer/", 1)[1]


def _install_delete(settle):
    def delete_load_balancer(self, arn):
        lb = self.load_balancers.get(arn)
        _refuse_while_used(self, arn)
        _original_delete(self, arn)
        enis = getattr(lb, "_harness_enis", [])
        if enis:
            backend = self.ec2_backend
            settle.later(
                "load_balancer_interfaces",
                lambda: [backend.enis.pop(eni_id, None) for eni_id in enis],
            )

    ELBv2Backend.delete_load_balancer = delete_load_balancer


def _refuse_while_used(self, arn):
    users = _endpoint_services_using(self.account_id, self.region_name, arn)
    if users:
        raise ResourceInUseError(
            f"Load balancer '{arn}' cannot be deleted because it is currently "
            f"associated with another service ({', '.join(users)})"
        )


def install(settle):
    elbv2_models.make_arn_for_load_balancer = _make_arn
    _install_create(settle)
    _install_delete(settle)
