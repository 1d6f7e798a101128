#!/usr/bin/env bash
# Agreements at national scale on SQLite (issue 5, "Speed"): 200,000 agreements and 1,000,000
# commitments, then the list pages and the "due and overdue" page over real HTTP, one user at a
# time (wrk -t1 -c1), with p50/p95/p99. Prints figures and whether each target is met; never fails
# on a figure.
#
#   bash bench/agreements_bench.sh [path/to/ngoaivu]     (default build/release/ngoaivu)
#   AGREEMENTS=20000 bash bench/agreements_bench.sh      (smoke run, under a minute)
#
# The default binary is built (release preset, target ngoaivu) only when it is absent; an older
# binary without the agreements module is refused when its routes answer 404.
#
# Steps: a fresh SQLite database in a temporary folder (`ngoaivu init`, `ngoaivu demo --seed 1
# --scale 1` for the accounts and partners); bench/agreements_bench.sql adds $AGREEMENTS
# agreements with 5 commitments each in one transaction through the sqlite3 CLI, then ANALYZE;
# API tokens for demo-mofa (every province) and demo-officer-01 (Hà Nội, 2001); `ngoaivu serve`;
# each endpoint checked for 200 with curl; then per endpoint and user: a warm-up, and wrk for
# BENCH_DURATION with bench/wrk_percentiles.lua (Authorization header, p50/p95/p99).
#
# Environment (all optional):
#   AGREEMENTS       agreements to add (default 200000; commitments: 5 per agreement)
#   AGREEMENTS_DB    keep the database at this path; when the file exists it is reused as it is
#                    (no init, demo or load), so runs after the first start serving at once
#   BENCH_DURATION   seconds per wrk run (default 10 at 200,000 agreements or more, 2 below)
#   BENCH_WARMUP     seconds of unrecorded load before each run (default 1; 0 = none)
#   BENCH_THREADS    ngoaivu --threads (default 2)
#   BENCH_LOG_FILE   ngoaivu --log-file (default /dev/null)
#
# Targets (issue 5), at 200,000 agreements and 1,000,000 commitments: a filtered, sorted list page
# under 50 ms at p95 for one user; the "due and overdue" page nationally under 100 ms at p95 (the
# same bound is printed for the officer's due page). Everything runs on 127.0.0.1, on a port picked
# here; the server and the temporary folder are removed on exit.
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
FULL_SIZE=200000
check_whole_numbers AGREEMENTS WARMUP THREADS
((AGREEMENTS >= 1)) || die "AGREEMENTS must be at least 1"
if ((AGREEMENTS >= FULL_SIZE)); then DURATION=${BENCH_DURATION:-10s}; else DURATION=${BENCH_DURATION:-2s}; fi
parse_duration
WRK_THREADS=1
CONNECTIONS=1
LUA=$ROOT/bench/wrk_percentiles.lua
SQL=$ROOT/bench/agreements_bench.sql

# Targets at p95, in ms.
LIST_TARGET_MS=50
DUE_TARGET_MS=100

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
[[ -r $LUA && -r $SQL ]] || die "bench/wrk_percentiles.lua or bench/agreements_bench.sql is missing"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-agreements-bench.XXXXXX")
STARTED_PIDS=()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Seconds since $1 (a NOW_US value), one decimal.
seconds_since() {
    now_us
    awk -v u="$((NOW_US - $1))" 'BEGIN { printf "%.1f", u / 1000000 }'
}

# Runs "$@" with its output in $WORK/setup.log; on failure shows the log and dies.
logged() {
    "$@" >>"$WORK/setup.log" 2>&1 || {
        cat "$WORK/setup.log" >&2
        die "failed: $*"
    }
}

echo "== ngoaivu agreements benchmark: $BIN"
echo "   work dir $WORK; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, warm-up ${WARMUP}s per run"

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
    { echo "CREATE TEMP TABLE bench_param AS SELECT $AGREEMENTS AS n;"; cat "$SQL"; } |
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

