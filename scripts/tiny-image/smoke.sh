#!/usr/bin/env bash
# Boots the zenith-tiny image under QEMU (TCG) the way a hypervisor driver
# would and checks the guest: boot report, serial shell, ACPI power-off.
#
# Usage: scripts/tiny-image/smoke.sh [OUTDIR]   (default <repo>/.cache/zenith-tiny;
# built first when missing or outdated)
# Env: ZENITH_TINY_ACCEL (default tcg), ZENITH_TINY_READY_TIMEOUT (s, default 30).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/../.." && pwd)
img=${1:-$repo_root/.cache/zenith-tiny}
accel=${ZENITH_TINY_ACCEL:-tcg}
ready_timeout=${ZENITH_TINY_READY_TIMEOUT:-30}

log() { printf 'smoke: %s\n' "$*" >&2; }
fail() {
  printf 'smoke: FAIL: %s\n' "$*" >&2
  if [ -n "${run:-}" ] && [ -f "$run/console.log" ]; then
    printf -- '--- console log ---\n' >&2
    tr -d '\r' <"$run/console.log" >&2 || true
    printf -- '--- end ---\n' >&2
  fi
  exit 1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# need CMD PACKAGE: installs PACKAGE when CMD is missing (root only).
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || fail "$1 is missing: apt-get install -y --no-install-recommends $2"
  log "installing $2…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$2" >&2 ||
    { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "$2" >&2; } ||
    fail "apt-get install $2 failed"
}

# A no-op when the image is current.
"$here/build.sh" "$img" || fail "build.sh $img failed"
need qemu-system-x86_64 qemu-system-x86
need qemu-img qemu-utils
need socat socat

command_line=$(sed -n 's/^ *"commandLine": "\(.*\)"$/\1/p' "$img/manifest.json")
[ -n "$command_line" ] || fail "no commandLine in $img/manifest.json"

run=$(mktemp -d /tmp/zenith-tiny-smoke.XXXXXX)
qemu_pid=
cleanup() {
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
    kill "$qemu_pid" 2>/dev/null || true
    wait "$qemu_pid" 2>/dev/null || true
  fi
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

qemu-img create -q -f qcow2 "$run/extra.qcow2" 8M

# send SOCKET TEXT: writes TEXT to a unix socket (QEMU chardev or QMP).
send() { printf '%b' "$2" | socat -t 1 - "UNIX-CONNECT:$1" >/dev/null; }

# wait_for PATTERN TIMEOUT_S: waits for a line matching PATTERN in the console.
wait_for() {
  local deadline=$(($(now_ms) + $2 * 1000))
  while ! { [ -f "$run/console.log" ] && tr -d '\r' <"$run/console.log" | grep -q -- "$1"; }; do
    kill -0 "$qemu_pid" 2>/dev/null || fail "QEMU exited while waiting for '$1'"
    [ "$(now_ms)" -lt "$deadline" ] || fail "no '$1' on the console within $2 s"
    sleep 0.05
  done
}

started=$(now_ms)
qemu-system-x86_64 -accel "$accel" -machine pc -m 128 -smp 1 \
  -nodefaults -no-user-config -display none -vga std -vnc "unix:$run/vnc.sock" \
  -chardev "socket,id=ser0,path=$run/serial.sock,server=on,wait=off,logfile=$run/console.log" \
  -serial chardev:ser0 \
  -qmp "unix:$run/qmp.sock,server=on,wait=off" \
  -kernel "$img/kernel" -initrd "$img/initrd" \
  -append "$command_line zenith.hostname=smoke-test" \
  -drive "file=$img/disk,format=raw,if=virtio,readonly=on" \
  -drive "file=$run/extra.qcow2,format=qcow2,if=virtio" \
  2>"$run/qemu.err" &
qemu_pid=$!

wait_for '^zenith-tiny ready$' "$ready_timeout"
ready_ms=$(($(now_ms) - started))
# utime + stime of QEMU (fields 14 and 15), in clock ticks.
read -r -a stat <"/proc/$qemu_pid/stat"
cpu_ms=$(((stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK)))

console() { tr -d '\r' <"$run/console.log"; }
console | grep -q '^Welcome to Zenith tiny' || fail "no banner"
first=$(console | grep -v '^$' | head -n 1)
case $first in
  "Welcome to Zenith tiny"*) ;;
  *) fail "the banner is not the first console line: '$first'" ;;
esac
console | grep -qx 'hostname: smoke-test' || fail "no 'hostname: smoke-test'"
console | grep -qx 'disk vda: 32 MiB' || fail "no 'disk vda: 32 MiB'"
console | grep -qx 'disk vdb: 8 MiB' || fail "no 'disk vdb: 8 MiB'"

wait_for 'root@smoke-test:~# ' 10
token="zenith-$RANDOM"
send "$run/serial.sock" "echo $token\r"
wait_for "^$token\$" 10
log "serial shell echoed $token"

rss_kb=$(ps -o rss= -p "$qemu_pid" | tr -d ' ')

send "$run/qmp.sock" '{"execute":"qmp_capabilities"}\n{"execute":"system_powerdown"}\n'
powerdown_at=$(now_ms)
while kill -0 "$qemu_pid" 2>/dev/null; do
  [ $(($(now_ms) - powerdown_at)) -lt 10000 ] || fail "QEMU still running 10 s after system_powerdown"
  sleep 0.05
done
wait "$qemu_pid" || fail "QEMU exited with status $? ($(cat "$run/qemu.err"))"
qemu_pid=
poweroff_ms=$(($(now_ms) - powerdown_at))

printf 'zenith-tiny smoke OK: ready in %d ms (QEMU CPU %d ms), powered off %d ms after system_powerdown, QEMU RSS %d MiB (accel %s)\n' \
  "$ready_ms" "$cpu_ms" "$poweroff_ms" $((rss_kb / 1024)) "$accel"
