#!/usr/bin/env bash
# Runs bench/states_bench and its peer, aws-local-stepfunctions on Node
# (installed once with `npm ci` from tests/states/peers/package-lock.json into
# a cache directory), back to back in this script, ROUNDS times in
# alternation (default 3; on a shared machine one pair can be off by a third
# either way), and prints for each benchmark the median over the rounds of
# transitions per wall-clock second and per CPU second (user + system) for
# each side, the median of the rounds' ratios and their range, and the load
# average before and after. The sleeping Map (no peer) runs once, last.
#   bench/states_vs_peer.sh [BUILD_DIR] [ROUNDS]   (default: build 3; needs -DAE_BUILD_BENCH=ON)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build}"
rounds="${2:-3}"
peer_dir="${AE_PEER_CACHE:-${TMPDIR:-/tmp}/ae-states-peer}"
lock="$here/../tests/states/peers/package-lock.json"
mkdir -p "$peer_dir"
if ! cmp -s "$lock" "$peer_dir/package-lock.json" || [ ! -d "$peer_dir/node_modules" ]; then
  cp "$here/../tests/states/peers/package.json" "$lock" "$peer_dir/"
  (cd "$peer_dir" && npm ci --silent --no-audit --no-fund)
fi
cp "$here/states_peer.mjs" "$peer_dir/"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  "$build/bench/states_bench" --benchmark_filter=-Sleeping --benchmark_format=json \
    >"$results/ours-$round.json" 2>/dev/null
  (cd "$peer_dir" && node states_peer.mjs) >"$results/peer-$round.jsonl"
done
sleeping="$("$build/bench/states_bench" --benchmark_filter=Sleeping --benchmark_format=json 2>/dev/null)"
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
node - "$results" "$rounds" "$sleeping" <<'JS'
const fs = require('fs');
const [dir, rounds, sleeping] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = x => x >= 1e6 ? (x / 1e6).toFixed(2) + 'M' : (x / 1e3).toFixed(1) + 'k';
const col = (text, width) => String(text).padStart(width);
const rows = {};  // benchmark name -> per-round figures
for (let r = 1; r <= rounds; r++) {
  const peer = Object.fromEntries(fs.readFileSync(`${dir}/peer-${r}.jsonl`, 'utf8').trim()
    .split('\n').map(JSON.parse).map(p => [p.benchmark, p]));
  for (const b of JSON.parse(fs.readFileSync(`${dir}/ours-${r}.json`, 'utf8')).benchmarks) {
    const name = b.name.replace(/\/real_time$/, '');
    const p = peer[name.replace(/^BM_/, '').split('_')[0]];  // BM_Map10000_Durable -> Map10000
    const wall = b['transitions/s'];
    const cpu = wall * b.real_time / b.cpu_time;  // the counter is per wall second
    (rows[name] ??= []).push({wall, cpu, peerWall: p.transitions_per_second,
                              peerCpu: p.transitions_per_cpu_second,
                              xWall: wall / p.transitions_per_second,
                              xCpu: cpu / p.transitions_per_cpu_second});
  }
}
console.log(`medians of ${rounds} rounds`);
console.log('benchmark'.padEnd(28) + col('ae/wall-s', 11) + col('ae/cpu-s', 10) +
            col('node/wall-s', 12) + col('node/cpu-s', 11) + col('x wall', 8) +
            col('(range)', 14) + col('x cpu', 8));
for (const [name, runs] of Object.entries(rows)) {
  const m = key => median(runs.map(r => r[key]));
  const xs = runs.map(r => r.xWall);
  console.log(name.padEnd(28) + col(fmt(m('wall')), 11) + col(fmt(m('cpu')), 10) +
              col(fmt(m('peerWall')), 12) + col(fmt(m('peerCpu')), 11) +
              col(m('xWall').toFixed(1), 8) +
              col(`${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`, 14) +
              col(m('xCpu').toFixed(1), 8));
}
for (const b of JSON.parse(sleeping).benchmarks)  // wall time of the sleeping Map
  console.log(b.name.replace(/\/iterations:.*$/, '').padEnd(36) +
              col(b.real_time.toFixed(2) + ' ' + b.time_unit, 10));
JS
