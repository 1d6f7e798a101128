#!/usr/bin/env bash
# Runs the end-to-end tests (OpenAPI contract and browser) against a built server:
#   cmake --build --preset release && tests/e2e/run.sh
# NGOAIVU_BIN picks another binary (default build/release/ngoaivu). Screenshots are written to
# test-artifacts/screenshots/. Exits with node's exit code.
set -u
cd "$(dirname "$0")/../.."
node --test tests/e2e/
exit $?
