#!/usr/bin/env bash
# Compares mimetool with GMime and with other MIME extractors on the generated corpus.
#
# usage: bench/compare.sh [-n RUNS] [-s SCALE] [-b BUILD_DIR] [-k SAMPLE] [-o REPORT] [-t TABLES] [-w OUT_PARENT]
#                         [--no-build] [--install] [CORPUS_DIR]
#
#   CORPUS_DIR   where the corpus lives; generated there by bench/gen_corpus.py when absent
#                (default /tmp/mimetool-bench)
#   -n RUNS      runs of every measurement (default 5); tools alternate within each round
#   -s SCALE     corpus scale passed to gen_corpus.py (default 1)
#   -b BUILD_DIR Release build folder (default build-bench in the source tree)
#   -k SAMPLE    small messages exploded one process each in the whole-process table (default 200)
#   -o REPORT    also write the report to this file
#   -t TABLES    which tables to produce, e.g. 3 or 1,2 (default 1,2,3,4,5,6)
#   -w OUT_PARENT  where tables 4 to 6 write the extracted files (default: the script's temporary
#                folder under $TMPDIR); e.g. /dev/shm to take the disk's journal out of the figures
#   --no-build   use the binaries already in BUILD_DIR (e.g. while others use the CPU)
#   --install    apt-get install the comparison tools that are missing (needs root):
#                libgmime-3.0-dev ripmime mpack maildir-utils time libbenchmark-dev
#
# Tables (medians of RUNS, min-max, and ratio to mimetool from the same run):
#   1. in-process: mimetool_driver vs gmime_driver, modes structure / decode / utf8, per set;
#   2. I/O floor: cat FILES > /dev/null and cp -r of the same bytes (whole process);
#   3. whole process: mimetool explode -o DIR vs ripmime, munpack, mu extract, with peak RSS
#      from /usr/bin/time -v.
#   4. whole process, many messages in one process: mimetool explode of the whole small/ folder
#      (-j 1 and -j 2) vs bench/gmime_explode.c doing the same (every part into a file), with
#      the files and bytes each wrote;
#   5. memory: peak RSS split into anonymous and file-backed (sampled from /proc/PID/status) for
#      explode of big, qp, and the first 5,000 vs all small messages in one process;
#   6. copy floor for one large message: mimetool explode of big and qp vs cp of the same file
#      into the same output folder, alternating.
# Tools that are not installed (or a mimetool without 'explode') are reported and skipped.
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit "${1:-64}"; }

runs=5 scale=1 build="" sample=200 report="" tables=1,2,3,4,5,6 install=0 nobuild=0 corpus=/tmp/mimetool-bench
outparent=""
while (($#)); do
  case "$1" in
    -n) runs=${2:?}; shift 2 ;;
    -s) scale=${2:?}; shift 2 ;;
    -b) build=${2:?}; shift 2 ;;
    -k) sample=${2:?}; shift 2 ;;
    -o) report=${2:?}; shift 2 ;;
    -t) tables=${2:?}; shift 2 ;;
    -w) outparent=${2:?}; shift 2 ;;
    --install) install=1; shift ;;
    --no-build) nobuild=1; shift ;;
    -h|--help) usage 0 ;;
    -*) echo "compare.sh: unknown option $1" >&2; usage ;;
    *) corpus=$1; shift ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: -n wants a positive count" >&2; usage; }
