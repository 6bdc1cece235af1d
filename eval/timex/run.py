"""Evaluates the timex tagger on WikiWars dev: `python3 eval/timex/run.py [--data DIR] [--system FILE.json]`.

Builds `cargo run --release -p timex --example tag`, tags each document's <TEXT> (narrative
mode, dct 2009-12-19 unless --dct), and prints strict / relaxed / value F1 and type accuracy
per document and overall. `--dump DIR` writes each document's system output as JSON (the
benchmark uses the same scorer for HeidelTime through `score_system`).
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import newsset  # noqa: E402
import score  # noqa: E402
import wikiwars  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "temporal" / "wikiwars-dev"
NEWS_DATA = HERE / "news"
TARGET = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target-timex"))


def build():
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "timex", "--example", "tag"], cwd=ROOT, env=env, check=True)
    return Path(TARGET) / "release" / "examples" / "tag"


def tag(binary, text, dct, news=False):
    args = [str(binary), "--dct", dct] + (["--news"] if news else [])
    out = subprocess.run(args, input=text.encode("utf-8"), capture_output=True, check=True)
    return json.loads(out.stdout)


def report(rows, title):
    print(f"{title}")
    print(f"{'document':24} {'gold':>5} {'sys':>5} {'strict':>7} {'relaxed':>7} {'value':>7} {'type':>6}")
    total = {}
    for name, c in rows:
        total = score.add(total, c)
        s = score.summary(c)
        print(f"{name:24} {c['gold']:5d} {c['sys']:5d} {s['strict'][0]:7.3f} {s['relaxed'][0]:7.3f} {s['value'][0]:7.3f} {s['type'] or 0:6.3f}")
    s = score.summary(total)
    print(f"{'OVERALL':24} {total['gold']:5d} {total['sys']:5d} {s['strict'][0]:7.3f} {s['relaxed'][0]:7.3f} {s['value'][0]:7.3f} {s['type'] or 0:6.3f}")
    for k in ("strict", "relaxed", "value"):
        f, p, r = s[k]
        print(f"  {k:8} P={p:.3f} R={r:.3f} F1={f:.3f}")
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--dct", default="2009-12-19")
    ap.add_argument("--news", action="store_true")
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--errors", action="store_true", help="print every mismatch")
    ap.add_argument("--no-news", action="store_true", help="skip the news set (eval/timex/news)")
    ap.add_argument("--news-only", action="store_true", help="score only the news set")
    a = ap.parse_args()
    binary = build()
    if not a.news_only:
        run_wikiwars(binary, a)
    if not a.no_news:
        run_news(binary, a)


def run_news(binary, a):
    """Scores news mode on the TIMEX3 news set, each item with its own document date."""
    total = {}
    n_mod = mod_ok = 0
    for name, dct, text, gold in newsset.documents(NEWS_DATA):
        system = tag(binary, text, dct, news=True)
        if a.errors:
            show_errors(name, gold, system)
        total = score.add(total, score.counts(gold, system))
        for g, s in score.match(gold, system):
            n_mod += 1
            mod_ok += (g["mod"] or None) == s.get("mod")
    s = score.summary(total)
    print(f"\ntimex on the news set ({NEWS_DATA.relative_to(ROOT)}, TIMEX3 gold, news mode)")
    print(f"{'':24} {'gold':>5} {'sys':>5} {'strict':>7} {'relaxed':>7} {'value':>7} {'type':>6}")
    print(f"{'OVERALL':24} {total['gold']:5d} {total['sys']:5d} {s['strict'][0]:7.3f} {s['relaxed'][0]:7.3f} {s['value'][0]:7.3f} {s['type'] or 0:6.3f}")
    for k in ("strict", "relaxed", "value"):
        f, p, r = s[k]
        print(f"  {k:8} P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(f"  mod      accuracy {mod_ok / n_mod if n_mod else 0:.3f} over {n_mod} matches")


def run_wikiwars(binary, a):
    if not (a.data / "in").is_dir():
        print(f"missing {a.data}/in (WikiWars dev data): skipped")
        return
    rows = []
    for name, text, gold in wikiwars.documents(a.data):
        system = tag(binary, text, a.dct, a.news)
        if a.dump:
            a.dump.mkdir(parents=True, exist_ok=True)
            (a.dump / f"{name}.json").write_text(json.dumps(system))
        if a.errors:
            show_errors(name, gold, system)
        rows.append((name, score.counts(gold, system)))
    report(rows, f"timex on {a.data.name} (dct {a.dct}, {'news' if a.news else 'narrative'} mode)")


def show_errors(name, gold, system):
    pairs = score.match(gold, system)
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    for g in gold:
        if id(g) not in matched_g:
            print(f"{name} MISS  {g['text']!r} {g['val']} {g['mod']}")
    for s in system:
        if id(s) not in matched_s:
            print(f"{name} FALSE {s['text']!r} {s['value']}")
    for g, s in pairs:
        if (g["start"], g["end"]) != (s["start"], s["end"]):
            print(f"{name} SPAN  gold={g['text']!r} sys={s['text']!r}")
        if g["val"] != s["value"]:
            print(f"{name} VALUE {g['text']!r} gold={g['val']} sys={s['value']} ({s['text']!r})")
        if g.get("type") and g["type"] != s.get("type"):
            print(f"{name} TYPE  {g['text']!r} gold={g['type']} sys={s.get('type')}")


if __name__ == "__main__":
    main()
