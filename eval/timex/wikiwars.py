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
    return strip_inline(body, TAG, lambda a: {"val": a.get("val", ""), "mod": a.get("mod", ""),
                                              "type": timex2_type(a)})


def strip_inline(body: str, tag: re.Pattern, describe):
    """Remove inline tags matched by `tag` (group 1 is "/" on closing tags, group 2 the
    attributes) and return (text, spans). Each span has character offsets into the text,
    the tagged `text`, and whatever `describe(attributes)` returns. Nested tags count as
    their outermost element."""
    out, spans, stack = [], [], []
    pos = n = 0  # n: characters emitted
    for m in tag.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        if m.group(1) == "":
            stack.append((n, dict(ATTR.findall(m.group(2)))))
        elif stack:
            s, attrs = stack.pop()
            if not stack:
                spans.append({"start": s, "end": n, **describe(attrs)})
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
