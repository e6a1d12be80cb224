#!/usr/bin/env bash
# The README's main job (`make run`): runs the most complete end-to-end thing
# this build can do on the embedded defaults, in $AE_HOME (default ./var), and
# says what it ran. It grows as the pipelines land.
set -euo pipefail
ae=${1:-build/ae}
export AE_HOME=${AE_HOME:-$PWD/var}
mkdir -p "$AE_HOME"

step() { printf '\n== %s\n' "$*"; }

step "alpha-engine $("$ae" --version | cut -d' ' -f2-) — home: $AE_HOME"

if "$ae" calendar --help >/dev/null 2>&1; then
  step "NYSE calendar: today"
  "$ae" calendar check
  step "NYSE calendar: the next two weeks"
  "$ae" calendar list --from "$(date -u +%F)" --to "$(date -u -d '+14 days' +%F)"
fi

step "Simulated market: 900 tickers x 10 years, seed 42 (deterministic; same bytes on every run)"
"$ae" data synth --tickers 900 --years 10 --seed 42 >"$AE_HOME/synth-summary.json"
python3 - "$AE_HOME/synth-summary.json" <<'PY' 2>/dev/null || cat "$AE_HOME/synth-summary.json"
import json, sys
s = json.load(open(sys.argv[1]))
print(f"  {s['tickers']} tickers, {s['start']} .. {s.get('end', '?')}, oracle rank IC of the planted signal "
      f"{s['oracle']['mean_rank_ic']:.4f} over {s['oracle']['days']} days")
PY

step "Data-quality report"
"$ae" data check

step "Reference features of one ticker (last 5 days)"
ticker=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['tickers'][0]['ticker'])" "$AE_HOME/market/universe.json" 2>/dev/null || true)
if [ -n "$ticker" ]; then
  "$ae" features "$ticker" --csv | cut -d, -f1-8 | { head -1; tail -5; }
fi

last_day=$("$ae" calendar last-closed 2>/dev/null | head -1 | cut -c1-10)
step "Research on the simulated market for $last_day"
"$ae" research run --date "$last_day"

step "Coverage check for $last_day before any prediction (every buy candidate is missing: the executor would refuse to size)"
"$ae" coverage --date "$last_day"

step "Contracts compiled into this build"
"$ae" contracts list

step "The coverage invariant on the 2026-04-20 incident (signals with 7 buy candidates, predictions for 3)"
examples=$(dirname "$0")/../docs/examples
"$ae" store put signals/2026-04-20/signals.json "$examples/incident-signals.json"
"$ae" store put predictor/predictions/2026-04-20.json "$examples/incident-predictions.json"
"$ae" contracts validate signals --key signals/2026-04-20/signals.json
"$ae" contracts validate predictions --key predictor/predictions/2026-04-20.json
"$ae" coverage --date 2026-04-20

cat <<'NOTE'

Next (issue 8): `make run` will train the model, run the saturday pipeline on
this market and simulate the following 20 trading days with `ae simulate`.
Already available: `ae train`, `ae predict`, `ae plan`, `ae trade`, `ae eod`
and `ae run weekday|saturday|eod` (see docs/running.md).
NOTE
