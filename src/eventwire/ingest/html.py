"""HTML pages: main text by trafilatura, publication date from ``<meta>`` tags.

Dates: explicit publication ``<meta>`` tags are read first by our own scan, because trafilatura's date
finder (htmldate) silently turns an impossible date such as 2020-02-30 into another day and, by default,
discards dates after today (so its answer would change with the clock). Only when no such tag is present
is htmldate asked, with fixed bounds and no extensive search, so the result depends on the page alone.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser

from ..errors import InputError
from ..model import Article, Reject
from .dates import parse_date
from .records import ReadOptions, make_article
from .streams import ByteStream, check_text_bytes, decode_utf8, read_capped

# Meta names/properties/itemprops that state the publication date, most specific first.
PUBLICATION_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
)
HTML_CAP = 32 * 1024 * 1024
# htmldate options: no guessing from free text, the publication (not modification) date, fixed bounds.
_DATE_PARAMS = (
    ("extensive_search", False),
    ("original_date", True),
    ("min_date", "1900-01-01"),
    ("max_date", "2999-12-31"),
)
_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(stream: ByteStream, origin: str, options: ReadOptions) -> Iterator[Article | Reject]:
    """Yield the page's main text as one Article (title and date from its metadata)."""
    import trafilatura  # imported here: it is slow to import and only HTML inputs need it

    data = read_capped(stream, max(HTML_CAP, options.text_cap), what="HTML file")
    check_text_bytes(data, what="HTML file")
    page = _decode(data, offset=stream.offset - len(data))
    meta = _MetaScan.scan(page)
    published = meta.published_date()
    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if document is None or not (document.text or "").strip():
        raise InputError("no main text found in the HTML page", code="E203")
    if published is None and document.date:
        published = parse_date(document.date)
    yield make_article(
        document.text.strip(),
        origin=origin,
        date=published,
        options=options,
        title=document.title or meta.title,
        url=document.url,
        source=document.sitename,
    )


def _decode(data: bytes, *, offset: int) -> str:
    """UTF-8 unless a ``<meta charset>`` near the top declares another character encoding. A declared
    codec that is not a character encoding (``rot-13``, ``base64``: Python's codecs registry holds
    transforms too) or that fails other than by bad bytes is ignored, and the page read as UTF-8."""
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii"))
        except LookupError:
            codec = None
        if codec is not None and codec.name != "utf-8":
            try:
                return data.decode(codec.name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"invalid {codec.name} at byte {offset + exc.start}: {exc.reason}", code="E202"
                ) from exc
            except (LookupError, ValueError, TypeError):
                pass  # "is not a text encoding", or a codec such as idna that cannot decode a page
    return decode_utf8(data, offset=offset)


class _MetaScan(HTMLParser):
    """Collects ``<meta>`` publication dates and the ``<title>`` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dates: dict[str, str] = {}
        self.title: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []

    @classmethod
    def scan(cls, page: str) -> _MetaScan:
        parser = cls()
        parser.feed(page)
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self.title is None:
            self._in_title = True
        if tag != "meta":
            return
        values = {name.lower(): value for name, value in attrs if value is not None}
        content = values.get("content")
        if content is None:
            return
        for attribute in ("property", "name", "itemprop"):
            key = values.get(attribute, "").strip().lower()
            if key in PUBLICATION_META:
                self.dates.setdefault(key, content)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None

    def published_date(self) -> date | None:
        """The first valid ISO date (its day part) in ``PUBLICATION_META`` order, else None.

        Values in other formats ("Wed, 08 Jan 2020") are left to htmldate. Raises InputError E206 when
        the page's only ISO dates are impossible (a page that says 2020-02-30 has no trustworthy date).
        """
        first_error: InputError | None = None
        for key in PUBLICATION_META:
            day = _ISO_DAY.match(self.dates.get(key, ""))
            if day is None:
                continue
            try:
                return parse_date(day.group(1))
            except InputError as exc:
                first_error = first_error or InputError(f"<meta {key}>: {exc.message}", code=exc.code)
        if first_error is not None:
            raise first_error
        return None
