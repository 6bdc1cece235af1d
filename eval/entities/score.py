#!/usr/bin/env python3
"""Scores `areabook entities` on the entities evaluation set (eval/entities/paragraphs.txt).

Each paragraph's plain text goes to `areabook entities --json --dct <data-as-of>` on stdin.
System entities of kind organization (and of any kind the set does not annotate) are left out
of the scores and counted. Reported, as precision / recall / F1 with one-to-one matching:

  exact      the system span is the gold span
  overlap    the spans share at least one code point
  resolved   overlap, and the system names the gold entity: the same id when both give one,
             otherwise a name among the gold's accepted names (case-insensitive, accents folded)
             with no disagreement on an ISO alpha-2 country code

for all mentions and per kind group (states = state + historic-state; places = region, city,
island, island-group, sea, strait, river, mountain, disputed-territory; people = person).
A group's recall counts the gold mentions of that group matched by any system entity, and
its precision the system entities of that group matching any gold mention, so a right span
with the wrong kind counts for both; kind agreement is reported separately.

    python3 eval/entities/score.py [--bin target/release/areabook] [--out scores.json] [--errors]
Exit status 0 whatever the scores; 2 when the binary or the set cannot be read.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import common
import format as fmtmod

GROUP_NAMES = ("states", "places", "people")


def gold_dicts(p) -> list[dict]:
    return [{"start": m.start, "end": m.end, "text": m.surface, "kind": m.kind, "name": m.name,
             "names": m.names, "country": m.country, "id": m.id} for m in p.mentions
            if m.kind in common.SCORED_KINDS]


class Tally:
    """Counts for one slice (all, a group, a register): matched gold and system items."""

    def __init__(self):
        self.n = {"gold": 0, "system": 0}
        self.hit = {(how, side): 0 for how in ("exact", "overlap", "resolved") for side in ("gold", "system")}

    def add(self, n_gold, n_sys, hits):
        self.n["gold"] += n_gold
        self.n["system"] += n_sys
        for key, v in hits.items():
            self.hit[key] += v

    def scores(self) -> dict:
        return {how: common.prf(self.hit[(how, "system")], self.n["system"],
                                self.hit[(how, "gold")], self.n["gold"])
                for how in ("exact", "overlap", "resolved")}


def score_paragraph(gold: list[dict], system: list[dict]):
    """Returns the three matchings {gold index: system index}."""
    return {
        "exact": common.match(gold, system, common.exact),
        "overlap": common.match(gold, system, common.overlaps),
        "resolved": common.match(gold, system, lambda g, s: common.overlaps(g, s) and common.resolves(g, s)),
    }


def slice_hits(gold, system, matchings, gold_pred, sys_pred):
    hits = {}
    for how, m in matchings.items():
        hits[(how, "gold")] = sum(1 for i in m if gold_pred(gold[i]))
        hits[(how, "system")] = sum(1 for k in m.values() if sys_pred(system[k]))
    return (sum(1 for g in gold if gold_pred(g)), sum(1 for s in system if sys_pred(s)), hits)


def describe(e: dict, gold: bool) -> str:
    extra = f" {e['country']}" if e.get("country") else ""
    name = e["name"] or "-"
    return f"[{e['start']},{e['end']}) {e['text']!r} {e['kind']} {name!r}{extra}"


def paragraph_errors(p, gold, system, matchings) -> list[dict]:
    errs = []
    ov = matchings["overlap"]
    res = matchings["resolved"]
    matched_sys = set(ov.values()) | set(res.values())
    for i, g in enumerate(gold):
        if i not in ov and i not in res:
            errs.append({"paragraph": p.id, "type": "miss", "gold": describe(g, True), "at": g["start"]})
            continue
        k = res.get(i, ov.get(i))
        s = system[k]
        if i not in res:
            errs.append({"paragraph": p.id, "type": "wrong-entity", "gold": describe(g, True),
                         "system": describe(s, False), "at": g["start"]})
        elif not common.exact(g, s):
            errs.append({"paragraph": p.id, "type": "span", "gold": describe(g, True),
                         "system": describe(s, False), "at": g["start"]})
        elif common.group_of(g["kind"]) != common.group_of(s["kind"]):
            errs.append({"paragraph": p.id, "type": "kind", "gold": describe(g, True),
                         "system": describe(s, False), "at": g["start"]})
    for k, s in enumerate(system):
        if k not in matched_sys:
            errs.append({"paragraph": p.id, "type": "false-positive", "system": describe(s, False), "at": s["start"]})
    errs.sort(key=lambda e: e["at"])
    return errs


def table(rows: list[tuple[str, dict, dict]]) -> str:
    head = (f"{'':<18}{'gold':>6}{'sys':>6}  | {'exact P':>8}{'R':>7}{'F1':>7}  | "
            f"{'overlap P':>9}{'R':>7}{'F1':>7}  | {'resolved P':>10}{'R':>7}{'F1':>7}")
    lines = [head, "-" * len(head)]
    for label, n, sc in rows:
        cells = []
        for how, w in (("exact", 8), ("overlap", 9), ("resolved", 10)):
            s = sc[how]
            cells.append(f"{common.fmt(s['precision']):>{w}}{common.fmt(s['recall']):>7}{common.fmt(s['f1']):>7}")
        lines.append(f"{label:<18}{n['gold']:>6}{n['system']:>6}  | " + "  | ".join(cells))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description="Score `areabook entities` on eval/entities/paragraphs.txt.")
    ap.add_argument("--bin", help=f"the areabook binary (default {common.DEFAULT_BIN})")
    ap.add_argument("--data", default=str(fmtmod.DEFAULT_PATH), help="the annotated set")
    ap.add_argument("--out", help="write the scores, per-paragraph counts and errors as JSON here")
    ap.add_argument("--errors", action="store_true", help="list misses, false positives, wrong entities, span and kind errors")
    ap.add_argument("--only", action="append", default=[], metavar="ID", help="only this paragraph (repeatable)")
    ap.add_argument("--register", choices=fmtmod.REGISTERS, help="only this register")
    ap.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 1), help="parallel runs (default %(default)s)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run (default %(default)s)")
    args = ap.parse_args()

    try:
        paragraphs = fmtmod.load(Path(args.data))
    except (OSError, fmtmod.FormatError) as e:
        print(f"{args.data}: {e}", file=sys.stderr)
        return 2
    if args.only:
        unknown = set(args.only) - {p.id for p in paragraphs}
        if unknown:
            print(f"unknown paragraph id(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        paragraphs = [p for p in paragraphs if p.id in args.only]
    if args.register:
        paragraphs = [p for p in paragraphs if p.register == args.register]
    binary = common.resolve_bin(args.bin)
    problem = common.check_bin(binary)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    results = common.run_many(binary, [(p.text, p.data_as_of) for p in paragraphs], args.jobs, args.timeout)

    slices = {"all": Tally(), **{g: Tally() for g in GROUP_NAMES},
              **{f"register {r}": Tally() for r in fmtmod.REGISTERS}}
    failures, warnings, errors, per_paragraph = [], [], [], []
    ignored: dict[str, int] = {}
    kind_pairs = {"pairs": 0, "same_group": 0, "same_kind": 0}
    country_pairs = {"pairs": 0, "same": 0}
    for p, (entities, warns, error) in zip(paragraphs, results):
        if error:
            failures.append({"paragraph": p.id, "error": error})
        warnings += [f"{p.id}: {w}" for w in warns]
        system = []
        for e in entities:
            if e["kind"] in common.SCORED_KINDS:
                system.append(e)
            else:
                ignored[e["kind"]] = ignored.get(e["kind"], 0) + 1
        gold = gold_dicts(p)
        m = score_paragraph(gold, system)
        everything = lambda _: True  # noqa: E731
        slices["all"].add(*slice_hits(gold, system, m, everything, everything))
        slices[f"register {p.register}"].add(*slice_hits(gold, system, m, everything, everything))
        for g in GROUP_NAMES:
            inside = lambda e, g=g: common.group_of(e["kind"]) == g  # noqa: E731
            slices[g].add(*slice_hits(gold, system, m, inside, inside))
        for i, k in m["overlap"].items():
            kind_pairs["pairs"] += 1
            kind_pairs["same_group"] += common.group_of(gold[i]["kind"]) == common.group_of(system[k]["kind"])
            kind_pairs["same_kind"] += gold[i]["kind"] == system[k]["kind"]
        for i, k in m["overlap"].items():
            if gold[i]["country"] and system[k]["country"]:
                country_pairs["pairs"] += 1
                country_pairs["same"] += gold[i]["country"].upper() == system[k]["country"].upper()
        errs = paragraph_errors(p, gold, system, m)
        errors += errs
        per_paragraph.append({"id": p.id, "register": p.register, "gold": len(gold), "system": len(system),
                              "exact": len(m["exact"]), "overlap": len(m["overlap"]),
                              "resolved": len(m["resolved"]), "failed": bool(error)})

    n_sys = slices["all"].n["system"]
    print(f"areabook entities ({binary}) on {args.data}")
    print(f"{len(paragraphs)} paragraphs, {slices['all'].n['gold']} gold mentions, {n_sys} system entities scored"
          + (f"; left out: {', '.join(f'{v} {k}' for k, v in sorted(ignored.items()))}" if ignored else ""))
    if failures:
        print(f"{len(failures)} run(s) failed (scored as no entities):")
        for f in failures[:10]:
            print(f"  {f['paragraph']}: {f['error']}")
    if warnings:
        print(f"{len(warnings)} warning(s) about the output{'; first ones:' if len(warnings) > 5 else ':'}")
        for w in warnings[:5]:
            print(f"  {w}")
    unknown = {k: v for k, v in ignored.items() if k not in fmtmod.KINDS}
    if unknown:
        print(f"note: kinds outside the interface were left out: {unknown}")
    print()
    rows = [(label, slices[label].n, slices[label].scores())
            for label in ("all", *GROUP_NAMES, *(f"register {r}" for r in fmtmod.REGISTERS))
            if label == "all" or slices[label].n["gold"] or slices[label].n["system"]]
    print(table(rows))
    kp = kind_pairs
    if kp["pairs"]:
        print(f"\nkind agreement on {kp['pairs']} overlapping pairs: group {common.fmt(kp['same_group'] / kp['pairs'])}, "
              f"exact kind {common.fmt(kp['same_kind'] / kp['pairs'])}")
    if country_pairs["pairs"]:
        print(f"country agreement on {country_pairs['pairs']} overlapping pairs with a country on both sides: "
              f"{common.fmt(country_pairs['same'] / country_pairs['pairs'])}")

    if args.errors:
        print()
        current = None
        for e in errors:
            if e["paragraph"] != current:
                current = e["paragraph"]
                print(f"== {current}")
            if e["type"] == "miss":
                print(f"  MISS   gold {e['gold']}")
            elif e["type"] == "false-positive":
                print(f"  FALSE  sys  {e['system']}")
            else:
                label = {"wrong-entity": "ENTITY", "span": "SPAN", "kind": "KIND"}[e["type"]]
                print(f"  {label:<6} gold {e['gold']}\n         sys  {e['system']}")
        counts = {}
        for e in errors:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
        print("\nerrors: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))

    if args.out:
        report = {
            "binary": str(binary), "data": args.data, "paragraphs": len(paragraphs),
            "scores": {label: {"counts": n, **sc} for label, n, sc in rows},
            "kind_agreement": kind_pairs, "country_agreement": country_pairs,
            "left_out_kinds": ignored, "failures": failures, "warnings": warnings,
            "per_paragraph": per_paragraph, "errors": errors,
        }
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
