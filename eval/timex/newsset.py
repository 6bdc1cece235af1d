"""Reads the news test set (`news/*.tml`): one item a line, `DCT<TAB>text with inline <TIMEX3>`.

Yields (name, dct, text, gold spans) with the same span dicts as `wikiwars.py` (character
offsets, end exclusive, plus `val`, `mod` and `type` from the TIMEX3 attributes).
"""
import re
from pathlib import Path

TAG = re.compile(r"<(/?)TIMEX3([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_line(line: str):
    out, spans, stack = [], [], []
    pos = n = 0
    for m in TAG.finditer(line):
        chunk = line[pos:m.start()]
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        if m.group(1) == "":
            stack.append((n, dict(ATTR.findall(m.group(2)))))
        else:
            s, attrs = stack.pop()
            spans.append({"start": s, "end": n, "val": attrs.get("value", ""), "mod": attrs.get("mod", ""),
                          "type": attrs.get("type", "")})
    out.append(line[pos:])
    text = "".join(out)
    for sp in spans:
        sp["text"] = text[sp["start"]:sp["end"]]
    return text, spans


def documents(root: Path):
    for path in sorted(root.glob("*.tml")):
        for k, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            dct, _, body = raw.partition("\t")
            text, spans = parse_line(body)
            yield f"{path.stem}:{k}", dct.strip(), text, spans
