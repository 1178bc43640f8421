"""A pre-forking runner ("zygote") for Debian's /usr/bin/openstack.

Every `openstack` invocation spends ~0.8 s of CPU importing python-openstackclient
and its plugins before it sends one request. This process pays that once: it
imports what the script imports, plus the command and client modules that the
CLI imports on every run, then forks one child per request. The child becomes
the CLI: exactly the request's environment, argv, fresh stdio, and the same
`main()` that /usr/bin/openstack calls; it ends the way the interpreter would.

Run by tests/openstack-cli/cli.ts with the interpreter named in the CLI's
shebang and the environment the requests will have minus their OS_* variables:

    python3 osc-zygote.py /usr/bin/openstack

Protocol on stdin/stdout, one JSON object per line (a request at most
MAX_REQUEST bytes):
    <- {"ready": true, "pid": ..., "modules": ...}       once, after the imports
    -> {"id": 1, "argv": [...], "env": {...}, "cwd": "...", "timeoutMs": 60000}
    <- {"id": 1, "code": 0, "signal": null, "timedOut": false,
        "stdout": "<base64>", "stderr": "<base64>"}
Requests may overlap: each runs in its own child. EOF on stdin ends the zygote.

Rules that keep a child identical to a fresh CLI process:
- The parent only imports: no sockets, sessions, threads or logging handlers
  exist before a fork (checked at start-up: one thread, no socket).
- The parent never touches os.environ, sys.argv, sys.stdin or the tempfile
  module; the child clears os.environ and sets the request's.
- Python's `random` is reseeded in the child (random also does it at fork).
- stdin is a pipe whose write end stays open until the child exits, as with
  Node's execFile; stdout and stderr are memory files (not terminals), as
  the pipes of execFile are.
"""

import argparse
import atexit
import base64
import importlib
import json
import os
import random
import selectors
import signal
import sys
import threading
import time
import traceback

MAX_REQUEST = 1 << 20
# After SIGTERM (what execFile sends on timeout), a child that still runs is killed.
KILL_GRACE_S = 5.0


def fail(message):
    sys.stderr.write("osc-zygote: %s\n" % message)
    sys.stderr.flush()
    os._exit(2)


if len(sys.argv) != 2:
    fail("usage: osc-zygote.py /usr/bin/openstack")
OPENSTACK = sys.argv[1]

# The protocol gets private copies of fds 0 and 1. fd 0 becomes /dev/null and
# fd 1 the zygote's stderr, so nothing an import prints can reach the protocol
# stream, and sys.stdin's buffer never holds protocol bytes a child could read.
PROTO_IN = os.dup(0)
PROTO_OUT = os.dup(1)
_devnull = os.open(os.devnull, os.O_RDONLY)
os.dup2(_devnull, 0)
os.close(_devnull)
os.dup2(2, 1)

# What /usr/bin/openstack's imports see: its own folder first on sys.path, not
# ours, and its own name in sys.argv[0] (cliff.app.App.NAME is read from it at
# import; nothing the CLI imports reads the rest of argv at import time).
sys.path[0] = os.path.dirname(os.path.abspath(OPENSTACK))
sys.argv = [OPENSTACK]

from openstackclient.shell import main  # noqa: E402  (the script's one import)


