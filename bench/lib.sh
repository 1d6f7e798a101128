# Shell functions shared by the benchmark scripts (bench/http_bench.sh, bench/db_bench.sh,
# bench/agreements_bench.sh, bench/schedule_bench.sh, bench/indicators_bench.sh,
# bench/reports_bench.sh).
# Source it; it is not a program:
#
#   BENCH_NAME=http_bench   # prefix of die's messages
#   source "$ROOT/bench/lib.sh"
#
# Conventions the functions rely on, set by the sourcing script:
#   WORK          temporary folder, removed by cleanup
#   STARTED_PIDS  array of the processes started here, stopped by cleanup
#   WRK_THREADS, CONNECTIONS   wrk -t and -c (wrk_load)
#   ROUNDS, RPS_OF, P50_OF, P99_OF, ERR_OF   per-round figures keyed "SERVER,ENDPOINT,ROUND"
#                                            (mean_rps, worst_p50, worst_p99, total_errors)
#   bench_cleanup  optional function, run by cleanup after the processes stop and before WORK goes
#
# Everything here runs under set -euo pipefail and starts as few processes as it can: polling
# and sleeping use bash builtins only.

# shellcheck shell=bash
# shellcheck disable=SC2034  # RPS, P50_MS, P99_MS, ERRORS, NV_PID ... are read by the caller

die() {
    echo "${BENCH_NAME:-bench}: $*" >&2
    exit 1
}

# Checks $DURATION ("10" or "10s") and sets DURATION_S (the number) and DURATION ("10s").
parse_duration() {
    if [[ $DURATION =~ ^([0-9]+)s?$ ]]; then
        DURATION_S=${BASH_REMATCH[1]}
        DURATION=${DURATION_S}s
    else
        die "BENCH_DURATION must be whole seconds, e.g. 10 or 10s (got \"$DURATION\")"
    fi
}

# Dies unless each named variable holds a whole number (the message names it BENCH_NAME).
check_whole_numbers() {
    local v
    for v in "$@"; do
        [[ ${!v} =~ ^[0-9]+$ ]] || die "BENCH_$v must be a whole number (got \"${!v}\")"
    done
}

# True while process $1 runs (a zombie, exited but not yet reaped, counts as gone).
alive() {
    local stat
    [[ -r /proc/$1/stat ]] || return 1
    read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# Stops a process started here (and, for nginx's master, its workers): TERM, then KILL after 5 s.
stop_pid() {
    local pid=$1 kids i
    alive "$pid" || {
        wait "$pid" 2>/dev/null || true
        return 0
    }
    kids=$(pgrep -P "$pid" || true)
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 500; i++)); do
        alive "$pid" || break
        nap 0.01
    done
    if alive "$pid"; then
        # shellcheck disable=SC2086  # $kids: a list of ids
        kill -KILL "$pid" $kids 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# Stops every process in STARTED_PIDS, runs bench_cleanup when the script defines it, removes
# WORK. For the EXIT trap.
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        stop_pid "$pid"
    done
    if declare -F bench_cleanup >/dev/null; then
        bench_cleanup || true
    fi
    rm -rf "$WORK"
}

# A short sleep without starting a process: a read that times out on a pipe nobody writes to.
exec {NAP_FD}<> <(:)
nap() { read -r -t "$1" -u "$NAP_FD" _ || true; }

