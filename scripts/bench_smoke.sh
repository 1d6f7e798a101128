#!/usr/bin/env bash
# Runs each Google Benchmark program briefly, as a smoke test (figures are printed, never judged).
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
for b in build/release/bench/*_benchmark; do
    echo "== $b"
    "$b" --benchmark_min_time=0.01 >/dev/null
done
echo "bench smoke: ok"
