"""Faults injected into AWS calls, so tests can see how a client copes with
AWS failing: an error answer, a lost answer, a slow answer.

A fault is described in JSON (POST /_harness/faults):

  which calls   "action": exact API action ("CreateService"), or
                "pattern": a regular expression the whole action matches
                ("Create.*"); optionally "service" (the signing service:
                ec2, ecs, elasticloadbalancing, sts, logs, iam) and
                "account" (the account moto serves the call for)
  when          "nth": N      the Nth matching call from now (1-based; the
                              default is "nth": 1, the next one)
                "every": true every matching call
                "probability": P with "seed": S   each matching call with
                              probability P, drawn from a generator seeded
                              with S (0 by default), so runs repeat
                "times": N    fire at most N times (with every/probability)
  what          "kind": "error"   AWS answers "code" / "message" with HTTP
                                  "status" (400 by default); moto never
                                  sees the call
                "kind": "drop"    moto handles the call (it takes effect),
                                  then the connection closes unanswered
                "kind": "latency" the call waits "seconds" first

Every fault counts the calls it matches ("matched") and the times it fired
("fired"), from the moment it was added. When several error or drop faults
fire on one call, the one added first answers it; the others do not count
that call as fired. Latency faults add up.
"""

import random
import re
import threading

KINDS = ("error", "drop", "latency")
TRIGGERS = ("nth", "every", "probability")
FIELDS = {
    "action", "pattern", "service", "account", "nth", "every", "probability", "seed",
    "times", "kind", "code", "message", "status", "seconds",
}
DEFAULT_MESSAGE = "Fault injected by the embedded AWS."


class FaultError(ValueError):
    """A fault description the harness refuses, with the reason."""


def _require(condition, reason):
    if not condition:
        raise FaultError(reason)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Fault:
    """One injected fault: which calls it matches, when and how it fires."""

    def __init__(self, fault_id, spec):
        _require(isinstance(spec, dict), "a fault is a JSON object")
        unknown = sorted(set(spec) - FIELDS)
        _require(not unknown, f"unknown fault fields: {', '.join(unknown)}")
        self.id = fault_id
        self.spec = dict(spec)
        self._action_matches = self._action_matcher(spec)
        for field in ("service", "account"):
            _require(spec.get(field) is None or isinstance(spec[field], str),
                     f"{field} must be a string")
        self.service = spec.get("service")
        self.account = spec.get("account")
        self._fires = self._trigger(spec)
        self.kind = spec.get("kind")
        _require(self.kind in KINDS, f"kind must be one of {', '.join(KINDS)}")
        self._check_kind(spec)
        self.matched = 0
        self.fired = 0

    @staticmethod
    def _action_matcher(spec):
        action, pattern = spec.get("action"), spec.get("pattern")
        _require((action is None) != (pattern is None), "give exactly one of action, pattern")
        if action is not None:
            _require(isinstance(action, str) and action, "action must be a non-empty string")
            return lambda name: name == action
        _require(isinstance(pattern, str), "pattern must be a string")
        try:
            compiled = re.compile(pattern)
        except re.error as err:
            raise FaultError(f"pattern is not a regular expression: {err}") from None
        return lambda name: compiled.fullmatch(name) is not None

    @staticmethod
    def _trigger(spec):
        """A function of (matched count) -> fires now, before the times cap."""
        given = [t for t in TRIGGERS if t in spec]
        _require(len(given) <= 1, "give at most one of nth, every, probability")
        _require("seed" not in spec or given == ["probability"], "seed goes with probability")
        times = spec.get("times")
        _require(times is None or (_is_int(times) and times >= 1),
                 "times must be a positive integer")
        trigger = given[0] if given else "nth"
        if trigger == "nth":
            nth = spec.get("nth", 1)
            _require(_is_int(nth) and nth >= 1, "nth must be a positive integer")
            _require(times is None, "times does not go with nth (it fires once)")
            return lambda matched: matched == nth
        if trigger == "every":
            _require(spec["every"] is True, "every must be true")
            return lambda matched: True
        probability, seed = spec["probability"], spec.get("seed", 0)
        _require(_is_number(probability) and 0 <= probability <= 1,
                 "probability must be a number from 0 to 1")
        _require(_is_int(seed), "seed must be an integer")
        draws = random.Random(seed)
        return lambda matched: draws.random() < probability

    def _check_kind(self, spec):
        allowed = {"error": {"code", "message", "status"}, "drop": set(),
                   "latency": {"seconds"}}[self.kind]
        misplaced = sorted(({"code", "message", "status", "seconds"} & set(spec)) - allowed)
        _require(not misplaced, f"{', '.join(misplaced)} does not go with kind {self.kind}")
        if self.kind == "error":
            _require(isinstance(spec.get("code"), str) and spec["code"],
                     "an error fault needs a code")
            _require(isinstance(spec.get("message", ""), str), "message must be a string")
            status = spec.get("status", 400)
            _require(_is_int(status) and 400 <= status <= 599,
                     "status must be an HTTP error status (400-599)")
            self.code, self.status = spec["code"], status
            self.message = spec.get("message", DEFAULT_MESSAGE)
        if self.kind == "latency":
            seconds = spec.get("seconds")
            _require(_is_number(seconds) and seconds > 0,
                     "a latency fault needs seconds (a positive number)")
            self.seconds = float(seconds)

    def matches(self, service, action, account_of):
        """Whether the call is one of this fault's (`account_of()` is only
        asked when the fault names an account)."""
        return (
            self._action_matches(action)
            and (self.service is None or self.service == service)
            and (self.account is None or self.account == account_of())
        )

    def count(self):
        """Counts a matching call; whether the fault would fire on it."""
        self.matched += 1
        cap = self.spec.get("times")
        wants = self._fires(self.matched)
        return wants and (cap is None or self.fired < cap)

    def listing(self):
        """The fault as given, with its id and counters."""
        return {**self.spec, "id": self.id, "matched": self.matched, "fired": self.fired}


class Outcome:
    """What the faults decided for one call: seconds to wait first, and the
    error or drop fault that answers it (None: moto answers)."""

    def __init__(self, delay, answer):
        self.delay = delay
        self.answer = answer


class Faults:
    """The faults in force, thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []
        self._next_id = 1

    def add(self, spec):
        """Adds a fault; its id. Raises FaultError for a bad description."""
        with self._lock:
            fault = Fault(self._next_id, spec)
            self._next_id += 1
            self._faults.append(fault)
            return fault.id

    def listing(self):
        with self._lock:
            return [fault.listing() for fault in self._faults]

    def clear(self):
        """Removes every fault; how many there were."""
        with self._lock:
            count = len(self._faults)
            self._faults.clear()
            return count

    def decide(self, service, action, account_of):
        """Counts the call against every fault it matches; the Outcome."""
        delay, answer = 0.0, None
        with self._lock:
            for fault in self._faults:
                if not fault.matches(service, action, account_of) or not fault.count():
                    continue
                if fault.kind == "latency":
                    delay += fault.seconds
                elif answer is not None:
                    continue
                else:
                    answer = fault
                fault.fired += 1
        return Outcome(delay, answer)