def preload():
    """Imports what every CLI run imports after `main` starts (measured with
    sys.modules dumps of 28 commands, see docs/openstack-cli-tests.md): the
    command modules of each plugin's default API version, the formatters, the
    keystoneauth plugins and the service client libraries. Loading the entry
    point groups through stevedore also fills stevedore's in-memory cache of
    entry points, which the CLI would otherwise read from disk on every run."""
    import stevedore
    from openstackclient.common import clientmanager

    # The command groups OpenStackShell._load_plugins adds, for the API
    # versions a run without OS_*_API_VERSION gets: each plugin's option
    # default (what the parsed command line holds), else its DEFAULT_API_VERSION.
    # A request that picks another major version loads that group itself.
    parser = argparse.ArgumentParser(add_help=False)
    for mod in clientmanager.PLUGIN_MODULES:
        mod.build_option_parser(parser)
    defaults = parser.parse_known_args([])[0]
    groups = ["openstack.cli", "openstack.common", "openstack.extension"]
    for mod in clientmanager.PLUGIN_MODULES:
        version = getattr(defaults, mod.API_VERSION_OPTION, None) or getattr(mod, "DEFAULT_API_VERSION", None)
        if version:
            major = str(version).replace(".", "_").split("_")[0]
            groups.append("openstack." + mod.API_NAME.replace("-", "_") + ".v" + major)
    groups += ["cliff.formatter.list", "cliff.formatter.show", "keystoneauth1.plugin"]
    for group in groups:
        stevedore.ExtensionManager(group)
    # Imported by make_client of the plugins (compute, volume, identity, metric).
    for name in (
        "novaclient.client",
        "novaclient.v2.client",
        "cinderclient.client",
        "cinderclient.v3.client",
        "cinderclient.v3.contrib.list_extensions",
        "keystoneclient.v3.client",
        "gnocchiclient.v1.client",
        "openstackclient.api.compute_v2",
        # Imported while a command runs (requests' netrc lookup, the SDK's cache).
        "netrc",
        "dogpile.cache.backends.null",
    ):
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a plugin that is not installed is not imported by the CLI either


