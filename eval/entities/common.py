"""Shared by score.py and geovirus.py: running `areabook entities`, matching spans one to one,
folding names, distances. Python 3.11 standard library only."""
from __future__ import annotations

import json
import math
import os
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from format import GROUPS, KINDS, PERSON_KINDS, PLACE_KINDS, ROOT, STATE_KINDS, group_of  # noqa: F401

DEFAULT_BIN = ROOT / "target" / "release" / "areabook"
SCORED_KINDS = STATE_KINDS + PLACE_KINDS + PERSON_KINDS


def resolve_bin(path: str | None) -> Path:
    """--bin as given (relative to the working directory), else the repository's release build."""
    return Path(path) if path else DEFAULT_BIN


def check_bin(path: Path) -> str | None:
    if not path.exists():
        return f"{path}: no such file (build it: cargo build --release -p areabook, or pass --bin)"
    if not os.access(path, os.X_OK):
        return f"{path}: not executable"
    return None


def run_entities(binary: Path, text: str, dct: str | None, timeout: float) -> tuple[list[dict], list[str], str | None]:
    """Runs `areabook entities --json [--dct D]` with `text` on stdin.

    Returns (entities, warnings, error). Entities that are not well formed (offsets outside the
    text, start >= end, no kind) are dropped with a warning; `text` differing from the span is
    a warning only. On a failed run the error says why and the entity list is empty."""
    cmd = [str(binary), "entities", "--json"]
    if dct:
        cmd += ["--dct", dct]
    try:
        proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [], [], f"timed out after {timeout:g} s"
    except OSError as e:
        return [], [], f"could not run {binary}: {e}"
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        return [], [], f"exit {proc.returncode}: {stderr[:500]}"
    try:
        doc = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return [], [], f"stdout is not JSON ({e}): {proc.stdout[:200]!r}"
    raw = doc.get("entities") if isinstance(doc, dict) else None
    if not isinstance(raw, list):
        return [], [], 'stdout has no "entities" list'
    out, warnings = [], []
    for i, e in enumerate(raw):
        if not isinstance(e, dict):
            warnings.append(f"entity {i} is not an object")
            continue
        s, t = e.get("start"), e.get("end")
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            warnings.append(f"entity {i} has bad offsets start={s!r} end={t!r} (text has {len(text)} code points)")
            continue
        if not isinstance(e.get("kind"), str):
            warnings.append(f"entity {i} [{s},{t}) has no kind")
            continue
        span = text[s:t]
        if "text" in e and e["text"] != span:
            warnings.append(f"entity {i} text {e['text']!r} differs from the span [{s},{t}) {span!r}")
        lat, lon = e.get("lat"), e.get("lon")
        coords = None
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and \
                -90 <= lat <= 90 and -180 <= lon <= 180:
            coords = (float(lat), float(lon))
        out.append({
            "start": s, "end": t, "text": span, "kind": e["kind"],
            "name": e.get("name") if isinstance(e.get("name"), str) else "",
            "id": str(e["id"]) if e.get("id") not in (None, "") else "",
            "country": e.get("country") if isinstance(e.get("country"), str) else "",
            "coords": coords,
        })
    if stderr:
        warnings.append(f"stderr: {stderr[:300]}")
    return out, warnings, None


def run_many(binary: Path, jobs: list[tuple[str, str | None]], workers: int, timeout: float):
    """Runs run_entities over (text, dct) pairs in parallel, results in order."""
    workers = max(1, workers)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda j: run_entities(binary, j[0], j[1], timeout), jobs))


# --- spans and matching ---------------------------------------------------------------------

def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def exact(a: dict, b: dict) -> bool:
    return a["start"] == b["start"] and a["end"] == b["end"]


def match(gold: list[dict], system: list[dict], ok) -> dict[int, int]:
    """Maximum one-to-one matching of gold to system items among pairs with ok(g, s) true
    (augmenting paths). Candidates are tried exact span first, then by overlap length, so an
    exact pair is kept where the cardinality allows. Returns {gold index: system index}."""
    cand = []
    for g in gold:
        cs = [k for k, s in enumerate(system) if ok(g, s)]
        cs.sort(key=lambda k: (not exact(g, system[k]),
                               -(min(g["end"], system[k]["end"]) - max(g["start"], system[k]["start"]))))
        cand.append(cs)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for k in cand[i]:
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or augment(owner[k], seen):
                owner[k] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: k for k, i in owner.items()}


# --- names ----------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                              "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ",
                              "\u2014": " ", "-": " ", ".": ""})


def fold(name: str) -> str:
    """Case-insensitive, accent-folded, hyphens as spaces, periods dropped, spaces collapsed:
    'Kim Il-sung' = 'KIM Il Sung', 'Côte d’Ivoire' = "cote d'ivoire"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.translate(_APOSTROPHES).casefold().split())


def countries_compatible(a: str, b: str) -> bool:
    """Two country codes disagree only when both are ISO 3166-1 alpha-2 codes and differ; an
    alpha-4 code of a former state (SUHH) is not compared with its successors' codes."""
    if len(a) == 2 and len(b) == 2:
        return a.upper() == b.upper()
    return True


def resolves(gold: dict, system: dict) -> bool:
    """The system entity names the gold entity: the same id when both have one, otherwise a
    folded name among the gold's accepted names and no disagreement on the country."""
    if gold.get("id") and system.get("id"):
        return gold["id"] == system["id"]
    if not system.get("name"):
        return False
    if fold(system["name"]) not in {fold(n) for n in gold["names"]}:
        return False
    return countries_compatible(gold.get("country", ""), system.get("country", ""))


# --- numbers --------------------------------------------------------------------------------

def prf(matched_sys: int, n_sys: int, matched_gold: int, n_gold: int) -> dict:
    p = matched_sys / n_sys if n_sys else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "matched_system": matched_sys, "system": n_sys, "matched_gold": matched_gold, "gold": n_gold}


EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def fmt(x: float) -> str:
    return f"{x:.3f}"
