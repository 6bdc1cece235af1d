#!/usr/bin/env python3
"""Checks of areabook's exports with the tools that read them (issue 16).

  export_check.py parquet DIR JSONL        DuckDB and pyarrow read DIR/*.parquet: row counts and
                                           values against the JSON Lines export of the same library
  export_check.py tantivy LIBRARY Q1 Q2 …   the official tantivy Python bindings open LIBRARY/index
                                           and return the same top section ids as
                                           `areabook search --json` (read from stdin as JSON lines:
                                           one {"query", "ids"} per query)

Exit 1 with a message on the first disagreement.
"""
import json
import sys


def fail(msg):
    print(f"export_check: {msg}", file=sys.stderr)
    sys.exit(1)


def check_parquet(folder, jsonl):
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
    for name in ["timeline", "mentions", "events"]:
        (m,) = con.execute(
            f"SELECT count(*) FROM '{folder}/{name}.parquet' t "
            f"WHERE t.section_id NOT IN (SELECT section_id FROM '{folder}/sections.parquet')"
        ).fetchone()
        if m:
            fail(f"duckdb: {m} {name} rows name no exported section")
        (c,) = con.execute(f"SELECT count(*) FROM '{folder}/{name}.parquet'").fetchone()
        print(f"  {name}.parquet: {c} rows")
    print(f"parquet ok: {n} sections read by pyarrow and DuckDB agree with the JSON Lines")


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
    agree = 0
    for case in expected:
        q = case["query"]
        want = case["ids"]
        # All words must match, as in areabook.
        query = index.parse_query(" ".join("+" + w for w in q.split()), ["title", "body"])
        hits = searcher.search(query, len(want) or 10).hits
        got = [searcher.doc(addr)["id"][0] for _score, addr in hits]
        print(f"  {q!r}: areabook {want[:3]}… tantivy-py {got[:3]}… ({len(set(got) & set(want))}/{len(want)} shared)")
        if set(got) == set(want):
            agree += 1
        elif not want or not got or got[0] not in want:
            fail(f"tantivy-py and areabook disagree on {q!r}: {got} vs {want}")
    print(f"tantivy ok: {searcher.num_docs} documents; {agree}/{len(expected)} queries return the same top ids")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "parquet":
        check_parquet(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "tantivy":
        check_tantivy(sys.argv[2], [json.loads(l) for l in sys.stdin if l.strip()])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
