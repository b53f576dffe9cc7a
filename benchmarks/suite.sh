#!/usr/bin/env bash
# The scale figures in one command, for one size:  benchmarks/suite.sh CONTACTS [MONTHS] [OUT.md]
# Makes a `ringback demo` of CONTACTS contacts (10 reps) over MONTHS months (default 12) on SQLite, or on PostgreSQL
# when RINGBACK_POSTGRES is an Npgsql connection string for an empty database (then RINGBACK_PSQL, a libpq URL for the
# same database, lets it pick the busiest contact), serves it, and measures over HTTP on loopback:
#   - team Stats for 90 days and 12 months (sequential requests; median, p95);
#   - Today's queue for one rep, a 500-call timeline, a search by full name (wrk, 32 clients);
#   - logging calls (wrk, 1 and 32 clients, every answer a durable 201);
#   - the server's memory after all that, and a cold start to the sign-in page on this data.
# Writes a markdown table to OUT.md (default docs/benchmarks/suite-CONTACTS.md). QUICK=1 runs every step briefly and
# fails on any answer that is not 2xx (what CI runs: correctness, no timings). Needs wrk, curl, sqlite3.
set -euo pipefail
contacts=${1:-1000000}
months=${2:-12}
here=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-$here/docs/benchmarks/suite-$contacts.md}
work=$(mktemp -d /tmp/ringback-suite.XXXXXX)
port=5196
base="http://127.0.0.1:$port"
server=
trap 'kill $server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
for tool in wrk curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "suite: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done
if [ -n "${QUICK:-}" ]; then seconds=2; warm=3; requests=3; else seconds=10; warm=30; requests=20; fi

dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
ringback=(dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --data-dir "$work/data")
[ -n "${RINGBACK_POSTGRES:-}" ] && ringback+=(--postgres "$RINGBACK_POSTGRES")
start=$(date +%s)
"${ringback[@]}" demo --contacts "$contacts" --months "$months" --reps 10 >/dev/null
demo_seconds=$(( $(date +%s) - start ))
owner=$("${ringback[@]}" user token add --email owner@demo.ringback.example --name suite | tail -n 1)
rep=$("${ringback[@]}" user token add --email rep2@demo.ringback.example --name suite | tail -n 1)

serve() {
  "${ringback[@]}" serve --urls "$base" >>"$work/server.log" 2>&1 &
  server=$!
  until curl -sf -o /dev/null "$base/signin"; do sleep 0.01; done
}

rows=()
row() { rows+=("| $1 | $2 | $3 |"); echo "$1: $2 ($3)"; }

# Sequential requests after one warm-up: median and p95 of curl's time to first byte.
timed() {
  local name=$1 token=$2 path=$3 code times
  code=$(curl -s -H "Authorization: Bearer $token" -o /dev/null -w '%{http_code}' "$base$path")
  [ "$code" = 200 ] || { echo "suite: $path answered $code" >&2; exit 1; }
  times=$(for _ in $(seq 1 "$requests"); do curl -s -H "Authorization: Bearer $token" -o /dev/null -w '%{time_starttransfer}\n' "$base$path"; done | sort -n)
  row "$name" "median $(echo "$times" | sed -n "$(( (requests + 1) / 2 ))p" | awk '{printf "%.1f", $1 * 1000}') ms, p95 $(echo "$times" | sed -n "$(( (requests * 95 + 99) / 100 ))p" | awk '{printf "%.1f", $1 * 1000}') ms" "$requests requests"
}

# wrk at CLIENTS connections for the measuring seconds: requests/s, p50 and p99; any non-2xx answer fails the suite.
loaded() {
  local name=$1 clients=$2; shift 2
  local threads=$(( clients < 2 ? 1 : 2 )) result
  result=$(wrk -t "$threads" -c "$clients" -d "${seconds}s" --latency "$@" 2>&1)
  if grep -q "Non-2xx" <<<"$result"; then echo "$result" >&2; echo "suite: $name had answers that were not 2xx" >&2; exit 1; fi
  row "$name" "$(awk '/Requests\/sec/ {printf "%.0f/s", $2}' <<<"$result"), p50 $(awk '$1 == "50%" {print $2}' <<<"$result"), p99 $(awk '$1 == "99%" {print $2}' <<<"$result")" "$clients clients, ${seconds} s"
}

