#!/usr/bin/env bash
# Builds the built-in guest image "zenith-tiny" from Debian packages: Debian's
# cloud kernel plus an initramfs made of busybox-static and the virtio/ACPI
# modules. See README.md next to this script.
#
# Usage: scripts/tiny-image/build.sh [OUTDIR]   (default <repo>/.cache/zenith-tiny)
#
# OUTDIR gets kernel (AKI), initrd (ARI), disk (AMI, raw ext2) and
# manifest.json. Exits at once when OUTDIR already holds this recipe version.
# Installs nothing on the host except missing build tools (e2fsprogs), and
# only when running as root.
set -euo pipefail

# Bump whenever anything changes what ends up in OUTDIR (this script, guest/*).
RECIPE_VERSION=3
NAME=zenith-tiny
# Debian kernel flavour: "cloud-amd64" (linux-image-6.1.0-N-cloud-amd64 on
# bookworm). Its bzImage is LZ4-compressed (the generic flavour's is XZ, whose
# decompression takes ~5 s of CPU under TCG) and it keeps the VGA text console,
# which the uncompressed PVH vmlinux cannot have (no screen_info on PVH entry).
FLAVOUR=cloud-amd64
# cryptomgr.notests skips the kernel's crypto self-tests: ~0.9 s under TCG.
COMMAND_LINE="console=ttyS0 root=/dev/vda quiet cryptomgr.notests"
# Modules the guest loads at boot, in dependency order (read from each
# module's .modinfo: no depmod needed). Built-in ones (ext4) are skipped.
MODULES=(virtio_pci virtio_blk virtio_net virtio_console button evdev qemu_fw_cfg pvpanic_mmio ext4)
# Where in the kernel package those modules and their dependencies are.
MODULE_TREES=(drivers/virtio drivers/block drivers/char drivers/acpi drivers/input drivers/firmware
  drivers/misc/pvpanic 'drivers/net/*.ko*' fs/ext4 fs/jbd2 'fs/mbcache.ko*' lib crypto net/core)
DISK_SIZE=32M

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/../.." && pwd)
out=${1:-$repo_root/.cache/$NAME}

log() { printf '%s: %s\n' "$NAME" "$*" >&2; }
die() {
  printf '%s: error: %s\n' "$NAME" "$*" >&2
  exit 1
}

up_to_date() {
  local f
  [ -f "$out/manifest.json" ] || return 1
  grep -q "\"recipeVersion\": $RECIPE_VERSION," "$out/manifest.json" || return 1
  for f in kernel initrd disk; do [ -s "$out/$f" ] || return 1; done
}

if up_to_date; then
  exit 0
fi

is_root() { [ "$(id -u)" = 0 ]; }

apt_updated=0
apt_update() {
  if [ "$apt_updated" = 0 ] && is_root; then
    log "apt-get update…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
  fi
}

# ensure_tools CMD:PACKAGE...: installs the packages of missing commands (root
# only), else fails naming them.
ensure_tools() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root || die "missing build tools; install the Debian packages: ${missing[*]} (apt-get install -y --no-install-recommends ${missing[*]})"
  log "installing ${missing[*]}…"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
      die "apt-get install ${missing[*]} failed"
  fi
}

# The versioned kernel package the linux-image-$FLAVOUR metapackage points at.
kernel_package() {
  apt-cache depends "linux-image-$FLAVOUR" 2>/dev/null |
    sed -n "s/^ *Depends: \(linux-image-[0-9][^ ]*-$FLAVOUR\)\$/\1/p" | head -n 1
}

apt_download() {
  local opts=()
  # As root apt drops to the _apt user, which cannot write our private dir.
  is_root && opts=(-o APT::Sandbox::User=root)
  (cd "$work/deb" && apt-get "${opts[@]}" -qq download "$@" >&2)
}

