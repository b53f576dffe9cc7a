#!/usr/bin/env bash
# Cold start: from `ringback serve` being started to the sign-in page served (curl on loopback, following the
# first-run redirect on an empty database, so the page a person sees is rendered), $RUNS times (default 5), on an
# empty SQLite database and, when given, on an existing data folder ($1, e.g. a kept demo's `data`). Measured for the
# server as deployed — `dotnet publish -r linux-x64`, which compiles it ahead of time (ReadyToRun) — and for the build
# `dotnet run` starts. The page cache is left warm (dropping it needs root and measures the disk, not Ringback).
# Prints each run and the median, and the server's memory once it answers.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
port=5197
rid=${RID:-linux-x64}
empty=$(mktemp -d /tmp/ringback-cold.XXXXXX)
published=$(mktemp -d /tmp/ringback-cold-app.XXXXXX)
trap 'rm -rf "$empty" "$published"' EXIT
# Another server on the port would answer for ours and be measured instead (CI once failed that way).
curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "cold-start: something already answers on port $port; stop it first" >&2; exit 1; }
dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
dotnet publish -c Release -r "$rid" "$here/src/Ringback" -o "$published" -v quiet -nologo >/dev/null
built="$here/src/Ringback/bin/Release/net10.0/ringback.dll"
# The empty database is made (migrated) once first: a first start ever also creates the schema.
dotnet "$built" --data-dir "$empty" user list >/dev/null 2>&1 || true

measure() {
  local dll=$1 dir=$2 times=()
  for _ in $(seq 1 "$runs"); do
    local start; start=$(date +%s%N)
    dotnet "$dll" --data-dir "$dir" serve --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
    local server=$!
    until curl -sfL -o /dev/null "http://127.0.0.1:$port/signin"; do sleep 0.01; done
    local end; end=$(date +%s%N)
    local rss; rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status")
    kill "$server"; wait "$server" 2>/dev/null || true
    times+=("$(( (end - start) / 1000000 ))")
    echo "  $(( (end - start) / 1000000 )) ms to the sign-in page, ${rss} MiB"
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v d="$dir" '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms (" d ")"}'
}

for kind in published built; do
  dll=$([ "$kind" = published ] && echo "$published/ringback.dll" || echo "$built")
  echo "$kind, empty database:"; measure "$dll" "$empty"
  if [ -n "${1:-}" ]; then echo "$kind, $1:"; measure "$dll" "$1"; fi
done
