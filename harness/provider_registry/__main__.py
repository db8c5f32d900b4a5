"""Serves release directories over HTTPS as a provider registry and network
mirror (see server.py for the endpoints):

  python -m provider_registry --root DIR --cert PEM --key PEM [--port N] [--port-file PATH]

DIR holds `<namespace>/<type>/` directories of scripts/release output. The
port is written to --port-file once the server listens. Binds 127.0.0.1
unless --host says otherwise; answers name https://localhost:<port>
(--public-host to change)."""

import argparse
import os
import ssl

from .server import make_server


def main():
    parser = argparse.ArgumentParser(prog="provider_registry")
    parser.add_argument("--root", required=True)
    parser.add_argument("--cert", required=True, help="server certificate chain (PEM)")
    parser.add_argument("--key", required=True, help="server private key (PEM)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--public-host", default="localhost")
    parser.add_argument("--port-file")
    args = parser.parse_args()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server = make_server(args.root, args.host, args.port, context, args.public_host)
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(server.server_address[1]))
        os.replace(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
