#!/usr/bin/env bash
# End-to-end HTTP benchmark: ngoaivu against Debian's nginx serving the same response bytes as
# static files, side by side in one run, plus ngoaivu's start-up time and idle memory.
#
#   bench/http_bench.sh [path/to/ngoaivu]        (default: build/release/ngoaivu; builds nothing)
#
# Environment (all optional):
#   BENCH_DURATION     seconds per wrk run, "10" or "10s" (default 10s)
#   BENCH_CONNECTIONS  wrk connections (default 64); wrk always uses 2 threads
#   BENCH_ROUNDS       rounds per server and endpoint, alternating servers (default 2)
#   BENCH_WARMUP       seconds of unrecorded load per server and endpoint first (default 2; 0 = none)
#   BENCH_STARTS       start-up measurements; the median is reported (default 5)
#   BENCH_THREADS      ngoaivu --threads (default 2, like nginx's worker_processes 2)
#   BENCH_LOG_FILE     ngoaivu --log-file (default /dev/null)
#   BENCH_PIN          1: the load generator and the servers on separate cores (taskset): wrk
#                      -t1 and this script on core 0, each server on core 1 with one thread or
#                      worker (ngoaivu --threads 1, nginx worker_processes 1), as when the
#                      clients are on other machines. Default 0: everything shares both cores.
#
# The /api/ endpoints need an account: a read-only one ("bench", role viewer, every province) is
# created in the temporary database with an API token, which wrk and curl send as
# "Authorization: Bearer ..." for /api/ paths, to both servers (nginx ignores it). /healthz is
# requested without it, as a monitoring probe would.
#
# Everything runs on 127.0.0.1 on ports picked here, under a temporary folder removed on exit
# (as are both servers). Prints figures and whether each target is met; always exits 0 once the
# servers have run: benchmarks print, they never assert.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=http_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
BIN=${1:-$ROOT/build/release/ngoaivu}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
ROUNDS=${BENCH_ROUNDS:-2}
WARMUP=${BENCH_WARMUP:-2}
STARTS=${BENCH_STARTS:-5}
THREADS=${BENCH_THREADS:-2}
LOG_FILE=${BENCH_LOG_FILE:-/dev/null}
WRK_THREADS=2
NGINX_WORKERS=2
PIN=${BENCH_PIN:-0}
CORES=$(nproc)
SERVER_CPU=()
if [[ $PIN == 1 ]]; then
    command -v taskset >/dev/null || die "taskset not found (Debian package util-linux)"
    ((CORES >= 2)) || die "BENCH_PIN=1 needs two cores"
    # This shell and everything it starts (wrk, curl) on core 0; the servers on core 1.
    taskset -p -c 0 $$ >/dev/null
    SERVER_CPU=(taskset -c 1)
    WRK_THREADS=1
    NGINX_WORKERS=1
    THREADS=1
elif [[ $PIN != 0 ]]; then
    die "BENCH_PIN must be 0 or 1"
fi
ENDPOINTS=(/healthz /api/v1/provinces/79)
SERVERS=(ngoaivu nginx)

# Targets.
TARGET_RATIO=0.5   # ngoaivu req/s >= 0.5 x nginx req/s
TARGET_P99_MS=5    # ngoaivu p99 < 5 ms
TARGET_RSS_MB=50   # idle VmRSS < 50 MB
TARGET_START_MS=300

parse_duration
check_whole_numbers CONNECTIONS ROUNDS WARMUP STARTS THREADS
((ROUNDS >= 1 && STARTS >= 1)) || die "BENCH_ROUNDS and BENCH_STARTS must be at least 1"
[[ -x $BIN ]] || die "no executable at $BIN (build with: cmake --build --preset release)"
BIN=$(readlink -f "$BIN")
NGINX=$(command -v nginx || true)
[[ -n $NGINX ]] || NGINX=/usr/sbin/nginx
for tool in wrk curl "$NGINX" awk sort; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian packages: wrk curl nginx-light)"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ngoaivu-http-bench.XXXXXX")
# nginx's workers run as "nobody" when started by root: they may cross WORK and read www/.
chmod 711 "$WORK"
DB=$WORK/bench.db
WWW=$WORK/www
NGX=$WORK/nginx
STARTED_PIDS=()

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts ngoaivu on port $1, logging its standard error to $2; sets NV_PID.
start_ngoaivu() {
    "${SERVER_CPU[@]}" "$BIN" serve --db "$DB" --listen "127.0.0.1:$1" --threads "$THREADS" \
        --log-file "$LOG_FILE" 2>>"$2" &
    NV_PID=$!
    STARTED_PIDS+=("$NV_PID")
}

