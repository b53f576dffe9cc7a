"""Answers for PhoneNumberCrossCheckTests from Debian's python3-phonenumbers (libphonenumber's Python port).

Reads JSON lines from stdin and writes one JSON line per input:
  {"regions": true}               -> {"regions": [{"region": "GB", "countryCode": 44, "trunk": "0", "idd": "00", "trunkRule": null}, ...]}
  {"examples": "GB"}              -> {"numbers": ["+442012345678", ...]}   example numbers of several types
  {"input": "...", "region": "GB"} -> {"valid": bool, "possible": bool, "e164": str|null}
"""
import json
import sys

import phonenumbers
from phonenumbers import PhoneNumberType, ValidationResult

TYPES = [PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE, PhoneNumberType.FIXED_LINE_OR_MOBILE]

for line in sys.stdin:
    request = json.loads(line)
    if "regions" in request:
        regions = []
        for region in sorted(phonenumbers.SUPPORTED_REGIONS):
            metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
            regions.append({"region": region, "countryCode": metadata.country_code, "trunk": metadata.national_prefix,
                            "idd": metadata.international_prefix, "trunkRule": metadata.national_prefix_for_parsing})
        print(json.dumps({"regions": regions}), flush=True)
        continue
    if "examples" in request:
        numbers = []
        for kind in TYPES:
            example = phonenumbers.example_number_for_type(request["examples"], kind)
            if example is not None:
                numbers.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
        print(json.dumps({"numbers": sorted(set(numbers))}), flush=True)
        continue
    answer = {"valid": False, "possible": False, "e164": None}
    try:
        number = phonenumbers.parse(request["input"], request["region"])
        answer["possible"] = phonenumbers.is_possible_number_with_reason(number) == ValidationResult.IS_POSSIBLE
        answer["valid"] = phonenumbers.is_valid_number(number)
        answer["e164"] = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    print(json.dumps(answer), flush=True)
