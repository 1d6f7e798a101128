#!/usr/bin/env bash
# Agreements at national scale on SQLite (issue 5, "Speed"): 200,000 agreements and 1,000,000
# commitments, then the list pages and the "due and overdue" page over real HTTP, one user at a
# time (wrk -t1 -c1), with p50/p95/p99; then the preview of a 10,000-row import, XLSX (written by
# LibreOffice) and CSV, and one import of the CSV. Prints figures and whether each target is met;
# never fails on a figure.
#
#   bash bench/agreements_bench.sh [path/to/ngoaivu]     (default build/release/ngoaivu)
#   AGREEMENTS=20000 bash bench/agreements_bench.sh      (smoke run, under a minute)
#
# The default binary is built (release preset, target ngoaivu) only when it is absent; an older
# binary without the agreements module is refused when its routes answer 404.
#
# Steps: a fresh SQLite database in a temporary folder (`ngoaivu init`, `ngoaivu demo --seed 1
# --scale 1` for the accounts and partners); bench/agreements_bench.sql adds $AGREEMENTS
# agreements with 5 commitments each in one transaction through the sqlite3 CLI, then ANALYZE
# (the CLI loads the server's "vi" collation, bench/sqlite_vi_collation.cpp, compiled here with
# c++ against ICU: the index agreement_title needs it); bench/agreements_import.sql writes the
# import file from that database as CSV, and LibreOffice (soffice --headless) converts it to XLSX;
# API tokens for demo-mofa (every province) and demo-officer-01 (Hà Nội, 2001); `ngoaivu serve`;
# each endpoint checked for 200 with curl; then per endpoint and user: a warm-up, and wrk for
# BENCH_DURATION with bench/wrk_percentiles.lua (Authorization header, p50/p95/p99); then, as
# demo-mofa, POST /api/v1/agreements/import?mode=preview of the XLSX and of the CSV, IMPORT_RUNS
# times each (curl's time_total: upload, reading, every check, the JSON answer), each answer
# checked for its rows and valid rows; last, one mode=valid import of the CSV (it writes the valid
# rows in one transaction; informative, no target), removed again when AGREEMENTS_DB is kept.
#
# Environment (all optional):
#   AGREEMENTS       agreements to add (default 200000; commitments: 5 per agreement)
#   AGREEMENTS_DB    keep the database at this path; when the file exists it is reused as it is
#                    (no init, demo or load), so runs after the first start serving at once
#   BENCH_DURATION   seconds per wrk run (default 10 at 200,000 agreements or more, 2 below)
#   BENCH_WARMUP     seconds of unrecorded load before each run (default 1; 0 = none)
#   BENCH_THREADS    ngoaivu --threads (default 2)
#   BENCH_LOG_FILE   ngoaivu --log-file (default /dev/null)
#   IMPORT_ROWS      data rows of the import file (default 10000; 0 = no import figures)
#   IMPORT_RUNS      previews timed per file (default 5: median, min, max)
#
# Targets (issue 5), at 200,000 agreements and 1,000,000 commitments: a filtered, sorted list page
# under 50 ms at p95 for one user; the "due and overdue" page nationally under 100 ms at p95 (the
# same bound is printed for the officer's due page); a 10,000-row XLSX import previews in under
# 3 s (the median; the same bound is printed for the CSV). Everything runs on 127.0.0.1, on a port
# picked here; the server and the temporary folder are removed on exit.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=agreements_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
DEFAULT_BIN=$ROOT/build/release/ngoaivu
BIN=${1:-$DEFAULT_BIN}
AGREEMENTS=${AGREEMENTS:-200000}
KEEP_DB=${AGREEMENTS_DB:-}
WARMUP=${BENCH_WARMUP:-1}
THREADS=${BENCH_THREADS:-2}
LOG_FILE=${BENCH_LOG_FILE:-/dev/null}
IMPORT_ROWS=${IMPORT_ROWS:-10000}
IMPORT_RUNS=${IMPORT_RUNS:-5}
FULL_SIZE=200000
check_whole_numbers AGREEMENTS WARMUP THREADS IMPORT_ROWS IMPORT_RUNS
((IMPORT_ROWS <= 20000)) || die "IMPORT_ROWS must be at most 20000 (the import's limit)"
((IMPORT_RUNS >= 1)) || die "IMPORT_RUNS must be at least 1"
((AGREEMENTS >= 1)) || die "AGREEMENTS must be at least 1"
if ((AGREEMENTS >= FULL_SIZE)); then DURATION=${BENCH_DURATION:-10s}; else DURATION=${BENCH_DURATION:-2s}; fi
parse_duration
WRK_THREADS=1
CONNECTIONS=1
LUA=$ROOT/bench/wrk_percentiles.lua
SQL=$ROOT/bench/agreements_bench.sql
IMPORT_SQL=$ROOT/bench/agreements_import.sql
COLLATION_SRC=$ROOT/bench/sqlite_vi_collation.cpp

