"""Rendering for the terminal: mention tables, Arrow tables as text/CSV/JSONL, evaluation reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import ATTACHED, ActorRef, EventMention
from .common import TABLE_ROWS


def progress_bar(console: Console, quiet: bool, *, total: int | None = None):
    """A progress display on a terminal: with a bar, the percentage and the time left when ``total`` (the
    number of articles expected) is known, else the count and the time spent."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    if total:
        columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   MofNCompleteColumn(), TextColumn("articles"), TimeElapsedColumn(), TextColumn("left"),
                   TimeRemainingColumn())  # fmt: skip
    else:
        columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
                   TimeElapsedColumn())  # fmt: skip
    return Progress(*columns, console=console, transient=True, disable=quiet or not console.is_terminal)


@dataclass(frozen=True, slots=True)
class CodingSummary:
    """What one `eventwire code` run did, for its closing summary."""

    articles: int
    mentions: int
    rejected: int
    failed: int
    undated: int
    store: str | None
    store_events: int | None
    output: Path | None
    discarded: int = 0  # sentences left uncoded as sport or entertainment


def print_coding_summary(s: CodingSummary, console: Console, *, table: bool) -> None:
    """The run's summary: a small table with the next commands to try when it is the command's output
    (the store was written and no mentions were printed), else one line."""
    where = f" into {s.store}" if s.store else ""
    if not table:
        failed = f" ({s.failed} failed while coding)" if s.failed else ""
        wrote = f", mentions in {s.output}" if s.output else ""
        console.print(
            f"coded {s.articles} article(s){where}: {s.mentions} mention(s), {s.rejected} rejected{failed}"
            + (f", {s.undated} without a date" if s.undated else "")
            + (f", {s.discarded} sentence(s) discarded as sport" if s.discarded else "") + wrote, highlight=False,
        )  # fmt: skip
        return
    out = Table(title=f"coded{escape(where)}", title_justify="left", show_header=False, show_edge=False)
    out.add_column(justify="left")
    out.add_column(justify="right")
    out.add_column(justify="left", style="dim")
    out.add_row("articles", str(s.articles), f"{s.undated} without a date (use --date)" if s.undated else "")
    out.add_row("mentions", str(s.mentions), "each report of an event")
    if s.discarded:
        out.add_row("discarded", str(s.discarded), "sentences about sport or entertainment (--no-discards codes them)")
    if s.store_events is not None:
        out.add_row("events", str(s.store_events), "deduplicated, in the store now")
    out.add_row("rejected", str(s.rejected), f"{s.failed} failed while coding" if s.failed else "inputs that could not be read")
    console.print(out)
    db = f" --db {s.store}" if s.store else ""
    console.print(f"next: eventwire events{db}  ·  eventwire mentions{db}  ·  eventwire export --format gdelt{db}",
                  highlight=False, soft_wrap=True)  # fmt: skip


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
        # On the terminal the table fits its width; into a file it gets room for whole cells.
        print_mentions_table(rows, total, Console(file=out) if out is sys.stdout else Console(file=out, width=220))
    out.flush()


def _actor_cell(actor: ActorRef | None) -> str:
    return f"{actor.code} [dim]{escape(actor.text)}[/]" if actor else "[dim]-[/]"


def date_text(value: date | None, granularity: str | None) -> str:
    """A date at its precision: ``2023-07`` for a month, ``2023`` for a year, ``2023-W28`` for a week."""
    if value is None:
        return "?"
    if granularity == "month":
        return value.strftime("%Y-%m")
    if granularity == "year":
        return str(value.year)
    if granularity == "week":
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    return value.isoformat()


def fitted_table(title: str) -> Table:
    """A table spanning the console's width, one line per row: columns given a ``ratio`` share the room
    left by the fixed ones and cut their text with an ellipsis."""
    return Table(title=title, title_justify="left", show_edge=False, pad_edge=False, expand=True)


def fitted_column(table: Table, name: str, *, ratio: int | None = None, width: int | None = None) -> None:
    """A column of a ``fitted_table``: ``ratio`` for a share of the free width, else a fixed ``width``."""
    if ratio is not None:
        table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=ratio, min_width=max(4, min(len(name), 8)))
    else:
        table.add_column(name, no_wrap=True, overflow="ellipsis", min_width=width, max_width=width)


