#!/usr/bin/env bash
# `ringback demo` at scale, and the Stats page and API over what it makes: $1 contacts (default 1,000,000) over
# $2 months (default 12), on SQLite, or on PostgreSQL when RINGBACK_POSTGRES is set to a connection string for an
# empty database. Prints demo's wall time and peak memory, then the server time of the stats page, API and CSV,
# Today and the inbox over ${RUNS:-5} requests each after a warm-up (curl time_starttransfer, loopback). KEEP=1 keeps
# the work folder; PATHS="/today /api/v1/queue" times only those.
set -euo pipefail
contacts=${1:-1000000}
months=${2:-12}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ringback-demo.XXXXXX)
port=5198
trap 'kill $server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
# Another server on the port would answer for ours and be measured instead (CI once failed that way).
curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "demo: something already answers on port $port; stop it first" >&2; exit 1; }

dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
ringback=(dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --data-dir "$work/data")
[ -n "${RINGBACK_POSTGRES:-}" ] && ringback+=(--postgres "$RINGBACK_POSTGRES")
/usr/bin/time -f 'demo: wall %e s, peak RSS %M KiB' "${ringback[@]}" demo --contacts "$contacts" --months "$months" --reps 10 | tee "$work/demo.txt"
password=$(sed -n 's/.* with the password \(.*\)$/\1/p' "$work/demo.txt")
token=$("${ringback[@]}" user token add --email owner@demo.ringback.example --name bench | tail -n 1)
"${ringback[@]}" serve --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done

jar=$work/cookies
form=$(curl -s -c "$jar" "http://127.0.0.1:$port/signin")
antiforgery=$(echo "$form" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | sed -n 1p)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$antiforgery" \
  --data-urlencode "Email=owner@demo.ringback.example" --data-urlencode "Password=$password" "http://127.0.0.1:$port/signin"

from=$(date -u -d "-$((months * 31)) days" +%Y-%m-%d)
runs=${RUNS:-5}
echo "Server time over $runs requests (the default 90 days, and the whole $months months from $from):"
read -r -a paths <<< "${PATHS:-/stats /stats?rep=rep2@demo.ringback.example /api/v1/stats /api/v1/stats?from=$from /api/v1/stats.csv /today /api/v1/queue /inbox}"
for path in "${paths[@]}"; do
  url="http://127.0.0.1:$port$path"
  auth=(-b "$jar"); [[ $path == /api/* ]] && auth=(-H "Authorization: Bearer $token")
  code=$(curl -s "${auth[@]}" -o /dev/null -w '%{http_code}' "$url")
  [ "$code" = 200 ] || { echo "$path answered $code"; exit 1; }
  curl -s "${auth[@]}" -o /dev/null "$url"
  times=$(for _ in $(seq 1 "$runs"); do curl -s "${auth[@]}" -o /dev/null -w '%{time_starttransfer}\n' "$url"; done | sort -n)
  printf '%-60s median %7.1f ms   slowest %7.1f ms\n' "$path" "$(echo "$times" | sed -n "$(( (runs + 1) / 2 ))p" | awk '{print $1 * 1000}')" "$(echo "$times" | tail -n 1 | awk '{print $1 * 1000}')"
done
# Read whole, then cut: `curl | head -c` under pipefail fails when head closes the pipe before curl has written all
# (curl exits 23), which once turned a green CI red.
stats=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/stats?from=$from")
echo "${stats:0:600}"
