#!/usr/bin/env bash
# Reminders at a big team's 9:00: $1 promises (default 10,000) due in the same minute across $2 reps (default 200),
# each rep with email on and one push device. Runs the real `ringback serve` (its Quartz scheduler every 10 s) on
# SQLite, a real SMTP server (Debian's aiosmtpd, Maildir) and a push service on loopback (accepts and timestamps;
# the tests check signatures and decryption). Prints how late after their minute the mails and pushes arrived, and
# the CPU with nothing due over ${IDLE:-120} s (after ${WARM:-120} s of warm-up, and again after the burst) of that
# server and of a copy started beside it with the scheduler off: the difference is the scheduler's. Needs python3-aiosmtpd,
# python3-cryptography and sqlite3 (apt-get install). KEEP=1 keeps the work folder.
set -euo pipefail
promises=${1:-10000}
reps=${2:-200}
idle=${IDLE:-120}
warm=${WARM:-120}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ringback-reminders.XXXXXX)
port=5199; smtp_port=2599; push_port=5299; quiet_port=5198
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
for p in $port $smtp_port $push_port $quiet_port; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is taken (an earlier run still going?)" >&2; exit 1; fi
done

dotnet build -c Release "$here/src/Ringback" -v quiet -nologo >/dev/null
ringback=(dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --data-dir "$work/data")
"${ringback[@]}" demo --contacts "$promises" --months 1 --reps "$reps" >/dev/null
db=$work/data/ringback.db

# A P-256 public key and auth secret for every device (the payload is encrypted to them; nobody decrypts here).
read -r p256dh auth < <(/usr/bin/python3 - <<'PY'
import base64, os
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import serialization
key = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
b = lambda x: base64.urlsafe_b64encode(x).rstrip(b"=").decode()
print(b(key), b(os.urandom(16)))
PY
)

# The minute: a little after the server has started and been watched idle.
# A whole minute, as a promise's reminder is (08:15 promised, reminded at 08:10:00).
remind=$(date -u -d "@$(( ($(date +%s) + warm + idle + 60) / 60 * 60 + 60 ))" '+%Y-%m-%d %H:%M:%S')
due=$(date -u -d "$remind UTC + 5 minutes" '+%Y-%m-%d %H:%M:%S')
sqlite3 "$db" <<SQL
DELETE FROM reminder_deliveries; DELETE FROM reminders; DELETE FROM follow_ups WHERE kind IN ('Promise', 'Appointment');
UPDATE users SET remind_by_email = 1, remind_by_push = 1, remind_in_app = 1, reminder_lead_minutes = 5;
INSERT INTO push_subscriptions (id, organization_id, user_id, endpoint, p256dh, auth, device, created_at)
  SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
         organization_id, id, 'http://127.0.0.1:$push_port/push/' || id, '$p256dh', '$auth', 'Benchmark phone', '$remind'
  FROM users;
INSERT INTO reminders (id, organization_id, user_id, contact_id, kind, due_at, remind_at, state, created_at, round)
  SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
         organization_id, owner_id, id, 'Promise', '$due', '$remind', 'Scheduled', '$remind', 0
  FROM contacts WHERE owner_id IS NOT NULL;
SQL
count=$(sqlite3 "$db" "SELECT count(*) FROM reminders")
echo "$count promises due at $due UTC across $(sqlite3 "$db" "SELECT count(DISTINCT user_id) FROM reminders") reps; reminders at $remind UTC"

mkdir -p "$work/mail"/{tmp,new,cur}
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/mail" & pids+=($!)
/usr/bin/python3 - "$push_port" "$work/push.log" <<'PY' & pids+=($!)
import sys, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
log = open(sys.argv[2], "a", buffering=1)
class Push(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        log.write(f"{time.time()}\n")
        self.send_response(201); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Push).serve_forever()
PY

Ringback__Smtp__Host=127.0.0.1 Ringback__Smtp__Port=$smtp_port Ringback__Smtp__Security=None \
  "${ringback[@]}" serve --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 & server=$!; pids+=($server)
# The same data and program with the scheduler off, for the baseline of an idle server.
cp -r "$work/data" "$work/quiet"
Ringback__Reminders__Scheduler=false dotnet "$here/src/Ringback/bin/Release/net10.0/ringback.dll" --data-dir "$work/quiet" serve --urls "http://127.0.0.1:$quiet_port" \
  >/dev/null 2>&1 & quiet=$!; pids+=($quiet)
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && curl -sf "http://127.0.0.1:$quiet_port/healthz" >/dev/null; do sleep 0.2; done
sleep "$warm"

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
measure_idle() {
  local a1 b1 a2 b2
  a1=$(cpu $server); b1=$(cpu $quiet); sleep "$idle"; a2=$(cpu $server); b2=$(cpu $quiet)
  awk -v on=$((a2 - a1)) -v off=$((b2 - b1)) -v hz="$hz" -v s="$idle" -v what="$1" 'BEGIN {
    printf "%s, over %d s: scheduler on %.2f%% of one core, off %.2f%%: the scheduler %.2f%%\n", what, s, 100 * on / hz / s, 100 * off / hz / s, 100 * (on - off) / hz / s }'
}
measure_idle "Idle, nothing due"

# Wait for the minute and for every mail and push (or 5 minutes).
remind_epoch=$(date -u -d "$remind UTC" +%s)
while [ "$(date +%s)" -lt "$remind_epoch" ]; do sleep 1; done
for _ in $(seq 1 300); do
  mails=$(find "$work/mail/new" -type f | wc -l); pushes=$(wc -l < "$work/push.log" 2>/dev/null || echo 0)
  [ "$mails" -ge "$count" ] && [ "$pushes" -ge "$count" ] && break
  sleep 1
done
echo "Delivered: $mails mails, $pushes pushes of $count each"
find "$work/mail/new" -type f -printf '%T@\n' | sort -n | awk -v t0="$remind_epoch" '{ a[NR] = $1 - t0 } END { printf "Mail: first %.1f s, median %.1f s, last %.1f s after the reminder minute\n", a[1], a[int((NR + 1) / 2)], a[NR] }'
sort -n "$work/push.log" | awk -v t0="$remind_epoch" '{ a[NR] = $1 - t0 } END { printf "Push: first %.1f s, median %.1f s, last %.1f s after the reminder minute\n", a[1], a[int((NR + 1) / 2)], a[NR] }'
echo "Server memory: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$server/status")"
sqlite3 "$db" "SELECT channel, state, count(*) FROM reminder_deliveries GROUP BY 1, 2"
measure_idle "Idle after the burst"
