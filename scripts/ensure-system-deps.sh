#!/usr/bin/env bash
# Installs the Debian packages a part of Zenith needs, only when missing.
# Usage: scripts/ensure-system-deps.sh [postgres] [chromium] [openstack] [gnocchi] [keystone] [qemu] [tempest] [network] [video] [horizon]
set -euo pipefail
need=()
for part in "$@"; do
  case "$part" in
    postgres) [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql) ;;
    chromium) [ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation) ;;
    # gnocchiclient adds `openstack metric …` (tests/openstack-cli/metering.test.ts).
    openstack)
      [ -x /usr/bin/openstack ] || need+=(python3-openstackclient)
      /usr/bin/python3 -c "import gnocchiclient" 2>/dev/null || need+=(python3-gnocchiclient)
      ;;
    # Upstream Gnocchi 4.4.2 for tests/real-openstack: the library only (its API runs on werkzeug, a
    # dependency; gnocchi-api would need uwsgi). No debconf questions, no services started.
    gnocchi)
      /usr/bin/python3 -c "import gnocchi, keystonemiddleware, werkzeug, psycopg2" 2>/dev/null || need+=(python3-gnocchi)
      ;;
    # Upstream Keystone 22.0.2 (Zed) for tests/real-openstack: python3-keystone, the library with
    # keystone-manage and keystone-wsgi-public, and no service. Debian's `keystone` package would add
    # debconf/dbconfig questions and an init script serving uwsgi on port 5000 of every interface;
    # the suite serves the same WSGI app on werkzeug at 127.0.0.1:<free port> instead.
    keystone)
      { [ -x /usr/bin/keystone-manage ] && /usr/bin/python3 -c "import keystone, werkzeug, psycopg2" 2>/dev/null; } \
        || need+=(python3-keystone python3-psycopg2)
      ;;
    qemu) command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86 qemu-utils) ;;
    tempest) [ -x /usr/bin/tempest ] && [ -x /usr/bin/stestr ] || need+=(tempest python3-stestr python3-subunit) ;;
    # The network agent's linux driver: dnsmasq (DHCP), nftables (security groups, NAT), iproute2;
    # busybox gives tests a DHCP client (udhcpc) inside their namespaces; socat carries the control
    # plane's port into the host namespaces of tests/network-traffic.
    network)
      command -v dnsmasq >/dev/null || need+=(dnsmasq-base)
      command -v nft >/dev/null || need+=(nftables)
      command -v ip >/dev/null || need+=(iproute2)
      command -v busybox >/dev/null || need+=(busybox)
      command -v socat >/dev/null || need+=(socat)
      ;;
    # Playwright's video recording (npm run demo) encodes with ffmpeg.
    video) command -v ffmpeg >/dev/null || need+=(ffmpeg) ;;
    # Debian's Horizon for bench/pages.mjs only (never `npm test`): the bench runs it itself under
    # gunicorn with whitenoise for its static files on a private port, so no web server
    # package (openstack-dashboard-apache) is installed and port 80 is left alone.
    horizon)
      [ -d /usr/lib/python3/dist-packages/openstack_dashboard ] || need+=(openstack-dashboard)
      command -v gunicorn >/dev/null || need+=(gunicorn)
      /usr/bin/python3 -c "import whitenoise" 2>/dev/null || need+=(python3-whitenoise)
      ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${need[*]} (run as root, or install them: apt-get install -y ${need[*]})" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