# Sets NOW_US to the microseconds since the epoch, from bash's own clock (no process, no
# subshell: this is on the start-up measurement's path).
now_us() {
    local t=$EPOCHREALTIME
    NOW_US=$((${t%.*} * 1000000 + 10#${t#*.}))
}

# A port on 127.0.0.1 that nothing answers on, not handed out before in this run.
USED_PORTS=" "
pick_port() {
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 40000))
        [[ $USED_PORTS == *" $p "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            USED_PORTS+="$p "
            echo "$p"
            return 0
        fi
    done
    die "no free port found on 127.0.0.1"
}

# 0 when GET /healthz on 127.0.0.1:$1 answers 200. Uses bash's /dev/tcp: no process per poll.
healthz_ok() {
    local fd line
    exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&"$fd"
    IFS= read -r -t 2 -u "$fd" line || line=
    exec {fd}>&-
    [[ $line == "HTTP/1.1 200 "* ]]
}

# Polls GET /healthz on port $1 every 5 ms until it answers 200 (10 s at most) while process $2
# runs; then sets READY_US to the microseconds since $3 (a NOW_US value).
wait_ready() {
    local port=$1 pid=$2 t0=$3
    while :; do
        if healthz_ok "$port" 2>/dev/null; then
            now_us
            READY_US=$((NOW_US - t0))
            return 0
        fi
        alive "$pid" || return 1
        now_us
        ((NOW_US - t0 < 10000000)) || return 1
        nap 0.005
    done
}

# VmRSS (or field $2) of process $1 in MB.
rss_mb() {
    awk -v f="${2:-VmRSS}:" '$1 == f { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Whether figure $1 meets "$2 $3" (e.g. "< 5", ">= 0.5", "<= 2"): prints yes, NO or n/a.
verdict() {
    [[ $1 =~ ^[0-9.]+$ ]] || {
        echo "n/a"
        return
    }
    awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
        ok = (op == "<") ? (a < b) : (op == "<=") ? (a <= b) : (a >= b); print ok ? "yes" : "NO" }'
}

# $1 / $2 with two decimals, or n/a when either is not a number or $2 is 0.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) print "n/a"; else printf "%.2f", a / b }'
}

# Runs wrk -t$WRK_THREADS -c$CONNECTIONS for $1 seconds against URL $2, with the further wrk
# options $3... (headers) placed before the URL. Sets RPS (whole req/s), P50_MS and P99_MS
# (milliseconds, two decimals), ERRORS (non-2xx/3xx answers plus socket errors) and WRK_OUT (the
# whole report). When wrk reports no rate, RPS, P50_MS and P99_MS are "n/a" and the report goes
# to standard error.
wrk_load() {
    local seconds=$1 url=$2
    shift 2
    WRK_OUT=$(timeout $((seconds + 60)) wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${seconds}s" \
        --latency "$@" "$url" 2>&1) || true
    RPS=$(awk '$1 == "Requests/sec:" { printf "%.0f", $2 }' <<<"$WRK_OUT")
    P50_MS=$(wrk_percentile 50% <<<"$WRK_OUT")
    P99_MS=$(wrk_percentile 99% <<<"$WRK_OUT")
    ERRORS=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
        /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' \
        <<<"$WRK_OUT")
    [[ -n $RPS ]] || {
        RPS="n/a"
        P50_MS="n/a"
        P99_MS="n/a"
        printf '   wrk: %s\n' "${WRK_OUT//$'\n'/$'\n'   wrk: }" >&2
    }
}

# Reads a wrk --latency report on standard input and prints its line $1 ("50%", "99%") in ms.
wrk_percentile() {
    awk -v want="$1" '$1 == want { v = $2
        if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v) }
        else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
        else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60000 }
        printf "%.2f", v }'
}

# Mean of the rounds (req/s) of server $1, endpoint $2, from RPS_OF.
mean_rps() {
    local r v=()
    for ((r = 1; r <= ROUNDS; r++)); do v+=("${RPS_OF[$1,$2,$r]}"); done
    printf '%s\n' "${v[@]}" | awk '!/^[0-9.]+$/ { bad = 1 } { s += $1 }
        END { if (bad) print "n/a"; else printf "%.0f", s / NR }'
}

# Worst round (p50, p99) of server $1, endpoint $2, from P50_OF and P99_OF.
worst_p50() {
    local r
    for ((r = 1; r <= ROUNDS; r++)); do echo "${P50_OF[$1,$2,$r]}"; done | max_or_na
}
worst_p99() {
    local r
    for ((r = 1; r <= ROUNDS; r++)); do echo "${P99_OF[$1,$2,$r]}"; done | max_or_na
}
# The largest of the figures on standard input, two decimals; n/a when one is not a number.
max_or_na() {
    awk '!/^[0-9.]+$/ { bad = 1 } $1 > m { m = $1 } END { if (bad) print "n/a"; else printf "%.2f", m }'
}

