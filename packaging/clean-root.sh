#!/usr/bin/env bash
# The smoke start of a bundle on a clean system: a minimal Debian root (debootstrap
# --variant=minbase) with ONLY the runtime packages the README's Install section names,
# the bundle copied in, and packaging/smoke.sh run inside it with chroot. A library or a
# font the bundle silently takes from the build machine shows up here, not at a
# customer's.
#
#   packaging/clean-root.sh DIST_DIR        (as root; DIST_DIR holds the kcp-desk executable)
#
# The root is made once per (release, package list) and kept under $KCP_CLEAN_ROOT
# (default /var/tmp/kcp-root); each run works on a throwaway copy of it, so the cached
# root stays clean. Needs debootstrap (apt-get install debootstrap).
set -euo pipefail

# The runtime needs of the bundle on a Debian 12 target; the README's Install section
# lists the same packages. Found by leaving each out of this root:
#   libgl1             without it: ImportError: libGL.so.1 (QtGui, QtWidgets)
#   libegl1            without it: ImportError: libEGL.so.1
#   fontconfig-config  without /etc/fonts/fonts.conf the bundled fontconfig says
#                      "Fontconfig error: Cannot load default config file" (and has no
#                      font substitution rules)
#   fonts-dejavu-core  without a font every glyph is a box (selfcheck's "Qt fonts" fails);
#                      any other font package serves as well
# libfontconfig1, libfreetype6, libxkbcommon0, libdbus-1-3 and the libxcb-* libraries are
# not needed here: PyInstaller puts them into the bundle (_internal/) from the build
# machine. A spec that stops bundling one of them makes this root fail, which is the point.
# KCP_RUNTIME_PACKAGES overrides the list (an empty value: bare minbase), for such trials.
RUNTIME_PACKAGES=(${KCP_RUNTIME_PACKAGES-libgl1 libegl1 fontconfig-config fonts-dejavu-core})

here="$(cd "$(dirname "$0")" && pwd)"
dist="${1:?usage: $0 DIST_DIR}"
dist="$(cd "$dist" && pwd)"
[ -x "$dist/kcp-desk" ] || { echo "clean-root: no executable $dist/kcp-desk" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "clean-root: debootstrap and chroot need root" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "clean-root: apt-get install debootstrap" >&2; exit 2; }

# --- the machine's own release and the mirror apt already uses ------------------------
# shellcheck source=/dev/null
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}")"

mirror_of_apt() {
    local f
    # deb822 sources: the URIs of the first deb stanza whose Suites name the release
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk -v suite="$suite" '
            BEGIN { RS = ""; FS = "\n" }
            {
                types = uris = suites = ""
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^Types:/) types = $i
                    if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
                    if ($i ~ /^Suites:/) suites = " " $i " "
                }
                if (types ~ /[ \t]deb([ \t]|$)/ && index(suites, " " suite " ")) {
                    split(uris, u, /[ \t]+/); print u[1]; exit
                }
            }' "$f"
    done
    # one-line sources
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        awk -v suite="$suite" '
            $1 == "deb" {
                i = 2
                if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($(i + 1) == suite) { print $i; exit }
            }' "$f"
    done
}
found="$(mirror_of_apt)"
mirror="${KCP_DEBIAN_MIRROR:-${found%%$'\n'*}}"
mirror="${mirror:-http://deb.debian.org/debian}"

cache="${KCP_CLEAN_ROOT:-/var/tmp/kcp-root}"
key="$(printf '%s\n' "$suite" "$mirror" "${RUNTIME_PACKAGES[@]}" | sha256sum | cut -c1-12)"
root="$cache/$suite-minbase-$key"
mkdir -p "$cache"

# --- the cached root --------------------------------------------------------------------
if [ ! -e "$root/.kcp-complete" ]; then
    rm -rf "$root" "$root.partial"
    include="$(IFS=,; echo "${RUNTIME_PACKAGES[*]}")"
    echo "clean-root: debootstrap --variant=minbase $suite from $mirror (+ ${include:-nothing})"
    start=$SECONDS
    if ! debootstrap --variant=minbase ${include:+--include="$include"} \
        "$suite" "$root.partial" "$mirror" \
        >"$cache/debootstrap.log" 2>&1; then
        tail -n 30 "$cache/debootstrap.log" >&2
        echo "clean-root: debootstrap failed (log: $cache/debootstrap.log)" >&2
        exit 1
    fi
    chroot "$root.partial" apt-get clean
    mv "$root.partial" "$root"
    touch "$root/.kcp-complete"
    echo "clean-root: made the root in $((SECONDS - start)) s ($(du -sh "$root" | cut -f1))"
    # roots of other package lists or releases are stale now
    find "$cache" -mindepth 1 -maxdepth 1 -type d -name '*-minbase-*' ! -path "$root" \
        -exec rm -rf {} +
else
    echo "clean-root: using the cached root $root"
fi

# --- a throwaway copy, the bundle, the mounts -----------------------------------------
work="$(mktemp -d "$cache/run.XXXXXX")"
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
    # never delete through a mount that did not go away
    if ! grep -qF " $work/" /proc/mounts; then
        rm -rf "$work"
    else
        echo "clean-root: $work still has mounts; left in place" >&2
    fi
}
trap cleanup EXIT

cp -a "$root/." "$work/"
mkdir -p "$work/opt"
cp -a "$dist" "$work/opt/kcp-desk"
cp "$here/smoke.sh" "$work/opt/smoke.sh"

mount -t proc proc "$work/proc" && mounted+=("$work/proc")
mount --bind /dev "$work/dev" && mounted+=("$work/dev")
mount -t tmpfs -o mode=1777 tmpfs "$work/dev/shm" && mounted+=("$work/dev/shm")
mount -t tmpfs -o mode=1777 tmpfs "$work/tmp" && mounted+=("$work/tmp")

# What the bundle links against and the root lacks, said before the smoke start fails.
# The bundle's executable puts _internal on the library path, so ldd looks there too.
missing="$(chroot "$work" /usr/bin/env LD_LIBRARY_PATH=/opt/kcp-desk/_internal /bin/sh -c \
    'find /opt/kcp-desk -name "*.so*" -type f -exec ldd {} + 2>/dev/null | grep "not found" | sort -u' \
    || true)"
if [ -n "$missing" ]; then
    echo "clean-root: libraries the bundle links against and the root lacks (Qt loads some plugins lazily):"
    echo "$missing" | sed 's/^/  /'
fi
# the X11 platform plugin is what the desk uses on a desktop: it must load here, though
# the smoke start itself paints offscreen
xcb="$(chroot "$work" /usr/bin/env LD_LIBRARY_PATH=/opt/kcp-desk/_internal /bin/sh -c \
    'ldd "$(find /opt/kcp-desk -name libqxcb.so | head -n 1)"' | grep "not found" || true)"
if [ -n "$xcb" ]; then
    echo "clean-root: the xcb platform plugin cannot load on this root:" >&2
    echo "$xcb" | sed 's/^/  /' >&2
    exit 1
fi

echo "clean-root: smoke start in the clean root (${RUNTIME_PACKAGES[*]})"
chroot "$work" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TMPDIR=/tmp \
    /bin/bash /opt/smoke.sh /opt/kcp-desk
echo "clean-root: the bundle starts on a clean $suite root"
