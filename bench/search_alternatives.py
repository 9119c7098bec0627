#!/usr/bin/env python
"""The index designs search chose between, measured on the stories bench/search.py leaves behind.

Run after bench/search.py, on its databases:
    .venv/bin/python bench/search_alternatives.py --sqlite /tmp/newsdesk-search-bench-…/search.sqlite3 \
        --postgres postgres://postgres@127.0.0.1:5432/newsdesk_search_bench

For the Japanese body and the English original of every story, as plain
lower-cased text, it builds each alternative in a scratch table or index,
then times counting the stories that contain a 2-character and a
3-character Japanese term and an English word (the median of five):

- SQLite: FTS5 with the trigram tokenizer (what search used before; it
  cannot see a term shorter than three characters, so those scan the
  text with LIKE), against the bigram index search uses
  (`articles_search_fts`, words from search.text).
- PostgreSQL: pg_trgm GIN indexes on the text (before; LIKE '%…%',
  rechecked on the text), against the bigram `tsvector` under GIN.

It prints a Markdown table; the build times and sizes are the index's alone.
"""

import argparse
import sqlite3
import statistics
import time

TERMS = {"2 chars": "規制", "3 chars": "半導体", "English word": "inflation"}
RUNS = 5


def timed(run) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def sqlite_alternatives(path: str) -> list[str]:
    db = sqlite3.connect(path)
    db.execute("DROP TABLE IF EXISTS alt_plain")
    db.execute("DROP TABLE IF EXISTS alt_trigram")
    db.execute(
        "CREATE TABLE alt_plain AS SELECT id, lower(body) AS body, lower(original_body) AS original "
        "FROM articles_article"
    )
    db.execute("CREATE VIRTUAL TABLE alt_trigram USING fts5(body, original, content='alt_plain', content_rowid='id', tokenize='trigram')")
    started = time.perf_counter()
    db.execute("INSERT INTO alt_trigram(alt_trigram) VALUES ('rebuild')")
    db.commit()
    trigram_build = time.perf_counter() - started
    started = time.perf_counter()
    db.execute("INSERT INTO articles_search_fts(articles_search_fts) VALUES ('rebuild')")
    db.commit()
    bigram_build = time.perf_counter() - started
    size = dict(db.execute(
        "SELECT CASE WHEN name LIKE 'alt_trigram%' THEN 'trigram' ELSE 'bigram' END, sum(pgsize) FROM dbstat "
        "WHERE name LIKE 'alt_trigram%' OR name LIKE 'articles_search_fts%' GROUP BY 1"
    ).fetchall())
    rows = [
        f"| SQLite | FTS5 trigram (before) | {trigram_build:.1f} s | {size['trigram'] / 2**20:.0f} MB |",
        f"| SQLite | FTS5 unicode61 over bigrams (chosen) | {bigram_build:.1f} s | {size['bigram'] / 2**20:.0f} MB |",
    ]
    cells = {"trigram": [], "bigram": []}
    for term in TERMS.values():
        if len(term) < 3:
            sql, params = "SELECT count(*) FROM alt_plain WHERE body LIKE ? OR original LIKE ?", [f"%{term}%"] * 2
        else:
            sql, params = "SELECT count(*) FROM alt_trigram WHERE alt_trigram MATCH ?", ['"' + term + '"']
        ms, (count,) = timed(lambda sql=sql, params=params: db.execute(sql, params).fetchone())
        cells["trigram"].append(f"{ms:.1f} ms ({count:,})")
        ms, (count,) = timed(lambda term=term: db.execute(
            "SELECT count(*) FROM articles_search_fts WHERE articles_search_fts MATCH ?", [_fts(term)]).fetchone())
        cells["bigram"].append(f"{ms:.1f} ms ({count:,})")
    db.execute("DROP TABLE alt_trigram")
    db.execute("DROP TABLE alt_plain")
    db.commit()
    return [row + " " + " | ".join(cell) + " |" for row, cell in zip(rows, cells.values())]


def _fts(term: str) -> str:
    from search.text import fold, pattern

    found = pattern(fold(term))
    return " OR ".join('"' + " ".join(p + w for w in found.words) + '"' for p in "tlkbo")


def _tsquery(term: str) -> str:
    from search.text import fold, pattern

    found = pattern(fold(term))
    return " | ".join("(" + " <-> ".join(f"'{p}{w}'" for w in found.words) + ")" for p in "tlkbo")


def postgres_alternatives(url: str) -> list[str]:
    import psycopg

    rows = []
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        db.execute("DROP TABLE IF EXISTS alt_plain")
        db.execute("CREATE TABLE alt_plain AS SELECT id, lower(body) AS body, lower(original_body) AS original FROM articles_article")
        started = time.perf_counter()
        db.execute("CREATE INDEX alt_plain_body ON alt_plain USING gin (body gin_trgm_ops)")
        db.execute("CREATE INDEX alt_plain_original ON alt_plain USING gin (original gin_trgm_ops)")
        trigram_build = time.perf_counter() - started
        started = time.perf_counter()
        db.execute("REINDEX INDEX articles_search_bigrams")
        bigram_build = time.perf_counter() - started
        db.execute("ANALYZE alt_plain")
        (trigram_size,) = db.execute("SELECT pg_relation_size('alt_plain_body') + pg_relation_size('alt_plain_original')").fetchone()
        (bigram_size,) = db.execute("SELECT sum(pg_relation_size(relid)) FROM pg_partition_tree('articles_search_bigrams')").fetchone()
        trigram, bigram = [], []
        for term in TERMS.values():
            ms, (count,) = timed(lambda term=term: db.execute(
                "SELECT count(*) FROM alt_plain WHERE body LIKE %s OR original LIKE %s", [f"%{term}%"] * 2).fetchone())
            trigram.append(f"{ms:.1f} ms ({count:,})")
            ms, (count,) = timed(lambda term=term: db.execute(
                "SELECT count(*) FROM articles_searchdocument WHERE bigrams @@ %s::tsquery", [_tsquery(term)]).fetchone())
            bigram.append(f"{ms:.1f} ms ({count:,})")
        db.execute("DROP TABLE alt_plain")
    rows.append(f"| PostgreSQL | pg_trgm GIN on the text (before) | {trigram_build:.1f} s | {trigram_size / 2**20:.0f} MB | " + " | ".join(trigram) + " |")
    rows.append(f"| PostgreSQL | bigram tsvector under GIN (chosen) | {bigram_build:.1f} s | {bigram_size / 2**20:.0f} MB | " + " | ".join(bigram) + " |")
    return rows


def main() -> None:
    import os
    import sys
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite")
    parser.add_argument("--postgres")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    lines = [
        "| engine | index | build | size | " + " | ".join(f"{label} ({term}): time (stories)" for label, term in TERMS.items()) + " |",
        "|---|---|---|---|" + "---|" * len(TERMS),
    ]
    if args.sqlite:
        lines += sqlite_alternatives(args.sqlite)
    if args.postgres:
        lines += postgres_alternatives(args.postgres)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
