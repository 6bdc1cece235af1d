#!/usr/bin/env python3
"""The naive peer for issue 12's benchmark: load every field-edition into SQLite FTS5, one row
per field-edition (entity, field, edition, text), as a user without areabook would.

Reads the field-editions from an areabook library built by `ingest_editions` (so both sides
load the same texts, already parsed), times the inserts and the optimize separately, and
prints JSON: rows, insert and optimize seconds, database bytes.

    python3 bench/editions/fts5_load.py LIBRARY OUT.sqlite
"""
import json
import os
import sqlite3
import sys
import time


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    lib, out = sys.argv[1], sys.argv[2]
    src = sqlite3.connect(f"file:{os.path.join(lib, 'catalog.sqlite')}?mode=ro", uri=True)
    rows = src.execute(
        "SELECT e.name, l.label, f.edition, t.text FROM fb_fields f "
        "JOIN fb_entities e ON e.id = f.entity JOIN fb_texts t ON t.id = f.text_id "
        "JOIN fb_labels l ON l.id = f.field"
    ).fetchall()
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.execute("CREATE VIRTUAL TABLE fields USING fts5(country, field, edition UNINDEXED, text)")
    t = time.perf_counter()
    with db:
        db.executemany("INSERT INTO fields VALUES (?, ?, ?, ?)", rows)
    insert_s = time.perf_counter() - t
    t = time.perf_counter()
    db.execute("INSERT INTO fields(fields) VALUES ('optimize')")
    db.commit()
    optimize_s = time.perf_counter() - t
    db.close()
    print(json.dumps({"rows": len(rows), "insert_seconds": insert_s, "optimize_seconds": optimize_s,
                      "load_seconds": insert_s + optimize_s, "bytes": os.path.getsize(out)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
