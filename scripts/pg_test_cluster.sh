#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite, owned by this run: not the system's default
# cluster, no TCP port (a Unix socket in its own temporary folder), removed afterwards.
#
#   scripts/pg_test_cluster.sh run COMMAND [ARG...]
#
# starts the cluster, runs COMMAND with NGOAIVU_TEST_POSTGRES set to the cluster's admin URL, then
# stops and removes the cluster whether COMMAND passed, failed or was interrupted, and exits with
# COMMAND's status. Durability is switched off (fsync=off): the cluster holds test data only.
set -euo pipefail

if [[ "${1:-}" != run || $# -lt 2 ]]; then
    echo "usage: $0 run COMMAND [ARG...]" >&2
    exit 2
fi
shift

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "PostgreSQL server not found under /usr/lib/postgresql: run scripts/setup.sh" >&2
    exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-pg-XXXXXX")
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
    # initdb refuses to run as root; the cluster belongs to Debian's postgres account.
    chown postgres: "$dir"
    as_owner=(runuser -u postgres --)
fi

stop() {
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
    "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off \
     -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }

export NGOAIVU_TEST_POSTGRES="postgresql://postgres@/postgres?host=$dir"
echo "PostgreSQL test cluster: $NGOAIVU_TEST_POSTGRES ($("$bin/postgres" --version))"
status=0
"$@" || status=$?
exit "$status"
