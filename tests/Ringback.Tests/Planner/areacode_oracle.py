"""Answers for AreaCodeCrossCheckTests from Debian's python3-phonenumbers (libphonenumber's Python port).

Reads a JSON list of three-digit North American area codes on stdin; writes one JSON object mapping each to
{"valid": bool, "region": str|null, "place": str, "zones": [str]} for sample numbers in it.
"""
import json
import sys

import phonenumbers
from phonenumbers import geocoder, timezone

# Several exchanges per area code: one may be unassigned, and the zone data is kept per exchange for some codes.
LOCALS = ["2345678", "3235678", "4565678", "5255678", "6325678", "7215678", "8235678", "9395678", "3575678", "4225678"]

answers = {}
for code in json.load(sys.stdin):
    valid = [n for n in (phonenumbers.parse("+1" + code + local) for local in LOCALS) if phonenumbers.is_valid_number(n)]
    zones = sorted({z for n in valid for z in timezone.time_zones_for_number(n) if z != "Etc/Unknown"})
    first = valid[0] if valid else phonenumbers.parse("+1" + code + LOCALS[0])
    answers[code] = {
        "valid": bool(valid),
        "region": phonenumbers.region_code_for_number(first),
        "place": geocoder.description_for_number(first, "en"),
        "zones": zones,
    }
print(json.dumps(answers))
