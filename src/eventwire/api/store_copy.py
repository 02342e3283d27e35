"""Read-only copies of the served store, for other processes that want to read it (``eventwire.serving``).

The server holds its store's file lock, so no other process can open the file. On request
(``GET /v1/snapshot``) the server copies the database, inside one DuckDB transaction and while no write can
run, into ``<store>.reads/<pid>-<generation>.duckdb``: a complete, consistent store that any process may open
read-only. One copy is made per store generation (the server's write counter) and handed to every reader
until the next write; older copies are deleted then (a reader that still has one open keeps reading it)
and the whole folder when the server stops.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import duckdb

from ..errors import StoreError

__all__ = ["StoreCopies"]


class StoreCopies:
    """The copies of one served store."""

    def __init__(self, store_path: str) -> None:
        self.folder = None if store_path == ":memory:" else Path(store_path).with_name(Path(store_path).name + ".reads")
        self._current: tuple[int, Path] | None = None

    def copy(self, con: duckdb.DuckDBPyConnection, generation: int, lock: threading.Lock) -> Path:
        """The copy of the store at ``generation``, made now on ``con`` (the writer's connection) under
        ``lock`` (the lock every write takes) unless it exists already."""
        if self.folder is None:
            raise StoreError("an in-memory store has no file to copy for other readers", code="E321")
        with lock:
            if self._current is not None and self._current[0] == generation and self._current[1].exists():
                return self._current[1]
            self.folder.mkdir(parents=True, exist_ok=True)
            dest = self.folder / f"{os.getpid()}-{generation}.duckdb"
            partial = dest.with_name(dest.stem + ".partial.duckdb")
            for leftover in (dest, partial):
                leftover.unlink(missing_ok=True)
            name = con.execute("SELECT current_database()").fetchall()[0][0]
            target = "'" + str(partial).replace("'", "''") + "'"
            try:
                con.execute(f"ATTACH {target} AS _ew_read_copy").fetchall()
                try:
                    con.execute(f'COPY FROM DATABASE "{name}" TO _ew_read_copy').fetchall()
                finally:
                    con.execute("DETACH _ew_read_copy").fetchall()
            except duckdb.Error as exc:
                partial.unlink(missing_ok=True)
                raise StoreError(f"could not copy the store for reading: {exc}", code="E322") from exc
            partial.replace(dest)
            old, self._current = self._current, (generation, dest)
            if old is not None and old[1] != dest:
                old[1].unlink(missing_ok=True)
            return dest

    def clear(self) -> None:
        """Delete every copy this server made (called when the server stops)."""
        self._current = None
        if self.folder is not None and self.folder.exists():
            for path in self.folder.glob(f"{os.getpid()}-*.duckdb*"):
                path.unlink(missing_ok=True)
            if not any(self.folder.iterdir()):
                shutil.rmtree(self.folder, ignore_errors=True)
