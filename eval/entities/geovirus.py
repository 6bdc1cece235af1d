#!/usr/bin/env python3
"""End-to-end geoparsing score of `areabook entities` on GeoVirus (Gritta et al. 2018), the dev
two thirds in ../shared/data/gazetteer/geovirus-dev.xml (152 WikiNews articles, 1,483 toponyms).

Each article's text goes to `areabook entities --json` on stdin (news: no --dct unless given).
Only system entities of state and place kinds count as toponyms. Reported:

  toponym precision / recall / F1   one-to-one span overlap between those entities and the gold
                                    toponyms (also with exact spans); precision is also given
                                    without entities whose text is a demonym or adjective
                                    (crates/pages/data/demonyms.tsv): GeoVirus marks none
  Acc@161                           the fraction of gold toponyms for which some overlapping
                                    system entity has coordinates within 161 km of the gold
                                    point (haversine); a toponym not found, or found without
                                    coordinates, counts as wrong
  mean / median error (km)          over gold toponyms with an overlapping located entity
                                    (the nearest such entity)

Gold offsets are 1-based: the name is text[start-1:end-1] in code points; the script checks it.

    python3 eval/entities/geovirus.py [--bin target/release/areabook] [--limit N] [--errors] [--out FILE]
Exit status 0 whatever the scores; 2 when the binary or the data cannot be read.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import common
import format as fmtmod

DEFAULT_DATA = fmtmod.ROOT.parent / "shared" / "data" / "gazetteer" / "geovirus-dev.xml"
TOPONYM_KINDS = fmtmod.STATE_KINDS + fmtmod.PLACE_KINDS
KM = 161.0

# Published Acc@161 on the whole of GeoVirus (Gritta et al.), as given in ../shared/README.md.
REFERENCE = [
    ("CamCoder", 0.82),
    ("population baseline", 0.80),
    ("CLIFF-CLAVIN", 0.79),
    ("Edinburgh Geoparser", 0.78),
    ("oracle NER ceiling", 0.88),
]


def load_articles(path: Path) -> list[dict]:
    root = ET.parse(path).getroot()
    articles = []
    for n, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        gold = []
        for loc in a.iter("location"):
            name = loc.findtext("name") or ""
            start, end = int(loc.findtext("start")), int(loc.findtext("end"))
            s, e = start - 1, end - 1
            if text[s:e] != name:
                raise ValueError(f"article {n}: toponym {name!r} at {start}..{end} reads {text[s:e]!r}")
            gold.append({"start": s, "end": e, "text": name, "name": name,
                         "coords": (float(loc.findtext("lat")), float(loc.findtext("lon"))),
                         "page": loc.findtext("page") or ""})
        gold.sort(key=lambda g: (g["start"], g["end"]))
        articles.append({"n": n, "source": a.findtext("source") or "", "text": text, "gold": gold})
    return articles


def load_demonyms() -> set[str]:
    forms = set()
    if fmtmod.DEMONYMS_TSV.is_file():
        for raw in fmtmod.DEMONYMS_TSV.read_text(encoding="utf-8").splitlines():
            if raw and not raw.startswith("#"):
                cols = raw.split("\t")
                for col in cols[1:3]:
                    forms.update(f for f in col.split("|") if f)
    return forms


def main() -> int:
    ap = argparse.ArgumentParser(description="GeoVirus end-to-end geoparsing score of `areabook entities`.")
    ap.add_argument("--bin", help=f"the areabook binary (default {common.DEFAULT_BIN})")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="GeoVirus XML (default %(default)s)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--dct", help="pass --dct DATE to every run (default: none, as news)")
    ap.add_argument("--errors", action="store_true", help="print every toponym scored wrong and every false positive")
    ap.add_argument("--out", help="write the scores and errors as JSON here")
    ap.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 1), help="parallel runs (default %(default)s)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run (default %(default)s)")
    args = ap.parse_args()

    data = Path(args.data)
    if not data.is_file():
        print(f"{data}: not found (GeoVirus dev lives in ../shared/data/gazetteer/; see ../shared/README.md)", file=sys.stderr)
        return 2
    try:
        articles = load_articles(data)
    except (ET.ParseError, ValueError, TypeError) as e:
        print(f"{data}: {e}", file=sys.stderr)
        return 2
    if args.limit is not None:
        articles = articles[:max(0, args.limit)]
    binary = common.resolve_bin(args.bin)
    problem = common.check_bin(binary)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    results = common.run_many(binary, [(a["text"], args.dct) for a in articles], args.jobs, args.timeout)
    demonyms = load_demonyms()

    n_gold = n_sys = n_sys_nodem = 0
    hit_gold = hit_sys = hit_sys_nodem = ex_gold = ex_sys = 0
    correct = 0
    distances: list[float] = []
    failures, warnings, errors = [], [], []
    ignored: dict[str, int] = {}
    for a, (entities, warns, error) in zip(articles, results):
        if error:
            failures.append({"article": a["n"], "source": a["source"], "error": error})
        warnings += [f"article {a['n']}: {w}" for w in warns]
        system = []
        for e in entities:
            if e["kind"] in TOPONYM_KINDS:
                system.append(e)
            else:
                ignored[e["kind"]] = ignored.get(e["kind"], 0) + 1
        gold = a["gold"]
        m = common.match(gold, system, common.overlaps)
        mx = common.match(gold, system, common.exact)
        n_gold += len(gold)
        n_sys += len(system)
        hit_gold += len(m)
        hit_sys += len(m)
        ex_gold += len(mx)
        ex_sys += len(mx)
        matched_sys = set(m.values())
        for k, s in enumerate(system):
            if s["text"] in demonyms:
                continue
            n_sys_nodem += 1
            hit_sys_nodem += k in matched_sys
        for g in gold:
            located = [(common.haversine_km(g["coords"], s["coords"]), s) for s in system
                       if common.overlaps(g, s) and s["coords"] is not None]
            found = any(common.overlaps(g, s) for s in system)
            if located:
                d, s = min(located, key=lambda x: x[0])
                distances.append(d)
                ok = d <= KM
                correct += ok
                if not ok:
                    errors.append({"article": a["n"], "type": "far", "gold": g["name"], "gold_at": [g["start"], g["end"]],
                                   "gold_coords": g["coords"], "system": s["name"] or s["text"],
                                   "system_kind": s["kind"], "system_coords": s["coords"], "km": round(d, 1)})
            else:
                errors.append({"article": a["n"], "type": "no-coordinates" if found else "miss", "gold": g["name"],
                               "gold_at": [g["start"], g["end"]], "gold_coords": g["coords"],
                               "system": next((s["name"] or s["text"] for s in system if common.overlaps(g, s)), None)})
        for k, s in enumerate(system):
            if k not in matched_sys:
                errors.append({"article": a["n"], "type": "false-positive", "system": s["name"] or s["text"],
                               "system_text": s["text"], "system_kind": s["kind"], "at": [s["start"], s["end"]],
                               "demonym": s["text"] in demonyms})

    overlap = common.prf(hit_sys, n_sys, hit_gold, n_gold)
    exact = common.prf(ex_sys, n_sys, ex_gold, n_gold)
    nodem = common.prf(hit_sys_nodem, n_sys_nodem, hit_gold, n_gold)
    acc = correct / n_gold if n_gold else 0.0
    mean_km = statistics.fmean(distances) if distances else None
    median_km = statistics.median(distances) if distances else None

    print(f"areabook entities ({binary}) on {data.name}: {len(articles)} articles, {n_gold} gold toponyms, "
          f"{n_sys} system toponyms (state and place kinds)"
          + (f"; left out: {', '.join(f'{v} {k}' for k, v in sorted(ignored.items()))}" if ignored else ""))
    if failures:
        print(f"{len(failures)} run(s) failed (scored as no entities):")
        for f in failures[:10]:
            print(f"  article {f['article']}: {f['error']}")
    if warnings:
        print(f"{len(warnings)} warning(s) about the output{'; first ones:' if len(warnings) > 5 else ':'}")
        for w in warnings[:5]:
            print(f"  {w}")
    print()
    print(f"{'toponyms':<28}{'P':>7}{'R':>7}{'F1':>7}")
    for label, s in (("overlap", overlap), ("exact span", exact), ("overlap, demonyms left out", nodem)):
        print(f"{label:<28}{common.fmt(s['precision']):>7}{common.fmt(s['recall']):>7}{common.fmt(s['f1']):>7}")
    print()
    print(f"Acc@161 {common.fmt(acc)} ({correct} of {n_gold} gold toponyms)")
    if distances:
        print(f"error over {len(distances)} located toponyms: mean {mean_km:.0f} km, median {median_km:.0f} km")
    print()
    print("Acc@161, published, whole GeoVirus (ours: the dev two thirds"
          + (f", first {len(articles)} articles" if args.limit is not None else "") + "):")
    print(f"  {'areabook entities':<22}{acc:>6.2f}")
    for name, value in REFERENCE:
        print(f"  {name:<22}{value:>6.2f}")

    if args.errors:
        print("\n(offsets below are 0-based code points, [start, end))")
        sources = {a["n"]: a["source"] for a in articles}
        current = None
        for e in errors:
            if e["article"] != current:
                current = e["article"]
                print(f"== article {current}: {sources[current]}")
            if e["type"] == "far":
                print(f"  FAR    article {e['article']}: {e['gold']!r} {tuple(e['gold_coords'])} -> {e['system']!r} "
                      f"({e['system_kind']}) {e['system_coords']}: {e['km']:.0f} km")
            elif e["type"] == "miss":
                print(f"  MISS   article {e['article']}: {e['gold']!r} at {e['gold_at']}")
            elif e["type"] == "no-coordinates":
                print(f"  NOLOC  article {e['article']}: {e['gold']!r} found as {e['system']!r} without coordinates")
            else:
                dem = " (demonym)" if e["demonym"] else ""
                print(f"  FALSE  article {e['article']}: {e['system_text']!r} -> {e['system']!r} ({e['system_kind']}){dem}")
        counts = {}
        for e in errors:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
        print("errors: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))

    if args.out:
        report = {"binary": str(binary), "data": str(data), "articles": len(articles),
                  "toponyms": {"overlap": overlap, "exact": exact, "overlap_without_demonyms": nodem},
                  "acc161": round(acc, 4), "acc161_correct": correct, "gold": n_gold,
                  "located": len(distances),
                  "mean_error_km": None if mean_km is None else round(mean_km, 1),
                  "median_error_km": None if median_km is None else round(median_km, 1),
                  "reference_acc161_whole_set": dict(REFERENCE), "left_out_kinds": ignored,
                  "failures": failures, "warnings": warnings, "errors": errors}
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `| head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
