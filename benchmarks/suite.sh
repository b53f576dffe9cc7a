#!/usr/bin/env bash
# The scale figures in one command, for one size:  benchmarks/suite.sh CONTACTS [MONTHS] [OUT.md]
# Makes a `ringback demo` of CONTACTS contacts (10 reps) over MONTHS months (default 12) on SQLite, or on PostgreSQL
# when RINGBACK_POSTGRES is an Npgsql connection string for an empty database (then RINGBACK_PSQL, a libpq URL for the
# same database, lets it pick the busiest contact), serves it, and measures over HTTP on loopback:
#   - team Stats for 90 days and 12 months (sequential requests; median, p95);
#   - a calibration row: a small authenticated request and the server's CPU for it (how fast the machine is today);
#   - Today's queue for one rep (as the demo plans it, and with thousands of calls due), a 500-call timeline, a search
#     by full name (wrk, 1 and 32 clients);
#   - logging calls (wrk, 1 and 32 clients, every answer a durable 201);
#   - the server's memory after all that, and a cold start to the sign-in page on this data;
# and beside each path it can, the database engine doing the same work (the same SQL through `sqlite3` or `psql`,
# no HTTP, no application): the floor the application's figure is measured against, with the ratio.
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
# Another server on the port would answer for ours and be measured instead (CI once failed that way).
curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "suite: something already answers on port $port; stop it first" >&2; exit 1; }
for tool in wrk curl sqlite3 psql; do
  command -v "$tool" >/dev/null || { echo "suite: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done
if [ -n "${QUICK:-}" ]; then seconds=2; warm=3; requests=3; else seconds=10; warm=30; requests=20; fi

# The server as deployed: published for this machine's runtime, compiled ahead of time (ReadyToRun).
dotnet publish -c Release -r "${RID:-linux-x64}" "$here/src/Ringback" -o "$work/app" -v quiet -nologo >/dev/null
ringback=(dotnet "$work/app/ringback.dll" --data-dir "$work/data")
[ -n "${RINGBACK_POSTGRES:-}" ] && ringback+=(--postgres "$RINGBACK_POSTGRES")
start=$(date +%s)
"${ringback[@]}" demo --contacts "$contacts" --months "$months" --reps 10 >/dev/null
demo_seconds=$(( $(date +%s) - start ))
owner=$("${ringback[@]}" user token add --email owner@demo.ringback.example --name suite | tail -n 1)
rep=$("${ringback[@]}" user token add --email rep2@demo.ringback.example --name suite | tail -n 1)

serve() {
  # As README deploys it: the collector's youngest generation capped at 16 MiB, and two malloc arenas (see README,
  # "To run it as a server").
  DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x1000000} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} "${ringback[@]}" serve --urls "$base" >>"$work/server.log" 2>&1 &
  server=$!
  until curl -sfL -o /dev/null "$base/signin"; do sleep 0.01; done
}

rows=()
engine=—
ratio=—
# A row of the table; the engine's figure for the same path (and the ratio of the medians) when engine_* just set one.
row() {
  rows+=("| $1 | $2 | $engine | $ratio | $3 |"); echo "$1: $2 ($3); engine: $engine"
  engine=—; ratio=—
}

# Sequential requests after one warm-up: median and p95 of curl's time to first byte.
timed() {
  local name=$1 token=$2 path=$3 code times
  code=$(curl -s -H "Authorization: Bearer $token" -o /dev/null -w '%{http_code}' "$base$path")
  [ "$code" = 200 ] || { echo "suite: $path answered $code" >&2; exit 1; }
  times=$(for _ in $(seq 1 "$requests"); do curl -s -H "Authorization: Bearer $token" -o /dev/null -w '%{time_starttransfer}\n' "$base$path"; done | awk '{print $1 * 1000}' | sort -n)
  app_median=$(median <<<"$times")
  [ "$engine" = — ] || ratio=$(awk -v a="$app_median" -v e="$engine_median" 'BEGIN {printf "%.1f×", (e > 0 ? a / e : 0)}')
  row "$name" "median $app_median ms, p95 $(p95 <<<"$times") ms" "$requests requests"
}

