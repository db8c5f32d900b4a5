"""DNS entries of interface endpoints in AWS's shape.

moto names an interface endpoint `<endpoint id>-<random>.<service name>`
with a random hosted zone. AWS gives an endpoint to an endpoint service:

* the service's private DNS name first, when the endpoint has private DNS
  enabled and the service has one (in a private hosted zone of the
  endpoint's VPC; its id here is a stable `Z...` string per endpoint);
* the regional name `vpce-<id>-<suffix>.vpce-svc-<id>.<region>.vpce.amazonaws.com`;
* one zonal name per zone of its subnets, `vpce-<id>-<suffix>-<zone name>.`
  followed by the same domain, the zone named as the endpoint's owner names
  it, sorted by zone name.

The `<suffix>` is 8 lowercase letters and digits, drawn once and kept for
the endpoint's life. The regional and zonal names share the public hosted
zone of the region's VPC endpoint names (Z7HUB22UULQXV in us-east-1; a
stable made-up `Z...` id in regions not listed below). Endpoints to AWS
services keep moto's names.
"""

import hashlib
import string

from moto.moto_api._internal import mock_random

PUBLIC_HOSTED_ZONES = {
    "us-east-1": "Z7HUB22UULQXV",
    "us-east-2": "ZC8PG0KIFKBRI",
    "us-west-2": "Z1YSA3EXCYUU9Z",
    "eu-west-1": "Z38GZ743OKFT7T",
    "eu-central-1": "Z273ZU8SZ5RJPC",
}
SUFFIX_ALPHABET = string.ascii_lowercase + string.digits


def _zone_id_from(seed):
    """A stable, Route 53 shaped hosted zone id derived from `seed`."""
    digest = hashlib.sha256(seed.encode()).hexdigest().upper()
    return "Z" + digest[:13]


def public_hosted_zone(region):
    """The hosted zone of `region`'s `*.vpce.amazonaws.com` names."""
    return PUBLIC_HOSTED_ZONES.get(region) or _zone_id_from(f"vpce.{region}")


def _suffix(endpoint):
    suffix = getattr(endpoint, "_harness_dns_suffix", None)
    if suffix is None:
        suffix = "".join(mock_random.choice(SUFFIX_ALPHABET) for _ in range(8))
        endpoint._harness_dns_suffix = suffix
    return suffix


def _zone_names(endpoint):
    """Sorted names of the zones of the endpoint's subnets (those that exist)."""
    names = set()
    for subnets in endpoint.ec2_backend.subnets.values():
        for subnet_id in endpoint.subnet_ids or []:
            if subnet_id in subnets:
                names.add(subnets[subnet_id].availability_zone)
    return sorted(names)


def _entry(name, zone):
    return {"dns_name": name, "hosted_zone_id": zone}


def entries(endpoint, config, region):
    """The DnsEntries of `endpoint`, an interface endpoint to `config`."""
    domain = f"{config.id}.{region}.vpce.amazonaws.com"
    host = f"{endpoint.id}-{_suffix(endpoint)}"
    public = public_hosted_zone(region)
    result = []
    if endpoint.private_dns_enabled and config.private_dns_name:
        result.append(_entry(config.private_dns_name, _zone_id_from(f"private.{endpoint.id}")))
    result.append(_entry(f"{host}.{domain}", public))
    result.extend(_entry(f"{host}-{zone}.{domain}", public) for zone in _zone_names(endpoint))
    return result


def refresh(endpoint, config, region):
    """Recomputes `endpoint.dns_entries` after a change to it or its service."""
    endpoint.dns_entries = entries(endpoint, config, region)
