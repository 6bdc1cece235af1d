#!/usr/bin/env python3
"""Derive crates/pages/data/countries.tsv, the country table of `pages::countries`.

Inputs (never copied into the repo):
  ../shared/data/gazetteer/countryInfo.geotext-0.4.0.txt   GeoNames country table (CC BY 4.0)
  ../shared/data/gazetteer/iso_3166-3.json                 ISO 3166-3 former countries (Debian iso-codes)
  crates/pages/data/countries_curated.tsv                  hand-curated renames, aliases, former states

Output: crates/pages/data/countries.tsv with columns
  name, iso, iso3, fips, former, aliases (|-separated), source

Usage (from the repository root; Python 3.11 standard library only):
  python3 tools/derive_countries.py [--shared ../shared] [--check]
--check exits non-zero when the committed TSV differs from what would be written.
"""

import argparse
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates" / "pages" / "data"


def normalize(name: str) -> str:
    """The lookup key; must match `normalize` in crates/pages/src/countries.rs."""
    out = []
    for ch in name.lower():
        if ch in "'\u2019\u2018`.":
            continue
        if ch == "&":
            out.append(" and ")
            continue
        folded = FOLD.get(ch)
        if folded is None:
            decomposed = unicodedata.normalize("NFD", ch)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            folded = base if base.isascii() and base else ch
        for c in folded:
            out.append(c if c.isalnum() else " ")
    tokens = []
    for token in "".join(out).split():
        if token == "the":
            continue
        tokens.append("saint" if token == "st" else token)
    return " ".join(tokens)


FOLD = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th"}


def read_geonames(path: Path) -> dict:
    rows = {}
    with path.open(encoding="utf-8-sig") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            iso, iso3, fips, name = cols[0], cols[1], cols[3], cols[4].strip()
            rows[iso] = {
                "name": name,
                "iso": iso,
                "iso3": iso3,
                "fips": fips,
                "former": False,
                "aliases": [],
                "source": f"GeoNames {iso}",
            }
    return rows


def read_iso_3166_3(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["alpha_4"]: entry for entry in data["3166-3"]}


def read_curated(path: Path) -> list:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 8:
            sys.exit(f"{path}:{number}: expected 8 tab-separated columns, found {len(cols)}")
        keys = ["id", "name", "iso", "iso3", "fips", "former", "aliases", "source"]
        row = dict(zip(keys, cols))
        row["aliases"] = [a for a in row["aliases"].split("|") if a]
        row["line"] = number
        rows.append(row)
    return rows


def apply_override(country: dict, row: dict) -> None:
    if row["name"] and row["name"] != country["name"]:
        country["aliases"].insert(0, country["name"])
        country["name"] = row["name"]
    for key in ("iso", "iso3", "fips"):
        if row[key] == "-":
            country[key] = ""
        elif row[key]:
            country[key] = row[key]
    if row["former"] == "yes":
        country["former"] = True
    country["aliases"].extend(row["aliases"])
    country["source"] = row["source"] if country["source"] == "" else f"{country['source']}; {row['source']}"


def build(shared: Path) -> list:
    geonames = read_geonames(shared / "data/gazetteer/countryInfo.geotext-0.4.0.txt")
    iso3 = read_iso_3166_3(shared / "data/gazetteer/iso_3166-3.json")
    curated = read_curated(DATA / "countries_curated.tsv")
    countries = dict(geonames)
    for row in curated:
        key = row["id"]
        if key in geonames:
            apply_override(countries[key], row)
        elif key in iso3:
            entry = iso3[key]
            country = {
                "name": row["name"] or entry["name"],
                "iso": entry["alpha_4"],
                "iso3": entry["alpha_3"],
                "fips": "",
                "former": True,
                "aliases": [entry["name"]] if row["name"] else [],
                "source": "",
            }
            apply_override(country, {**row, "name": ""})
            countries[key] = country
        elif key.startswith("X-"):
            country = {"name": row["name"], "iso": "", "iso3": "", "fips": "", "former": False,
                       "aliases": [], "source": ""}
            apply_override(country, {**row, "name": ""})
            countries[key] = country
        else:
            sys.exit(f"countries_curated.tsv:{row['line']}: unknown id {key!r}")
    # Drop aliases that normalize to the country's own name or repeat, then check collisions.
    owner = {}
    for country in countries.values():
        seen = set()
        kept = []
        for name in [country["name"], *country["aliases"]]:
            key = normalize(name)
            if not key:
                sys.exit(f"{country['name']}: name {name!r} normalizes to nothing")
            if key in owner and owner[key] is not country:
                sys.exit(f"name {name!r} ({key!r}) means both {owner[key]['name']!r} and {country['name']!r}")
            owner[key] = country
            if key in seen:
                continue
            seen.add(key)
            if name != country["name"]:
                kept.append(name)
        country["aliases"] = kept
    fips_owner = {}
    for country in countries.values():
        fips = country["fips"]
        if fips and fips in fips_owner:
            sys.exit(f"FIPS {fips} used by {fips_owner[fips]!r} and {country['name']!r}")
        fips_owner[fips] = country["name"]
    return sorted(countries.values(), key=lambda c: normalize(c["name"]))


def render(countries: list) -> str:
    lines = [
        "# Generated by tools/derive_countries.py from GeoNames countryInfo (CC BY 4.0), ISO 3166-3 "
        "(Debian iso-codes) and countries_curated.tsv. Do not edit; see NOTICE.md.",
        "#name\tiso\tiso3\tfips\tformer\taliases\tsource",
    ]
    for c in countries:
        cols = [c["name"], c["iso"], c["iso3"], c["fips"], "yes" if c["former"] else "",
                "|".join(c["aliases"]), c["source"]]
        for col in cols:
            if "\t" in col or "\n" in col:
                sys.exit(f"{c['name']}: tab or newline in {col!r}")
        lines.append("\t".join(cols))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render(build(args.shared))
    out = DATA / "countries.tsv"
    if args.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            sys.exit(f"{out} is stale; run tools/derive_countries.py")
        return
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count(chr(10)) - 2} countries)")


if __name__ == "__main__":
    main()