def print_mentions_table(mentions: list[EventMention], total: int, console: Console) -> None:
    """Mentions as a table that fits ``console``'s width. Flags: ``neg`` negated, ``hyp`` hypothetical (a
    possibility, a plan, a threat's condition...), ``per X`` reported by actor X (``attributed_to``)."""
    table = fitted_table(f"{total} event mention(s)")
    fitted_column(table, "date", width=10)
    fitted_column(table, "source", ratio=2)
    fitted_column(table, "event", ratio=2)
    fitted_column(table, "target", ratio=2)
    fitted_column(table, "where", ratio=1)
    fitted_column(table, "flags", ratio=1)
    fitted_column(table, "evidence", ratio=4)
    for m in mentions:
        flags = " ".join(f for f, on in (("neg", m.negated), ("hyp", m.hypothetical)) if on)
        if m.attributed_to:
            flags += f" per {m.attributed_to.code}"
        table.add_row(
            date_text(m.event_date, m.date_granularity), _actor_cell(m.source),
            f"[bold]{m.cameo}[/] {escape(m.cameo_name)}", _actor_cell(m.target), _place_cell(m), flags.strip(),
            _evidence(m),
        )  # fmt: skip
    console.print(table)
    if total > len(mentions):
        console.print(f"... {total - len(mentions)} more; use --format jsonl or csv for all of them")


def print_events_table(rows: list[dict[str, Any]], total: int, console: Console) -> None:
    """Deduplicated event rows (``analysis.listing``) as a table that fits ``console``'s width."""
    table = fitted_table(f"{total} event(s)" + (f", first {len(rows)} shown" if total > len(rows) else ""))
    fitted_column(table, "date", width=10)
    fitted_column(table, "source", ratio=2)
    fitted_column(table, "event", ratio=2)
    fitted_column(table, "target", ratio=2)
    fitted_column(table, "where", ratio=1)
    fitted_column(table, "reports", width=7)
    fitted_column(table, "evidence", ratio=4)
    for r in rows:
        where = r["location_name"] or r["location_country"]
        table.add_row(
            date_text(r["date"], r["date_granularity"] if r["event_date"] else None),
            _code_name(r["source_code"], r["source_name"]), f"[bold]{r['cameo']}[/] {escape(r['cameo_name'] or '')}",
            _code_name(r["target_code"], r["target_name"]), escape(where) if where else "[dim]-[/]",
            f"{r['num_mentions']}/{r['num_articles']}", escape(" ".join((r["evidence_sentence"] or "").split())),
        )  # fmt: skip
    console.print(table)
    if total > len(rows):
        console.print(f"... {total - len(rows)} more; use --limit, or --format jsonl or csv for all of them")


def _code_name(code: str | None, name: str | None) -> str:
    if code is None:
        return "[dim]-[/]"
    return f"{code} [dim]{escape(name)}[/]" if name else code


def _place_cell(m: EventMention) -> str:
    if m.location is None:
        return "[dim]-[/]"
    place = escape(m.location.name) + (f" [dim]{m.location.country}[/]" if m.location.country else "")
    return place if m.location.basis == ATTACHED else f"[dim]({place})[/]"


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
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    console = Console()
    values = [min(60, max([1] + [len(row[i]) for row in cells])) for i in range(len(columns))]
    natural = [max(v, len(c)) for v, c in zip(values, columns, strict=True)]
    fits = sum(natural) + 3 * len(columns) <= console.width  # 3: the padding and the rule between columns
    # One line per row. When the table does not fit, headers are cut before values, and only long text
    # columns (over 20 characters) give up room, in proportion to their width, cut with an ellipsis.
    out = Table(title=title, title_justify="left", show_edge=False, expand=not fits, padding=(0, 1) if fits else (0, 0))
    for c, value in zip(columns, values, strict=True):
        if fits:
            out.add_column(c, no_wrap=True)
        elif value > 20:
            out.add_column(c, no_wrap=True, overflow="ellipsis", ratio=value, min_width=10)
        else:
            fixed = max(value, min(len(c), 5))
            out.add_column(c, no_wrap=True, overflow="ellipsis", min_width=fixed, max_width=fixed)
    for row in cells:
        out.add_row(*[escape(v) for v in row])
    console.print(out)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(map(str, value[:5])) + (f" (+{len(value) - 5})" if len(value) > 5 else "")
    return " ".join(str(value).split())  # one line: line breaks inside a sentence become spaces


def print_report(report: Any, *, as_json: bool, errors: bool) -> None:
    """An evaluation report as JSON, or as text tables followed by the error list if asked."""
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    print(report.format_text())
    if errors:
        print(report.format_errors())

