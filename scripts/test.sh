#!/usr/bin/env bash
# Builds mimetool with warnings as errors and runs the whole test suite, then the sanitizer build
# (scripts/sanitize.sh) and a short run of every fuzz target (scripts/fuzz-smoke.sh).
# MIMETOOL_SKIP_SANITIZE=1 / MIMETOOL_SKIP_FUZZ=1 leave those steps out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIMETOOL_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 600
[ "${MIMETOOL_SKIP_SANITIZE:-0}" = 1 ] || scripts/sanitize.sh
[ "${MIMETOOL_SKIP_FUZZ:-0}" = 1 ] || scripts/fuzz-smoke.sh
