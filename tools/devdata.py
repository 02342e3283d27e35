"""Where the team's development data lives, for the tools that measure on it (never read by eventwire
itself, its tests' assertions or `make test`)."""

from __future__ import annotations

import argparse
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def devdata_dir() -> Path:
    """``$EVENTWIRE_DEVDATA``, else ``../shared/devdata`` beside the repository root; from a git worktree
    placed elsewhere, beside the main checkout (found with ``git rev-parse --git-common-dir``)."""
    override = os.environ.get("EVENTWIRE_DEVDATA")
    if override:
        return Path(override)
    here = REPO.parent / "shared" / "devdata"
    if here.is_dir():
        return here
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=REPO,
                                capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return here
    beside_main = Path(common).parent.parent / "shared" / "devdata"
    return beside_main if common and beside_main.is_dir() else here


def eval_arguments(
    description: str,
    sets: tuple[str, ...],
    add_options: Callable[[argparse.ArgumentParser], None],
    argv: list[str] | None = None,
) -> tuple[argparse.Namespace, Path, set[str]] | None:
    """The arguments of a real-text evaluation tool: its own options (``add_options``) and the shared
    ``--json``, ``--only`` (a comma-separated subset of ``sets``) and ``--devdata``. Returns (arguments,
    devdata folder, sets wanted), or None after printing "devdata not found, skipping" when the folder is
    absent; an unknown set is a usage error (exit 2)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    add_options(parser)
    parser.add_argument("--only", default=",".join(sets), help=f"comma-separated subset of {','.join(sets)}")
    parser.add_argument("--devdata", type=Path, help="the devdata folder (default: ../shared/devdata)")
    args = parser.parse_args(argv)
    folder = args.devdata or devdata_dir()
    if not folder.is_dir():
        print(f"devdata not found, skipping ({folder})")
        return None
    wanted = {s.strip() for s in args.only.split(",") if s.strip()}
    if wanted - set(sets):
        parser.error(f"unknown set(s) {sorted(wanted - set(sets))}; choose from {sets}")
    return args, folder, wanted
