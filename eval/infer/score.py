#!/usr/bin/env python3
"""Score areabook's chapter-country inference on headerless pages of our own.

Runs `areabook parse --json FILE` on every page listed in gold.tsv and compares the country it
prints with the gold country (or with "no country", gold `-`). Python 3.11, standard library.

    python3 eval/infer/score.py                 # the summary
    python3 eval/infer/score.py --errors        # plus every miss with the inference's evidence
    python3 eval/infer/score.py --all           # plus one line per page
    python3 eval/infer/score.py --out eval/out/infer.json

Exit 0 whatever the scores; exit 2 when the binary, the gold file or a page cannot be read.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOAL = 0.90  # the issue: the inferred country is right on at least 90% of pages
NO_COUNTRY = "-"


def fold(name: str) -> str:
    """Case- and accent-insensitive form of a country name."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("’", "'").casefold().split())


def load_countries(path: Path) -> dict[str, str]:
    """Folded name or alias -> canonical name, from crates/pages/data/countries.tsv."""
    table: dict[str, str] = {}
    if not path.is_file():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        name = cols[0]
        table.setdefault(fold(name), name)
        if len(cols) > 5 and cols[5]:
            for alias in cols[5].split("|"):
                table.setdefault(fold(alias), name)
    for canonical in list(table.values()):  # a canonical name always maps to itself
        table[fold(canonical)] = canonical
    return table


def load_gold(path: Path) -> list[tuple[str, str, bool]]:
    """(file, country, hard) rows. A page is *hard* when the comment line just above its row
    contains "hard:" (the comment says why)."""
    rows = []
    comment = ""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            comment = ""
            continue
        if line.startswith("#"):
            comment = line
            continue
        cols = line.split("\t")
        if len(cols) != 2 or not cols[0] or not cols[1]:
            raise ValueError(f"{path}:{n}: expected 'file<TAB>country', got {line!r}")
        rows.append((cols[0].strip(), cols[1].strip(), "hard:" in comment))
        comment = ""
    return rows


@dataclass
class Result:
    file: str
    gold: str                      # canonical name or "-"
    hard: bool = False             # marked "hard:" in gold.tsv
    answer: str | None = None      # canonical name printed by areabook, or None
    raw_answer: str | None = None  # as printed
    inferred: bool | None = None   # the "country_inferred" flag
    inference: dict | None = None  # {"share", "score", "evidence"} when printed
    error: str | None = None       # the run failed (exit status, not JSON, timeout)
    tally: "Tally | None" = None   # the vote rebuilt from `areabook entities` (see Tally)
    notes: list[str] = field(default_factory=list)

    @property
    def decidable(self) -> bool:
        return self.gold != NO_COUNTRY

    @property
    def outcome(self) -> str:
        if self.decidable:
            if self.answer is None:
                return "abstained"
            return "right" if self.answer == self.gold else "wrong"
        return "abstained-ok" if self.answer is None else "answered"


@dataclass
class Tally:
    """The vote over the states a text names, rebuilt from `areabook entities --json`.

    `parse` prints its evidence only when it answers. To show why it did not (or what the
    gold country had), the same text (the page's paragraphs and fields, as `parse` joins
    them) is passed to `areabook entities`, and its mentions are weighed as
    crates/gazetteer/src/infer.rs describes them: a state's name or demonym 1, a place or a
    person ½ credited to the state of its country code, an organization 0. It is a
    reconstruction for reading the misses, not the product's own numbers; `consistent`
    says whether its leader and score agree with what `parse` printed.
    """
    weights: dict[str, float]
    evidence: dict[str, dict[str, int]]
    total: float
    error: str | None = None

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0]))


def load_codes(path: Path) -> dict[str, str]:
    """ISO code (alpha-2, or ISO 3166-3 for former states) -> canonical name."""
    codes: dict[str, str] = {}
    if not path.is_file():
        return codes
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) > 1 and cols[1]:
            codes.setdefault(cols[1], cols[0])
    return codes


