#!/usr/bin/env python3
"""Check the events scorer on tiny hand-written cases (not the gold file); prints "ok".

    python3 eval/events/selftest.py

The last check runs score.py end to end against a stand-in binary (a Python script written to a
temporary folder) and a three-record gold file, so no areabook and no ../shared are needed.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score  # noqa: E402
from codes import TO_ISO, norm  # noqa: E402


def gold(kind: str, sources: list[tuple[str, str]], targets: list[tuple[str, str]] | None = None) -> score.Gold:
    return score.Gold(
        id=f"t-{kind}",
        date="2000-01-01",
        text="text",
        type=kind,
        mode="",
        sources=[(t, norm(c)) for t, c in sources],
        targets=[(t, norm(c)) for t, c in (targets or [])],
    )


def ev(kind: str | None, src: str | None = None, tgt: str | None = None, negated: bool = False) -> dict:
    return {"type": kind, "source_code": src, "target_code": tgt, "negated": negated}


def check_codes() -> None:
    assert norm("JAP") == "JPN"
    assert norm("jap") == "JPN"
    assert norm("JAPGOV") == "JPN"  # first three letters, then ISO
    assert norm("VTN") == "VNM"
    assert norm("RUSGOV") == "RUS"
    assert norm("SUN") == "SUN"  # a former state keeps its code
    assert norm("USRARM") == "SUN"
    assert norm("IGOUNO") == "IGO"
    assert norm(None) is None and norm("") is None and norm("  ") is None and norm(7) is None
    for cameo, iso in TO_ISO.items():
        assert len(cameo) == 3 and len(iso) == 3 and cameo != iso


def check_answer() -> None:
    # the first event that is not negated is the answer
    evs = [ev("AGREE", negated=True), ev("REJECT", "USA"), ev("AGREE", "USA")]
    assert score.answer(evs)["type"] == "REJECT"
    assert score.answer([ev("AGREE", negated=True)]) is None
    assert score.answer([]) is None
    # a missing `negated` is not negated
    assert score.answer([{"type": "FIGHT"}])["type"] == "FIGHT"
    assert score.events_of({"events": [ev("AID"), "junk"]}) == [ev("AID")]
    assert score.events_of(None) == [] and score.events_of({"error": {}}) == []


def check_judge() -> None:
    g = gold("AGREE", [("Libya", "LBY")], [("Britain", "GBR")])
    j = score.judge(g, [ev("AGREE", "LBYGOV", "GBR")])
    assert j.type_ok and j.actors_ok and j.any_type_ok and j.any_actors_ok

    # right type, wrong target
    j = score.judge(g, [ev("AGREE", "LBY", "FRA")])
    assert j.type_ok and not j.actors_ok
    # no target given by the system while the gold has one
    j = score.judge(g, [ev("AGREE", "LBY", None)])
    assert j.type_ok and not j.actors_ok

    # the negated first event is skipped; the answer is the second
    j = score.judge(g, [ev("REJECT", "LBY", "GBR", negated=True), ev("AGREE", "LBY", "GBR")])
    assert j.system_type == "AGREE" and j.type_ok and j.actors_ok
    # a wrong first answer: the "any event" variants still see the later right one
    j = score.judge(g, [ev("CONSULT", "LBY", "GBR"), ev("AGREE", "LBY", "GBR")])
    assert j.system_type == "CONSULT" and not j.type_ok and not j.actors_ok
    assert j.any_type_ok and j.any_actors_ok
    # a negated right event does not count for "any event" either
    j = score.judge(g, [ev("AGREE", "LBY", "GBR", negated=True)])
    assert j.system_type == score.NONE and not j.type_ok and not j.any_type_ok

    # no event is wrong
    j = score.judge(g, [])
    assert j.system_type == score.NONE and not j.type_ok and not j.actors_ok

    # compound source: any one of the gold sources matches
    g2 = gold("AGREE", [("Israel", "ISR"), ("Palestinians", "PSE")])
    assert score.judge(g2, [ev("AGREE", "PSE")]).actors_ok
    assert score.judge(g2, [ev("AGREE", "ISRGOV")]).actors_ok
    assert not score.judge(g2, [ev("AGREE", "EGY")]).actors_ok
    # gold without targets: the system's target is not checked
    assert score.judge(g2, [ev("AGREE", "ISR", "USA")]).actors_ok
    assert score.judge(g2, [ev("AGREE", "ISR", None)]).actors_ok

    # CAMEO codes on the gold side are made ISO before comparing
    g3 = gold("CONSULT", [("Yeltsin", "RUS")], [("Hashimoto", "JAP")])
    assert score.judge(g3, [ev("CONSULT", "RUSGOV", "JPNGOV")]).actors_ok
    # the type compares case-insensitively; a null type is no answer type
    assert score.judge(g3, [ev("consult", "RUS", "JPN")]).type_ok
    assert score.judge(g3, [ev(None, "RUS", "JPN")]).system_type == score.NONE


def check_gold_reader() -> None:
    assert score.actors("") == [] and score.actors(None) == []
    assert score.actors([{"actorText": "Japan", "code": "JAP"}, "junk"]) == [("Japan", "JPN")]
    assert score.markup_of({"markup": "(SRC: X)"}) == "(SRC: X)"
    assert score.markup_of("(SRC: X)") == "(SRC: X)" and score.markup_of(None) == ""


def check_summary() -> None:
    a = gold("AGREE", [("A", "USA")])
    f = gold("FIGHT", [("B", "RUS")], [("C", "UKR")])
    f.id = "t-fight-2"
    outputs = {
        "t-AGREE": {"output": {"events": [ev("AGREE", "USA")]}, "error": None},
        "t-FIGHT": {"output": {"events": [ev("ASSAULT", "RUS", "UKR")]}, "error": None},
        # t-fight-2 has no output at all: counted as a run error and no event
    }
    s, judged = score.score([a, gold("FIGHT", [("B", "RUS")], [("C", "UKR")]), f], outputs)
    assert (s.n, s.errors, s.type_ok, s.actors_ok) == (3, 1, 1, 1)
    assert s.confusion[("AGREE", "AGREE")] == 1
    assert s.confusion[("FIGHT", "ASSAULT")] == 1 and s.confusion[("FIGHT", score.NONE)] == 1
    rows = {r[0]: r for r in s.per_type()}
    assert rows["AGREE"][1:4] == (1, 1, 1) and rows["AGREE"][4] == 1.0 and rows["AGREE"][5] == 1.0
    assert rows["FIGHT"][1:4] == (2, 0, 0) and rows["FIGHT"][5] == 0.0
    assert rows["ASSAULT"][1:4] == (0, 1, 0) and rows["ASSAULT"][4] == 0.0
    text = score.report(s, judged, show_errors=True)
    assert "type accuracy         0.333 (1/3)" in text, text
    assert "none" in text and "FIGHT" in text


STAND_IN = """\
import json, sys
args = sys.argv[1:]
if args[:2] == ["events", "--help"]:
    print("usage: areabook events"); sys.exit(0)
