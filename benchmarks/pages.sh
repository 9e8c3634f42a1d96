#!/usr/bin/env bash
# Server-rendered storefront pages under load (needs hey and curl: apt-get install hey curl): the home page, a
# category page and a product page, each by CLIENTS concurrent anonymous visitors for DURATION seconds after a
# 5-second warm-up, through the storefront with the demo catalog. Prints latency percentiles, throughput and the
# topology's CPU time per request for each page, and the product page's weight (HTML, CSS and scripts; images
# not counted), as sent (compressed, when the server compresses) and decoded.
# Usage: benchmarks/pages.sh [storefront URL]   (CLIENTS=20 DURATION=30 CATEGORY=tops PRODUCT=merino-crew-t-shirt)
set -euo pipefail
url=${1:-http://localhost:5100}
clients=${CLIENTS:-20}
duration=${DURATION:-30}
category=${CATEGORY:-tops}
product=${PRODUCT:-merino-crew-t-shirt}
here=$(cd "$(dirname "$0")" && pwd)

echo "Machine: $(nproc) cores; $(uptime | sed 's/.*load/load/')"
printf '%-28s %8s %8s %8s %9s %12s\n' page p50_ms p95_ms p99_ms req/s cpu_ms/req
for page in / "/c/$category" "/p/$product"; do
  curl -sf -o /dev/null "$url$page" || { echo "$url$page does not answer" >&2; exit 1; }
  hey -z 5s -c "$clients" "$url$page" > /dev/null
  cpu=$(mktemp)
  "$here/cpu.sh" > "$cpu"
  result=$(hey -z "${duration}s" -c "$clients" "$url$page")
  seconds=$("$here/cpu.sh" "$cpu" | awk '{ total += $2 } END { print total + 0 }')
  rm -f "$cpu"
  echo "$result" | awk -v page="$page" -v cpu="$seconds" '
    /Requests\/sec/ { rps = $2 }
    /\[200\]/ { ok = $2 }
    / 50%%? in / { p50 = $3 * 1000 }
    / 95%%? in / { p95 = $3 * 1000 }
    / 99%%? in / { p99 = $3 * 1000 }
    /\[[0-9]+\]/ && !/\[200\]/ { failed += $2 }
    END {
      printf "%-28s %8.1f %8.1f %8.1f %9.1f %12.2f\n", page, p50, p95, p99, rps, (ok > 0 ? cpu * 1000 / ok : 0)
      if (failed > 0) printf "  %d responses were not 200\n", failed
    }'
done
echo "Load average afterwards: $(uptime | sed 's/.*load average: //')"

# The product page's weight: the HTML and every stylesheet and script it links (same origin), before images.
html=$(mktemp)
curl -sf -o "$html" "$url/p/$product"
# Paths are relative to <base href="/">; other origins (none on product pages) are not counted.
assets=$(grep -oE '(href|src)="[^":]+\.(css|js)"' "$html" | sed -E 's/^(href|src)="\/?/\//; s/"$//' | sort -u || true)
sent=0
decoded=0
for path in "/p/$product" $assets; do
  sent=$((sent + $(curl -sf -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{size_download}' "$url$path")))
  decoded=$((decoded + $(curl -sf "$url$path" | wc -c)))
done
rm -f "$html"
echo "Product page weight (HTML + $(echo "$assets" | grep -c . ) CSS/JS files): $((sent / 1024)) KB sent, $((decoded / 1024)) KB decoded"