# deb_extract DEB DEST PATTERN...: unpacks members of a .deb.
deb_extract() {
  local deb=$1 dest=$2
  shift 2
  mkdir -p "$dest"
  # tar fails when a pattern matches nothing (callers check what they need);
  # cat drains the stream so dpkg-deb never dies of SIGPIPE.
  dpkg-deb --fsys-tarfile "$deb" | {
    tar -x -C "$dest" --wildcards --no-wildcards-match-slash "$@" 2>/dev/null || true
    cat >/dev/null
  }
}

# Prints the dependencies of a kernel module (its .modinfo "depends=").
module_depends() {
  tr '\0' '\n' <"$1" | sed -n 's/^depends=//p' | head -n 1 | tr ',' ' '
}

sha256() { sha256sum "$1" | cut -d' ' -f1; }

start=$SECONDS
PATH="$PATH:/usr/sbin:/sbin"
ensure_tools apt-get:apt dpkg-deb:dpkg tar:tar mke2fs:e2fsprogs sha256sum:coreutils flock:util-linux

out_parent=$(dirname "$out")
mkdir -p "$out_parent"
# One build at a time per OUTDIR; whoever waited finds it done.
exec 9>"$out_parent/.${out##*/}.lock"
flock 9
if up_to_date; then
  exit 0
fi
work=$(mktemp -d "$out_parent/.${out##*/}.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/deb"

kpkg=$(kernel_package)
if [ -z "$kpkg" ]; then
  apt_update
  kpkg=$(kernel_package)
fi
[ -n "$kpkg" ] || die "cannot resolve the kernel package (apt-cache depends linux-image-$FLAVOUR); run apt-get update"

log "downloading $kpkg and busybox-static…"
if ! apt_download "$kpkg" busybox-static; then
  apt_update
  apt_download "$kpkg" busybox-static || die "apt-get download $kpkg busybox-static failed"
fi
kdeb=$(echo "$work"/deb/linux-image-*.deb)
bdeb=$(echo "$work"/deb/busybox-static_*.deb)
if [ ! -f "$kdeb" ] || [ ! -f "$bdeb" ]; then
  die "apt-get download did not give $kpkg and busybox-static"
fi
busybox_version=$(dpkg-deb -f "$bdeb" Version)

log "unpacking…"
deb_extract "$kdeb" "$work/k" './boot/vmlinuz-*' './lib/modules/*/modules.builtin' \
  "${MODULE_TREES[@]/#/./lib/modules/*/kernel/}"
deb_extract "$bdeb" "$work/bb" './bin/busybox'
bb=$work/bb/bin/busybox
[ -x "$bb" ] || die "no bin/busybox in busybox-static"
# The applets the guest's scripts rely on (DHCP, metadata, network set-up).
for applet in udhcpc wget timeout ip hostname sed grep tr tee wc setsid acpid insmod; do
  # grep reads all of it (no -q): under pipefail an early exit would fail the list with SIGPIPE.
  "$bb" --list | grep -x "$applet" >/dev/null || die "busybox-static lacks the $applet applet"
done
kver=${kpkg#linux-image-}
moddir=$work/k/lib/modules/$kver
[ -f "$work/k/boot/vmlinuz-$kver" ] || die "no boot/vmlinuz-$kver in $kpkg"
cp "$work/k/boot/vmlinuz-$kver" "$work/kernel"

# --- modules: the wanted ones plus dependencies, in load order ---
declare -A modpath=()
while IFS= read -r -d '' f; do
  m=${f##*/}
  m=${m%%.ko*}
  modpath[${m//-/_}]=$f
done < <(find "$moddir/kernel" -name '*.ko*' -print0)
declare -A seen=()
order=()
# add_module NAME: appends NAME to order[] after its dependencies not yet seen.
add_module() {
  local m=${1//-/_} dep
  [ -n "${seen[$m]:-}" ] && return 0
  seen[$m]=1
  if [ -z "${modpath[$m]:-}" ]; then
    grep -Eq "/(${m}|${m//_/-})\.ko" "$moddir/modules.builtin" && return 0
    die "kernel module $m is neither in $kpkg (under ${MODULE_TREES[*]}) nor built in"
  fi
  for dep in $(module_depends "${modpath[$m]}"); do add_module "$dep"; done
  order+=("$m")
}
for m in "${MODULES[@]}"; do add_module "$m"; done

# --- initramfs ---
log "building initrd…"
root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/zenith,proc,sys,dev,run,tmp,mnt,root,var/log}
mkdir -p "$root/lib/modules/$kver" "$root/etc/acpi/PWRF" "$root/etc/udhcpc"
ln -s ../run "$root/var/run"
cp "$bb" "$root/bin/busybox"
while IFS= read -r applet; do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done < <("$bb" --list-full)
# busybox insmod cannot read compressed modules: store them plain.
for m in "${order[@]}"; do
  case ${modpath[$m]} in
    *.ko) cp "${modpath[$m]}" "$root/lib/modules/$kver/$m.ko" ;;
    *.ko.xz) ensure_tools xz:xz-utils && xz -dc "${modpath[$m]}" >"$root/lib/modules/$kver/$m.ko" ;;
    *.ko.zst) ensure_tools zstd:zstd && zstd -qdc "${modpath[$m]}" >"$root/lib/modules/$kver/$m.ko" ;;
    *) die "unsupported module compression: ${modpath[$m]}" ;;
  esac
done
printf '%s\n' "${order[@]}" >"$root/etc/zenith/modules"
printf 'Zenith tiny %s\n' "$RECIPE_VERSION" >"$root/etc/zenith-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"
sed "s/@RECIPE_VERSION@/$RECIPE_VERSION/" "$here/guest/init" >"$root/init"
cp "$here/guest/inittab" "$root/etc/inittab"
cp "$here/guest/profile" "$root/etc/profile"
cp "$here/guest/zenith-shell" "$root/bin/zenith-shell"
cp "$here/guest/zenith-metadata" "$root/bin/zenith-metadata"
cp "$here/guest/power-button" "$root/etc/acpi/PWRF/00000080"
cp "$here/guest/udhcpc.script" "$root/etc/udhcpc/default.script"
chmod 0755 "$root/init" "$root/bin/zenith-shell" "$root/bin/zenith-metadata" "$root/etc/acpi/PWRF/00000080" "$root/etc/udhcpc/default.script"
# Uncompressed: the kernel unpacks it faster than it would gunzip it (TCG).
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) >"$work/initrd"

