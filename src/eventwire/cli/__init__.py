"""The command line. The only package that prints or exits; everything else raises.

``common`` holds the Typer app and what every command shares, ``render`` the terminal output; each other
module registers its commands on import (coding, query, analysis, lookups, evals, serve, watch).
"""

from __future__ import annotations

from . import analysis, coding, evals, lookups, query, serve, watch  # noqa: F401  (each registers its commands)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    app()
