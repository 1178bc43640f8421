#!/usr/bin/env bash
# Starts a private PostgreSQL 15 server for tests and prints its URL.
# Usage: scripts/pg-test-server.sh start [PORT] | stop [PORT]
# Data and socket live in /tmp/zenith-pg-PORT; nothing touches the system cluster.
set -euo pipefail
cmd=${1:-start}
port=${2:-55432}
dir=/tmp/zenith-pg-$port
bin=/usr/lib/postgresql/15/bin
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    [ -x "$bin/initdb" ] || "$(dirname "$0")/ensure-system-deps.sh" postgres >&2
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      run "$bin/initdb" -D "$dir/data" -U zenith --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
    fi
    if ! run "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2
    fi
    run "$bin/psql" -h "$dir" -p "$port" -U zenith -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='zenith_test'" | grep -q 1 \
      || run "$bin/createdb" -h "$dir" -p "$port" -U zenith zenith_test
    echo "postgresql://zenith@127.0.0.1:$port/zenith_test"
    ;;
  stop)
    [ -d "$dir/data" ] && run "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    ;;
  *) echo "usage: $0 start|stop [port]" >&2; exit 2 ;;
esac
