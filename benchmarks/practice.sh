#!/usr/bin/env bash
# A 30-second practice take analysed end to end (ffmpeg decode, pocketsphinx held to the intended text, the measures
# and the coach), $RUNS times (default 5): first posted to a running server (`POST /api/v1/practice/takes`, the time
# curl waits for the answer, and each stage's time from the server's log), then with `ringback practice --timings`
# (a new process each time, so its JIT is cold). The take is made here with flite and sox, then encoded as WebM/Opus
# as a browser records it. Needs flite, sox, ffmpeg, pocketsphinx, pocketsphinx-en-us.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
dll="$here/src/Ringback/bin/Release/net10.0/ringback.dll"
work=$(mktemp -d /tmp/ringback-practice.XXXXXX)
port=5198
server=
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
# Another server on the port would answer for ours and be measured instead (CI once failed that way).
curl -s -o /dev/null "http://127.0.0.1:$port/" && { echo "practice: something already answers on port $port; stop it first" >&2; exit 1; }

text="Hi Dana, this is Freda Whitehouse at ABC Company. My number is 901-555-2120. I'm calling about how we can cut your fleet's overtime costs, the way we did for Performance Tires last spring, and I'll call you again Thursday at 10. If Thursday is no good, tell your assistant when suits you. Again, 901-555-2120."
spoken=$(sed 's/901-555-2120/nine oh one, five five five, two one two oh/g' <<<"$text")
flite -voice slt --setf duration_stretch=1.3 -t "$spoken" -o "$work/voice.wav"
sox -V1 "$work/voice.wav" "$work/take.wav" pad 0.5 0.5
ffmpeg -v error -i "$work/take.wav" -c:a libopus "$work/take.webm"
echo "take: $(soxi -D "$work/take.wav") s, WebM/Opus $(stat -c %s "$work/take.webm") bytes"

ringback=(dotnet "$dll" --data-dir "$work/data")
token=$(echo "correct horse battery staple" | "${ringback[@]}" user add --email freda@abc.example --name "Freda Whitehouse" --password-stdin \
  --org ABC --company "ABC Company" --phone 901-555-2120 --time-zone America/Chicago --token | tail -n 1)
"${ringback[@]}" serve --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.2; done
echo "server (the first request is the JIT's; the rest are warm):"
for _ in $(seq 0 "$runs"); do
  took=$(curl -s -o "$work/take.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
    -F "audio=@$work/take.webm" -F "text=$text" "http://127.0.0.1:$port/api/v1/practice/takes")
  grep -q '"id"' "$work/take.json" || { cat "$work/take.json"; exit 1; }
  echo "  $(grep -o 'decode [0-9]* ms, recognition [0-9]* ms, measures and coach [0-9]* ms' "$work/server.log" | tail -n 1) · answered in ${took} s"
done
kill $server; wait $server 2>/dev/null || true; server=

echo "command line (a new process each run):"
for _ in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "${ringback[@]}" practice "$work/take.webm" --text "$text" --json --timings >"$work/out.json" 2>"$work/timings"
  end=$(date +%s%N)
  echo "  $(tr '\n' ' ' <"$work/timings")· whole command $(( (end - start) / 1000000 )) ms"
done
echo "findings: $(grep -o '"rule": *"[a-z-]*"' "$work/out.json" | sed 's/.*"\([a-z-]*\)"$/\1/' | tr '\n' ' ')"
