#!/usr/bin/env bash
# "Remember on this workstation" against a real Secret Service: a throwaway, unlocked
# gnome-keyring on a private session bus (dbus-run-session), then
#   1. tests/test_real_keyring.py from the source tree (pytest -m real_keyring), and
#   2. with DIST_DIR, the bundle's own keyring backends: `kcp-desk selfcheck
#      --expect-keyring SecretService` must find the Secret Service usable from inside
#      the bundle.
#
#   packaging/keyring-test.sh [DIST_DIR]
#
# Needs gnome-keyring, dbus-daemon (for dbus-run-session) and, for a second client
# that is not Python's, libsecret-tools (secret-tool). Nothing of the user's own
# keyring is touched: HOME and the XDG folders point into a temporary directory.
set -euo pipefail

self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
dist="${1:-}"
[ -z "$dist" ] || dist="$(cd "$dist" && pwd)"
cd "$(dirname "$self")/.."
python="${PYTHON:-.venv/bin/python}"

if [ "${_KCP_IN_KEYRING_SESSION:-}" != 1 ]; then
    for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
        command -v "$tool" >/dev/null || {
            echo "keyring-test: no $tool (apt-get install gnome-keyring dbus-daemon libsecret-tools)" >&2
            exit 2
        }
    done
    scratch="$(mktemp -d "${TMPDIR:-/tmp}/kcp-keyring.XXXXXX")"
    trap 'rm -rf "$scratch"' EXIT
    mkdir -m 700 "$scratch/run"
    # a private session bus; gnome-keyring exits with it
    rc=0
    env -u DBUS_SESSION_BUS_ADDRESS -u PYTHON_KEYRING_BACKEND -u GNOME_KEYRING_CONTROL \
        HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
        XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run" \
        _KCP_IN_KEYRING_SESSION=1 \
        dbus-run-session -- "$self" ${dist:+"$dist"} || rc=$?
    exit "$rc"
fi

# --- inside the session bus -------------------------------------------------------------
# A fresh "login" keyring, created and unlocked with a throwaway password, becomes the
# Secret Service's default collection.
printf '%s' "kcp-keyring-test-$$" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$python" - <<'EOF'
import secretstorage

with secretstorage.dbus_init() as bus:
    collection = secretstorage.get_default_collection(bus)
    assert not collection.is_locked(), "gnome-keyring did not unlock its default collection"
print("keyring-test: gnome-keyring is up, its default collection unlocked")
EOF

# the bundle first: the source tree's last test locks the collection for good (it
# cannot be unlocked again without gnome-keyring's prompt)
if [ -n "$dist" ]; then
    echo "keyring-test: the bundle, $dist/kcp-desk selfcheck --expect-keyring SecretService"
    # the bundle alone: no venv on PATH, no source tree on the import path; selfcheck
    # exits 1 unless the bundle's keyring (entry points, secretstorage, jeepney) finds
    # the Secret Service usable for "remember on this workstation"
    (cd / && env PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
        "$dist/kcp-desk" selfcheck --expect-keyring SecretService)
fi

echo "keyring-test: the source tree, tests/test_real_keyring.py"
KCP_DESK_REAL_KEYRING=1 QT_QPA_PLATFORM=offscreen \
    "$python" -m pytest -q -p no:cacheprovider -m real_keyring tests/test_real_keyring.py
echo "keyring-test: remember on this workstation works with the real Secret Service"
