#!/usr/bin/env bash
# Times `ringback import contacts` on a generated HubSpot-shaped CSV of N rows (default 1,000,000) and compares it
# with sqlite3's own path into the same schema: `.import` into a plain table, then INSERT … SELECT into `contacts`
# (same nine indexes), both with synchronous=FULL. With RINGBACK_TEST_POSTGRES set, also imports into PostgreSQL
# and compares with psql's \copy + INSERT … SELECT. Needs: sqlite3, time (apt-get install sqlite3 time).
set -euo pipefail
rows=${1:-1000000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ringback-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
csv=$work/contacts.csv

awk -v n="$rows" -f "$here/benchmarks/contacts.awk" > "$csv"
echo "file: $rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MiB"

dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
ringback=(dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll")
measure() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %M KiB peak RSS" "$@" >/dev/null; }

"${ringback[@]}" --data-dir "$work/sqlite" user add --email bench@example.com --name Bench --password "benchmark password" >/dev/null
measure "ringback import, SQLite" "${ringback[@]}" --data-dir "$work/sqlite" import contacts "$csv"

"${ringback[@]}" --data-dir "$work/native" user add --email bench@example.com --name Bench --password "benchmark password" >/dev/null
org=$(sqlite3 "$work/native/ringback.db" "SELECT id FROM organizations")
measure "sqlite3 .import into a plain table" sqlite3 "$work/native/ringback.db" \
  "PRAGMA synchronous=FULL;" "CREATE TABLE staging(f, l, e, p, m, c, t, i, s, n);" ".import --csv --skip 1 $csv staging"
measure "sqlite3 INSERT…SELECT into contacts (same indexes)" sqlite3 "$work/native/ringback.db" "PRAGMA synchronous=FULL;
  INSERT INTO contacts (id, organization_id, first_name, last_name, title, industry, direct_phone, mobile_phone, email, status, notes, created_at, updated_at)
  SELECT upper(hex(randomblob(16))), '$org', f, l, t, i, p, m, e, 'New', n, '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM staging;"

if [ -n "${RINGBACK_TEST_POSTGRES:-}" ]; then
  db=rb_bench_$$
  psql -q "$(echo "$RINGBACK_TEST_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/')" -c "CREATE DATABASE $db"
  pg="${RINGBACK_TEST_POSTGRES/Database=postgres/Database=$db}"
  conn=$(echo "$pg" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/')
  "${ringback[@]}" --postgres "$pg" user add --email bench@example.com --name Bench --password "benchmark password" >/dev/null
  measure "ringback import, PostgreSQL" "${ringback[@]}" --postgres "$pg" import contacts "$csv"
  psql -q "$conn" -c "DELETE FROM contacts" -c "DELETE FROM companies" -c "VACUUM FULL contacts" -c "CREATE TABLE staging(f text, l text, e text, p text, m text, c text, t text, i text, s text, n text)"
  measure "psql \\copy into a plain table" psql -q "$conn" -c "\\copy staging FROM '$csv' CSV HEADER"
  org=$(psql -At "$conn" -c "SELECT id FROM organizations")
  measure "psql INSERT…SELECT into contacts (same indexes)" psql -q "$conn" -c "INSERT INTO contacts (id, organization_id, first_name, last_name, title, industry, direct_phone, mobile_phone, email, status, notes, created_at, updated_at)
    SELECT gen_random_uuid(), '$org', f, l, t, i, p, m, e, 'New', n, now(), now() FROM staging"
  psql -q "$(echo "$RINGBACK_TEST_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/')" -c "DROP DATABASE $db WITH (FORCE)"
fi