declare -A TOKEN_OF LOGIN_OF
LOGIN_OF[mofa]=demo-mofa
LOGIN_OF[officer]=demo-officer-01
for who in mofa officer; do
    TOKEN_OF[$who]=$("$BIN" user token --db "$DB" --login "${LOGIN_OF[$who]}" --name bench \
        2>>"$WORK/setup.log" | awk '/^nvt_/ { t = $0 } END { print t }')
    [[ ${TOKEN_OF[$who]} =~ ^nvt_[A-Za-z0-9_-]+$ ]] || {
        cat "$WORK/setup.log" >&2
        die "ngoaivu user token printed no nvt_ token for ${LOGIN_OF[$who]}"
    }
done

# 2. The server.
PORT=$(pick_port)
now_us
t0=$NOW_US
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads "$THREADS" --log-file "$LOG_FILE" \
    2>>"$WORK/serve.log" &
SERVER_PID=$!
STARTED_PIDS+=("$SERVER_PID")
wait_ready "$PORT" "$SERVER_PID" "$t0" || {
    cat "$WORK/serve.log" >&2
    die "ngoaivu serve did not answer /healthz within 10 s"
}

# 3. Every case must answer 200 before it is loaded.
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    path=${CASE_PATH[i]} who=${CASE_WHO[i]}
    body=$WORK/body
    code=$(curl -sS -o "$body" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN_OF[$who]}" \
        "http://127.0.0.1:$PORT$path" 2>"$WORK/curl.log") || code="curl failed"
    if [[ $code != 200 ]]; then
        cat "$WORK/curl.log" >&2
        [[ -s $body ]] && head -c 400 "$body" >&2 && echo >&2
        [[ $code == 404 ]] && echo "(is $BIN older than the agreements module? rebuild:" \
            "cmake --build --preset release --target ngoaivu)" >&2
        die "GET $path as ${LOGIN_OF[$who]} answered $code, not 200"
    fi
    total=$(sed -n 's/.*"total":\([0-9][0-9]*\).*/\1/p' "$body")
    printf '   %-66s %-8s %7d bytes%s\n' "$path" "$who" "$(wc -c <"$body")" \
        "${total:+ (total $total)}"
done

# 4. Load: one connection, one thread, per case.
# Runs wrk for $3 seconds on path $1 as $2; sets RPS, ERRORS, P50_MS, P95_MS, P99_MS.
# wrk's --timeout is raised from 2 s so that slow pages are measured, not dropped as errors.
run_wrk() {
    WRK_BEARER=${TOKEN_OF[$2]} wrk_load "$3" "http://127.0.0.1:$PORT$1" -s "$LUA" --timeout 60s
    RPS=$(awk '$1 == "Requests/sec:" { printf "%.1f", $2 }' <<<"$WRK_OUT")
    RPS=${RPS:-n/a}
    P50_MS=$(lua_percentile p50)
    P95_MS=$(lua_percentile p95)
    P99_MS=$(lua_percentile p99)
}
# Percentile $1 (p50, p95, p99) in ms from the Lua script's lines in WRK_OUT; n/a when absent.
lua_percentile() {
    awk -v want="$1" '$1 == "latency_us" && $2 == want { v = sprintf("%.2f", $3 / 1000) }
        END { print (v == "" ? "n/a" : v) }' <<<"$WRK_OUT"
}

declare -a R_RPS R_P50 R_P95 R_P99 R_ERR
for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
    ((WARMUP == 0)) || run_wrk "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$WARMUP"
    run_wrk "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$DURATION_S"
    R_RPS[i]=$RPS R_P50[i]=$P50_MS R_P95[i]=$P95_MS R_P99[i]=$P99_MS R_ERR[i]=$ERRORS
    printf '   %-66s %-8s %7s req/s  p95 %8s ms\n' "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$RPS" "$P95_MS"
done

# 5. The table.
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
exit 0
