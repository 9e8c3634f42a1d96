#!/usr/bin/env bash
# CPU time used by each process of the running topology (the AppHost started from this repository and everything
# under it: services, dashboard, orchestrator, servers), so a load run can be costed per request whatever else the
# machine is doing. `cpu.sh > before.txt`, run the load, then `cpu.sh before.txt` prints what each used since.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
apphost=$(pgrep -f "^$root/Shop.AppHost/bin/[^ ]*/Shop.AppHost" | head -1 || true)
if [[ -z "$apphost" ]]; then
  echo "No AppHost from $root is running." >&2
  exit 1
fi
ticks=$(getconf CLK_TCK)
# Aspire's orchestrator detaches from the AppHost and watches it (--monitor PID): its process tree holds the resources.
orchestrator=$(pgrep -f "dcp start-apiserver --monitor $apphost( |$)" | head -1 || true)
descendants() {
  ps -eo pid=,ppid= | awk -v tops=" $* " '{ parent[$1] = $2 } END {
    for (p in parent) { q = p; while (q in parent && index(tops, " " q " ") == 0 && q > 1) q = parent[q]; if (q > 1) print p } }'
}
snapshot() {
  for pid in $apphost $orchestrator $(descendants $apphost $orchestrator); do
    [[ -r /proc/$pid/stat ]] || continue
    # A process may end between the check above and this read (a run's short-lived helpers do): skip it.
    name=$({ tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | awk '{print $1}' | sed 's|.*/||; s|:$||') || continue
    # utime and stime are fields 14 and 15 of /proc/PID/stat.
    awk -v n="${name:-?}" -v p="$pid" '{print p, n, $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
  done
}
if [[ $# -eq 0 ]]; then
  snapshot
else
  snapshot | awk -v t="$ticks" 'NR == FNR { before[$1] = $3; next }
    { used[$2] += ($3 - ($1 in before ? before[$1] : 0)) / t }
    END { for (n in used) if (used[n] >= 0.05) printf "%-22s %8.1f s\n", n, used[n] }' "$1" - | sort -k2 -rn
fi
