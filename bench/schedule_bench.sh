#!/usr/bin/env bash
# The calendar of delegations and events at national scale on SQLite (issue 6, "Speed"):
# 500,000 delegations and events, then the month of the national calendar (page and API) and the
# counts by province × year × direction × level (and the events' counts by province × year ×
# type) over real HTTP, one user at a time (wrk -t1 -c1), with p50/p95/p99. Prints figures and
# whether each target is met; never fails on a figure.
#
#   bash bench/schedule_bench.sh [path/to/ngoaivu]     (default build/release/ngoaivu)
#   ITEMS=50000 bash bench/schedule_bench.sh           (smoke run, about a minute)
#
# Steps: a fresh SQLite database in a temporary folder (`ngoaivu init`, `ngoaivu demo --seed 1
# --scale 1` for the accounts); bench/schedule_bench.sql adds ITEMS / 2 delegations and the rest
# as events in one transaction through the sqlite3 CLI (spread described at its top: provinces of
# both generations, 2015-2026, every status), then ANALYZE; API tokens for demo-mofa (every
# province) and demo-officer-01 (Hà Nội, 2001 with 1001); an iCalendar feed of demo-officer-01;
# `ngoaivu serve`; each path checked for 200 with curl; then per path and user: a warm-up, and
# wrk for BENCH_DURATION with bench/wrk_percentiles.lua (p50/p95/p99). The shared functions are
# in bench/lib.sh.
#
# Environment (all optional):
#   ITEMS            delegations and events to add, half each (default 500000)
#   SCHEDULE_DB      keep the database at this path; when the file exists it is reused as it is
#                    (no init, demo or load)
#   SCHEDULE_MONTH   the month measured (default 2025-12)
#   BENCH_DURATION   seconds per wrk run (default 10 at 500,000 items or more, 2 below)
#   BENCH_WARMUP     seconds of unrecorded load before each run (default 1; 0 = none)
#   BENCH_THREADS    ngoaivu --threads (default 2)
#   BENCH_LOG_FILE   ngoaivu --log-file (default /dev/null)
#
# Targets (issue 6), at 500,000 delegations and events: a month of the national calendar under
# 50 ms at p95 (the page and the API's month; the same bound is printed for the officer's month
# and the agenda); the counts under 100 ms at p95. The feed has no target (informative).
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=schedule_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
DEFAULT_BIN=$ROOT/build/release/ngoaivu
BIN=${1:-$DEFAULT_BIN}
ITEMS=${ITEMS:-500000}
KEEP_DB=${SCHEDULE_DB:-}
MONTH=${SCHEDULE_MONTH:-2025-12}
WARMUP=${BENCH_WARMUP:-1}
THREADS=${BENCH_THREADS:-2}
LOG_FILE=${BENCH_LOG_FILE:-/dev/null}
FULL_SIZE=500000
check_whole_numbers ITEMS WARMUP THREADS
((ITEMS >= 2)) || die "ITEMS must be at least 2"
[[ $MONTH =~ ^(20[0-9]{2})-(0[1-9]|1[0-2])$ ]] || die "SCHEDULE_MONTH must be yyyy-mm (got \"$MONTH\")"
if ((ITEMS >= FULL_SIZE)); then DURATION=${BENCH_DURATION:-10s}; else DURATION=${BENCH_DURATION:-2s}; fi
parse_duration
WRK_THREADS=1
CONNECTIONS=1
LUA=$ROOT/bench/wrk_percentiles.lua
SQL=$ROOT/bench/schedule_bench.sql
MONTH_FIRST=$MONTH-01
MONTH_LAST=$(date -d "$MONTH_FIRST +1 month -1 day" +%F)

# Targets at p95, in ms; 0 = no target.
MONTH_TARGET_MS=50
COUNTS_TARGET_MS=100

