"""Reading a store while ``eventwire serve`` holds it: the server file and the snapshot it hands out.

DuckDB lets one process open a database file for writing and, while it does, no other process may open it
at all, not even to read. ``eventwire serve`` holds its store for as long as it runs, so it leaves a note
next to it, ``<store>.server.json`` (``{"pid", "host", "port", "store", "started_at"}``), and removes it
when it stops. A reader that finds the store locked (``StoreError`` E301) reads that note, checks that the
process is alive, and asks the server for a consistent read-only copy of the store (``GET /v1/snapshot``,
answered only to this machine); the server makes one per store generation (a new one after each write)
and the reader opens that copy read-only. Writes stay single-writer: only the server writes its store.

Standard library only: the Python API uses this without importing the web stack.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import StoreError

__all__ = ["ServerInfo", "read_server_file", "remove_server_file", "request_snapshot", "server_file", "write_server_file"]

SUFFIX = ".server.json"


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """What a running server says about itself in its server file."""

    pid: int
    host: str
    port: int
    store: str
    started_at: str

    @property
    def url(self) -> str:
        """The base URL to reach the server from this machine."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "", "::") else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"


def server_file(store: str | Path) -> Path:
    """The server file of the store at ``store`` (next to it)."""
    path = Path(store)
    return path.with_name(path.name + SUFFIX)


def write_server_file(store: str | Path, *, host: str, port: int, pid: int | None = None) -> Path:
    """Record that this process (or ``pid``) serves ``store`` on ``host``:``port``; return the file."""
    info = ServerInfo(
        pid=pid if pid is not None else os.getpid(), host=host, port=port, store=str(Path(store).resolve()),
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )  # fmt: skip
    path = server_file(store)
    tmp = path.with_name(path.name + f".{info.pid}.tmp")
    tmp.write_text(json.dumps(asdict(info)), encoding="utf-8")
    tmp.replace(path)  # readers never see half a file
    return path


def remove_server_file(store: str | Path, *, pid: int | None = None) -> None:
    """Remove the server file if it is this process's (or ``pid``'s); another server's file is left alone."""
    path = server_file(store)
    info = _read(path)
    if info is not None and info.pid == (pid if pid is not None else os.getpid()):
        path.unlink(missing_ok=True)


def read_server_file(store: str | Path) -> ServerInfo | None:
    """The server serving ``store``, or None when there is no server file or its process is gone."""
    info = _read(server_file(store))
    if info is None or not _alive(info.pid):
        return None
    return info


def request_snapshot(info: ServerInfo, *, timeout: float = 120.0) -> Path:
    """Ask the server for a read-only copy of its store as it is now; return the copy's path.

    Raises StoreError E320 when the server cannot be reached or refuses."""
    url = info.url + "/v1/snapshot"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise StoreError(
            f"the store {info.store} is held by `eventwire serve` (process {info.pid}, {info.url}), which did not "
            f"hand out a copy to read: {exc}",
            code="E320",
        ) from exc
    return Path(body["path"])


def _read(path: Path) -> ServerInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerInfo(**{k: data[k] for k in ("pid", "host", "port", "store", "started_at")})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True
