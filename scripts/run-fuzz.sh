#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/<target>.cc, built by `make fuzz` into
# BUILD_DIR/fuzz/fuzz_<target>) for SECONDS each, FUZZ_JOBS at a time (2), then
# prints one line per target: executions, executions per second, crashes
# (every crash, sanitizer report, timeout or out-of-memory input), coverage
# (edges at the start -> at the end) and the inputs that added coverage.
#
#   scripts/run-fuzz.sh BUILD_DIR [SECONDS] [TARGET...]    (default: 300 s, every target)
#
# Each target fuzzes its working corpus BUILD_DIR/corpus/<target>/, seeded from
# the committed fuzz/corpus/<target>/ (never written to) and kept between runs.
# Findings go to BUILD_DIR/findings/<target>/ (crash-*, timeout-*, oom-*,
# leak-*: replay one with `BUILD_DIR/fuzz/fuzz_<target> FILE`), logs to
# BUILD_DIR/fuzz-logs/<target>.log. Scratch files go to /dev/shm when it is
# writable. libFuzzer stops a target at its first finding. Exits 1 when any
# target found something.
set -euo pipefail

usage() { echo "usage: $0 BUILD_DIR [SECONDS] [TARGET...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
build_dir=$(cd "$1" && pwd)
seconds=${2:-300}
[[ "$seconds" =~ ^[0-9]+$ ]] || usage
shift $(( $# >= 2 ? 2 : 1 ))
jobs=${FUZZ_JOBS:-2}
source_dir=$(cd "$(dirname "$0")/.." && pwd)

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in "$source_dir"/fuzz/*.cc; do targets+=("$(basename "$source" .cc)"); done
fi

# The largest input each target is given (bytes): a shipped pipeline
# definition is 23 KB, a contract document a few KB, a query string short.
declare -A max_len=([asl_definition]=32768 [contracts]=8192 [csv_import]=8192
                    [yaml_parameters]=8192 [http_query]=2048)
default_max_len=4096

scratch=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && scratch=/dev/shm

for target in "${targets[@]}"; do
  binary="$build_dir/fuzz/fuzz_$target"
  [ -x "$binary" ] || { echo "run-fuzz: no $binary (build it with make fuzz)" >&2; exit 2; }
  mkdir -p "$build_dir/corpus/$target" "$build_dir/findings/$target" "$build_dir/fuzz-logs"
  cp -rn "$source_dir/fuzz/corpus/$target/." "$build_dir/corpus/$target/"
done

# One target: runs it, then records its findings count and its seconds.
run_one() {
  local target=$1 log="$build_dir/fuzz-logs/$1.log" started
  local findings="$build_dir/findings/$target"
  local before
  before=$(find "$findings" -type f | wc -l)
  started=$(date +%s)
  echo "run-fuzz: $target for ${seconds}s" >&2
  TMPDIR="$scratch" "$build_dir/fuzz/fuzz_$target" -max_total_time="$seconds" \
    -max_len="${max_len[$target]:-$default_max_len}" -rss_limit_mb=2048 -timeout=20 \
    -print_final_stats=1 -artifact_prefix="$findings/" "$build_dir/corpus/$target" \
    >"$log" 2>&1 || true
  echo "$(( $(find "$findings" -type f | wc -l) - before )) $(( $(date +%s) - started ))" \
    >"$build_dir/fuzz-logs/$target.result"
}

running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_one "$target" &
  running=$((running + 1))
done
wait

final_stat() { grep -o "stat::$2: *[0-9]*" "$1" | grep -o '[0-9]*$' | tail -1; }
found=0
printf '%-16s %8s %12s %8s %8s %16s %9s\n' target seconds executions exec/s crashes coverage new-units
for target in "${targets[@]}"; do
  log="$build_dir/fuzz-logs/$target.log"
  read -r crashes took <"$build_dir/fuzz-logs/$target.result"
  first=$(grep -o 'INITED cov: [0-9]*' "$log" | grep -o '[0-9]*$' | head -1)
  last=$(grep -o ' cov: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  printf '%-16s %8s %12s %8s %8s %16s %9s\n' "$target" "$took" \
    "$(final_stat "$log" number_of_executed_units)" "$(final_stat "$log" average_exec_per_sec)" "$crashes" \
    "${first:-?} -> ${last:-?}" "$(final_stat "$log" new_units_added)"
  [ "$crashes" -eq 0 ] || found=1
done
if [ "$found" -ne 0 ]; then
  echo "run-fuzz: findings under $build_dir/findings/ (logs in $build_dir/fuzz-logs/)" >&2
fi
exit "$found"
