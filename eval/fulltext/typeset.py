#!/usr/bin/env python3
"""Typeset book.src (our own words) into the layout of a Library of Congress full text.

    python3 eval/fulltext/typeset.py            # writes crates/pages/tests/fulltext/mongolia.txt and truth.tsv

The output is what the LoC OCR text of a printed Country Study looks like: a title page and its
cataloguing data, front matter with roman page numbers at the foot of the page, a Contents with dot
leaders and page numbers (subsections indented), chapters that open on a new page (folio at the
foot, no running head), later pages headed by the book title (even pages) or the chapter title (odd
pages) with the page number on the same line, words hyphenated at line ends (also across pages),
a table and a figure caption between paragraphs, a photo caption with its credit, and a few OCR
slips (l for 1, m for rn, doubled spaces, a footnote marker after a full stop). truth.tsv lists
every section with its depth and title, and the checks the evaluation makes.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "crates", "pages", "tests", "fulltext")
WIDTH = 66
PAGE_LINES = 22
BOOK_HEAD = "Mongolia: A Country Study"
# Variant "b" (python3 typeset.py b): every page opens with a form feed and a running head alone
# on its line and closes with its folio alone at the foot; the Contents has no indentation
# (sections in CAPITALS, subsections in Title Case) and ends with a list of figures; chapter
# headings are split over two lines (`CHAPTER 1` / `Historical Setting`).
# Variant "c": variant "a" with no blank lines inside a page (paragraphs and headings follow
# each other directly; one blank line between pages).
VARIANT = sys.argv[1] if len(sys.argv) > 1 else "a"

# OCR slips applied to the typeset text: (where, wrong, right); where is "body", "contents" or "text".
SLIPS = [
    ("body", "Chapter 1. Historical Setting", "Chapter l. Historical Setting"),
    ("contents", "Collectivization, 1929-32", "Collectivization, l929-32"),
    ("body", "Modern Industry", "Modem Industry"),
    ("body", "The Great Khans", "The Great  Khans"),
    ("contents", "Terrain and Drainage", "Terrain and Dralnage"),
    ("text", "one-third. Armed", "one-third.3 Armed"),
]


def roman(n):
    out = ""
    for v, s in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]:
        while n >= v:
            out += s
            n -= v
    return out


def parse_source():
    parts = []  # (kind, payload)
    mode = None
    for raw in open(os.path.join(HERE, "book.src"), encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("#") or not line.strip():
            continue
        if line in ("@titlepage", "@catalog"):
            mode = line[1:]
            parts.append((mode, []))
            continue
        m = re.match(r"^(=+)(!?) (.*)$", line)
        if m:
            mode = None
            parts.append(("heading", (len(m.group(1)), m.group(3), m.group(2) == "!")))
            continue
        if mode:
            parts[-1][1].append(line)
            continue
        if line.startswith("@"):
            tag, _, rest = line.partition(" ")
            parts.append((tag[1:], rest))
        else:
            parts.append(("para", line))
    return parts


def wrap(text, width=WIDTH):
    """Greedy wrap; a word that does not fit is hyphenated when long, or broken at its own hyphen."""
    words = text.split()
    lines, cur = [], ""
    for w in words:
        while True:
            if not cur:
                cur = w
                break
            if len(cur) + 1 + len(w) <= width:
                cur += " " + w
                break
            room = width - len(cur) - 1
            if "-" in w[:-1] and w.index("-") + 1 <= room:
                head, tail = w.split("-", 1)
                lines.append(cur + " " + head + "-")
                cur, w = "", tail
                continue
            if len(w) >= 8 and room >= 4 and w.isalpha():
                cut = min(room - 1, len(w) - 3)
                if cut >= 3:
                    lines.append(cur + " " + w[:cut] + "-")
                    cur, w = "", w[cut:]
                    continue
            lines.append(cur)
            cur = ""
    if cur:
        lines.append(cur)
    return lines


def build():
    parts = parse_source()
    # Blocks per top-level part: (heading tuple, [lines with blank separators])
    units = []
    truth = []
    last_listed_depth = 1
    for kind, payload in parts:
        if kind in ("titlepage", "catalog"):
            units.append({"kind": kind, "lines": list(payload), "title": None})
            continue
        if kind == "heading":
            level, title, unlisted = payload
            if level == 1:
                units.append({"kind": "part", "title": title, "lines": [], "entries": []})
            unit = units[-1]
            depth = last_listed_depth + 1 if unlisted else level
            if not unlisted:
                last_listed_depth = level
            truth.append((depth, title))
            if level > 1:
                shown = title.upper() if level == 2 and VARIANT == "a" else title
                unit["lines"] += ["", ("@H", level, title, unlisted, shown), ""]
            continue
        unit = units[-1]
        if kind == "para":
            unit["lines"] += wrap(payload) + [""]
        elif kind == "author":
            unit["author"] = payload
            unit["lines"] += [payload, ""]
        elif kind == "field":
            unit["lines"] += wrap(payload) + [""]
        elif kind in ("photo", "figure"):
            unit["lines"] += [payload, ""] if kind == "figure" else [payload]
        elif kind == "credit":
            unit["lines"] += [payload, ""]
        elif kind == "table":
            unit["lines"] += [payload, ""]
        elif kind == "row":
            cells = payload.split("|")
            unit["lines"].append(cells[0].ljust(10) + "".join(c.rjust(12) for c in cells[1:]))
        elif kind == "source":
            unit["lines"] += ["", payload, ""]
    return units, truth


def paginate(units, contents_lines):
    pages = []  # (number label or None, head or None, lines, position)
    entries = {}  # heading title -> page label
    number = 0
    front = True
    roman_no = 2
    for unit in units:
        if unit["kind"] in ("titlepage", "catalog"):
            pages.append((None, None, unit["lines"]))
            continue
        title = unit["title"]
        if title == "Country Profile":
            # The Contents comes before the Country Profile.
            for chunk in range(0, len(contents_lines), PAGE_LINES):
                pages.append((roman(roman_no), "foot", contents_lines[chunk:chunk + PAGE_LINES]))
                roman_no += 1
        if title.startswith("Chapter 1."):
            front = False
            number = 0
        lines = ["", title] + ([""] if not unit["lines"] or unit["lines"][0] != "" else []) + unit["lines"]
        first = True
        chunk = []
        for line in lines:
            chunk.append(line)
            if len([l for l in chunk if l != ""]) >= PAGE_LINES:
                pages.append(emit(chunk, unit, first, front, number, roman_no, entries))
                if front:
                    roman_no += 1
                else:
                    number += 1
                first = False
                chunk = []
        if chunk:
            pages.append(emit(chunk, unit, first, front, number, roman_no, entries))
            if front:
                roman_no += 1
            else:
                number += 1
    return pages, entries


def emit(chunk, unit, first, front, number, roman_no, entries):
    label = roman(roman_no) if front else str(number + 1)
    if first:
        entries[unit["title"]] = label
    out = []
    for line in chunk:
        if isinstance(line, tuple):
            _, level, title, unlisted, shown = line
            entries[title] = label
            out.append(shown)
        else:
            out.append(line)
    if front or first:
        return (label, "foot", out)
    n = int(label)
    if VARIANT == "b":
        head = BOOK_HEAD if n % 2 == 0 else short_title(unit["title"])
        return (label, ("alone", head), out)
    head = f"{n} {BOOK_HEAD}" if n % 2 == 0 else f"{short_title(unit['title'])} {n}"
    return (label, head, out)


def short_title(title):
    return re.sub(r"^Chapter \d+\. ", "", title)


def contents(units, entries):
    lines = ["Contents", "", " " * 56 + "Page"]
    for unit in units:
        if unit["kind"] != "part":
            continue
        lines.append(leader(unit["title"], entries.get(unit["title"], "?"), 0))
        if VARIANT == "b" and unit["title"] == "Index":
            lines += ["", "Figures", leader("1 Administrative Divisions, 1989", "xii", 0),
                      leader("2 Average Annual Precipitation by Region", "6", 0)]
        if unit.get("author"):
            lines.append("      " + unit["author"])
        for line in unit["lines"]:
            if isinstance(line, tuple) and not line[3]:
                _, level, title, _, _ = line
                if VARIANT == "b":
                    shown = title.upper() if level == 2 else title
                    lines.append(leader(shown, entries.get(title, "?"), 0))
                else:
                    lines.append(leader(title, entries.get(title, "?"), (level - 1) * 2))
    return lines


def leader(title, page, indent):
    text = " " * indent + title + " "
    return text + "." * max(3, 60 - len(text)) + " " + page


def render(pages):
    out = []
    for label, head, lines in pages:
        body = list(lines)
        while body and body[0] == "":
            body.pop(0)
        while body and body[-1] == "":
            body.pop()
        if VARIANT == "b":
            if body and re.match(r"^Chapter \d+\. ", body[0]):
                number, title = body[0].split(". ", 1)
                body = [number.upper(), ""] + [title] + body[1:]
            top = [head[1], ""] if isinstance(head, tuple) else []
            foot = ["", label] if label else []
            out += ["\x0c" + (top[0] if top else (body[0] if body else ""))] + (top[1:] + body if top else body[1:]) + foot + [""]
            continue
        if head and head != "foot":
            out += [head, ""] + body + ["", ""]
        elif head == "foot":
            out += body + ["", label, "", ""]
        else:
            out += body + ["", "", ""]
    return "\n".join(out) + "\n"


def main():
    if VARIANT == "c":
        text = open(os.path.join(OUT, "mongolia.txt"), encoding="utf-8").read()
        text = re.sub(r"\n\n\n+", "\x00", text).replace("\n\n", "\n").replace("\x00", "\n\n")
        with open(os.path.join(OUT, "mongolia-c.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        return
    units, truth = build()
    # Two passes: the Contents needs the page numbers, which depend on the Contents' length.
    entries = {}
    for _ in range(3):
        pages, entries = paginate(units, contents(units, entries))
    text = render(pages)
    name = "mongolia.txt" if VARIANT == "a" else f"mongolia-{VARIANT}.txt"
    contents_text = "\n".join(contents(units, entries))
    slips = list(SLIPS)
    if VARIANT == "b":
        slips[0] = ("body", "CHAPTER 1\n", "CHAPTER l\n")
    for where, wrong, right in slips:
        if where == "contents":
            end = text.find("Index ....")
            j = text.find(wrong)
            assert 0 <= j < end, wrong
            text = text[:j] + right + text[j + len(wrong):]
        elif where == "body":
            i = text.find("Index ....")
            j = text.find(wrong, i)
            if j < 0:
                j = text.find(wrong.upper(), i)
                wrong, right = wrong.upper(), right.upper()
            assert j >= 0, wrong
            text = text[:j] + right + text[j + len(wrong):]
        else:
            assert wrong in text, wrong
            text = text.replace(wrong, right, 1)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(text)
    if VARIANT != "a":
        return
    with open(os.path.join(OUT, "truth.tsv"), "w", encoding="utf-8") as f:
        f.write("# The truth for mongolia.txt (written by eval/fulltext/typeset.py from book.src).\n")
        f.write("# depth<TAB>title: every section in book order. Checks: head (a running head no\n")
        f.write("# paragraph may contain), keep (text some paragraph must contain), meta (a book fact).\n")
        for depth, title in truth:
            f.write(f"{depth}\t{title}\n")
        f.write(f"head\t{BOOK_HEAD}\n")
        for unit in units:
            if unit["kind"] == "part" and unit["title"].startswith("Chapter"):
                f.write(f"head\t{short_title(unit['title'])}\n")
        for keep in ["Soviet-Mongolian friendship", "in 1929-32, was", "one-third. Armed",
                     "long-term Soviet credits", "five-year plans"]:
            f.write(f"keep\t{keep}\n")
        f.write("meta\tresearch_completed\t1989-06\n")
        f.write("meta\tlccn\t91-7247\n")
        f.write("meta\tcountry\tMongolia\n")
        f.write("meta\tchapters\t3\n")


if __name__ == "__main__":
    main()
