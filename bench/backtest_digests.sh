#!/usr/bin/env bash
# Digests that show a refactoring changed no decision: the backtester's
# replay (nav.csv, fills.csv, trades.csv of `ae backtest run` with walk-forward
# models on a 120-ticker x 4-year simulated market, seed 42) and the sweep's
# digest of every NAV and fill (backtest_sweep_bench, 200 tickers x 500 days x
# 12 parameter combinations). Same build type before and after. Both run the
# `reference` profile, whose decisions predate the benchmark-relative
# construction; the replay digest reads fills.csv without its `cost` column
# (added later), so it still compares with 25c14edf16cdb663.
#   bench/backtest_digests.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AE_HOME="$work/home" AE_PROFILE=reference
"$build/ae" --log-level warn data synth --tickers 120 --years 4 --seed 42 --end 2026-11-27 >/dev/null
"$build/ae" --log-level error backtest run --from 2026-05-01 --to 2026-11-27 --retrain-every 63 \
  >"$work/run.out" 2>"$work/run.err" || { cat "$work/run.err"; exit 1; }
report="$AE_HOME/store/backtest/2026-11-27"
cut -d, -f1-6,8- "$report/fills.csv" >"$work/fills.csv"  # no quoted commas before the reason
echo "replay digest: $(cat "$report/nav.csv" "$work/fills.csv" "$report/trades.csv" | sha256sum | cut -c1-16)"
AE_SWEEP_TICKERS=200 AE_SWEEP_DAYS=500 AE_SWEEP_COMBOS=12 AE_SWEEP_BENCH_HOME="$work/sweep" \
  "$build/bench/backtest_sweep_bench" --benchmark_filter=BM_Sweep 2>/dev/null |
  sed -n 's/.*\(digest [0-9a-f]*\).*/sweep \1/p'
