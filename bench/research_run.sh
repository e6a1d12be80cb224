#!/bin/bash
# Times one full research run over a 900-ticker simulated market through the
# CLI (process start, parameter loading and everything research does), after
# the data is loaded. Usage: bench/research_run.sh [path/to/ae] [runs]
# Prints each run's wall time and the ratio to the reference's 900 s Lambda.
set -euo pipefail
AE=${1:-build/src/ae}
RUNS=${2:-5}
HOME_DIR=${AE_BENCH_RESEARCH_HOME:-/tmp/ae-bench-research-cli}
DATE=2026-06-26
if [ ! -f "$HOME_DIR/market/universe.json" ]; then
  "$AE" --home "$HOME_DIR" --log-level warn data synth --tickers 900 --years 2 --seed 42 \
    --end "$DATE" > /dev/null
fi
"$AE" --home "$HOME_DIR" --log-level warn research run --date "$DATE" --force > /dev/null  # warm
for i in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  "$AE" --home "$HOME_DIR" --log-level warn research run --date "$DATE" --force > /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { t = e - s; printf "run %.3f s  (reference 900 s: %.0fx)\n", t, 900 / t }'
done