median() { sort -n | awk '{v[NR] = $1} END {printf "%.1f", v[int((NR + 1) / 2)]}'; }
p95() { sort -n | awk '{v[NR] = $1} END {i = int((NR * 95 + 99) / 100); printf "%.1f", v[i < 1 ? 1 : i]}'; }

# The engine's time for the statements in file $1 (one request's worth), run $requests times in one session: median
# and p95 in ms of each run's sum (psql's \timing, or Python's clock around each statement on SQLite).
engine_sql() {
  local sql=$1 per times
  per=$(grep -c ';$' "$sql")
  if [ -n "${RINGBACK_POSTGRES:-}" ] && [ -z "${RINGBACK_PSQL:-}" ]; then
    return 0  # no libpq URL to reach the database with psql: no engine column
  elif [ -n "${RINGBACK_POSTGRES:-}" ]; then
    times=$({ echo '\timing on'; for _ in $(seq 0 "$requests"); do cat "$sql"; done; } | psql -X -q "$RINGBACK_PSQL" -o /dev/null | awk '/^Time:/ {print $2}')
  else
    # Debian's python3 and sqlite3 share the system's libsqlite3; the sqlite3 shell's timer has only 1 ms steps.
    times=$(/usr/bin/python3 - "$work/data/ringback.db" "$sql" "$requests" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
statements = [s.strip() for s in open(sys.argv[2]).read().split(';\n') if s.strip()]
for _ in range(int(sys.argv[3]) + 1):
    for statement in statements:
        start = time.perf_counter()
        db.execute(statement).fetchall()
        print((time.perf_counter() - start) * 1000)
PY
)
  fi
  # The first run warms the cache, as the application's warm-up request does; it is left out.
  times=$(awk -v per="$per" '{t += $1} NR % per == 0 {if (NR > per) print t; t = 0}' <<<"$times")
  engine_median=$(median <<<"$times")
  engine="median $engine_median ms, p95 $(p95 <<<"$times") ms"
}

# Writes the SQL of one request to a file, with the run's ids and days: uuids lower case on PostgreSQL, SQLite's stored text upper case.
sql_file() {
  local file=$work/$1.sql; shift
  printf '%s\n' "$@" | sed -e "s/:org/'$org_id'/g" > "$file"
  echo "$file"
}
id_of() { if [ -n "${RINGBACK_POSTGRES:-}" ]; then echo "$1" | tr 'A-Z' 'a-z'; else echo "$1" | tr 'a-z' 'A-Z'; fi; }

