#!/usr/bin/env python3
"""Reader for eval/entities/paragraphs.txt (Python 3.11 standard library only).

The format (README.md in this folder has the whole of it):

    === <id> | register study|factbook | data-as-of YYYY[-MM]
    text lines, joined by single spaces, with mentions marked inline:
    [[surface|kind|name|country|id]]     country and id may be left out or empty;
                                          name may list alternatives: "Kyiv;Kiev"

`parse(text)` returns one `Paragraph` per block, with the plain text (markup removed) and the
gold mentions as code-point offsets [start, end) into it. It refuses the file, naming the line,
when anything is malformed (see `FormatError`).

    python3 eval/entities/format.py --check         validate the file, print counts
    python3 eval/entities/format.py --json          the parsed set as JSON on stdout
    python3 eval/entities/format.py --lint          unmarked state names, aliases and demonyms
                                                    (a review aid: some are meant, e.g. "Supreme Soviet")
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_PATH = HERE / "paragraphs.txt"
COUNTRIES_TSV = ROOT / "crates" / "pages" / "data" / "countries.tsv"
DEMONYMS_TSV = ROOT / "crates" / "pages" / "data" / "demonyms.tsv"

STATE_KINDS = ("state", "historic-state")
PLACE_KINDS = ("region", "city", "island", "island-group", "sea", "strait", "river",
               "mountain", "disputed-territory")
PERSON_KINDS = ("person",)
OTHER_KINDS = ("organization",)
KINDS = STATE_KINDS + PLACE_KINDS + PERSON_KINDS + OTHER_KINDS
GROUPS = {"states": STATE_KINDS, "places": PLACE_KINDS, "people": PERSON_KINDS}

REGISTERS = ("study", "factbook")
HEADER = re.compile(r"^===\s+(\S+)\s*\|\s*register\s+(\S+)\s*\|\s*data-as-of\s+(\S+)\s*$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
COUNTRY = re.compile(r"^(?:[A-Z]{2}|[A-Z]{4})$")
MARK = re.compile(r"\[\[(.*?)\]\]")


def group_of(kind: str) -> str | None:
    for g, kinds in GROUPS.items():
        if kind in kinds:
            return g
    return None


class FormatError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    kind: str
    name: str                     # the canonical name (first alternative)
    names: list[str]              # all accepted names, canonical first
    country: str = ""
    id: str = ""
    line: int = 0


@dataclass
class Paragraph:
    id: str
    register: str
    data_as_of: str
    text: str
    mentions: list[Mention] = field(default_factory=list)
    line: int = 0


@dataclass
class Country:
    name: str
    iso: str
    former: bool


def load_countries(path: Path = COUNTRIES_TSV) -> dict[str, Country] | None:
    """Canonical name -> row of crates/pages/data/countries.tsv; None when the file is absent."""
    if not path.is_file():
        return None
    table = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        cols += [""] * (6 - len(cols))
        table[cols[0]] = Country(cols[0], cols[1], cols[4].strip().lower() == "yes")
    return table


def _mention(fields_: list[str], line: int, countries) -> tuple[str, Mention]:
    if not 3 <= len(fields_) <= 5:
        raise FormatError(line, f"a mention has 3 to 5 fields (surface|kind|name|country|id), "
                                f"got {len(fields_)}: {'|'.join(fields_)!r}")
    fields_ += [""] * (5 - len(fields_))
    surface, kind, name, country, ident = fields_
    if not surface or surface != surface.strip():
        raise FormatError(line, f"empty surface or surface with outer spaces: {surface!r}")
    if kind not in KINDS:
        raise FormatError(line, f"unknown kind {kind!r} in [[{surface}|...]]; kinds: {', '.join(KINDS)}")
    names = [n.strip() for n in name.split(";")]
    if not names or any(not n for n in names):
        raise FormatError(line, f"empty name in [[{surface}|{kind}|{name}]]")
    country = country.strip()
    if country and not COUNTRY.match(country):
        raise FormatError(line, f"country {country!r} of {surface!r} is not an ISO 3166-1 alpha-2 "
                                f"or ISO 3166-3 alpha-4 code")
    canonical = names[0]
    if countries is not None:
        row = countries.get(canonical)
        if kind == "state" and (row is None or row.former):
            hint = "" if row is None else " (a former state: kind historic-state)"
            raise FormatError(line, f"state {canonical!r} of {surface!r} is not a current "
                                    f"canonical name of countries.tsv{hint}")
        if row is not None:
            want = "historic-state" if row.former else "state"
            if kind != want:
                raise FormatError(line, f"{canonical!r} is a countries.tsv row: kind {want}, not {kind}")
            if country and country != row.iso:
                raise FormatError(line, f"country {country!r} of {canonical!r}: countries.tsv says "
                                        f"{row.iso or 'none'!r}")
            country = country or row.iso
    return surface, Mention(0, 0, surface, kind, canonical, names, country, ident.strip(), line)


def _word_char(c: str) -> bool:
    return c.isalnum()


def _text_line(raw: str, line: int, offset: int, countries) -> tuple[str, list[Mention]]:
    """Strips the markup of one line; offsets are relative to the paragraph (offset = start)."""
    plain, mentions, pos = [], [], 0
    length = offset
    for m in MARK.finditer(raw):
        before = raw[pos:m.start()]
        if "[[" in before or "]]" in before:
            raise FormatError(line, f"unbalanced '[[' or ']]' before {m.group(0)!r}")
        inner = m.group(1)
        if "[[" in inner:
            raise FormatError(line, f"nested or unclosed '[[' in {m.group(0)!r}")
        plain.append(before)
        length += len(before)
        surface, mention = _mention(inner.split("|"), line, countries)
        mention.start, mention.end = length, length + len(surface)
        plain.append(surface)
        length += len(surface)
        mentions.append(mention)
        pos = m.end()
    rest = raw[pos:]
    if "[[" in rest or "]]" in rest:
        raise FormatError(line, "unbalanced '[[' or ']]'")
    plain.append(rest)
    return "".join(plain), mentions


def parse(source: str, countries=None) -> list[Paragraph]:
    """Parses the whole file. `countries` (from load_countries) enables the state checks."""
    paragraphs: list[Paragraph] = []
    seen: dict[str, int] = {}
    current: Paragraph | None = None
    pieces: list[str] = []

    def finish():
        if current is None:
            return
        if not pieces:
            raise FormatError(current.line, f"paragraph {current.id!r} has no text")
        current.text = " ".join(pieces)
        for m in current.mentions:
            s, e = m.start, m.end
            if current.text[s:e] != m.surface:  # cannot happen; guards the offset arithmetic
                raise FormatError(m.line, f"internal: offsets of {m.surface!r} do not match")
            if s > 0 and _word_char(current.text[s - 1]) and _word_char(m.surface[0]):
                raise FormatError(m.line, f"mention {m.surface!r} starts inside a word")
            if e < len(current.text) and _word_char(current.text[e]) and _word_char(m.surface[-1]):
                raise FormatError(m.line, f"mention {m.surface!r} ends inside a word "
                                          f"(mark the whole word: [[Soviets|...]], not [[Soviet|...]]s)")
        paragraphs.append(current)

    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("==="):
            finish()
            h = HEADER.match(line)
            if not h:
                raise FormatError(number, "malformed header; expected "
                                          "'=== <id> | register study|factbook | data-as-of YYYY[-MM]'")
            pid, register, date = h.groups()
            if register not in REGISTERS:
                raise FormatError(number, f"unknown register {register!r}; expected study or factbook")
            d = DATE.match(date)
            if not d or (d.group(2) and not 1 <= int(d.group(2)) <= 12):
                raise FormatError(number, f"data-as-of {date!r} is not YYYY or YYYY-MM")
            if pid in seen:
                raise FormatError(number, f"id {pid!r} repeats (first at line {seen[pid]})")
            seen[pid] = number
            current, pieces = Paragraph(pid, register, date, "", [], number), []
            continue
        if current is None:
            raise FormatError(number, "text before the first '===' header")
        offset = sum(len(p) for p in pieces) + len(pieces)  # joined by single spaces
        plain, mentions = _text_line(line, number, offset, countries)
        pieces.append(plain)
        current.mentions.extend(mentions)
    finish()
    if not paragraphs:
        raise FormatError(1, "no paragraphs")
    return paragraphs


def load(path: Path = DEFAULT_PATH) -> list[Paragraph]:
    return parse(Path(path).read_text(encoding="utf-8"), load_countries())


def to_json(paragraphs: list[Paragraph]) -> list[dict]:
    out = []
    for p in paragraphs:
        d = asdict(p)
        for m in d["mentions"]:
            del m["line"]
        del d["line"]
        out.append(d)
    return out


def stats(paragraphs: list[Paragraph]) -> dict:
    by_kind: dict[str, int] = {}
    by_group: dict[str, int] = {}
    by_register: dict[str, int] = {}
    for p in paragraphs:
        by_register[p.register] = by_register.get(p.register, 0) + 1
        for m in p.mentions:
            by_kind[m.kind] = by_kind.get(m.kind, 0) + 1
            g = group_of(m.kind) or "other"
            by_group[g] = by_group.get(g, 0) + 1
    return {
        "paragraphs": len(paragraphs),
        "registers": by_register,
        "mentions": sum(len(p.mentions) for p in paragraphs),
        "groups": by_group,
        "kinds": {k: by_kind[k] for k in KINDS if k in by_kind},
        "words": sum(len(p.text.split()) for p in paragraphs),
    }


def lint(paragraphs: list[Paragraph]) -> list[str]:
    """Unmarked whole-word, case-sensitive occurrences of countries.tsv names and aliases and of
    demonyms.tsv forms. Not errors: the guidelines leave some out on purpose."""
    forms: set[str] = set()
    for path, cols in ((COUNTRIES_TSV, (0, 5)), (DEMONYMS_TSV, (1, 2))):
        if not path.is_file():
            continue
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw or raw.startswith("#"):
                continue
            c = raw.split("\t")
            for i in cols:
                if i < len(c):
                    forms.update(f for f in c[i].split("|") if f)
    if not forms:
        return []
    pattern = re.compile(r"(?<![\w])(" + "|".join(
        re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])")
    out = []
    for p in paragraphs:
        covered = [(m.start, m.end) for m in p.mentions]
        for hit in pattern.finditer(p.text):
            if not any(s <= hit.start() and hit.end() <= e for s, e in covered):
                ctx = p.text[max(0, hit.start() - 30):hit.end() + 30]
                out.append(f"{p.id}: {hit.group(0)!r} at {hit.start()}: ...{ctx}...")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    ap.add_argument("--check", action="store_true", help="validate and print counts (the default)")
    ap.add_argument("--json", action="store_true", help="print the parsed set as JSON")
    ap.add_argument("--lint", action="store_true", help="list unmarked state names and demonyms")
    args = ap.parse_args()
    countries = load_countries()
    try:
        paragraphs = parse(Path(args.path).read_text(encoding="utf-8"), countries)
    except FormatError as e:
        print(f"{args.path}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{args.path}: {e}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(to_json(paragraphs), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if args.lint:
        for row in lint(paragraphs):
            print(row)
        return 0
    s = stats(paragraphs)
    if countries is None:
        print(f"note: {COUNTRIES_TSV} not found; state names were not checked", file=sys.stderr)
    print(f"{args.path}: ok")
    print(f"paragraphs {s['paragraphs']} ({', '.join(f'{k} {v}' for k, v in s['registers'].items())}), "
          f"{s['words']} words, {s['mentions']} mentions")
    print("groups: " + ", ".join(f"{k} {v}" for k, v in s["groups"].items()))
    print("kinds:  " + ", ".join(f"{k} {v}" for k, v in s["kinds"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
