#!/usr/bin/env bash
# Smoke start of a built bundle, as a user's machine runs it: no .venv, no Python on
# PATH, a fresh data folder. Needs only bash and coreutils (it also runs inside a clean
# debootstrap root, packaging/clean-root.sh).
#
#     packaging/smoke.sh dist/kcp-desk
#
# Steps: --help, selfcheck, demo --customers 100, audit verify, and the login window
# painted offscreen (KCP_DESK_BENCH_PAINTED) 1 + 5 times: process start -> login
# painted, the median of the 5 after a warm-up run. Exits non-zero on any failure.
# The commands run under LANG=C.UTF-8, the login window in German (LANG=de_DE.UTF-8,
# which Qt reads without a generated glibc locale): its title must be "… Anmelden".
# KCP_SMOKE_RUNS (default 5) and KCP_SMOKE_LANG (default de_DE.UTF-8) change the runs
# and the login window's locale.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR (the folder with the kcp-desk executable)" >&2; exit 2; }
DIST=$(cd "$1" && pwd)
EXE=$DIST/kcp-desk
[ -x "$EXE" ] || { echo "smoke.sh: no executable $EXE" >&2; exit 2; }
RUNS=${KCP_SMOKE_RUNS:-5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kcp-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/data"
LOG=$WORK/out.log

# What a user's session has, and nothing of the build: a plain PATH (no .venv), a home
# of its own, the desk's data in a fresh folder, no display (offscreen).
run() {
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 \
        XDG_RUNTIME_DIR="$WORK/home" KCP_DESK_DATA_DIR="$WORK/data" QT_QPA_PLATFORM=offscreen \
        "$@"
}

step() {
    local name=$1; shift
    local t0=$SECONDS
    local rc=0
    run timeout 300 "$@" >"$LOG" 2>&1 || rc=$?
    if [ "$rc" != 0 ]; then
        echo "smoke: FAILED at '$name' (exit code $rc; output follows)" >&2
        tail -n 40 "$LOG" >&2
        exit 1
    fi
    echo "smoke: $name: ok ($((SECONDS - t0)) s)"
}

echo "smoke: bundle $DIST"
if run sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
    echo "smoke: note: a system Python is on PATH ($(run sh -c 'command -v python3 || command -v python')); the bundle must not use it"
fi
step "--help" "$EXE" --help
grep -q "selfcheck" "$LOG" || { echo "smoke: FAILED: --help does not list the commands" >&2; cat "$LOG" >&2; exit 1; }
step "selfcheck" "$EXE" selfcheck
{ grep -E "^(ok|FAIL) " "$LOG" || true; } | sed 's/^/smoke:   /'
step "demo --customers 100" "$EXE" demo --customers 100
step "audit verify" "$EXE" audit verify
{ grep "Audit log OK" "$LOG" || true; } | sed 's/^/smoke:   /'

# process start -> "kcp-desk: login window painted: <title>" on stdout (ms)
painted() {
    local start end line title="" pid
    start=$(date +%s%N)
    exec 3< <(run timeout 60 env KCP_DESK_BENCH_PAINTED=1 LANG="$PAINT_LANG" "$EXE" \
        2>>"$WORK/painted.err")
    pid=$!
    while IFS= read -r line <&3; do
        case $line in
            *"login window painted"*) end=$(date +%s%N); title=${line#*painted: }; break ;;
        esac
    done
    exec 3<&-
    wait "$pid" 2>/dev/null || true
    if [ -z "${end:-}" ]; then
        echo "smoke: FAILED: the login window was not painted; stderr follows" >&2
        tail -n 40 "$WORK/painted.err" >&2
        exit 1
    fi
    PAINTED_MS=$(( (end - start) / 1000000 ))
    PAINTED_TITLE=$title
}

PAINT_LANG=${KCP_SMOKE_LANG:-de_DE.UTF-8}
painted  # warm-up: the first run reads the bundle from disk
samples=()
for _ in $(seq "$RUNS"); do
    painted
    samples+=("$PAINTED_MS")
done
sorted=$(printf '%s\n' "${samples[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "smoke: login window painted offscreen ($PAINT_LANG): \"$PAINTED_TITLE\""
case $PAINT_LANG:$PAINTED_TITLE in
    de*:*Anmelden* | [!d]*:* | d[!e]*:*) ;;
    *) echo "smoke: FAILED: the login window is not German under $PAINT_LANG" >&2; exit 1 ;;
esac
echo "smoke: process start -> login painted: median ${median} ms of $RUNS runs (${sorted% }) after a warm-up"
echo "smoke: the bundle starts and works"
