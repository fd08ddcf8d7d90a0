#!/usr/bin/env bash
# Runs a command with KCP_DESK_TEST_DATABASE_URL pointing at a PostgreSQL server.
# Uses the URL from the environment when set; otherwise starts a throwaway cluster
# on 127.0.0.1 (as the postgres user when run as root) and removes it afterwards.
set -euo pipefail

if [ -n "${KCP_DESK_TEST_DATABASE_URL:-}" ]; then
    exec "$@"
fi

bindir=""
if command -v initdb >/dev/null 2>&1; then
    bindir=$(dirname "$(readlink -f "$(command -v initdb)")")
else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL server binaries not found: install postgresql (apt-get install postgresql)" >&2
    echo "or set KCP_DESK_TEST_DATABASE_URL to a server the tests may use." >&2
    exit 1
fi

as_pg=()
if [ "$(id -u)" = 0 ]; then
    as_pg=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/kcp-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

cleanup() {
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export KCP_DESK_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
echo "throwaway PostgreSQL at 127.0.0.1:$port"
"$@"
