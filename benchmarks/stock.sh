#!/usr/bin/env bash
# Prints the code of a seeded SKU after adding N units to its stock (default 1,000,000), so load runs never sell out.
# For the local backing-services mode (./shop.sh run): finds the running PostgreSQL of the data folder and its
# generated password. Data folder: $BackingServices__DataPath, or .shop/data at the repository root.
set -euo pipefail
units=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BackingServices__DataPath:-$root/.shop/data}
password=$(cat "$data/secrets/postgres-password")
port=$(ps -eo args | grep -F -- "-D $data/postgres" | grep -v grep | sed -n 's/.* -p \([0-9]*\).*/\1/p' | head -1)
if [[ -z "$port" ]]; then
  echo "No PostgreSQL is running for $data: start the topology first." >&2
  exit 1
fi
PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U postgres -d catalogdb -qtA -c "
  UPDATE \"Skus\" SET \"OnHand\" = \"OnHand\" + $units
  WHERE \"Code\" = (SELECT s.\"Code\" FROM \"Skus\" s ORDER BY s.\"Code\" LIMIT 1)
  RETURNING \"Code\";" | head -1
