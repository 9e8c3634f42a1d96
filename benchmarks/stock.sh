#!/usr/bin/env bash
# Prints the codes of COUNT seeded SKUs on sale (default 1), comma-separated, after adding UNITS units to each one's
# stock (default 1,000,000), so load runs never sell out.
# Usage: benchmarks/stock.sh [UNITS] [COUNT]
# For the local backing-services mode (./shop.sh run): finds the running PostgreSQL of the data folder and its
# generated password. Data folder: $BackingServices__DataPath, or .shop/data at the repository root.
set -euo pipefail
units=${1:-1000000}
count=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BackingServices__DataPath:-$root/.shop/data}
password=$(cat "$data/secrets/postgres-password")
port=$(ps -eo args | grep -F -- "-D $data/postgres" | grep -v grep | sed -n 's/.* -p \([0-9]*\).*/\1/p' | head -1)
if [[ -z "$port" ]]; then
  echo "No PostgreSQL is running for $data: start the topology first." >&2
  exit 1
fi
codes=$(PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U postgres -d catalogdb -qtA -c "
  UPDATE \"Skus\" SET \"OnHand\" = \"OnHand\" + $units
  WHERE \"Code\" IN (SELECT s.\"Code\" FROM \"Skus\" s JOIN \"Products\" p ON p.\"Id\" = s.\"ProductId\"
                     WHERE p.\"IsPublished\" AND p.\"DeletedAt\" IS NULL ORDER BY s.\"Code\" LIMIT $count)
  RETURNING \"Code\";" | paste -sd, -)
found=$(tr ',' '\n' <<< "$codes" | grep -c . || true)
if (( found < count )); then
  echo "Only $found SKUs on sale, $count asked for." >&2
  exit 1
fi
echo "$codes"
