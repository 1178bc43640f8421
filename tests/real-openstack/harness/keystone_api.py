"""Serves Debian's Keystone (keystone.server.wsgi) on werkzeug's threaded WSGI server.

python3-keystone ships `keystone-wsgi-public`, a pbr script whose own server
(wsgiref) answers one request at a time; the BFF asks several at once.
Debian's `keystone` package would serve it under uwsgi as a system service
on port 5000 of every interface, which the suite must not start.
Usage: keystone_api.py HOST PORT (the config file comes from
OS_KEYSTONE_CONFIG_FILES, as Keystone reads it; oslo.config parses
sys.argv too, so the address is taken off it first).
Prints one line "keystone listening on http://HOST:PORT" once bound.
"""

import sys

from werkzeug.serving import make_server

from keystone.server import wsgi


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    del sys.argv[1:]
    application = wsgi.initialize_public_application()
    server = make_server(host, port, application, threaded=True)
    print(f"keystone listening on http://{host}:{server.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
