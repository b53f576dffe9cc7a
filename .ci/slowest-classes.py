"""Prints the test classes that took longest, summed over their tests, from the TRX logs a test run wrote."""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def seconds(text):
    hours, minutes, rest = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


total = defaultdict(float)
count = defaultdict(int)
for path in sys.argv[2:]:
    root = ET.parse(path).getroot()
    classes = {t.get("id"): t.find(NS + "TestMethod").get("className") for t in root.iter(NS + "UnitTest")}
    for result in root.iter(NS + "UnitTestResult"):
        name = classes.get(result.get("testId"), "?")
        total[name] += seconds(result.get("duration", "0:0:0"))
        count[name] += 1

print(f"slowest test classes (of {len(total)}, {sum(total.values()):.0f} s of test time in all):")
for name, spent in sorted(total.items(), key=lambda item: -item[1])[: int(sys.argv[1])]:
    print(f"  {spent:7.1f} s  {count[name]:4d} tests  {name}")
