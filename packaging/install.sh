#!/usr/bin/env sh
# Installs the unpacked bundle (this folder) for one user or for all:
#
#     ./install.sh              # ~/.local/opt/kcp-desk, ~/.local/bin/kcp-desk, menu entry
#     sudo ./install.sh --system  # /opt/kcp-desk, /usr/local/bin/kcp-desk, menu entry
#     ./install.sh --uninstall [--system]  # removes the program; the user data stays
#
# The menu entry makes kcp-desk the handler of tel: and callto: links
# (`kcp-desk open %u`). User data (database, settings, logs) lives in the per-user
# folders (~/.local/share/kcp-desk, ~/.config/kcp-desk) and is never touched here.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SYSTEM=0
UNINSTALL=0
for arg in "$@"; do
    case $arg in
        --system) SYSTEM=1 ;;
        --uninstall) UNINSTALL=1 ;;
        *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done
if [ $SYSTEM = 1 ]; then
    PREFIX=/opt/kcp-desk BIN=/usr/local/bin SHARE=/usr/local/share
else
    PREFIX=$HOME/.local/opt/kcp-desk BIN=$HOME/.local/bin SHARE=${XDG_DATA_HOME:-$HOME/.local/share}
fi
APPS=$SHARE/applications
ICONS=$SHARE/icons/hicolor/scalable/apps

if [ $UNINSTALL = 1 ]; then
    rm -rf "$PREFIX"
    rm -f "$BIN/kcp-desk" "$APPS/kcp-desk.desktop" "$ICONS/kcp-desk.svg"
    command -v update-desktop-database >/dev/null && update-desktop-database "$APPS" || true
    echo "kcp-desk removed from $PREFIX (user data kept)."
    exit 0
fi

[ -x "$HERE/kcp-desk" ] || { echo "install.sh: run it from the unpacked kcp-desk folder" >&2; exit 1; }
if [ "$HERE" != "$PREFIX" ]; then
    rm -rf "$PREFIX.new"
    mkdir -p "$(dirname "$PREFIX")"
    cp -a "$HERE" "$PREFIX.new"
    rm -rf "$PREFIX"
    mv "$PREFIX.new" "$PREFIX"
fi
mkdir -p "$BIN" "$APPS" "$ICONS"
ln -sf "$PREFIX/kcp-desk" "$BIN/kcp-desk"
# absolute Exec/TryExec: the menu and the link handler work without $BIN on PATH
sed -e "s|^Exec=kcp-desk |Exec=$PREFIX/kcp-desk |" -e "s|^TryExec=kcp-desk|TryExec=$PREFIX/kcp-desk|" \
    "$PREFIX/kcp-desk.desktop" >"$APPS/kcp-desk.desktop"
cp "$PREFIX/kcp-desk.svg" "$ICONS/kcp-desk.svg"
if command -v update-desktop-database >/dev/null; then update-desktop-database "$APPS" || true; fi
if [ $SYSTEM = 0 ] && command -v xdg-mime >/dev/null; then
    xdg-mime default kcp-desk.desktop x-scheme-handler/tel x-scheme-handler/callto || true
fi
echo "kcp-desk installed in $PREFIX; started by $BIN/kcp-desk and the menu; tel:/callto: links open it."
