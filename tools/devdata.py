"""Where the team's development data lives, for the tools that measure on it (never read by eventwire
itself, its tests' assertions or `make test`)."""

from __future__ import annotations

import os
import subprocess
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
