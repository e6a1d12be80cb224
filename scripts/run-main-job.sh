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

step "Contracts compiled into this build"
"$ae" contracts list

step "The coverage invariant on the 2026-04-20 incident (signals with 7 buy candidates, predictions for 3)"
examples=$(dirname "$0")/../docs/examples
"$ae" store put signals/2026-04-20/signals.json "$examples/incident-signals.json"
"$ae" store put predictor/predictions/2026-04-20.json "$examples/incident-predictions.json"
"$ae" contracts validate signals --key signals/2026-04-20/signals.json
"$ae" contracts validate predictions --key predictor/predictions/2026-04-20.json
if "$ae" coverage --help >/dev/null 2>&1; then
  "$ae" coverage --date 2026-04-20 || true
fi

cat <<'NOTE'

Not yet in this build: the pipelines (saturday, weekday, eod), research, the
predictor and the executor. When they land, `make run` will synthesize a market,
run the saturday pipeline and simulate the following 20 trading days.
NOTE
