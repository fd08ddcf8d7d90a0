#!/usr/bin/env bash
# Builds the Windows installer's MSI with wixl (Debian: apt-get install wixl msitools)
# from a file list, to prove packaging/kcp-desk.wxs is well-formed and installs what it
# should: the Start-menu entry, the tel:/callto: handlers, every file of the bundle.
#
#     packaging/msi.sh [BUNDLE_DIR]     # default dist/kcp-desk
#
# On Linux the bundle holds no .exe: the two executables are stand-ins here, the rest is
# the Linux bundle's file list. The real MSI is built on Windows (packaging/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=${1:-dist/kcp-desk}
die() { echo "msi.sh: FAILED: $*" >&2; exit 1; }
command -v wixl >/dev/null || die "wixl is missing (apt-get install wixl msitools)"
[ -d "$BUNDLE/_internal" ] || die "no bundle in $BUNDLE (packaging/build.sh first)"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
WORK=build/msi
rm -rf "$WORK" && mkdir -p "$WORK/src"
SECONDS=0
# the bundle's files, hard-linked (no copy); the stand-in executables
cp -al "$BUNDLE/_internal" "$WORK/src/_internal"
for exe in kcp-desk.exe kcp-desk-cli.exe; do
    [ -f "$BUNDLE/$exe" ] && cp "$BUNDLE/$exe" "$WORK/src/" || echo "stand-in for $exe" >"$WORK/src/$exe"
done
(cd "$WORK/src" && find . -type f | sed 's|^\./||' | sort) \
    | wixl-heat --prefix "" --directory-ref INSTALLDIR --component-group CG.bundle \
        --var var.SourceDir --win64 >"$WORK/bundle.wxs"
MSI=$WORK/kcp-desk-$VERSION-windows-x64-standin.msi
wixl --arch x64 -D Win64=yes -D Version="$VERSION" -D SourceDir="$WORK/src" -D IconFile=packaging/kcp-desk.ico \
    -o "$MSI" packaging/kcp-desk.wxs "$WORK/bundle.wxs"
# what the installer writes: the handlers and the shortcut must be in its tables
msiinfo export "$MSI" Registry >"$WORK/registry.idt"
for scheme in tel callto; do
    key="Software\\Classes\\$scheme\\shell\\open\\command"
    grep -F "$key" "$WORK/registry.idt" | grep -qF '"[INSTALLDIR]kcp-desk.exe" open "%1"' \
        || die "the MSI registers no $scheme: handler ($key)"
done
msiinfo export "$MSI" Shortcut | grep -q "kcp-desk" || die "the MSI has no Start-menu shortcut"
files=$(msiinfo export "$MSI" File | tail -n +4 | wc -l)
want=$(find "$WORK/src" -type f | wc -l)
[ "$files" = "$want" ] || die "the MSI holds $files files, the bundle $want"
echo "msi.sh: $MSI ($(( $(stat -c %s "$MSI") / 1024 / 1024 )) MB, $files files) built with wixl in $SECONDS s"
