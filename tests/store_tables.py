"""Every row of a store's four tables, to compare two stores field by field (the Spark engine against the
local one). Only the columns that say when a row was written are left out, and a test checks that every
other column of every table is compared (``test_distributed.py``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

#: Columns that say when a row was written, not what it holds.
WHEN = {"articles": "coded_at", "rejects": "seen_at"}
#: The compared tables and the order their rows are compared in (each one a key of the table).
ORDER = {
    "articles": "id",
    "mentions": "mention_id",
    "events": "event_id",
    "rejects": "origin, line NULLS FIRST, item NULLS FIRST, code",
}


def compared_columns(path: Path, table: str, *, origins: bool = True) -> list[str]:
    """The columns of ``table`` that ``tables`` compares, in the table's order."""
    drop = {WHEN.get(table)} | (set() if origins or table != "articles" else {"origin"})
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    finally:
        con.close()
    return [n for n in names if n not in drop]


def tables(path: Path, *, origins: bool = True) -> dict[str, list[tuple]]:
    """Every row of the store's four tables, ordered, with every column but the write times (and without
    article origins when ``origins`` is False: Spark's dataset readers know the file of a row but not its
    line)."""
    out = {}
    for table, order in ORDER.items():
        columns = ", ".join(f'"{c}"' for c in compared_columns(path, table, origins=origins))
        con = duckdb.connect(str(path), read_only=True)
        try:
            out[table] = con.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()
        finally:
            con.close()
    return out


def assert_same_tables(local: dict[str, list[tuple]], spark: dict[str, list[tuple]]) -> None:
    """The same rows in the same order, every field equal (floats included: both runs compute them alike)."""
    for table in ORDER:
        assert len(spark[table]) == len(local[table]), f"{table}: {len(local[table])} rows != {len(spark[table])}"
        for a, b in zip(local[table], spark[table], strict=True):
            assert a == b, f"{table}: local {a} != spark {b}"