# What is measured: path, who (mofa: every province; officer: demo-officer-01), target in ms.
CASE_PATH=() CASE_WHO=() CASE_TARGET=()
add_case() {
    CASE_PATH+=("$1")
    CASE_WHO+=("$2")
    CASE_TARGET+=("$3")
}
add_case "/schedule?month=$MONTH" mofa "$MONTH_TARGET_MS"
add_case "/api/v1/schedule?from=$MONTH_FIRST&to=$MONTH_LAST" mofa "$MONTH_TARGET_MS"
add_case "/schedule?view=agenda&month=$MONTH" mofa "$MONTH_TARGET_MS"
add_case "/schedule?month=$MONTH" officer "$MONTH_TARGET_MS"
add_case "/api/v1/schedule?from=$MONTH_FIRST&to=$MONTH_LAST" officer "$MONTH_TARGET_MS"
for who in mofa officer; do
    add_case "/api/v1/delegations/counts?from_year=2015&to_year=2026" "$who" "$COUNTS_TARGET_MS"
    add_case "/api/v1/events/counts?from_year=2015&to_year=2026" "$who" "$COUNTS_TARGET_MS"
done
add_case "/schedule/feed/FEED.ics" officer 0

# The binary: built when the default one is absent (the release preset, as `make bench` does).
if [[ ! -x $BIN && $BIN == "$DEFAULT_BIN" ]]; then
    echo "schedule_bench: no $BIN; building it (release preset, target ngoaivu)"
    (cd "$ROOT" && { [[ -f build/release/build.ninja ]] || cmake --preset release; } &&
        cmake --build --preset release --target ngoaivu -j2) || die "the release build failed"
fi
[[ -x $BIN ]] || die "no executable at $BIN (build with: cmake --build --preset release)"
BIN=$(readlink -f "$BIN")
for tool in wrk curl sqlite3 awk; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian packages: wrk curl sqlite3)"
done
[[ -r $LUA && -r $SQL ]] || die "bench/wrk_percentiles.lua or bench/schedule_bench.sql is missing"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-schedule-bench.XXXXXX")
STARTED_PIDS=()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== ngoaivu schedule benchmark: $BIN"
echo "   work dir $WORK; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, warm-up ${WARMUP}s per run"
LOAD_BEFORE=$(load_average)
echo "   $LOAD_BEFORE"

# 0. The server's "vi" collation for the sqlite3 CLI (the index event_title needs it).
build_vi_collation

# 1. The database.
if [[ -n $KEEP_DB && -f $KEEP_DB ]]; then
    DB=$KEEP_DB
    echo "   reusing $DB as it is (SCHEDULE_DB; ITEMS is not applied)"
else
    DB=${KEEP_DB:-$WORK/schedule.db}
    now_us
    t0=$NOW_US
    logged "$BIN" init --db "$DB"
    logged "$BIN" demo --db "$DB" --seed 1 --scale 1
    echo "   init + demo --seed 1 --scale 1: $(seconds_since "$t0") s"
    now_us
    t0=$NOW_US
    { echo "$LOAD_VI"
      echo "CREATE TEMP TABLE bench_param AS SELECT $((ITEMS / 2)) AS delegations," \
          "$((ITEMS - ITEMS / 2)) AS events;"
      cat "$SQL"; } | logged sqlite3 -bail "$DB"
    echo "   bulk load of $ITEMS delegations and events (sqlite3, one transaction) and ANALYZE:" \
        "$(seconds_since "$t0") s"
