"""RFM summaries of a Spark transaction log in Spark SQL expressions (no Python UDF): :func:`rfm_summary`
and :func:`calibration_holdout`, with the periods of :func:`ltv.purchase.rfm_summary`.

A row's period, from its wall-clock time in the Spark session's time zone (set ``spark.sql.session.timeZone``
to ``UTC`` to read UTC times): ``day``: days since 1970-01-01; ``week``: ISO weeks, ``floor((day + 3) / 7)``
(week 0 starts on Monday 1969-12-29); ``month``: ``(year - 1970) * 12 + month - 1``; ``hour``:
``day * 24 + hour``; each divided (floor) by ``unit_multiple``; with ``fractional=True`` (days and weeks) the
period is the day and times are days / (days per unit). One shuffle: the rows are repartitioned by
customer, then summed per (customer, period), each customer's first period found by a window, and the
customer's row aggregated, all within that partitioning.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from .._columns import invalid_input, missing_column, shown
from ..purchase._rfm import Recency, TimeLike, TimeUnit, _instant, _options

#: The largest monetary value a row may have (``ltv_models::MAX_VALUE``).
MAX_VALUE = 1e15

_EPOCH = _dt.date(1970, 1, 1)


def _functions() -> Any:
    try:
        from pyspark.sql import functions as F
    except ImportError as err:  # pragma: no cover - the test environment has pyspark
        raise ImportError("ltv.spark needs PySpark (pip install 'ltv[spark]'; Java 17)") from err
    return F


def _floor_div(x: Any, k: int) -> Any:
    F = _functions()
    return x if k == 1 else F.floor(x / F.lit(k)).cast("long")


def _grains(df: Any, time: str) -> Tuple[Any, Any, Any]:
    """``(date, day, hour)`` columns of the time column (wall time in the session time zone), a missing or
    unparseable time failing the job with a message naming ``time``."""
    F = _functions()
    from pyspark.sql import types as T

    dtype = df.schema[time].dataType
    c = F.col(time)
    if isinstance(dtype, T.StringType):
        c = F.try_to_timestamp(c)
    elif not isinstance(dtype, (T.DateType, T.TimestampType)) and type(dtype).__name__ != "TimestampNTZType":
        raise TypeError(f"time: expected dates, timestamps or ISO strings, got a {dtype.simpleString()} column")
    bad = F.concat(F.lit(f"{time}: a missing or unparseable time ("), F.coalesce(F.col(time).cast("string"),
                   F.lit("null")), F.lit("), expected a date or time ('YYYY-MM-DD', ISO 8601)"))
    date = F.when(c.isNull(), F.raise_error(bad)).otherwise(F.to_date(c))
    day = F.datediff(date, F.lit(_EPOCH)).cast("long")
    hour = day * 24 + (F.lit(0) if isinstance(dtype, T.DateType) else F.hour(c)).cast("long")
    return date, day, hour


def _period(df: Any, time: str, unit: str, k: int, fractional: bool) -> Any:
    F = _functions()
    date, day, hour = _grains(df, time)
    if fractional:
        return day
    if unit == "hour":
        return _floor_div(hour, k)
    if unit == "day":
        return _floor_div(day, k)
    if unit == "week":
        return _floor_div(F.floor((day + 3) / F.lit(7)).cast("long"), k)
    return _floor_div(((F.year(date) - 1970) * 12 + F.month(date) - 1).cast("long"), k)


def _end_period(field: str, value: TimeLike, unit: str, k: int, fractional: bool) -> int:
    """The period of an observation or calibration end (naive wall time), as :func:`_period` computes it."""
    seconds = _instant(field, value, "s")
    day = seconds // 86_400
    if fractional:
        return day
    if unit == "hour":
        return (seconds // 3_600) // k
    if unit == "day":
        return day // k
    if unit == "week":
        return ((day + 3) // 7) // k
    return int(np.datetime64(seconds, "s").astype("datetime64[M]").astype(np.int64)) // k


def _scale(unit: str, k: int, fractional: bool) -> float:
    return (7.0 * k if unit == "week" else float(k)) if fractional else 1.0


def _period_start(first: Any, unit: str, k: int, fractional: bool) -> Any:
    """The start of a period: a date (days, weeks, months) or a timestamp (hours), as the single-machine
    summary's ``first_purchase``."""
    F = _functions()
    if fractional:
        return F.date_from_unix_date(first.cast("int"))
    start = first * k
    if unit == "hour":
        return F.timestamp_seconds(start * 3_600)
    if unit == "day":
        return F.date_from_unix_date(start.cast("int"))
    if unit == "week":
        return F.date_from_unix_date((start * 7 - 3).cast("int"))
    return F.add_months(F.lit(_EPOCH), start.cast("int"))


