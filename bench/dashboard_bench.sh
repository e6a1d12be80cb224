#!/usr/bin/env bash
# Dashboard throughput: requests/s of `ae serve` on the landing page's API
# (/api/overview, the heaviest: executions, coverage, ledger, health in one
# answer), the executions list and a static asset, against a peer measured in
# the same run: Python's http.server serving the same overview JSON as a
# static file (the floor of "just send these bytes"). Reports wall and the
# server's CPU time (user+sys from /proc) and the load average, since the
# machine is shared.
#   bench/dashboard_bench.sh [ae binary] [home]
# Without a home, makes a small simulated one (40 tickers, two weeks).
set -euo pipefail
ae=$(realpath "${1:-build/ae}")
home=${2:-}
seconds=${AE_BENCH_SECONDS:-5}
concurrency=${AE_BENCH_CONCURRENCY:-4}
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
server_pid=""
peer_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$peer_pid" ] && kill "$peer_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

if [ -z "$home" ]; then
  home=$scratch/home
  mkdir -p "$home"
  "$ae" --home "$home" --log-level warn data synth --tickers 40 --years 3 --seed 7 --end 2026-04-24 >/dev/null
  "$ae" --home "$home" --log-level warn simulate --from 2026-04-11 --to 2026-04-24 >/dev/null 2>&1
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

"$ae" --home "$home" --log-level warn serve --port 0 >"$scratch/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q "dashboard on" "$scratch/serve.out" && break; sleep 0.05; done
base=$(sed -n 's|.*dashboard on \(http://[^/]*\)/.*|\1|p' "$scratch/serve.out")
curl -sf "$base/api/overview" >"$scratch/overview.json"
mkdir -p "$scratch/static" && cp "$scratch/overview.json" "$scratch/static/overview.json"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   concurrency $concurrency, ${seconds}s per target"
printf '%-34s %10s %9s %9s %12s\n' target req/s p50_ms p99_ms server_cpu_s
run() {  # name url pid
  local before after result
  before=$(cpu_ticks "$3")
  result=$(node "$here/dashboard_load.mjs" "$2" "$seconds" "$concurrency")
  after=$(cpu_ticks "$3")
  echo "$result" | node -e "
    const r = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const cpu = ($after - $before) / $hz;
    console.log('$1'.padEnd(34), r.rps.toFixed(0).padStart(10), r.p50_ms.toFixed(2).padStart(9),
                r.p99_ms.toFixed(2).padStart(9), cpu.toFixed(2).padStart(12),
                r.errors ? ' errors ' + r.errors : '');
    require('fs').writeFileSync('$scratch/$1.rps', String(r.rps));"
}
run ae-overview "$base/api/overview" "$server_pid"
run ae-executions "$base/api/executions?limit=50" "$server_pid"
run ae-asset "$base/assets/app.js" "$server_pid"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$scratch/static" >/dev/null 2>&1 &
peer_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/overview.json" >/dev/null && break; sleep 0.05; done
run peer-python-static "http://127.0.0.1:$port/overview.json" "$peer_pid"
echo "ratio ae /api/overview (cached while the home is unchanged) : python static file of the same bytes = $(
  awk -v a="$(cat "$scratch/ae-overview.rps")" -v b="$(cat "$scratch/peer-python-static.rps")" \
    'BEGIN { printf "%.2f", a / b }')"
echo "overview answer: $(wc -c <"$scratch/overview.json") bytes; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
