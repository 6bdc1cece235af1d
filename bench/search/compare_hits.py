#!/usr/bin/env python3
"""Do two runs of `bench_search search` give the same answers?

usage: compare_hits.py A_hits.jsonl B_hits.jsonl

Compares each query's top-10 ids (in order) and total; prints the queries that differ and
exits 1 if any does. Used by ab.sh to check that a speed change changed nothing a user sees.
"""
import json
import sys


def main() -> None:
    a_path, b_path = sys.argv[1], sys.argv[2]
    with open(a_path, encoding="utf-8") as fa, open(b_path, encoding="utf-8") as fb:
        a = [json.loads(line) for line in fa if line.strip()]
        b = [json.loads(line) for line in fb if line.strip()]
    if len(a) != len(b):
        sys.exit(f"{a_path}: {len(a)} queries, {b_path}: {len(b)}")
    differ = [
        (x["q"], x.get("country"))
        for x, y in zip(a, b)
        if (x["q"], x.get("country")) != (y["q"], y.get("country"))
        or x["ids"] != y["ids"]
        or x["total"] != y["total"]
    ]
    for q in differ[:20]:
        print(f"differs: {q}")
    print(f"{len(a)} queries: {len(a) - len(differ)} with the same top-10 ids in the same order "
          f"and the same total, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