# Targets at p95, in ms; the import preview's, in s (median of IMPORT_RUNS).
LIST_TARGET_MS=50
DUE_TARGET_MS=100
IMPORT_TARGET_S=3

# What is measured: path, who (mofa: every province; officer: demo-officer-01), target in ms.
CASE_PATH=() CASE_WHO=() CASE_TARGET=()
add_case() {
    CASE_PATH+=("$1")
    CASE_WHO+=("$2")
    CASE_TARGET+=("$3")
}
for who in officer mofa; do
    add_case "/api/v1/agreements?province=2001&status=in_force&sort=signed_desc" "$who" "$LIST_TARGET_MS"
done
for who in officer mofa; do
    add_case "/api/v1/agreements?q=hop%20tac&sort=title" "$who" "$LIST_TARGET_MS"
    add_case "/api/v1/agreements?country=KR&field=education&year=2024" "$who" "$LIST_TARGET_MS"
    add_case "/api/v1/agreements?overdue=1&sort=due" "$who" "$LIST_TARGET_MS"
    add_case "/agreements?province=2001&sort=province" "$who" "$LIST_TARGET_MS"
done
for who in mofa officer; do
    add_case "/api/v1/agreements/due?within_days=7" "$who" "$DUE_TARGET_MS"
    add_case "/agreements/due" "$who" "$DUE_TARGET_MS"
done

# The binary: built when the default one is absent (the release preset, as `make bench` does).
if [[ ! -x $BIN && $BIN == "$DEFAULT_BIN" ]]; then
    echo "agreements_bench: no $BIN; building it (release preset, target ngoaivu)"
    (cd "$ROOT" && { [[ -f build/release/build.ninja ]] || cmake --preset release; } &&
        cmake --build --preset release --target ngoaivu -j2) || die "the release build failed"
fi
[[ -x $BIN ]] || die "no executable at $BIN (build with: cmake --build --preset release)"
BIN=$(readlink -f "$BIN")
for tool in wrk curl sqlite3 awk; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian packages: wrk curl sqlite3)"
done
[[ -r $LUA && -r $SQL && -r $IMPORT_SQL && -r $COLLATION_SRC ]] ||
    die "bench/wrk_percentiles.lua, agreements_bench.sql, agreements_import.sql or" \
        "sqlite_vi_collation.cpp is missing"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-agreements-bench.XXXXXX")
STARTED_PIDS=()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== ngoaivu agreements benchmark: $BIN"
echo "   work dir $WORK; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, warm-up ${WARMUP}s per run"

# 0. The server's "vi" collation for the sqlite3 CLI (writes to `agreement` need it: the index
# agreement_title is `title_vi COLLATE vi`). Debian packages: g++ libsqlite3-dev libicu-dev.
build_vi_collation

# 1. The database.
if [[ -n $KEEP_DB && -f $KEEP_DB ]]; then
    DB=$KEEP_DB
    echo "   reusing $DB as it is (AGREEMENTS_DB; AGREEMENTS is not applied)"
else
    DB=${KEEP_DB:-$WORK/agreements.db}
    now_us
    t0=$NOW_US
    logged "$BIN" init --db "$DB"
    logged "$BIN" demo --db "$DB" --seed 1 --scale 1
    echo "   init + demo --seed 1 --scale 1: $(seconds_since "$t0") s"
    now_us
    t0=$NOW_US
    { echo "$LOAD_VI"; echo "CREATE TEMP TABLE bench_param AS SELECT $AGREEMENTS AS n;"; cat "$SQL"; } |
        logged sqlite3 -bail "$DB"
    echo "   bulk load of $AGREEMENTS agreements (sqlite3, one transaction) and ANALYZE:" \
        "$(seconds_since "$t0") s"