[[ $sample =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: -k wants a positive count" >&2; usage; }

src=$(cd "$(dirname "$0")/.." && pwd)
# absolute paths: the extractors run inside their output folder
build=$(realpath -m "${build:-$src/build-bench}")
corpus=$(realpath -m "$corpus")
want() { [[ ,$tables, == *,$1,* ]]; }
work=$(mktemp -d "${TMPDIR:-/tmp}/mimetool-compare.XXXXXX")
outwork=$work
[[ -z $outparent ]] || outwork=$(mktemp -d "$(realpath -m "$outparent")/mimetool-compare-out.XXXXXX")
trap 'rm -rf "$work" "$outwork"' EXIT
out=$work/report.txt
say() { printf '%s\n' "$*" | tee -a "$out"; }
note() { printf 'compare.sh: %s\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------------
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if ((install)); then
  missing=()
  for p in libgmime-3.0-dev ripmime mpack maildir-utils time libbenchmark-dev; do have_pkg "$p" || missing+=("$p"); done
  if ((${#missing[@]})); then
    note "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
[[ -x /usr/bin/time ]] || { echo "compare.sh: /usr/bin/time is missing (Debian package 'time'; or use --install)" >&2; exit 69; }

# --- build ------------------------------------------------------------------------------------
if ((!nobuild)); then
  note "building Release in $build"
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DMIMETOOL_BENCH=ON -DMIMETOOL_BUILD_TESTS=OFF \
    -DMIMETOOL_BUILD_CLI=ON >"$work/build.log" 2>&1 &&
    cmake --build "$build" -j2 --target mimetool_driver mimetool >>"$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log" >&2; echo "compare.sh: the Release build failed (log above)" >&2; exit 70; }
fi
driver_mt=$build/bench/mimetool_driver
cli_mt=$build/cli/mimetool
driver_gm="" explode_gm=""
if pkg-config --exists gmime-3.0 2>/dev/null; then
  driver_gm=$build/bench/gmime_driver
  explode_gm=$build/bench/gmime_explode
  mkdir -p "$build/bench"
  for prog in gmime_driver gmime_explode; do
    if [[ ! -x $build/bench/$prog || $src/bench/$prog.c -nt $build/bench/$prog ]]; then
      # shellcheck disable=SC2046  # pkg-config output is meant to split into words
      cc -O2 -o "$build/bench/$prog" "$src/bench/$prog.c" $(pkg-config --cflags --libs gmime-3.0)
    fi
  done
else
  note "GMime not found (Debian package libgmime-3.0-dev): in-process comparison shows mimetool only"
fi

[[ -x $driver_mt ]] || { echo "compare.sh: $driver_mt is missing (build without --no-build)" >&2; exit 70; }

# --- corpus -----------------------------------------------------------------------------------
python3 "$src/bench/gen_corpus.py" "$corpus" --scale "$scale"

# --- helpers ----------------------------------------------------------------------------------
# stats FILE: "median min max" of the numbers in FILE, one a line.
stats() {
  sort -g "$1" | awk '{a[NR]=$1} END {if (!NR) {print "- - -"; exit}
    m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.4g %.4g %.4g\n", m, a[1], a[NR]}'
}
median() { stats "$1" | cut -d' ' -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0 && a != "-") printf "%.2fx", a / b; else print "-"}'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }  # field NAME < driver output line
now() { printf '%s\n' "$EPOCHREALTIME"; }

# --- machine ----------------------------------------------------------------------------------
say "mimetool benchmark comparison, $(date -u '+%Y-%m-%d %H:%M UTC')"
say "commit $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo unknown), runs=$runs, corpus=$corpus"
say "$(grep -v '^generator' "$corpus/CORPUS.txt" | tr '\t' ' ' | sed 's/^/  corpus /')"
say "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
say ""

# --- 1. in-process ----------------------------------------------------------------------------
sets=(small headers big qp)
modes=(structure decode utf8)
for set in "${sets[@]}"; do find "$corpus/$set" -type f | sort >"$work/files.$set"; done
if want 1; then
say "1. In-process (files preloaded; only parsing/decoding is timed). Median [min-max] seconds of"
say "   wall time, MB/s at the median, and median CPU seconds (user+sys of the process while timed)."
hdr() { printf '%-8s %-9s | %-30s %-7s | %-30s %-7s | %-9s %s\n' "$@" | tee -a "$out"; }
hdr set mode "mimetool wall [min-max] MB/s" cpu "gmime wall [min-max] MB/s" cpu "ratio cpu" "ratio wall"
for set in "${sets[@]}"; do
  for mode in "${modes[@]}"; do
    for ((r = 0; r < runs; r++)); do
      # alternate which tool goes first, so drift in machine load hits both alike
      order=(mt gm); ((r % 2)) && order=(gm mt)
      for tool in "${order[@]}"; do
        bin=$driver_mt; [[ $tool == gm ]] && bin=$driver_gm
        [[ -n $bin ]] || continue
        line=$("$bin" "$mode" "$corpus/$set")
        printf '%s\n' "$line" >>"$work/drivers.log"
        field seconds <<<"$line" >>"$work/ip.$set.$mode.$tool.t"
        field cpu_seconds <<<"$line" >>"$work/ip.$set.$mode.$tool.cpu"
        field bytes <<<"$line" >"$work/ip.$set.bytes"
      done
    done
    bytes=$(cat "$work/ip.$set.bytes")
    cell() {
      local f=$work/ip.$set.$mode.$1.t
      [[ -s $f ]] || { echo "-"; return; }
      read -r m lo hi < <(stats "$f")
      printf '%s [%s-%s] %s' "$m" "$lo" "$hi" "$(awk -v b="$bytes" -v s="$m" 'BEGIN {printf "%.0f", b / 1e6 / s}')"
    }
    med() { if [[ -s $1 ]]; then median "$1"; else echo -; fi; }
    p=$work/ip.$set.$mode
    hdr "$set" "$mode" "$(cell mt)" "$(med "$p.mt.cpu")" "$(cell gm)" "$(med "$p.gm.cpu")" \
      "$(ratio "$(med "$p.gm.cpu")" "$(med "$p.mt.cpu")")" "$(ratio "$(med "$p.gm.t")" "$(med "$p.mt.t")")"
  done
done
say "(ratio = gmime / mimetool: > 1 means mimetool is faster.) What each tool saw (must agree):"
grep ' mode=decode ' "$work/drivers.log" | awk '{print "  " $1, $3, $5, $6, $7}' | sort -u | tee -a "$out"
say ""
fi

# --- 2. I/O floor -----------------------------------------------------------------------------
if want 2; then
say "2. I/O floor, whole process (page cache warm): median [min-max] seconds, MB/s"
printf '%-9s | %-34s | %-34s\n' set "cat FILES > /dev/null" "cp -r" | tee -a "$out"
for set in "${sets[@]}"; do
  bytes=$(xargs -a "$work/files.$set" -d '\n' cat | wc -c)
  for ((r = 0; r < runs; r++)); do
    t0=$(now); xargs -a "$work/files.$set" -d '\n' cat >/dev/null; t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f\n", b - a}' >>"$work/io.$set.cat.t"
    rm -rf "$work/cp"; t0=$(now); cp -r "$corpus/$set" "$work/cp"; t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f\n", b - a}' >>"$work/io.$set.cp.t"
    rm -rf "$work/cp"
  done
  c1() { read -r m lo hi < <(stats "$1"); printf '%s [%s-%s] %s' "$m" "$lo" "$hi" \
    "$(awk -v b="$bytes" -v s="$m" 'BEGIN {printf "%.0f", b / 1e6 / s}')"; }
  printf '%-9s | %-34s | %-34s\n' "$set" "$(c1 "$work/io.$set.cat.t")" "$(c1 "$work/io.$set.cp.t")" | tee -a "$out"
done
say "(cp -r writes the copy into the page cache, as the extractors below write their output; no sync.)"
say ""
fi

# --- 3. whole-process extraction ---------------------------------------------------------------
if want 3; then
say "3. Whole process: extract every part of a message into an empty folder."
say "   median [min-max] wall seconds, median CPU seconds (user+sys), median peak RSS MiB (max over"
say "   the files of a run); ratio = tool / mimetool: > 1 means mimetool is faster."
tools=()
if "$cli_mt" explode --help >/dev/null 2>&1; then tools+=(mimetool); else note "mimetool has no 'explode' yet: skipped"; fi
command -v ripmime >/dev/null && tools+=(ripmime) || note "ripmime not installed (Debian package ripmime)"
command -v munpack >/dev/null && tools+=(munpack) || note "munpack not installed (Debian package mpack)"
command -v mu >/dev/null && tools+=(mu) || note "mu not installed (Debian package maildir-utils)"
# extract_cmd TOOL FILE DIR: sets cmd to the command line that extracts every part of FILE into DIR.
extract_cmd() {
  case "$1" in
    mimetool) cmd=("$cli_mt" explode -j 1 -o "$3" "$2") ;;
    ripmime) cmd=(ripmime -i "$2" -d "$3") ;;
    munpack) cmd=(munpack -q -t -f -C "$3" "$2") ;;
    mu) cmd=(mu extract --save-all --overwrite --target-dir="$3" "$2") ;;
  esac
}
# extract_one TOOL FILE RSSFILE CPUFILE: one process under /usr/bin/time -v, into a fresh empty folder.
extract_one() {
  rm -rf "$work/out"; mkdir "$work/out"
  extract_cmd "$1" "$2" "$work/out"
  (cd "$work/out" && /usr/bin/time -v -o "$work/time.out" "${cmd[@]}" >/dev/null 2>"$work/tool.err") ||
    printf '%s\t%s\t%s\n' "$1" "${2##*/}" "$(grep -v '^Command exited' "$work/tool.err" | tail -1)" >>"$work/failures"
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.out" >>"$3"
  awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f\n", s}' "$work/time.out" >>"$4"
}
head -n "$sample" "$work/files.small" >"$work/files.sample"
printf '%-7s %-9s | %-27s | %-6s | %-7s | %-9s %s\n' input tool "wall s [min-max]" "cpu s" "RSS MiB" "ratio cpu" "ratio wall" | tee -a "$out"
for input in big qp sample; do
  case $input in
    big) printf '%s\n' "$corpus/big/attachments.eml" >"$work/in.$input" ;;
    qp) printf '%s\n' "$corpus/qp/text.eml" >"$work/in.$input" ;;
    sample) cp "$work/files.sample" "$work/in.$input" ;;
  esac
  for ((r = 0; r < runs; r++)); do
    n=${#tools[@]}
    for ((i = 0; i < n; i++)); do
      tool=${tools[$(((i + r) % n))]}  # rotate the starting tool each round
      name=x.$input.$tool
      : >"$work/$name.run.rss"; : >"$work/$name.run.cpu"
      t0=$(now)
      while IFS= read -r f; do extract_one "$tool" "$f" "$work/$name.run.rss" "$work/$name.run.cpu"; done <"$work/in.$input"
      t1=$(now)
      awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f\n", b - a}' >>"$work/$name.t"
      sort -g "$work/$name.run.rss" | tail -1 >>"$work/$name.rss"
      awk '{s += $1} END {print s}' "$work/$name.run.cpu" >>"$work/$name.cpu"
    done
  done
  rm -rf "$work/out"
  base=""; cbase=""
  [[ -s $work/x.$input.mimetool.t ]] && base=$(median "$work/x.$input.mimetool.t") cbase=$(median "$work/x.$input.mimetool.cpu")
  for tool in "${tools[@]}"; do
    read -r m lo hi < <(stats "$work/x.$input.$tool.t")
    c=$(median "$work/x.$input.$tool.cpu")
    # /usr/bin/time reports CPU in hundredths: too coarse for one small message per process
    [[ $input == sample ]] && c=n/a cbase=""
    rss=$(awk '{print $1 / 1024}' "$work/x.$input.$tool.rss" >"$work/rss.mib"; median "$work/rss.mib")
    printf '%-7s %-9s | %-27s | %-6s | %-7.1f | %-9s %s\n' "$input" "$tool" "$m [$lo-$hi]" "$c" "$rss" \
      "${cbase:+$(ratio "$c" "$cbase")}" "${base:+$(ratio "$m" "$base")}" | tee -a "$out"
  done
done
say "(cpu n/a for sample: /usr/bin/time reports hundredths of a second, too coarse for one small message.)"
if [[ -s $work/failures ]]; then
  say "Non-zero exits over all runs (tool: count, distinct files, last stderr lines seen):"
  for tool in $(cut -f1 "$work/failures" | sort -u); do
    say "  $tool: $(grep -c "^$tool	" "$work/failures") exits, $(awk -F'\t' -v t="$tool" '$1 == t {print $2}' "$work/failures" | sort -u | wc -l) files;" \
      "$(awk -F'\t' -v t="$tool" '$1 == t {print $3}' "$work/failures" | sort | uniq -c | sort -rn | head -3 | sed 's/^ *//' | paste -sd';' -)"
  done
fi
say "(big: $(wc -c <"$corpus/big/attachments.eml") bytes; qp: $(wc -c <"$corpus/qp/text.eml") bytes;"
say " sample: the first $sample small messages, one process per message, the run's total time;"
say " wall times include creating and removing the output folder.)"
fi

# --- 4. many messages, one process ----------------------------------------------------------------
# written FOLDER: "files bytes" of what an extractor left in FOLDER.
written() { find "$1" -type f -printf '%s\n' | awk '{n++; s += $1} END {printf "%d %d\n", n, s}'; }
if want 4; then
say "4. Whole process, one call for all of small/ ($(wc -l <"$work/files.small") messages): every part of every"
say "   message into its own subfolder of an empty output folder under ${outparent:-\$TMPDIR}."
say "   median [min-max] wall s, median user / sys CPU s and peak RSS MiB (/usr/bin/time); ratio ="
say "   tool / mimetool -j 1 (> 1: mimetool faster). load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
many_tools=("mimetool-j1" "mimetool-j2")
[[ -n $explode_gm ]] && many_tools+=(gmime)
for ((r = 0; r < runs; r++)); do
  n=${#many_tools[@]}
  for ((i = 0; i < n; i++)); do
    tool=${many_tools[$(((i + r) % n))]}
    dest=$outwork/many
    rm -rf "$dest"
    case $tool in
      mimetool-j1) cmd=("$cli_mt" explode -j 1 -o "$dest" "$corpus/small") ;;
      mimetool-j2) cmd=("$cli_mt" explode -j 2 -o "$dest" "$corpus/small") ;;
      gmime) cmd=("$explode_gm" "$dest" "$corpus/small") ;;
    esac
    t0=$(now)
    /usr/bin/time -f '%U %S %M' -o "$work/time.many" "${cmd[@]}" >/dev/null 2>"$work/tool.err" ||
      note "$tool failed: $(tail -1 "$work/tool.err")"
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f\n", b - a}' >>"$work/many.$tool.t"
    read -r u sy m <"$work/time.many"
    echo "$u" >>"$work/many.$tool.user"; echo "$sy" >>"$work/many.$tool.sys"
    awk -v m="$m" 'BEGIN {print m / 1024}' >>"$work/many.$tool.rss"
    ((r)) || written "$dest" >"$work/many.$tool.written"
    rm -rf "$dest"
  done
