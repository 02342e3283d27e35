"""The exception tree. Every error has a stable code; the CLI turns them into messages and exit codes.

::

    EventwireError                 E000
    ├── DictionaryError            E1xx  a dictionary/table file is malformed (names file and line)
    ├── InputError                 E2xx  an article cannot be read (becomes a row in ``rejects``)
    ├── StoreError                 E3xx  the DuckDB store cannot be opened or written
    └── UsageError                 E4xx  bad arguments to a library call or command
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error raised by eventwire."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class DictionaryError(EventwireError):
    """A dictionary entry is malformed. ``path`` and ``line`` point at it."""

    code = "E100"

    def __init__(self, message: str, *, path: str, line: int | None = None, code: str | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}", code=code)


class InputError(EventwireError):
    """An input (file, row, line) cannot be turned into an article.

    Codes: E201 unreadable/binary, E202 invalid UTF-8, E203 empty, E204 too long,
    E205 malformed record (JSON/CSV), E206 bad date, E207 unsupported format, E208 missing file.
    """

    code = "E200"


class StoreError(EventwireError):
    """The store cannot be opened (e.g. another process holds the write lock) or written."""

    code = "E300"


class UsageError(EventwireError):
    """Invalid arguments to a library call."""

    code = "E400"
