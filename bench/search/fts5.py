#!/usr/bin/env python3
"""The SQLite FTS5 side of the search benchmark (Python's sqlite3).

usage: fts5.py SECTIONS.jsonl QUERIES.jsonl OUTDIR [--passes 3]

Loads the same sections the library indexed into an FTS5 table (tokenize='porter unicode61',
so both sides stem), times the load, then runs the same queries: words -> AND of terms,
"phrase" -> FTS5 phrase, country filter -> WHERE on the country column, ranked by
bm25 with the title weighted 2x (as areabook's title boost), LIMIT 10, with snippet() for
the same snippet work. One warm-up pass, then --passes timed passes; a query's latency is
its median over the passes, in wall time and in thread CPU time. Configurations: SQLite's defaults or a
tuned one (mmap over the whole db, 256 MB page cache), times the country filter as WHERE or as a
term in MATCH; the one with the lowest CPU p50 is reported as the peer.

Writes OUTDIR/fts5.json (figures) and OUTDIR/fts5_hits.jsonl (top-10 ids, match count).
"""
import json
import os
import re
import sqlite3
import statistics
import sys
import time

PHRASE = re.compile(r'"([^"]*)"|(\S+)')


def to_fts5(text: str) -> str:
    """areabook query syntax (words AND-ed, "phrases") -> FTS5 MATCH expression."""
    parts = []
    for m in PHRASE.finditer(text):
        s = m.group(1) if m.group(1) is not None else m.group(2)
        s = s.replace('"', "").strip()
        if s:
            parts.append('"' + s + '"')
    return " AND ".join(parts)


def ctok(country: str) -> str:
    """A country id as one alphanumeric token, so an FTS5 term matches exactly one country."""
    return "zz" + re.sub(r"[^0-9a-z]", "", country.lower())


def pct(sorted_v, p):
    return sorted_v[round(p / 100 * (len(sorted_v) - 1))]


def summary(lat):
    s = sorted(lat)
    return {
        "n": len(s),
        "p50_ms": pct(s, 50),
        "p90_ms": pct(s, 90),
        "p99_ms": pct(s, 99),
        "max_ms": s[-1],
        "mean_ms": sum(s) / len(s),
    }


