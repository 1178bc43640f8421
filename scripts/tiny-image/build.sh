#!/usr/bin/env bash
# Builds the built-in guest image "zenith-tiny" from Debian packages: Debian's
# kernel plus an initramfs made of busybox-static and the virtio/ACPI modules.
#
# Usage: scripts/tiny-image/build.sh [OUTDIR]   (default <repo>/.cache/zenith-tiny)
#
# OUTDIR gets: kernel (AKI), initrd (ARI), disk (AMI, raw ext2) and
# manifest.json. Nothing is installed on the host except missing build tools
# (xz-utils, e2fsprogs), and only when running as root.
set -euo pipefail

# Bump when anything below changes what ends up in OUTDIR.
RECIPE_VERSION=1
NAME=zenith-tiny
# rodata=off, cryptomgr.notests and the two initcalls skipped save about 1.5 s
# of boot under TCG (kernel self-tests and W+X checks); quiet keeps the slow
# emulated serial port out of the boot path.
COMMAND_LINE="console=ttyS0 root=/dev/vda quiet rodata=off cryptomgr.notests initcall_blacklist=crypto_kdf108_init,init_kprobe_trace"
# Modules the guest loads before its prompt; their dependencies are added and
# ordered here.
BOOT_MODULES=(virtio_pci virtio_blk virtio_net virtio_console button evdev qemu_fw_cfg)
# Modules loaded in the background after the prompt (ext4 alone takes ~0.5 s).
LATE_MODULES=(crc32c_generic ext4)
# Where in the kernel package they (and what they depend on) are.
MODULE_TREES=(drivers/virtio drivers/block drivers/char drivers/acpi drivers/input drivers/firmware
  'drivers/net/*.ko*' fs/ext4 fs/jbd2 'fs/mbcache.ko*' lib crypto net/core)

FLAVOUR=${ZT_FLAVOUR:-amd64}
KFORMAT=${ZT_KFORMAT:-pvh}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/../.." && pwd)
out=${1:-$repo_root/.cache/zenith-tiny}

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
  log "up to date: $out"
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

