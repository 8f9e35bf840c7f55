#!/usr/bin/env bash
# Builds the library and its test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (-fno-sanitize-recover: the first finding fails the run) and runs the unit tests and the fuzz
# seed replays. The command-line tool, the C API and the Python tests stay in the ordinary build.
#
#   scripts/sanitize.sh            build in build-asan/ (BUILD_DIR overrides) and run ctest
#   CXX=clang++-14 CC=clang-14 scripts/sanitize.sh    the same with clang
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-asan}
jobs=${JOBS:-$(nproc)}
# -O1 (quicker to compile than -O2, still fast enough to run) and libstdc++'s own checks, which
# turn an out-of-range operator[], front() or back() into an abort.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g -D_GLIBCXX_ASSERTIONS" \
      -DMIMETOOL_SANITIZE=ON -DMIMETOOL_WERROR=ON -DMIMETOOL_BUILD_CLI=OFF -DMIMETOOL_INSTALL=OFF >/dev/null
# The library's unit tests and the fuzz seed replays; the C API, examples and install checks are
# left to the ordinary build.
targets=(mimetool_tests)
for f in fuzz/fuzz_*.cpp; do
  t=$(basename "$f" .cpp)
  t=${t#fuzz_}
  [ "$t" = safe_name ] && [ ! -f cli/safe_name.cpp ] && continue
  targets+=("replay_$t")
done
cmake --build "$build" -j "$jobs" --target "${targets[@]}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# GoogleTest cases are named Suite.case; the replays fuzz.replay.<target>.
ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 900 -R '^([A-Z][A-Za-z0-9_]*[.]|fuzz[.]replay[.])'