def _checked_value(value: str) -> Any:
    F = _functions()
    v = F.col(value).cast("double")
    bad = v.isNull() | F.isnan(v) | (v < 0) | (v > MAX_VALUE)
    message = F.concat(F.lit(f"{value}: got "), F.coalesce(F.col(value).cast("string"), F.lit("null")),
                       F.lit(f", expected a finite monetary value in [0, {MAX_VALUE:e}]"))
    return F.when(bad, F.raise_error(message)).otherwise(v)


def _rows(df: Any, customer: str, time: str, value: Optional[str], unit: str, k: int, fractional: bool) -> Any:
    """``(customer, p, v)``: every row's checked customer, period and value (0 without a value column)."""
    F = _functions()
    for keyword, name in (("customer", customer), ("time", time), ("value", value)):
        if name is not None and name not in df.columns:
            raise missing_column(keyword, name, df.columns)
    cust = F.when(F.col(customer).isNull(), F.raise_error(F.lit(f"{customer}: a missing customer id (null)")))
    return df.select(
        cust.otherwise(F.col(customer)).alias("customer"),
        _period(df, time, unit, k, fractional).alias("p"),
        (F.lit(0.0) if value is None else _checked_value(value)).alias("v"),
    )


def _customers(rows: Any, end: Any, cal: Optional[int]) -> Any:
    """One row per customer first seen by period ``cal`` (columns: first, last, repeats, repeat_value,
    holdout purchases and value), from the rows up to ``end`` (a column of ``rows`` or a literal); no
    holdout when ``cal`` is ``None``."""
    F = _functions()
    from pyspark.sql import Window

    kept = rows.filter(F.col("p") <= end).repartition("customer")
    periods = kept.groupBy("customer", "p").agg(F.sum("v").alias("v"))
    periods = periods.withColumn("first", F.min("p").over(Window.partitionBy("customer")))
    calibration = F.lit(True) if cal is None else F.col("p") <= F.lit(cal)
    holdout = F.lit(False) if cal is None else F.col("p") > F.lit(cal)
    repeat = calibration & (F.col("p") != F.col("first"))
    out = periods.groupBy("customer").agg(
        F.min("first").alias("first"),
        F.max(F.when(calibration, F.col("p"))).alias("last"),
        F.count(F.when(repeat, True)).alias("repeats"),
        F.coalesce(F.sum(F.when(repeat, F.col("v"))), F.lit(0.0)).alias("repeat_value"),
        F.count(F.when(holdout, True)).alias("holdout_purchases"),
        F.coalesce(F.sum(F.when(holdout, F.col("v"))), F.lit(0.0)).alias("holdout_value"),
    )
    return out if cal is None else out.filter(F.col("first") <= F.lit(cal))


def _mean(total: str, n: str) -> Any:
    F = _functions()
    return F.when(F.col(n) == 0, F.lit(0.0)).otherwise(F.col(total) / F.col(n).cast("double"))


def _summary_columns(customer: str, cal_end: Any, has_value: bool, options: Tuple[str, int, bool, str]) -> List[Any]:
    F = _functions()
    unit, k, fractional, recency = options
    scale = F.lit(_scale(unit, k, fractional))
    first, last = F.col("first"), F.col("last")
    t_x = (last - first).cast("double") / scale
    cols = [
        F.col("customer").alias(customer),
        F.col("repeats").cast("double").alias("frequency"),
        (t_x if recency == "since_first" else (cal_end - last).cast("double") / scale).alias("recency"),
        ((cal_end - first).cast("double") / scale).alias("age"),
    ]
    if has_value:
        cols.append(_mean("repeat_value", "repeats").alias("monetary_value"))
    cols.append(_period_start(first, unit, k, fractional).alias("first_purchase"))
    return cols


