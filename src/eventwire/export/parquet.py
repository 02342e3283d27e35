"""Whole-table exports of the store (Parquet, CSV, JSONL) and the streaming helpers of the SQL exports.

::

    write_parquet(con, "events.parquet")                          # DuckDB COPY ... (FORMAT PARQUET)
    write_parquet(con, "mentions.parquet", what="mentions")
    write_table(con, "events.csv", what="events", format="csv")   # a path: DuckDB COPY
    write_table(con, sys.stdout, format="jsonl")                  # a text stream: Arrow batches

``events`` rows are ordered by event date then id, ``mentions`` rows by publication date, article,
sentence and mention id, so two exports of the same store are identical. Columns are the tables' own
(``docs/analysis-contracts.md``), codes stay text ("010"). CSV has a header, empty cells for nulls and
ISO dates; JSONL has one object per row with the column names as keys.

Nothing is read row by row: a path is written by DuckDB itself; a stream gets lines that DuckDB
formatted (JSONL) or Arrow record batches written by pyarrow's CSV writer, one batch in memory at a time.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TextIO

import duckdb
import pyarrow.csv as pa_csv

from ..errors import StoreError, UsageError
from ..store.store import DEFAULT_BATCH_ROWS

__all__ = ["FORMATS", "TABLES", "require_table", "stream_lines", "write_parquet", "write_table"]

#: What can be exported, and the order of its rows.
TABLES = {
    "events": "SELECT * FROM events ORDER BY event_date NULLS LAST, event_id",
    "mentions": (
        "SELECT * FROM mentions ORDER BY publication_date NULLS LAST, article_id, sentence_index, mention_id"
    ),
}
FORMATS = ("parquet", "csv", "jsonl")

_COPY_OPTIONS = {
    "parquet": "FORMAT PARQUET, COMPRESSION ZSTD",
    "csv": "FORMAT CSV, HEADER true, DATEFORMAT '%Y-%m-%d'",
    "jsonl": "FORMAT JSON",
}


def require_table(cur: duckdb.DuckDBPyConnection, table: str, column: str | None = None) -> None:
    """Raise ``StoreError`` E310 unless the store has ``table`` (and its ``column``)."""
    sql = "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ?"
    params: list[object] = [table]
    if column is not None:
        sql += " AND column_name = ?"
        params.append(column)
    if not cur.execute(sql, params).fetchall()[0][0]:
        what = f"column {table}.{column}" if column else f"table {table!r}"
        raise StoreError(f"the store has no {what}: build the deduplicated events first", code="E310")


def stream_lines(cur: duckdb.DuckDBPyConnection, sql: str, fh: TextIO, batch_size: int) -> int:
    """Run ``sql`` (one VARCHAR column of finished lines) and write its rows to ``fh``, one Arrow batch
    at a time; return the number of lines."""
    count = 0
    for batch in cur.sql(sql).to_arrow_reader(batch_size):
        lines = batch.column(0).to_pylist()
        if lines:
            fh.write("\n".join(lines))
            fh.write("\n")
            count += len(lines)
    return count


def _check(what: str, format: str) -> str:
    if what not in TABLES:
        raise UsageError(f"cannot export {what!r}: choose one of {', '.join(TABLES)}", code="E425")
    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}: choose one of {', '.join(FORMATS)}", code="E426")
    return TABLES[what]


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write_table(
    con: duckdb.DuckDBPyConnection,
    dest: str | Path | TextIO,
    *,
    what: str = "events",
    format: str = "parquet",
    batch_size: int = DEFAULT_BATCH_ROWS,
) -> int:
    """Export the ``events`` or ``mentions`` table; return the number of rows written.

    ``dest`` is a path (written by DuckDB ``COPY``; any format) or a text stream (``csv`` or ``jsonl``
    only: Parquet is binary). Raises ``UsageError`` E401 for an unknown table or format, or Parquet to
    a stream, and ``StoreError`` E310 when the table does not exist yet.
    """
    select = _check(what, format)
    cur = con.cursor()
    try:
        require_table(cur, what)
        if isinstance(dest, (str, Path)):
            copy = f"COPY ({select}) TO {_sql_string(str(dest))} ({_COPY_OPTIONS[format]})"
            return int(cur.execute(copy).fetchall()[0][0])
        if format == "jsonl":
            return stream_lines(cur, f"SELECT to_json(t) FROM ({select}) t", dest, batch_size)
        if format == "csv":
            return _stream_csv(cur, select, dest, batch_size)
        raise UsageError("Parquet is binary: give a file path, not a text stream", code="E427")
    finally:
        cur.close()


def _stream_csv(cur: duckdb.DuckDBPyConnection, select: str, fh: TextIO, batch_size: int) -> int:
    reader = cur.sql(select).to_arrow_reader(batch_size)
    count = 0
    header = True
    for batch in reader:
        buffer = io.BytesIO()
        pa_csv.write_csv(batch, buffer, pa_csv.WriteOptions(include_header=header))
        fh.write(buffer.getvalue().decode("utf-8"))
        header = False
        count += batch.num_rows
    if header:  # no rows: still write the header
        buffer = io.BytesIO()
        pa_csv.write_csv(reader.schema.empty_table(), buffer)
        fh.write(buffer.getvalue().decode("utf-8"))
    return count


def write_parquet(con: duckdb.DuckDBPyConnection, path: str | Path, *, what: str = "events") -> int:
    """Write the ``events`` or ``mentions`` table to a Parquet file with DuckDB ``COPY``; return the
    number of rows."""
    return write_table(con, path, what=what, format="parquet")
