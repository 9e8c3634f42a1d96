#!/usr/bin/env bash
# Checkout end to end through the storefront: each of CLIENTS guest buyers repeatedly creates a basket, adds one
# unit of one of SKUS seeded SKUs (picked at random each time; 100 by default, as a store's orders spread over
# many products; SKUS=1 has every buyer queue for the one SKU row), places the order and pays with the test
# gateway's success card; then paid status is checked on a sample.
# The checkout rate limit (30 a minute per client address) must be raised when the topology starts; on 2 cores one
# catalog replica, since a second only competes for them (README, "How many catalog replicas"):
#   Topology__ServiceEnvironment=Production Telemetry__TraceSampleRatio=0.01 Telemetry__MaxTracesPerSecond=10 \
#     Telemetry__MetricExportIntervalSeconds=10 RateLimits__checkout__PermitLimit=1000000 Topology__CatalogReplicas=1 \
#     dotnet run -c Release --project Shop.AppHost --launch-profile http
# A flat-out run leaves order emails to send after it ends (the mail sink and the sending fall behind while the
# cores are saturated), so a run first waits, up to IDLE_WAIT seconds (120; 0 skips), until the topology is idle:
# under IDLE_CORES cores (0.2) for 2 s. Otherwise the previous run's emails take CPU from this one. Where the idle
# topology's own background work (outbox polls, timers) is above 0.2 cores, as on a machine whose every system call
# costs more, raise IDLE_CORES to just above what `cpu.sh` shows at idle, or every run waits out IDLE_WAIT.
# Usage: benchmarks/checkout.sh [storefront URL]   (CLIENTS=20 DURATION=30 SKUS=100 by default)
set -euo pipefail
url=${1:-http://localhost:5100}
here=$(cd "$(dirname "$0")" && pwd)
skus=$("$here/stock.sh" 1000000 "${SKUS:-100}")
dotnet build -c Release "$here/Shop.LoadTests" > /dev/null
cpu=$(mktemp)
waited=0
while [ "$waited" -lt "${IDLE_WAIT:-120}" ]; do
  "$here/cpu.sh" > "$cpu"
  sleep 2
  waited=$((waited + 2))
  busy=$("$here/cpu.sh" "$cpu" | awk -v cores="${IDLE_CORES:-0.2}" '{ s += $(NF - 1) } END { print (s >= 2 * cores) ? "yes" : "no" }')
  [ "$busy" = no ] && break
done
echo "waited ${waited} s for the topology to be idle"
"$here/cpu.sh" > "$cpu"
dotnet "$here/Shop.LoadTests/bin/Release/net10.0/Shop.LoadTests.dll" checkout --url "$url" --sku "$skus" --clients "${CLIENTS:-20}" --duration "${DURATION:-30}"
echo "CPU used by the topology meanwhile (warm-up and the paid-status check included):"
"$here/cpu.sh" "$cpu"
