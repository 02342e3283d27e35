"""The actor network: weighted directed edges source -> target over the events, as CSV or GraphML.

GraphML (http://graphml.graphdrawing.org/) is read by Gephi, Cytoscape, yEd, networkx and igraph.
Every column of the edges table other than ``source``/``target`` becomes an edge attribute with a
declared type; an actor is a node whose id is its code (or country, at the country level).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv

from ..errors import UsageError
from ..store.filters import code_pattern
from .series import date_filter_sql, fetch_arrow, period_bounds

__all__ = ["GRAPHML_NS", "LEVELS", "edges", "write_csv", "write_graphml"]

LEVELS = ("code", "country")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def edges(
    con: duckdb.DuckDBPyConnection,
    *,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    level: str = "code",
    actor: str | None = None,
    min_events: int = 1,
) -> pa.Table:
    """One row per directed pair of actors with at least ``min_events`` events, most events (then mentions) first.

    Columns: ``source``, ``target`` (codes, or countries at ``level="country"``, an actor without a
    country keeping its code), ``events``, ``mentions`` (sum of ``num_mentions``), ``goldstein_sum``,
    ``goldstein_mean``, ``quad1`` .. ``quad4``. Events missing a source or a target make no edge.
    ``actor`` (a pattern) keeps the edges with that actor on either side; dates are inclusive.
    """
    if level not in LEVELS:
        raise UsageError(f"level must be one of {', '.join(LEVELS)}, got {level!r}", code="E467")
    if isinstance(min_events, bool) or not isinstance(min_events, int) or min_events < 1:
        raise UsageError(f"min_events must be a whole number >= 1, got {min_events!r}", code="E467")
    lo, hi = period_bounds(date_from, date_to)
    where, params = date_filter_sql(lo, hi)
    if actor is not None:
        source_sql, source_params = code_pattern("source_code", actor)
        target_sql, target_params = code_pattern("target_code", actor)
        where += f" AND coalesce({source_sql} OR {target_sql}, false)"
        params += [*source_params, *target_params]
    if level == "country":
        source, target = "coalesce(source_country, source_code)", "coalesce(target_country, target_code)"
    else:
        source, target = "source_code", "target_code"
    sql = f"""
    SELECT {source}::VARCHAR AS source, {target}::VARCHAR AS target,
           count(*)::BIGINT AS events,
           coalesce(sum(num_mentions), 0)::BIGINT AS mentions,
           coalesce(sum(goldstein), 0)::DOUBLE AS goldstein_sum,
           avg(goldstein)::DOUBLE AS goldstein_mean,
           count(*) FILTER (WHERE quad_class = 1)::BIGINT AS quad1,
           count(*) FILTER (WHERE quad_class = 2)::BIGINT AS quad2,
           count(*) FILTER (WHERE quad_class = 3)::BIGINT AS quad3,
           count(*) FILTER (WHERE quad_class = 4)::BIGINT AS quad4
    FROM events
    WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND {where}
    GROUP BY 1, 2
    HAVING count(*) >= ?
    ORDER BY events DESC, mentions DESC, source, target
    """
    return fetch_arrow(con, sql, [*params, min_events])


def write_csv(table: pa.Table, path: str | Path) -> Path:
    """Write the edges (any Arrow table) as CSV with a header row; return the path."""
    out = Path(path)
    pa_csv.write_csv(table, out)
    return out


def write_graphml(table: pa.Table, path: str | Path) -> Path:
    """Write the edges as a directed GraphML graph; return the path.

    Raises UsageError E467 when the table has no ``source``/``target`` columns.
    """
    if "source" not in table.column_names or "target" not in table.column_names:
        raise UsageError("a network table needs 'source' and 'target' columns", code="E467")
    attributes = [f for f in table.schema if f.name not in ("source", "target")]
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    for field in attributes:
        ET.SubElement(
            root,
            "key",
            {
                "id": field.name,
                "for": "edge",
                "attr.name": field.name,
                "attr.type": _graphml_type(field.type),
            },
        )
    graph = ET.SubElement(root, "graph", {"id": "actors", "edgedefault": "directed"})
    rows = table.to_pylist()
    nodes = sorted(({r["source"] for r in rows} | {r["target"] for r in rows}) - {None})
    for node in nodes:
        ET.SubElement(graph, "node", {"id": node})
    for number, row in enumerate(rows):
        if row["source"] is None or row["target"] is None:
            continue
        edge = ET.SubElement(
            graph, "edge", {"id": f"e{number}", "source": row["source"], "target": row["target"]}
        )
        for field in attributes:
            value = row[field.name]
            if value is not None:
                ET.SubElement(edge, "data", {"key": field.name}).text = _graphml_value(value)
    ET.indent(root)
    out = Path(path)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out


def _graphml_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type):
        return "long"
    if pa.types.is_floating(arrow_type):
        return "double"
    return "string"


def _graphml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)
