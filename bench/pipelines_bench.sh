#!/usr/bin/env bash
# Pipeline benchmarks on the 900-ticker x 10-year simulated market (seed 42):
#   1. one saturday execution (data phase, research, walk-forward training);
#   2. one full weekday execution on the virtual clock (target < 2 s);
#   3. `ae simulate` over 250 trading days (target < 5 minutes), keeping the
#      champion of step 1 (skip_predictor_training) - weekly retraining costs
#      step 1's training time once per Saturday on top.
# Prints wall and CPU (user+sys, children included) for each, the weekday's
# per-state durations and simulate's report with its share of time per state.
#   bench/pipelines_bench.sh [AE_BINARY] [TRADING_DAYS]
set -euo pipefail
ae_src=${1:-build/ae}
days=${2:-250}
work=$(mktemp -d)  # kept: its home holds every execution's history (printed at the end)
cp "$ae_src" "$work/ae"  # a rebuild during the run must not swap the binary
ae="$work/ae"
export AE_HOME="$work/home"
mkdir -p "$AE_HOME"
timed() {  # label, command...
  local label=$1
  shift
  /usr/bin/time -f "$label: wall %e s, cpu %U+%S s" "$@"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

end=2026-11-27
"$ae" --log-level warn data synth --tickers 900 --years 10 --seed 42 --end "$end" >/dev/null
# The Saturday before the span of `days` trading days ending at $end.
first=$("$ae" calendar list --from "$(date -u -d "$end -$((days * 3 / 2 + 10)) days" +%F)" \
  --to "$end" | tail -n "$days" | head -1 | cut -c1-10)
saturday=$(date -u -d "$first -$((($(date -u -d "$first" +%u) + 1) % 7)) days" +%F)

echo "== saturday $saturday"
timed "saturday" "$ae" --log-level warn run saturday --date "$saturday" --name "saturday-$saturday" \
  --skip-drift-check | tail -1
echo "== weekday $first"
timed "weekday" "$ae" --log-level warn run weekday --date "$first" --name "weekday-$first" \
  --skip-drift-check
timed "eod" "$ae" --log-level warn run eod --date "$first" --name "eod-$first" --skip-drift-check |
  tail -1
echo "== simulate $saturday .. $end ($days trading days)"
timed "simulate" "$ae" --log-level warn simulate --from "$saturday" --to "$end" \
  --saturday-input '{"skip_predictor_training": true}' 2>/dev/null
echo "home with every execution's history: $AE_HOME (ae sfn list --home $AE_HOME)"
