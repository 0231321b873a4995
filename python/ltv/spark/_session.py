"""A quiet local Spark session for notebooks and tests: :func:`local_session`."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
"""


def _log4j_file() -> str:
    path = os.path.join(tempfile.gettempdir(), "ltv-spark-log4j2.properties")
    with open(path, "w", encoding="utf-8") as f:
        f.write(_LOG4J)
    return path


def local_session(*, cores: int = 2, app_name: str = "ltv", memory: str = "1g") -> Any:
    """A ``local[cores]`` SparkSession bound to 127.0.0.1, with the UI and the progress bar off, log4j at
    ``error``, the UTC session time zone, ``cores`` shuffle partitions, Arrow on and the Python workers
    running this interpreter (or the active session when one runs). Needs Java 17 (``java -version``).

    Parameters
    ----------
    cores : int
        Worker threads (``local[cores]``), also the number of shuffle partitions.
    app_name : str
        The Spark application name.
    memory : str
        The driver's memory, a JVM size such as ``"1g"``.

    Returns
    -------
    pyspark.sql.SparkSession
        The new session, or the active one (its settings unchanged).

    Raises
    ------
    ImportError
        PySpark is not installed (``pip install 'ltv[spark]'``).

    Examples
    --------
    >>> from ltv.spark import local_session
    >>> session = local_session()
    >>> session.conf.get("spark.sql.session.timeZone")
    'UTC'
    """
    from pyspark.sql import SparkSession

    # The Python workers run this interpreter (where ltv is installed) unless PYSPARK_PYTHON says otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    log4j = f"-Dlog4j2.configurationFile=file:{_log4j_file()} -Dlog4j.configurationFile=file:{_log4j_file()}"
    builder = (
        SparkSession.builder.master(f"local[{int(cores)}]")
        .appName(app_name)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", memory)
        .config("spark.pyspark.python", sys.executable)  # workers import ltv from this interpreter
        .config("spark.driver.extraJavaOptions", log4j)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(int(cores)))
        .config("spark.default.parallelism", str(int(cores)))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    return builder.getOrCreate()
