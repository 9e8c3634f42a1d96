#!/usr/bin/env bash
# Whether sign-in and registration take as long for an email with an account as for one without: if they did not,
# timing alone would tell which emails are registered. Interleaves, SAMPLES times each:
#   sign-in with an unknown email            (a password check against a throwaway hash)
#   sign-in with an unconfirmed account      (Identity refuses before checking; a throwaway check is spent)
#   registration of a new email              (the new password is hashed, the account saved)
#   registration of an already known email   (a throwaway check is spent; its owner is emailed)
# and prints each one's median and 90th percentile. The answers themselves are alike (401/400 and 202).
# The account limits must be raised when the topology starts, or the runs meet 429s (through env: the names have
# hyphens, which a shell's own assignments refuse):
#   env RateLimits__sign-in__PermitLimit=100000 RateLimits__sign-in-per-account__PermitLimit=100000 \
#     RateLimits__registration__PermitLimit=100000 RateLimits__registration-per-account__PermitLimit=100000 ./shop.sh run
# Usage: benchmarks/account-timing.sh [storefront URL]   (SAMPLES=30 by default)
set -euo pipefail
url=${1:-http://localhost:5100}
samples=${SAMPLES:-30}
password="correct horse battery staple 42"
run=$(date +%s%N)
known="timing-known-${run}@example.com"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

register() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\"}" "$url/api/users"
}
sign_in() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
    --data-urlencode grant_type=password --data-urlencode "username=$1" --data-urlencode "password=$password" "$url/api/auth/token"
}

register "$known" > /dev/null
for i in $(seq 1 "$samples"); do
  sign_in "timing-unknown-${run}-${i}@example.com" >> "$out/sign-in, unknown email"
  sign_in "$known" >> "$out/sign-in, unconfirmed account"
  register "timing-new-${run}-${i}@example.com" >> "$out/registration, new email"
  register "$known" >> "$out/registration, known email"
done

printf '%-32s %8s %10s %10s\n' case answers "p50 ms" "p90 ms"
for file in "$out"/*; do
  answers=$(cut -d' ' -f1 "$file" | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $1, $2; sep = "," }')
  cut -d' ' -f2 "$file" | sort -n | awk -v name="$(basename "$file")" -v answers="$answers" \
    '{ t[NR] = $1 * 1000 } END { printf "%-32s %8s %10.1f %10.1f\n", name, answers, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)] }'
done