# --- root disk: a small raw ext2 file system ---
log "building disk…"
droot=$work/diskroot
mkdir -p "$droot/etc"
printf 'Zenith tiny %s root disk\n' "$RECIPE_VERSION" >"$droot/etc/zenith-release"
truncate -s "$DISK_SIZE" "$work/disk"
mke2fs -q -F -t ext2 -L "$NAME" -d "$droot" "$work/disk" >&2

# --- manifest ---
file_entry() {
  printf '"%s": {"file": "%s", "sha256": "%s", "size": %s, "diskFormat": "%s", "containerFormat": "%s"}' \
    "$1" "$2" "$(sha256 "$work/$2")" "$(stat -c %s "$work/$2")" "$3" "$3"
}
cat >"$work/manifest.json" <<EOF
{
  "recipeVersion": $RECIPE_VERSION,
  "name": "$NAME",
  "kernelVersion": "$kver",
  "busyboxVersion": "$busybox_version",
  "builtAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "files": {
    $(file_entry kernel kernel aki),
    $(file_entry ramdisk initrd ari),
    $(file_entry disk disk ami)
  },
  "commandLine": "$COMMAND_LINE"
}
EOF

# --- into place: a complete directory renamed over the old one ---
mkdir "$work/final"
mv "$work/kernel" "$work/initrd" "$work/disk" "$work/manifest.json" "$work/final/"
if [ -e "$out" ]; then
  mv "$out" "$work/old"
fi
mv "$work/final" "$out"
log "built $out ($kver, $((SECONDS - start)) s)"
