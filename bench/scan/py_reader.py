#!/usr/bin/env python3
"""The plain Python baseline: gzip.open over the whole file and a regex for the footer.

    python3 bench/scan/py_reader.py FILE   -> prints {"footers": N, "seconds": S}
"""
import gzip
import json
import re
import sys
import time

FOOTER = re.compile(
    rb"Data as of (?:(?:January|February|March|April|May|June|July|August|September|"
    rb"October|November|December) )?19[89]\d"
)

t = time.perf_counter()
n = 0
tail = b""
with gzip.open(sys.argv[1], "rb") as f:
    while True:
        chunk = f.read(1 << 20)
        if not chunk:
            break
        data = tail + chunk
        # Count matches that end in this chunk's new bytes (a footer may straddle chunks).
        n += sum(1 for m in FOOTER.finditer(data) if m.end() > len(tail))
        tail = data[-64:]
print(json.dumps({"footers": n, "seconds": round(time.perf_counter() - t, 3)}))
