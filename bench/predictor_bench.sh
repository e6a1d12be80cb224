#!/bin/sh
# Predictor benchmark: walk-forward training time (wall and CPU) and the
# out-of-sample IC for the shipped defaults and a few levers, then inference
# (bench/predictor_bench.cc) on the same simulated market.
# Usage: bench/predictor_bench.sh BUILD_DIR [TICKERS] [YEARS]
#   e.g. bench/predictor_bench.sh build 900 10   (BUILD_DIR needs ae and bench/predictor_bench)
# Peers (the reference system's documented figures): training 40-70 min on a cloud
# instance, inference 3-4 min on Lambda. Targets: training < 2 min for 900 x
# 10y on 2 cores, inference < 100 ms after data load.
# Wall times mislead on a shared machine: the load average is printed with
# every figure, and CPU = user + sys of the whole process.
set -eu
BUILD=$(realpath "$1")
TICKERS=${2:-900}
YEARS=${3:-10}
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
export AE_HOME="$HOME_DIR"

"$BUILD/ae" data synth --tickers "$TICKERS" --years "$YEARS" --seed 42 --end 2026-11-27 >/dev/null 2>&1
mkdir -p "$HOME_DIR/config"

# name | predictor.yaml override (empty = the shipped defaults)
train() {
  printf "$2" >"$HOME_DIR/config/predictor.yaml"
  rm -rf "$HOME_DIR/store/predictor/models"
  echo "== $1 (load: $(uptime | sed 's/.*load average: //'))"
  /usr/bin/time -f "ae train: wall %e s, CPU %U s user + %S s sys" \
    "$BUILD/ae" train --promote --force 2>"$HOME_DIR/train.err" >"$HOME_DIR/train.out"
  tail -1 "$HOME_DIR/train.err"
  grep -E "^rows|^overall|^oracle|^OOS|^holdout" "$HOME_DIR/train.out"
}
train "stride 10 (every 10th day)" "training:\n  date_stride: 10\n"
train "eta 0.05, 300 rounds, patience 30 (session-1 settings)" \
  "training:\n  max_rounds: 300\n  early_stopping_rounds: 30\nxgboost:\n  eta: 0.05\n"
train "shipped defaults" ""

echo "== inference, whole universe (load: $(uptime | sed 's/.*load average: //'))"
AE_BENCH_PREDICTOR="$HOME_DIR" "$BUILD/bench/predictor_bench" --benchmark_min_time=1 2>/dev/null |
  grep -E "^BM_|^Benchmark"
