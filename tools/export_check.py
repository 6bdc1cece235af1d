#!/usr/bin/env python3
"""Checks of areabook's exports with the tools that read them (issue 16).

  export_check.py parquet DIR JSONL [SHOW] DuckDB and pyarrow read DIR/*.parquet: row counts and
                                           values against the JSON Lines export of the same library
                                           and the sections in SHOW (`areabook show --json` lines)
  export_check.py tantivy LIBRARY [--versions N]
                                           the official tantivy Python bindings open LIBRARY/index,
                                           run the query `areabook search` builds and rank as it does:
                                           the same ids, scores, books, countries and editions as
                                           `areabook search --json` (read from stdin as JSON lines:
                                           {"query", "as_of_from"?, "as_of_to"?, "total", "hits"});
                                           --versions N: at least N hits are Factbook versions

Exit 1 with a message on the first disagreement.
"""
import json
import sys


def fail(msg):
    print(f"export_check: {msg}", file=sys.stderr)
    sys.exit(1)


def check_parquet(folder, jsonl, show=None):
    import duckdb
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in open(jsonl, encoding="utf-8")]
    table = pq.read_table(f"{folder}/sections.parquet")
    if table.num_rows != len(rows):
        fail(f"pyarrow: {table.num_rows} rows in sections.parquet, {len(rows)} in the JSON Lines")
    ids = table.column("section_id").to_pylist()
    if ids != [r["section_id"] for r in rows]:
        fail("pyarrow: section ids differ from the JSON Lines (order or values)")
    prov = table.column("provenance").to_pylist()
    for r, p in zip(rows, prov):
        if [c["mirror"] for c in p] != [c["mirror"] for c in r["provenance"]]:
            fail(f"pyarrow: provenance of {r['section_id']} differs")
    con = duckdb.connect()
    n, titled, years = con.execute(
        f"SELECT count(*), count(section_title), count(as_of_year) FROM '{folder}/sections.parquet'"
    ).fetchone()
    if n != len(rows):
        fail(f"duckdb: {n} rows, expected {len(rows)}")
    if titled != sum(1 for r in rows if r["section_title"] is not None):
        fail("duckdb: titled sections differ")
    if years != sum(1 for r in rows if r["data_as_of"]):
        fail("duckdb: sections with a data-as-of year differ")
    first = rows[0]
    got = con.execute(
        f"SELECT display_title, data_as_of, len(paragraphs), provenance[1].mirror "
        f"FROM '{folder}/sections.parquet' WHERE section_id = ?",
        [first["section_id"]],
    ).fetchone()
    want = (first["display_title"], first["data_as_of"], len(first["paragraphs"]), first["provenance"][0]["mirror"])
    if got != want:
        fail(f"duckdb: {first['section_id']}: {got} != {want}")
    # Sections as `areabook show --json` prints them.
    shown = [json.loads(line) for line in open(show, encoding="utf-8") if line.strip()] if show else []
    for s in shown:
        got = con.execute(
            f"SELECT book_id, country_id, display_title, data_as_of, paragraphs, "
            f"list_transform(provenance, p -> p.mirror) "
            f"FROM '{folder}/sections.parquet' WHERE section_id = ?",
            [s["section_id"]],
        ).fetchone()
        want = (s["book_id"], s["country_id"], s["display_title"], s["data_as_of"], s["paragraphs"],
                [p["mirror"] for p in s["provenance"]])
        if got != want:
            fail(f"duckdb vs areabook show: {s['section_id']}: {got} != {want}")
    for name in ["timeline", "mentions", "events"]:
        (m,) = con.execute(
            f"SELECT count(*) FROM '{folder}/{name}.parquet' t "
            f"WHERE t.section_id NOT IN (SELECT section_id FROM '{folder}/sections.parquet')"
        ).fetchone()
        if m:
            fail(f"duckdb: {m} {name} rows name no exported section")
        (c,) = con.execute(f"SELECT count(*) FROM '{folder}/{name}.parquet'").fetchone()
        print(f"  {name}.parquet: {c} rows")
    print(f"parquet ok: {n} sections read by pyarrow and DuckDB agree with the JSON Lines"
          f" and {len(shown)} with `areabook show`")


# library/src/index/mod.rs `VERSION_WEIGHT`: a Factbook version's score is multiplied by it.
VERSION_WEIGHT = 0.5


def order_key(section_id):
    """areabook's tie-breaker (library/src/index/write.rs `order_key`): equal scores rank by
    the id's first 16 hex digits as a number (FNV-1a of the id when it is not hex)."""
    try:
        return int(section_id[:16], 16)
    except ValueError:
        h = 0xCBF29CE484222325
        for b in section_id.encode():
            h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        return h


