"""What the geoparser tests ask of a sentence: the places it names, metonymic uses ("Iraq said") left out.
The parser itself is the session fixture ``geo`` (conftest.py), built once like the spaCy pipeline."""

from __future__ import annotations

from typing import Any


def places(nlp: Any, geo: Any, text: str) -> list[Any]:
    """The toponyms of ``text`` that stand for places, in text order."""
    return [t for t in geo.toponyms(nlp(text)) if not t.metonymic]


def places_by_text(nlp: Any, geo: Any, text: str) -> dict[str, Any]:
    """``places`` keyed by the words of the text that name them."""
    return {t.text: t for t in places(nlp, geo, text)}
