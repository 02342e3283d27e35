"""eventwire: dated news articles in, explained CAMEO/PLOVER political events out.

::

    import eventwire
    for m in eventwire.code_text("Iran fired missiles at US forces in Iraq.", date=date(2020, 1, 8)):
        print(m.source.code, m.cameo, m.target.code)

Nothing heavy happens at import: the spaCy pipeline and dictionaries load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import DictionaryError, EventwireError, InputError, StoreError, UsageError
from .model import ActorRef, Article, EventMention, Place, Reject, Span
from .settings import Settings

if TYPE_CHECKING:
    from .database import Database, open
    from .pipeline import ArticleResult, Pipeline, code_articles, code_text

# The pipeline pulls in spaCy and the database DuckDB; they are imported when first used, so
# `eventwire --help` and light imports stay fast.
_LAZY = {
    "ArticleResult": "pipeline",
    "Pipeline": "pipeline",
    "code_articles": "pipeline",
    "code_text": "pipeline",
    "Database": "database",
    "open": "database",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Article",
    "ArticleResult",
    "Database",
    "DictionaryError",
    "EventMention",
    "EventwireError",
    "InputError",
    "Pipeline",
    "Place",
    "Reject",
    "Settings",
    "Span",
    "StoreError",
    "UsageError",
    "__version__",
    "code_articles",
    "code_text",
    "open",
]
