"""Reads an iCalendar document on stdin with Debian's python3-icalendar and prints its events as JSON.

Strict: a document icalendar cannot parse, or a line longer than 75 octets, makes this exit non-zero.
"""
import json
import sys

from icalendar import Calendar

raw = sys.stdin.buffer.read()
for number, line in enumerate(raw.split(b"\r\n"), 1):
    if len(line) > 75:
        sys.exit(f"line {number} is {len(line)} octets long")
calendar = Calendar.from_ical(raw)
events = []
for event in calendar.walk("VEVENT"):
    events.append({
        "uid": str(event.get("UID")),
        "summary": str(event.get("SUMMARY")),
        "start": event.decoded("DTSTART").isoformat(),
        "end": event.decoded("DTEND").isoformat(),
        "location": str(event.get("LOCATION")) if event.get("LOCATION") is not None else None,
        "description": str(event.get("DESCRIPTION")) if event.get("DESCRIPTION") is not None else None,
        "organizer": str(event.get("ORGANIZER")) if event.get("ORGANIZER") is not None else None,
        "attendees": [str(a) for a in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")] if event.get("ATTENDEE") is not None else [])],
        "sequence": event.get("SEQUENCE"),
    })
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME")), "method": str(calendar.get("METHOD")), "events": events}))
