#!/usr/bin/env bash
# The yearly values of the indicators (issue 7, "Speed"; docs/decisions/0008) on SQLite and on
# PostgreSQL side by side: GET /api/v1/indicators/values for every indicator over ten years and
# every unit (by today's 34 and by the 63 former ones), the exports alone, a provincial officer's
# view, and a round's completeness, over real HTTP, one user at a time (wrk -t1 -c1), with
# p50/p95/p99. Prints figures and whether each target is met; never fails on a figure.
#
#   bash bench/indicators_bench.sh [path/to/ngoaivu]     (default build/release/ngoaivu)
#   SCALE=1 BENCH_DURATION=2 bash bench/indicators_bench.sh   (smoke run)
#
# Each backend gets a fresh database: `ngoaivu init`, then `ngoaivu demo --seed 1 --scale SCALE`
# (the indicators' demo data: 2016-2025, the 63 units before 1 July 2025 and the 34 after; SCALE
# K adds K-1 sets of four quarterly per-sector export indicators, so that the value rows are
# about K times a real country's), API tokens for demo-mofa (every province) and demo-officer-01
# (Hà Nội); both servers run at once and the load alternates between them.
#
# PostgreSQL: the admin URL in NGOAIVU_TEST_POSTGRES (a role that may CREATE DATABASE). When it is
# unset, the script runs itself again under scripts/pg_test_cluster.sh (a throw-away cluster,
# Unix socket only, fsync=off). BENCH_BACKENDS=sqlite skips PostgreSQL.
#
# Environment (all optional):
#   SCALE            demo scale (default 10)
#   BENCH_DURATION   seconds per wrk run (default 5)
#   BENCH_WARMUP     seconds of unrecorded load before each run (default 1; 0 = none)
#   BENCH_THREADS    ngoaivu --threads (default 2)
#   BENCH_BACKENDS   "sqlite postgres" (default) or "sqlite"
#   BENCH_LOG_FILE   ngoaivu --log-file (default /dev/null)
#
# Target (issue 7): a dashboard's figures for ten years at ten times the real volume under 200 ms
# at p95; the yearly values of every indicator × 10 years × every unit (what a dashboard reads)
# are held to 50 ms here, well inside it.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=indicators_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
BIN=${1:-$ROOT/build/release/ngoaivu}
SCALE=${SCALE:-10}
DURATION=${BENCH_DURATION:-5s}
WARMUP=${BENCH_WARMUP:-1}
THREADS=${BENCH_THREADS:-2}
LOG_FILE=${BENCH_LOG_FILE:-/dev/null}
read -r -a BACKENDS <<<"${BENCH_BACKENDS:-sqlite postgres}"
parse_duration
check_whole_numbers SCALE WARMUP THREADS
((SCALE >= 1)) || die "SCALE must be at least 1"
WRK_THREADS=1
CONNECTIONS=1
LUA=$ROOT/bench/wrk_percentiles.lua
VALUES_TARGET_MS=50
DASHBOARD_TARGET_MS=200

# What is measured: path, who, target in ms.
CASE_PATH=() CASE_WHO=() CASE_TARGET=()
add_case() {
    CASE_PATH+=("$1")
    CASE_WHO+=("$2")
    CASE_TARGET+=("$3")
}
add_case "/api/v1/indicators/values?from_year=2016&to_year=2025" mofa "$VALUES_TARGET_MS"
add_case "/api/v1/indicators/values?from_year=2016&to_year=2025&by=old" mofa "$VALUES_TARGET_MS"
add_case "/api/v1/indicators/values?codes=exports,imports&from_year=2016&to_year=2025" mofa \
    "$VALUES_TARGET_MS"
add_case "/api/v1/indicators/values?from_year=2016&to_year=2025" officer "$VALUES_TARGET_MS"
add_case "/api/v1/indicators/values?from_year=2023&to_year=2025&drafts=1" mofa "$DASHBOARD_TARGET_MS"
add_case "/api/v1/indicator-rounds/50/completeness" mofa "$DASHBOARD_TARGET_MS"