done
printf '%-12s | %-27s | %-6s | %-6s | %-7s | %-7s | %s\n' tool "wall s [min-max]" "user" "sys" "RSS MiB" "ratio" "files, bytes written" | tee -a "$out"
base=$(median "$work/many.mimetool-j1.t")
for tool in "${many_tools[@]}"; do
  read -r m lo hi < <(stats "$work/many.$tool.t")
  printf '%-12s | %-27s | %-6s | %-6s | %-7.1f | %-7s | %s\n' "$tool" "$m [$lo-$hi]" "$(median "$work/many.$tool.user")" \
    "$(median "$work/many.$tool.sys")" "$(median "$work/many.$tool.rss")" "$(ratio "$m" "$base")" \
    "$(cat "$work/many.$tool.written")" | tee -a "$out"
done
say "   (-j 2 vs -j 1: $(ratio "$base" "$(median "$work/many.mimetool-j2.t")") faster. load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
say ""
fi

# --- 5. memory ---------------------------------------------------------------------------------
# peak_mem CMD...: runs CMD, sampling /proc/PID/status every 2 ms; prints "VmHWM RssAnon RssFile"
# peaks in KiB (VmHWM from the kernel; the other two are the sampled maxima).
peak_mem() {
  "$@" >/dev/null 2>&1 &
  local pid=$! anon=0 file=0 hwm=0 a f h
  while kill -0 "$pid" 2>/dev/null; do
    if read -r a f h < <(awk '/^RssAnon/ {a = $2} /^RssFile/ {f = $2} /^VmHWM/ {h = $2} END {print a + 0, f + 0, h + 0}' \
      "/proc/$pid/status" 2>/dev/null); then
      ((a > anon)) && anon=$a; ((f > file)) && file=$f; ((h > hwm)) && hwm=$h
    fi
    sleep 0.002
  done
  wait "$pid" || note "memory run failed: $*"
  echo "$hwm $anon $file"
}
if want 5; then
say "5. Memory of mimetool explode -j 1 (sampled every 2 ms; median of $runs runs), MiB."
printf '%-22s | %-10s | %-9s | %-9s | %-9s\n' input "input MiB" "peak RSS" "anon" "file" | tee -a "$out"
mkdir -p "$outwork/first5000"
head -n 5000 "$work/files.small" | while IFS= read -r f; do ln -s "$f" "$outwork/first5000/"; done
for input in big qp small-5000 small-20000; do
  case $input in
    big) in_path=$corpus/big/attachments.eml ;;
    qp) in_path=$corpus/qp/text.eml ;;
    small-5000) in_path=$outwork/first5000 ;;
    small-20000) in_path=$corpus/small ;;
  esac
  in_mib=$(find -L "$in_path" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1048576}')
  : >"$work/mem.$input"
  for ((r = 0; r < runs; r++)); do
    rm -rf "$outwork/mem"
    peak_mem "$cli_mt" explode -j 1 -o "$outwork/mem" "$in_path" >>"$work/mem.$input"
  done
  rm -rf "$outwork/mem"
  col() { awk -v c="$1" '{print $c / 1024}' "$work/mem.$input" >"$work/mem.col"; median "$work/mem.col"; }
  printf '%-22s | %-10s | %-9s | %-9s | %-9s\n' "$input" "$in_mib" "$(col 1)" "$(col 2)" "$(col 3)" | tee -a "$out"
