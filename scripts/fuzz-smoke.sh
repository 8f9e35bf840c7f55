#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan) and fuzzes each one for a short time.
# Any finding fails the run; the input that triggered it is kept in $work/artifacts/ and should
# be added to testdata/fuzz/<target>/ together with the fix and a Regression.* test.
#
#   scripts/fuzz-smoke.sh                      every target, FUZZ_SECONDS (30) each
#   FUZZ_SECONDS=900 scripts/fuzz-smoke.sh rfc2047 charset   longer runs of some targets
#
# Environment: BUILD_DIR (build-fuzz), FUZZ_WORK (working corpora, $BUILD_DIR/fuzz-work),
# FUZZ_JOBS (targets fuzzed at once, nproc), MIMETOOL_CORPUS_DIR (extra seed messages).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-30}
jobs=${FUZZ_JOBS:-$(nproc)}
work=${FUZZ_WORK:-$build/fuzz-work}
cc=${FUZZ_CC:-clang-14}
cxx=${FUZZ_CXX:-clang++-14}

CC=$cc CXX=$cxx cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIMETOOL_FUZZ=ON -DMIMETOOL_WERROR=ON \
    -DMIMETOOL_BUILD_TESTS=OFF -DMIMETOOL_BUILD_CLI=OFF -DMIMETOOL_INSTALL=OFF >/dev/null
targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(sed -n 's/^set(MIMETOOL_FUZZ_TARGETS \(.*\))$/\1/p' fuzz/CMakeLists.txt | tr ' ' '\n')
  [ -f cli/safe_name.cpp ] && [ -f fuzz/fuzz_safe_name.cpp ] && targets+=(safe_name)
fi
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

corpus_args=()
[ -d "${MIMETOOL_CORPUS_DIR:-../shared/corpus}" ] && corpus_args=(--corpus "${MIMETOOL_CORPUS_DIR:-../shared/corpus}")
python3 fuzz/seeds.py --out "$work/seeds" "${corpus_args[@]}"
mkdir -p "$work/artifacts" "$work/logs"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
run_one() {
  local t=$1 max_len=4096
  [ "$t" = parse_roundtrip ] && max_len=16384
  mkdir -p "$work/corpus/$t" "$work/seeds/$t"
  if "$build/fuzz/fuzz_$t" "$work/corpus/$t" "$work/seeds/$t" -max_total_time="$seconds" -timeout=20 \
       -rss_limit_mb=2560 -max_len=$max_len -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-" \
       >"$work/logs/$t.log" 2>&1; then
    echo "fuzz-smoke: $t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/logs/$t.log" | grep -o '[0-9]*$') runs in ${seconds}s, no finding"
  else
    echo "fuzz-smoke: $t: FINDING (log: $work/logs/$t.log)" >&2
    grep -E 'ERROR|property violated|SUMMARY|Test unit written' "$work/logs/$t.log" | head -8 >&2
    return 1
  fi
}
export -f run_one
export build seconds work
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
