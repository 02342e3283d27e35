"""Lookups that need no store: a CAMEO code or words of its name; an actor name or code in the dictionary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import EventwireError
from .common import app, fail, parse_date
from .render import fitted_column, fitted_table

JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


@app.command()
def cameo(
    query: Annotated[str, typer.Argument(help="A CAMEO code (0874, 19) or words of its name (retreat).")],
    as_json: JsonOpt = False,
) -> None:
    """CAMEO codes: name, Goldstein score, GDELT quad class and PLOVER type/mode of a code and the codes below
    it, or of every code whose name has the words (or whose PLOVER type is the word)."""
    from dataclasses import asdict

    from ..lookup import find_cameo

    try:
        hits = find_cameo(query)
    except EventwireError as exc:
        fail(exc, Console(stderr=True))
    if not hits:
        Console(stderr=True).print(f"no CAMEO code matches {escape(query)!r}", highlight=False)
        raise typer.Exit(1)
    if as_json:
        for code in hits:
            print(json.dumps(asdict(code)))
        return
    table = fitted_table(f"{len(hits)} CAMEO code(s)")
    for name, width in (("code", 4), ("name", None), ("goldstein", 9), ("quad", 4), ("PLOVER", 9), ("mode", 10)):
        fitted_column(table, name, width=width, ratio=None if width else 1)
    for c in hits:
        table.add_row(c.code, escape(c.name), f"{c.goldstein:+.1f}", str(c.quad_class), c.plover_type or "-", c.plover_mode or "-")
    Console().print(table)


@app.command()
def actor(
    query: Annotated[str, typer.Argument(help="A name or words of one (Congo, 'Abdul Mahdi'), or a code.")],
    date_: Annotated[str | None, typer.Option("--date", help="Show the code each entry had on this day (YYYY-MM-DD).")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML/CSV); repeatable.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every actor dictionary entry that names QUERY: its code (on --date), kind, dated roles and where it
    comes from (file:line and its stated source)."""
    from ..actors.loader import load_actor_dictionary
    from ..lookup import find_actors

    day = parse_date(date_)
    try:
        hits = find_actors(query, load_actor_dictionary(actors or ()), date=day)
    except EventwireError as exc:
        fail(exc, Console(stderr=True))
    if not hits:
        Console(stderr=True).print(f"no actor dictionary entry names {escape(query)!r}", highlight=False)
        raise typer.Exit(1)
    if as_json:
        for h in hits:
            print(json.dumps({
                "code": h.code, "name": h.name, "kind": h.kind, "names": list(h.names),
                "roles": [{"code": r.code, "start": _iso(r.start), "end": _iso(r.end)} for r in h.roles],
                "origin": h.origin, "source": h.source,
            }, ensure_ascii=False))  # fmt: skip
        return
    console = Console()
    console.print(f"{len(hits)} entr{'y' if len(hits) == 1 else 'ies'}" + (f", codes on {day}" if day else ""), highlight=False)
    for h in hits:  # one block per entry: the names and roles are long, a table would cut them
        code = h.code or ("[dim](none then)[/]" if day else "[dim](none)[/]")
        console.print(f"[bold]{code}[/]  {escape(h.name)}  [dim]{h.kind}, {h.origin}[/]", highlight=False)
        others = [n for n in h.names if n != h.name]
        if others:
            console.print(f"    names: {escape(', '.join(others))}", highlight=False)
        if h.roles:
            roles = ", ".join(f"{r.code} {_iso(r.start) or '…'}..{_iso(r.end) or '…'}" for r in h.roles)
            console.print(f"    roles: {roles} [dim](start inclusive, end exclusive)[/]", highlight=False)
        if h.source:
            console.print(f"    source: {escape(h.source)}", highlight=False)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None
