"""Deferred state changes: AWS resources take a moment to settle.

A transition is a callback due at a point in time; `run_due()` applies every
transition whose time has come. The harness calls it before it hands each
request to moto, so a describe issued after the delay sees the new state and
one issued before it sees the old one, as with AWS (only faster).

Each transition has a kind (`KINDS`). Every kind takes `seconds` unless
`by_kind` gives it a time of its own, so a benchmark can make a load
balancer provision for as long, relative to the rest, as it does in AWS.
"""

import heapq
import itertools
import threading
import time

#: The kinds of transition, with what each one is.
KINDS = {
    "load_balancer_provisioning": "a new load balancer is provisioning, then active",
    "load_balancer_interfaces": "a deleted load balancer's network interfaces linger, then go",
    "ecs_deployment": "an ECS rollout (or desired-count change) is in progress, then completed",
    "ecs_draining": "a deleted ECS service is draining, then inactive",
    "endpoint_pending": "an interface endpoint is pending, then available",
    "endpoint_deleting": "an interface endpoint is deleting, then gone",
    "transit_gateway_attachment_deleting": "a VPC attachment is deleting, then deleted",
}


class Settle:
    """A clock of pending transitions, due `seconds_of(kind)` after they are
    scheduled.

    `clock` tells the time (`time.monotonic` by default); tests replace it with
    one they advance themselves, so a loaded machine cannot make a transition
    happen early or late.
    """

    def __init__(self, seconds, clock=time.monotonic, by_kind=None):
        unknown = set(by_kind or {}) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown settle kinds {sorted(unknown)}; known: {sorted(KINDS)}")
        self.seconds = seconds
        self.by_kind = dict(by_kind or {})
        self.clock = clock
        self._lock = threading.Lock()
        self._queue = []
        self._order = itertools.count()

    def seconds_of(self, kind):
        """How long a transition of `kind` takes."""
        if kind not in KINDS:
            raise ValueError(f"unknown settle kind {kind!r}")
        return self.by_kind.get(kind, self.seconds)

    def later(self, kind, callback, not_before=None):
        """Runs `callback()` once a transition of `kind` has had its time,
        counted from `not_before` (a `now()`) when that is still to come: a
        transition that cannot begin before another one ends."""
        start = self.now() if not_before is None else max(self.now(), not_before)
        with self._lock:
            heapq.heappush(
                self._queue, (start + self.seconds_of(kind), next(self._order), callback)
            )

    def ends(self, kind, scheduled_at):
        """When a transition of `kind` that began at `scheduled_at` ends."""
        return scheduled_at + self.seconds_of(kind)

    def now(self):
        """The current time of this clock."""
        return self.clock()

    def due(self, kind, scheduled_at):
        """True when a transition of `kind` that began at `scheduled_at`
        (a `now()`) has had its time."""
        return self.now() >= self.ends(kind, scheduled_at)

    def run_due(self):
        """Applies every transition whose time has come, oldest first."""
        now = self.now()
        ready = []
        with self._lock:
            while self._queue and self._queue[0][0] <= now:
                ready.append(heapq.heappop(self._queue)[2])
        for callback in ready:
            callback()

    def clear(self):
        """Forgets every pending transition (moto was reset)."""
        with self._lock:
            self._queue.clear()