def _end(rows: Any, observation_end: Optional[TimeLike], options: Tuple[str, int, bool, str]) -> Tuple[Any, Any, Any]:
    """The rows with an ``end`` column (the observation end's period, or the last row's), the end as a
    column, and a function adding the ``end`` column to the per-customer frame."""
    F = _functions()
    unit, k, fractional, _ = options
    if observation_end is None:
        last = F.broadcast(rows.agg(F.max("p").alias("end")))
        return rows.crossJoin(last), F.col("end"), lambda per: per.crossJoin(last)
    end_period = _end_period("observation_end", observation_end, unit, k, fractional)
    _check_before_first(rows, observation_end, end_period)
    end = F.lit(end_period)
    return rows.withColumn("end", end), end, lambda per: per.withColumn("end", end)


def _check_before_first(rows: Any, observation_end: TimeLike, end_period: int, field: str = "observation_end") -> None:
    """An :class:`ltv.InvalidInputError` naming ``field`` (``observation_end`` or ``calibration_end``) when it
    falls before every purchase (one job: an aggregate min over the rows' periods; an empty log passes)."""
    first = rows.agg(_functions().min("p").alias("first")).first()
    if first is not None and first["first"] is not None and int(first["first"]) > end_period:
        what = "the observation end" if field == "observation_end" else "the calibration end"
        raise invalid_input(field, repr(observation_end), None,
                            f"a time at or after the first purchase (period {int(first['first'])}; {what} is "
                            f"period {end_period})")


