"""What `eventwire code` checks about its inputs before reading them, and the hints it adds to rejects.

- ``missing_paths``: inputs that do not exist (the command stops with exit code 2 before coding anything);
- ``estimate_articles``: how many articles the inputs hold, when that can be told cheaply (one per
  ``.txt``/``.html`` file, one per line of a JSONL file, one per row of a CSV file), for a progress bar
  with a percentage and the time left; None when it cannot (stdin, ``.json``, ``.gz``);
- ``reject_hint``: what to do about a reject the command's options can fix (a CSV whose text is in a
  column of another name, dates in another format).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from ..model import Reject

__all__ = ["estimate_articles", "missing_paths", "reject_hint"]

ONE_PER_FILE = (".txt", ".html", ".htm")
PER_LINE = (".jsonl", ".ndjson")
PER_ROW = (".csv", ".tsv")
#: Column names that often hold an article's text, date or id, for the hint when ``text`` is missing.
LIKELY = {"text": ("body", "content", "article", "story", "full_text", "fulltext", "article_text", "message")}
_HEADER = re.compile(r"no '([^']+)' column in the header \[(.*)\]")
_FIELD = re.compile(r"no '([^']+)' field")


def missing_paths(paths: Iterable[str]) -> list[str]:
    """The given paths (other than ``-``) that do not exist."""
    return [p for p in paths if p != "-" and not Path(p).exists() and not Path(p).is_symlink()]


def estimate_articles(paths: Iterable[str], *, max_files: int = 100_000) -> int | None:
    """The number of articles the inputs hold, or None when it cannot be told without reading them."""
    total = 0
    files = 0
    for given in paths:
        if given == "-":
            return None
        path = Path(given)
        candidates = (p for p in sorted(path.rglob("*")) if p.is_file()) if path.is_dir() else iter([path])
        for file in candidates:
            if any(part.startswith(".") for part in file.relative_to(path).parts if path.is_dir()):
                continue  # dot-files are skipped by the reader too
            files += 1
            if files > max_files:
                return None
            count = _count(file)
            if count is None:
                return None
            total += count
    return total


def _count(file: Path) -> int | None:
    suffix = file.suffix.lower()
    if suffix in ONE_PER_FILE:
        return 1
    if suffix not in PER_LINE + PER_ROW:
        return None
    try:
        with file.open("rb") as fh:
            lines = sum(1 for line in fh if line.strip())
    except OSError:
        return None
    return max(0, lines - 1) if suffix in PER_ROW else lines  # a CSV's first line is its header


def reject_hint(reject: Reject) -> str | None:
    """A sentence saying which option fixes ``reject``, or None."""
    if reject.code == "E205":
        header = _HEADER.search(reject.reason)
        if header is None and _FIELD.search(reject.reason) is None:
            return None  # another malformed record, not a missing text column
        columns = [c.strip().strip("'\"") for c in header.group(2).split(",")] if header else []
        guess = _guess("text", columns)
        example = f", e.g. --text-column {guess}" if guess else ""
        return f"name the column that holds the text with --text-column{example} (likewise --date-column, --id-column)"
    if reject.code == "E206" and reject.reason.startswith("unrecognised date"):
        return "give the format of such dates with --date-format, e.g. --date-format %d/%m/%Y"
    return None


def _guess(kind: str, columns: list[str]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    for name in LIKELY.get(kind, ()):
        if name in lowered:
            return lowered[name]
    close = difflib.get_close_matches(kind, list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None
