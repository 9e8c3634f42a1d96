#!/usr/bin/env bash
# Catalog search and listing under load, through the storefront: six wrk runs of 20 connections, each connection
# walking its own list of different URLs (see benchmarks/search/make_urls.py). Needs the topology running on a
# catalog filled by Shop.CatalogGenerator (local backing-services mode: the data folder's PostgreSQL is found as in
# stock.sh). Usage: benchmarks/search.sh http://localhost:5100   (DURATION=30, CLIENTS=20, WARMUP=20, SCENARIOS to choose)
# Start the topology as a deployment runs it (services in Production, 1 % of traces recorded, at most 10 new ones a second per service):
#   Topology__ServiceEnvironment=Production Telemetry__TraceSampleRatio=0.01 Telemetry__MaxTracesPerSecond=10 Telemetry__MetricExportIntervalSeconds=10 dotnet run -c Release --project Shop.AppHost --launch-profile http
# RATE=100 adds, after each closed-loop run, an open-loop run at that many requests a second (Shop.LoadTests rate:
# requests leave on schedule and latency counts from the scheduled send, so stalls are not hidden).
# NEW_QUERIES=1 makes every query new: words past the first 3,000 (which the other runs use), and between the warm-up
# and the run the index version advanced (nothing stored or kept answers them) and the summaries' recount waited for.
set -euo pipefail
base=${1:?usage: search.sh <storefront url>}
duration=${DURATION:-30}
clients=${CLIENTS:-20}
warmup=${WARMUP:-20}
scenarios=${SCENARIOS:-exact typo listing suggest products details}
rate=${RATE:-}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BackingServices__DataPath:-$root/.shop/data}
port=$(ps -eo args | grep -F -- "-D $data/postgres" | grep -v grep | sed -n 's/.* -p \([0-9]*\).*/\1/p' | head -1)
if [[ -z "$port" ]]; then
  echo "No PostgreSQL is running for $data: start the topology first." >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db() { PGPASSWORD=$(cat "$data/secrets/postgres-password") psql -h 127.0.0.1 -p "$port" -U postgres -d catalogdb -qtA -c "$1"; }
new_queries=${NEW_QUERIES:-}
words=$([[ -n "$new_queries" ]] && echo "OFFSET 3000" || echo "LIMIT 3000")
db "SELECT word FROM search_vocabulary WHERE length(word) >= 5 AND word ~ '^[a-z]+\$' ORDER BY md5(word) $words" > "$work/words.txt"
db 'SELECT "Slug" FROM "Products" WHERE "IsPublished" ORDER BY md5("Slug") LIMIT 3000' > "$work/slugs.txt"
echo "catalog: $(db 'SELECT count(*) FROM search_documents') search documents"
(cd "$work" && python3 "$root/benchmarks/search/make_urls.py" words.txt slugs.txt)
if [[ -n "$rate" ]]; then
  dotnet build -c Release "$root/benchmarks/Shop.LoadTests" > /dev/null
fi
# A new index version: the answers stored or kept for the old one serve no more. The summaries' recount it starts
# (within Search:FacetSummaryInterval) reads the whole catalog, so the run waits for it, then a few seconds more.
new_index_version() {
  local version
  version=$(db "SELECT nextval('search_index_version')")
  for _ in $(seq 1 120); do
    [[ $(db "SELECT coalesce(max(index_version), 0) >= $version FROM search_facet_summary") == t ]] && break
    sleep 1
  done
  sleep 5
}
for scenario in $scenarios; do
  # A warm-up first: a freshly started service compiles its code while it serves (tiered compilation settles
  # after 15 to 20 s of load on 2 cores), and the first requests fill caches.
  PATHS="$work/$scenario.txt" wrk -t2 -c"$clients" -d"${warmup}s" -s "$root/benchmarks/search/rotate.lua" "$base" > /dev/null
  if [[ -n "$new_queries" ]]; then
    new_index_version
  fi
  echo "== $scenario ($(uptime | sed 's/.*load average/load average/'))"
  PATHS="$work/$scenario.txt" wrk -t2 -c"$clients" -d"${duration}s" --timeout 5s -s "$root/benchmarks/search/rotate.lua" "$base" \
    | grep -E '^requests|^p[0-9]|Socket errors'
  if [[ -n "$rate" ]]; then
    echo "-- $scenario at $rate requests/s ($(uptime | sed 's/.*load average/load average/'))"
    dotnet "$root/benchmarks/Shop.LoadTests/bin/Release/net10.0/Shop.LoadTests.dll" rate --url "$base" --paths "$work/$scenario.txt" \
      --rate "$rate" --duration "$duration" --warmup 0 | tail -n +2
  fi
done
echo "finished ($(uptime | sed 's/.*load average/load average/'))"
