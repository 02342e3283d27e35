"""Commands that score a component against a gold file: eval, eval-geo, eval-dates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ..errors import EventwireError
from ..settings import Settings
from .common import TyperOption, app, coder_settings, fail
from .render import print_report


# ---------------------------------------------------------------------------------------------- eval
@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL, see docs/gold-format.md).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss, false alarm and wrong code.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    actors: Annotated[list[Path] | None, typer.Option("--actors")] = None,
    match: Annotated[str, typer.Option("--match", help="strict (root, source and target at country/sector level; "
                                       "the default) | loose (both sides at country level) | anchored (one side)")] = "strict",
    typer_on: TyperOption = True,
) -> None:
    """Score the coder against a gold file: detection P/R/F1, root/code/actor accuracy, confusion by root."""
    from ..evaluate import evaluate_file
    from ..pipeline import code_text

    settings = coder_settings(actors, typer_on=typer_on)
    _run_eval(
        lambda: evaluate_file(gold, lambda text, when: code_text(text, date=when, settings=settings), matching=match),
        as_json=as_json, errors=errors,
    )  # fmt: skip


@app.command(name="eval-geo")
def eval_geo(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL, see docs/geo-gold-format.md).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss, false alarm and far or wrong place.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score the geoparser: detection P/R/F1, accuracy within 161 km, median error, country accuracy."""
    from ..evaluate.geo import evaluate_geo_file
    from ..geo import GeoParser
    from ..nlp import load_nlp

    geo = GeoParser()
    model = Settings().model  # load_nlp is cached: the pipeline loads once, inside _run_eval's error handling
    _run_eval(
        lambda: evaluate_geo_file(
            gold, lambda text, when: [t for t in geo.toponyms(load_nlp(model)(text)) if not t.metonymic]
        ),
        as_json=as_json, errors=errors,
    )  # fmt: skip


def _run_eval(evaluate: Callable[[], Any], *, as_json: bool, errors: bool) -> None:
    """Run an evaluation and print its report; a library error becomes a message and exit code 2."""
    try:
        report = evaluate()
    except EventwireError as exc:
        fail(exc, Console(stderr=True))
    print_report(report, as_json=as_json, errors=errors)


@app.command(name="eval-dates")
def eval_dates(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL, see docs/timex-gold-format.md).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss, false alarm and wrong value.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score the temporal tagger: strict/relaxed detection F1 and value accuracy, by DATE/TIME and DURATION/SET."""
    from ..evaluate.timex import evaluate_timex_file
    from ..nlp import load_nlp
    from ..timex import TimexTagger

    tagger = TimexTagger()
    model = Settings().model
    _run_eval(lambda: evaluate_timex_file(gold, lambda text, when: tagger.find(load_nlp(model)(text), when)),
              as_json=as_json, errors=errors)

