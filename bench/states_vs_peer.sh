#!/usr/bin/env bash
# Runs bench/states_bench and its peer, aws-local-stepfunctions on Node (npm,
# installed once into a cache directory), on the same machine at the same
# time, and prints transitions per second for each and the ratio.
#   bench/states_vs_peer.sh [BUILD_DIR]     (default: build; needs -DAE_BUILD_BENCH=ON)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build}"
peer_dir="${AE_PEER_CACHE:-${TMPDIR:-/tmp}/ae-states-peer}"
mkdir -p "$peer_dir"
if [ ! -d "$peer_dir/node_modules/aws-local-stepfunctions" ]; then
  (cd "$peer_dir" && npm install --silent --no-audit --no-fund aws-local-stepfunctions@3.0.0)
fi
cp "$here/states_peer.mjs" "$peer_dir/"
peer="$(cd "$peer_dir" && node states_peer.mjs)"
ours="$("$build/bench/states_bench" --benchmark_format=json 2>/dev/null)"
node - "$peer" "$ours" <<'JS'
const peer = Object.fromEntries(process.argv[2].trim().split('\n').map(JSON.parse)
  .map(r => [r.benchmark, r.transitions_per_second]));
const ours = JSON.parse(process.argv[3]).benchmarks;
const fmt = x => x >= 1e6 ? (x / 1e6).toFixed(2) + 'M' : (x / 1e3).toFixed(1) + 'k';
console.log('benchmark'.padEnd(28) + 'ae/s'.padStart(10) + 'node/s'.padStart(10) + 'ratio'.padStart(9));
for (const b of ours) {
  const key = b.name.replace(/^BM_/, '').split('_')[0];  // BM_Map10000_Durable -> Map10000
  const rate = b['transitions/s'];
  console.log(b.name.replace(/\/real_time$/, '').padEnd(28) + fmt(rate).padStart(10) +
              fmt(peer[key]).padStart(10) + ((rate / peer[key]).toFixed(1) + 'x').padStart(9));
}
JS
