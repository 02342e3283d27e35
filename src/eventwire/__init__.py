"""eventwire: dated news articles in, explained CAMEO/PLOVER political events out.

::

    import eventwire
    for m in eventwire.code_text("Iran fired missiles at US forces in Iraq.", date=date(2020, 1, 8)):
        print(m.source.code, m.cameo, m.target.code)

Nothing heavy happens at import: the spaCy pipeline and dictionaries load on first use.
"""

from __future__ import annotations

from .errors import DictionaryError, EventwireError, InputError, StoreError, UsageError
from .model import ActorRef, Article, EventMention, Place, Reject, Span
from .pipeline import ArticleResult, Pipeline, code_articles, code_text
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Article",
    "ArticleResult",
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
]
