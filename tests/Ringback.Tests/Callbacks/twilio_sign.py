"""Signs requests with the Twilio Python library (Debian's python3-twilio): the oracle for Ringback's signature check.

Reads a JSON array of {"token", "url", "params": {name: value}} from stdin and prints a JSON array of
{"signature", "valid"}: the library's signature for the case, and whether its validator accepts it.
"""
import json
import sys

from twilio.request_validator import RequestValidator

out = []
for case in json.load(sys.stdin):
    validator = RequestValidator(case["token"])
    signature = validator.compute_signature(case["url"], case["params"])
    out.append({"signature": signature, "valid": validator.validate(case["url"], case["params"], signature)})
json.dump(out, sys.stdout)
