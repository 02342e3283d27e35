"""The files behind path arguments, by name only: what ``read_inputs`` would read, in its order.

Runners that read files elsewhere (Spark's executors) or again later (the watcher) list them here and
hand each to ``read_inputs``, whose readers reject what is not a readable file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Reject


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
    found: list[str | Reject] = []
    seen: set[str] = set()

    def walk(folder: Path) -> None:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
        except OSError as exc:
            found.append(Reject(str(folder), f"cannot list the directory: {exc.strerror or exc}", "E201"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                walk(entry)
            else:
                found.append(str(entry))

    walk(path)
    return found