# The Stats report's statements as the application sends them (StatsRollups, CallbackStats): the whole months from the
# monthly tallies, the days either side from the daily ones, the pending promises and the reps' names.
stats_sql() {
  local first=$1 last=$2 months_first months_last days
  months_first=$(date -d "$first" +%d | grep -q '^01$' && echo "$first" || date -d "$(date -d "$first" +%Y-%m-01) +1 month" +%Y-%m-%d)
  months_last=$([ "$(date -d "$last +1 day" +%d)" = 01 ] && echo "$last" || date -d "$(date -d "$last" +%Y-%m-01) -1 day" +%Y-%m-%d)
  days="organization_id = :org AND local_date >= '$first' AND local_date <= '$last' AND (local_date < '$months_first' OR local_date > '$months_last')"
  local months="organization_id = :org AND local_date >= '$months_first' AND local_date <= '$months_last'"
  # Debian's SQLite 3.40 (Python's and the shell's) counts the pending promises along the (organization, rep, promised)
  # index to save a sort, reading every call of the organization: 2.3 s on 10 million calls. The application's newer
  # bundled SQLite answers in milliseconds, so the suite names the partial index of promises it can only be using.
  local pending_index=""
  [ -n "${RINGBACK_POSTGRES:-}" ] || pending_index='INDEXED BY "IX_calls_organization_id_promised_next_call_at"'
  sql_file "stats-$first" \
    "SELECT user_id, direction, outcome, strategy, SUM(calls), SUM(called_back), SUM(meetings), SUM(promises), SUM(promises_kept) FROM call_tallies WHERE $days GROUP BY user_id, direction, outcome, strategy;" \
    "SELECT local_date, local_hour, SUM(messages), SUM(called_back) FROM message_hour_tallies WHERE $days GROUP BY local_date, local_hour;" \
    "SELECT bucket, SUM(messages) FROM callback_delay_tallies WHERE $days GROUP BY bucket;" \
    "SELECT attempt, SUM(messages), SUM(called_back) FROM attempt_tallies WHERE $days GROUP BY attempt;" \
    "SELECT user_id, direction, outcome, strategy, SUM(calls), SUM(called_back), SUM(meetings), SUM(promises), SUM(promises_kept) FROM call_month_tallies WHERE $months GROUP BY user_id, direction, outcome, strategy;" \
    "SELECT weekday, local_hour, SUM(messages), SUM(called_back) FROM message_hour_month_tallies WHERE $months GROUP BY weekday, local_hour;" \
    "SELECT bucket, SUM(messages) FROM callback_delay_month_tallies WHERE $months GROUP BY bucket;" \
    "SELECT attempt, SUM(messages), SUM(called_back) FROM attempt_month_tallies WHERE $months GROUP BY attempt;" \
    "SELECT user_id, COUNT(*) FROM calls $pending_index WHERE organization_id = :org AND deleted_at IS NULL AND promised_next_call_at IS NOT NULL AND promised_next_call_at >= '$(date -u -d '-15 minutes' '+%Y-%m-%d %H:%M:%S')' AND promise_kept_by_call_id IS NULL AND local_date >= '$first' AND local_date <= '$last' GROUP BY user_id;" \
    "SELECT id, name FROM users WHERE organization_id = :org;"
}

# wrk at CLIENTS connections for the measuring seconds: requests/s, p50 and p99; any non-2xx answer fails the suite.
loaded() {
  local name=$1 clients=$2; shift 2
  local threads=$(( clients < 2 ? 1 : 2 )) result
  result=$(wrk -t "$threads" -c "$clients" -d "${seconds}s" --latency "$@" 2>&1)
  if grep -q "Non-2xx" <<<"$result"; then echo "$result" >&2; echo "suite: $name had answers that were not 2xx" >&2; exit 1; fi
  local p50
  p50=$(awk '$1 == "50%" {v = $2; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000}' <<<"$result")
  [ "$engine" = — ] || ratio=$(awk -v a="$p50" -v e="$engine_median" 'BEGIN {printf "%.1f×", (e > 0 ? a / e : 0)}')
  row "$name" "$(awk '/Requests\/sec/ {printf "%.0f/s", $2}' <<<"$result"), p50 $(awk '$1 == "50%" {print $2}' <<<"$result"), p99 $(awk '$1 == "99%" {print $2}' <<<"$result")" "$clients clients, ${seconds} s"
}

serve
from=$(date -u -d "-$((months * 31)) days" +%Y-%m-%d)
today=$(date -u +%Y-%m-%d)
if [ -n "${RINGBACK_POSTGRES:-}" ]; then
  org_id=$([ -n "${RINGBACK_PSQL:-}" ] && psql -X -Atc "SELECT id FROM organizations LIMIT 1" "$RINGBACK_PSQL" || true)
else
  org_id=$(sqlite3 "$work/data/ringback.db" "SELECT id FROM organizations LIMIT 1")
