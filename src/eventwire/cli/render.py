"""Rendering for the terminal: mention tables, Arrow tables as text/CSV/JSONL, evaluation reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import ActorRef, EventMention
from .common import TABLE_ROWS


def progress_bar(console: Console, quiet: bool):
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
        TimeElapsedColumn(), console=console, transient=True, disable=quiet or not console.is_terminal,
    )  # fmt: skip


def write_mentions(format_: str, mentions: Iterator[EventMention], out: TextIO) -> None:
    """Stream mentions as JSONL or CSV; for a table keep the first rows and count the rest."""
    from ..export import write_csv, write_jsonl

    if format_ == "jsonl":
        write_jsonl(mentions, out)
    elif format_ == "csv":
        write_csv(mentions, out)
    else:
        rows: list[EventMention] = []
        total = 0
        for m in mentions:
            total += 1
            if len(rows) < TABLE_ROWS:
                rows.append(m)
        print_mentions_table(rows, total, Console(file=out, width=220))
    out.flush()


def _actor_cell(actor: ActorRef | None) -> str:
    return f"{actor.code} [dim]{escape(actor.text)}[/]" if actor else "[dim]-[/]"


def print_mentions_table(mentions: list[EventMention], total: int, console: Console) -> None:
    table = Table(title=f"{total} event mention(s)", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("date", no_wrap=True)
    table.add_column("source", max_width=30)
    table.add_column("event", max_width=34)
    table.add_column("target", max_width=30)
    table.add_column("where", max_width=24)
    table.add_column("flags", max_width=16)
    table.add_column("evidence", max_width=70)
    for m in mentions:
        flags = " ".join(f for f, on in (("neg", m.negated), ("hyp", m.hypothetical)) if on)
        if m.attributed_to:
            flags += f" per {m.attributed_to.code}"
        table.add_row(
            m.event_date.isoformat() if m.event_date else "?", _actor_cell(m.source),
            f"[bold]{m.cameo}[/] {escape(m.cameo_name)}", _actor_cell(m.target), _place_cell(m), flags.strip(),
            _evidence(m),
        )  # fmt: skip
    console.print(table)
    if total > len(mentions):
        console.print(f"... {total - len(mentions)} more; use --format jsonl or csv for all of them")


def _place_cell(m: EventMention) -> str:
    if m.location is None:
        return "[dim]-[/]"
    place = escape(m.location.name) + (f" [dim]{m.location.country}[/]" if m.location.country else "")
    return place if m.location.basis == "attached" else f"[dim]({place})[/]"


def _evidence(m: EventMention, context: int = 30) -> str:
    """The words around the trigger, with the trigger in bold."""
    start = m.trigger.start - m.sentence_start
    end = m.trigger.end - m.sentence_start
    if not (0 <= start < end <= len(m.sentence)):
        return escape(" ".join(m.sentence.split())[: 2 * context])
    left = " ".join(m.sentence[max(0, start - context) : start].split())
    right = " ".join(m.sentence[end : end + context].split())
    return f"…{escape(left)} [bold]{escape(m.trigger.text)}[/] {escape(right)}…"


def print_table(table, fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    """An Arrow table as a Rich table, CSV or JSONL."""
    rows = table.to_pylist()
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    columns = columns or table.column_names
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if r.get(c) is None else r.get(c) for c in columns] for r in rows])
        return
    out = Table(title=title, title_justify="left", show_edge=False)
    for c in columns:
        out.add_column(c, overflow="fold", max_width=60)
    for r in rows:
        out.add_row(*[escape(_cell(r.get(c))) for c in columns])
    Console(width=200).print(out)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(map(str, value[:5])) + (f" (+{len(value) - 5})" if len(value) > 5 else "")
    return str(value)


def print_report(report: Any, *, as_json: bool, errors: bool) -> None:
    """An evaluation report as JSON, or as text tables followed by the error list if asked."""
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    print(report.format_text())
    if errors:
        print(report.format_errors())