done
say "   (peak RSS = VmHWM; anon = RssAnon, the heap; file = RssFile, pages of memory-mapped inputs and"
say "   libraries, which are page cache, not memory of the process's own.)"
say ""
fi

# --- 6. one large message vs cp ---------------------------------------------------------------------
if want 6; then
say "6. One large message, whole process, page cache warm: mimetool explode -j 1 -o DIR FILE vs"
say "   cp FILE DIR/ (output under ${outparent:-\$TMPDIR}), alternating; median [min-max] wall seconds."
printf '%-5s | %-10s | %-27s | %-27s | %s\n' input "MB in" "cp" "mimetool explode" "explode / cp" | tee -a "$out"
for input in big qp; do
  case $input in
    big) f=$corpus/big/attachments.eml ;;
    qp) f=$corpus/qp/text.eml ;;
  esac
  cat "$f" >/dev/null
  for ((r = 0; r < runs; r++)); do
    order=(cp mt); ((r % 2)) && order=(mt cp)
    for tool in "${order[@]}"; do
      rm -rf "$outwork/one"; mkdir "$outwork/one"
      t0=$(now)
      if [[ $tool == cp ]]; then cp "$f" "$outwork/one/"; else "$cli_mt" explode -j 1 -o "$outwork/one/x" "$f" >/dev/null; fi
      t1=$(now)
      awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f\n", b - a}' >>"$work/one.$input.$tool.t"
    done
  done
  rm -rf "$outwork/one"
  read -r cm clo chi < <(stats "$work/one.$input.cp.t")
  read -r mm mlo mhi < <(stats "$work/one.$input.mt.t")
  printf '%-5s | %-10s | %-27s | %-27s | %s\n' "$input" "$(awk -v b="$(wc -c <"$f")" 'BEGIN {printf "%.1f", b / 1e6}')" \
    "$cm [$clo-$chi]" "$mm [$mlo-$mhi]" "$(ratio "$mm" "$cm")" | tee -a "$out"
done
say "   (explode writes the decoded parts, cp the raw file; load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
say ""
fi

[[ -z $report ]] || cp "$out" "$report"
