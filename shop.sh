#!/usr/bin/env bash
# Shop's two entry points on Debian/Ubuntu with the .NET 10 SDK:
#   ./shop.sh run         install what is missing, then start the whole topology (Aspire dashboard + storefront)
#   ./shop.sh test        install what is missing, then run the whole test suite
#   ./shop.sh reset-data  delete the local servers' data (PostgreSQL, Redis, RabbitMQ, mail) so the next run starts fresh
set -euo pipefail
cd "$(dirname "$0")"

DATA_DIR=".shop/data"
PACKAGES=(postgresql redis-server rabbitmq-server)
# The browser tests drive Debian's Chromium through Playwright (Playwright's own browser download is not used).
TEST_PACKAGES=(chromium)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Local mode runs PostgreSQL, Redis and RabbitMQ from Debian packages (no Docker needed); "test" adds Chromium.
install_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  if [ "${1:-}" = "with-browser" ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    say "Packages present: ${PACKAGES[*]}${1:+ ${TEST_PACKAGES[*]}}"
    return
  fi
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update
  # policy-rc.d keeps the packages from starting their own system-wide servers; Shop starts its own instances.
  local own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
    own_policy=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  [ -z "$own_policy" ] || as_root rm -f /usr/sbin/policy-rc.d
}

restore_tools() {
  say "Restoring .NET tools (dotnet-ef, smtp4dev) from dotnet-tools.json"
  dotnet tool restore
}

# When run as root, the servers run as their packages' own users (PostgreSQL refuses root). Those users must be
# able to pass through the folders above the data folder; grant exactly that (execute, not read) where missing.
allow_server_users_into() {
  local dir="$1"
  [ "$(id -u)" -eq 0 ] || return 0
  mkdir -p "$dir"
  local path
  path="$(cd "$dir" && pwd)"
  while [ "$path" != "/" ]; do
    if ! setpriv --reuid=postgres --regid=postgres --init-groups test -x "$path" 2>/dev/null; then
      say "Letting the server users traverse $path (chmod o+x)"
      chmod o+x "$path"
    fi
    path="$(dirname "$path")"
  done
}

case "${1:-}" in
  run)
    install_packages
    restore_tools
    allow_server_users_into "$DATA_DIR"
    say "Starting Shop (Ctrl+C stops everything; data is kept in $DATA_DIR)"
    exec dotnet run --project Shop.AppHost --launch-profile http
    ;;
  test)
    install_packages with-browser
    restore_tools
    say "Building"
    dotnet build Shop.sln
    say "Running the test suite (unit, integration against the real topology, deployment manifest)"
    exec dotnet test Shop.sln --no-build --logger "console;verbosity=normal"
    ;;
  reset-data)
    if pgrep -f Shop.AppHost >/dev/null; then
      echo "Stop the running AppHost first." >&2
      exit 1
    fi
    say "Deleting $DATA_DIR"
    rm -rf "$DATA_DIR"
    ;;
  *)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