def check_clean_parent():
    """Nothing that must not be shared between requests exists in the parent."""
    if threading.active_count() != 1 or len(os.listdir("/proc/self/task")) != 1:
        fail("a thread runs after the imports; forking would copy a broken process")
    # Node's stdio pipes are socket pairs: the zygote's own stdio may be sockets.
    stdio = {0, 1, 2, PROTO_IN, PROTO_OUT}
    for fd in os.listdir("/proc/self/fd"):
        if int(fd) in stdio:
            continue
        try:
            target = os.readlink("/proc/self/fd/" + fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            fail("a socket is open after the imports (fd %s)" % fd)


def exit_code_of(exc):
    """What the interpreter does with an uncaught SystemExit (Python/pythonrun.c)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    try:
        sys.stderr.write(str(code) + "\n")
    except Exception:
        pass
    return 1


def become_cli(req, stdin_fd, out_fd, err_fd, parent_fds):
    """In the forked child: be `/usr/bin/openstack <argv>` and never return."""
    code = 1
    try:
        os.dup2(stdin_fd, 0)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        for fd in parent_fds:
            try:
                os.close(fd)
            except OSError:
                pass
        os.environ.clear()
        os.environ.update(req["env"])
        os.chdir(req["cwd"])
        sys.argv = [OPENSTACK] + list(req["argv"])
        random.seed()
        try:
            sys.exit(main())
        except SystemExit as exc:
            code = exit_code_of(exc)
        except BaseException:
            sys.excepthook(*sys.exc_info())
            code = 1
        # The interpreter's own shutdown order: join threads, atexit, flush.
        threading._shutdown()
        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
        except Exception:
            code = 120
        try:
            sys.stderr.flush()
        except Exception:
            pass
    except BaseException:
        try:
            traceback.print_exc()
            sys.stderr.flush()
        except BaseException:
            pass
        code = 1
    os._exit(code & 0xFF)


class Run:
    def __init__(self, req_id, pid, pidfd, stdin_w, out_fd, err_fd, timeout_s):
        self.req_id = req_id
        self.pid = pid
        self.pidfd = pidfd
        self.stdin_w = stdin_w
        self.out_fd = out_fd
        self.err_fd = err_fd
        self.deadline = time.monotonic() + timeout_s
        self.timed_out = False
        self.kill_at = None

    def fds(self):
        return [self.pidfd, self.stdin_w, self.out_fd, self.err_fd]


def read_all(fd):
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def send(obj):
    data = (json.dumps(obj) + "\n").encode()
    view = memoryview(data)
    while view:
        view = view[os.write(PROTO_OUT, view) :]


def parse_request(line):
    req = json.loads(line)
    if not isinstance(req, dict):
        raise ValueError("a request is an object")
    if not isinstance(req.get("argv"), list) or not all(isinstance(a, str) for a in req["argv"]):
        raise ValueError("argv must be a list of strings")
    env = req.get("env")
    if not isinstance(env, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in env.items()):
        raise ValueError("env must map strings to strings")
    if not isinstance(req.get("cwd"), str):
        raise ValueError("cwd must be a string")
    timeout = req.get("timeoutMs", 60000)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValueError("timeoutMs must be a positive number")
    return req


class Zygote:
    def __init__(self):
        self.sel = selectors.DefaultSelector()
        self.runs = {}  # pidfd -> Run
        self.buf = b""
        self.eof = False
        self.sel.register(PROTO_IN, selectors.EVENT_READ)

    def own_fds(self):
        fds = [PROTO_IN, PROTO_OUT, self.sel.fileno()]
        for run in self.runs.values():
            fds += run.fds()
        return fds

    def start(self, req):
        stdin_r, stdin_w = os.pipe()
        out_fd = os.memfd_create("osc-stdout")
        err_fd = os.memfd_create("osc-stderr")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            become_cli(req, stdin_r, out_fd, err_fd, self.own_fds() + [stdin_r, stdin_w, out_fd, err_fd])
        os.close(stdin_r)
        pidfd = os.pidfd_open(pid)
        run = Run(req["id"], pid, pidfd, stdin_w, out_fd, err_fd, req.get("timeoutMs", 60000) / 1000.0)
        self.runs[pidfd] = run
        self.sel.register(pidfd, selectors.EVENT_READ)

    def finish(self, run):
        self.sel.unregister(run.pidfd)
        del self.runs[run.pidfd]
        _, status = os.waitpid(run.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        stdout = read_all(run.out_fd)
        stderr = read_all(run.err_fd)
        for fd in run.fds():
            os.close(fd)
        send(
            {
                "id": run.req_id,
                "code": code if code >= 0 else None,
                "signal": signal.Signals(-code).name if code < 0 else None,
                "timedOut": run.timed_out,
                "stdout": base64.b64encode(stdout).decode(),
                "stderr": base64.b64encode(stderr).decode(),
            }
        )

    def read_requests(self):
        chunk = os.read(PROTO_IN, 1 << 16)
        if not chunk:
            self.eof = True
            self.sel.unregister(PROTO_IN)
            return
        self.buf += chunk
        while b"\n" in self.buf:
            line, self.buf = self.buf.split(b"\n", 1)
            if len(line) > MAX_REQUEST:
                fail("request larger than %d bytes" % MAX_REQUEST)
            if line.strip():
                req = parse_request(line)
                self.start(req)
        if len(self.buf) > MAX_REQUEST:
            fail("request larger than %d bytes" % MAX_REQUEST)

    def enforce_timeouts(self):
        now = time.monotonic()
        for run in self.runs.values():
            if not run.timed_out and now >= run.deadline:
                run.timed_out = True
                run.kill_at = now + KILL_GRACE_S
                os.kill(run.pid, signal.SIGTERM)
            elif run.kill_at is not None and now >= run.kill_at:
                run.kill_at = None
                os.kill(run.pid, signal.SIGKILL)

    def next_wakeup(self):
        times = [r.kill_at if r.timed_out else r.deadline for r in self.runs.values()]
        times = [t for t in times if t is not None]
        return max(0.0, min(times) - time.monotonic()) if times else None

    def serve(self):
        send({"ready": True, "pid": os.getpid(), "modules": len(sys.modules)})
        while not (self.eof and not self.runs):
            for key, _ in self.sel.select(self.next_wakeup()):
                if key.fd == PROTO_IN:
                    self.read_requests()
                else:
                    run = self.runs.get(key.fd)
                    if run is not None:
                        self.finish(run)
            self.enforce_timeouts()


preload()
check_clean_parent()
Zygote().serve()
