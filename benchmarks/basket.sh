#!/usr/bin/env bash
# Basket load through the storefront (needs hey and jq: apt-get install hey jq).
#   1. get-basket: hey, CLIENTS concurrent readers of one basket holding one line.
#   2. add-to-basket + get-basket: the load tool, CLIENTS shoppers each with their own basket.
# Usage: benchmarks/basket.sh [storefront URL]   (CLIENTS=50 DURATION=30 by default)
set -euo pipefail
url=${1:-http://localhost:5100}
clients=${CLIENTS:-50}
duration=${DURATION:-30}
here=$(cd "$(dirname "$0")" && pwd)
sku=$("$here/stock.sh")

basket=$(curl -sf -X POST "$url/api/baskets" | jq -r .id)
curl -sf -o /dev/null -H 'content-type: application/json' -d "{\"sku\":\"$sku\",\"quantity\":1}" "$url/api/baskets/$basket/items"

echo "== get-basket (hey, $clients concurrent, ${duration}s after a 5 s warm-up)"
hey -z 5s -c "$clients" "$url/api/baskets/$basket" > /dev/null
cpu=$(mktemp)
"$here/cpu.sh" > "$cpu"
hey -z "${duration}s" -c "$clients" "$url/api/baskets/$basket"
echo "CPU used by the topology meanwhile:"
"$here/cpu.sh" "$cpu"

echo "== add-to-basket + get-basket ($clients shoppers, own baskets)"
dotnet build -c Release "$here/Shop.LoadTests" > /dev/null
"$here/cpu.sh" > "$cpu"
dotnet "$here/Shop.LoadTests/bin/Release/net10.0/Shop.LoadTests.dll" basket --url "$url" --sku "$sku" --clients "$clients" --duration "$duration"
echo "CPU used by the topology meanwhile (warm-up included):"
"$here/cpu.sh" "$cpu"