echo "== ngoaivu HTTP benchmark: $BIN"
echo "   work dir $WORK; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds"

# 1. Database, and a read-only account with an API token for the /api/ endpoints.
"$BIN" init --db "$DB" >"$WORK/init.log" 2>&1 || {
    cat "$WORK/init.log" >&2
    die "ngoaivu init failed"
}
"$BIN" user add --db "$DB" --login bench --name Benchmark --role viewer --all-provinces \
    >>"$WORK/init.log" 2>&1 || {
    cat "$WORK/init.log" >&2
    die "ngoaivu user add failed"
}
TOKEN=$("$BIN" user token --db "$DB" --login bench --name http_bench 2>>"$WORK/init.log" | tail -n 1)
[[ $TOKEN =~ ^[A-Za-z0-9_-]+$ ]] || die "ngoaivu user token printed no token"

# Sets AUTH to the extra arguments for curl and wrk for endpoint $1: the token for /api/ paths.
auth_args() {
    AUTH=()
    if [[ $1 == /api/* ]]; then
        AUTH=(-H "Authorization: Bearer $TOKEN")
    fi
}

# 2. Start-up time: exec to the first 200 from /healthz, $STARTS times.
START_MS=()
for ((i = 1; i <= STARTS; i++)); do
    port=$(pick_port)
    now_us
    t0=$NOW_US
    start_ngoaivu "$port" "$WORK/start.log"
    if ! wait_ready "$port" "$NV_PID" "$t0"; then
        cat "$WORK/start.log" >&2
        die "ngoaivu did not answer /healthz within 10 s"
    fi
    START_MS+=("$(awk -v u="$READY_US" 'BEGIN { printf "%.1f", u / 1000 }')")
    stop_pid "$NV_PID"
    echo "   start $i: ${START_MS[-1]} ms"
done
START_MEDIAN=$(printf '%s\n' "${START_MS[@]}" | sort -n | sed -n "$(((STARTS + 1) / 2))p")

# 3. The ngoaivu under test, and the response bytes nginx will serve.
NV_PORT=$(pick_port)
start_ngoaivu "$NV_PORT" "$WORK/ngoaivu.log"
now_us
wait_ready "$NV_PORT" "$NV_PID" "$NOW_US" || {
    cat "$WORK/ngoaivu.log" >&2
    die "ngoaivu did not start"
}
NV_MAIN_PID=$NV_PID
mkdir -p "$WWW" "$NGX"
declare -A CONTENT_TYPE
for ep in "${ENDPOINTS[@]}"; do
    mkdir -p "$WWW$(dirname "$ep")"
    auth_args "$ep"
    curl -sS --fail -o "$WWW$ep" -D "$WORK/headers$(echo "$ep" | tr / _)" "${AUTH[@]}" \
        "http://127.0.0.1:$NV_PORT$ep" || die "curl $ep on ngoaivu failed"
    CONTENT_TYPE[$ep]=$(awk 'tolower($1) == "content-type:" {
        sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print; exit }' "$WORK/headers$(echo "$ep" | tr / _)")
    [[ -n ${CONTENT_TYPE[$ep]} ]] || die "no Content-Type from ngoaivu for $ep"
done
chmod -R a+rX "$WWW"
nap 1
RSS_START=$(rss_mb "$NV_MAIN_PID")

# 4. nginx: its own prefix, configuration, pid file and temporary folders. The constant headers
# ngoaivu adds (security headers, Cache-Control) are added too, and X-Request-Id from nginx's own
# $request_id, so both answers are about the same size on the wire.
NGX_PORT=$(pick_port)
add_headers=""
while IFS= read -r line; do
    line=${line%$'\r'}
    [[ $line == *:* ]] || continue
    name=${line%%:*}
    value=${line#*:}
    value=${value#"${value%%[! ]*}"}
    case ${name,,} in
        content-type | content-length | connection | keep-alive | date | server | \
            transfer-encoding | x-request-id) continue ;;
    esac
    [[ $value == *[\$\"\\]* ]] && continue  # nginx would read $ " \ specially
    add_headers+="        add_header $name \"$value\" always;"$'\n'
done <"$WORK/headers_healthz"
# shellcheck disable=SC2016  # $request_id is nginx's variable
add_headers+='        add_header X-Request-Id $request_id always;'$'\n'
user_line=""
((EUID == 0)) && user_line="user nobody nogroup;"
{
    echo "$user_line"
    echo "worker_processes $NGINX_WORKERS;"
    echo "daemon off;"
    echo "pid $NGX/nginx.pid;"
    echo "error_log $NGX/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "    access_log off;"
    echo "    server_tokens off;"
    echo "    sendfile on;"
    echo "    tcp_nodelay on;"
    echo "    keepalive_timeout 60s;"
    echo "    keepalive_requests 1000000;  # like ngoaivu, which never closes a busy connection"
    for d in client_body proxy fastcgi uwsgi scgi; do
        echo "    ${d}_temp_path $NGX/$d;"
    done
    echo "    types { }"
    echo "    default_type application/octet-stream;"
    echo "    server {"
    echo "        listen 127.0.0.1:$NGX_PORT;"
    echo "        root $WWW;"
    printf '%s' "$add_headers"
    for ep in "${ENDPOINTS[@]}"; do
        echo "        location = $ep { default_type \"${CONTENT_TYPE[$ep]}\"; }"
    done
    echo "    }"
    echo "}"
} >"$NGX/nginx.conf"
# Pinned (BENCH_PIN=1): the master and its worker on core 1, like ngoaivu.
"${SERVER_CPU[@]}" "$NGINX" -p "$NGX/" -c "$NGX/nginx.conf" -e "$NGX/error.log" \
    2>"$NGX/stderr.log" &
NGX_PID=$!
STARTED_PIDS+=("$NGX_PID")
for ((i = 0; i < 1000; i++)); do
    healthz_ok "$NGX_PORT" 2>/dev/null && break
    alive "$NGX_PID" || break
    nap 0.01
done
healthz_ok "$NGX_PORT" 2>/dev/null || {
    cat "$NGX/error.log" "$NGX/stderr.log" >&2
    die "nginx did not start"
}
for ep in "${ENDPOINTS[@]}"; do
    auth_args "$ep"
    ngx_type=$(curl -sS -o "$WORK/nginx_body" -w '%{content_type}' "${AUTH[@]}" \
        "http://127.0.0.1:$NGX_PORT$ep")
    cmp -s "$WORK/nginx_body" "$WWW$ep" || die "nginx's body for $ep differs from ngoaivu's"
    [[ $ngx_type == "${CONTENT_TYPE[$ep]}" ]] ||
        die "nginx's Content-Type for $ep is \"$ngx_type\", ngoaivu's \"${CONTENT_TYPE[$ep]}\""
    echo "   $ep: $(wc -c <"$WWW$ep") bytes, $ngx_type, identical bodies from both servers"
done

# 5. Load, alternating servers.
port_of() { [[ $1 == ngoaivu ]] && echo "$NV_PORT" || echo "$NGX_PORT"; }

# Runs wrk for $3 seconds against server $1, endpoint $2; sets RPS, P99_MS, ERRORS (wrk_load).
run_wrk() {
    auth_args "$2"
    wrk_load "$3" "http://127.0.0.1:$(port_of "$1")$2" "${AUTH[@]}"
}

if ((WARMUP > 0)); then
    for ep in "${ENDPOINTS[@]}"; do
        for s in "${SERVERS[@]}"; do
            run_wrk "$s" "$ep" "$WARMUP"
        done
    done
    echo "   warm-up: ${WARMUP}s per server and endpoint (not recorded)"
fi

declare -A RPS_OF P99_OF ERR_OF
for ((r = 1; r <= ROUNDS; r++)); do
    for ep in "${ENDPOINTS[@]}"; do
        for s in "${SERVERS[@]}"; do
            run_wrk "$s" "$ep" "$DURATION_S"
            RPS_OF[$s,$ep,$r]=$RPS
            P99_OF[$s,$ep,$r]=$P99_MS
            ERR_OF[$s,$ep,$r]=$ERRORS
            printf '   round %d  %-8s %-22s %10s req/s  p99 %8s ms  errors %s\n' \
                "$r" "$s" "$ep" "$RPS" "$P99_MS" "$ERRORS"
        done
    done
done

# 6. Idle memory after the load (connections closed, one second of rest).
nap 1
RSS_AFTER=$(rss_mb "$NV_MAIN_PID")
HWM=$(rss_mb "$NV_MAIN_PID" VmHWM)
NGX_RSS=$(for p in "$NGX_PID" $(pgrep -P "$NGX_PID" || true); do
    awk '$1 == "VmRSS:" { print $2 }' "/proc/$p/status"
done | awk '{ s += $1 } END { printf "%.1f", s / 1024 }')

# 7. The table.
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "ngoaivu HTTP benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $CORES cores ($CPU)"
where="on the same machine"
[[ $PIN == 1 ]] && where="on core 0, the servers on core 1 (BENCH_PIN=1)"
echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency $where; $ROUNDS rounds" \
    "alternating servers; ngoaivu --threads $THREADS, nginx worker_processes $NGINX_WORKERS"
echo "req/s: mean of the rounds; p99: the worse round"
echo
printf '%-22s %13s %13s %8s %12s %12s %8s\n' endpoint "ngoaivu req/s" "nginx req/s" ratio \
    "ngoaivu p99" "nginx p99" errors
declare -A RATIO NV_P99
for ep in "${ENDPOINTS[@]}"; do
    nv=$(mean_rps ngoaivu "$ep")
    ng=$(mean_rps nginx "$ep")
    RATIO[$ep]=$(ratio "$nv" "$ng")
    NV_P99[$ep]=$(worst_p99 ngoaivu "$ep")
    errors=$(($(total_errors ngoaivu "$ep") + $(total_errors nginx "$ep")))
    printf '%-22s %13s %13s %7sx %9s ms %9s ms %8s\n' "$ep" "$nv" "$ng" "${RATIO[$ep]}" \
        "${NV_P99[$ep]}" "$(worst_p99 nginx "$ep")" "$errors"
done
echo
printf 'ngoaivu start-up, exec to first 200 from /healthz: median %s ms (%s)\n' "$START_MEDIAN" \
    "$(IFS=,; s="${START_MS[*]}"; echo "${s//,/, }") ms"
printf 'ngoaivu VmRSS: %s MB idle after start, %s MB idle after the load (peak %s MB);' \
    "$RSS_START" "$RSS_AFTER" "$HWM"
printf ' nginx master + %d workers: %s MB\n' "$NGINX_WORKERS" "$NGX_RSS"
echo
printf '%-44s %-14s %s\n' target figure met
for ep in "${ENDPOINTS[@]}"; do
    printf '%-44s %-14s %s\n' "req/s >= ${TARGET_RATIO}x nginx, $ep" "${RATIO[$ep]}x" \
        "$(verdict "${RATIO[$ep]}" ">=" "$TARGET_RATIO")"
done
for ep in "${ENDPOINTS[@]}"; do
    printf '%-44s %-14s %s\n' "p99 < $TARGET_P99_MS ms, $ep" "${NV_P99[$ep]} ms" \
        "$(verdict "${NV_P99[$ep]}" "<" "$TARGET_P99_MS")"
done
printf '%-44s %-14s %s\n' "idle memory < $TARGET_RSS_MB MB, after start" "$RSS_START MB" \
    "$(verdict "$RSS_START" "<" "$TARGET_RSS_MB")"
printf '%-44s %-14s %s\n' "idle memory < $TARGET_RSS_MB MB, after load" "$RSS_AFTER MB" \
    "$(verdict "$RSS_AFTER" "<" "$TARGET_RSS_MB")"
printf '%-44s %-14s %s\n' "start < $TARGET_START_MS ms (median of $STARTS)" "$START_MEDIAN ms" \
    "$(verdict "$START_MEDIAN" "<" "$TARGET_START_MS")"
exit 0