[[ -x $BIN ]] || die "no executable at $BIN (build with: cmake --build --preset release)"
BIN=$(readlink -f "$BIN")
for tool in wrk curl awk; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian packages: wrk curl)"
done
[[ -r $LUA ]] || die "bench/wrk_percentiles.lua is missing"
check_backends
# No PostgreSQL given: run again inside a throw-away cluster, which sets NGOAIVU_TEST_POSTGRES.
pg_cluster_reexec "$(readlink -f "${BASH_SOURCE[0]}")" "$BIN"

setup_work_and_database indicators bench_ind

echo "== ngoaivu indicators benchmark: $BIN"
echo "   work dir $WORK; demo scale $SCALE; wrk -t1 -c1 -d$DURATION, warm-up ${WARMUP}s per run"
LOAD_BEFORE=$(load_average)

declare -A DB_OF PORT_OF TOKEN_OF
DB_OF[sqlite]=$WORK/indicators.db
PG_VERSION=""
if ((WITH_PG)); then
    pg_create_database
    DB_OF[postgres]=$PG_URL
fi

# 1. The databases.
for b in "${BACKENDS[@]}"; do
    now_us
    t0=$NOW_US
    logged "$BIN" init --db "${DB_OF[$b]}"
    logged "$BIN" demo --db "${DB_OF[$b]}" --seed 1 --scale "$SCALE"
    TOKEN_OF[$b,mofa]=$(api_token "${DB_OF[$b]}" demo-mofa)
    TOKEN_OF[$b,officer]=$(api_token "${DB_OF[$b]}" demo-officer-01)
    echo "   $b: init + demo --seed 1 --scale $SCALE: $(seconds_since "$t0") s"
done
if [[ -f ${DB_OF[sqlite]} ]] && command -v sqlite3 >/dev/null; then
    read -r N_IND N_ROUNDS N_SUB N_VAL < <(sqlite3 -separator ' ' "${DB_OF[sqlite]}" "
        SELECT (SELECT count(*) FROM indicator), (SELECT count(*) FROM indicator_round),
               (SELECT count(*) FROM indicator_submission), (SELECT count(*) FROM indicator_value)")
    echo "   $N_IND indicators, $N_ROUNDS rounds, $N_SUB data sets, $N_VAL values (SQLite)"
fi

# 2. The servers, each on its own port.
for b in "${BACKENDS[@]}"; do
    start_serve "${DB_OF[$b]}"
    PORT_OF[$b]=$PORT
done

# 3. Every case must answer 200 on every backend before it is loaded.
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    for b in "${BACKENDS[@]}"; do
        PORT=${PORT_OF[$b]}
        expect_ok "${CASE_PATH[i]}" "${TOKEN_OF[$b,${CASE_WHO[i]}]}" "${CASE_WHO[i]} on $b"
        items=$(grep -o '"code":' "$WORK/body" | wc -l)
        printf '   %-78s %-8s %-8s %9d bytes (%d items)\n' "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$b" \
            "$(wc -c <"$WORK/body")" "$items"
    done
done

# 4. Load: one connection, one thread, per case and backend.
measure_cases
LOAD_AFTER=$(load_average)

# 5. The table.
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "ngoaivu indicators benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU)"
echo "demo --seed 1 --scale $SCALE${N_VAL:+: $N_IND indicators, $N_VAL values}; backends:" \
    "${BACKENDS[*]}${PG_VERSION:+ (PostgreSQL $PG_VERSION, fsync off)}; ngoaivu --threads $THREADS"
echo "wrk -t1 -c1 -d$DURATION per row (one user), after ${WARMUP}s of warm-up; mofa = demo-mofa" \
    "(every province), officer = demo-officer-01 (2001 Hà Nội); ratio = PostgreSQL p95 / SQLite p95"
echo "$LOAD_BEFORE before, $LOAD_AFTER after"
echo
print_backend_table
exit 0