assert args[:4] == ["events", "--json", "--date", "2000-01-01"], args
text = sys.stdin.read()
if "boom" in text:
    print("error: boom", file=sys.stderr); sys.exit(1)
kind = "AGREE" if "agreed" in text else "FIGHT"
print(json.dumps({"events": [{"type": kind, "source_code": "USAGOV", "target_code": "JPN", "negated": False}]}))
"""


def check_end_to_end() -> None:
    records = [
        {"id": "header", "event": "DOCUMENT"},
        {"id": "r1", "date": "2000-01-01", "text": "The US agreed with Japan.", "event": "AGREE",
         "source": [{"actorText": "US", "code": "USA"}], "target": [{"actorText": "Japan", "code": "JAP"}],
         "textInfo": {"markup": "(SRC: US) agreed"}},
        {"id": "r2", "date": "2000-01-01", "text": "The US shelled Japan.", "event": "FIGHT",
         "source": [{"actorText": "US", "code": "USA"}], "target": ""},
        {"id": "r3", "date": "2000-01-01", "text": "boom", "event": "PROTEST",
         "source": [{"actorText": "X", "code": "FRA"}]},
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "gold.json"
        data.write_text(json.dumps(records), encoding="utf-8")
        binary = tmp / "areabook"
        binary.write_text(f"#!{sys.executable}\n" + STAND_IN, encoding="utf-8")
        binary.chmod(0o755)
        saved = tmp / "out.jsonl"
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            rc = score.main(["--data", str(data), "--bin", str(binary), "--out", str(saved), "--errors"])
        assert rc == 0, err.getvalue()
        text = out.getvalue()
        assert "type accuracy         0.667 (2/3)" in text, text
        assert "type+actors accuracy  0.667 (2/3)" in text, text
        assert "run errors (counted as no event): 1" in text, text
        assert "error: exit 1: error: boom" in text, text
        assert len(saved.read_text().splitlines()) == 3

        # re-scoring the saved outputs needs no binary and gives the same numbers
        out2 = io.StringIO()
        with redirect_stdout(out2):
            rc = score.main(["--data", str(data), "--bin", str(tmp / "absent"), "--from", str(saved), "--errors"])
        assert rc == 0 and out2.getvalue() == text

        # a binary without the subcommand, a missing binary, a missing data file: exit 2
        old = tmp / "old"
        old.write_text(f"#!{sys.executable}\nimport sys\nprint(\"error: unrecognized subcommand 'events'\", file=sys.stderr)\nsys.exit(2)\n")
        old.chmod(0o755)
        for argv, says in (
            (["--data", str(data), "--bin", str(old)], "no working `events` subcommand"),
            (["--data", str(data), "--bin", str(tmp / "absent")], "no such executable"),
            (["--data", str(tmp / "absent.json")], "not found"),
        ):
            err = io.StringIO()
            with redirect_stdout(io.StringIO()), redirect_stderr(err):
                rc = score.main(argv)
            assert rc == 2 and says in err.getvalue(), (argv, err.getvalue())
        # under CI a missing data file is an error, otherwise a skip; exit 2 either way
        for ci, word in (("true", "error"), ("", "skipped")):
            err = io.StringIO()
            before = os.environ.get("CI")
            os.environ["CI"] = ci
            try:
                with redirect_stderr(err):
                    rc = score.main(["--data", str(tmp / "absent.json")])
            finally:
                if before is None:
                    os.environ.pop("CI", None)
                else:
                    os.environ["CI"] = before
            assert rc == 2 and f"events eval {word}:" in err.getvalue(), err.getvalue()


def main() -> int:
    check_codes()
    check_answer()
    check_judge()
    check_gold_reader()
    check_summary()
    check_end_to_end()
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
