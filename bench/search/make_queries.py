#!/usr/bin/env python3
"""Generate the benchmark's query file, deterministically, from the corpus vocabulary.

usage: make_queries.py SECTIONS.jsonl OUT.jsonl

One JSON object per line: {"q": query text in areabook syntax, "country": id or null,
"kind": category}. Words are AND-ed; "quoted" text is a phrase. Every word is purely
alphabetic (no operators, no punctuation) so both engines read the query the same way.
Categories: common / mid / rare single words, 2-3 word conjunctions taken from one section
(so they match), random rare pairs (mostly no hits), 2-4 word phrases taken verbatim from a
section, phrase + word, and words or phrases with a country filter.
"""
import json
import random
import re
import sys
from collections import Counter

STOP = set(
    "the of and to in a is was for on by with as at from that were be it its an or are "
    "this which has had have but not also other their been into than more after most these "
    "such they who all during some about over between under both only two one new many there "
    "when while would can may up out he his her she them then where those".split()
)
WORD = re.compile(r"[a-z]+")


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    docs = []
    df = Counter()
    with open(src, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append((d["country"], d["title"], d["body"]))
            df.update(set(WORD.findall((d["title"] + " " + d["body"]).lower())))
    rng = random.Random(20260502)
    vocab = [w for w, _ in df.most_common() if len(w) >= 3 and w not in STOP]
    common = vocab[:500]
    mid = [w for w in vocab if 50 <= df[w] <= 1000]
    rare = [w for w in vocab if 1 <= df[w] <= 10]
    queries = []

    def add(q, kind, country=None):
        queries.append({"q": q, "country": country, "kind": kind})

    def words_of(body):
        return [w for w in WORD.findall(body.lower()) if len(w) >= 3 and w not in STOP]

    def phrase_of(body, lo=2, hi=4):
        toks = body.split()
        for _ in range(50):
            n = rng.randint(lo, hi)
            if len(toks) <= n:
                return None
            i = rng.randrange(len(toks) - n)
            win = toks[i : i + n]
            if all(re.fullmatch(r"[A-Za-z]+", t) for t in win) and any(
                t.lower() not in STOP for t in win
            ):
                return " ".join(t.lower() for t in win)
        return None

    for w in rng.sample(common, 60):
        add(w, "word-common")
    for w in rng.sample(mid, 60):
        add(w, "word-mid")
    for w in rng.sample(rare, 60):
        add(w, "word-rare")
    while sum(q["kind"] == "and" for q in queries) < 150:
        _, _, body = rng.choice(docs)
        ws = sorted(set(words_of(body)))
        n = rng.choice((2, 2, 3))
        if len(ws) >= n:
            add(" ".join(rng.sample(ws, n)), "and")
    for _ in range(30):
        add(" ".join(rng.sample(rare, 2)), "and-rare-random")
    while sum(q["kind"] == "phrase" for q in queries) < 150:
        p = phrase_of(rng.choice(docs)[2])
        if p:
            add(f'"{p}"', "phrase")
    while sum(q["kind"] == "phrase+word" for q in queries) < 60:
        _, _, body = rng.choice(docs)
        p = phrase_of(body, 2, 3)
        ws = words_of(body)
        if p and ws:
            w = rng.choice(ws)
            if w not in p.split():
                add(f'"{p}" {w}', "phrase+word")
    while sum(q["kind"].startswith("country") for q in queries) < 90:
        country, _, body = rng.choice(docs)
        if rng.random() < 0.5:
            ws = words_of(body)
            if ws:
                add(rng.choice(ws), "country-word", country)
        else:
            p = phrase_of(body, 2, 3)
            if p:
                add(f'"{p}"', "country-phrase", country)
    with open(out, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q) + "\n")
    kinds = Counter(q["kind"] for q in queries)
    print(f"{len(queries)} queries from {len(docs)} sections: {dict(kinds)}", file=sys.stderr)


if __name__ == "__main__":
    main()
