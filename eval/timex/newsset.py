"""Reads the news test set (`news/*.tml`): one item a line, `DCT<TAB>text with inline <TIMEX3>`.

Yields (name, dct, text, gold spans) with the same span dicts as `wikiwars.py` (character
offsets, end exclusive, plus `val`, `mod` and `type` from the TIMEX3 attributes).
"""
import re
from pathlib import Path

from wikiwars import strip_inline

TAG = re.compile(r"<(/?)TIMEX3([^>]*)>")


def parse_line(line: str):
    return strip_inline(line, TAG, lambda a: {"val": a.get("value", ""), "mod": a.get("mod", ""),
                                              "type": a.get("type", "")})


def documents(root: Path):
    for path in sorted(root.glob("*.tml")):
        for k, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            dct, _, body = raw.partition("\t")
            text, spans = parse_line(body)
            yield f"{path.stem}:{k}", dct.strip(), text, spans
