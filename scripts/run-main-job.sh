#!/usr/bin/env bash
# The README's main job (`make run`): on a fresh home ($AE_HOME, default
# ./var/main-job), on the embedded defaults (simulated market, SQLite, the
# local ASL engine, the paper broker):
#   1. synthesize the market: 900 tickers x 10 years to the last closed session;
#   2. simulate the 20 trading days before that with `ae simulate`, starting on
#      the Saturday before them (saturday pipeline: data, research, training);
#      every weekday runs the weekday pipeline (coverage self-heal included)
#      and the eod pipeline, on the virtual clock;
#   3. rehearse the 2026-04-20 incident on the last day: the predictor's first
#      run loses a buy candidate, the pipeline heals it before the planner;
#   4. print the summary and where the artifacts and histories are.
# A re-run on the same home reuses what exists (executions are named by day
# and never run twice); `rm -rf $AE_HOME` to start over.
set -euo pipefail
ae=${1:-build/ae}
export AE_HOME=${AE_HOME:-$PWD/var/main-job}
mkdir -p "$AE_HOME"
export AE_LOG_LEVEL=${AE_LOG_LEVEL:-warn}
ae_() { "$ae" --log-level "$AE_LOG_LEVEL" "$@"; }

step() { printf '\n== %s\n' "$*"; }

step "alpha-engine $(ae_ --version | cut -d' ' -f2-) - home: $AE_HOME"

last=$(ae_ calendar last-closed | cut -c1-10)
if [ ! -f "$AE_HOME/market/universe.json" ]; then
  step "Simulated market: 900 tickers x 10 years to $last, seed 42 (same bytes on every run)"
  ae_ data synth --tickers 900 --years 10 --seed 42 --end "$last" >"$AE_HOME/synth-summary.json"
  sed -n 's/.*"mean_rank_ic": *\([-0-9.e]*\).*/\1/p' "$AE_HOME/synth-summary.json" | head -1 |
    LC_ALL=C xargs -r printf '  oracle rank IC of the planted signal: %.4f\n'
fi

# The latest Saturday followed by at least 21 trading days up to the last
# closed session: 20 to simulate, then the incident rehearsal on the 21st.
saturday=$(date -u -d "$last -$((($(date -u -d "$last" +%u) + 1) % 7)) days" +%F)
while [ "$(ae_ calendar list --from "$saturday" --to "$last" | wc -l)" -lt 21 ]; do
  saturday=$(date -u -d "$saturday -7 days" +%F)
done
days=$(ae_ calendar list --from "$saturday" --to "$last" | cut -c1-10)
last=$(echo "$days" | sed -n 21p)
# Simulate up to the day before it, so a Saturday in between runs too (the
# planner wants research at most 192 h old).
before_last=$(date -u -d "$last -1 day" +%F)

step "ae simulate --from $saturday --to $before_last (saturday, then weekday + eod per trading day)"
ae_ simulate --from "$saturday" --to "$before_last"

step "Incident rehearsal on $last: the first predict loses a buy candidate"
candidate=$(ae_ store get signals/latest.json | jq -r '.buy_candidates[0].ticker')
ae_ run weekday --clock virtual --date "$last" --name "weekday-$last" \
  --fault "omit-first=$candidate" --skip-drift-check
ae_ run eod --clock virtual --date "$last" --name "eod-$last" --skip-drift-check

step "Coverage of $last after the self-heal"
ae_ coverage --date "$last"

step "Where things are"
cat <<NOTE
  executions and their histories   ae sfn list; ae sfn history weekday-$last
  (SQLite: $AE_HOME/state/states/executions.sqlite)
  signals, predictions, order books $AE_HOME/store/{signals,predictor,trades}/
  ledger (trades, eod_pnl)          ae ledger trades; ae ledger eod
  health of every module            ae health
  metrics and alarms                ae metrics list; ae alarms evaluate
  the saturday backtest and tuning  ae backtest report; $AE_HOME/store/backtest/
  the dashboard                     ae serve  (then open http://127.0.0.1:8080/)
NOTE
