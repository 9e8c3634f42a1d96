#!/usr/bin/env bash
# Redis's persistence work and latency events over a load run, with their times of day (UTC), to set beside the load
# tool's slow moments: a background save or append-only-file rewrite forks Redis and writes the whole dataset, and a
# slow disk can hold writes behind an fsync.
#   benchmarks/redis.sh SECONDS
# For the local backing-services mode: finds the running Redis of the data folder ($BackingServices__DataPath, or
# .shop/data at the repository root) and its generated password. Prints its persistence settings, then every save
# and rewrite that starts or ends during SECONDS (with the fork's duration and the memory copied on write), fsyncs
# Redis found late, and the events of its latency monitor (threshold LATENCY_MS, default 2) with their times.
set -euo pipefail
seconds=${1:?seconds}
threshold=${LATENCY_MS:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BackingServices__DataPath:-$root/.shop/data}
# redis-server's process title is only its address; its working directory is its data directory.
port=
for pid in $(pgrep -x redis-server); do
  if [[ $(readlink "/proc/$pid/cwd") == "$data/redis" ]]; then
    port=$(tr '\0' ' ' < "/proc/$pid/cmdline" | sed -n 's/.*:\([0-9]*\) *$/\1/p')
  fi
done
if [[ -z "$port" ]]; then
  echo "No Redis is running for $data: start the topology first." >&2
  exit 1
fi
cli() { REDISCLI_AUTH=$(cat "$data/secrets/redis-password") redis-cli -p "$port" "$@"; }
now() { date -u +%H:%M:%S.%3N; }
field() { sed -n "s/^$1:\([^\r]*\).*/\1/p" <<< "$2"; }

echo "Redis on port $port: $(cli CONFIG GET save | paste -sd' ') | $(cli CONFIG GET appendonly | paste -sd' ') | $(cli CONFIG GET appendfsync | paste -sd' ') | $(cli CONFIG GET auto-aof-rewrite-min-size | paste -sd' ')"
info=$(cli INFO memory)
echo "dataset: $(field used_memory_human "$info") in memory, $(cli DBSIZE) keys"
previous_threshold=$(cli CONFIG GET latency-monitor-threshold | tail -1)
cli CONFIG SET latency-monitor-threshold "$threshold" > /dev/null
cli LATENCY RESET > /dev/null

before=$(cli INFO all)
saving=$(field rdb_bgsave_in_progress "$before")
rewriting=$(field aof_rewrite_in_progress "$before")
delayed=$(field aof_delayed_fsync "$before")
end=$((SECONDS + seconds))
while ((SECONDS < end)); do
  info=$(cli INFO persistence)
  at=$(now)
  if [[ $(field rdb_bgsave_in_progress "$info") != "$saving" ]]; then
    saving=$(field rdb_bgsave_in_progress "$info")
    if [[ $saving == 1 ]]; then
      echo "$at  RDB save started (fork $(field latest_fork_usec "$(cli INFO stats)") µs; $(field rdb_changes_since_last_save "$info") changes since the last)"
    else
      echo "$at  RDB save ended: $(field rdb_last_bgsave_status "$info"), $(field rdb_last_bgsave_time_sec "$info") s, $(($(field rdb_last_cow_size "$info") / 1048576)) MB copied on write"
    fi
  fi
  if [[ $(field aof_rewrite_in_progress "$info") != "$rewriting" ]]; then
    rewriting=$(field aof_rewrite_in_progress "$info")
    if [[ $rewriting == 1 ]]; then
      echo "$at  AOF rewrite started (fork $(field latest_fork_usec "$(cli INFO stats)") µs; AOF $(($(field aof_current_size "$info") / 1048576)) MB)"
    else
      echo "$at  AOF rewrite ended: $(field aof_last_bgrewrite_status "$info"), $(field aof_last_rewrite_time_sec "$info") s, $(($(field aof_last_cow_size "$info") / 1048576)) MB copied on write"
    fi
  fi
  if [[ $(field aof_delayed_fsync "$info") != "$delayed" ]]; then
    echo "$at  AOF fsync late: $(( $(field aof_delayed_fsync "$info") - delayed )) more times (writes waited for it)"
    delayed=$(field aof_delayed_fsync "$info")
  fi
  sleep 0.2
done

after=$(cli INFO all)
echo "over ${seconds}s: $(( $(field total_forks "$after") - $(field total_forks "$before") )) forks, $(( $(field total_commands_processed "$after") - $(field total_commands_processed "$before") )) commands, Redis CPU $(awk -v a="$(field used_cpu_sys "$after")" -v b="$(field used_cpu_user "$after")" -v c="$(field used_cpu_sys "$before")" -v d="$(field used_cpu_user "$before")" 'BEGIN { printf "%.1f s", a + b - c - d }') (children: $(awk -v a="$(field used_cpu_sys_children "$after")" -v b="$(field used_cpu_user_children "$after")" -v c="$(field used_cpu_sys_children "$before")" -v d="$(field used_cpu_user_children "$before")" 'BEGIN { printf "%.1f s", a + b - c - d }'))"
echo "latency monitor (events over $threshold ms; time of day UTC, ms):"
for event in $(cli LATENCY LATEST | awk 'NR % 4 == 1'); do
  cli LATENCY HISTORY "$event" | paste - - | while read -r time ms; do
    echo "  $(date -u -d "@$time" +%H:%M:%S)  $event  $ms ms"
  done
done | sort
cli CONFIG SET latency-monitor-threshold "$previous_threshold" > /dev/null
