#!/usr/bin/env bash
# The dashboards and the national review report on SQLite (issue 7, "Speed"): demo data at
# `--scale 10` (ten times a real country's volume; the demo spans about ten years), then the
# national dashboard (JSON and page) for a ten-year span, one province's dashboard, and the
# review report for a three-year period (JSON, page, XLSX, DOCX) over real HTTP, one user at a
# time (wrk -t1 -c1), with p50/p95/p99. Prints figures and whether each target is met; never fails
# on a figure.
#
#   bash bench/reports_bench.sh [path/to/ngoaivu]     (default build/release/ngoaivu)
#   SCALE=1 bash bench/reports_bench.sh               (smoke run)
#
# Steps: a fresh SQLite database in a temporary folder (`ngoaivu init`, `ngoaivu demo --seed 1
# --scale $SCALE`), ANALYZE; API tokens for demo-mofa (every province) and demo-officer-01 (Hà
# Nội, 2001 with 1001); `ngoaivu serve`; each path checked for 200 with curl; then per path and
# user: a warm-up, and wrk for BENCH_DURATION with bench/wrk_percentiles.lua. The shared functions
# are in bench/lib.sh. The indicator figures come from the application's FigureSource (the
# indicators module's approved values): what the demo data holds of them is what is read.
#
# Environment (all optional):
#   SCALE            ngoaivu demo --scale (default 10)
#   REPORTS_DB       keep the database at this path; when the file exists it is reused as it is
#   REVIEW_FROM      first day of the review's three years (default 2022-12-19)
#   REVIEW_TO        last day (default 2025-12-18)
#   DASH_FROM_YEAR   first year of the dashboards (default 2016), DASH_TO_YEAR (default 2025)
#   BENCH_DURATION   seconds per wrk run (default 10 at scale 10 or more, 2 below)
#   BENCH_WARMUP     seconds of unrecorded load before each run (default 1; 0 = none)
#   BENCH_THREADS    ngoaivu --threads (default 2)
#   BENCH_LOG_FILE   ngoaivu --log-file (default /dev/null)
#
# Target (decision 0008): any dashboard for a ten-year span and the review report for a
# three-year period under 200 ms at p95 at scale 10. The XLSX and DOCX downloads are printed
# against the same bound.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=reports_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
DEFAULT_BIN=$ROOT/build/release/ngoaivu
BIN=${1:-$DEFAULT_BIN}
SCALE=${SCALE:-10}
KEEP_DB=${REPORTS_DB:-}
REVIEW_FROM=${REVIEW_FROM:-2022-12-19}
REVIEW_TO=${REVIEW_TO:-2025-12-18}
DASH_FROM_YEAR=${DASH_FROM_YEAR:-2016}
DASH_TO_YEAR=${DASH_TO_YEAR:-2025}
WARMUP=${BENCH_WARMUP:-1}
THREADS=${BENCH_THREADS:-2}
LOG_FILE=${BENCH_LOG_FILE:-/dev/null}
FULL_SCALE=10
check_whole_numbers SCALE WARMUP THREADS DASH_FROM_YEAR DASH_TO_YEAR
((SCALE >= 1)) || die "SCALE must be at least 1"
for d in "$REVIEW_FROM" "$REVIEW_TO"; do
    [[ $d =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "REVIEW_FROM and REVIEW_TO must be yyyy-mm-dd"
done
if ((SCALE >= FULL_SCALE)); then DURATION=${BENCH_DURATION:-10s}; else DURATION=${BENCH_DURATION:-2s}; fi
parse_duration
WRK_THREADS=1
CONNECTIONS=1
LUA=$ROOT/bench/wrk_percentiles.lua
TARGET_MS=200

REVIEW="from=$REVIEW_FROM&to=$REVIEW_TO&compare_year=2013"
DASH="from_year=$DASH_FROM_YEAR&to_year=$DASH_TO_YEAR"
# What is measured: path, who (mofa: every province; officer: demo-officer-01).
CASE_PATH=() CASE_WHO=()
add_case() {
    CASE_PATH+=("$1")
    CASE_WHO+=("$2")
}
add_case "/api/v1/dashboard?$DASH" mofa
add_case "/api/v1/dashboard?$DASH&generation=1" mofa
add_case "/dashboard?$DASH" mofa
add_case "/api/v1/dashboard/province/2001?$DASH" mofa
add_case "/api/v1/dashboard?$DASH" officer
add_case "/api/v1/reports/review?$REVIEW" mofa
add_case "/api/v1/reports/review?$REVIEW&generation=1" mofa
add_case "/reports/review?$REVIEW" mofa
add_case "/api/v1/reports/review?$REVIEW" officer
add_case "/api/v1/reports/review?$REVIEW&format=xlsx" mofa
add_case "/api/v1/reports/review?$REVIEW&format=docx" mofa

# The binary: built when the default one is absent (the release preset, as `make bench` does).
if [[ ! -x $BIN && $BIN == "$DEFAULT_BIN" ]]; then
    echo "reports_bench: no $BIN; building it (release preset, target ngoaivu)"
    (cd "$ROOT" && { [[ -f build/release/build.ninja ]] || cmake --preset release; } &&
        cmake --build --preset release --target ngoaivu -j2) || die "the release build failed"
fi
[[ -x $BIN ]] || die "no executable at $BIN (build with: cmake --build --preset release)"
BIN=$(readlink -f "$BIN")
for tool in wrk curl sqlite3 awk; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian packages: wrk curl sqlite3)"
done
[[ -r $LUA ]] || die "bench/wrk_percentiles.lua is missing"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-reports-bench.XXXXXX")
STARTED_PIDS=()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== ngoaivu reports benchmark: $BIN"
echo "   work dir $WORK; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, warm-up ${WARMUP}s per run"
LOAD_BEFORE=$(load_average)
echo "   $LOAD_BEFORE"

# 0. The server's "vi" collation for the sqlite3 CLI (ANALYZE reads indexes that use it).
build_vi_collation

# 1. The database.
if [[ -n $KEEP_DB && -f $KEEP_DB ]]; then
    DB=$KEEP_DB
    echo "   reusing $DB as it is (REPORTS_DB; SCALE is not applied)"
else
    DB=${KEEP_DB:-$WORK/reports.db}
    now_us
    t0=$NOW_US
    logged "$BIN" init --db "$DB"
    logged "$BIN" demo --db "$DB" --seed 1 --scale "$SCALE"
    { echo "$LOAD_VI"; echo "ANALYZE;"; } | logged sqlite3 -bail "$DB"
    echo "   init + demo --seed 1 --scale $SCALE + ANALYZE: $(seconds_since "$t0") s"
fi
read -r N_AGR N_DEL N_EV N_AGR_P N_DEL_P N_EV_P < <(sqlite3 -separator ' ' "$DB" "
    SELECT (SELECT count(*) FROM agreement), (SELECT count(*) FROM delegation),
           (SELECT count(*) FROM event),
           (SELECT count(*) FROM agreement WHERE signed_on BETWEEN '$REVIEW_FROM' AND '$REVIEW_TO'),
           (SELECT count(*) FROM delegation WHERE starts_on BETWEEN '$REVIEW_FROM' AND '$REVIEW_TO'),
           (SELECT count(*) FROM event WHERE starts_on BETWEEN '$REVIEW_FROM' AND '$REVIEW_TO')")
DB_MB=$(du -m "$DB" | awk '{ print $1 }')
echo "   $N_AGR agreements, $N_DEL delegations, $N_EV events, ${DB_MB} MB; in" \
    "$REVIEW_FROM..$REVIEW_TO: $N_AGR_P agreements signed or not, $N_DEL_P delegations, $N_EV_P events"

declare -A TOKEN_OF LOGIN_OF
LOGIN_OF[mofa]=demo-mofa
LOGIN_OF[officer]=demo-officer-01
for who in mofa officer; do
    TOKEN_OF[$who]=$(api_token "$DB" "${LOGIN_OF[$who]}")
done

# 2. The server.
start_serve "$DB"

# 3. Every case must answer 200 before it is loaded.
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    who=${CASE_WHO[i]}
    expect_ok "${CASE_PATH[i]}" "${TOKEN_OF[$who]}" "${LOGIN_OF[$who]}"
    signed=$(sed -n 's/.*"signed":\([0-9][0-9]*\).*/\1/p' "$WORK/body" | head -1)
    printf '   %-78s %-8s %9d bytes%s\n' "${CASE_PATH[i]}" "$who" "$(wc -c <"$WORK/body")" \
        "${signed:+ ($signed agreements signed)}"
done

# 4. Load: one connection, one thread, per case.
declare -a R_RPS R_P50 R_P95 R_P99 R_ERR
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    path=${CASE_PATH[i]}
    token=${TOKEN_OF[${CASE_WHO[i]}]}
    ((WARMUP == 0)) || wrk_lua "$path" "$token" "$WARMUP"
    wrk_lua "$path" "$token" "$DURATION_S"
    R_RPS[i]=$RPS R_P50[i]=$P50_MS R_P95[i]=$P95_MS R_P99[i]=$P99_MS R_ERR[i]=$ERRORS
    printf '   %-78s %-8s %7s req/s  p95 %8s ms\n' "$path" "${CASE_WHO[i]}" "$RPS" "$P95_MS"
done
LOAD_AFTER=$(load_average)
RSS=$(rss_mb "$SERVER_PID")

# 5. The table.
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "ngoaivu reports benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU)"
echo "SQLite $(sqlite3 --version | awk '{ print $1 }') (CLI), demo --scale $SCALE: $N_AGR agreements," \
    "$N_DEL delegations, $N_EV events, ${DB_MB} MB; ngoaivu --threads $THREADS, RSS ${RSS} MB after"
echo "wrk -t1 -c1 -d$DURATION per row (one user), after ${WARMUP}s of warm-up; mofa = demo-mofa" \
    "(every province), officer = demo-officer-01 (2001 Hà Nội)"
echo "$LOAD_BEFORE before, $LOAD_AFTER after"
((SCALE >= FULL_SCALE)) || echo "NOTE: the target is for --scale $FULL_SCALE; this run has --scale $SCALE"
echo
printf '%-78s %-8s %7s %8s %8s %8s %7s %-12s\n' endpoint who req/s "p50 ms" "p95 ms" "p99 ms" \
    errors "p95 target"
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    printf '%-78s %-8s %7s %8s %8s %8s %7s %-12s\n' "${CASE_PATH[i]}" "${CASE_WHO[i]}" \
        "${R_RPS[i]}" "${R_P50[i]}" "${R_P95[i]}" "${R_P99[i]}" "${R_ERR[i]}" \
        "< $TARGET_MS ms: $(verdict "${R_P95[i]}" "<" "$TARGET_MS")"
done
exit 0