def run_tally(binary: Path, text: str, countries: dict[str, str], codes: dict[str, str],
              timeout: float) -> Tally:
    tally = Tally(weights={}, evidence={}, total=0.0)
    try:
        proc = subprocess.run([str(binary), "entities", "--json"], input=text,
                              capture_output=True, text=True, timeout=timeout)
        doc = json.loads(proc.stdout) if proc.returncode == 0 else None
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        tally.error = f"areabook entities failed: {e}"
        return tally
    if not isinstance(doc, dict):
        tally.error = f"areabook entities exited {proc.returncode}: {proc.stderr.strip()[:200]}"
        return tally
    ents = doc.get("entities") or []
    state_kinds = {"state", "historic-state"}
    # A code's state: the country table first, then any state entity seen in this text.
    code_state = dict(codes)
    for e in ents:
        if e.get("kind") in state_kinds and e.get("country"):
            code_state.setdefault(e["country"], countries.get(fold(e["name"]), e["name"]))
    for e in ents:
        kind = e.get("kind")
        if kind in state_kinds:
            state, w = countries.get(fold(e.get("name") or ""), e.get("name")), 1.0
        elif kind == "organization":
            continue
        else:
            state, w = code_state.get(e.get("country") or ""), 0.5
        if not state:
            continue
        tally.weights[state] = tally.weights.get(state, 0.0) + w
        tally.total += w
        words = tally.evidence.setdefault(state, {})
        words[e.get("text", "?")] = words.get(e.get("text", "?"), 0) + 1
    return tally


