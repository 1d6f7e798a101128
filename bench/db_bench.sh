#!/usr/bin/env bash
# Database benchmark: the same ngoaivu server on SQLite and on PostgreSQL, side by side in one run,
# over real HTTP with wrk, on endpoints that query the database.
#
#   bench/db_bench.sh [path/to/ngoaivu]        (default: build/release/ngoaivu; builds nothing)
#
# PostgreSQL: the admin URL in NGOAIVU_TEST_POSTGRES (a role that may CREATE DATABASE). When it is
# unset, the script runs itself again under scripts/pg_test_cluster.sh, which starts a throw-away
# PostgreSQL cluster (Unix socket only, fsync=off) and removes it afterwards.
#
# Environment (all optional):
#   BENCH_DURATION         seconds per wrk run, "10" or "10s" (default 10s)
#   BENCH_CONNECTIONS      wrk connections (default 64); wrk always uses 2 threads
#   BENCH_ROUNDS           rounds per backend and endpoint, alternating backends (default 2)
#   BENCH_WARMUP           seconds of unrecorded load per backend and endpoint first (default 2)
#   BENCH_THREADS          ngoaivu --threads (default 2)
#   BENCH_DB_POOL          ngoaivu --db-pool for both servers (default: the server's default)
#   BENCH_HANDLER_THREADS  ngoaivu --handler-threads for both servers (default: the server's
#                          automatic choice: the pool size on PostgreSQL, none on SQLite)
#   BENCH_LOG_FILE         ngoaivu --log-file (default /dev/null)
#   BENCH_ENDPOINTS        space-separated paths to load instead of the default five
#
# Each backend gets a fresh database: `ngoaivu init`, then `ngoaivu demo --seed 1 --scale 1`, and
# an API token for demo-admin (an administrator, so that /api/v1/users and /api/v1/audit answer),
# sent by curl and wrk as "Authorization: Bearer ...". Tokens are cached 10 s per server process,
# so most requests do not query the database to authenticate, as in production.
#
# Everything runs on 127.0.0.1 on ports picked here; the SQLite file lives in a temporary folder,
# the PostgreSQL database is bench_PID; both are removed on exit (as are both servers). Prints
# figures and whether the target is met; always exits 0 once the servers have run.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=db_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
BIN=${1:-$ROOT/build/release/ngoaivu}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
ROUNDS=${BENCH_ROUNDS:-2}
WARMUP=${BENCH_WARMUP:-2}
THREADS=${BENCH_THREADS:-2}
DB_POOL=${BENCH_DB_POOL:-}
HANDLER_THREADS=${BENCH_HANDLER_THREADS:-}
LOG_FILE=${BENCH_LOG_FILE:-/dev/null}
WRK_THREADS=2
BACKENDS=(sqlite postgres)
# Single-record reads: a country runs one SELECT; a province is served from memory (the
# Foundation's API benchmark, the same request as http_bench.sh). Then the heaviest list page of
# each module (per_page is the paging parameter; at most 200).
SINGLE_ENDPOINTS=(/api/v1/countries/KR /api/v1/provinces/79)
LIST_ENDPOINTS=("/api/v1/audit?per_page=100" "/api/v1/users?per_page=100"
    "/api/v1/countries?per_page=100")
if [[ -n ${BENCH_ENDPOINTS:-} ]]; then
    read -r -a ENDPOINTS <<<"$BENCH_ENDPOINTS"
else
    ENDPOINTS=("${SINGLE_ENDPOINTS[@]}" "${LIST_ENDPOINTS[@]}")
fi

# Target: PostgreSQL within 2x of SQLite for single-record reads at 64 connections.
TARGET_CONNECTIONS=64
TARGET_RPS_RATIO=0.5  # PostgreSQL req/s >= 0.5 x SQLite req/s
TARGET_P99_RATIO=2    # PostgreSQL p99 <= 2 x SQLite p99

