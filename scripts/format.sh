#!/usr/bin/env bash
# Formats every C++ file with clang-format 14 (pinned: other versions format differently).
# With --check, changes nothing and fails when a file is not formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
files=$(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp')
if [ "$mode" = "--check" ]; then
    clang-format-14 --dry-run --Werror $files
else
    clang-format-14 -i $files
fi
