"""Starting Spark for eventwire: Java and pyspark checked first, loopback only for local masters, no UI.

Local masters (``local``, ``local[N]``, ``local[*]``) bind the driver to 127.0.0.1, set
``SPARK_LOCAL_IP=127.0.0.1`` for the JVM and turn the Spark UI off, so nothing listens beyond this machine;
other masters keep the cluster's own settings. Python workers run the
interpreter that runs eventwire (``spark.pyspark.python``), so they import the same packages; on a cluster
``PYSPARK_PYTHON`` (a packaged environment, see docs/scale-out.md) takes precedence.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EngineError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[2]"
LOOPBACK = "127.0.0.1"
#: The lowest Java release Spark 4 runs on.
MIN_JAVA = 17


def is_local(master: str) -> bool:
    """Whether ``master`` runs Spark inside this process's JVM (``local``, ``local[2]``, ``local[*]``...)."""
    return master == "local" or master.startswith("local[")


def java_version() -> int | None:
    """The major version of the ``java`` that Spark will start (``JAVA_HOME`` first, else ``PATH``), or None."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        return None
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in done.stderr.splitlines():
        if "version" in line and '"' in line:
            number = line.split('"')[1]
            head = number.split(".")[0]
            # "1.8.0_292" is Java 8; "17.0.15" is Java 17
            return int(number.split(".")[1]) if head == "1" else int(head) if head.isdigit() else None
    return None


def check_engine() -> None:
    """Raise EngineError when Spark cannot run here: E601 no Java (or older than 17), E602 no pyspark."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise EngineError(
            "the Spark engine needs pyspark: install eventwire with its `spark` extra "
            "(pip install 'eventwire[spark]'; `make install` does)",
            code="E602",
        ) from exc
    version = java_version()
    if version is None:
        raise EngineError(
            f"the Spark engine needs Java {MIN_JAVA} or later and found none (set JAVA_HOME or put `java` on "
            "PATH; on Debian: apt-get install openjdk-17-jre-headless)",
            code="E601",
        )
    if version < MIN_JAVA:
        raise EngineError(f"the Spark engine needs Java {MIN_JAVA} or later, found Java {version}", code="E601")


def start_spark(
    master: str = DEFAULT_MASTER,
    *,
    app_name: str = "eventwire",
    local_dir: str | Path | None = None,
    config: dict[str, str] | None = None,
) -> SparkSession:
    """A SparkSession on ``master`` (the running one when this process has one). Stop it when done.

    ``local_dir`` holds Spark's scratch files (shuffles, spills); ``config`` adds or overrides settings.
    Raises EngineError E601/E602 (see ``check_engine``).
    """
    check_engine()
    from pyspark.sql import SparkSession

    # The JVM inherits this process's environment (its only way to learn the address to bind), and pyspark
    # reads the Python for its workers from it (PYSPARK_PYTHON; spark.pyspark.python is not consulted).
    if is_local(master):
        os.environ["SPARK_LOCAL_IP"] = LOOPBACK
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    settings = {
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        # Python worker processes are kept between tasks, so each loads the model and dictionaries once.
        "spark.python.worker.reuse": "true",
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={_log_config()}",
    }
    if is_local(master):  # nothing listens beyond this machine: no UI, the driver on the loopback
        settings.update({"spark.ui.enabled": "false", "spark.driver.host": LOOPBACK, "spark.driver.bindAddress": LOOPBACK})
    if local_dir is not None:
        settings["spark.local.dir"] = str(local_dir)
    settings.update(config or {})
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@contextmanager
def spark_session(master: str = DEFAULT_MASTER, **options: object) -> Iterator[SparkSession]:
    """``start_spark(master, **options)`` for the block; stopped after it unless it was already running
    (a session the caller started is theirs to stop)."""
    check_engine()
    from pyspark.sql import SparkSession

    running = SparkSession.getActiveSession()
    spark = start_spark(master, **options)  # type: ignore[arg-type]
    try:
        yield spark
    finally:
        if running is None:
            spark.stop()


def _log_config() -> str:
    """Spark's log4j2 settings shipped with eventwire: errors only (the library itself never prints)."""
    return str(resources.files("eventwire.distributed").joinpath("log4j2.properties"))