# Build tools: command -> Debian package.
ensure_tools() {
  local missing=() pair
  for pair in apt-get:apt dpkg-deb:dpkg tar:tar xz:xz-utils mke2fs:e2fsprogs sha256sum:coreutils; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "${pair%%:*}" >/dev/null 2>&1 ||
      missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root || die "missing build tools; install the Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})"
  log "installing ${missing[*]}…"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# The versioned kernel package the linux-image-amd64 metapackage points at.
kernel_package() {
  apt-cache depends "linux-image-$FLAVOUR" 2>/dev/null |
    sed -n "s/^ *Depends: \(linux-image-[0-9][^ ]*-$FLAVOUR\)\$/\1/p" | head -n 1
}

apt_download() {
  local opts=()
  is_root && opts=(-o APT::Sandbox::User=root)
  (cd "$work/deb" && apt-get "${opts[@]}" -qq download "$@" >&2)
}

# Unpacks members of a .deb; drains the stream so dpkg-deb never gets SIGPIPE.
deb_extract() {
  local deb=$1 dest=$2
  shift 2
  mkdir -p "$dest"
  # tar fails when a pattern matches nothing; callers check what they need.
  dpkg-deb --fsys-tarfile "$deb" | {
    tar -x -C "$dest" --wildcards --no-wildcards-match-slash "$@" 2>/dev/null || true
    cat >/dev/null
  }
}

# Prints the dependencies of a kernel module (its .modinfo "depends=").
module_depends() {
  tr '\0' '\n' <"$1" | sed -n 's/^depends=//p' | head -n 1 | tr ',' ' '
}

# True when the ELF file has the PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY).
has_pvh_note() {
  local f=$1 phoff phentsize phnum i ph type off size pos end namesz descsz ntype name
  le() { od -An -t "u$2" -j "$1" -N "$2" "$f" | tr -d ' '; }
  [ "$(od -An -c -N 4 "$f" | tr -d ' ')" = '177ELF' ] || return 1
  phoff=$(le 32 8)
  phentsize=$(le 54 2)
  phnum=$(le 56 2)
  for ((i = 0; i < phnum; i++)); do
    ph=$((phoff + i * phentsize))
    type=$(le "$ph" 4)
    [ "$type" = 4 ] || continue
    off=$(le $((ph + 8)) 8)
    size=$(le $((ph + 32)) 8)
    pos=$off
    end=$((off + size))
    while ((pos + 12 <= end)); do
      namesz=$(le "$pos" 4)
      descsz=$(le $((pos + 4)) 4)
      ntype=$(le $((pos + 8)) 4)
      name=$(dd if="$f" bs=1 skip=$((pos + 12)) count=3 2>/dev/null)
      [ "$name" = Xen ] && [ "$ntype" = 18 ] && return 0
      pos=$((pos + 12 + (namesz + 3) / 4 * 4 + (descsz + 3) / 4 * 4))
    done
  done
  return 1
}

# Decompresses the kernel image out of a bzImage (like scripts/extract-vmlinux).
extract_vmlinux() {
  local bz=$1 dest=$2 off
  off=$(LC_ALL=C grep -abo $'\xfd7zXZ' "$bz" | head -n 1 | cut -d: -f1) || true
  [ -n "$off" ] || return 1
  tail -c +$((off + 1)) "$bz" | xz -dc >"$dest" 2>/dev/null || true
  [ "$(od -An -c -N 4 "$dest" | tr -d ' ')" = '177ELF' ]
}

sha256() { sha256sum "$1" | cut -d' ' -f1; }
size_of() { stat -c %s "$1"; }

start=$(date +%s)
ensure_tools
PATH="$PATH:/usr/sbin:/sbin"

out_parent=$(dirname "$out")
mkdir -p "$out_parent"
work=$(mktemp -d "$out_parent/.$NAME.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
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
busybox_version=$(dpkg-deb -f "$bdeb" Version)

log "unpacking…"
# Only the module trees the wanted modules and their dependencies live in.
deb_extract "$kdeb" "$work/k" './boot/vmlinuz-*' './lib/modules/*/modules.builtin' \
  "${MODULE_TREES[@]/#/./lib/modules/*/kernel/}"
deb_extract "$bdeb" "$work/bb" './bin/busybox'
bb=$work/bb/bin/busybox
kver=$(basename "$(echo "$work"/k/lib/modules/*)")
[ -f "$work/k/boot/vmlinuz-$kver" ] || die "no vmlinuz-$kver in $kpkg"
moddir=$work/k/lib/modules/$kver

# --- kernel: the uncompressed ELF with PVH entry (boots faster under TCG) ---
log "extracting vmlinux (PVH)…"
if [ "$KFORMAT" = pvh ] && extract_vmlinux "$work/k/boot/vmlinuz-$kver" "$work/vmlinux" && has_pvh_note "$work/vmlinux"; then
  mv "$work/vmlinux" "$work/kernel"
  kernel_format=pvh-elf
else
  log "no PVH vmlinux; using the bzImage"
  cp "$work/k/boot/vmlinuz-$kver" "$work/kernel"
  kernel_format=bzimage
fi

# --- modules: wanted ones plus dependencies, in load order ---
log "collecting modules…"
declare -A modpath=()
while IFS= read -r -d '' f; do
  m=${f##*/}
  m=${m%%.ko*}
  modpath[${m//-/_}]=$f
done < <(find "$moddir/kernel" -name '*.ko*' -print0)
declare -A seen=()
order=()
# add_module NAME: appends NAME after its not yet seen dependencies to order[].
add_module() {
  local m=${1//-/_} dep
  [ -n "${seen[$m]:-}" ] && return 0
  seen[$m]=1
  if [ -z "${modpath[$m]:-}" ]; then
    grep -q "/${m}.ko" "$moddir/modules.builtin" 2>/dev/null && return 0
    grep -q "/${1}.ko" "$moddir/modules.builtin" 2>/dev/null && return 0
    die "kernel module $m not found in $kpkg"
  fi
  for dep in $(module_depends "${modpath[$m]}"); do add_module "$dep"; done
  order+=("$m")
}
for m in "${BOOT_MODULES[@]}"; do add_module "$m"; done
boot_order=("${order[@]}")
order=()
for m in "${LATE_MODULES[@]}"; do add_module "$m"; done
late_order=("${order[@]}")

# --- initramfs tree ---
log "building initrd…"
root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/zenith,proc,sys,dev,run,tmp,mnt,root,var/log,lib/modules/"$kver"}
ln -s ../run "$root/var/run"
cp "$bb" "$root/bin/busybox"
while IFS= read -r applet; do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done < <("$bb" --list-full)
for m in "${boot_order[@]}" "${late_order[@]}"; do
  case ${modpath[$m]} in
    *.ko) cp "${modpath[$m]}" "$root/lib/modules/$kver/$m.ko" ;;
    *.ko.xz) xz -dc "${modpath[$m]}" >"$root/lib/modules/$kver/$m.ko" ;;
    *) die "unsupported module compression: ${modpath[$m]}" ;;
  esac
done
printf '%s\n' "${boot_order[@]}" >"$root/etc/zenith/modules"
printf '%s\n' "${late_order[@]}" >"$root/etc/zenith/modules.late"
printf 'Zenith tiny %s\n' "$RECIPE_VERSION" >"$root/etc/zenith-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"

cp "$here/guest/init" "$root/init"
cp "$here/guest/inittab" "$root/etc/inittab"
cp "$here/guest/profile" "$root/etc/profile"
cp "$here/guest/zenith-shell" "$root/bin/zenith-shell"
mkdir -p "$root/etc/acpi/PWRF" "$root/usr/share/udhcpc"
cp "$here/guest/power-button" "$root/etc/acpi/PWRF/00000080"
cp "$here/guest/udhcpc.script" "$root/usr/share/udhcpc/default.script"
chmod 0755 "$root/init" "$root/bin/zenith-shell" "$root/etc/acpi/PWRF/00000080" "$root/usr/share/udhcpc/default.script"
sed -i "s/@RECIPE_VERSION@/$RECIPE_VERSION/" "$root/init"

(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) >"$work/initrd"

# --- root disk: a small raw ext2 image ---
log "building disk…"
droot=$work/diskroot
mkdir -p "$droot/etc"
printf 'Zenith tiny %s root disk\n' "$RECIPE_VERSION" >"$droot/etc/zenith-release"
truncate -s 32M "$work/disk"
mke2fs -q -F -t ext2 -L zenith-tiny -d "$droot" "$work/disk" >&2

# --- manifest ---
file_entry() {
  printf '"%s": {"file": "%s", "sha256": "%s", "size": %s, "diskFormat": "%s", "containerFormat": "%s"}' \
    "$1" "$2" "$(sha256 "$work/$2")" "$(size_of "$work/$2")" "$3" "$3"
}
cat >"$work/manifest.json" <<EOF
{
  "recipeVersion": $RECIPE_VERSION,
  "name": "$NAME",
  "kernelVersion": "$kver",
  "kernelPackage": "$kpkg",
  "kernelFormat": "$kernel_format",
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

# --- move into place: manifest last, so a half-copied OUTDIR is never "done" ---
mkdir -p "$work/final"
mv "$work/kernel" "$work/initrd" "$work/disk" "$work/manifest.json" "$work/final/"
if [ -e "$out" ]; then
  mv "$out" "$work/old"
fi
mv "$work/final" "$out"
log "built $out ($kver, $kernel_format, $(($(date +%s) - start)) s)"
