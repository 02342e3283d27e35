"""The exception tree. Every error has a stable code; the CLI turns them into messages and exit codes.

::

    EventwireError                 E000
    ├── DictionaryError            E1xx  a dictionary/table file is malformed (names file and line)
    ├── InputError                 E2xx  an article cannot be read (becomes a row in ``rejects``)
    ├── StoreError                 E3xx  the DuckDB store cannot be opened or written
    ├── UsageError                 E4xx  bad arguments to a library call or command
    ├── CodingError                E5xx  a stage failed on one article (the article becomes a reject)
    └── EngineError                E6xx  a runner cannot start or its job failed (Spark, the watcher)
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

    Codes: E201 unreadable/binary, E202 invalid UTF-8 or Unicode, E203 empty, E204 too long,
    E205 malformed record (JSON/CSV), E206 bad date, E207 unsupported format, E208 missing file,
    E209 not a regular file (FIFO, device, socket), E210 over the decompression limit (gzip bomb),
    E211 an id repeated in one input, E212 sentences over the per-article limit not coded,
    E213 a sentence over the token limit not coded (E212 and E213 leave the rest of the article coded).
    """

    code = "E200"


class StoreError(EventwireError):
    """The store cannot be opened (e.g. another process holds the write lock) or written."""

    code = "E300"


class UsageError(EventwireError):
    """Invalid arguments to a library call."""

    code = "E400"


class CodingError(EventwireError):
    """A stage failed on one article. The batch goes on; the article becomes a reject with this code.

    Codes, by stage: E501 parse (spaCy), E502 actor matching, E503 event extraction, E504 dates,
    E505 places, E506 storing, E507 the worker process coding it died, E508 the article's time budget was
    spent, E509 assembling the mention records. ``stage`` names the stage. (The HTTP API answers an
    unexpected server error as E500.)
    """

    code = "E500"

    def __init__(self, message: str, *, code: str | None = None, stage: str = "coding") -> None:
        super().__init__(message, code=code)
        self.stage = stage


class EngineError(EventwireError):
    """A runner cannot start or its job failed as a whole.

    Codes: E601 no Java 17+ for Spark, E602 pyspark not installed, E603 the Spark job failed,
    E604 a dataset cannot be read (missing, or not the format named).
    """

    code = "E600"