serve
from=$(date -u -d "-$((months * 31)) days" +%Y-%m-%d)
timed "Stats, team, 90 days" "$owner" /api/v1/stats
timed "Stats, team, $months months" "$owner" "/api/v1/stats?from=$from"
timed "Stats, one rep, 90 days" "$rep" "/api/v1/stats?rep=rep2@demo.ringback.example"

# The timeline is measured on a contact with 500 calls (the most a page holds): the demo's busiest has a few dozen,
# so calls are logged to it first.
if [ -n "${RINGBACK_POSTGRES:-}" ]; then
  busiest=$([ -n "${RINGBACK_PSQL:-}" ] && psql "$RINGBACK_PSQL" -Atc "SELECT contact_id FROM calls GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1" || true)
else
  busiest=$(sqlite3 "$work/data/ringback.db" "SELECT lower(contact_id) FROM calls GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1")
fi
if [ -n "$busiest" ]; then
  have=$(curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/contacts/$busiest/timeline?limit=500" | grep -o '"startedAt"' | wc -l)
  for n in $(seq "$have" 499); do
    curl -sf -o /dev/null -H "Authorization: Bearer $owner" -H 'Content-Type: application/json' \
      -d "{\"outcome\":\"no-answer\",\"startedAt\":\"$(date -u -d "-$(( n * 7 + 60 )) minutes" +%Y-%m-%dT%H:%M:%SZ)\"}" \
      "$base/api/v1/contacts/$busiest/calls" || { echo "suite: logging call $n to $busiest failed" >&2; exit 1; }
  done
fi
name=$(curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/contacts?pageSize=1" | grep -o '"displayName":"[^"]*"' | head -n 1 | cut -d'"' -f4)
query=$(printf '%s' "$name" | sed 's/ /%20/g')

# Warm the server up under load first: on 2 cores the JIT optimizes for about 30 s (dotnet-counters).
wrk -t 2 -c 8 -d "${warm}s" -H "Authorization: Bearer $rep" "$base/api/v1/queue" >/dev/null
loaded "Today's queue, one rep" 32 -H "Authorization: Bearer $rep" "$base/api/v1/queue"
if [ -n "$busiest" ]; then
  calls=$(curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/contacts/$busiest/timeline?limit=500" | grep -o '"startedAt"' | wc -l)
  for clients in 1 32; do
    loaded "A contact's timeline, $calls calls in one page" "$clients" -H "Authorization: Bearer $owner" "$base/api/v1/contacts/$busiest/timeline?limit=500"
  done
fi
for clients in 1 32; do
  loaded "Search by full name ('$name')" "$clients" -H "Authorization: Bearer $owner" "$base/api/v1/contacts?q=$query"
done

for page in $(seq 1 10); do
  curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/contacts?pageSize=200&page=$page" | grep -o '{"id":"[0-9a-f-]\{36\}"' | cut -d'"' -f4
done | sort -u | grep -v "^${busiest:-none}$" > "$work/contacts.txt"
export CONTACTS="$work/contacts.txt" TOKEN="$owner"
wrk -t 2 -c 8 -d "${warm}s" -s "$here/benchmarks/log-calls.lua" "$base" >/dev/null
loaded "Log a call" 1 -s "$here/benchmarks/log-calls.lua" "$base"
loaded "Log a call" 32 -s "$here/benchmarks/log-calls.lua" "$base"
row "Server memory after the above" "$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status") MiB RSS" "—"
kill "$server"; wait "$server" 2>/dev/null || true

starts=()
for _ in 1 2 3; do
  begin=$(date +%s%N); serve; starts+=("$(( ($(date +%s%N) - begin) / 1000000 ))")
  kill "$server"; wait "$server" 2>/dev/null || true
done
row "Cold start to the sign-in page" "median $(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p) ms" "3 starts: ${starts[*]} ms"

mkdir -p "$(dirname "$out")"
{
  echo "# Suite: $contacts contacts, $months months, $([ -n "${RINGBACK_POSTGRES:-}" ] && echo PostgreSQL || echo SQLite)"
  echo
  echo "\`benchmarks/suite.sh $contacts $months\` on $(date -u +%Y-%m-%d), $(nproc) cores; the demo took $demo_seconds s."
  echo
  echo "| path | figure | how |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
echo "suite: wrote $out"
