#!/usr/bin/env python3
"""Score `areabook events` on the PLOVER gold standard records (the dev two thirds).

For every record of ../shared/data/events/plover-gsr-dev.json (record 0 is a header) it runs
`areabook events --json --date <date>` with the record's `text` on stdin and compares the system's
answer, its first event that is not negated, with the gold event type and actors. Python 3.11,
standard library only.

    python3 eval/events/score.py                          # the summary and the confusion table
    python3 eval/events/score.py --errors                 # plus every wrong record, gold vs system
    python3 eval/events/score.py --out /tmp/events.jsonl  # also save the system outputs
    python3 eval/events/score.py --from /tmp/events.jsonl # re-score saved outputs (no binary)

Exit 0 whatever the scores; exit 2 when the data, the binary or a --from file cannot be read.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
from codes import norm  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "events" / "plover-gsr-dev.json"
DEFAULT_BIN = REPO / "target" / "release" / "areabook"
TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT INVESTIGATE DEMAND DISAPPROVE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT FIGHT"
).split()
NONE = "none"
GOALS = {"type": 0.75, "type+actors": 0.50}  # the goals, on the kept-back third


class Unreadable(Exception):
    """The data, the binary or a saved output cannot be used: exit 2."""


# ---------------------------------------------------------------------------------------------------
# gold


@dataclass
class Gold:
    id: str
    date: str
    text: str
    type: str
    mode: str
    sources: list[tuple[str, str | None]]  # (actorText, normalised code)
    targets: list[tuple[str, str | None]]
    markup: str = ""


def actors(value: object) -> list[tuple[str, str | None]]:
    """The gold `source`/`target` field: a list of {actorText, code, sector?}, "" or missing."""
    if not isinstance(value, list):
        return []
    out = []
    for a in value:
        if isinstance(a, dict):
            out.append((str(a.get("actorText", "")), norm(a.get("code"))))
    return out


def markup_of(info: object) -> str:
    """`textInfo.markup`; one record has the markup string as `textInfo` itself."""
    if isinstance(info, dict):
        return str(info.get("markup", ""))
    return info if isinstance(info, str) else ""


def load_gold(path: Path) -> list[Gold]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise Unreadable(f"{path}: {e}") from e
    if not isinstance(data, list) or len(data) < 2:
        raise Unreadable(f"{path}: expected a JSON list whose record 0 is a header")
    out = []
    for i, r in enumerate(data[1:], 1):
        if not isinstance(r, dict) or "text" not in r or "event" not in r:
            raise Unreadable(f"{path}: record {i} has no text or event")
        out.append(
            Gold(
                id=str(r.get("id", i)),
                date=str(r.get("date") or "2000-01-01"),
                text=r["text"],
                type=str(r["event"]).upper(),
                mode=str(r.get("mode") or ""),
                sources=actors(r.get("source")),
                targets=actors(r.get("target")),
                markup=markup_of(r.get("textInfo")),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------------
# scoring (pure functions; selftest.py checks them)


def events_of(output: object) -> list[dict]:
    """The events of one CLI output, `{"events": [...]}`; anything else is no events."""
    if isinstance(output, dict) and isinstance(output.get("events"), list):
        return [e for e in output["events"] if isinstance(e, dict)]
    return []


def answer(events: list[dict]) -> dict | None:
    """The system's answer: its first event that is not negated."""
    for e in events:
        if not e.get("negated"):
            return e
    return None


def actors_match(event: dict, gold: Gold) -> bool:
    """Source code among the gold sources' (any one of a compound); target code among the gold
    targets' when the gold has targets. Codes compare on their first three letters, made ISO."""
    gold_src = {c for _, c in gold.sources if c}
    gold_tgt = {c for _, c in gold.targets if c}
    if gold_src and norm(event.get("source_code")) not in gold_src:
        return False
    if gold_tgt and norm(event.get("target_code")) not in gold_tgt:
        return False
    return True


@dataclass
class Judgement:
    system_type: str  # the answer's type, or "none"
    type_ok: bool
    actors_ok: bool  # type and actors
    any_type_ok: bool  # some non-negated event has the gold type
    any_actors_ok: bool  # some non-negated event has the gold type and actors
    n_events: int


