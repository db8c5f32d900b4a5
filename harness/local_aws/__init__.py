"""The embedded AWS used by the demo and the tests: moto behind a thin WSGI
layer that counts API calls per service and action, emulates the real
AWS behaviour moto leaves out (see emulation modules), and injects faults
into calls on request (see faults.py)."""

import os as _os

# moto reads its settings when it is imported, so they are chosen here, before
# any module of this package imports it. AWS-managed IAM policies exist, as in
# AWS (task execution roles attach them). moto's catalogue of public AMIs is
# not loaded: nothing here launches instances, and loading it (a volume and a
# snapshot per AMI) took about 0.3 s for every account and region touched.
MOTO_DEFAULTS = {
    "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
}
for _name, _value in MOTO_DEFAULTS.items():
    _os.environ.setdefault(_name, _value)
