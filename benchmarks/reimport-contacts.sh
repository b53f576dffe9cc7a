#!/usr/bin/env bash
# Times re-importing a file Ringback already holds (issue 31): a HubSpot-shaped CSV of N rows (default 100,000) imported
# fresh, then again with each duplicate choice: skip (the default), update with the same file (nothing changes), and
# update with every row's title changed. SQLite, synchronous=FULL, as `ringback import contacts` runs it.
# Needs: time (apt-get install time).
set -euo pipefail
rows=${1:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ringback-reimport.XXXXXX)
trap 'rm -rf "$work"' EXIT
awk -v n="$rows" -f "$here/benchmarks/contacts.awk" > "$work/contacts.csv"
sed 's/VP Sales/Head of Sales/' "$work/contacts.csv" > "$work/retitled.csv"

dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
ringback=(dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --data-dir "$work/db")
measure() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %M KiB peak RSS" "$@" >/dev/null; }

"${ringback[@]}" user add --email bench@example.com --name Bench --password "benchmark password" >/dev/null
measure "fresh import, $rows rows" "${ringback[@]}" import contacts "$work/contacts.csv"
measure "again, duplicates skipped" "${ringback[@]}" import contacts "$work/contacts.csv"
measure "again, duplicates updated (same file)" "${ringback[@]}" import contacts --duplicates update "$work/contacts.csv"
measure "again, duplicates updated (every title changed)" "${ringback[@]}" import contacts --duplicates update "$work/retitled.csv"