def judge(gold: Gold, events: list[dict]) -> Judgement:
    best = answer(events)
    system_type = str(best.get("type") or NONE).upper() if best else NONE
    if system_type == "NONE":
        system_type = NONE
    type_ok = best is not None and system_type == gold.type
    kept = [e for e in events if not e.get("negated")]
    same_type = [e for e in kept if str(e.get("type") or "").upper() == gold.type]
    return Judgement(
        system_type=system_type,
        type_ok=type_ok,
        actors_ok=type_ok and actors_match(best, gold),
        any_type_ok=bool(same_type),
        any_actors_ok=any(actors_match(e, gold) for e in same_type),
        n_events=len(events),
    )


@dataclass
class Summary:
    n: int = 0
    errors: int = 0
    type_ok: int = 0
    actors_ok: int = 0
    any_type_ok: int = 0
    any_actors_ok: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, system) -> count

    def add(self, gold: Gold, j: Judgement, error: bool) -> None:
        self.n += 1
        self.errors += error
        self.type_ok += j.type_ok
        self.actors_ok += j.actors_ok
        self.any_type_ok += j.any_type_ok
        self.any_actors_ok += j.any_actors_ok
        self.confusion[(gold.type, j.system_type)] += 1

    def per_type(self) -> list[tuple[str, int, int, int, float, float, float]]:
        """(type, gold count, system count, correct, precision, recall, F1) per type."""
        rows = []
        gold_types = {g for g, _ in self.confusion}
        sys_types = {s for _, s in self.confusion if s != NONE}
        for t in [t for t in TYPES if t in gold_types | sys_types] + sorted(
            (gold_types | sys_types) - set(TYPES)
        ):
            g = sum(c for (gt, _), c in self.confusion.items() if gt == t)
            s = sum(c for (_, st), c in self.confusion.items() if st == t)
            ok = self.confusion[(t, t)]
            p = ok / s if s else 0.0
            r = ok / g if g else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows.append((t, g, s, ok, p, r, f))
        return rows


def score(gold: list[Gold], outputs: dict[str, dict]) -> tuple[Summary, list[tuple[Gold, Judgement, dict]]]:
    """outputs: record id -> {"output": CLI JSON or None, "error": str or None}."""
    summary = Summary()
    judged = []
    for g in gold:
        o = outputs.get(g.id) or {"output": None, "error": "no output for this record"}
        j = judge(g, events_of(o.get("output")))
        summary.add(g, j, bool(o.get("error")))
        judged.append((g, j, o))
    return summary, judged


# ---------------------------------------------------------------------------------------------------
# running the binary


