#!/usr/bin/env bash
# Basket load through the storefront (needs hey and jq: apt-get install hey jq).
#   1. get-basket: hey, CLIENTS concurrent readers of one basket holding one line.
#   2. add-to-basket + get-basket: the load tool, CLIENTS shoppers each with their own basket.
# Each runs twice: flat out (each client sends as soon as it has its answer: the most the topology serves) and at
# RATE requests/s in all (the target's rate: latency percentiles at that load). RATE=0 skips the fixed-rate runs.
# Each prints the topology's CPU meanwhile (cpu.sh) and, with dotnet-counters installed, the basket service's and the
# WebApp's collections, GC pauses and allocations over the measured part (runtime.sh). The fixed-rate add + get run
# also prints its slow moments with their times, and beside them Redis's saves and latency events (redis.sh, local
# mode) and which processes had the cores at each of those moments (cpu-timeline.py).
# Start the topology as a deployment runs it (services in Production, 1 % of traces recorded, at most 10 new ones a second per service):
#   Topology__ServiceEnvironment=Production Telemetry__TraceSampleRatio=0.01 Telemetry__MaxTracesPerSecond=10 Telemetry__MetricExportIntervalSeconds=10 dotnet run -c Release --project Shop.AppHost --launch-profile http
# Usage: benchmarks/basket.sh [storefront URL]   (CLIENTS=50 DURATION=30 RATE=3000 by default)
set -euo pipefail
url=${1:-http://localhost:5100}
clients=${CLIENTS:-50}
duration=${DURATION:-30}
rate=${RATE:-3000}
here=$(cd "$(dirname "$0")" && pwd)
sku=$("$here/stock.sh")

basket=$(curl -sf -X POST "$url/api/baskets" | jq -r .id)
curl -sf -o /dev/null -H 'content-type: application/json' -d "{\"sku\":\"$sku\",\"quantity\":1}" "$url/api/baskets/$basket/items"

hey -z 5s -c "$clients" "$url/api/baskets/$basket" > /dev/null
cpu=$(mktemp)
runtime=$(mktemp)
# runtime.sh over the measured part of a run that starts now after WARM-UP seconds: `runtime_from WARM-UP`, then `runtime_print`.
runtime_from() {
  if command -v dotnet-counters > /dev/null || [[ -x $HOME/.dotnet/tools/dotnet-counters ]]; then
    (sleep "$1"; "$here/runtime.sh" "$duration" > "$runtime" 2>&1) &
  else
    echo "(dotnet-counters is not installed: no GC figures)" > "$runtime"
  fi
}
runtime_print() { wait; echo "Runtime meanwhile:"; cat "$runtime"; }

echo "== get-basket, flat out (hey, $clients concurrent, ${duration}s after a 5 s warm-up)"
"$here/cpu.sh" > "$cpu"
runtime_from 0
hey -z "${duration}s" -c "$clients" "$url/api/baskets/$basket"
echo "CPU used by the topology meanwhile:"
"$here/cpu.sh" "$cpu"
runtime_print

if [[ "$rate" != 0 ]]; then
  # hey's -q is per client. It times each request from when it was sent, so a stall that holds clients back is
  # under-counted (coordinated omission); the load tool's fixed-rate run below counts from the scheduled time.
  echo "== get-basket at $rate requests/s (hey -q $(awk -v r="$rate" -v c="$clients" 'BEGIN { print r / c }'), $clients concurrent, ${duration}s)"
  "$here/cpu.sh" > "$cpu"
  runtime_from 0
  hey -z "${duration}s" -c "$clients" -q "$(awk -v r="$rate" -v c="$clients" 'BEGIN { print r / c }')" "$url/api/baskets/$basket"
  echo "CPU used by the topology meanwhile:"
  "$here/cpu.sh" "$cpu"
  runtime_print
fi

dotnet build -c Release "$here/Shop.LoadTests" > /dev/null
load() { dotnet "$here/Shop.LoadTests/bin/Release/net10.0/Shop.LoadTests.dll" basket --url "$url" --sku "$sku" --clients "$clients" --duration "$duration" "$@"; }

echo "== add-to-basket + get-basket, flat out ($clients shoppers, own baskets)"
"$here/cpu.sh" > "$cpu"
runtime_from 5
load
echo "CPU used by the topology meanwhile (warm-up included):"
"$here/cpu.sh" "$cpu"
runtime_print

if [[ "$rate" != 0 ]]; then
  echo "== add-to-basket + get-basket at $rate requests/s ($clients shoppers, own baskets)"
  "$here/cpu.sh" > "$cpu"
  runtime_from 5
  output=$(mktemp)
  timeline=$(mktemp)
  redis=$(mktemp)
  "$here/cpu-timeline.py" record $((duration + 7)) > "$timeline" &
  "$here/redis.sh" $((duration + 7)) > "$redis" 2>&1 &
  load --rate "$rate" | tee "$output"
  echo "CPU used by the topology meanwhile (warm-up included):"
  "$here/cpu.sh" "$cpu"
  runtime_print
  echo "Redis meanwhile (warm-up included):"
  cat "$redis"
  echo "Processes busier than their average at each slow moment (cores):"
  "$here/cpu-timeline.py" explain "$timeline" "$output"
  rm -f "$output" "$timeline" "$redis"
fi
