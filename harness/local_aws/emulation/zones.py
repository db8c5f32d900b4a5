"""Availability zone ids that differ per account, as in AWS.

In AWS a zone *name* (us-east-1a) is an alias that each account maps to its
own physical zone; only zone *ids* (use1-az4) compare across accounts.
moto gives every account the same mapping, so a provider that matched zones
by name between two accounts would pass here and fail in AWS.

Here the default account (123456789012) keeps moto's mapping, so nothing
existing changes, and every other account gets a deterministic mapping: the
region's zone ids rotated by 1 + (account id mod (zones - 1)), never 0,
so neighbouring accounts (111111111111, 222222222222, ...) differ.
It is applied to `DescribeAvailabilityZones` (ZoneId, ZoneIds, the zone-id
filter), to subnets' `AvailabilityZoneId` (CreateSubnet, DescribeSubnets,
the `availability-zone-id` filter), and to CreateSubnet's AvailabilityZoneId.
"""

import hashlib

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ec2.exceptions import InvalidAvailabilityZoneError
from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend, Zone
from moto.ec2.models.subnets import Subnet, SubnetBackend


def _offset(account_id, count):
    """How far `account_id`'s ids are rotated against moto's (0 for the default)."""
    if account_id == DEFAULT_ACCOUNT_ID or count < 2:
        return 0
    if account_id.isdigit():
        number = int(account_id)
    else:
        number = int(hashlib.sha256(account_id.encode()).hexdigest(), 16)
    return number % (count - 1) + 1


def zone_ids(account_id, region):
    """{zone name: zone id} for `account_id` in `region`."""
    zones = RegionsAndZonesBackend.zones.get(region, [])
    ids = [z.zone_id for z in zones]
    shift = _offset(account_id, len(ids))
    return {z.name: ids[(i + shift) % len(ids)] for i, z in enumerate(zones)}


def zone_name(account_id, region, zone_id):
    """The name `account_id` gives the physical zone `zone_id`, or None."""
    for name, mapped in zone_ids(account_id, region).items():
        if mapped == zone_id:
            return name
    return None


def _account_zones(account_id, region):
    mapping = zone_ids(account_id, region)
    return [
        Zone(name=z.name, region_name=z.region_name, zone_id=mapping[z.name],
             zone_type=z.zone_type)
        for z in RegionsAndZonesBackend.zones.get(region, [])
    ]


_original_describe_zones = RegionsAndZonesBackend.describe_availability_zones


def describe_availability_zones(self, filters=None, zone_names=None, zone_ids=None):
    """moto's answer, over this account's copy of the region's zones."""
    self.zones = {self.region_name: _account_zones(self.account_id, self.region_name)}
    try:
        return _original_describe_zones(self, filters, zone_names, zone_ids)
    finally:
        del self.zones


def _subnet_zone_id(self):
    backend = self.ec2_backend
    return zone_ids(backend.account_id, backend.region_name).get(
        self._availability_zone.name, self._availability_zone.zone_id
    )


_original_subnet_filter = Subnet.get_filter_value


def _subnet_filter_value(self, filter_name, method_name=None):
    if filter_name == "availability-zone-id":
        return self.availability_zone_id
    return _original_subnet_filter(self, filter_name, method_name)


_original_create_subnet = SubnetBackend.create_subnet


def create_subnet(self, vpc_id, cidr_block, ipv6_cidr_block=None, availability_zone=None,
                  availability_zone_id=None, *args, **kwargs):
    """Reads AvailabilityZoneId in this account's mapping."""
    if availability_zone_id and not availability_zone:
        availability_zone = zone_name(self.account_id, self.region_name, availability_zone_id)
        if availability_zone is None:
            raise InvalidAvailabilityZoneError(
                availability_zone_id,
                ", ".join(zone_ids(self.account_id, self.region_name).values()),
            )
        availability_zone_id = None
    return _original_create_subnet(self, vpc_id, cidr_block, ipv6_cidr_block,
                                   availability_zone, availability_zone_id, *args, **kwargs)


def install():
    RegionsAndZonesBackend.describe_availability_zones = describe_availability_zones
    Subnet.availability_zone_id = property(_subnet_zone_id)
    Subnet.get_filter_value = _subnet_filter_value
    SubnetBackend.create_subnet = create_subnet
