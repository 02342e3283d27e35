"""The docs cover what users meet (the Datasette habit): every command and option in the README, every output
field and table column in docs/fields.md, every store column in docs/store-schema.md, every environment
variable in the README, and nothing points at files that are not in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from eventwire.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIELDS = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
SCHEMA = (ROOT / "docs" / "store-schema.md").read_text(encoding="utf-8")
CONTRACTS = (ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")


def _commands() -> dict:
    return dict(typer.main.get_command(app).commands)


def _quoted(text: str) -> set[str]:
    """Every `name` written in backquotes in ``text`` (outside fenced code blocks)."""
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return set(re.findall(r"`([^`\n]+)`", prose))


def test_every_command_is_in_the_readme():
    commands = _commands()
    assert {"code", "events", "mentions", "sql", "cameo", "actor", "explain", "eval"} <= set(commands)
    for name in commands:
        assert f"eventwire {name}" in README, name


def test_every_option_is_in_the_readme():
    missing = []
    for name, command in _commands().items():
        for param in command.params:
            if type(param).__name__.endswith("Option") and not getattr(param, "hidden", False):
                if not any(opt in README for opt in param.opts if opt.startswith("--")):
                    missing.append(f"{name} {param.opts[0]}")
    assert not missing, f"options not documented in README.md: {missing}"


def test_every_jsonl_field_is_in_the_field_reference():
    from eventwire.model import ActorRef, Place, Span

    fields = set(_mention_keys())
    fields |= {f"plover.{k}" for k in ("type", "mode")}
    quoted = _quoted(FIELDS)
    missing = sorted(f for f in fields if f not in quoted)
    assert not missing, f"JSONL fields missing from docs/fields.md: {missing}"
    # the nested objects' keys are described in their paragraphs
    for record in (ActorRef("X", "x", None, None, "x", 0, 1).to_dict(), Place("x", None, None, None, None, None, 0, 1).to_dict(),
                   Span("x", 0, 1).to_dict()):  # fmt: skip
        assert all(f"`{key}`" in FIELDS for key in record), record


def _mention_keys() -> list[str]:
    from eventwire.model import EventMention, Span

    mention = EventMention(
        article_id="a", sentence_index=0, sentence="s", publication_date=None, event_date=None, date_basis=None,
        source=None, target=None, cameo="010", cameo_root="01", cameo_name="n", goldstein=0.0, quad_class=1,
        plover_type=None, plover_mode=None, trigger=Span("s", 0, 1),
    )  # fmt: skip
    return list(mention.to_dict())


def test_every_event_row_column_and_table_column_is_in_the_field_reference():
    from eventwire.analysis.listing import EVENT_COLUMNS
    from eventwire.export.gdelt import EVENT_COLUMNS as GDELT_EVENTS
    from eventwire.export.gdelt import MENTION_COLUMNS as GDELT_MENTIONS

    quoted = _quoted(FIELDS)
    columns = [*EVENT_COLUMNS, "cameo_name", *GDELT_EVENTS, *GDELT_MENTIONS]
    # the terminal tables' headers (cli/render.py) and their flags
    columns += ["date", "source", "event", "target", "where", "flags", "evidence", "reports", "neg", "hyp", "per X"]
    # the analysis tables
    columns += ["period", "direction", "quad1", "quad4", "goldstein_sum", "goldstein_mean", "share", "total"]
    missing = [c for c in columns if c not in quoted and not any(c in q.split(", ") for q in quoted)]
    assert not missing, f"missing from docs/fields.md: {missing}"


@pytest.mark.parametrize("table", ["articles", "mentions", "events", "rejects", "schema_version"])
def test_every_store_column_is_in_the_schema_doc(table):
    from eventwire.store import Store

    with Store.open(":memory:") as store:
        names = [row[0] for row in store.connection().execute(f"DESCRIBE {table}").fetchall()]
    section = SCHEMA.split(f"## `{table}`", 1)[1].split("\n## ", 1)[0]
    missing = [n for n in names if f"`{n}`" not in section]
    assert not missing, f"columns of {table} missing from docs/store-schema.md: {missing}"


def test_every_environment_variable_is_in_the_readme():
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= set(re.findall(r"\b(EVENTWIRE_[A-Z_]+|XDG_[A-Z_]+)\b", path.read_text(encoding="utf-8")))
    assert used >= {"EVENTWIRE_CACHE", "EVENTWIRE_TOKEN"}
    missing = sorted(v for v in used if f"`{v}`" not in README)
    assert not missing, f"environment variables not documented in README.md: {missing}"


def test_the_contract_is_in_the_repository_and_cited():
    assert "`eventwire code` output" in CONTRACTS and "## The store" in CONTRACTS and "## HTTP" in CONTRACTS
    for key in _mention_keys():
        assert f"`{key}`" in CONTRACTS, key
    offenders = []
    for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "src").rglob("*.py"),
                 *(ROOT / "src").rglob("*.js")]:  # fmt: skip
        if "DESIGN.md" in path.read_text(encoding="utf-8"):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"these cite DESIGN.md, which is not in the repository: {offenders}"
    assert "docs/contracts.md" in README


def test_docs_named_in_the_readme_exist():
    for name in set(re.findall(r"`(docs/[\w.-]+\.md)`", README)):
        assert (ROOT / name).exists(), name