def main() -> None:
    sections, queries_path, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
    passes = int(sys.argv[sys.argv.index("--passes") + 1]) if "--passes" in sys.argv else 3
    db = os.path.join(outdir, "fts5.sqlite")
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE s USING fts5(id UNINDEXED, country UNINDEXED, ctok, title, body,"
        " tokenize='porter unicode61')"
    )

    def rows():
        with open(sections, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                yield d["id"], d["country"], ctok(d["country"]), d["title"], d["body"]

    t0 = time.perf_counter()
    c0 = time.process_time()
    with con:
        con.executemany(
            "INSERT INTO s(id, country, ctok, title, body) VALUES (?,?,?,?,?)", rows()
        )
    load_s = time.perf_counter() - t0
    load_cpu_s = time.process_time() - c0
    t1 = time.perf_counter()
    with con:
        con.execute("INSERT INTO s(s) VALUES ('optimize')")
    optimize_s = time.perf_counter() - t1
    n_rows = con.execute("SELECT count(*) FROM s").fetchone()[0]
    con.close()
    db_bytes = os.path.getsize(db)
    print(
        f"fts5: {n_rows} rows loaded in {load_s:.1f}s (+ optimize {optimize_s:.1f}s), "
        f"db {db_bytes / 1e6:.1f} MB",
        file=sys.stderr,
    )

    queries = [json.loads(l) for l in open(queries_path, encoding="utf-8") if l.strip()]
    sql = (
        "SELECT id, title, snippet(s, 4, '<mark>', '</mark>', '…', 40), bm25(s, 0, 0, 0, 2.0, 1.0)"
        " FROM s WHERE s MATCH ?{} ORDER BY bm25(s, 0, 0, 0, 2.0, 1.0) LIMIT 10"
    )
    plain = sql.format("")
    filtered = sql.format(" AND country = ?")
    # Two ways to filter by country: WHERE on the stored column, or a term of the indexed
    # ctok column inside MATCH (posting-list intersection; weight 0 in bm25).
    by_filter = {
        "where": [
            (filtered, (to_fts5(q["q"]), q["country"])) if q["country"] else (plain, (to_fts5(q["q"]),))
            for q in queries
        ],
        "match": [
            (plain, (f'({to_fts5(q["q"])}) AND ctok : "{ctok(q["country"])}"',))
            if q["country"] else (plain, (to_fts5(q["q"]),))
            for q in queries
        ],
    }
    prepared = by_filter["where"]

    pragmas_by = {
        "default": [],
        "tuned": ["PRAGMA mmap_size=1073741824", "PRAGMA cache_size=-262144"],
    }
    configs = {
        f"{p}+{f}-filter": (pragmas_by[p], by_filter[f]) for p in pragmas_by for f in by_filter
    }
    results = {}
    hits_by = {}
    for name, (pragmas, prepared) in configs.items():
        con = sqlite3.connect(db)
        for p in pragmas:
            con.execute(p)
        # Python's own per-call overhead, for reference.
        t = time.perf_counter()
        for _ in range(1000):
            con.execute("SELECT 1").fetchall()
        overhead_ms = (time.perf_counter() - t)
        out = [con.execute(s, a).fetchall() for s, a in prepared]  # warm-up
        hits_by[name] = [[r[0] for r in h] for h in out]
        per_query = [[] for _ in prepared]
        per_query_cpu = [[] for _ in prepared]
        for _ in range(passes):
            for i, (s, a) in enumerate(prepared):
                c = time.thread_time_ns()
                t = time.perf_counter()
                r = con.execute(s, a).fetchall()
                per_query[i].append((time.perf_counter() - t) * 1e3)
                per_query_cpu[i].append((time.thread_time_ns() - c) / 1e6)
        lat = [statistics.median(v) for v in per_query]
        cpu = [statistics.median(v) for v in per_query_cpu]
        results[name] = summary(lat)
        results[name]["cpu"] = summary(cpu)
        results[name]["cpu_latencies"] = cpu
        results[name]["python_call_overhead_ms"] = overhead_ms
        results[name]["latencies"] = lat
        st = results[name]
        print(
            f"fts5 [{name}]: p50 {st['p50_ms']:.3f} ms  p90 {st['p90_ms']:.3f}  "
            f"p99 {st['p99_ms']:.3f}  max {st['max_ms']:.3f}  mean {st['mean_ms']:.3f}  "
            f"(python call overhead {overhead_ms:.4f} ms); thread CPU p50 {st['cpu']['p50_ms']:.3f}"
            f"  p99 {st['cpu']['p99_ms']:.3f}",
            file=sys.stderr,
        )
        con.close()
    best = min(results, key=lambda k: results[k]["cpu"]["p50_ms"])

    # Match counts (not timed): the same query with count(*).
    con = sqlite3.connect(db)
    with open(os.path.join(outdir, "fts5_hits.jsonl"), "w", encoding="utf-8") as f:
        for q, (s, a), ids, ms, cpu_ms in zip(
            queries, by_filter["where"], hits_by[best], results[best]["latencies"],
            results[best]["cpu_latencies"],
        ):
            count_sql = "SELECT count(*) FROM s WHERE s MATCH ?" + (
                " AND country = ?" if q["country"] else ""
            )
            total = con.execute(count_sql, a).fetchone()[0]
            if q["country"]:
                t2 = con.execute(
                    "SELECT count(*) FROM s WHERE s MATCH ?",
                    (f'({to_fts5(q["q"])}) AND ctok : "{ctok(q["country"])}"',),
                ).fetchone()[0]
                assert t2 == total, (q, total, t2)
            f.write(
                json.dumps(
                    {"q": q["q"], "country": q["country"], "ms": ms, "cpu_ms": cpu_ms,
                     "total": total,
                     "ids": ids}
                )
                + "\n"
            )
    con.close()
    for r in results.values():
        del r["latencies"]
        del r["cpu_latencies"]
    figures = {
        "sqlite_version": sqlite3.sqlite_version,
        "rows": n_rows,
        "load_s": load_s,
        "load_process_cpu_s": load_cpu_s,
        "optimize_s": optimize_s,
        "db_bytes": db_bytes,
        "configs": results,
        "reported_config": best,
        "search": results[best],
    }
    with open(os.path.join(outdir, "fts5.json"), "w") as f:
        json.dump(figures, f, indent=2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
