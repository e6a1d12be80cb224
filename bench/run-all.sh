#!/usr/bin/env bash
# `make bench`: runs every benchmark binary built from bench/*_bench.cc and
# every peer-comparison script bench/*_vs_*.sh, and the end-to-end pipelines
# benchmark (bench/pipelines_bench.sh, about 6 minutes) and the backtest replay
# (bench/backtest_replay_bench.sh, about 8 minutes), the Step Functions API with boto3
# (bench/sfn_api_bench.sh, about 30 s), printing each one's figures.
# Results are also saved under bench/results/<name>.txt (git-ignored).
set -euo pipefail
build_dir=${1:-build-bench}
here=$(cd "$(dirname "$0")" && pwd)
results="$here/results"
mkdir -p "$results"

for binary in "$build_dir"/bench/*_bench; do
  [ -x "$binary" ] || continue
  name=$(basename "$binary")
  echo "== $name"
  "$binary" --benchmark_counters_tabular=true 2>&1 | tee "$results/$name.txt"
done

for script in "$here"/*_vs_*.sh; do
  [ -x "$script" ] || continue
  name=$(basename "$script" .sh)
  echo "== $name"
  "$script" "$build_dir" 2>&1 | tee "$results/$name.txt"
done

echo "== pipelines_bench"
"$here/pipelines_bench.sh" "$build_dir/ae" 2>&1 | grep -v '^alarm ' | tee "$results/pipelines_bench.txt"

echo "== backtest_replay_bench"
"$here/backtest_replay_bench.sh" "$build_dir/ae" 2>&1 | tee "$results/backtest_replay_bench.txt"

echo "== real_data_backtest"
"$here/real_data_backtest.sh" "$build_dir" 2>&1 | tee "$results/real_data_backtest.txt"

echo "== dashboard_bench"
"$here/dashboard_bench.sh" "$build_dir/ae" 2>&1 | tee "$results/dashboard_bench.txt"

echo "== sfn_api_bench"
"$here/sfn_api_bench.sh" "$build_dir/ae" 2>&1 | tee "$results/sfn_api_bench.txt"
