"""The command line. The only package that prints or exits; everything else raises.

``common`` holds the Typer app and what every command shares, ``render`` the terminal output; each other
module registers its commands on import (coding, query, evals, serve, watch).
"""

from __future__ import annotations

from . import coding, evals, query, serve, watch  # noqa: F401  (each registers its commands on the app)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    app()