# Sum over the rounds of ERR_OF for server $1, endpoint $2.
total_errors() {
    local r n=0
    for ((r = 1; r <= ROUNDS; r++)); do n=$((n + ${ERR_OF[$1,$2,$r]:-0})); done
    echo "$n"
}

# ---- For the benchmarks one user at a time (agreements_, schedule_, indicators_, reports_bench) --
# They also rely on: BIN (the ngoaivu binary), ROOT (the repository), LUA
# (bench/wrk_percentiles.lua), THREADS and LOG_FILE (ngoaivu serve's --threads and --log-file).

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

# Compiles the server's "vi" collation for the sqlite3 CLI (bench/sqlite_vi_collation.cpp with
# src/base/text.cpp; Debian packages g++ libsqlite3-dev libicu-dev) into $WORK/vi_collation.so and
# sets LOAD_VI to the CLI's line that loads it. Writes to tables with a `COLLATE vi` index
# (agreement_title, event_title) need it.
build_vi_collation() {
    local src=$ROOT/bench/sqlite_vi_collation.cpp
    [[ -r $src ]] || die "bench/sqlite_vi_collation.cpp is missing"
    logged "${CXX:-c++}" -std=c++20 -O2 -fPIC -shared -I "$ROOT/src" "$src" \
        "$ROOT/src/base/text.cpp" -licui18n -licuuc -o "$WORK/vi_collation.so"
    LOAD_VI=".load $WORK/vi_collation.so sqlite3_vicollation_init"
}

# Prints a new API token (nvt_...) of login $2 in database $1 (`ngoaivu user token`); dies when
# none is printed.
api_token() {
    local token
    token=$("$BIN" user token --db "$1" --login "$2" --name bench 2>>"$WORK/setup.log" |
        awk '/^nvt_/ { t = $0 } END { print t }')
    [[ $token =~ ^nvt_[A-Za-z0-9_-]+$ ]] || {
        cat "$WORK/setup.log" >&2
        die "ngoaivu user token printed no nvt_ token for $2"
    }
    echo "$token"
}

# Starts `ngoaivu serve` on database $1 (--threads $THREADS, --log-file $LOG_FILE) on a free
# port of 127.0.0.1; sets PORT and SERVER_PID (added to STARTED_PIDS, so cleanup stops it); dies
# when /healthz does not answer within 10 s. Standard error goes to $WORK/serve.log.
start_serve() {
    local t0
    PORT=$(pick_port)
    now_us
    t0=$NOW_US
    "$BIN" serve --db "$1" --listen "127.0.0.1:$PORT" --threads "$THREADS" \
        --log-file "$LOG_FILE" 2>>"$WORK/serve.log" &
    SERVER_PID=$!
    STARTED_PIDS+=("$SERVER_PID")
    wait_ready "$PORT" "$SERVER_PID" "$t0" || {
        cat "$WORK/serve.log" >&2
        die "ngoaivu serve did not answer /healthz within 10 s"
    }
}

