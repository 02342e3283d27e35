"""The files behind path arguments, by name only: what ``read_inputs`` would read, in its order.

Runners that read files elsewhere (Spark's executors) or again later (the watcher) list them here and
hand each to ``read_inputs``, whose readers reject what is not a readable file.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Reject
from .reading import walk_directory


def input_files(given: str | Path) -> list[str | Reject]:
    """The files a local run reads for one path argument, in the same order: the file itself, or the files
    under a directory (recursive, entries in name order, dot-files skipped, a directory reached twice
    through symbolic links walked once); a missing path is a Reject (E208), a directory that cannot be
    listed a Reject (E201)."""
    path = Path(given)
    if not path.is_dir():
        if path.exists() or path.is_symlink():
            return [str(given)]
        return [Reject(str(given), "no such file or directory", "E208")]
    return [entry if isinstance(entry, Reject) else str(entry) for entry in walk_directory(path)]
