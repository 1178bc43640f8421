"""Reads a subunit v2 stream on stdin; prints one JSON object per test:
{"id", "status" (success|fail|skip|...), "reason"}.

reason: for a failure, the exception line(s) at the end of the traceback;
for a skip, the skip reason. Run with Debian's /usr/bin/python3 (python3-subunit).
"""
import json
import re
import sys

import subunit
import testtools


def reason_of(status, details):
    def text(name):
        d = details.get(name)
        if d is None:
            return ""
        return "".join(chunk.decode("utf-8", "replace") for chunk in d.iter_bytes())

    if status == "skip":
        return text("reason").strip()
    tb = text("traceback")
    if not tb:
        return ""
    lines = tb.rstrip().splitlines()
    # The exception line is the first unindented line after the frames of
    # the last traceback; a "Details:" line after it carries the API's reply.
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last)")]
    i = starts[-1] + 1 if starts else 0
    while i < len(lines) and (lines[i].startswith(" ") or not lines[i].strip()):
        i += 1
    picked = lines[i:i + 1]
    if i + 1 < len(lines) and lines[i + 1].startswith("Details:"):
        picked.append(lines[i + 1])
    return " ".join(picked)


def main():
    results = []

    def on_test(test):
        status = test["status"]
        if status in ("exists", "inprogress"):
            return
        results.append({
            "id": test["id"],
            "status": status,
            "reason": reason_of(status, test["details"]),
        })

    stream = subunit.ByteStreamToStreamResult(sys.stdin.buffer, non_subunit_name="stdout")
    result = testtools.StreamToDict(on_test)
    result.startTestRun()
    try:
        stream.run(result)
    finally:
        result.stopTestRun()
    for r in results:
        r["reason"] = re.sub(r"\s+", " ", r["reason"]).strip()
        print(json.dumps(r))


if __name__ == "__main__":
    main()
