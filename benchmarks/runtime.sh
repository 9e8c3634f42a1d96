#!/usr/bin/env bash
# Garbage collection, allocation and thread-pool figures of the topology's .NET services over a load run, from their
# runtime metrics (dotnet-counters: `dotnet tool install -g dotnet-counters`).
#   benchmarks/runtime.sh SECONDS [service ...]    (services by project name; default: Shop.BasketApi Shop.WebApp)
# Prints, per service, the totals over SECONDS: collections per generation, time paused for GC, bytes allocated,
# CPU time, time spent compiling (JIT), thread-pool work items and lock contentions. Divide by the requests
# the load tool reports for per-request figures. The last column looks for stalls rather than costs: the most time
# paused for GC within one second of the run; below the table, each second with more than PAUSE_MS (default 10) ms
# paused is listed with its time of day, to set beside the load tool's slow moments.
set -euo pipefail
seconds=${1:?seconds}
pause_ms=${PAUSE_MS:-10}
shift
services=("${@:-Shop.BasketApi}")
[[ $# -gt 0 ]] || services+=(Shop.WebApp)
root=$(cd "$(dirname "$0")/.." && pwd)
counters=$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
duration=$(printf '00:00:%02d:%02d' $((seconds / 60)) $((seconds % 60)))
for service in "${services[@]}"; do
  for pid in $(pgrep -f "^$root/$service/bin/[^ ]*/$service( |$)"); do
    "$counters" collect -p "$pid" --counters System.Runtime --format csv -o "$out/$service.$pid.csv" \
      --refresh-interval 1 --duration "$duration" > /dev/null 2>&1 &
  done
done
wait
printf '%-22s %6s %5s %5s %9s %9s %7s %7s %10s %9s %10s\n' service gen0 gen1 gen2 'pause ms' 'alloc MB' 'cpu s' 'jit ms' 'work items' contended 'worst s ms'
for file in "$out"/*.csv; do
  [[ -e $file ]] || { echo "No running service of ${services[*]} under $root." >&2; exit 1; }
  awk -F, -v name="$(basename "$file" .csv)" '
    $3 ~ /^dotnet.gc.collections.*gen0/ { g0 += $5 } $3 ~ /^dotnet.gc.collections.*gen1/ { g1 += $5 }
    $3 ~ /^dotnet.gc.collections.*gen2/ { g2 += $5 } $3 ~ /^dotnet.gc.pause.time/ { pause += $5 }
    $3 ~ /^dotnet.gc.heap.total_allocated/ { alloc += $5 } $3 ~ /^dotnet.process.cpu.time/ { cpu += $5 }
    $3 ~ /^dotnet.thread_pool.work_item.count/ { items += $5 }
    $3 ~ /^dotnet.monitor.lock_contentions/ { locks += $5 } $3 ~ /^dotnet.jit.compilation.time/ { jit += $5 }
    $3 ~ /^dotnet.gc.pause.time/ && $5 > worst { worst = $5 }
    END { printf "%-22s %6d %5d %5d %9.0f %9.0f %7.1f %7.0f %10d %9d %10.0f\n", name, g0, g1, g2, pause * 1000, alloc / 1048576, cpu, jit * 1000, items, locks, worst * 1000 }' "$file"
done
for file in "$out"/*.csv; do
  awk -F, -v name="$(basename "$file" .csv)" -v limit="$pause_ms" '
    $3 ~ /^dotnet.gc.pause.time/ && $5 * 1000 > limit { split($1, at, " "); seconds = seconds sprintf(" %s %.0f ms,", at[2], $5 * 1000) }
    END { if (seconds != "") print name " seconds paused over " limit " ms:" substr(seconds, 1, length(seconds) - 1) }' "$file"
done
