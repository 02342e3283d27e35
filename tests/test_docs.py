"""The README documents every command and option users can reach (the Datasette habit)."""

from __future__ import annotations

from pathlib import Path

import typer

from eventwire.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict:
    return dict(typer.main.get_command(app).commands)


def test_every_command_is_in_the_readme():
    commands = _commands()
    assert {"code", "events", "explain", "eval"} <= set(commands)
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
