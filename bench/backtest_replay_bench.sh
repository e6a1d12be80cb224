#!/usr/bin/env bash
# The replay benchmark on the 900-ticker x 10-year simulated market
# (seed 42): `ae backtest run` over every session that has enough history
# before it for a first model (2019-03-25 .. 2026-11-27, 1,932 sessions),
# models retrained every 252 sessions.
#   1. first run: research, walk-forward training, predictions, replay;
#   2. the same span again: the cached workspace, i.e. the replay alone plus
#      loading (what a re-run or a new parameter set costs).
# Prints wall and CPU (user+sys) for each and the run's own split, then the
# replay's time per simulated day against the reference's documented scalar
# path (144 ms per date before its "Tier 2" optimisation, 30-50 ms forecast
# after); there is no runnable peer for the whole replay.
#   bench/backtest_replay_bench.sh [AE_BINARY]
set -euo pipefail
ae_src=${1:-build/ae}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ae_src" "$work/ae"  # a rebuild during the run must not swap the binary
ae="$work/ae"
export AE_HOME="$work/home"
mkdir -p "$AE_HOME"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$ae" --log-level warn data synth --tickers 900 --years 10 --seed 42 --end 2026-11-27 >/dev/null
span=(--from 2019-03-25 --to 2026-11-27 --retrain-every 252)
for pass in first cached; do
  /usr/bin/time -f "$pass run: wall %e s, cpu %U+%S s, max rss %M kB" \
    "$ae" --log-level error backtest run "${span[@]}" 2>"$work/$pass.err" >"$work/$pass.out" ||
    { cat "$work/$pass.err"; exit 1; }
  tail -1 "$work/$pass.err"
  grep -E "^backtest|time:|oracle|total return|Sharpe|guard" "$work/$pass.out"
done
sessions=$(sed -n 's/^backtest .*(\([0-9]*\) sessions)$/\1/p' "$work/cached.out")
replay=$(sed -n 's/.*replay \([0-9.]*\) s$/\1/p' "$work/cached.out")
awk -v s="$sessions" -v r="$replay" 'BEGIN {
  ms = 1000 * r / s
  printf "replay: %.2f ms per simulated day; reference scalar path 144 ms/day: %.0fx, 30-50 ms/day (forecast): %.0f-%.0fx\n", ms, 144 / ms, 30 / ms, 50 / ms
}'
