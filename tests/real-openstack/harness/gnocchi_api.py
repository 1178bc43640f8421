"""Serves Debian's Gnocchi API (gnocchi.rest) on werkzeug's threaded WSGI server.

Debian's `gnocchi-api` script execs uwsgi, which is not a dependency of
python3-gnocchi; werkzeug is. Usage: gnocchi_api.py --config-file FILE
(host and port come from the file's [api] section). Prints one line
"gnocchi-api listening on http://HOST:PORT" once the socket is bound.
"""

import sys

from werkzeug.serving import make_server

from gnocchi.cli import api
from gnocchi.rest import app


def main() -> None:
    conf = api.prepare_service()
    application = app.load_app(conf)
    server = make_server(conf.api.host, conf.api.port, application, threaded=True)
    print(f"gnocchi-api listening on http://{conf.api.host}:{server.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
