#!/usr/bin/env bash
# Checkout end to end through the storefront: each of CLIENTS guest buyers repeatedly creates a basket, adds one
# unit of one of SKUS seeded SKUs (picked at random each time; 100 by default, as a store's orders spread over
# many products; SKUS=1 has every buyer queue for the one SKU row), places the order and pays with the test
# gateway's success card; then paid status is checked on a sample.
# The checkout rate limit (30 a minute per client address) must be raised when the topology starts:
#   Topology__ServiceEnvironment=Production RateLimits__checkout__PermitLimit=1000000 \
#     dotnet run -c Release --project Shop.AppHost --launch-profile http
# Usage: benchmarks/checkout.sh [storefront URL]   (CLIENTS=20 DURATION=30 SKUS=100 by default)
set -euo pipefail
url=${1:-http://localhost:5100}
here=$(cd "$(dirname "$0")" && pwd)
skus=$("$here/stock.sh" 1000000 "${SKUS:-100}")
dotnet build -c Release "$here/Shop.LoadTests" > /dev/null
cpu=$(mktemp)
"$here/cpu.sh" > "$cpu"
dotnet "$here/Shop.LoadTests/bin/Release/net10.0/Shop.LoadTests.dll" checkout --url "$url" --sku "$skus" --clients "${CLIENTS:-20}" --duration "${DURATION:-30}"
echo "CPU used by the topology meanwhile (warm-up and the paid-status check included):"
"$here/cpu.sh" "$cpu"
