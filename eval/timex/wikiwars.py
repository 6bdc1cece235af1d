"""Reads WikiWars documents: the text to tag and the gold TIMEX2 spans (character offsets)."""
import html
import re
from pathlib import Path

TAG = re.compile(r"<(/?)TIMEX2([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def timex2_type(attrs) -> str:
    """TIMEX2 has no type attribute; derive the TIMEX3 type from the value as TempEval does."""
    val = attrs.get("val", "")
    if attrs.get("set", "").upper() == "YES":
        return "SET"
    if val.startswith("P") and not val.endswith("_REF"):
        return "DURATION"
    if "T" in val and not val.endswith("_REF"):
        return "TIME"
    return "DATE"


def text_of_sgm(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    start = raw.index("<TEXT>") + len("<TEXT>")
    end = raw.index("</TEXT>")
    return raw[start:end]


def gold_of_key(path: Path):
    """Returns (text, spans): spans are the outermost TIMEX2 elements as dicts with
    start, end (character offsets, end exclusive), text, val, mod."""
    raw = path.read_text(encoding="utf-8")
    start = raw.index("<TEXT>") + len("<TEXT>")
    end = raw.index("</TEXT>")
    body = raw[start:end]
    out, spans, stack = [], [], []
    pos = 0
    n = 0  # characters emitted
    for m in TAG.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        if m.group(1) == "":
            stack.append((n, dict(ATTR.findall(m.group(2)))))
        else:
            s, attrs = stack.pop()
            if not stack:
                spans.append({"start": s, "end": n, "val": attrs.get("val", ""), "mod": attrs.get("mod", ""),
                              "type": timex2_type(attrs)})
    out.append(body[pos:])
    text = "".join(out)
    for sp in spans:
        sp["text"] = text[sp["start"]:sp["end"]]
    return text, spans


def documents(root: Path):
    """Yields (name, text, gold spans) for every document of a WikiWars-style folder."""
    for sgm in sorted((root / "in").glob("*.sgm")):
        name = sgm.name[: -len(".sgm")]
        key = root / "keyinline" / f"{name}.key.xml"
        text = text_of_sgm(sgm)
        gold_text, spans = gold_of_key(key)
        if gold_text != text:
            raise SystemExit(f"{sgm}: text differs from {key}")
        yield name, text, spans
