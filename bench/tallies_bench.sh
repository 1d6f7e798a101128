#!/usr/bin/env bash
# What the tallies of migration 0013 cost the writes: the same bulk loads with the tallies' triggers
# and without them, side by side in one run.
#
#   bash bench/tallies_bench.sh [path/to/ngoaivu]        # about 3 minutes
#   BENCH_BACKENDS=sqlite bash bench/tallies_bench.sh     # SQLite only
#
# For each round, on a copy of the same start (`init` + `demo --seed 1 --scale 1`), with and
# without the triggers (`DROP TRIGGER` of every *_tally* trigger on the copy without), it times:
#   SQLite: bench/agreements_bench.sql ($AGREEMENTS agreements with 5 commitments, partners and
#           fields), then bench/schedule_bench.sql ($ITEMS delegations and events), each in one
#           transaction through the sqlite3 CLI;
#   PostgreSQL: `ngoaivu migrate-data` of the loaded SQLite file into a new database (one INSERT
#           per row in one transaction), the schema made first by `ngoaivu tallies verify` and,
#           for "without", its tally triggers dropped.
# The copy with triggers is then checked with `ngoaivu tallies verify`. Rounds alternate with and
# without, the figure is each side's median.
#
# Environment:
#   AGREEMENTS      agreements per load (default 5000)
#   ITEMS           delegations and events per load (default 100000)
#   ROUNDS          rounds (default 3)
#   BENCH_BACKENDS  "sqlite postgres" (default) or "sqlite"
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=tallies_bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
BIN=${1:-${NGOAIVU_BIN:-$ROOT/build/release/ngoaivu}}
AGREEMENTS=${AGREEMENTS:-5000}
ITEMS=${ITEMS:-100000}
ROUNDS=${ROUNDS:-3}
read -r -a BACKENDS <<<"${BENCH_BACKENDS:-sqlite postgres}"
check_whole_numbers AGREEMENTS ITEMS ROUNDS
((ROUNDS >= 1 && ITEMS >= 2)) || die "ROUNDS must be at least 1 and ITEMS at least 2"
check_backends
[[ -x $BIN ]] || die "no executable at $BIN (build with: cmake --build --preset release)"
BIN=$(readlink -f "$BIN")
command -v sqlite3 >/dev/null || die "sqlite3 not found (Debian package sqlite3)"
AGR_SQL=$ROOT/bench/agreements_bench.sql
SCHED_SQL=$ROOT/bench/schedule_bench.sql
[[ -r $AGR_SQL && -r $SCHED_SQL ]] || die "bench/agreements_bench.sql or schedule_bench.sql is missing"

pg_cluster_reexec "$(readlink -f "${BASH_SOURCE[0]}")" "$BIN"

setup_work_and_database tallies bench_tally

echo "== ngoaivu tallies benchmark: $BIN"
echo "   work dir $WORK; backends ${BACKENDS[*]}; $AGREEMENTS agreements, $ITEMS delegations and" \
    "events per load; $ROUNDS rounds"
LOAD_BEFORE=$(load_average)
echo "   $LOAD_BEFORE"
build_vi_collation

