"""``eventwire sql``: one read-only SELECT over the store, with ``?`` parameters and a row limit.

The query runs on a connection that cannot write (the store is opened read-only) and is checked to be a
single ``SELECT`` (or ``WITH ... SELECT``, ``VALUES``, ``DESCRIBE``/``SHOW``/``SUMMARIZE`` of a table) before
it runs; values go in as parameters, never into the SQL text. At most ``limit`` rows come back, and the
answer says when there were more.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from ..errors import UsageError

__all__ = ["run_sql"]

_READS = {"SELECT", "EXPLAIN"}


def run_sql(con: duckdb.DuckDBPyConnection, query: str, params: list[Any], *, limit: int = 10_000) -> pa.Table:
    """The first ``limit`` rows of ``query`` (one read-only statement) as Arrow; the table's schema
    metadata ``truncated`` is ``b"1"`` when there were more. Raises UsageError E483 for anything but one
    reading statement, E484 for an error in the query."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise UsageError(f"limit must be a whole number >= 1, got {limit!r}", code="E483")
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise UsageError(f"the query does not parse: {exc}", code="E484") from exc
    if len(statements) != 1:
        raise UsageError(f"give exactly one statement, got {len(statements)}", code="E483")
    kind = statements[0].type.name
    if kind not in _READS:
        raise UsageError(f"only reading statements (SELECT, WITH, VALUES, DESCRIBE...) run here, not {kind}", code="E483")
    cur = con.cursor()
    try:
        reader = cur.sql(query, params=params).to_arrow_reader(min(limit + 1, 65_536))
        batches, rows = [], 0
        for batch in reader:
            batches.append(batch)
            rows += batch.num_rows
            if rows > limit:
                break
        table = pa.Table.from_batches(batches, schema=reader.schema).slice(0, limit)
    except duckdb.Error as exc:
        raise UsageError(f"the query failed: {exc}", code="E484") from exc
    finally:
        cur.close()
    return table.replace_schema_metadata({"truncated": b"1" if rows > limit else b"0"})
