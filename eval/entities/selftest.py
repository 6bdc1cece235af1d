#!/usr/bin/env python3
"""Self-test of the entities evaluation tools, no areabook binary needed.

Checks the reader (paragraphs.txt parses; malformed input is refused naming the line), the
matching, name folding and distance helpers, and then runs score.py and geovirus.py end to end
against a stand-in binary written to a temporary folder, which answers with canned JSON: the
gold itself (every score must be 1.0) and a hand-made answer whose scores were worked out by
hand. Prints "ok" and exits 0, or names the first failure and exits 1.

    python3 eval/entities/selftest.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import common
import format as fmtmod

HERE = Path(__file__).resolve().parent

FAKE = r'''#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
ok = args[:2] == ["entities", "--json"] and (len(args) == 2 or (len(args) == 4 and args[2] == "--dct"))
if not ok:
    sys.stderr.write("bad arguments %r\n" % (args,)); sys.exit(2)
text = sys.stdin.buffer.read().decode("utf-8")
canned = json.load(open(os.environ["SELFTEST_CANNED"], encoding="utf-8"))
print(json.dumps(canned.get(text, {"entities": []})))
'''

BAD = {
    "=== a | study | data-as-of 1989\nx\n": "line 1: malformed header",
    "=== a | register study | data-as-of 1989\nx\n=== a | register study | data-as-of 1989\ny\n": "line 3: id 'a' repeats",
    "=== a | register study | data-as-of 1989\n\n[[Moscow|town|Moscow]]\n": "line 3: unknown kind",
    "=== a | register study | data-as-of 1989\n[[Moscow|city]]\n": "line 2: a mention has 3 to 5 fields",
    "=== a | register study | data-as-of 1989\n[[Moscow|city|Moscow] and\n": "line 2: unbalanced",
    "=== a | register study | data-as-of 1989\n[[USSR|state|Soviet Union]]\n": "line 2: state 'Soviet Union'",
    "=== a | register study | data-as-of 1989\n[[Japan|state|Japan|CN]]\n": "line 2: country 'CN'",
    "=== a | register study | data-as-of 1989\nthe [[Soviet|historic-state|Soviet Union]]s\n": "line 2: mention 'Soviet' ends inside a word",
}


def check(cond: bool, what: str):
    if not cond:
        raise AssertionError(what)


def test_reader():
    countries = fmtmod.load_countries()
    paragraphs = fmtmod.load()
    check(len(paragraphs) >= 50, "paragraphs.txt has 50 paragraphs or more")
    for p in paragraphs:
        for m in p.mentions:
            check(p.text[m.start:m.end] == m.surface, f"{p.id}: offsets of {m.surface!r}")
    for source, message in BAD.items():
        try:
            fmtmod.parse(source, countries)
        except fmtmod.FormatError as e:
            check(message in str(e), f"error {str(e)!r} should contain {message!r}")
        else:
            raise AssertionError(f"accepted a malformed file: {source!r}")
    p = fmtmod.parse("# note\n=== x | register factbook | data-as-of 1991\nThe [[Soviet|historic-state|Soviet Union]]-"
                     "[[Japanese|state|Japan]] talks.\n[[Kiev|city|Kyiv;Kiev|UA|Q1899]] next.\n", countries)[0]
    check(p.text == "The Soviet-Japanese talks. Kiev next.", f"plain text {p.text!r}")
    got = [(m.start, m.end, m.kind, m.name, m.country, m.id) for m in p.mentions]
    want = [(4, 10, "historic-state", "Soviet Union", "SUHH" if countries else "", ""),
            (11, 19, "state", "Japan", "JP" if countries else "", ""),
            (27, 31, "city", "Kyiv", "UA", "Q1899")]
    check(got == want, f"mentions {got}")


def test_helpers():
    check(common.fold("KIM Il Sung") == common.fold("Kim Il-sung"), "fold: case and hyphens")
    check(common.fold("Côte d’Ivoire") == "cote d'ivoire", "fold: accents and apostrophes")
    check(common.fold("Hissène  Habré") == common.fold("Hissene Habre"), "fold: spaces")
    g = [{"start": 0, "end": 4}, {"start": 5, "end": 11}]
    s = [{"start": 0, "end": 11}]
    check(len(common.match(g, s, common.overlaps)) == 1, "one system span matches one gold span")
    g = [{"start": 0, "end": 10}, {"start": 12, "end": 20}]
    s = [{"start": 5, "end": 15}, {"start": 0, "end": 10}]
    m = common.match(g, s, common.overlaps)
    check(m == {0: 1, 1: 0}, f"augmenting matching {m}")
    gold = {"names": ["Georgia (U.S. state)", "Georgia"], "country": "US", "id": ""}
    check(not common.resolves(gold, {"name": "Georgia", "country": "GE"}), "Georgia the country is not the US state")
    check(common.resolves(gold, {"name": "georgia", "country": "US"}), "folded name, same country")
    check(common.resolves({"names": ["Vladivostok"], "country": "RU"}, {"name": "Vladivostok", "country": "SUHH"}),
          "an alpha-4 code is not compared")
    d = common.haversine_km((51.5074, -0.1278), (48.8566, 2.3522))
    check(340 < d < 345, f"London-Paris {d:.1f} km")


def entity(text, surface, nth, kind, name, country="", lat=None, lon=None):
    i = -1
    for _ in range(nth):
        i = text.index(surface, i + 1)
    return {"text": surface, "start": i, "end": i + len(surface), "kind": kind, "name": name, "id": None,
            "country": country or None, "lat": lat, "lon": lon, "valid_from": None, "valid_to": None,
            "confidence": 0.5}


def run(tmp: Path, script: str, canned: dict, *args) -> dict:
    (tmp / "canned.json").write_text(json.dumps(canned), encoding="utf-8")
    out = tmp / "out.json"
    proc = subprocess.run([sys.executable, str(HERE / script), "--bin", str(tmp / "areabook"), "--out", str(out),
                           "--jobs", "2", *args], capture_output=True, text=True,
                          env={**os.environ, "SELFTEST_CANNED": str(tmp / "canned.json")})
    check(proc.returncode == 0, f"{script} exited {proc.returncode}: {proc.stderr}")
    return json.loads(out.read_text(encoding="utf-8"))


def test_scorers():
    paragraphs = fmtmod.load()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        fake = tmp / "areabook"
        fake.write_text(FAKE, encoding="utf-8")
        fake.chmod(0o755)

        # The gold itself: every score is 1.
        canned = {p.text: {"entities": [{"text": m.surface, "start": m.start, "end": m.end, "kind": m.kind,
                                         "name": m.names[-1].upper(), "country": m.country or None,
                                         "id": None, "lat": None, "lon": None} for m in p.mentions]}
                  for p in paragraphs}
        r = run(tmp, "score.py", canned)
        check(not r["failures"], f"failures {r['failures']}")
        for label, sc in r["scores"].items():
            for how in ("exact", "overlap", "resolved"):
                check(sc[how]["f1"] == 1.0, f"gold as output: {label} {how} F1 {sc[how]['f1']}")

        # A hand-made answer for one paragraph (numbers worked out by hand).
        p = next(p for p in paragraphs if p.id == "ussr-china-1")
        t = p.text
        ents = [entity(t, "Sino-Soviet", 1, "state", "China", "CN"),            # one span over two gold
                entity(t, "Soviet", 3, "historic-state", "Soviet Union", "SUHH"),
                entity(t, "Damanskiy", 1, "island", "Damansky Island", "CN"),    # short span, right entity
                entity(t, "Ussuri River", 1, "river", "Ussuri"),                # right span, wrong name
                entity(t, "Beijing", 1, "city", "Beijing", "CN"),
                entity(t, "Mongolia", 1, "state", "Mongolia", "MN"),
                entity(t, "May", 1, "city", "May"),                             # false positive
                entity(t, "Gorbachev", 1, "person", "Mikhail GORBACHEV"),
                entity(t, "Deng Xiaoping", 1, "person", "Deng Xiaoping"),
                entity(t, "Chinese", 1, "state", "China", "TW"),                # country disagrees
                entity(t, "Beijing", 2, "organization", "Beijing government")]  # left out
        r = run(tmp, "score.py", {t: {"entities": ents}}, "--only", "ussr-china-1")
        s = r["scores"]
        want = {("all", "exact"): (7, 10, 7, 21), ("all", "overlap"): (9, 10, 9, 21),
                ("all", "resolved"): (7, 10, 7, 21), ("states", "overlap"): (4, 4, 4, 13),
                ("places", "overlap"): (3, 4, 3, 6), ("people", "resolved"): (2, 2, 2, 2)}
        for (label, how), (ms, ns, mg, ng) in want.items():
            got = s[label][how]
            check((got["matched_system"], got["system"], got["matched_gold"], got["gold"]) == (ms, ns, mg, ng),
                  f"ussr-china-1 {label} {how}: {got}")
        check(r["left_out_kinds"] == {"organization": 1}, f"left out {r['left_out_kinds']}")
        types = {}
        for e in r["errors"]:
            types[e["type"]] = types.get(e["type"], 0) + 1
        check(types == {"miss": 12, "span": 2, "wrong-entity": 2, "false-positive": 1}, f"error types {types}")

        # GeoVirus: the gold with its coordinates, one toponym moved 300 km, one demonym added.
        import geovirus
        if not geovirus.DEFAULT_DATA.is_file():
            print(f"skipped the GeoVirus run: {geovirus.DEFAULT_DATA} not found")
            return
        arts = geovirus.load_articles(geovirus.DEFAULT_DATA)[:3]
        canned = {}
        for a in arts:
            es = [{"text": g["text"], "start": g["start"], "end": g["end"], "kind": "city", "name": g["name"],
                   "lat": g["coords"][0], "lon": g["coords"][1]} for g in a["gold"]]
            canned[a["text"]] = {"entities": es}
        first = canned[arts[0]["text"]]["entities"][0]
        first["lat"] += 300 / 111.2                                  # ~300 km north: wrong at 161 km
        t0 = arts[0]["text"]
        k = t0.index("Philippine ")
        canned[t0]["entities"].append({"text": "Philippine", "start": k, "end": k + 10, "kind": "state",
                                       "name": "Philippines", "lat": 13.0, "lon": 122.0})
        r = run(tmp, "geovirus.py", canned, "--limit", "3")
        n = sum(len(a["gold"]) for a in arts)
        check(r["gold"] == n and r["acc161_correct"] == n - 1, f"Acc@161 {r['acc161_correct']} of {r['gold']}")
        check(r["toponyms"]["overlap"]["system"] == n + 1 and r["toponyms"]["overlap"]["matched_gold"] == n,
              f"toponyms {r['toponyms']['overlap']}")
        check(r["toponyms"]["overlap_without_demonyms"]["precision"] == 1.0, "demonym left out")
        check(abs(r["mean_error_km"] - 300 / n) < 2, f"mean error {r['mean_error_km']}")


def main() -> int:
    try:
        test_reader()
        test_helpers()
        test_scorers()
    except AssertionError as e:
        print(f"FAILED: {e}")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
