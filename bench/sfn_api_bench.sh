#!/usr/bin/env bash
# Step Functions API throughput: StartExecution + DescribeExecution round
# trips per second through `ae sfn serve` on loopback, with Debian's boto3 as
# the client (one client per thread, AE_BENCH_THREADS threads, for
# AE_BENCH_SECONDS seconds each), on a one-Pass state machine; each round
# trip starts an execution and describes it once (the execution itself runs
# on the server's workers). Reports round trips per wall second, the server's
# CPU seconds per round trip (user+sys from /proc), how many of the started
# executions had SUCCEEDED by the end, and the load average, since the
# machine is shared.
#   bench/sfn_api_bench.sh [ae binary]
set -euo pipefail
ae=$(realpath "${1:-build/ae}")
seconds=${AE_BENCH_SECONDS:-10}
scratch=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

/usr/bin/python3 -c 'import boto3' || { echo "sfn_api_bench: Debian's python3-boto3 is missing (scripts/install-deps.sh)" >&2; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

"$ae" --home "$scratch/home" --log-level warn --output json sfn serve --port 0 >"$scratch/serve.out" 2>"$scratch/serve.err" &
server_pid=$!
for _ in $(seq 200); do grep -q '"port"' "$scratch/serve.out" && break; sleep 0.05; done
port=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$scratch/serve.out")

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for threads in ${AE_BENCH_THREADS:-1 4}; do
  before=$(cpu_ticks "$server_pid")
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    /usr/bin/python3 - "$port" "$seconds" "$threads" <<'PY' >"$scratch/result.txt"
import json, sys, threading, time
import boto3
from botocore.config import Config
port, seconds, threads = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
def client():
    return boto3.client("stepfunctions", endpoint_url=f"http://127.0.0.1:{port}",
                        region_name="us-east-1", aws_access_key_id="AKIDBENCH",
                        aws_secret_access_key="secret", config=Config(retries={"max_attempts": 1}))
setup = client()
name = f"bench-{threads}"
machine = setup.create_state_machine(
    name=name, roleArn="arn:aws:iam::123456789012:role/bench",
    definition=json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}))["stateMachineArn"]
counts = [0] * threads
deadline = time.time() + seconds
def work(index):
    sfn = client()
    sfn.list_state_machines()  # connection and credentials set up outside the clock
    while time.time() < deadline:
        arn = sfn.start_execution(stateMachineArn=machine, input='{"n": 1}')["executionArn"]
        sfn.describe_execution(executionArn=arn)
        counts[index] += 1
started = time.time()
workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
for w in workers: w.start()
for w in workers: w.join()
wall = time.time() - started
total = sum(counts)
time.sleep(1)
succeeded = sum(len(p["executions"]) for p in setup.get_paginator("list_executions").paginate(
    stateMachineArn=machine, statusFilter="SUCCEEDED"))
print(total, f"{wall:.2f}", succeeded)
PY
  after=$(cpu_ticks "$server_pid")
  read -r total wall succeeded <"$scratch/result.txt"
  awk -v t="$total" -v w="$wall" -v c="$((after - before))" -v hz="$hz" -v n="$threads" -v s="$succeeded" 'BEGIN {
    printf "%d client thread(s): %d round trips in %.1f s = %.0f round trips/s; server CPU %.2f ms per round trip; %d of %d executions SUCCEEDED\n",
      n, t, w, t / w, 1000 * c / hz / t, s, t }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
