#!/usr/bin/env bash
# Calls logged over HTTP by CLIENTS concurrent clients (default "1 32") for SECONDS each (default 10), with wrk, to the
# contacts of a `ringback demo` of $1 contacts (default 2,000) over $2 months (default 1): calls/s and latency
# percentiles. SQLite (synchronous=FULL, as the server always runs it), or PostgreSQL when RINGBACK_POSTGRES is set to
# a connection string for an empty database. Every call answered 201 is durable (the server answers after its commit).
set -euo pipefail
contacts=${1:-2000}
months=${2:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ringback-calls.XXXXXX)
port=5199
trap 'kill $server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
# Another server on the port would answer for ours and be measured instead (CI once failed that way).
curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "log-calls: something already answers on port $port; stop it first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "log-calls: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
ringback=(dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --data-dir "$work/data")
[ -n "${RINGBACK_POSTGRES:-}" ] && ringback+=(--postgres "$RINGBACK_POSTGRES")
"${ringback[@]}" demo --contacts "$contacts" --months "$months" --reps 10 >/dev/null
token=$("${ringback[@]}" user token add --email owner@demo.ringback.example --name bench | tail -n 1)
"${ringback[@]}" serve --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
# Calls go to up to 2,000 of the demo's contacts, a few each, as a team's day spreads them.
for page in $(seq 1 10); do
  curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/contacts?pageSize=200&page=$page" \
    | grep -o '{"id":"[0-9a-f-]\{36\}"' | cut -d'"' -f4
done | sort -u > "$work/contacts.txt"
[ -s "$work/contacts.txt" ] || { echo "log-calls: no contacts to call" >&2; exit 1; }

# A warm-up, not counted: on this 2-core machine the JIT is still optimizing the server for about 30 s of load
# (measured with dotnet-counters: 4 s of JIT time in the 5 s after 10 s of load, 0.2 s after 30 s).
CONTACTS="$work/contacts.txt" TOKEN="$token" wrk -t 2 -c 8 -d "${WARM:-30}s" -s "$here/benchmarks/log-calls.lua" "http://127.0.0.1:$port" >/dev/null
# The server's CPU time (user + system, clock ticks) from /proc: divided by the calls answered, what one call costs it.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
tick=$(getconf CLK_TCK)
for clients in ${CLIENTS:-1 32}; do
  threads=$(( clients < 2 ? 1 : 2 ))
  echo "== $clients clients"
  before=$(cpu_ticks)
  CONTACTS="$work/contacts.txt" TOKEN="$token" wrk -t "$threads" -c "$clients" -d "${SECONDS_EACH:-10}s" --latency \
    -s "$here/benchmarks/log-calls.lua" "http://127.0.0.1:$port" > "$work/wrk.txt"
  after=$(cpu_ticks)
  sed -n '/Latency Distribution/,/Requests\/sec/p' "$work/wrk.txt"
  calls=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  awk -v t=$((after - before)) -v hz="$tick" -v n="$calls" 'BEGIN { printf "server CPU per call: %.2f ms (%d calls)\n", t * 1000 / hz / n, n }'
done
