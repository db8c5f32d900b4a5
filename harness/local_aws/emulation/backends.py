"""Finding moto's per-account, per-region backends without creating them.

Indexing a moto `BackendDict` creates the account or region on the spot;
the emulation only ever wants the ones a request has already used.
"""


def existing(backends, account_id, region):
    """The backend of `account_id` in `region`, or None if never used."""
    if account_id not in backends.keys():
        return None
    regions = backends[account_id]
    return regions[region] if region in regions.keys() else None


def in_region(backends, region):
    """The backends of every account that has used `region`."""
    for account_id in list(backends.keys()):
        backend = existing(backends, account_id, region)
        if backend is not None:
            yield backend