def run_one(binary: Path, page: Path, gold: str, hard: bool, countries: dict[str, str],
            codes: dict[str, str] | None, timeout: float) -> Result:
    res = Result(file=page.name, gold=gold, hard=hard)
    try:
        proc = subprocess.run([str(binary), "parse", "--json", str(page)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        res.error = f"timeout after {timeout:g} s"
        return res
    if proc.returncode != 0:
        res.error = f"exit {proc.returncode}: {proc.stderr.strip()[:300]}"
        return res
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        res.error = f"output is not JSON ({e}): {proc.stdout[:200]!r}"
        return res
    if isinstance(doc, list):  # tolerate an array for a single file
        doc = doc[0] if doc else {}
    if not isinstance(doc, dict):
        res.error = f"output is not a JSON object: {proc.stdout[:200]!r}"
        return res
    country = doc.get("country")
    res.inferred = doc.get("country_inferred")
    inf = doc.get("inference")
    res.inference = inf if isinstance(inf, dict) else None
    if country:
        res.raw_answer = str(country)
        canonical = countries.get(fold(res.raw_answer))
        if canonical is None:
            res.notes.append(f"country {res.raw_answer!r} is not in countries.tsv")
            canonical = res.raw_answer
        elif canonical != res.raw_answer:
            res.notes.append(f"printed {res.raw_answer!r}, an alias of {canonical!r}")
        res.answer = canonical
        if res.inferred is not True:
            res.notes.append("country given but country_inferred is not true "
                             "(found on the page or URL, not inferred?)")
    elif res.inferred:
        res.notes.append("country_inferred is true but country is null")
    if codes is not None:
        text = "\n\n".join(str(p) for p in doc.get("paragraphs") or [])
        for f in doc.get("fields") or []:
            if isinstance(f, dict) and f.get("value"):
                text += "\n\n" + str(f["value"])
        res.tally = run_tally(binary, text, countries, codes, timeout)
    return res


def tally_text(res: Result, top: int = 4) -> str:
    t = res.tally
    if t is None:
        return ""
    if t.error:
        return f"tally: {t.error}"
    ranked = t.ranked()
    if not ranked:
        return "tally: no state, place or person linked"
    parts = []
    for name, w in ranked[:top]:
        ev = sorted(t.evidence[name].items(), key=lambda kv: (-kv[1], kv[0]))
        words = ", ".join(f"{k} x{c}" if c > 1 else k for k, c in ev[:5])
        if len(ev) > 5:
            words += ", ..."
        parts.append(f"{name} {w:g} ({words})")
    more = f"; +{len(ranked) - top} more" if len(ranked) > top else ""
    lead = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    stats = f"total {t.total:g}, leader share {lead / t.total:.2f}"
    stats += f", leader/runner-up {lead / second:.2f}" if second else ", no runner-up"
    if res.gold != NO_COUNTRY:
        names = [n for n, _ in ranked]
        if res.gold in names:
            stats += f"; gold {res.gold} ranks {names.index(res.gold) + 1}"
        else:
            stats += f"; gold {res.gold} not linked at all"
    return f"tally: {'; '.join(parts)}{more}\n        [{stats}]"


def tally_agrees(res: Result) -> bool | None:
    """Whether the rebuilt tally's leader and weight match what parse printed."""
    if res.tally is None or res.tally.error or res.answer is None or not res.inference:
        return None
    ranked = res.tally.ranked()
    if not ranked:
        return False
    name, w = ranked[0]
    score = res.inference.get("score")
    return name == res.answer and isinstance(score, (int, float)) and abs(score - w) < 1e-6


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def evidence_text(res: Result) -> str:
    inf = res.inference
    if not inf:
        return "no inference printed"
    ev = inf.get("evidence") or []
    words = ", ".join(f"{w} x{c}" for w, c in ev) if ev else "(none)"
    share = inf.get("share")
    score = inf.get("score")
    parts = []
    if share is not None:
        parts.append(f"share {share:.2f}" if isinstance(share, (int, float)) else f"share {share}")
    if score is not None:
        parts.append(f"score {score:g}" if isinstance(score, (int, float)) else f"score {score}")
    return f"{'; '.join(parts)}; evidence: {words}"


def page_line(res: Result) -> str:
    got = res.answer if res.answer is not None else "(none)"
    hard = "hard" if res.hard else ""
    line = f"  {res.outcome:<12} {hard:<4} {res.file:<32} gold {res.gold:<34} got {got}"
    if res.error:
        line += f"  [run failed: {res.error}]"
    return line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", type=Path, default=REPO / "target/release/areabook",
                    help="the areabook binary (default: target/release/areabook)")
    ap.add_argument("--gold", type=Path, default=HERE / "gold.tsv")
    ap.add_argument("--pages", type=Path, default=HERE / "pages")
    ap.add_argument("--countries", type=Path,
                    default=REPO / "crates/pages/data/countries.tsv",
                    help="canonical names and aliases (an alias printed counts as its country)")
    ap.add_argument("--errors", action="store_true", help="list every miss with its evidence")
    ap.add_argument("--all", action="store_true", help="list every page")
    ap.add_argument("--only", action="append", default=[],
                    help="score only files whose name contains this (repeatable)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 4)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per page")
    ap.add_argument("--out", type=Path, help="write the per-page results and totals as JSON")
    ap.add_argument("--no-tally", action="store_true",
                    help="do not rebuild the vote with `areabook entities` (faster; the misses "
                         "then show only what parse printed)")
    args = ap.parse_args(argv)

    binary = args.bin if args.bin.is_absolute() else (Path.cwd() / args.bin)
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        print(f"error: no executable at {binary} (cargo build --release -p areabook)",
              file=sys.stderr)
        return 2
    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as e:
        print(f"error: cannot read the gold file: {e}", file=sys.stderr)
        return 2
    countries = load_countries(args.countries)
    if not countries:
        print(f"warning: no country table at {args.countries}; names compared as printed",
              file=sys.stderr)

    problems = []
    seen = {f for f, _, _ in gold}
    for f, c, _ in gold:
        if not (args.pages / f).is_file():
            problems.append(f"gold names {f}, which is not in {args.pages}")
        if c != NO_COUNTRY and countries and countries.get(fold(c)) != c:
            problems.append(f"gold country {c!r} for {f} is not a canonical name")
    for p in sorted(args.pages.glob("*.txt")):
        if p.name not in seen:
            print(f"warning: {p.name} has no gold row; not scored", file=sys.stderr)
    if problems:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        return 2
    if args.only:
        gold = [row for row in gold if any(o in row[0] for o in args.only)]

    codes = None if args.no_tally else load_codes(args.countries)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(
            lambda row: run_one(binary, args.pages / row[0], row[1], row[2], countries, codes,
                                args.timeout),
            gold))

    dec = [r for r in results if r.decidable]
    und = [r for r in results if not r.decidable]
    right = [r for r in dec if r.outcome == "right"]
    abst = [r for r in dec if r.outcome == "abstained"]
    wrong = [r for r in dec if r.outcome == "wrong"]
    und_ok = [r for r in und if r.outcome == "abstained-ok"]
    und_ans = [r for r in und if r.outcome == "answered"]
    failed = [r for r in results if r.error]
    all_ok = len(right) + len(und_ok)
    n_countries = len({r.gold for r in dec})

    acc = len(right) / len(dec) if dec else 0.0
    print(f"areabook country inference: {len(results)} pages "
          f"({len(dec)} decidable over {n_countries} countries, {len(und)} undecidable)")
    print(f"binary: {binary}")
    print()
    print(f"decidable pages                       {len(dec):>4}")
    print(f"  right country        (accuracy)     {len(right):>4}   {ratio(len(right), len(dec))}")
    print(f"  no answer            (abstention)   {len(abst):>4}   {ratio(len(abst), len(dec))}")
    print(f"  confident and WRONG  (worst)        {len(wrong):>4}   {ratio(len(wrong), len(dec))}")
    print(f"  precision when answering            "
          f"{'':>4}   {ratio(len(right), len(right) + len(wrong))}")
    for label, sub in (("  of which marked hard", [r for r in dec if r.hard]),
                       ("  of which plain", [r for r in dec if not r.hard])):
        if sub:
            k = {o: sum(r.outcome == o for r in sub) for o in ("right", "abstained", "wrong")}
            print(f"{label:<38}{len(sub):>4}   right {ratio(k['right'], len(sub))}, "
                  f"no answer {ratio(k['abstained'], len(sub))}, "
                  f"wrong {ratio(k['wrong'], len(sub))}")
    print(f"undecidable pages                     {len(und):>4}")
    print(f"  correctly no answer                 {len(und_ok):>4}   {ratio(len(und_ok), len(und))}")
    print(f"  answered a country                  {len(und_ans):>4}   {ratio(len(und_ans), len(und))}")
    print(f"all pages right (country or no answer as gold)"
          f" {all_ok:>3}   {ratio(all_ok, len(results))}")
    if failed:
        print(f"runs that failed (scored as no answer) {len(failed):>3}")
    verdict = "met" if acc >= GOAL else "NOT met"
    print(f"goal: right country on >= {GOAL:.0%} of decidable pages: {verdict} ({acc:.1%})")

    checked = [(r, tally_agrees(r)) for r in results]
    checked = [(r, ok) for r, ok in checked if ok is not None]
    if checked:
        bad = [r.file for r, ok in checked if not ok]
        print(f"tally rebuilt from `areabook entities` agrees with parse's answer and score on "
              f"{len(checked) - len(bad)} of {len(checked)} answered pages"
              + (f" (not on: {', '.join(bad)})" if bad else ""))

    notes = [(r.file, n) for r in results for n in r.notes]
    if notes:
        print()
        print("notes:")
        for f, n in notes:
            print(f"  {f}: {n}")

    if args.all:
        print()
        print("pages:")
        for r in results:
            print(page_line(r))

    if args.errors:
        groups = [("confident and wrong (decidable)", wrong),
                  ("no answer (decidable)", abst),
                  ("answered on an undecidable page", und_ans)]
        print()
        print("misses:")
        for title, rs in groups:
            print(f" {title}: {len(rs)}")
            for r in rs:
                got = r.answer if r.answer is not None else "(none)"
                print(f"  {r.file}{' (hard)' if r.hard else ''}: gold {r.gold}, got {got}")
                if r.error:
                    print(f"      run failed: {r.error}")
                else:
                    if r.inference:
                        print(f"      {evidence_text(r)}")
                    if r.tally is not None:
                        print(f"      {tally_text(r)}")
                    elif not r.inference:
                        print("      no evidence: parse prints none when it does not answer "
                              "(run without --no-tally for the rebuilt vote)")

    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "binary": str(binary),
            "totals": {
                "pages": len(results), "decidable": len(dec), "undecidable": len(und),
                "countries": n_countries, "right": len(right), "abstained": len(abst),
                "wrong": len(wrong), "undecidable_no_answer": len(und_ok),
                "undecidable_answered": len(und_ans), "failed_runs": len(failed),
                "accuracy": acc, "goal": GOAL, "goal_met": acc >= GOAL,
            },
            "pages": [{"file": r.file, "gold": r.gold, "hard": r.hard, "answer": r.answer,
                       "printed": r.raw_answer, "country_inferred": r.inferred,
                       "outcome": r.outcome, "inference": r.inference, "error": r.error,
                       "tally": None if r.tally is None else {
                           "total": r.tally.total, "error": r.tally.error,
                           "states": [{"name": n, "weight": w, "evidence": r.tally.evidence[n]}
                                      for n, w in r.tally.ranked()]},
                       "notes": r.notes} for r in results],
        }
        args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
