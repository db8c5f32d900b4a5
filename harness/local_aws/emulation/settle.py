"""Deferred state changes: AWS resources take a moment to settle.

A transition is a callback due at a point in time; `run_due()` applies every
transition whose time has come. The harness calls it before it hands each
request to moto, so a describe issued after the delay sees the new state and
one issued before it sees the old one, as with AWS (only faster).
"""

import heapq
import itertools
import threading
import time


class Settle:
    """A clock of pending transitions, `seconds` after they are scheduled.

    `clock` tells the time (`time.monotonic` by default); tests replace it with
    one they advance themselves, so a loaded machine cannot make a transition
    happen early or late.
    """

    def __init__(self, seconds, clock=time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._queue = []
        self._order = itertools.count()

    def later(self, callback, seconds=None):
        """Runs `callback()` once `seconds` (default: the settle time) passed."""
        delay = self.seconds if seconds is None else seconds
        with self._lock:
            heapq.heappush(self._queue, (self.now() + delay, next(self._order), callback))

    def now(self):
        """The current time of this clock."""
        return self.clock()

    def due(self, scheduled_at):
        """True when something scheduled at time `scheduled_at` (`now()`) settled."""
        return self.now() >= scheduled_at + self.seconds

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