fi
read -r N_DEL N_EV N_MONTH N_MONTH_HN < <(sqlite3 -separator ' ' "$DB" "
    SELECT (SELECT count(*) FROM delegation), (SELECT count(*) FROM event),
           (SELECT count(*) FROM delegation WHERE starts_on <= '$MONTH_LAST'
                AND ends_on >= '$MONTH_FIRST' AND status NOT IN ('rejected', 'cancelled'))
           + (SELECT count(*) FROM event WHERE starts_on <= '$MONTH_LAST'
                AND ends_on >= '$MONTH_FIRST' AND status NOT IN ('rejected', 'cancelled')),
           (SELECT count(*) FROM delegation WHERE starts_on <= '$MONTH_LAST'
                AND ends_on >= '$MONTH_FIRST' AND status NOT IN ('rejected', 'cancelled')
                AND admin_unit_id IN (1001, 2001))
           + (SELECT count(*) FROM event WHERE starts_on <= '$MONTH_LAST'
                AND ends_on >= '$MONTH_FIRST' AND status NOT IN ('rejected', 'cancelled')
                AND (national = 1 OR admin_unit_id IN (1001, 2001)))")
DB_MB=$(du -m "$DB" | awk '{ print $1 }')
echo "   $N_DEL delegations, $N_EV events, ${DB_MB} MB; $MONTH: $N_MONTH items under way" \
    "nationally (not cancelled or refused), $N_MONTH_HN for Hà Nội (with the national events)"

declare -A TOKEN_OF LOGIN_OF
LOGIN_OF[mofa]=demo-mofa
LOGIN_OF[officer]=demo-officer-01
for who in mofa officer; do
    TOKEN_OF[$who]=$(api_token "$DB" "${LOGIN_OF[$who]}")
done

# 2. The server, and a feed of the officer.
start_serve "$DB"
FEED_TOKEN=$(curl -sS -H "Authorization: Bearer ${TOKEN_OF[officer]}" \
    -H "Content-Type: application/json" --data '{"name": "bench"}' \
    "http://127.0.0.1:$PORT/api/v1/schedule/feeds" | sed -n 's/.*"token":"\(nvf_[A-Za-z0-9_-]*\)".*/\1/p')
[[ -n $FEED_TOKEN ]] || die "POST /api/v1/schedule/feeds gave no token"

# The path measured for case $1 (the feed's token put in).
case_path() {
    local p=${CASE_PATH[$1]}
    echo "${p/FEED.ics/$FEED_TOKEN.ics}"
}

# 3. Every case must answer 200 before it is loaded.
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    who=${CASE_WHO[i]}
    expect_ok "$(case_path "$i")" "${TOKEN_OF[$who]}" "${LOGIN_OF[$who]}"
    total=$(sed -n 's/.*"total":\([0-9][0-9]*\).*/\1/p' "$WORK/body")
    events=$(grep -c '^BEGIN:VEVENT' "$WORK/body" || true)
    extra=${total:+ (total $total)}
    [[ ${CASE_PATH[i]} == *.ics ]] && extra=" ($events VEVENTs)"
    printf '   %-66s %-8s %9d bytes%s\n' "${CASE_PATH[i]}" "$who" "$(wc -c <"$WORK/body")" "$extra"
done

# 4. Load: one connection, one thread, per case.
declare -a R_RPS R_P50 R_P95 R_P99 R_ERR
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    path=$(case_path "$i")
    token=${TOKEN_OF[${CASE_WHO[i]}]}
    ((WARMUP == 0)) || wrk_lua "$path" "$token" "$WARMUP"
    wrk_lua "$path" "$token" "$DURATION_S"
    R_RPS[i]=$RPS R_P50[i]=$P50_MS R_P95[i]=$P95_MS R_P99[i]=$P99_MS R_ERR[i]=$ERRORS
    printf '   %-66s %-8s %7s req/s  p95 %8s ms\n' "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$RPS" "$P95_MS"
done
LOAD_AFTER=$(load_average)

# 5. The table.
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "ngoaivu schedule benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU)"
echo "SQLite $(sqlite3 --version | awk '{ print $1 }') (CLI), $N_DEL delegations, $N_EV events," \
    "${DB_MB} MB; $MONTH: $N_MONTH items nationally, $N_MONTH_HN in Hà Nội; ngoaivu --threads $THREADS"
echo "wrk -t1 -c1 -d$DURATION per row (one user), after ${WARMUP}s of warm-up; mofa = demo-mofa" \
    "(every province), officer = demo-officer-01 (2001 Hà Nội)"
echo "$LOAD_BEFORE before, $LOAD_AFTER after"
((N_DEL + N_EV >= FULL_SIZE)) ||
    echo "NOTE: the targets are for 500,000 delegations and events; this run has $((N_DEL + N_EV))"
echo
printf '%-66s %-8s %7s %8s %8s %8s %7s %-12s\n' endpoint who req/s "p50 ms" "p95 ms" "p99 ms" \
    errors "p95 target"
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    if ((CASE_TARGET[i] > 0)); then
        target="< ${CASE_TARGET[i]} ms: $(verdict "${R_P95[i]}" "<" "${CASE_TARGET[i]}")"
    else
        target="(no target)"
    fi
    printf '%-66s %-8s %7s %8s %8s %8s %7s %-12s\n' "${CASE_PATH[i]}" "${CASE_WHO[i]}" \
        "${R_RPS[i]}" "${R_P50[i]}" "${R_P95[i]}" "${R_P99[i]}" "${R_ERR[i]}" "$target"
done
exit 0