parse_duration
check_whole_numbers CONNECTIONS ROUNDS WARMUP THREADS
[[ -z $DB_POOL ]] || check_whole_numbers DB_POOL
[[ -z $HANDLER_THREADS ]] || check_whole_numbers HANDLER_THREADS
((ROUNDS >= 1)) || die "BENCH_ROUNDS must be at least 1"
((${#ENDPOINTS[@]} >= 1)) || die "BENCH_ENDPOINTS names no path"
for ep in "${ENDPOINTS[@]}"; do
    [[ $ep == /* ]] || die "endpoints are paths starting with / (got \"$ep\")"
done
[[ -x $BIN ]] || die "no executable at $BIN (build with: cmake --build --preset release)"
BIN=$(readlink -f "$BIN")
for tool in wrk curl psql awk; do
    command -v "$tool" >/dev/null ||
        die "$tool not found (Debian packages: wrk curl postgresql-client; or scripts/setup.sh)"
done

# No PostgreSQL given: run again inside a throw-away cluster, which sets NGOAIVU_TEST_POSTGRES.
if [[ -z ${NGOAIVU_TEST_POSTGRES:-} ]]; then
    echo "db_bench: NGOAIVU_TEST_POSTGRES is not set; starting a throw-away cluster" \
        "(scripts/pg_test_cluster.sh)"
    exec {NAP_FD}<&-
    exec bash "$ROOT/scripts/pg_test_cluster.sh" run \
        bash "$(readlink -f "${BASH_SOURCE[0]}")" "$BIN"
fi
ADMIN_URL=$NGOAIVU_TEST_POSTGRES
[[ $ADMIN_URL =~ ^postgres(ql)?:// ]] ||
    die "NGOAIVU_TEST_POSTGRES must be a postgresql:// URL (got \"$ADMIN_URL\")"

# Extra `ngoaivu serve` options for both servers.
SERVE_OPTS=()
[[ -z $DB_POOL ]] || SERVE_OPTS+=(--db-pool "$DB_POOL")
if [[ -n $HANDLER_THREADS ]]; then
    "$BIN" serve --help 2>&1 | grep -q -- --handler-threads ||
        die "BENCH_HANDLER_THREADS is set but this ngoaivu has no --handler-threads option"
    SERVE_OPTS+=(--handler-threads "$HANDLER_THREADS")
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-db-bench.XXXXXX")
PG_DBNAME=bench_$$
PG_CREATED=0
STARTED_PIDS=()

# Drops the PostgreSQL database once the servers have stopped (cleanup calls it).
# shellcheck disable=SC2317  # called by cleanup
bench_cleanup() {
    ((PG_CREATED)) || return 0
    psql -X -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DBNAME WITH (FORCE)" >/dev/null 2>&1 ||
        echo "db_bench: could not drop database $PG_DBNAME" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PG_VERSION=$(psql -X -A -t -q "$ADMIN_URL" -c "SHOW server_version") ||
    die "cannot connect to PostgreSQL at $ADMIN_URL"
PG_FSYNC=$(psql -X -A -t -q "$ADMIN_URL" -c "SHOW fsync")
echo "== ngoaivu database benchmark: $BIN"
echo "   work dir $WORK; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds"

# 1. One database per backend: init, demo data, a token for demo-admin.
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "CREATE DATABASE $PG_DBNAME" >"$WORK/psql.log" 2>&1 || {
    cat "$WORK/psql.log" >&2
    die "CREATE DATABASE $PG_DBNAME failed"
}
PG_CREATED=1
declare -A DB_OF PORT_OF PID_OF TOKEN_OF START_MS_OF RSS_START_OF
DB_OF[sqlite]=$WORK/bench.db
DB_OF[postgres]=$(url_with_database "$ADMIN_URL" "$PG_DBNAME")
echo "   sqlite: ${DB_OF[sqlite]}"
echo "   postgres: ${DB_OF[postgres]} (PostgreSQL $PG_VERSION)"

for b in "${BACKENDS[@]}"; do
    log=$WORK/setup-$b.log
    now_us
    t0=$NOW_US
    "$BIN" init --db "${DB_OF[$b]}" >"$log" 2>&1 || {
        cat "$log" >&2
        die "ngoaivu init failed on $b"
    }
    init_s=$(seconds_since "$t0")
    now_us
    t0=$NOW_US
    "$BIN" demo --db "${DB_OF[$b]}" --seed 1 --scale 1 >>"$log" 2>&1 || {
        cat "$log" >&2
        die "ngoaivu demo failed on $b"
    }
    demo_s=$(seconds_since "$t0")
    TOKEN_OF[$b]=$("$BIN" user token --db "${DB_OF[$b]}" --login demo-admin --name bench \
        2>>"$log" | awk '/^nvt_/ { t = $0 } END { print t }')
    [[ ${TOKEN_OF[$b]} =~ ^nvt_[A-Za-z0-9_-]+$ ]] || {
        cat "$log" >&2
        die "ngoaivu user token printed no nvt_ token on $b"
    }
    echo "   $b: init ${init_s} s, demo --seed 1 --scale 1 ${demo_s} s, token for demo-admin"
done

# 2. Both servers, each on its own port (they run at once; the load alternates between them).
for b in "${BACKENDS[@]}"; do
    PORT_OF[$b]=$(pick_port)
    now_us
    t0=$NOW_US
    "$BIN" serve --db "${DB_OF[$b]}" --listen "127.0.0.1:${PORT_OF[$b]}" --threads "$THREADS" \
        --log-file "$LOG_FILE" "${SERVE_OPTS[@]}" 2>>"$WORK/serve-$b.log" &
    PID_OF[$b]=$!
    STARTED_PIDS+=("${PID_OF[$b]}")
    wait_ready "${PORT_OF[$b]}" "${PID_OF[$b]}" "$t0" || {
        cat "$WORK/serve-$b.log" >&2
        die "ngoaivu serve on $b did not answer /healthz within 10 s"
    }
    START_MS_OF[$b]=$(awk -v u="$READY_US" 'BEGIN { printf "%.1f", u / 1000 }')
done

# 3. Every endpoint must answer 200 on both servers before it is loaded.
for ep in "${ENDPOINTS[@]}"; do
    line=$(printf '   %-32s' "$ep")
    for b in "${BACKENDS[@]}"; do
        body=$WORK/body-$b
        code=$(curl -sS -o "$body" -w '%{http_code}' \
            -H "Authorization: Bearer ${TOKEN_OF[$b]}" \
            "http://127.0.0.1:${PORT_OF[$b]}$ep" 2>"$WORK/curl.log") || code="curl failed"
        if [[ $code != 200 ]]; then
            cat "$WORK/curl.log" >&2
            [[ -s $body ]] && head -c 400 "$body" >&2 && echo >&2
            die "GET $ep on the $b server answered $code, not 200: fix the path or the data"
        fi
        total=$(sed -n 's/.*"total":\([0-9][0-9]*\).*/\1/p' "$body")
        line+=$(printf ' %s %7d bytes' "$b" "$(wc -c <"$body")")
        [[ -n $total ]] && line+=" (total $total)"
        line+=";"
    done
    echo "${line%;}"
done
nap 1
for b in "${BACKENDS[@]}"; do
    RSS_START_OF[$b]=$(rss_mb "${PID_OF[$b]}")
done

# 4. Load, alternating backends.
# Runs wrk for $3 seconds against backend $1, endpoint $2; sets RPS, P50_MS, P99_MS, ERRORS.
run_wrk() {
    wrk_load "$3" "http://127.0.0.1:${PORT_OF[$1]}$2" -H "Authorization: Bearer ${TOKEN_OF[$1]}"
}

if ((WARMUP > 0)); then
    for ep in "${ENDPOINTS[@]}"; do
        for b in "${BACKENDS[@]}"; do
            run_wrk "$b" "$ep" "$WARMUP"
        done
    done
    echo "   warm-up: ${WARMUP}s per backend and endpoint (not recorded)"
fi

declare -A RPS_OF P50_OF P99_OF ERR_OF
for ((r = 1; r <= ROUNDS; r++)); do
    for ep in "${ENDPOINTS[@]}"; do
        for b in "${BACKENDS[@]}"; do
            run_wrk "$b" "$ep" "$DURATION_S"
            RPS_OF[$b,$ep,$r]=$RPS
            P50_OF[$b,$ep,$r]=$P50_MS
            P99_OF[$b,$ep,$r]=$P99_MS
            ERR_OF[$b,$ep,$r]=$ERRORS
            printf '   round %d  %-8s %-32s %8s req/s  p50 %7s ms  p99 %8s ms  errors %s\n' \
                "$r" "$b" "$ep" "$RPS" "$P50_MS" "$P99_MS" "$ERRORS"
        done
    done
done

# 5. Memory after the load (connections closed, one second of rest), and PostgreSQL's side:
# its backends' private memory (RssAnon; VmRSS would count the shared buffers once per backend).
nap 1
declare -A RSS_AFTER_OF HWM_OF
for b in "${BACKENDS[@]}"; do
    RSS_AFTER_OF[$b]=$(rss_mb "${PID_OF[$b]}")
    HWM_OF[$b]=$(rss_mb "${PID_OF[$b]}" VmHWM)
done
PG_PIDS=$(psql -X -A -t -q "$ADMIN_URL" \
    -c "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DBNAME'" 2>/dev/null || true)
PG_CONNS=0
PG_RSS_KB=0
for p in $PG_PIDS; do
    PG_CONNS=$((PG_CONNS + 1))
    kb=$(awk '$1 == "RssAnon:" { print $2 }' "/proc/$p/status" 2>/dev/null || true)
    PG_RSS_KB=$((PG_RSS_KB + ${kb:-0}))
done

# 6. The table.
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "ngoaivu database benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU)"
echo "ngoaivu $("$BIN" --version 2>/dev/null | head -n 1): SQLite file (WAL) vs PostgreSQL $PG_VERSION" \
    "(fsync=$PG_FSYNC) on the same machine"
echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency; $ROUNDS rounds alternating" \
    "backends; ngoaivu --threads $THREADS${SERVE_OPTS[*]:+ ${SERVE_OPTS[*]}}"
echo "req/s: mean of the rounds; p50, p99: the worse round; ratios: PostgreSQL / SQLite"
echo
printf '%-32s %-8s %8s %8s %8s %11s %10s %7s\n' endpoint backend req/s "p50 ms" "p99 ms" \
    "ratio req/s" "ratio p99" errors
declare -A RPS_RATIO P99_RATIO
for ep in "${ENDPOINTS[@]}"; do
    for b in "${BACKENDS[@]}"; do
        rps=$(mean_rps "$b" "$ep")
        p99=$(worst_p99 "$b" "$ep")
        rr="" pr=""
        if [[ $b == postgres ]]; then
            RPS_RATIO[$ep]=$(ratio "$rps" "$(mean_rps sqlite "$ep")")
            P99_RATIO[$ep]=$(ratio "$p99" "$(worst_p99 sqlite "$ep")")
            rr=${RPS_RATIO[$ep]}x
            pr=${P99_RATIO[$ep]}x
        fi
        printf '%-32s %-8s %8s %8s %8s %11s %10s %7s\n' "$ep" "$b" "$rps" "$(worst_p50 "$b" "$ep")" \
            "$p99" "$rr" "$pr" "$(total_errors "$b" "$ep")"
    done
done
echo
for b in "${BACKENDS[@]}"; do
    printf '%-8s ngoaivu: start-up %s ms; VmRSS %s MB idle after start, %s MB idle after the load' \
        "$b" "${START_MS_OF[$b]}" "${RSS_START_OF[$b]}" "${RSS_AFTER_OF[$b]}"
    printf ' (peak %s MB)\n' "${HWM_OF[$b]}"
done
printf 'PostgreSQL: %d backend connections to %s after the load, %s MB private memory' \
    "$PG_CONNS" "$PG_DBNAME" "$(awk -v k="$PG_RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')"
echo " (RssAnon) together, shared buffers not counted"
echo
note=""
((CONNECTIONS == TARGET_CONNECTIONS)) ||
    note=" (measured at $CONNECTIONS)"
echo "target: PostgreSQL within 2x of SQLite for single-record reads at" \
    "$TARGET_CONNECTIONS connections$note"
printf '%-56s %-10s %s\n' target figure met
shown=0
for ep in "${SINGLE_ENDPOINTS[@]}"; do
    [[ -n ${RPS_RATIO[$ep]:-} ]] || continue
    shown=1
    what=""
    [[ $ep == /api/v1/provinces/* ]] && what=" (memory)"
    printf '%-56s %-10s %s\n' "req/s >= ${TARGET_RPS_RATIO}x SQLite, $ep$what" "${RPS_RATIO[$ep]}x" \
        "$(verdict "${RPS_RATIO[$ep]}" ">=" "$TARGET_RPS_RATIO")"
    printf '%-56s %-10s %s\n' "p99 <= ${TARGET_P99_RATIO}x SQLite, $ep$what" "${P99_RATIO[$ep]}x" \
        "$(verdict "${P99_RATIO[$ep]}" "<=" "$TARGET_P99_RATIO")"
done
((shown)) || echo "(no single-record endpoint measured: BENCH_ENDPOINTS left them out)"
exit 0
