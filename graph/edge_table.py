"""The edges of a network joined to their records on disk, for a store that streams
its answers: every edge and every record read once, in the store's own order, then
counted, joined and sorted by SQLite in a private temporary database (deleted when
closed), so memory stays flat however many edges there are.

A store asked for the records of a few hundred edges at a time looks each up at
random; read in one pass they come in the store's order, which is what makes the
network of 100,000 documents exportable (benchmarks/network_export.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice
from types import TracebackType

BATCH = 10_000  # rows per insert: what a batch costs in memory
_CACHE_KIB = 16 * 1024  # SQLite's page cache, and what each of its sorts holds before it spills to the file

_TABLES = {
    "edge": ("s", "p", "o"),
    "evidence": ("s", "p", "o", "id", "key"),
    "record": ("s", "p", "o", "id", "key"),
    "assertion": ("s", "p", "o", "curator", "note"),
}

# One row per edge, as ``network.edge_query`` gives it: each kind of record counted and
# its least key taken per edge first, then joined (a join of the kinds would multiply them).
_JOINED = """
SELECT edge.s, edge.p, edge.o, COALESCE(ev.n, 0), COALESCE(rec.n, 0), ev.first, rec.first, cur.curator, cur.note
FROM edge
LEFT JOIN (SELECT s, p, o, COUNT(DISTINCT id) AS n, MIN(key) AS first FROM evidence GROUP BY s, p, o) AS ev
  USING (s, p, o)
LEFT JOIN (SELECT s, p, o, COUNT(DISTINCT id) AS n, MIN(key) AS first FROM record GROUP BY s, p, o) AS rec
  USING (s, p, o)
LEFT JOIN (SELECT s, p, o, MIN(curator) AS curator, MIN(note) AS note FROM assertion GROUP BY s, p, o) AS cur
  USING (s, p, o)
ORDER BY edge.s, edge.p, edge.o
"""
COLUMNS = ("s", "p", "o", "evidence", "records", "first", "firstRecord", "curator", "note")


class EdgeTable:
    """Edges and their records in a temporary SQLite database; ``joined`` gives one
    row per edge in the order of its IRIs as text (code points: the order of Python's
    ``sorted`` and of SPARQL's ORDER BY on IRIs)."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private temporary database on disk
        self._db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        self._db.execute("PRAGMA temp_store = FILE")
        for table, columns in _TABLES.items():
            self._db.execute(f"CREATE TABLE {table} ({', '.join(f'{c} TEXT' for c in columns)})")

    def add(self, table: str, rows: Iterable[tuple[str | None, ...]]) -> None:
        """Insert ``rows`` (tuples of the table's columns) into ``table``, a batch at a time."""
        columns = _TABLES[table]
        statement = f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})"
        rows = iter(rows)
        while batch := list(islice(rows, BATCH)):
            self._db.executemany(statement, batch)

    def joined(self) -> Iterator[dict[str, str | int | None]]:
        """One row per edge (``COLUMNS``): its counts of evidence and data records,
        the least key of each, and the least curator name and note."""
        for row in self._db.execute(_JOINED):
            yield dict(zip(COLUMNS, row, strict=True))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EdgeTable:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
