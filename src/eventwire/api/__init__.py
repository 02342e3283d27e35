"""The HTTP API and dashboard (``eventwire serve``; docs/http-api.md).

::

    from eventwire.api import create_app
    app = create_app("eventwire.duckdb")      # a FastAPI application; serve it with uvicorn
"""

from __future__ import annotations

from .app import create_app
from .service import ApiService, ApiSettings

__all__ = ["ApiService", "ApiSettings", "create_app"]