BASE=$WORK/base.db
logged "$BIN" init --db "$BASE"
logged "$BIN" demo --db "$BASE" --seed 1 --scale 1
TRIGGERS=$(sqlite3 "$BASE" "SELECT group_concat(name, ' ') FROM sqlite_master WHERE type = 'trigger'
                            AND name LIKE '%tally%'")
[[ -n $TRIGGERS ]] || die "no tally triggers in $BASE (is the binary older than migration 0013?)"
echo "   SQLite triggers: $(wc -w <<<"$TRIGGERS")"

# Prints the seconds that "$@" takes (its output in setup.log).
timed() {
    local t0
    now_us
    t0=$NOW_US
    logged "$@"
    seconds_since "$t0"
}

# The two loads as scripts for the sqlite3 CLI (with the "vi" collation and their parameters).
{ echo "$LOAD_VI"; echo "CREATE TEMP TABLE bench_param AS SELECT $AGREEMENTS AS n;"
  cat "$AGR_SQL"; } >"$WORK/agreements.sql"
{ echo "$LOAD_VI"
  echo "CREATE TEMP TABLE bench_param AS SELECT $((ITEMS / 2)) AS delegations," \
      "$((ITEMS - ITEMS / 2)) AS events;"
  cat "$SCHED_SQL"; } >"$WORK/schedule.sql"

# Loads the agreements and the delegations and events into SQLite file $1; sets AGR_S and SCHED_S.
load_sqlite() {
    AGR_S=$(timed sqlite3 -bail "$1" ".read $WORK/agreements.sql")
    SCHED_S=$(timed sqlite3 -bail "$1" ".read $WORK/schedule.sql")
}

# Dies unless the tallies in database $1 agree with its records (`ngoaivu tallies verify`).
check_tallies() {
    "$BIN" tallies verify --db "$1" >"$WORK/verify.log" 2>&1 || {
        cat "$WORK/verify.log" >&2
        die "the tallies do not agree with the records after the load into $2"
    }
}

# Median of the numbers given.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

declare -A T
for ((r = 1; r <= ROUNDS; r++)); do
    for side in with without; do
        db=$WORK/$side-$r.db
        cp "$BASE" "$db"
        if [[ $side == without ]]; then
            for t in $TRIGGERS; do
                logged sqlite3 "$db" "DROP TRIGGER $t"
            done
        fi
        load_sqlite "$db"
        T[sqlite_agr,$side]+="$AGR_S "
        T[sqlite_sched,$side]+="$SCHED_S "
        echo "   round $r, SQLite $side triggers: agreements $AGR_S s, delegations and events $SCHED_S s"
        [[ $side == without ]] || check_tallies "$db" SQLite
        if ((WITH_PG)); then
            pg_create_database
            logged "$BIN" tallies verify --db "$PG_URL"
            if [[ $side == without ]]; then
                logged psql -X -q -v ON_ERROR_STOP=1 "$PG_URL" -c "DO \$\$ DECLARE t record; BEGIN
                    FOR t IN SELECT tgname, tgrelid::regclass AS tab FROM pg_trigger
                             WHERE tgname LIKE '%tally%' AND NOT tgisinternal LOOP
                        EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tab);
                    END LOOP; END \$\$"
            fi
            MIG_S=$(timed "$BIN" migrate-data --from "sqlite:$db" --to "$PG_URL")
            T[pg_migrate,$side]+="$MIG_S "
            echo "   round $r, PostgreSQL $side triggers: migrate-data $MIG_S s"
            [[ $side == without ]] || check_tallies "$PG_URL" PostgreSQL
            pg_drop_database
            PG_CREATED=0
        fi
        rm -f "$db"
    done
done

echo
echo "ngoaivu tallies benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores"
echo "$AGREEMENTS agreements (+ $((5 * AGREEMENTS)) commitments, partners, fields), $ITEMS" \
    "delegations and events per load; median of $ROUNDS rounds; $LOAD_BEFORE before," \
    "$(load_average) after"
printf '%-52s %14s %14s %8s\n' "load" "with (s)" "without (s)" "ratio"
row() {
    local with without r
    # shellcheck disable=SC2086  # the rounds' figures, one word each
    with=$(median ${T[$1,with]})
    # shellcheck disable=SC2086
    without=$(median ${T[$1,without]})
    r=$(ratio "$with" "$without")
    [[ $r == n/a ]] || r+=x
    printf '%-52s %14s %14s %8s\n' "$2" "$with" "$without" "$r"
}
row sqlite_agr "SQLite: bench/agreements_bench.sql"
row sqlite_sched "SQLite: bench/schedule_bench.sql"
((WITH_PG)) && row pg_migrate "PostgreSQL: migrate-data of the loaded file"
exit 0
