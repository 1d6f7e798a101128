#!/usr/bin/env bash
# Installs every Debian and npm package Ngoaivu needs to build, run and test.
# Non-interactive and idempotent: a second run installs nothing and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
    # build
    cmake ninja-build g++ clang-14 clang-format-14 libclang-rt-14-dev pkg-config ccache
    # libraries
    libboost1.81-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
    libkainjow-mustache-dev libsodium-dev libsqlite3-dev sqlite3 libicu-dev libpq-dev
    # spreadsheets and documents (src/office); LibreOffice Calc and Writer for interop tests
    libxlsxwriter-dev libminizip-dev libpugixml-dev libreoffice-calc-nogui libreoffice-writer-nogui
    # reference data: ISO 3166 countries; the dictionary the password policy refuses
    iso-codes cracklib-runtime
    # tests and benchmarks
    libgtest-dev libgmock-dev libbenchmark-dev postgresql wrk nginx-light curl
    chromium python3 unzip
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$p")
    fi
done
# Node.js: the machine image may ship its own node and npm (newer than Debian's, which would
# conflict with them); Debian's are installed only when there is none.
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (web assets and the browser-test driver), pinned by package-lock.json.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: installing npm packages"
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    else
        npm install --no-audit --no-fund --loglevel=error
    fi
fi
echo "setup: ok"
