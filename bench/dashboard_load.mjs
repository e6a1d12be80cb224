// Closed-loop HTTP load for bench/dashboard_bench.sh: `concurrency` clients
// on keep-alive connections GET `url` for `seconds`; prints one JSON line
// {url, requests, seconds, rps, p50_ms, p99_ms, errors}. Node's own http
// module only (no npm package needed).
import http from 'node:http';

const [url, seconds = '5', concurrency = '4'] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const deadline = Date.now() + Number(seconds) * 1000;
const latencies = [];
let errors = 0;

function one() {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode !== 200) errors++;
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        resolve();
      });
    }).on('error', () => { errors++; resolve(); });
  });
}

async function client() {
  while (Date.now() < deadline) await one();
}

const began = Date.now();
await Promise.all(Array.from({ length: Number(concurrency) }, client));
const elapsed = (Date.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] || 0;
console.log(JSON.stringify({
  url, requests: latencies.length, seconds: elapsed, rps: latencies.length / elapsed,
  p50_ms: at(0.5), p99_ms: at(0.99), errors,
}));
agent.destroy();
