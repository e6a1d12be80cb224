#!/bin/sh
# Predictor benchmark: walk-forward training time and daily inference time on
# the simulated market, and the effect of date sampling on out-of-sample IC.
# Usage: bench/predictor_bench.sh AE_BINARY [TICKERS] [YEARS] [STRIDES]
#   e.g. bench/predictor_bench.sh build/ae 900 10 "5 10"
# Peers (reference predictor.md §6): training 40-70 min on a cloud instance,
# inference 3-4 min on Lambda. Prints one block per stride and the ratios.
set -eu
AE=$(realpath "$1")
TICKERS=${2:-900}
YEARS=${3:-10}
STRIDES=${4:-"5 10"}
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
export AE_HOME="$HOME_DIR"

"$AE" data synth --tickers "$TICKERS" --years "$YEARS" --seed 42 --end 2026-11-27 >/dev/null
mkdir -p "$HOME_DIR/config"
for stride in $STRIDES; do
  printf 'training:\n  date_stride: %s\n' "$stride" >"$HOME_DIR/config/predictor.yaml"
  start=$(date +%s.%N)
  "$AE" train --promote --force >"$HOME_DIR/train.out" 2>/dev/null
  end=$(date +%s.%N)
  seconds=$(echo "$end - $start" | bc)
  echo "== stride $stride: ae train wall ${seconds}s (reference 2400-4200 s: $(echo "scale=0; 2400 / $seconds" | bc)x-$(echo "scale=0; 4200 / $seconds" | bc)x faster)"
  cat "$HOME_DIR/train.out"
done
"$AE" predict --date 2026-11-27 --at 2026-11-30T14:00:00Z >"$HOME_DIR/predict.out" 2>/dev/null
echo "== ae predict (whole universe, no research signals)"
cat "$HOME_DIR/predict.out"
