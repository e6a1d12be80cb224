#!/usr/bin/env bash
# The reference features for 900 tickers x 10 years: C++ (features_bench) vs
# pandas (Debian's python3-pandas, installed here if missing) in one run, with
# the ratio and a numerical cross-check; plus the market benchmarks (synthetic
# market generation, store write, cold open + one date's cross-section).
# usage: bench/features_vs_pandas.sh [BUILD_DIR]   (default: build-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-bench}
PY=/usr/bin/python3

if ! $PY -c "import pandas" 2>/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing python3-pandas" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-pandas >/dev/null
fi

HOME_DIR=${AE_BENCH_HOME:-/tmp/ae-bench-home}
export AE_BENCH_MARKET="$HOME_DIR/market"
mkdir -p "$HOME_DIR"

echo "== market_bench (generate 900 x 10y, write the store, open + cross-section)"
"$BUILD/bench/market_bench" --benchmark_counters_tabular=true

echo "== features_bench"
JSON=$(mktemp)
trap 'rm -f "$JSON"' EXIT
"$BUILD/bench/features_bench" --benchmark_format=console --benchmark_out="$JSON" \
  --benchmark_out_format=json --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

echo "== pandas peer"
# Use the per-repetition median from the JSON.
$PY - "$JSON" <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["benchmarks"] = [dict(b, name=b["run_name"]) for b in doc["benchmarks"] if b.get("aggregate_name") == "median"]
json.dump(doc, open(sys.argv[1], "w"))
PYEOF
$PY bench/features_vs_pandas.py "$AE_BENCH_MARKET" "$BUILD/ae" "$JSON"
