#!/usr/bin/env bash
# The real S&P 500 collection (476 stocks x 3.5 years, ../shared/data/real-us-equities):
# import, then `ae backtest run` over the holdout year with walk-forward
# preparation (research, training every 126 sessions, daily predictions of
# the whole universe), the replay and the four risk-rule replays; cold (empty
# workspace) and warm (the cached workspace). Skipped when the data is absent.
#   bench/real_data_backtest.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
data="$(cd "$(dirname "$0")/.." && pwd)/../shared/data/real-us-equities"
if [ ! -d "$data/stocks" ]; then
  echo "real_data_backtest: skipped ($data is absent)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AE_HOME="$work/home"
start=$(date +%s.%N)
"$build/ae" --log-level error data import "$data" >/dev/null
imported=$(date +%s.%N)
mkdir -p "$AE_HOME/config"
printf 'training:\n  min_train_days: 252\n' >"$AE_HOME/config/predictor.yaml"
"$build/ae" --log-level error backtest run --from 2015-06-01 --to 2016-05-31 >"$work/cold.out" 2>/dev/null
cold=$(date +%s.%N)
"$build/ae" --log-level error backtest run --from 2015-06-01 --to 2016-05-31 >"$work/warm.out" 2>/dev/null
warm=$(date +%s.%N)
awk -v s="$start" -v i="$imported" -v c="$cold" -v w="$warm" \
  'BEGIN { printf "import %.1f s; backtest cold %.1f s, warm %.1f s\n", i - s, c - i, w - c }'
grep -E "time:|alpha" "$work/cold.out"
