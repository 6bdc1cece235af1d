#!/usr/bin/env python3
"""Check score.py against a stand-in binary with canned answers (no areabook needed).

    python3 eval/infer/selftest.py      # prints "ok", exit 1 on a failure
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score  # noqa: E402

# What the stand-in prints for `parse --json FILE`, by file name.
PARSE = {
    "a.txt": {"country": "Japan", "country_inferred": True,
              "inference": {"share": 0.8, "score": 3.0, "evidence": [["Tokyo", 2], ["Japan", 1]]},
              "paragraphs": ["Tokyo and Tokyo in Japan."], "fields": []},
    "b.txt": {"country": "India", "country_inferred": True,
              "inference": {"share": 0.7, "score": 5.0, "evidence": [["India", 5]]},
              "paragraphs": ["India India India India India Bhutan."], "fields": []},
    "c.txt": {"country": None, "country_inferred": False,
              "paragraphs": ["Burma and Thailand."], "fields": []},
    "d.txt": {"country": None, "country_inferred": False, "paragraphs": ["Rain."], "fields": []},
    "e.txt": {"country": "Saudi Arabia", "country_inferred": True,
              "inference": {"share": 0.9, "score": 2.5, "evidence": [["Mecca", 4]]},
              "paragraphs": ["Mecca."], "fields": []},
    "f.txt": {"country": "Zaire", "country_inferred": True,
              "inference": {"share": 0.6, "score": 2.0, "evidence": [["Zaire", 2]]},
              "paragraphs": ["Zaire."], "fields": []},
    "g.txt": "not json",
}
# What it prints for `entities --json` (stdin), by the text's first word.
ENTITIES = {
    "Tokyo": [{"text": "Tokyo", "name": "Tokyo", "kind": "city", "country": "JP"},
              {"text": "Tokyo", "name": "Tokyo", "kind": "city", "country": "JP"},
              {"text": "Japan", "name": "Japan", "kind": "state", "country": "JP"}],
    "Burma": [{"text": "Burma", "name": "Burma", "kind": "state", "country": "MM"},
              {"text": "Thailand", "name": "Thailand", "kind": "state", "country": "TH"},
              {"text": "UN", "name": "United Nations", "kind": "organization", "country": None}],
}

STAND_IN = textwrap.dedent(f"""\
    #!{sys.executable}
    import json, os, sys
    PARSE = json.loads({json.dumps(json.dumps(PARSE))})
    ENTITIES = json.loads({json.dumps(json.dumps(ENTITIES))})
    if sys.argv[1] == "parse":
        doc = PARSE[os.path.basename(sys.argv[-1])]
        print(doc if isinstance(doc, str) else json.dumps(doc))
    elif sys.argv[1] == "entities":
        text = sys.stdin.read()
        print(json.dumps({{"entities": ENTITIES.get(text.split()[0] if text.split() else "", [])}}))
    else:
        sys.exit(2)
    """)

GOLD = """# comment
# a: plain
a.txt\tJapan
# b hard: big neighbour
b.txt\tBhutan
# c hard: two states
c.txt\tBurma
d.txt\t-
e.txt\t-
f.txt\tDemocratic Republic of the Congo
g.txt\tPeru
"""

COUNTRIES = """#name\tiso\tiso3\tfips\tformer\taliases\tsource
Bhutan\tBT\t\t\t\t\t
Burma\tMM\t\t\t\tMyanmar\t
Democratic Republic of the Congo\tCD\t\t\t\tZaire\t
India\tIN\t\t\t\t\t
Japan\tJP\t\t\t\t\t
Peru\tPE\t\t\t\t\t
Saudi Arabia\tSA\t\t\t\t\t
Thailand\tTH\t\t\t\t\t
"""


def main() -> int:
    failures = []

    def check(what: str, cond: bool) -> None:
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "pages").mkdir()
        for name in PARSE:
            (t / "pages" / name).write_text("x\n\nData as of May 1990\n")
        (t / "gold.tsv").write_text(GOLD)
        (t / "countries.tsv").write_text(COUNTRIES)
        binary = t / "areabook"
        binary.write_text(STAND_IN)
        os.chmod(binary, 0o755)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            rc = score.main(["--bin", str(binary), "--gold", str(t / "gold.tsv"),
                             "--pages", str(t / "pages"), "--countries", str(t / "countries.tsv"),
                             "--errors", "--all", "--out", str(t / "out.json"), "--jobs", "2"])
        text = out.getvalue()
        check("exit 0", rc == 0)
        res = json.loads((t / "out.json").read_text())
        tot = res["totals"]
        check("7 pages", tot["pages"] == 7)
        check("5 decidable", tot["decidable"] == 5)
        check("right: a, f (alias)", tot["right"] == 2)
        check("wrong: b", tot["wrong"] == 1)
        check("abstained: c, g (failed run)", tot["abstained"] == 2)
        check("undecidable no answer: d", tot["undecidable_no_answer"] == 1)
        check("undecidable answered: e", tot["undecidable_answered"] == 1)
        check("one failed run", tot["failed_runs"] == 1)
        pages = {p["file"]: p for p in res["pages"]}
        check("hard tag from the comment above", pages["b.txt"]["hard"] and pages["c.txt"]["hard"]
              and not pages["a.txt"]["hard"] and not pages["d.txt"]["hard"])
        check("alias noted", any("alias" in n for n in pages["f.txt"]["notes"]))
        check("tally weights a place 1/2", pages["a.txt"]["tally"]["states"][0]["weight"] == 2.0)
        check("tally skips organizations",
              [s["name"] for s in pages["c.txt"]["tally"]["states"]] == ["Burma", "Thailand"])
        check("evidence printed for a wrong answer", "India x5" in text)
        check("tally printed for an abstention", "gold Burma ranks 1" in text)
        check("goal line", "NOT met" in text)

        # A missing binary is a usage error (exit 2).
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            rc = score.main(["--bin", str(t / "nope"), "--gold", str(t / "gold.tsv"),
                             "--pages", str(t / "pages")])
        check("missing binary exits 2", rc == 2)

    if failures:
        for f in failures:
            print(f"FAIL: {f}")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
