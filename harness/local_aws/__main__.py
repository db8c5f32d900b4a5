"""Runs the embedded AWS on loopback.

  python -m local_aws --port 0 --port-file PATH

Port 0 picks a free port; the chosen port is written to --port-file once the
server accepts connections. Binds 127.0.0.1 only. Resources settle (a load
balancer leaves `provisioning`, an ECS rollout completes, a deleted service
stops draining) after $LOCAL_AWS_SETTLE_SECONDS (default 0.5); kinds of
transition may take times of their own with $LOCAL_AWS_SETTLE_SECONDS_BY_KIND,
a JSON object such as {"load_balancer_provisioning": 9, "ecs_deployment": 6}
(the kinds: local_aws/emulation/settle.py).
"""

import argparse
import os
import signal
import sys
import threading
import time

# moto reads this at import time (its own settings: local_aws/__init__.py).
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


def _exit_with_parent(pid):
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass
        time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(prog="local_aws")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument(
        "--parent-pid",
        type=int,
        help="exit when this process is gone (test harnesses pass their own pid)",
    )
    args = parser.parse_args()
    if not args.host.startswith("127."):
        parser.error("the embedded AWS binds loopback (127.0.0.0/8) only")

    from werkzeug.serving import make_server

    from .app import HarnessApp

    app = HarnessApp()
    server = make_server(args.host, args.port, app, threaded=True)
    port = server.server_address[1]
    os.environ["MOTO_PORT"] = str(port)
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)

    def stop(_signum, _frame):
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    if args.parent_pid:
        threading.Thread(target=_exit_with_parent, args=(args.parent_pid,), daemon=True).start()
    signal.signal(signal.SIGINT, stop)
    print(
        f"local-aws: listening on http://{args.host}:{port} "
        f"(resources settle in {app.settle.seconds} s; LOCAL_AWS_SETTLE_SECONDS"
        + (f"; by kind: {app.settle.by_kind}" if app.settle.by_kind else "")
        + ")",
        file=sys.stderr,
        flush=True,
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