def rfm_summary(
    df: Any,
    *,
    customer: str = "customer_id",
    time: str = "date",
    value: Optional[str] = None,
    observation_end: Optional[TimeLike] = None,
    unit: TimeUnit = "day",
    unit_multiple: int = 1,
    fractional: bool = False,
    recency: Recency = "since_first",
    return_counts: bool = False,
) -> Any:
    """:func:`ltv.purchase.rfm_summary` of a Spark DataFrame, as a lazy Spark DataFrame: one row per
    customer with ``frequency``, ``recency``, ``age``, ``monetary_value`` (with ``value``) and
    ``first_purchase``, the same numbers (same-period merging, inclusive observation end, mean value of the
    repeat periods, calendar weeks and months). Rows are not ordered.

    The keywords are those of :func:`ltv.purchase.rfm_summary`; lifetimes' names map as ``customer_id_col``
    -> ``customer``, ``datetime_col`` -> ``time``, ``monetary_value_col`` -> ``value``,
    ``observation_period_end`` -> ``observation_end``, ``freq`` / ``freq_multiplier`` -> ``unit`` /
    ``unit_multiple``. The default observation end is the last transaction (an aggregate over the log,
    broadcast). ``return_counts=True`` returns ``(frame, counts)`` and runs one job to count the rows after
    the observation end.

    Bad rows fail the job when it runs (a Spark error whose message names the column and value): a null
    id, a null or unparseable time, a null, NaN, negative, infinite or too large value.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The transaction log, one row per transaction, in any order (classic or Spark Connect).
    customer : str
        The column of customer ids (integers or strings; a null fails the job).
    time : str
        The column of transaction times: dates, timestamps or ISO 8601 strings (wall time in the session's
        time zone).
    value : str, optional
        The column of transaction values (money units, finite, in [0, :data:`MAX_VALUE`]); ``None``
        (default): no monetary columns.
    observation_end : str, datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp, optional
        The end of observation, inclusive of its whole period; later rows are ignored. Default: the last
        transaction. An explicit end is checked against the first purchase (one aggregate job).
    unit : {"day", "week", "month", "hour"}
        The time unit: calendar days, ISO weeks (Monday to Sunday), calendar months or hours.
    unit_multiple : int
        Units per period, a whole number in [1, 10000] (3 months = the calendar quarters).
    fractional : bool
        Days and weeks only: purchases merged per day and times in days / (days per unit), the convention of
        the published CDNOW summaries (weeks = days / 7).
    recency : {"since_first", "since_last"}
        What the ``recency`` column holds: ``t_x`` since the first purchase (the models' input), or ``T - t_x``.
    return_counts : bool
        Also return the counts of rows ignored: ``(frame, {"rows_after_observation_end": n})`` (one job).

    Returns
    -------
    pyspark.sql.DataFrame, or (pyspark.sql.DataFrame, dict of str to int)
        One row per customer (lazy, unordered): the customer column, ``frequency``, ``recency``, ``age`` (in
        periods of ``unit_multiple`` x ``unit``), ``monetary_value`` (with ``value``), ``first_purchase``.

    Raises
    ------
    InvalidInputError
        An ``observation_end`` before every purchase (``.field == "observation_end"``), an unparseable
        ``observation_end``, or an option out of range (``fractional`` with hours or months,
        ``unit_multiple`` outside [1, 10000]).
    MissingColumnError
        A ``customer``, ``time`` or ``value`` that names no column of ``df`` (``.field`` the keyword).
    TypeError
        A ``time`` column that holds neither dates, timestamps nor strings.

    Examples
    --------
    >>> from ltv.spark import rfm_summary
    >>> log = spark.createDataFrame([(1, "2015-02-01"), (1, "2015-02-06"), (2, "2015-01-01")], ["customer_id", "date"])
    >>> out = rfm_summary(log, observation_end="2015-02-07").orderBy("customer_id")
    >>> [tuple(r)[:4] for r in out.collect()]
    [(1, 1.0, 5.0, 6.0), (2, 0.0, 0.0, 37.0)]
    """
    options = _options(unit, unit_multiple, fractional, recency)
    _check_fractional(options)
    rows = _rows(df, customer, time, value, options[0], options[1], options[2])
    rows, end, with_end = _end(rows, observation_end, options)
    end_col = _functions().col("end")
    out = with_end(_customers(rows, end, None)).select(*_summary_columns(customer, end_col, value is not None, options))
    if not return_counts:
        return out
    counts = {"rows_after_observation_end": int(rows.filter(_functions().col("p") > end).count())}
    return out, counts


def _check_fractional(options: Tuple[str, int, bool, str]) -> None:
    unit, k, fractional, _ = options
    if fractional and unit in ("hour", "month"):
        raise invalid_input("fractional", "True", None, "fractional times only for unit='day' or 'week'")
    if not 1 <= k <= 10_000:
        raise invalid_input("unit_multiple", shown(k), None, "a whole number of units per period in 1..=10000")