def probe(binary: Path) -> None:
    if not binary.is_file() or not os.access(binary, os.X_OK):
        raise Unreadable(f"{binary}: no such executable (cargo build --release -p areabook, or --bin)")
    try:
        p = subprocess.run([str(binary), "events", "--help"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Unreadable(f"{binary}: cannot run: {e}") from e
    if p.returncode != 0:
        said = (p.stderr or p.stdout).strip().splitlines()
        raise Unreadable(
            f"{binary} has no working `events` subcommand (`events --help` exited {p.returncode}: "
            f"{said[0] if said else 'no message'})"
        )


def run_one(binary: Path, g: Gold, timeout: float) -> dict:
    cmd = [str(binary), "events", "--json", "--date", g.date]
    start = time.monotonic()
    rec = {"id": g.id, "date": g.date, "output": None, "error": None}
    try:
        p = subprocess.run(cmd, input=g.text, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        rec["error"] = f"timeout after {timeout:g} s"
    except OSError as e:
        rec["error"] = f"cannot run: {e}"
    else:
        if p.returncode != 0:
            rec["error"] = f"exit {p.returncode}: {(p.stderr or p.stdout).strip()[:300]}"
        else:
            try:
                rec["output"] = json.loads(p.stdout)
            except ValueError as e:
                rec["error"] = f"output is not JSON: {e}"
    rec["seconds"] = round(time.monotonic() - start, 3)
    return rec


def run_all(binary: Path, gold: list[Gold], jobs: int, timeout: float) -> dict[str, dict]:
    probe(binary)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        recs = list(pool.map(lambda g: run_one(binary, g, timeout), gold))
    if recs and all(r["error"] for r in recs):
        raise Unreadable(f"{binary}: every record failed, the first with: {recs[0]['error']}")
    return {r["id"]: r for r in recs}


def read_saved(path: Path) -> dict[str, dict]:
    out = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise Unreadable(f"{path}: {e}") from e
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out[str(rec["id"])] = rec
        except (ValueError, KeyError, TypeError) as e:
            raise Unreadable(f"{path}:{n}: not a saved record ({e})") from e
    return out


# ---------------------------------------------------------------------------------------------------
# report


def pct(k: int, n: int) -> str:
    return f"{k / n:.3f} ({k}/{n})" if n else "n/a"


def who(actors_: list[tuple[str, str | None]]) -> str:
    return " + ".join(f"{t} [{c or '-'}]" for t, c in actors_) or "-"


def report(summary: Summary, judged: list, show_errors: bool) -> str:
    s = summary
    out = []
    if show_errors:
        for g, j, o in judged:
            if j.actors_ok:
                continue
            evs = events_of(o.get("output"))
            best = answer(evs)
            out.append(f"--- {g.id}  gold {g.type}{'/' + g.mode if g.mode else ''}  system {j.system_type}"
                       f"  ({'type right, actors wrong' if j.type_ok else 'type wrong'})")
            out.append(f"    text:   {g.text}")
            out.append(f"    markup: {g.markup}")
            out.append(f"    gold:   {who(g.sources)} -> {who(g.targets)}")
            if best:
                out.append(
                    f"    system: {best.get('source')} [{best.get('source_code')}] -> {best.get('target')} "
                    f"[{best.get('target_code')}]  trigger {best.get('trigger')!r}"
                )
            others = [f"{e.get('type')}{' (negated)' if e.get('negated') else ''}" for e in evs if e is not best]
            if others:
                out.append(f"    other events: {', '.join(others)}")
            if o.get("error"):
                out.append(f"    error: {o['error']}")
        out.append("")
    out.append(f"records: {s.n}   run errors (counted as no event): {s.errors}")
    out.append(f"type accuracy         {pct(s.type_ok, s.n):<22} any event: {pct(s.any_type_ok, s.n)}")
    out.append(f"type+actors accuracy  {pct(s.actors_ok, s.n):<22} any event: {pct(s.any_actors_ok, s.n)}")
    out.append(f"goals on the kept-back records: type >= {GOALS['type']}, type+actors >= {GOALS['type+actors']}")
    out.append(f"answered (some non-negated event): {pct(s.n - sum(c for (_, t), c in s.confusion.items() if t == NONE), s.n)}")
    out.append("")
    out.append("per type         gold  system  right  precision  recall    F1")
    for t, g, n_sys, ok, p, r, f in s.per_type():
        out.append(f"  {t:<13} {g:>5} {n_sys:>7} {ok:>6}      {p:.3f}   {r:.3f}  {f:.3f}")
    out.append("")
    gold_types = [t for t in TYPES if any(gt == t for gt, _ in s.confusion)]
    gold_types += sorted({gt for gt, _ in s.confusion} - set(TYPES))
    sys_types = TYPES + sorted({st for _, st in s.confusion} - set(TYPES) - {NONE}) + [NONE]
    out.append("confusion: rows gold, columns system (first 4 letters), none = no event")
    out.append(" " * 13 + "".join(f"{t[:4]:>5}" for t in sys_types))
    for gt in gold_types:
        row = "".join(f"{(s.confusion[(gt, st)] or '.'):>5}" for st in sys_types)
        out.append(f"{gt:<13}{row}")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the gold records (JSON list)")
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN, help="the areabook binary")
    ap.add_argument("--jobs", type=int, default=2, help="processes in parallel (default 2)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per record (default 20)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N records")
    ap.add_argument("--errors", action="store_true", help="print every wrong record")
    ap.add_argument("--out", type=Path, help="save the system outputs as JSONL")
    ap.add_argument("--from", dest="saved", type=Path, help="score saved outputs (no binary)")
    args = ap.parse_args(argv)

    if not args.data.is_file():
        ci = os.environ.get("CI", "").lower() == "true"
        what = "error" if ci else "skipped"
        print(
            f"events eval {what}: {args.data} not found (the PLOVER gold records live in "
            f"../shared/data/events/; see ../shared/README.md)",
            file=sys.stderr,
        )
        return 2
    try:
        gold = load_gold(args.data)
        if args.limit > 0:
            gold = gold[: args.limit]
        outputs = read_saved(args.saved) if args.saved else run_all(args.bin, gold, args.jobs, args.timeout)
    except Unreadable as e:
        print(f"events eval: {e}", file=sys.stderr)
        return 2
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as f:
            for g in gold:
                if g.id in outputs:
                    f.write(json.dumps(outputs[g.id], ensure_ascii=False) + "\n")
    summary, judged = score(gold, outputs)
    print(report(summary, judged, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
