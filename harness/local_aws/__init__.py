"""The embedded AWS used by the demo and the tests: moto behind a thin WSGI
layer that counts API calls per service and action, emulates the real
AWS behaviour moto leaves out (see emulation modules), and injects faults
into calls on request (see faults.py)."""
