#!/usr/bin/env bash
# The dashboards and the national review report at ten times a real country's volume over ten
# years (issue 7, "Speed"), on SQLite and on PostgreSQL side by side: the national dashboard (JSON
# and page) for a ten-year span, one province's dashboard, the officer's, and the review report
# for a three-year period (JSON, page, XLSX, DOCX) over real HTTP, one user at a time (wrk -t1
# -c1), with p50/p95/p99 per backend and the ratio PostgreSQL / SQLite of p95. Prints figures and
# whether each target is met; never fails on a figure.
#
#   bash bench/reports_bench.sh [path/to/ngoaivu]   (default $NGOAIVU_BIN, else build/release/ngoaivu)
#   SCALE=1 AGREEMENTS=2000 ITEMS=20000 bash bench/reports_bench.sh     (smoke run, 2 s per row)
#   BENCH_BACKENDS=sqlite bash bench/reports_bench.sh                   (SQLite only)
#
# Steps (bench/reports_bench.md says why these volumes):
#   1. SQLite, in a temporary folder: `ngoaivu init`, `ngoaivu demo --seed 1 --scale $SCALE` (the
#      accounts, partners, indicators and their approved values, and the demo's own records);
#      bench/agreements_bench.sql adds $AGREEMENTS agreements with 5 commitments each;
#      bench/schedule_bench.sql adds $ITEMS delegations and events (half each); a few lines here
#      add what those two leave out and the reports read (a `result` row for each agreement
#      marked has_result, the partner country of each delegation); ANALYZE. The sqlite3 CLI loads
#      the server's "vi" collation (bench/lib.sh build_vi_collation).
#   2. PostgreSQL: an empty database bench_rep_PID, filled by `ngoaivu migrate-data --from
#      sqlite:DB --to postgresql://...` (same rows, same ids; timed), then VACUUM ANALYZE. The
#      admin URL is NGOAIVU_TEST_POSTGRES (a role that may CREATE DATABASE); when it is unset the
#      script runs itself again under scripts/pg_test_cluster.sh (a throw-away cluster, Unix
#      socket, fsync off). The database is dropped at exit.
#   3. API tokens for demo-mofa (every province) and demo-officer-01 (Hà Nội, 2001 with 1001) on
#      each backend; one `ngoaivu serve` per backend; each path checked for 200 on both (body
#      sizes printed); then per path, SQLite then PostgreSQL: a warm-up, and wrk for
#      BENCH_DURATION with bench/wrk_percentiles.lua. The shared functions are in bench/lib.sh.
#
# Environment (all optional):
#   NGOAIVU_BIN      the binary when no argument is given
#   SCALE            ngoaivu demo --scale (default 10)
#   AGREEMENTS       agreements added by bench/agreements_bench.sql (default 22000)
#   ITEMS            delegations and events added by bench/schedule_bench.sql (default 500000)
#   BENCH_BACKENDS   "sqlite postgres" (default) or "sqlite"
#   REPORTS_DB       keep the SQLite database at this path; when the file exists it is reused as it
#                    is (SCALE, AGREEMENTS and ITEMS are not applied); PostgreSQL is always filled
#                    anew from it
#   MIGRATE_TIMEOUT  seconds allowed to migrate-data (default 1800)
#   REVIEW_FROM      first day of the review's three years (default 2022-12-19)
#   REVIEW_TO        last day (default 2025-12-18)
#   DASH_FROM_YEAR   first year of the dashboards (default 2016), DASH_TO_YEAR (default 2025)
#   BENCH_DURATION   seconds per wrk run (default 10 at the full volume, 2 below)
#   BENCH_WARMUP     seconds of unrecorded load before each run (default 1; 0 = none)
#   BENCH_THREADS    ngoaivu --threads (default 2)
#   BENCH_LOG_FILE   ngoaivu --log-file (default /dev/null)
#
# Target (issue 7, decision 0008): any dashboard for a ten-year span and the review report for a
# three-year period under 200 ms at p95 at ten times the real volume, on either backend. The XLSX
# and DOCX downloads are printed against the same bound.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=reports_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
DEFAULT_BIN=$ROOT/build/release/ngoaivu
BIN=${1:-${NGOAIVU_BIN:-$DEFAULT_BIN}}
SCALE=${SCALE:-10}
AGREEMENTS=${AGREEMENTS:-22000}
ITEMS=${ITEMS:-500000}
KEEP_DB=${REPORTS_DB:-}
MIGRATE_TIMEOUT=${MIGRATE_TIMEOUT:-1800}
REVIEW_FROM=${REVIEW_FROM:-2022-12-19}
REVIEW_TO=${REVIEW_TO:-2025-12-18}
DASH_FROM_YEAR=${DASH_FROM_YEAR:-2016}
DASH_TO_YEAR=${DASH_TO_YEAR:-2025}
WARMUP=${BENCH_WARMUP:-1}
THREADS=${BENCH_THREADS:-2}
LOG_FILE=${BENCH_LOG_FILE:-/dev/null}
read -r -a BACKENDS <<<"${BENCH_BACKENDS:-sqlite postgres}"
# The full volume (bench/reports_bench.md): demo scale, agreements, delegations and events.
FULL_SCALE=10 FULL_AGREEMENTS=22000 FULL_ITEMS=500000
check_whole_numbers SCALE AGREEMENTS ITEMS MIGRATE_TIMEOUT WARMUP THREADS
check_whole_numbers DASH_FROM_YEAR DASH_TO_YEAR
((SCALE >= 1)) || die "SCALE must be at least 1"
((ITEMS == 0 || ITEMS >= 2)) || die "ITEMS must be 0 or at least 2"
for d in "$REVIEW_FROM" "$REVIEW_TO"; do
    [[ $d =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "REVIEW_FROM and REVIEW_TO must be yyyy-mm-dd"
done
FULL=0
((SCALE >= FULL_SCALE && AGREEMENTS >= FULL_AGREEMENTS && ITEMS >= FULL_ITEMS)) && FULL=1
if ((FULL)); then DURATION=${BENCH_DURATION:-10s}; else DURATION=${BENCH_DURATION:-2s}; fi
parse_duration
check_backends
WRK_THREADS=1
CONNECTIONS=1
LUA=$ROOT/bench/wrk_percentiles.lua
AGR_SQL=$ROOT/bench/agreements_bench.sql
SCHED_SQL=$ROOT/bench/schedule_bench.sql
TARGET_MS=200
PATH_WIDTH=86

REVIEW="from=$REVIEW_FROM&to=$REVIEW_TO&compare_year=2013"
DASH="from_year=$DASH_FROM_YEAR&to_year=$DASH_TO_YEAR"
# What is measured: path, who (mofa: every province; officer: demo-officer-01), target in ms.
CASE_PATH=() CASE_WHO=() CASE_TARGET=()
add_case() {
    CASE_PATH+=("$1")
    CASE_WHO+=("$2")
    CASE_TARGET+=("$TARGET_MS")
}
add_case "/api/v1/dashboard?$DASH" mofa
add_case "/api/v1/dashboard?$DASH&generation=1" mofa
add_case "/dashboard?$DASH" mofa
add_case "/api/v1/dashboard/province/2001?$DASH" mofa
add_case "/api/v1/dashboard?$DASH" officer
# Counted indicators (decision 0008): their yearly values are counted from the records.
add_case "/api/v1/dashboard?$DASH&indicator=delegations_outbound" mofa
add_case "/api/v1/dashboard?$DASH&indicator=commitments_done" mofa
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
[[ -r $LUA && -r $AGR_SQL && -r $SCHED_SQL ]] ||
    die "bench/wrk_percentiles.lua, agreements_bench.sql or schedule_bench.sql is missing"

# No PostgreSQL given: run again inside a throw-away cluster, which sets NGOAIVU_TEST_POSTGRES.
pg_cluster_reexec "$(readlink -f "${BASH_SOURCE[0]}")" "$BIN"

setup_work_and_database reports bench_rep
PG_VERSION=""

echo "== ngoaivu reports benchmark: $BIN"
echo "   work dir $WORK; backends ${BACKENDS[*]}; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION," \
    "warm-up ${WARMUP}s per run"
LOAD_BEFORE=$(load_average)
echo "   $LOAD_BEFORE"

# 0. The server's "vi" collation for the sqlite3 CLI (agreement_title and event_title need it).
build_vi_collation

# What agreements_bench.sql and schedule_bench.sql leave out and the reports read: a result for
# each agreement marked has_result (the dashboard counts agreements "with results" by EXISTS on
# `result`), and the partner country of each delegation (named in its title; the review lists the
# countries of the top leaders' visits). Then ANALYZE.
EXTRA_SQL="PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO result (agreement_id, description, achieved_on, created_at)
SELECT a.id, 'Kết quả triển khai: dự án được cấp phép, đoàn doanh nghiệp khảo sát',
       min(date(a.signed_on, '+180 days'), date('now')), a.created_at
FROM agreement a
WHERE a.has_result = 1 AND a.signed_on IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM result r WHERE r.agreement_id = a.id);
INSERT INTO delegation_country (delegation_id, country_alpha2)
SELECT d.id, CASE WHEN d.title LIKE '%Hàn Quốc%' THEN 'KR' WHEN d.title LIKE '%Nhật Bản%' THEN 'JP'
                  WHEN d.title LIKE '%Lào%' THEN 'LA' WHEN d.title LIKE '%Campuchia%' THEN 'KH'
                  WHEN d.title LIKE '%Trung Quốc%' THEN 'CN' WHEN d.title LIKE '%Pháp%' THEN 'FR'
                  WHEN d.title LIKE '%Hoa Kỳ%' THEN 'US' WHEN d.title LIKE '%Đức%' THEN 'DE'
                  WHEN d.title LIKE '%xtrây-li-a%' THEN 'AU' WHEN d.title LIKE '%Xinh-ga-po%' THEN 'SG'
                  WHEN d.title LIKE '%Thái Lan%' THEN 'TH' ELSE 'RU' END
FROM delegation d
WHERE NOT EXISTS (SELECT 1 FROM delegation_country c WHERE c.delegation_id = d.id);
COMMIT;
ANALYZE;"

# 1. The SQLite database.
declare -A DB_OF PORT_OF TOKEN_OF SERVER_OF
BUILD_S=""
if [[ -n $KEEP_DB && -f $KEEP_DB ]]; then
    DB=$KEEP_DB
    echo "   reusing $DB as it is (REPORTS_DB; SCALE, AGREEMENTS and ITEMS are not applied)"
else
    DB=${KEEP_DB:-$WORK/reports.db}
    now_us
    t_all=$NOW_US t0=$NOW_US
    logged "$BIN" init --db "$DB"
    logged "$BIN" demo --db "$DB" --seed 1 --scale "$SCALE"
    echo "   init + demo --seed 1 --scale $SCALE: $(seconds_since "$t0") s"
    if ((AGREEMENTS > 0)); then
        now_us
        t0=$NOW_US
        { echo "$LOAD_VI"; echo "CREATE TEMP TABLE bench_param AS SELECT $AGREEMENTS AS n;"
          cat "$AGR_SQL"; } | logged sqlite3 -bail "$DB"
        echo "   + $AGREEMENTS agreements, $((5 * AGREEMENTS)) commitments" \
            "(bench/agreements_bench.sql, with its ANALYZE): $(seconds_since "$t0") s"
    fi
    if ((ITEMS > 0)); then
        now_us
        t0=$NOW_US
        { echo "$LOAD_VI"
          echo "CREATE TEMP TABLE bench_param AS SELECT $((ITEMS / 2)) AS delegations," \
              "$((ITEMS - ITEMS / 2)) AS events;"
          cat "$SCHED_SQL"; } | logged sqlite3 -bail "$DB"
        echo "   + $ITEMS delegations and events (bench/schedule_bench.sql, with its ANALYZE):" \
            "$(seconds_since "$t0") s"
    fi
    now_us
    t0=$NOW_US
    { echo "$LOAD_VI"; echo "$EXTRA_SQL"; } | logged sqlite3 -bail "$DB"
    echo "   + results and delegation countries, ANALYZE: $(seconds_since "$t0") s"
    BUILD_S=$(seconds_since "$t_all")
    echo "   SQLite database built in $BUILD_S s"
fi
DB_OF[sqlite]=$DB
read -r N_AGR N_COM N_RES N_DEL N_EV N_VAL N_AGR_P N_DEL_P N_EV_P N_AGR_D N_DEL_D N_EV_D < <(
    sqlite3 -separator ' ' "$DB" "
    SELECT (SELECT count(*) FROM agreement), (SELECT count(*) FROM commitment),
           (SELECT count(*) FROM result), (SELECT count(*) FROM delegation),
           (SELECT count(*) FROM event), (SELECT count(*) FROM indicator_value),
           (SELECT count(*) FROM agreement WHERE signed_on BETWEEN '$REVIEW_FROM' AND '$REVIEW_TO'
                AND status NOT IN ('draft', 'consulting', 'referred_pm', 'approved', 'abandoned')),
           (SELECT count(*) FROM delegation WHERE starts_on BETWEEN '$REVIEW_FROM' AND '$REVIEW_TO'
                AND status IN ('in_progress', 'returned', 'reported', 'closed')),
           (SELECT count(*) FROM event WHERE starts_on BETWEEN '$REVIEW_FROM' AND '$REVIEW_TO'
                AND status IN ('held', 'reported') AND national = 0),
           (SELECT count(*) FROM agreement WHERE signed_year BETWEEN $DASH_FROM_YEAR AND $DASH_TO_YEAR
                AND status NOT IN ('draft', 'consulting', 'referred_pm', 'approved', 'abandoned')),
           (SELECT count(*) FROM delegation WHERE start_year BETWEEN $DASH_FROM_YEAR AND $DASH_TO_YEAR
                AND status IN ('in_progress', 'returned', 'reported', 'closed')),
           (SELECT count(*) FROM event WHERE start_year BETWEEN $DASH_FROM_YEAR AND $DASH_TO_YEAR
                AND status IN ('held', 'reported') AND national = 0)")
DB_MB=$(du -m "$DB" | awk '{ print $1 }')
DATA="$N_AGR agreements, $N_COM commitments, $N_RES results, $N_DEL delegations, $N_EV events,"
DATA+=" $N_VAL indicator values"
echo "   $DATA; SQLite ${DB_MB} MB"
echo "   signed agreements, delegations and events that took place: $N_AGR_P, $N_DEL_P, $N_EV_P in" \
    "$REVIEW_FROM..$REVIEW_TO; $N_AGR_D, $N_DEL_D, $N_EV_D in $DASH_FROM_YEAR-$DASH_TO_YEAR"

# 2. PostgreSQL: the same rows (and ids) by migrate-data, then VACUUM ANALYZE: the statistics, and
# the visibility map that index-only scans need (autovacuum sets it some time after a bulk load;
# here it is set before measuring, so that runs do not depend on when autovacuum ran).
MIGRATE_S="" MIGRATE_ROWS="" PG_ANALYZE_S="" PG_MB=""
if ((WITH_PG)); then
    pg_create_database
    DB_OF[postgres]=$PG_URL
    now_us
    t0=$NOW_US
    if ! timeout "$MIGRATE_TIMEOUT" "$BIN" migrate-data --from "sqlite:$DB" --to "$PG_URL" \
        >"$WORK/migrate.log" 2>&1; then
        tail -20 "$WORK/migrate.log" >&2
        die "ngoaivu migrate-data failed or took more than $MIGRATE_TIMEOUT s (MIGRATE_TIMEOUT)"
    fi
    MIGRATE_S=$(seconds_since "$t0")
    # Rows copied: the third column of migrate-data's table (table, source, copied, target).
    MIGRATE_ROWS=$(awk 'NF == 4 && $3 ~ /^[0-9]+$/ { n += $3 } END { print n + 0 }' \
        "$WORK/migrate.log")
    echo "   PostgreSQL $PG_VERSION: migrate-data --from sqlite:... --to $PG_DBNAME:" \
        "$MIGRATE_ROWS rows in $MIGRATE_S s"
    now_us
    t0=$NOW_US
    psql -X -q -v ON_ERROR_STOP=1 "$PG_URL" -c "VACUUM ANALYZE" >>"$WORK/setup.log" 2>&1 ||
        die "VACUUM ANALYZE on PostgreSQL failed"
    PG_ANALYZE_S=$(seconds_since "$t0")
    PG_MB=$(psql -X -A -t -q "$PG_URL" -c "SELECT pg_database_size(current_database()) / 1048576")
    echo "   PostgreSQL VACUUM ANALYZE: $PG_ANALYZE_S s; database ${PG_MB} MB"
fi

# The dashboards read the tallies kept with the records (migration 0013): the rows loaded above by
# SQL and by migrate-data were counted by the triggers; check them against the records.
for b in "${BACKENDS[@]}"; do
    now_us
    t0=$NOW_US
    if ! "$BIN" tallies verify --db "${DB_OF[$b]}" >"$WORK/tallies-$b.log" 2>&1; then
        cat "$WORK/tallies-$b.log" >&2
        die "the tallies on $b do not agree with the records (ngoaivu tallies verify)"
    fi
    echo "   ngoaivu tallies verify on $b: the tallies agree with the records ($(seconds_since "$t0") s)"
done

for b in "${BACKENDS[@]}"; do
    TOKEN_OF[$b,mofa]=$(api_token "${DB_OF[$b]}" demo-mofa)
    TOKEN_OF[$b,officer]=$(api_token "${DB_OF[$b]}" demo-officer-01)
done

# 3. The servers, each on its own port.
for b in "${BACKENDS[@]}"; do
    start_serve "${DB_OF[$b]}"
    PORT_OF[$b]=$PORT
    SERVER_OF[$b]=$SERVER_PID
done

# 4. Every case must answer 200 on every backend before it is loaded; the body sizes, and whether
# the backends answer the same bytes.
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    who=${CASE_WHO[i]} line="" signed="" first=""
    for b in "${BACKENDS[@]}"; do
        PORT=${PORT_OF[$b]}
        expect_ok "${CASE_PATH[i]}" "${TOKEN_OF[$b,$who]}" "$who on $b"
        line+="${line:+; }$b $(wc -c <"$WORK/body") bytes"
        signed=${signed:-$(sed -n 's/.*"signed":\([0-9][0-9]*\).*/\1/p' "$WORK/body" | head -1)}
        if [[ -z $first ]]; then
            first=$b
            mv "$WORK/body" "$WORK/body.first"
        elif cmp -s "$WORK/body" "$WORK/body.first"; then
            line+=" (the same bytes)"
        else
            line+=" (differs from $first)"
        fi
    done
    printf "   %-${PATH_WIDTH}s %-8s %s%s\n" "${CASE_PATH[i]}" "$who" "$line" \
        "${signed:+; $signed agreements signed}"
done

# 5. Load: one connection, one thread, per case and backend (SQLite, then PostgreSQL).
measure_cases
LOAD_AFTER=$(load_average)
declare -A RSS_OF
for b in "${BACKENDS[@]}"; do RSS_OF[$b]=$(rss_mb "${SERVER_OF[$b]}"); done

# 6. The table.
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "ngoaivu reports benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU)"
echo "data: $DATA"
echo "  in the review's $REVIEW_FROM..$REVIEW_TO: $N_AGR_P signed agreements, $N_DEL_P" \
    "delegations and $N_EV_P provincial events that took place;" \
    "in $DASH_FROM_YEAR-$DASH_TO_YEAR: $N_AGR_D, $N_DEL_D, $N_EV_D"
echo "sqlite: SQLite $(sqlite3 --version | awk '{ print $1 }') (CLI), ${DB_MB} MB" \
    "${BUILD_S:+(built in $BUILD_S s)}; ngoaivu --threads $THREADS, RSS ${RSS_OF[sqlite]:-?} MB after"
((WITH_PG)) && echo "postgres: PostgreSQL $PG_VERSION (fsync off, same machine), ${PG_MB} MB;" \
    "migrate-data $MIGRATE_ROWS rows in $MIGRATE_S s, VACUUM ANALYZE $PG_ANALYZE_S s;" \
    "ngoaivu RSS ${RSS_OF[postgres]:-?} MB after"
echo "wrk -t1 -c1 -d$DURATION per row (one user), after ${WARMUP}s of warm-up, backends one after" \
    "the other; mofa = demo-mofa (every province), officer = demo-officer-01 (2001 Hà Nội);" \
    "ratio = PostgreSQL p95 / SQLite p95"
echo "$LOAD_BEFORE before, $LOAD_AFTER after"
((FULL)) || echo "NOTE: the target is for SCALE=$FULL_SCALE AGREEMENTS=$FULL_AGREEMENTS" \
    "ITEMS=$FULL_ITEMS; this run has SCALE=$SCALE AGREEMENTS=$AGREEMENTS ITEMS=$ITEMS"
echo
print_backend_table
exit 0
