"""Run a real ``eventwire serve`` on 127.0.0.1 for tests and benchmarks, and stop it cleanly.

    with running_server(db_path) as server:
        urllib.request.urlopen(server.url("/v1/health"))

The server runs in its own process (the console script installed next to the running interpreter), on a free
loopback port, with its output in a log file (a pipe would fill up under load and stall it). Entering the
context returns once ``GET /v1/health`` answers 200; leaving it sends SIGINT (uvicorn's graceful shutdown)
and kills the process if it has not exited after ``stop_timeout`` seconds. Standard library only, so that
``benchmarks/`` can import it too (``sys.path`` gets ``tests/``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
HEALTH_PATH = "/v1/health"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class ServerStartError(RuntimeError):
    """The server exited or did not answer ``/v1/health`` in time; the message ends with its log."""


@dataclass(frozen=True, slots=True)
class RunningServer:
    """A started server: ``base_url`` is ``http://127.0.0.1:<port>``; ``log_path`` holds its stdout+stderr."""

    base_url: str
    port: int
    pid: int
    log_path: Path

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` (which starts with ``/``) on this server."""
        return self.base_url + path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def eventwire_script() -> Path:
    """The ``eventwire`` console script installed next to the running interpreter."""
    script = Path(sys.executable).with_name("eventwire")
    if not script.exists():
        raise ServerStartError(f"no `eventwire` console script next to {sys.executable}: run `make install`")
    return script


def serve_command(db: str | Path, port: int) -> list[str]:
    """The command line that serves ``db`` on 127.0.0.1:``port``."""
    return [str(eventwire_script()), "serve", "--db", str(db), "--host", HOST, "--port", str(port)]


def code_examples(db: str | Path) -> Path:
    """Code the bundled ``examples/`` into a new store at ``db`` with the CLI (as a user would); return ``db``."""
    subprocess.run(
        [str(eventwire_script()), "code", str(EXAMPLES), "--db", str(db), "--quiet", "--output", os.devnull],
        check=True, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    return Path(db)


@contextmanager
def running_server(
    db: str | Path,
    *,
    env: Mapping[str, str | None] | None = None,
    args: Sequence[str] = (),
    log_path: str | Path | None = None,
    startup_timeout: float = 90.0,
    stop_timeout: float = 15.0,
) -> Iterator[RunningServer]:
    """Serve the store ``db`` in a child process for the duration of the ``with`` block.

    ``env`` overrides the inherited environment (a ``None`` value removes a variable); ``EVENTWIRE_TOKEN`` is
    removed unless given, so a token set in the caller's shell does not change what tests see. ``args`` are
    more options for ``eventwire serve`` (``--watch DIR``...).
    """
    child_env = dict(os.environ)
    child_env.pop("EVENTWIRE_TOKEN", None)
    for key, value in (env or {}).items():
        if value is None:
            child_env.pop(key, None)
        else:
            child_env[key] = value
    if log_path is None:
        handle, name = tempfile.mkstemp(prefix="eventwire-serve-", suffix=".log")
        os.close(handle)
        log_path = name
    log_path = Path(log_path)
    port = free_port()
    command = [*serve_command(db, port), *args]
    with log_path.open("wb") as log:
        # A new session: a Ctrl-C in the terminal reaches the test runner only, which then stops us in order.
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=child_env,
            start_new_session=True,
        )  # fmt: skip
    server = RunningServer(base_url=f"http://{HOST}:{port}", port=port, pid=process.pid, log_path=log_path)
    try:
        _wait_until_healthy(process, server, timeout=startup_timeout)
        yield server
    finally:
        _stop(process, timeout=stop_timeout)


def _wait_until_healthy(process: subprocess.Popen[bytes], server: RunningServer, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        code = process.poll()
        if code is not None:
            raise ServerStartError(f"`eventwire serve` exited with status {code}\n{_tail(server.log_path)}")
        try:
            with urllib.request.urlopen(server.url(HEALTH_PATH), timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet (or answering 503 while the store opens)
        if time.monotonic() > deadline:
            raise ServerStartError(
                f"`eventwire serve` did not answer {HEALTH_PATH} within {timeout:.0f} s\n{_tail(server.log_path)}"
            )
        time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes], *, timeout: float) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def _tail(path: Path, *, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no log at {path})"
    return f"--- last lines of {path} ---\n" + "\n".join(text.splitlines()[-lines:])