def areabook_query(words, as_of_from=None, as_of_to=None):
    """The query `areabook search` builds for plain words (library/src/index/search.rs), in
    the tantivy query language: every word must match in `title` (boost 2) or `body`; a bonus
    for the exact wording on the unstemmed `title_exact`/`body_exact` fields (the only word, or
    all the words as one phrase, boosts 2 x 2 x 2 and 2 x 2); `as_of` bounds as a range."""
    for w in words:
        if not w.isascii() or not w.isalnum():
            fail(f"tantivy check: plain ASCII words only, not {w!r}")
    parts = [f"+(title:{w}^2 body:{w})" for w in words]
    if len(words) == 1:
        parts.append(f"title_exact:{words[0]}^4 body_exact:{words[0]}^2")
    else:
        phrase = " ".join(words)
        parts.append(f'title_exact:"{phrase}"^8 body_exact:"{phrase}"^4')
    if as_of_from is not None or as_of_to is not None:
        lo = as_of_from if as_of_from is not None else 1
        hi = f"{as_of_to}]" if as_of_to is not None else "*}"
        parts.append(f"+as_of:[{lo} TO {hi}")
    return " ".join(parts)


def check_tantivy(library, expected):
    import tantivy

    index = tantivy.Index.open(f"{library}/index")
    # Our analyzer `en_fold`: simple tokenizer, tokens over 40 bytes dropped, lowercase, ASCII
    # folding, English (Snowball) stemmer — the same filters tantivy-py exposes.
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )
    index.register_tokenizer("en_fold", analyzer)
    index.reload()
    searcher = index.searcher()
    versions = 0
    for case in expected:
        q = case["query"]
        want = case["hits"]
        query = index.parse_query(areabook_query(q.split(), case.get("as_of_from"), case.get("as_of_to")))
        total = searcher.search(query, 1).count
        if total != case["total"]:
            fail(f"{q!r}: tantivy-py counts {total} matches, areabook {case['total']}")
        # Every match, ranked as areabook ranks: score, then the id's order key.
        ranked = []
        for score, addr in searcher.search(query, max(total, 1)).hits:
            doc = searcher.doc(addr)
            # A Factbook version (`fbv-…`, fast field `version` = 1) counts for VERSION_WEIGHT
            # (library/src/index/mod.rs), applied after BM25 as areabook's tie-break does.
            if doc["id"][0].startswith("fbv-"):
                score *= VERSION_WEIGHT
            ranked.append((-score, order_key(doc["id"][0]), doc))
        ranked.sort(key=lambda r: (r[0], r[1]))
        got = ranked[: len(want)]
        got_ids = [d["id"][0] for _, _, d in got]
        want_ids = [h["section_id"] for h in want]
        span = f" as of {case['as_of_from']}-{case['as_of_to']}" if case.get("as_of_from") else ""
        print(f"  {q!r}{span}: "
              f"{total} matches, top {len(want_ids)}: {want_ids[:3]}…")
        if got_ids != want_ids:
            fail(f"tantivy-py and areabook rank {q!r} differently:\n  tantivy-py {got_ids}\n  areabook   {want_ids}")
        for (neg, _, doc), h in zip(got, want):
            if abs(-neg - h["score"]) > 1e-4 * max(1.0, h["score"]):
                fail(f"{q!r}: {h['section_id']} scores {-neg} in tantivy-py, {h['score']} in areabook")
            # Stored fields as areabook reads them: book (the first of several for a Factbook
            # version), country, and the editions a version carries.
            if doc["book"][0] != h["book_id"] or doc["country"][0] != h["country_id"]:
                fail(f"{q!r}: {h['section_id']}: book/country {doc['book'][0]}/{doc['country'][0]} vs {h['book_id']}/{h['country_id']}")
            editions = [int(y) for y in (doc.to_dict().get("editions") or [""])[0].split(",") if y]
            if editions != h.get("editions", []):
                fail(f"{q!r}: {h['section_id']}: editions {editions} in the index, {h.get('editions')} in areabook")
            if editions:
                versions += 1 if len(editions) > 1 else 0
                if len(doc["book"]) != len(editions):
                    fail(f"{q!r}: {h['section_id']}: {len(doc['book'])} book values for {len(editions)} editions")
    print(f"tantivy ok: {searcher.num_docs} documents; {len(expected)} queries rank the same ids "
          f"with the same scores ({versions} hits of Factbook versions printed by several editions)")
    return versions


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "parquet":
        check_parquet(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    elif len(sys.argv) in (3, 5) and sys.argv[1] == "tantivy":
        found = check_tantivy(sys.argv[2], [json.loads(l) for l in sys.stdin if l.strip()])
        if len(sys.argv) == 5 and found < int(sys.argv[4]):
            fail(f"only {found} hits were Factbook versions (fbv-…) of several editions, expected at least {sys.argv[4]}")
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