fi
TODAY=$(sqlite3 "$DB" "SELECT date('now', '+7 hours')")
read -r N_AGR N_COM N_DUE N_OVERDUE N_OPEN_OVERDUE N_DUE7 < <(sqlite3 -separator ' ' "$DB" "
    SELECT (SELECT count(*) FROM agreement), (SELECT count(*) FROM commitment),
           (SELECT count(*) FROM agreement WHERE next_due_on IS NOT NULL),
           (SELECT count(*) FROM agreement WHERE next_due_on < '$TODAY'),
           (SELECT count(*) FROM commitment WHERE status IN ('open', 'in_progress')
                                              AND due_on < '$TODAY'),
           (SELECT count(*) FROM commitment WHERE status IN ('open', 'in_progress')
                                              AND due_on <= date('$TODAY', '+7 days'))
           + (SELECT count(*) FROM agreement_deadline WHERE closed_on IS NULL
                                                        AND due_on <= date('$TODAY', '+7 days'))")
DB_MB=$(du -m "$DB" | awk '{ print $1 }')
echo "   $N_AGR agreements, $N_COM commitments, ${DB_MB} MB; next_due_on set on $N_DUE" \
    "($N_OVERDUE overdue); $N_OPEN_OVERDUE open commitments overdue;" \
    "$N_DUE7 rows due within 7 days nationally (today $TODAY, Vietnam)"

# The import file: CSV from the database, XLSX from LibreOffice (a file real office software wrote;
# dates as date cells). Without soffice, the XLSX figures are n/a.
IMPORT_CSV=$WORK/import.csv
IMPORT_XLSX=
if ((IMPORT_ROWS > 0)); then
    # Rows with a problem: every 100th (unknown partner) and 100th + 50 (signed in the future).
    IMPORT_VALID=$((IMPORT_ROWS - 2 * (IMPORT_ROWS / 100) - (IMPORT_ROWS % 100 >= 50 ? 1 : 0)))
    { echo "CREATE TEMP TABLE bench_import_param AS SELECT $IMPORT_ROWS AS n;"; cat "$IMPORT_SQL"; } |
        sqlite3 -bail "$DB" >"$IMPORT_CSV" 2>>"$WORK/setup.log" || {
        cat "$WORK/setup.log" >&2
        die "bench/agreements_import.sql failed"
    }
    echo "   import file: $IMPORT_ROWS rows ($IMPORT_VALID valid), CSV $(($(wc -c <"$IMPORT_CSV") / 1024)) KiB"
    if command -v soffice >/dev/null; then
        now_us
        t0=$NOW_US
        # CSV filter: comma, double quote, UTF-8, from line 1; columns 10, 14, 15, 16 (the dates)
        # read as DD/MM/YY; Vietnamese locale (1066).
        if timeout 120 soffice --headless --norestore "-env:UserInstallation=file://$WORK/lo" \
            --infilter="CSV:44,34,76,1,10/4/14/4/15/4/16/4,1066" --convert-to xlsx \
            --outdir "$WORK" "$IMPORT_CSV" >>"$WORK/setup.log" 2>&1 && [[ -s $WORK/import.xlsx ]]; then
            IMPORT_XLSX=$WORK/import.xlsx
            echo "   converted to XLSX by $(soffice --version 2>/dev/null | awk '{ print $1, $2; exit }'):" \
                "$(($(wc -c <"$IMPORT_XLSX") / 1024)) KiB, $(seconds_since "$t0") s"
        else
            echo "   soffice could not convert the CSV to XLSX (see below): XLSX figures n/a" >&2
            tail -5 "$WORK/setup.log" >&2
        fi
    else
        echo "   no soffice (Debian: libreoffice-calc): XLSX figures n/a" >&2
    fi
fi

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
    path=${CASE_PATH[i]} who=${CASE_WHO[i]}
    body=$WORK/body
    expect_ok "$path" "${TOKEN_OF[$who]}" "${LOGIN_OF[$who]}"
    total=$(sed -n 's/.*"total":\([0-9][0-9]*\).*/\1/p' "$body")
    printf '   %-66s %-8s %7d bytes%s\n' "$path" "$who" "$(wc -c <"$body")" \
        "${total:+ (total $total)}"
done

# 4. Load: one connection, one thread, per case.
# Runs wrk for $3 seconds on path $1 as $2 (lib.sh wrk_lua); sets RPS, ERRORS, P50_MS, P95_MS,
# P99_MS.
run_wrk() {
    wrk_lua "$1" "${TOKEN_OF[$2]}" "$3"
}

declare -a R_RPS R_P50 R_P95 R_P99 R_ERR
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    ((WARMUP == 0)) || run_wrk "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$WARMUP"
    run_wrk "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$DURATION_S"
    R_RPS[i]=$RPS R_P50[i]=$P50_MS R_P95[i]=$P95_MS R_P99[i]=$P99_MS R_ERR[i]=$ERRORS
    printf '   %-66s %-8s %7s req/s  p95 %8s ms\n' "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$RPS" "$P95_MS"
done

# 5. The import: previews of the XLSX and the CSV, then one import of the CSV.
# POSTs file $1 with mode $2 as demo-mofa; sets IMP_S (curl's time_total, s), IMP_ROWS, IMP_VALID,
# IMP_WRITTEN (from the JSON answer; "" when absent) and IMP_CODE.
post_import() {
    local out=$WORK/import.json line
    line=$(curl -sS -o "$out" -w '%{http_code} %{time_total}' --max-time 600 --data-binary "@$1" \
        -H "Authorization: Bearer ${TOKEN_OF[mofa]}" \
        "http://127.0.0.1:$PORT/api/v1/agreements/import?mode=$2" 2>>"$WORK/curl.log") ||
        line="curl-failed n/a"
    IMP_CODE=${line%% *} IMP_S=${line#* }
    IMP_ROWS=$(sed -n 's/.*"rows":\([0-9][0-9]*\).*/\1/p' "$out" 2>/dev/null)
    IMP_VALID=$(sed -n 's/.*"valid":\([0-9][0-9]*\).*/\1/p' "$out" 2>/dev/null)
    IMP_WRITTEN=$(sed -n 's/.*"written":\([0-9][0-9]*\).*/\1/p' "$out" 2>/dev/null)
    if [[ $IMP_CODE != 200 ]]; then
        echo "   POST import?mode=$2 ($(basename "$1")) answered $IMP_CODE:" \
            "$(head -c 300 "$out" 2>/dev/null)" >&2
    fi
}
# Median, min and max (s, two decimals) of the figures on standard input; n/a when one is not a
# number.
median_min_max() {
    sort -g | awk '!/^[0-9.]+$/ { bad = 1 } { v[NR] = $1 }
        END { if (bad || NR == 0) print "n/a n/a n/a";
              else printf "%.2f %.2f %.2f\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

declare -a IMP_LABEL IMP_MED IMP_MIN IMP_MAX IMP_CHECK
if ((IMPORT_ROWS > 0)); then
    echo "   import preview as demo-mofa, $IMPORT_RUNS runs per file (expect rows $IMPORT_ROWS," \
        "valid $IMPORT_VALID)"
    for kind in xlsx csv; do
        file=$IMPORT_CSV
        [[ $kind == xlsx ]] && file=$IMPORT_XLSX
        times=() check=ok
        if [[ -n $file ]]; then
            for ((r = 1; r <= IMPORT_RUNS; r++)); do
                post_import "$file" preview
                times+=("$IMP_S")
                if [[ $IMP_CODE != 200 || $IMP_ROWS != "$IMPORT_ROWS" || $IMP_VALID != "$IMPORT_VALID" ]]; then
                    check="WRONG (HTTP $IMP_CODE, rows ${IMP_ROWS:-?}, valid ${IMP_VALID:-?})"
                fi
                printf '   preview %-4s run %d: %s s (HTTP %s, rows %s, valid %s)\n' "$kind" "$r" \
                    "$IMP_S" "$IMP_CODE" "${IMP_ROWS:-?}" "${IMP_VALID:-?}"
            done
        else
            times=(n/a) check="n/a"
        fi
        read -r med min max < <(printf '%s\n' "${times[@]}" | median_min_max)
        IMP_LABEL+=("$kind") IMP_MED+=("$med") IMP_MIN+=("$min") IMP_MAX+=("$max") IMP_CHECK+=("$check")
    done
    # One real import of the CSV (mode=valid: the valid rows, one transaction).
    MAX_ID=$(sqlite3 "$DB" "SELECT coalesce(max(id), 0) FROM agreement")
    post_import "$IMPORT_CSV" valid
    WRITE_S=$(printf '%s\n' "$IMP_S" | median_min_max | awk '{ print $1 }') WRITE_CHECK=ok
    if [[ $IMP_CODE != 200 || $IMP_WRITTEN != "$IMPORT_VALID" ]]; then
        WRITE_CHECK="WRONG (HTTP $IMP_CODE, written ${IMP_WRITTEN:-?})"
    fi
    echo "   import mode=valid csv: $WRITE_S s (HTTP $IMP_CODE, written ${IMP_WRITTEN:-?})"
    if [[ -n $KEEP_DB ]]; then
        # The kept database goes back to its agreements (the audit log keeps the import's rows).
        { echo "$LOAD_VI"; echo "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;"
          echo "DELETE FROM agreement WHERE id > $MAX_ID;"; } | logged sqlite3 -bail "$DB"
        echo "   removed the imported agreements again from $DB (id > $MAX_ID)"
    fi
fi

# 6. The table.
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "ngoaivu agreements benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($CPU)"
echo "SQLite $(sqlite3 --version | awk '{ print $1 }') (CLI), $N_AGR agreements, $N_COM commitments," \
    "${DB_MB} MB; ngoaivu --threads $THREADS"
echo "wrk -t1 -c1 -d$DURATION per row (one user), after ${WARMUP}s of warm-up; mofa = demo-mofa" \
    "(every province), officer = demo-officer-01 (2001 Hà Nội)"
((N_AGR >= FULL_SIZE)) ||
    echo "NOTE: the targets are for 200,000 agreements; this run has $N_AGR (AGREEMENTS=$AGREEMENTS)"
echo
printf '%-66s %-8s %7s %8s %8s %8s %7s %-12s\n' endpoint who req/s "p50 ms" "p95 ms" "p99 ms" \
    errors "p95 target"
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    met=$(verdict "${R_P95[i]}" "<" "${CASE_TARGET[i]}")
    printf '%-66s %-8s %7s %8s %8s %8s %7s %-12s\n' "${CASE_PATH[i]}" "${CASE_WHO[i]}" \
        "${R_RPS[i]}" "${R_P50[i]}" "${R_P95[i]}" "${R_P99[i]}" "${R_ERR[i]}" \
        "< ${CASE_TARGET[i]} ms: $met"
done
if ((IMPORT_ROWS > 0)); then
    echo
    echo "POST /api/v1/agreements/import as mofa, $IMPORT_ROWS rows ($IMPORT_VALID valid), curl" \
        "time_total over $IMPORT_RUNS runs; XLSX written by LibreOffice from the CSV"
    printf '%-66s %-8s %8s %8s %8s %-22s %s\n' "import" who "median s" "min s" "max s" "answer" \
        "target (median)"
    for ((i = 0; i < ${#IMP_LABEL[@]}; i++)); do
        met=$(verdict "${IMP_MED[i]}" "<" "$IMPORT_TARGET_S")
        printf '%-66s %-8s %8s %8s %8s %-22s %s\n' \
            "preview (mode=preview), ${IMPORT_ROWS}-row ${IMP_LABEL[i]^^}" mofa "${IMP_MED[i]}" \
            "${IMP_MIN[i]}" "${IMP_MAX[i]}" "${IMP_CHECK[i]}" "< $IMPORT_TARGET_S s: $met"
    done
    printf '%-66s %-8s %8s %8s %8s %-22s %s\n' "import (mode=valid, one transaction), ${IMPORT_ROWS}-row CSV" \
        mofa "$WRITE_S" "" "" "$WRITE_CHECK" "(no target)"
fi
exit 0
