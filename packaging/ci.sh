#!/usr/bin/env bash
# CI's release check, after the tests (.ci/run calls it as root on a fresh Debian):
# install the build tool and the build host's libraries, build the bundle and the
# tarball, smoke-start the bundle (packaging/smoke.sh), and print the figures.
# Then the Windows installer's MSI from the bundle's file list with wixl (packaging/msi.sh,
# ~10 s; KCP_CI_MSI=0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
PY=${PYTHON:-.venv/bin/python}
say() { echo "packaging/ci.sh: $*"; }
die() { echo "packaging/ci.sh: FAILED: $*" >&2; exit 1; }

[ -x "$PY" ] || die "no $PY: run the tests first (make test creates .venv)"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# The libraries of Qt's xcb platform plugin that PyInstaller copies into the bundle
# from the build host (without them the bundled desk could not open a window on X11).
say "installing the build host's packages"
$SUDO apt-get install -y -qq --no-install-recommends \
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
    libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 \
    libx11-xcb1 libfontconfig1 libdbus-1-3 \
    $([ "${KCP_CI_MSI:-1}" = 1 ] && echo wixl msitools) >/dev/null \
    || die "apt-get install of the build host's libraries"
say "installing the package extra (PyInstaller)"
"$PY" -m pip install --quiet --disable-pip-version-check -e '.[package]' \
    || die "pip install -e '.[package]'"

t0=$SECONDS
packaging/build.sh || die "packaging/build.sh"
build_s=$((SECONDS - t0))

t0=$SECONDS
packaging/smoke.sh dist/kcp-desk || die "packaging/smoke.sh dist/kcp-desk"
smoke_s=$((SECONDS - t0))

if [ "${KCP_CI_MSI:-1}" = 1 ]; then
    packaging/msi.sh || die "packaging/msi.sh"
fi
archive=$(ls dist/kcp-desk-*-linux-x86_64.tar.gz)
say "figures: build ${build_s} s, bundle $(du -sm dist/kcp-desk | cut -f1) MB unpacked," \
    "$archive $(( $(stat -c %s "$archive") / 1024 / 1024 )) MB, smoke start ${smoke_s} s," \
    "all of packaging/ci.sh ${SECONDS} s"
