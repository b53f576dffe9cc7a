#!/usr/bin/env bash
# Server render time of the web pages with a big contact book: 100,000 contacts (or $1) and one contact with 500
# calls, and 10,000 planned cadence steps over 60 days. Starts `ringback serve` (Release) on SQLite, signs in like a browser (antiforgery token and cookie), and
# times each page 20 times after a warm-up with curl on loopback. Prints the median and the slowest.
set -euo pipefail
rows=${1:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ringback-pages.XXXXXX)
port=5197
trap 'kill $server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
# Another server on the port would answer for ours and be measured instead (CI once failed that way).
curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "pages: something already answers on port $port; stop it first" >&2; exit 1; }

dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
ringback=(dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --data-dir "$work/data")
token=$("${ringback[@]}" user add --email bench@example.com --name Bench --password "benchmark password" --time-zone America/Chicago --token | tail -n 1)
awk -v n="$rows" -f "$here/benchmarks/contacts.awk" > "$work/contacts.csv"
"${ringback[@]}" import contacts "$work/contacts.csv" >/dev/null
# A heavy planner: 10,000 of the contacts have a cadence step due some time in the next 60 days (about 170 a day),
# written straight into the follow-up table so that Today's queries, not the set-up, are what is measured.
sqlite3 "$work/data/ringback.db" "INSERT INTO follow_ups (id, organization_id, contact_id, user_id, kind, due_at, strategy, why)
  SELECT 'F' || substr(id, 2), organization_id, id, owner_id, 'CadenceStep',
         strftime('%Y-%m-%d %H:%M:%S', 'now', '+' || (abs(random()) % 86400) || ' minutes', '-30 days'), 'WarmColdCall', 'Benchmark: step 1 of 7'
  FROM contacts ORDER BY id LIMIT 10000;"
"${ringback[@]}" serve --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done

api() { curl -sf -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
contact=$(api -d '{"firstName":"Sue","lastName":"Jones","company":"XYZ Company","directPhone":"(415) 616-2407","timeZone":"America/Los_Angeles"}' \
  "http://127.0.0.1:$port/api/v1/contacts" | sed 's/.*"contact":{"id":"\([^"]*\)".*/\1/')
gatekeeper=$(api -d '{"name":"Pat Smith","relationship":"assistant"}' "http://127.0.0.1:$port/api/v1/contacts/$contact/gatekeepers" | sed 's/.*"id":"\([^"]*\)".*/\1/')
for i in $(seq 1 500); do
  day=$(( (i % 28) + 1 ))
  api -o /dev/null -d "{\"outcome\":\"gatekeeper-message\",\"answeredByGatekeeperId\":\"$gatekeeper\",\"startedAt\":\"2026-$(printf %02d $(( (i % 10) + 1 )))-$(printf %02d $day)T15:$(printf %02d $(( i % 60 ))):00Z\",\"strategy\":\"vague\",\"messageText\":\"Hi Sue, this is Bench at 901-555-2120, calling as promised. Call $i.\",\"notes\":\"Attempt $i\",\"commitments\":\"Send the case study\"}" \
    "http://127.0.0.1:$port/api/v1/contacts/$contact/calls"
done

jar=$work/cookies
form=$(curl -s -c "$jar" "http://127.0.0.1:$port/signin")
antiforgery=$(echo "$form" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | sed -n 1p)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$antiforgery" \
  --data-urlencode "Email=bench@example.com" --data-urlencode "Password=benchmark password" "http://127.0.0.1:$port/signin"

echo "$rows contacts; contact page with 500 calls. Server time per page over 20 requests (curl time_starttransfer, loopback):"
for path in "/contacts" "/contacts?q=Last54321" "/contacts?q=%28215%29%20205-4321" "/contacts?handler=Rows&q=company%201234" "/contacts?page=1500" \
            "/contacts?status=new&sort=-updated" "/contacts/$contact" "/today" "/templates" "/do-not-call" "/settings" "/reference-clients" "/import" \
            "/api/v1/queue"; do
  url="http://127.0.0.1:$port$path"
  auth=(-b "$jar"); [[ $path == /api/* ]] && auth=(-H "Authorization: Bearer $token")
  code=$(curl -s "${auth[@]}" -o /dev/null -w '%{http_code}' "$url")
  [ "$code" = 200 ] || { echo "$path answered $code"; exit 1; }
  for _ in 1 2 3; do curl -s "${auth[@]}" -o /dev/null "$url"; done
  times=$(for _ in $(seq 1 20); do curl -s "${auth[@]}" -o /dev/null -w '%{time_starttransfer}\n' "$url"; done | sort -n)
  printf '%-45s median %6.1f ms   slowest %6.1f ms\n' "$path" "$(echo "$times" | sed -n 10p | awk '{print $1 * 1000}')" "$(echo "$times" | tail -n 1 | awk '{print $1 * 1000}')"
done
