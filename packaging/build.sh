#!/usr/bin/env bash
# The Linux release in one command: translations, the PyInstaller bundle (one folder)
# in dist/kcp-desk/, and dist/kcp-desk-<version>-linux-x86_64.tar.gz.
#
#     packaging/build.sh            # needs .venv with the package extra:
#                                   # .venv/bin/pip install -e '.[package]'
# PYTHON=/path/to/python overrides the interpreter (default: .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}

die() { echo "build.sh: $*" >&2; exit 1; }

[ -x "$PY" ] || die "no Python at $PY (run 'make run' or set PYTHON)"
"$PY" -m PyInstaller --version >/dev/null 2>&1 \
    || die "PyInstaller is missing: $PY -m pip install -e '.[package]'"
# keyrings.alt would register a plaintext keyring backend in the bundle
if "$PY" -c "import keyrings.alt" 2>/dev/null; then
    die "keyrings.alt is installed in the build environment; uninstall it ($PY -m pip uninstall keyrings.alt)"
fi

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCHIVE=dist/kcp-desk-$VERSION-linux-x86_64.tar.gz
SECONDS=0

# 1. translations: the bundle must carry the compiled catalogues
make --no-print-directory translations PYTHON="$PY" VENV="$(dirname "$(dirname "$PY")")" >/dev/null
for qm in kcp_desk/i18n/kcp_desk_de.qm kcp_desk/i18n/kcp_desk_en.qm; do
    [ -s "$qm" ] || die "$qm is missing: the translations were not compiled (make translations)"
done

# 2. the bundle
rm -rf dist/kcp-desk build/kcp-desk
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build packaging/kcp-desk.spec
BUNDLE=dist/kcp-desk
[ -x "$BUNDLE/kcp-desk" ] || die "PyInstaller made no $BUNDLE/kcp-desk"
if find "$BUNDLE" -ipath '*keyrings*' | grep -q .; then
    die "keyrings.alt got into the bundle: $(find "$BUNDLE" -ipath '*keyrings*' | head -1)"
fi
[ -f "$BUNDLE/_internal/kcp_desk/migrations/env.py" ] || die "the migrations are not in the bundle"
# the xcb platform plugin's libraries come from the build host: without them the desk
# would start only offscreen (apt-get install libxcb-icccm4 libxcb-keysyms1 …)
missing=$(cd "$BUNDLE/_internal" && LD_LIBRARY_PATH=$PWD:$PWD/PySide6/Qt/lib \
    ldd PySide6/Qt/plugins/platforms/libqxcb.so | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
[ -z "$missing" ] || die "the build host lacks libraries of Qt's xcb plugin: $missing(see packaging/README.md)"

# 3. what the install needs beside the program: desktop entry, icon, install script
cp packaging/kcp-desk.desktop packaging/kcp-desk.svg packaging/install.sh "$BUNDLE/"
chmod +x "$BUNDLE/install.sh"
tar -C dist -czf "$ARCHIVE" kcp-desk

files=$(find "$BUNDLE" -type f | wc -l)
unpacked=$(du -sm "$BUNDLE" | cut -f1)
packed=$(( $(stat -c %s "$ARCHIVE") / 1024 / 1024 ))
printf 'build.sh: kcp-desk %s built in %s s: %s (%s MB, %s files), %s (%s MB)\n' \
    "$VERSION" "$SECONDS" "$BUNDLE" "$unpacked" "$files" "$ARCHIVE" "$packed"