# GET path $1 with Bearer token $2 on $PORT must answer 200, or the script dies showing the
# answer; the body is left in $WORK/body. $3 (optional) is added to the message: who asked.
expect_ok() {
    local code
    code=$(curl -sS -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $2" \
        "http://127.0.0.1:$PORT$1" 2>"$WORK/curl.log") || code="curl failed"
    if [[ $code != 200 ]]; then
        cat "$WORK/curl.log" >&2
        [[ -s $WORK/body ]] && head -c 400 "$WORK/body" >&2 && echo >&2
        [[ $code == 404 ]] && echo "(is $BIN older than this module? rebuild:" \
            "cmake --build --preset release --target ngoaivu)" >&2
        die "GET $1${3:+ as $3} answered $code, not 200"
    fi
}

# Runs wrk (one thread, one connection: one user) for $3 seconds on path $1 of $PORT with Bearer
# token $2 and bench/wrk_percentiles.lua; sets RPS (one decimal), ERRORS, P50_MS, P95_MS and
# P99_MS ("n/a" when absent). wrk's --timeout is raised from 2 s so that slow pages are measured,
# not dropped as errors.
wrk_lua() {
    local saved_threads=$WRK_THREADS saved_connections=$CONNECTIONS
    WRK_THREADS=1 CONNECTIONS=1
    WRK_BEARER=$2 wrk_load "$3" "http://127.0.0.1:$PORT$1" -s "$LUA" --timeout 60s
    WRK_THREADS=$saved_threads CONNECTIONS=$saved_connections
    RPS=$(awk '$1 == "Requests/sec:" { printf "%.1f", $2 }' <<<"$WRK_OUT")
    RPS=${RPS:-n/a}
    P50_MS=$(lua_percentile p50)
    P95_MS=$(lua_percentile p95)
    P99_MS=$(lua_percentile p99)
}

# Percentile $1 (p50, p95, p99) in ms from wrk_percentiles.lua's lines in WRK_OUT; n/a when
# absent.
lua_percentile() {
    awk -v want="$1" '$1 == "latency_us" && $2 == want { v = sprintf("%.2f", $3 / 1000) }
        END { print (v == "" ? "n/a" : v) }' <<<"$WRK_OUT"
}

# The machine's load, for the table's header: "load 1.23 0.98 0.77 (1, 5, 15 min)".
load_average() {
    local one five fifteen _
    read -r one five fifteen _ </proc/loadavg
    echo "load $one $five $fifteen (1, 5, 15 min)"
}

# ---- SQLite and PostgreSQL side by side (indicators_bench.sh, reports_bench.sh) ----------------
# They also rely on: BACKENDS (array of "sqlite", "postgres"), the cases CASE_PATH, CASE_WHO and
# CASE_TARGET (p95 bound in ms) as parallel arrays, PORT_OF[backend] (the server of each backend)
# and TOKEN_OF[backend,who] (its API tokens), PG_DBNAME (the database made for the run), and
# PATH_WIDTH (the endpoint column's width; default 78).

# Checks BACKENDS and sets WITH_PG (1 when "postgres" is among them).
check_backends() {
    local b
    WITH_PG=0
    for b in "${BACKENDS[@]}"; do
        case $b in
            sqlite) ;;
            postgres) WITH_PG=1 ;;
            *) die "BENCH_BACKENDS: unknown backend \"$b\"" ;;
        esac
    done
}

# When PostgreSQL is wanted (WITH_PG) and NGOAIVU_TEST_POSTGRES is unset, runs "bash $@" (the
# script and its arguments) again under scripts/pg_test_cluster.sh, a throw-away cluster that
# sets it; returns otherwise. Call it before WORK and the traps are set up.
pg_cluster_reexec() {
    ((WITH_PG)) && [[ -z ${NGOAIVU_TEST_POSTGRES:-} ]] || return 0
    command -v psql >/dev/null || die "psql not found (Debian package postgresql-client)"
    echo "${BENCH_NAME:-bench}: NGOAIVU_TEST_POSTGRES is not set; starting a throw-away cluster" \
        "(scripts/pg_test_cluster.sh)"
    exec {NAP_FD}<&-
    exec bash "$ROOT/scripts/pg_test_cluster.sh" run bash "$@"
}

