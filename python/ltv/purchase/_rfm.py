"""RFM summaries of transaction logs: :func:`rfm_summary` and :func:`calibration_holdout`.

This module only encodes the frame's columns (customer ids to int64 keys or dense codes, times to int64
ticks of their own unit, with no copy for numpy-backed datetimes) and builds the output frame; every number
comes from the Rust engine (``ltv_models::rfm_summary`` / ``calibration_holdout``, GIL released).

Time conventions (those of ``ltv_models::RfmOptions``):

- a period is ``unit_multiple`` units of ``unit`` on a grid fixed at the epoch: calendar days, ISO weeks
  (Monday to Sunday), calendar months (3 months = the calendar quarters) or hours (UTC wall time; a
  tz-aware column is read in its own wall time);
- a customer's purchases in one period are one purchase (values summed); ``frequency`` counts the purchase
  periods after the first, ``recency`` and ``age`` are differences of period indices (lifetimes'
  convention), so daily ``(x, t_x, T)`` of purchases on days 3 and 7 observed to day 10 is ``(1, 4, 7)``;
- ``fractional=True`` (days and weeks): purchases merged per day, times = days / (days per unit), the
  convention of the published CDNOW summaries (weeks = days / 7);
- ``observation_end`` and ``calibration_end`` are inclusive of their whole period; later rows are ignored
  and counted (``return_counts=True``, and ``DataFrame.attrs`` for pandas). A customer first seen in the
  observation end's period has ``age = 0`` (the purchase models accept it: such a row adds nothing to a fit).

>>> import pandas as pd
>>> from ltv.purchase import rfm_summary
>>> log = pd.DataFrame({
...     "customer_id": [1, 1, 2, 3, 3, 3],
...     "date": ["2015-02-01", "2015-02-06", "2015-01-01", "2015-01-01", "2015-01-02", "2015-01-05"],
... })
>>> rfm_summary(log, observation_end="2015-02-07")[["frequency", "recency", "age"]]
             frequency  recency   age
customer_id
1                  1.0      5.0   6.0
2                  0.0      0.0  37.0
3                  2.0      4.0  37.0
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Literal, Optional, Tuple, Union, overload

import numpy as np
import numpy.typing as npt

from .. import _ltv
from .._columns import has_pandas, invalid_input, is_pandas, is_polars, missing_column, option, shown, whole

__all__ = ["TimeUnit", "Recency", "TimeLike", "rfm_summary", "calibration_holdout"]

# Unions of one-string Literals (the same type as Literal["day", ...]; stubtest compares them as Unions, see
# ltv.leads.RankBy).
TimeUnit = Union[Literal["day"], Literal["week"], Literal["month"], Literal["hour"]]
"""The unit of a period (``ltv_models::TimeUnit``)."""

Recency = Union[Literal["since_first"], Literal["since_last"]]
"""What ``recency`` holds: ``t_x`` since the first purchase (the models' input), or ``T - t_x``."""

TimeLike = Union[str, _dt.date, _dt.datetime, np.datetime64, Any]
"""A date or time: an ISO string, ``datetime.date`` / ``datetime``, ``numpy.datetime64``, ``pandas.Timestamp``."""

_Int = npt.NDArray[np.int64]
_NAT = np.iinfo(np.int64).min
_BASES = ("D", "s", "ms", "us", "ns")


# --- customers -----------------------------------------------------------------------------------------------


def _customers(x: Any) -> Tuple[_Int, Optional[Any]]:
    """int64 keys and, when the keys are codes, the distinct ids they index (sorted where the ids sort)."""
    if is_polars(x):
        import polars as pl

        if x.dtype.is_integer() and x.null_count() == 0 and (len(x) == 0 or x.min() >= 0) and x.dtype != pl.UInt64:
            return np.ascontiguousarray(x.cast(pl.Int64).to_numpy()), None
        distinct = x.drop_nulls().unique().sort()
        codes = x.rank("dense").cast(pl.Int64).fill_null(0).to_numpy() - 1
        return np.ascontiguousarray(codes, dtype=np.int64), distinct.to_numpy()
    if is_pandas(x):
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        if getattr(x.dtype, "kind", "") in ("i", "u") and not x.hasnans and x.dtype != np.uint64:
            arr = x.to_numpy()
            if arr.size == 0 or arr.min() >= 0:
                return np.ascontiguousarray(arr, dtype=np.int64), None
        try:
            codes, distinct = pd.factorize(x, sort=True, use_na_sentinel=True)
        except TypeError:  # ids of mixed types do not sort: first-appearance order
            codes, distinct = pd.factorize(x, sort=False, use_na_sentinel=True)
        return np.ascontiguousarray(codes, dtype=np.int64), distinct
    raise TypeError(f"customer: expected a pandas or polars column, got {type(x).__name__}")


# --- times ---------------------------------------------------------------------------------------------------


def _datetime64(arr: Any) -> Tuple[_Int, str]:
    """A datetime64 array as int64 ticks (a view, no copy) and its base, ``D`` .. ``ns``."""
    base = np.datetime_data(arr.dtype)[0]
    if base not in _BASES:
        arr, base = arr.astype("datetime64[s]"), "s"
    return np.ascontiguousarray(arr).view(np.int64), base


def _parse_strings(values: Any, original_missing: Any) -> Tuple[_Int, str]:
    """ISO 8601 strings by numpy's parser; an unparseable one is an InvalidInputError naming its row."""
    for row, v in enumerate(values):
        # A number or bool is no date (numpy would read it as an epoch offset).
        if not original_missing[row] and not isinstance(v, (str, _dt.date, np.datetime64)):
            raise invalid_input("time", shown(repr(v)), row, "a date or time ('YYYY-MM-DD', ISO 8601)")
    try:
        parsed = np.array(values, dtype="datetime64[ns]")
    except (TypeError, ValueError):
        parsed = np.empty(len(values), dtype="datetime64[ns]")
        for row, v in enumerate(values):
            try:
                parsed[row] = np.datetime64("NaT") if original_missing[row] else np.datetime64(v, "ns")
            except (TypeError, ValueError):
                raise invalid_input("time", repr(v), row, "a date or time ('YYYY-MM-DD', ISO 8601)") from None
    return _datetime64(parsed)


def _times(x: Any) -> Tuple[_Int, str]:
    if is_polars(x):
        import polars as pl

        if x.dtype == pl.Date:
            return np.ascontiguousarray(x.cast(pl.Int64).fill_null(_NAT).to_numpy()), "D"
        if isinstance(x.dtype, pl.Datetime):
            if x.dtype.time_zone is not None:
                x = x.dt.replace_time_zone(None)
            return np.ascontiguousarray(x.cast(pl.Int64).fill_null(_NAT).to_numpy()), x.dtype.time_unit
        if x.dtype in (pl.String, pl.Utf8, pl.Object):
            values = x.to_list()
            return _parse_strings([None if v is None else v for v in values], [v is None for v in values])
        raise TypeError(f"time: expected dates, datetimes or ISO strings, got a {x.dtype} column")
    if is_pandas(x):
        import pandas as pd

        if isinstance(x.dtype, pd.DatetimeTZDtype):
            x = x.dt.tz_localize(None)
        if getattr(x.dtype, "kind", None) == "M":
            return _datetime64(x.to_numpy())
        if getattr(x.dtype, "kind", "") in ("i", "u", "f", "b"):
            raise TypeError(f"time: expected dates, datetimes or ISO strings, got a {x.dtype} column")
        missing = x.isna().to_numpy()
        for row, v in enumerate(x.to_numpy()):
            # A number or bool is no date (pandas would read it as an epoch offset, or warn).
            if not missing[row] and not isinstance(v, (str, _dt.date, np.datetime64)):
                raise invalid_input("time", shown(repr(v)), row, "a date or time ('YYYY-MM-DD', ISO 8601)")
        parsed = pd.to_datetime(x, errors="coerce", format="ISO8601")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_localize(None)
        bad = parsed.isna().to_numpy() & ~missing
        if bad.any():
            row = int(np.argmax(bad))
            raise invalid_input("time", repr(x.iloc[row]), row, "a date or time ('YYYY-MM-DD', ISO 8601)")
        return _datetime64(parsed.to_numpy())
    raise TypeError(f"time: expected a pandas or polars column, got {type(x).__name__}")


def _instant(field: str, value: TimeLike, base: str) -> int:
    """An observation or calibration end in the time column's base (truncated to it)."""
    if is_pandas(value) or isinstance(value, _dt.datetime) and value.tzinfo is not None:
        import pandas as pd

        ts = pd.Timestamp(value)
        value = (ts.tz_localize(None) if ts.tzinfo is not None else ts).to_datetime64()
    try:
        t = np.datetime64(value)
    except (TypeError, ValueError):
        raise invalid_input(field, repr(value), None, "a date or time ('YYYY-MM-DD', ISO 8601)") from None
    if np.isnat(t):
        raise invalid_input(field, "NaT", None, "a date or time (not null)")
    return int(t.astype(f"datetime64[{base}]").astype(np.int64))


# --- values --------------------------------------------------------------------------------------------------


def _values(x: Any) -> npt.NDArray[np.float64]:
    if is_polars(x):
        import polars as pl

        if x.dtype == pl.Boolean or not x.dtype.is_numeric():
            raise TypeError(f"value: expected numbers, got a {x.dtype} column")
        return np.ascontiguousarray(x.cast(pl.Float64).fill_null(np.nan).to_numpy(), dtype=np.float64)
    if getattr(x.dtype, "kind", "") not in ("i", "u", "f"):
        raise TypeError(f"value: expected numbers, got a {x.dtype} column")
    return np.ascontiguousarray(x.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)


# --- options -------------------------------------------------------------------------------------------------


def _options(unit: Any, unit_multiple: Any, fractional: Any, recency: Any) -> Tuple[str, int, bool, str]:
    """The options as Rust takes them: a wrong kind is a TypeError naming the option, a multiple beyond
    32 bits an InvalidInputError (Rust checks the values themselves)."""
    multiple = whole("unit_multiple", unit_multiple)
    if not 0 <= multiple < 2**32:
        raise invalid_input("unit_multiple", shown(multiple), None, "a whole number of units per period in 1..=10000")
    if not isinstance(fractional, (bool, np.bool_)):
        raise TypeError(f"fractional: expected a bool, got {type(fractional).__name__}")
    return (
        option("unit", unit, ("day", "week", "month", "hour")),
        multiple,
        bool(fractional),
        option("recency", recency, ("since_first", "since_last")),
    )


# --- frames --------------------------------------------------------------------------------------------------


def _columns(frame: Any, customer: str, time: str, value: Optional[str]) -> Tuple[Any, Any, Any, str]:
    if not (is_pandas(frame) or is_polars(frame)) or not hasattr(frame, "columns"):
        raise TypeError(f"transactions: expected a pandas or polars DataFrame, got {type(frame).__name__}")
    for keyword, name in (("customer", customer), ("time", time), ("value", value)):
        if name is not None and name not in frame.columns:
            raise missing_column(keyword, name, frame.columns)
    keys, distinct = _customers(frame[customer])
    ticks, base = _times(frame[time])
    values = None if value is None else _values(frame[value])
    return (keys, distinct), ticks, values, base


def _out(
    result: Dict[str, Any], distinct: Optional[Any], frame: Any, customer: str, names: Tuple[str, ...], unit: str
) -> Any:
    keys = result["customer"]
    ids = keys if distinct is None else distinct[keys]
    columns = {name: result[name] for name in names if name in result}
    first = result["first_purchase"].astype("datetime64[s]")
    if is_polars(frame):
        import polars as pl

        # A Date for day, week and month periods; a Datetime for hours.
        start = pl.Series("first_purchase", first.astype("datetime64[us]"))
        columns["first_purchase"] = start if unit == "hour" else start.cast(pl.Date)
        out = pl.DataFrame({customer: ids, **columns})
        dtype = frame[customer].dtype
        return out.with_columns(pl.col(customer).cast(dtype)) if distinct is not None else out
    import pandas as pd

    columns["first_purchase"] = first
    return pd.DataFrame(columns, index=pd.Index(ids, name=customer))


def _counts(result: Dict[str, Any]) -> Dict[str, int]:
    counts = {"rows_after_observation_end": int(result["rows_after_observation_end"])}
    if "customers_first_in_holdout" in result:
        counts["customers_first_in_holdout"] = int(result["customers_first_in_holdout"])
    return counts


@overload
def rfm_summary(
    transactions: Any,
    *,
    customer: str = ...,
    time: str = ...,
    value: Optional[str] = ...,
    observation_end: Optional[TimeLike] = ...,
    unit: TimeUnit = ...,
    unit_multiple: int = ...,
    fractional: bool = ...,
    recency: Recency = ...,
    return_counts: Literal[False] = ...,
) -> Any: ...
@overload
def rfm_summary(
    transactions: Any,
    *,
    customer: str = ...,
    time: str = ...,
    value: Optional[str] = ...,
    observation_end: Optional[TimeLike] = ...,
    unit: TimeUnit = ...,
    unit_multiple: int = ...,
    fractional: bool = ...,
    recency: Recency = ...,
    return_counts: Literal[True],
) -> Tuple[Any, Dict[str, int]]: ...


def rfm_summary(
    transactions: Any,
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
    """One row per customer from a transaction log: the frequency, recency, age (and monetary value) summary
    the purchase models are fitted on (on the Rust engine ``ltv_models::rfm_summary``).

    Columns: ``frequency`` (x, repeat purchase periods), ``recency`` (``t_x`` since the first purchase, or
    ``T - t_x`` with ``recency="since_last"``), ``age`` (T, first purchase to the observation end),
    ``monetary_value`` (mean value of the repeat periods, 0 when x = 0; only with ``value``) and
    ``first_purchase`` (the start of the first purchase's period), all in periods of ``unit_multiple`` x
    ``unit`` (the time conventions are in the module notes). pandas: indexed by customer, with
    ``attrs["rows_after_observation_end"]``; polars: the customer is the first column. Ordered by customer
    id (integer ids, or ids that sort).

    Parameters
    ----------
    transactions : pandas.DataFrame or polars.DataFrame
        The transaction log, one row per transaction, in any order.
    customer : str
        The column of customer ids (integers or strings).
    time : str
        The column of transaction times: datetimes, dates or ISO 8601 strings.
    value : str, optional
        The column of transaction values (money units, finite and >= 0); ``None`` (default): no
        ``monetary_value`` column.
    observation_end : str, datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp, optional
        The end of observation, inclusive of its whole period; later rows are ignored and counted. Default: the
        last transaction.
    unit : {"day", "week", "month", "hour"}
        The time unit: calendar days, ISO weeks (Monday to Sunday), calendar months or hours (UTC wall time).
    unit_multiple : int
        Units per period, a whole number in [1, 10000] (3 months = the calendar quarters).
    fractional : bool
        Days and weeks only: purchases merged per day and times in days / (days per unit), the convention of
        the published CDNOW summaries (weeks = days / 7).
    recency : {"since_first", "since_last"}
        What the ``recency`` column holds: ``t_x`` since the first purchase (the models' input), or ``T - t_x``.
    return_counts : bool
        Also return the counts of rows ignored: ``(frame, {"rows_after_observation_end": n})``.

    Returns
    -------
    pandas.DataFrame or polars.DataFrame, or (frame, dict of str to int)
        One row per customer, in the frame library of ``transactions``; with ``return_counts=True`` a tuple
        with the counts.

    Raises
    ------
    InvalidInputError
        A missing id or time, an unparseable date, a NaN, negative or infinite value, an observation end before
        the first purchase (``.field`` and ``.row`` name it), or an option out of range.
    MissingColumnError
        A ``customer``, ``time`` or ``value`` that names no column of the frame (an ``InvalidInputError`` and a
        ``KeyError``; ``.field`` is the keyword, ``.columns`` the frame's columns).
    TypeError
        ``transactions`` is not a DataFrame, or a column or option of the wrong type.

    Examples
    --------
    >>> import polars as pl
    >>> from ltv.purchase import rfm_summary
    >>> log = pl.DataFrame({"customer_id": ["a", "a", "b"], "date": ["2024-01-01", "2024-01-15", "2024-01-08"],
    ...                     "amount": [10.0, 25.0, 8.0]})
    >>> out, counts = rfm_summary(log, value="amount", unit="week", observation_end="2024-01-21",
    ...                           return_counts=True)
    >>> out.select("customer_id", "frequency", "recency", "age", "monetary_value").rows()
    [('a', 1.0, 2.0, 2.0, 25.0), ('b', 0.0, 0.0, 1.0, 0.0)]
    >>> counts
    {'rows_after_observation_end': 0}
    """
    unit, unit_multiple, fractional, recency = _options(unit, unit_multiple, fractional, recency)  # type: ignore[assignment]
    (keys, distinct), ticks, values, base = _columns(transactions, customer, time, value)
    end = None if observation_end is None else _instant("observation_end", observation_end, base)
    result = _ltv._rfm_summary(keys, ticks, values, base, unit, unit_multiple, fractional, recency, end)
    out = _out(result, distinct, transactions, customer, ("frequency", "recency", "age", "monetary_value"), unit)
    counts = _counts(result)
    if not is_polars(transactions):
        out.attrs.update(counts)
    return (out, counts) if return_counts else out


@overload
def calibration_holdout(
    transactions: Any,
    *,
    calibration_end: TimeLike,
    observation_end: Optional[TimeLike] = ...,
    customer: str = ...,
    time: str = ...,
    value: Optional[str] = ...,
    unit: TimeUnit = ...,
    unit_multiple: int = ...,
    fractional: bool = ...,
    recency: Recency = ...,
    return_counts: Literal[False] = ...,
) -> Any: ...
@overload
def calibration_holdout(
    transactions: Any,
    *,
    calibration_end: TimeLike,
    observation_end: Optional[TimeLike] = ...,
    customer: str = ...,
    time: str = ...,
    value: Optional[str] = ...,
    unit: TimeUnit = ...,
    unit_multiple: int = ...,
    fractional: bool = ...,
    recency: Recency = ...,
    return_counts: Literal[True],
) -> Tuple[Any, Dict[str, int]]: ...


def calibration_holdout(
    transactions: Any,
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
    """The RFM summary to ``calibration_end`` (inclusive of its period) plus each customer's purchases in
    the holdout, the periods after it up to ``observation_end``: the split that tests a purchase model's
    predictions (Fader, Hardie & Lee 2005, Figure 4; on the Rust engine ``ltv_models::calibration_holdout``).

    Columns as :func:`rfm_summary` (``age`` measured to the calibration end), plus ``holdout_frequency``
    (purchase periods in the holdout), ``holdout_monetary_value`` (their mean value, 0 when none; only with
    ``value``) and ``holdout_duration`` (the holdout's length in periods, the same for every customer).
    Customers first seen in the holdout are excluded and counted (``customers_first_in_holdout`` in
    ``attrs`` / the counts).

    Parameters
    ----------
    transactions : pandas.DataFrame or polars.DataFrame
        The transaction log, one row per transaction, in any order.
    calibration_end : str, datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp
        The end of the calibration period, inclusive of its whole period.
    observation_end : str, datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp, optional
        The end of the holdout, inclusive of its whole period; later rows are ignored and counted. Default: the
        last transaction.
    customer : str
        The column of customer ids (integers or strings).
    time : str
        The column of transaction times: datetimes, dates or ISO 8601 strings.
    value : str, optional
        The column of transaction values (money units, finite and >= 0); ``None`` (default): no monetary
        columns.
    unit : {"day", "week", "month", "hour"}
        The time unit (as :func:`rfm_summary`).
    unit_multiple : int
        Units per period, a whole number in [1, 10000].
    fractional : bool
        Days and weeks only: times in days / (days per unit), the CDNOW convention.
    recency : {"since_first", "since_last"}
        What the ``recency`` column holds: ``t_x`` since the first purchase, or ``T - t_x``.
    return_counts : bool
        Also return the counts: ``(frame, {"rows_after_observation_end": n, "customers_first_in_holdout": m})``.

    Returns
    -------
    pandas.DataFrame or polars.DataFrame, or (frame, dict of str to int)
        One row per customer seen in the calibration period, in the frame library of ``transactions``; with
        ``return_counts=True`` a tuple with the counts.

    Raises
    ------
    InvalidInputError
        As :func:`rfm_summary`; also a ``calibration_end`` after the ``observation_end``.
    TypeError
        ``transactions`` is not a DataFrame, or a column or option of the wrong type.

    Examples
    --------
    The CDNOW sample in weeks (days / 7), calibration to 1997-09-30, holdout of 39 weeks to 1998-06-30:

    >>> import pathlib, pandas as pd
    >>> from ltv.purchase import calibration_holdout
    >>> path = pathlib.Path(__file__).parents[3] / "tests" / "data" / "CDNOW_sample.txt"
    >>> cdnow = pd.read_csv(path, sep=r"\\s+", header=None, names=["master", "customer_id", "date", "cds", "amount"],
    ...                     dtype={"date": str})
    >>> split = calibration_holdout(cdnow, calibration_end="1997-09-30", observation_end="1998-06-30",
    ...                             unit="week", fractional=True, value="amount")
    >>> len(split), int(split["frequency"].sum()), int(split["holdout_frequency"].sum())
    (2357, 2457, 1882)
    >>> float(split["holdout_duration"].iloc[0]), split.attrs["customers_first_in_holdout"]
    (39.0, 0)
    """
    unit, unit_multiple, fractional, recency = _options(unit, unit_multiple, fractional, recency)  # type: ignore[assignment]
    (keys, distinct), ticks, values, base = _columns(transactions, customer, time, value)
    cal = _instant("calibration_end", calibration_end, base)
    if observation_end is None:
        valid = ticks[ticks != _NAT]
        end = int(valid.max()) if valid.size else cal
    else:
        end = _instant("observation_end", observation_end, base)
    result = _ltv._rfm_calibration_holdout(keys, ticks, values, base, cal, end, unit, unit_multiple, fractional, recency)
    result["holdout_duration"] = np.full(len(result["customer"]), result["holdout_duration"], dtype=np.float64)
    names = ("frequency", "recency", "age", "monetary_value", "holdout_frequency", "holdout_monetary_value", "holdout_duration")
    out = _out(result, distinct, transactions, customer, names, unit)
    counts = _counts(result)
    if not is_polars(transactions):
        out.attrs.update(counts)
    return (out, counts) if return_counts else out
