"""The exception tree. Every error has a stable code; the CLI turns them into messages and exit codes.

::

    EventwireError                 E000
    ├── DictionaryError            E1xx  a dictionary/table file is malformed (names file and line)
    ├── InputError                 E2xx  an article cannot be read (becomes a row in ``rejects``)
    ├── StoreError                 E3xx  the DuckDB store cannot be opened or written
    ├── UsageError                 E4xx  bad arguments to a library call or command
    ├── CodingError                E5xx  a stage failed on one article (the article becomes a reject)
    ├── EngineError                E6xx  a runner cannot start or its job failed (Spark, the watcher)
    └── HttpError                  an HTTP answer other than 200; its code is the status (E404 for 404)

Every code is registered once in ``ERROR_CODES`` below, with the class that raises it and what it means;
docs/errors.md is the table of them all (tests/test_errors.py checks both ways). One code, one meaning:
a new kind of failure gets a new code, never a code already taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


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


class HttpError(EventwireError):
    """An answer of the HTTP API other than 200: a status, a stable code (the status's own: E404 for 404,
    E429 for 429), a message and optional headers. Raised by the routes, answered by the API's handler."""

    code = "E404"

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.headers = headers


@dataclass(frozen=True, slots=True)
class ErrorCode:
    """One registered code: the class that raises it and what it means (one line of docs/errors.md)."""

    code: str
    raised_as: type[EventwireError]
    meaning: str


def error_registry(*entries: tuple[str, type[EventwireError], str]) -> Mapping[str, ErrorCode]:
    """A read-only table of codes from (code, class, meaning) entries; ValueError when a code comes twice
    (a code registered twice is a bug in this file)."""
    table: dict[str, ErrorCode] = {}
    for code, raised_as, meaning in entries:
        if code in table:
            raise ValueError(f"error code {code} registered twice")
        table[code] = ErrorCode(code, raised_as, meaning)
    return MappingProxyType(table)