def calibration_holdout(
    df: Any,
    *,
    calibration_end: TimeLike,
    observation_end: Optional[TimeLike] = None,
    customer: str = "customer_id",
    time: str = "date",
    value: Optional[str] = None,
    unit: TimeUnit = "day",
    unit_multiple: int = 1,
    fractional: bool = False,
    recency: Recency = "since_first",
    return_counts: bool = False,
) -> Any:
    """:func:`ltv.purchase.calibration_holdout` of a Spark DataFrame, as a lazy Spark DataFrame: the summary
    to ``calibration_end`` (inclusive of its period) plus ``holdout_frequency``, ``holdout_monetary_value``
    (with ``value``) and ``holdout_duration``; customers first seen in the holdout are left out
    (``return_counts=True`` counts them, and the rows after the observation end, in one extra job).
    lifetimes' ``calibration_period_end`` is ``calibration_end``.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The transaction log, one row per transaction, in any order.
    calibration_end : str, datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp
        The end of the calibration period, inclusive of its whole period.
    observation_end : str, datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp, optional
        The end of the holdout, inclusive of its whole period; later rows are ignored. Default: the last
        transaction. An explicit end is checked against the first purchase (one aggregate job).
    customer : str
        The column of customer ids (integers or strings; a null fails the job).
    time : str
        The column of transaction times: dates, timestamps or ISO 8601 strings (wall time in the session's
        time zone).
    value : str, optional
        The column of transaction values (money units, finite, in [0, :data:`MAX_VALUE`]); ``None``
        (default): no monetary columns.
    unit : {"day", "week", "month", "hour"}
        The time unit: calendar days, ISO weeks (Monday to Sunday), calendar months or hours.
    unit_multiple : int
        Units per period, a whole number in [1, 10000] (3 months = the calendar quarters).
    fractional : bool
        Days and weeks only: purchases merged per day and times in days / (days per unit), the convention of
        the published CDNOW summaries (weeks = days / 7).
    recency : {"since_first", "since_last"}
        What the ``recency`` column holds: ``t_x`` since the first purchase (the models' input), or ``T - t_x``.
    return_counts : bool
        Also return the counts: ``(frame, {"rows_after_observation_end": n, "customers_first_in_holdout": m})``.

    Returns
    -------
    pyspark.sql.DataFrame, or (pyspark.sql.DataFrame, dict of str to int)
        One row per customer first seen by ``calibration_end`` (lazy, unordered): the summary columns of
        :func:`rfm_summary` to ``calibration_end`` plus ``holdout_frequency``, ``holdout_monetary_value``
        (with ``value``) and ``holdout_duration`` (in periods).

    Raises
    ------
    InvalidInputError
        A ``calibration_end`` after an explicit ``observation_end`` (with the default end: the job fails), an
        ``observation_end`` or ``calibration_end`` before every purchase (``.field`` names it; one Spark job
        each), or an option out of range.
    MissingColumnError
        A ``customer``, ``time`` or ``value`` that names no column of ``df``.
    TypeError
        A ``time`` column that holds neither dates, timestamps nor strings.

    Examples
    --------
    >>> from ltv.spark import calibration_holdout
    >>> log = spark.createDataFrame([(1, "2015-01-01"), (1, "2015-01-04"), (1, "2015-01-09")], ["customer_id", "date"])
    >>> row = calibration_holdout(log, calibration_end="2015-01-05").first()
    >>> row.frequency, row.age, row.holdout_frequency, row.holdout_duration
    (1.0, 4.0, 1.0, 4.0)
    """
    F = _functions()
    options = _options(unit, unit_multiple, fractional, recency)
    _check_fractional(options)
    unit_, k, frac, _ = options
    cal = _end_period("calibration_end", calibration_end, unit_, k, frac)
    if observation_end is not None and _instant("calibration_end", calibration_end, "s") > _instant(
        "observation_end", observation_end, "s"
    ):
        raise invalid_input("calibration_end", repr(calibration_end), None, f"a time at or before observation_end = {observation_end!r}")
    rows = _rows(df, customer, time, value, unit_, k, frac)
    rows, end, with_end = _end(rows, observation_end, options)  # checks an explicit observation_end first
    _check_before_first(rows, calibration_end, cal, "calibration_end")  # as ltv.purchase.calibration_holdout
    if observation_end is None:
        end = F.when(end < F.lit(cal), F.raise_error(F.lit(
            f"calibration_end: got {calibration_end!r}, after the last transaction (the observation end): expected a time at or before it"
        ))).otherwise(end)
    per = with_end(_customers(rows, end, cal))
    cols = _summary_columns(customer, F.lit(cal), value is not None, options)
    cols.append(F.col("holdout_purchases").cast("double").alias("holdout_frequency"))
    if value is not None:
        cols.append(_mean("holdout_value", "holdout_purchases").alias("holdout_monetary_value"))
    cols.append(((F.col("end") - F.lit(cal)).cast("double") / F.lit(_scale(unit_, k, frac))).alias("holdout_duration"))
    out = per.select(*cols)
    if not return_counts:
        return out
    everyone = _customers(rows, end, None)
    counts: Dict[str, int] = {
        "rows_after_observation_end": int(rows.filter(F.col("p") > end).count()),
        "customers_first_in_holdout": int(everyone.filter(F.col("first") > F.lit(cal)).count()),
    }
    return out, counts