# URL $1 with its database (the path) replaced by $2; the query string (?host=...) is kept.
url_with_database() {
    local url=$1 query="" authority
    [[ $url == *\?* ]] && query="?${url#*\?}"
    authority=${url%%\?*}
    authority=${authority#*://}
    authority=${authority%%/*}
    echo "${url%%://*}://$authority/$2$query"
}

# Creates the database PG_DBNAME with the admin URL in NGOAIVU_TEST_POSTGRES; sets PG_VERSION,
# PG_CREATED=1 (pg_drop_database drops it then) and PG_URL (the database's URL). Dies on failure.
pg_create_database() {
    PG_VERSION=$(psql -X -A -t -q "$NGOAIVU_TEST_POSTGRES" -c "SHOW server_version") ||
        die "cannot connect to PostgreSQL at $NGOAIVU_TEST_POSTGRES"
    psql -X -q -v ON_ERROR_STOP=1 "$NGOAIVU_TEST_POSTGRES" -c "CREATE DATABASE $PG_DBNAME" \
        >"$WORK/psql.log" 2>&1 || {
        cat "$WORK/psql.log" >&2
        die "CREATE DATABASE $PG_DBNAME failed"
    }
    PG_CREATED=1
    PG_URL=$(url_with_database "$NGOAIVU_TEST_POSTGRES" "$PG_DBNAME")
}

# For a benchmark that may create a PostgreSQL database: creates WORK (ngoaivu-$1-bench.XXXXXX
# under $TMPDIR), names the database pg_create_database makes $2_<pid>, and sets the traps: on
# exit, cleanup stops the servers, drops that database and removes WORK.
setup_work_and_database() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-$1-bench.XXXXXX")
    PG_DBNAME=$2_$$
    PG_CREATED=0
    STARTED_PIDS=()
    # shellcheck disable=SC2317  # called by cleanup
    bench_cleanup() {
        pg_drop_database
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# Drops PG_DBNAME when pg_create_database made it (for bench_cleanup; the servers are stopped).
pg_drop_database() {
    ((${PG_CREATED:-0})) || return 0
    psql -X -q "$NGOAIVU_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS $PG_DBNAME WITH (FORCE)" \
        >/dev/null 2>&1 || echo "${BENCH_NAME:-bench}: could not drop database $PG_DBNAME" >&2
}

# Loads every case on every backend, one after the other (case 1 on sqlite, on postgres, case 2
# ...): $WARMUP seconds unrecorded (none when 0), then $DURATION_S seconds with wrk_lua. Sets
# R_RPS, R_P50, R_P95, R_P99 and R_ERR keyed "case,backend" and prints a line per run.
measure_cases() {
    local i b token
    declare -gA R_RPS R_P50 R_P95 R_P99 R_ERR
    for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
        for b in "${BACKENDS[@]}"; do
            PORT=${PORT_OF[$b]}
            token=${TOKEN_OF[$b,${CASE_WHO[i]}]}
            ((WARMUP == 0)) || wrk_lua "${CASE_PATH[i]}" "$token" "$WARMUP"
            wrk_lua "${CASE_PATH[i]}" "$token" "$DURATION_S"
            R_RPS[$i,$b]=$RPS R_P50[$i,$b]=$P50_MS R_P95[$i,$b]=$P95_MS R_P99[$i,$b]=$P99_MS
            R_ERR[$i,$b]=$ERRORS
            printf "   %-${PATH_WIDTH:-78}s %-8s %-8s %7s req/s  p95 %8s ms\n" "${CASE_PATH[i]}" \
                "${CASE_WHO[i]}" "$b" "$RPS" "$P95_MS"
        done
    done
}

# The table of measure_cases's figures: a row per case and backend, with the p95 target met or
# not and, on PostgreSQL's row, the ratio of its p95 to SQLite's.
print_backend_table() {
    local i b target r fmt="%-${PATH_WIDTH:-78}s %-8s %-8s %7s %8s %8s %8s %6s %-14s %s\n"
    # shellcheck disable=SC2059  # the format holds the column width
    printf "$fmt" endpoint who backend req/s "p50 ms" "p95 ms" "p99 ms" errors "p95 target" ratio
    for ((i = 0; i < ${#CASE_PATH[@]}; i++)); do
        for b in "${BACKENDS[@]}"; do
            target="< ${CASE_TARGET[i]} ms: $(verdict "${R_P95[$i,$b]}" "<" "${CASE_TARGET[i]}")"
            r=""
            [[ $b == postgres && -n ${R_P95[$i,sqlite]:-} ]] &&
                r="$(ratio "${R_P95[$i,postgres]}" "${R_P95[$i,sqlite]}")x"
            # shellcheck disable=SC2059
            printf "$fmt" "${CASE_PATH[i]}" "${CASE_WHO[i]}" "$b" "${R_RPS[$i,$b]}" \
                "${R_P50[$i,$b]}" "${R_P95[$i,$b]}" "${R_P99[$i,$b]}" "${R_ERR[$i,$b]}" \
                "$target" "$r"
        done
    done
}