_E = EventwireError
ERROR_CODES: Mapping[str, ErrorCode] = error_registry(
    ("E000", _E, "an eventwire error with no more specific code"),
    ("E010", _E, "the spaCy pipeline is not installed"),
    ("E011", _E, "the sentence encoder of the learned event typer is not installed or incomplete"),
    ("E012", _E, "the learned event typer's weights cannot be read or do not match its classes"),
    # DictionaryError: data files (always with file and, where known, line)
    ("E100", DictionaryError, "a dictionary or table file is malformed (no more specific code)"),
    ("E101", DictionaryError, "an actor file cannot be read"),
    ("E102", DictionaryError, "an actor file is of an unsupported type (not .yaml or .csv)"),
    ("E103", DictionaryError, "an actor file is not valid YAML"),
    ("E104", DictionaryError, "an actor file is not a YAML list of entries"),
    ("E105", DictionaryError, "an actor CSV file lacks required columns"),
    ("E110", DictionaryError, "an event dictionary or derived-codes file names a code that is not in CAMEO"),
    ("E111", DictionaryError, "an event dictionary has an unknown key, or a key the engine does not read there"),
    ("E112", DictionaryError, "an event dictionary refers to an unknown or self-referring $SET"),
    ("E113", DictionaryError, "an event dictionary gives one lemma two default codes in one file"),
    ("E114", DictionaryError, "an event dictionary file is malformed (YAML, value types, required keys)"),
    ("E120", DictionaryError, "a bundled code table (CAMEO ontology, derived codes) is malformed"),
    ("E130", DictionaryError, "a gold file cannot be read"),
    ("E131", DictionaryError, "a gold line is not valid JSON"),
    ("E132", DictionaryError, "a gold record has a missing, mistyped or unknown field"),
    ("E133", DictionaryError, "a gold event's CAMEO code is malformed or unknown"),
    ("E134", DictionaryError, "a gold event's actor code is malformed"),
    ("E135", DictionaryError, "a gold record's date is not YYYY-MM-DD"),
    ("E136", DictionaryError, "a gold file repeats a record id"),
    ("E137", DictionaryError, "a gold event has neither source nor target"),
    ("E138", DictionaryError, "a date gold expression's span overlaps another or does not match the text"),
    ("E139", DictionaryError, "a date gold expression's TIMEX3 type, value or mod is invalid"),
    ("E140", DictionaryError, "the actor context file (data/actor_context.yaml) is malformed"),
    ("E141", DictionaryError, "the discard phrases file (data/discards.yaml) is malformed"),
    ("E145", DictionaryError, "a place gold span overlaps another or does not match the text"),
    ("E146", DictionaryError, "a place gold toponym's latitude or longitude is not a number in range"),
    ("E147", DictionaryError, "a place gold country, feature or not-place kind is not one allowed"),
    ("E150", DictionaryError, "an actor entry is not a mapping"),
    ("E151", DictionaryError, "an actor entry has an unknown kind"),
    ("E152", DictionaryError, "an actor entry has an unknown field, or a field its kind does not take"),
    ("E153", DictionaryError, "an actor entry's name is empty"),
    ("E154", DictionaryError, "an actor entry (or an org in it) lacks its code or names"),
    ("E155", DictionaryError, "an actor entry's surface forms are not a non-empty list"),
    ("E156", DictionaryError, "an actor entry has an empty surface form"),
    ("E157", DictionaryError, "an actor code is not made of 3-letter blocks"),
    ("E158", DictionaryError, "an agent code is not exactly 3 letters"),
    ("E159", DictionaryError, "a person's roles are missing or malformed"),
    ("E160", DictionaryError, "an actor role's date is not an ISO date"),
    ("E161", DictionaryError, "an actor role starts on or after its end"),
    ("E162", DictionaryError, "an actor role is listed twice"),
    ("E170", DictionaryError, "a lexicon (data/lexicons/*.yaml) is malformed: YAML, a missing description, "
     "an empty list, a word that is not a string or is listed twice"),
    ("E171", DictionaryError, "a lexicon names a list, key or group the engine does not read"),
    ("E172", DictionaryError, "a word list the engine reads is missing from its lexicon file"),
    # InputError: inputs (an article that cannot be read becomes a reject with this code)
    ("E200", InputError, "an input cannot be read (no more specific code)"),
    ("E201", InputError, "an input is unreadable or binary"),
    ("E202", InputError, "an input is not valid UTF-8 (or its declared encoding) or holds invalid Unicode"),
    ("E203", InputError, "an input or article is empty, or a page has no main text"),
    ("E204", InputError, "an input, line, field or page is over its size limit"),
    ("E205", InputError, "a record is malformed (JSON, CSV, a missing or mistyped text field)"),
    ("E206", InputError, "an article's date cannot be read"),
    ("E207", InputError, "an input file is of an unsupported type"),
    ("E208", InputError, "an input path does not exist"),
    ("E209", InputError, "an input path is not a regular file (FIFO, device, socket)"),
    ("E210", InputError, "a compressed input inflates past the decompression limit"),
    ("E211", InputError, "an article id is repeated in one input"),
    ("E212", InputError, "an article's sentences over the per-article limit were not coded"),
    ("E213", InputError, "a sentence over the token limit was not coded"),
    ("E214", InputError, "a watched URL cannot be fetched"),
    # StoreError
    ("E300", StoreError, "the store cannot be opened or written (no more specific code)"),
    ("E301", StoreError, "the store's write lock is held by another process"),
    ("E302", StoreError, "there is no store at the path, or it cannot be opened"),
    ("E303", StoreError, "writing to the store failed and nothing was kept"),
    ("E304", StoreError, "the store's schema version is not the one this eventwire reads"),
    ("E305", StoreError, "a schema migration failed"),
    ("E306", StoreError, "the store is open read-only and was asked to write"),
    ("E307", StoreError, "the store is closed"),
    ("E310", StoreError, "the store has no deduplicated events to export"),
    ("E320", StoreError, "the store is held by `eventwire serve`, which did not hand out a copy to read"),
    ("E321", StoreError, "an in-memory store has no file to copy for other readers"),
    ("E322", StoreError, "the store could not be copied for reading"),
    # UsageError: bad arguments to a library call, a command or an HTTP request
    ("E400", UsageError, "bad arguments (no more specific code)"),
    ("E402", UsageError, "code() was given something that is not an article, a dict with text, or a str"),
    ("E410", UsageError, "a trigger token index is outside the document"),
    ("E411", UsageError, "an unknown sort order"),
    ("E412", UsageError, "a negative or non-integer limit"),
    ("E414", UsageError, "a negative or non-integer offset"),
    ("E415", UsageError, "a dyad filter that is not a pair (A, B)"),
    ("E416", UsageError, "an empty actor pattern"),
    ("E417", UsageError, "a CAMEO code filter that is not 2 to 4 digits"),
    ("E418", UsageError, "a filter value that is neither a value nor a sequence of values"),
    ("E419", UsageError, "a CAMEO root filter outside 01..20"),
    ("E420", UsageError, "a quad class outside 1..4"),
    ("E421", UsageError, "a filter date that is neither a date nor YYYY-MM-DD"),
    ("E423", UsageError, "code_text() was given something other than a str"),
    ("E424", UsageError, "an unknown CAMEO code was looked up"),
    ("E425", UsageError, "an unknown table to export"),
    ("E426", UsageError, "an unknown export format"),
    ("E427", UsageError, "Parquet export was given a text stream instead of a file path"),
    ("E428", UsageError, "the Spark engine was given an input it does not read (stdin, no paths, a dataset format)"),
    ("E430", UsageError, "score() needs one list of mentions per gold sentence"),
    ("E431", UsageError, "an unknown matching policy"),
    ("E435", UsageError, "a predicted date expression is malformed"),
    ("E436", UsageError, "date predictions do not line up with the gold passages"),
    ("E437", UsageError, "an unknown group of date expressions"),
    ("E440", UsageError, "a predicted toponym is malformed"),
    ("E441", UsageError, "place predictions do not line up with the gold passages"),
    ("E442", UsageError, "an unknown toponym feature"),
    ("E450", UsageError, "the events were asked to be updated through a read-only Database"),
    ("E451", UsageError, "an unknown frame type for Database results"),
    ("E452", UsageError, "an unknown Database export format"),
    ("E460", UsageError, "an unknown period for a series"),
    ("E461", UsageError, "a series' dates are not dates, or from is after to"),
    ("E462", UsageError, "a chart or table of a series or alerts cannot be drawn (format, columns)"),
    ("E463", UsageError, "an argument of alerts() is out of range"),
    ("E464", UsageError, "an argument of timeline() is out of range"),
    ("E465", UsageError, "a series or alerts span of more periods than allowed"),
    ("E466", UsageError, "an unknown volume key"),
    ("E467", UsageError, "an argument of network() is out of range, or a network table lacks its columns"),
    ("E470", UsageError, "an API setting from the environment is not a number"),
    ("E480", UsageError, "an empty or unknown actor name"),
    ("E481", UsageError, "a CAMEO lookup with neither a code nor words"),
    ("E482", UsageError, "an actor lookup with neither a name nor a code"),
    ("E483", UsageError, "a read-only SQL query is not one reading statement, or its limit is not >= 1"),
    ("E484", UsageError, "a read-only SQL query does not parse or fails"),
    # CodingError: a stage failed on one article (the article becomes a reject with this code)
    ("E500", CodingError, "a coding stage failed with no more specific code; over HTTP, an unexpected server error"),
    ("E501", CodingError, "the parse (spaCy) failed on an article"),
    ("E502", CodingError, "actor matching failed on an article"),
    ("E503", CodingError, "event extraction failed on an article"),
    ("E504", CodingError, "dating failed on an article"),
    ("E505", CodingError, "placing failed on an article"),
    ("E506", CodingError, "storing an article's results failed"),
    ("E507", CodingError, "the worker process coding an article died"),
    ("E508", CodingError, "an article's time budget was spent"),
    ("E509", CodingError, "assembling an article's mention records failed"),
    # EngineError
    ("E600", EngineError, "a runner cannot start or its job failed (no more specific code)"),
    ("E601", EngineError, "the Spark engine found no Java 17 or later"),
    ("E602", EngineError, "the Spark engine needs pyspark, which is not installed"),
    ("E603", EngineError, "the Spark job failed"),
    ("E604", EngineError, "a dataset is missing or not an eventwire Parquet dataset"),
    # HttpError: the HTTP API's answers other than 200 (the code is the status)
    ("E401", HttpError, "HTTP 401: the endpoint needs a bearer token"),
    ("E403", HttpError, "HTTP 403: store copies are handed out to processes on this machine only"),
    ("E404", HttpError, "HTTP 404: no such job, event, page or route"),
    ("E405", HttpError, "HTTP 405: the route does not take this method"),
    ("E408", HttpError, "HTTP 503: the request ran past its time budget"),
    ("E413", HttpError, "HTTP 413: the request body is over the size limit"),
    ("E422", HttpError, "HTTP 422: a request parameter or body does not validate"),
    ("E429", HttpError, "HTTP 429: too many jobs or coding requests are waiting"),
)
