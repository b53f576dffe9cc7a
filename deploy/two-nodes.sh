#!/usr/bin/env bash
# Two `ringback serve` nodes on one PostgreSQL behind HAProxy, all on loopback:
#   deploy/two-nodes.sh 'Host=127.0.0.1;Database=ringback;Username=ringback;Password=…' [LB_PORT]
# Nodes listen on LB_PORT+1 and LB_PORT+2 (default 8080, 8081, 8082); Ctrl-C stops all three. Sign-ins, API tokens,
# the Twilio token and web imports work whichever node answers (the data-protection keys and everything else are in the
# database); each reminder is sent once (Quartz's cluster on the same database).
set -euo pipefail
postgres=${1:?usage: deploy/two-nodes.sh POSTGRES_CONNECTION_STRING [LB_PORT]}
port=${2:-8080}
here=$(cd "$(dirname "$0")/.." && pwd)
command -v haproxy >/dev/null || { echo "two-nodes: HAProxy is not installed (apt-get install haproxy)" >&2; exit 1; }
dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
export RINGBACK_LB="127.0.0.1:$port" RINGBACK_NODE_A="127.0.0.1:$((port + 1))" RINGBACK_NODE_B="127.0.0.1:$((port + 2))"
export Ringback__PublicUrl="http://$RINGBACK_LB"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
for node in "$RINGBACK_NODE_A" "$RINGBACK_NODE_B"; do
  dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --postgres "$postgres" serve --urls "http://$node" &
  pids+=($!)
done
haproxy -f "$here/deploy/haproxy.cfg" -db &
pids+=($!)
echo "two-nodes: Ringback at http://$RINGBACK_LB (nodes $RINGBACK_NODE_A and $RINGBACK_NODE_B)"
wait -n "${pids[@]}"