fi
engine_sql "$(stats_sql "$(date -u -d '-90 days' +%Y-%m-%d)" "$today")"
timed "Stats, team, 90 days" "$owner" /api/v1/stats
engine_sql "$(stats_sql "$from" "$today")"
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
name=$(curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/contacts?pageSize=1" | grep -o '"displayName":"[^"]*"' | sed -n 1p | cut -d'"' -f4)
query=$(printf '%s' "$name" | sed 's/ /%20/g')

# Warm the server up under load first: on 2 cores the JIT optimizes for about 30 s (dotnet-counters).
wrk -t 2 -c 8 -d "${warm}s" -H "Authorization: Bearer $rep" "$base/api/v1/queue" >/dev/null

# How fast this machine is in this run: the same small authenticated request, and the server's CPU for each. The test
# machine's speed moved by a factor of two between sessions (docs/benchmarks.md, session 8), so figures from two runs
# compare only as far as this row does.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks=$(cpu_ticks)
result=$(wrk -t 1 -c 1 -d "${seconds}s" -H "Authorization: Bearer $rep" "$base/api/v1/coach/rules")
ticks=$(( $(cpu_ticks) - ticks ))
if grep -q "Non-2xx" <<<"$result"; then echo "$result" >&2; echo "suite: the calibration request was not answered 2xx" >&2; exit 1; fi
row "Calibration: a small authenticated request (\`GET /api/v1/coach/rules\`)" \
  "$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.2f ms of server CPU a request", t * 1000 / hz / $1}' <<<"$result"), $(awk '/Requests\/sec/ {printf "%.0f/s", $2}' <<<"$result")" \
  "1 client, ${seconds} s"
loaded "Today's queue, one rep, as the demo plans it" 32 -H "Authorization: Bearer $rep" "$base/api/v1/queue"

# Today for a rep with thousands of calls due (the issue's 500–5,000): the demo plans a few dozen a rep, so up to 2,000
# of the rep's contacts (200 in a quick run) are put in a cadence by the rep (whose queue its steps join), and the
# queue is read two days on, when every first step is due (the list shows 200 of them and counts the rest).
enrolled_max=$([ -n "${QUICK:-}" ] && echo 200 || echo 2000)
if [ -n "${RINGBACK_POSTGRES:-}" ]; then
  rep_contacts=$([ -n "${RINGBACK_PSQL:-}" ] && psql "$RINGBACK_PSQL" -Atc "SELECT c.id FROM contacts c JOIN users u ON u.id = c.owner_id WHERE u.email = 'rep2@demo.ringback.example' AND c.status IN ('New', 'Working', 'Engaged') ORDER BY c.id LIMIT $enrolled_max" || true)
else
  rep_contacts=$(sqlite3 "$work/data/ringback.db" "SELECT lower(c.id) FROM contacts c JOIN users u ON u.id = c.owner_id WHERE u.email = 'rep2@demo.ringback.example' AND c.status IN ('New', 'Working', 'Engaged') ORDER BY c.id LIMIT $enrolled_max")
fi
if [ -n "$rep_contacts" ]; then
  cadence=$(curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/cadences/" | grep -o '"id":"[0-9a-f-]\{36\}"' | sed -n 1p | cut -d'"' -f4)
  while read -r batch; do
    curl -sf -o /dev/null -H "Authorization: Bearer $rep" -H 'Content-Type: application/json' -d "{\"contactIds\":[$batch]}" \
      "$base/api/v1/cadences/$cadence/enroll" || { echo "suite: enrolling the rep's contacts failed" >&2; exit 1; }
  done < <(sed 's/.*/"&"/' <<<"$rep_contacts" | paste -d, - - - - - - - - - - - - - - - - - - - - - - - - - | sed 's/,*$//')
  due_at=$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)
  queue=$(curl -sf -H "Authorization: Bearer $rep" "$base/api/v1/queue?at=$due_at")
  due=$(grep -o '"moreDue":[0-9]*' <<<"$queue" | cut -d: -f2)
  shown=$(grep -o '"contactId"' <<<"$queue" | wc -l)
  for clients in 1 32; do
    loaded "Today's queue, one rep with $(( due + shown )) calls due ($shown listed)" "$clients" -H "Authorization: Bearer $rep" "$base/api/v1/queue?at=$due_at"
  done
fi
if [ -n "$busiest" ]; then
  calls=$(curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/contacts/$busiest/timeline?limit=500" | grep -o '"startedAt"' | wc -l)
  # The engine reads the same page: the calls with their rep's and gatekeeper's names, newest first.
  timeline_sql=$(sql_file timeline "SELECT c.id, c.contact_id, c.user_id, u.name, c.direction, c.started_at, c.duration_seconds, c.outcome, c.answered_by_gatekeeper_id, g.name, c.strategy, c.message_text, c.notes, c.promised_next_call_at, c.commitments, c.appointment_start, c.appointment_end, c.appointment_place, c.appointment_directions, c.dnc_override_reason, c.external_id, c.attempt_number, c.credited_call_id, c.called_back_at, c.meeting_booked_at, c.version, c.updated_at FROM calls c LEFT JOIN users u ON u.id = c.user_id LEFT JOIN gatekeepers g ON g.id = c.answered_by_gatekeeper_id WHERE c.organization_id = :org AND c.deleted_at IS NULL AND c.contact_id = '$(id_of "$busiest")' ORDER BY c.started_at DESC, c.id DESC LIMIT 500;")
  for clients in 1 32; do
    [ "$clients" = 1 ] && engine_sql "$timeline_sql"
    loaded "A contact's timeline, $calls calls in one page" "$clients" -H "Authorization: Bearer $owner" "$base/api/v1/contacts/$busiest/timeline?limit=500"
  done
  first_page_sql=$(sql_file first-page "$(sed 's/LIMIT 500;$/LIMIT 100;/' "$timeline_sql")")
  for clients in 1 32; do
    [ "$clients" = 1 ] && engine_sql "$first_page_sql"
    loaded "A contact's timeline, the first page (100 of $calls)" "$clients" -H "Authorization: Bearer $owner" "$base/api/v1/contacts/$busiest/timeline"
  done
fi
# The engine finds the same contacts: SQLite's trigram index (one query for all words), PostgreSQL's trigram GIN index, the count and the first page.
words=$(printf '%s' "$name" | tr 'A-Z' 'a-z')
if [ -n "${RINGBACK_POSTGRES:-}" ]; then
  match=$(printf '%s\n' $words | sed "s/.*/search_text ILIKE '%&%'/" | paste -sd' ' | sed 's/ search_text/ AND search_text/g')
  search_sql=$(sql_file search "SELECT COUNT(*) FROM contacts WHERE organization_id = :org AND $match;" "SELECT * FROM contacts WHERE organization_id = :org AND $match ORDER BY last_name, first_name, id LIMIT 50;")
else
  match=$(printf '%s\n' $words | sed "s/.*/search_text LIKE '%&%'/" | paste -sd' ' | sed 's/ search_text/ AND search_text/g')
  search_sql=$(sql_file search "SELECT COUNT(*) FROM contacts WHERE organization_id = :org AND id IN (SELECT contact_id FROM contact_search WHERE $match);" "SELECT * FROM contacts WHERE organization_id = :org AND id IN (SELECT contact_id FROM contact_search WHERE $match) ORDER BY last_name, first_name, id LIMIT 50;")
fi
for clients in 1 32; do
  [ "$clients" = 1 ] && engine_sql "$search_sql"
  loaded "Search by full name ('$name')" "$clients" -H "Authorization: Bearer $owner" "$base/api/v1/contacts?q=$query"
done

for page in $(seq 1 10); do
  curl -sf -H "Authorization: Bearer $owner" "$base/api/v1/contacts?pageSize=200&page=$page" | grep -o '{"id":"[0-9a-f-]\{36\}"' | cut -d'"' -f4
done | sort -u | grep -v "^${busiest:-none}$" > "$work/contacts.txt"
export CONTACTS="$work/contacts.txt" TOKEN="$owner"
wrk -t 2 -c 8 -d "${warm}s" -s "$here/benchmarks/log-calls.lua" "$base" >/dev/null
# The engine's floor for a logged call: one row inserted and committed durably (SQLite synchronous=FULL; PostgreSQL as
# the server is set), into a scratch copy of the calls table, each in its own transaction.
if [ -n "${RINGBACK_POSTGRES:-}" ] && [ -n "${RINGBACK_PSQL:-}" ]; then
  psql -X -q "$RINGBACK_PSQL" -c "DROP TABLE IF EXISTS bench_calls" -c "CREATE TABLE bench_calls AS SELECT * FROM calls WHERE false"
  insert_sql=$(sql_file insert "INSERT INTO bench_calls (id, organization_id, contact_id, user_id, direction, outcome, started_at, duration_seconds, version, created_at) VALUES (gen_random_uuid(), :org, gen_random_uuid(), gen_random_uuid(), 'Outbound', 'NoAnswer', now(), 0, 1, now());")
else
  # The server may be writing (reminders, statistics): wait for the lock instead of failing at once, as the CLI does by default.
  sqlite3 -cmd ".timeout 30000" "$work/data/ringback.db" "DROP TABLE IF EXISTS bench_calls; CREATE TABLE bench_calls AS SELECT * FROM calls WHERE 0"
  insert_sql=$(sql_file insert "PRAGMA synchronous = FULL;" "INSERT INTO bench_calls (id, organization_id, contact_id, user_id, direction, outcome, started_at, duration_seconds, version, created_at) VALUES (upper(hex(randomblob(16))), :org, upper(hex(randomblob(16))), upper(hex(randomblob(16))), 'Outbound', 'NoAnswer', datetime('now'), 0, 1, datetime('now'));")
fi
engine_sql "$insert_sql"
[ "$engine" = — ] || engine="$engine ($(awk -v m="$engine_median" 'BEGIN {printf "%.0f", (m > 0 ? 1000 / m : 0)}')/s)"
loaded "Log a call" 1 -s "$here/benchmarks/log-calls.lua" "$base"
loaded "Log a call" 32 -s "$here/benchmarks/log-calls.lua" "$base"
row "Server memory after the above" "$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status") MiB RSS" "—"
kill "$server"; wait "$server" 2>/dev/null || true

starts=()
for _ in 1 2 3; do
  begin=$(date +%s%N); serve; starts+=("$(( ($(date +%s%N) - begin) / 1000000 ))")
  kill "$server"; wait "$server" 2>/dev/null || true
done
# The engine's start: opening the database and a first query, from a new process.
if [ -n "${RINGBACK_POSTGRES:-}" ]; then open_db=(psql -X -Atc "SELECT count(*) FROM users" "${RINGBACK_PSQL:-}"); else open_db=(sqlite3 "$work/data/ringback.db" "SELECT count(*) FROM users"); fi
if [ -z "${RINGBACK_POSTGRES:-}" ] || [ -n "${RINGBACK_PSQL:-}" ]; then
  engine_median=$(for _ in 1 2 3; do begin=$(date +%s%N); "${open_db[@]}" >/dev/null; echo "$(( ($(date +%s%N) - begin) / 1000000 ))"; done | median)
  engine="median $engine_median ms"
  ratio=$(awk -v a="$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)" -v e="$engine_median" 'BEGIN {printf "%.0f×", (e > 0 ? a / e : 0)}')
fi
row "Cold start to the sign-in page" "median $(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p) ms" "3 starts: ${starts[*]} ms"

mkdir -p "$(dirname "$out")"
{
  echo "# Suite: $contacts contacts, $months months, $([ -n "${RINGBACK_POSTGRES:-}" ] && echo PostgreSQL || echo SQLite)"
  echo
  echo "\`benchmarks/suite.sh $contacts $months\` on $(date -u +%Y-%m-%d), $(nproc) cores; the demo took $demo_seconds s."
  echo
  echo "| path | Ringback over HTTP | the engine, same SQL | ratio | how |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
echo "suite: wrote $out"
