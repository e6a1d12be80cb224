#!/usr/bin/env bash
# Runs bench/states_bench and its peer, aws-local-stepfunctions on Node
# (installed once with `npm ci` from tests/states/peers/package-lock.json into
# a cache directory), back to back in this script, and prints transitions per
# wall-clock second and per CPU second (user + system) for each, with the
# ratios, and the load average before and after. On a shared machine the CPU
# figures are the comparable ones.
#   bench/states_vs_peer.sh [BUILD_DIR]     (default: build; needs -DAE_BUILD_BENCH=ON)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build}"
peer_dir="${AE_PEER_CACHE:-${TMPDIR:-/tmp}/ae-states-peer}"
lock="$here/../tests/states/peers/package-lock.json"
mkdir -p "$peer_dir"
if ! cmp -s "$lock" "$peer_dir/package-lock.json" || [ ! -d "$peer_dir/node_modules" ]; then
  cp "$here/../tests/states/peers/package.json" "$lock" "$peer_dir/"
  (cd "$peer_dir" && npm ci --silent --no-audit --no-fund)
fi
cp "$here/states_peer.mjs" "$peer_dir/"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ours="$("$build/bench/states_bench" --benchmark_format=json 2>/dev/null)"
peer="$(cd "$peer_dir" && node states_peer.mjs)"
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
node - "$peer" "$ours" <<'JS'
const peer = Object.fromEntries(process.argv[2].trim().split('\n').map(JSON.parse)
  .map(r => [r.benchmark, r]));
const ours = JSON.parse(process.argv[3]).benchmarks;
const fmt = x => x >= 1e6 ? (x / 1e6).toFixed(2) + 'M' : (x / 1e3).toFixed(1) + 'k';
const col = (text, width) => String(text).padStart(width);
console.log('benchmark'.padEnd(28) + col('ae/wall-s', 11) + col('ae/cpu-s', 10) +
            col('node/wall-s', 12) + col('node/cpu-s', 11) + col('x wall', 8) + col('x cpu', 8));
for (const b of ours.filter(b => 'transitions/s' in b)) {  // the rest have no peer figure
  const key = b.name.replace(/^BM_/, '').split('_')[0];  // BM_Map10000_Durable -> Map10000
  const wall = b['transitions/s'];
  const cpu = wall * b.real_time / b.cpu_time;  // the counter is per wall second
  const p = peer[key];
  console.log(b.name.replace(/\/real_time$/, '').padEnd(28) + col(fmt(wall), 11) + col(fmt(cpu), 10) +
              col(fmt(p.transitions_per_second), 12) + col(fmt(p.transitions_per_cpu_second), 11) +
              col((wall / p.transitions_per_second).toFixed(1), 8) +
              col((cpu / p.transitions_per_cpu_second).toFixed(1), 8));
}
for (const b of ours.filter(b => 'items/s' in b))  // wall time of the sleeping Map
  console.log(b.name.replace(/\/iterations:.*$/, '').padEnd(36) + col(b.real_time.toFixed(2) + ' ' + b.time_unit, 10));
JS
