"""lifetimes' data utilities on the native :func:`ltv.purchase.rfm_summary` and
:func:`ltv.purchase.calibration_holdout`.

``freq`` is a pandas period alias: ``"D"`` (days), ``"W"`` (weeks, Monday to Sunday as pandas' ``"W"``),
``"M"`` / ``"ME"`` / ``"MS"`` (calendar months), ``"Q"`` / ``"QE"`` (quarters), ``"Y"`` / ``"YE"`` / ``"A"``
(years), ``"h"`` / ``"H"`` (hours). ``freq_multiplier`` divides ``recency``, ``T`` and ``duration_holdout``
(``freq="D", freq_multiplier=7`` gives the weeks of the published CDNOW summaries).

>>> import pandas as pd
>>> from ltv.lifetimes.utils import summary_data_from_transaction_data
>>> log = pd.DataFrame({"id": [1, 1, 2], "date": ["2015-02-01", "2015-02-06", "2015-01-01"]})
>>> summary = summary_data_from_transaction_data(log, "id", "date", observation_period_end="2015-02-07")
>>> summary.index.name, summary.to_dict("list")
('id', {'frequency': [1.0, 0.0], 'recency': [5.0, 0.0], 'T': [6.0, 37.0]})
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from .. import LtvError
from .. import purchase as _p

__all__ = [
    "summary_data_from_transaction_data",
    "calibration_and_holdout_data",
    "calculate_alive_path",
    "expected_cumulative_transactions",
    "ConvergenceError",
]

MAX_PATH_PERIODS = 10_000_000
"""The most periods ``t`` of :func:`calculate_alive_path` and :func:`expected_cumulative_transactions`."""


class ConvergenceError(LtvError):
    """A fit that did not converge. Like lifetimes' ``ConvergenceError`` a ``ValueError``; also an
    :class:`ltv.LtvError`."""


_FREQ: Dict[str, Tuple[_p.TimeUnit, int]] = {
    "D": ("day", 1),
    "W": ("week", 1),
    "M": ("month", 1),
    "ME": ("month", 1),
    "MS": ("month", 1),
    "Q": ("month", 3),
    "QE": ("month", 3),
    "QS": ("month", 3),
    "Y": ("month", 12),
    "YE": ("month", 12),
    "YS": ("month", 12),
    "A": ("month", 12),
    "h": ("hour", 1),
    "H": ("hour", 1),
}


def _unit(freq: str) -> Tuple[_p.TimeUnit, int]:
    if freq not in _FREQ:
        raise ValueError(f"freq: expected one of {sorted(_FREQ)}, got {freq!r}")
    return _FREQ[freq]


def _check_t(t: Any) -> int:
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 < int(t) <= MAX_PATH_PERIODS:
        raise ValueError(f"t: expected a whole number of periods in [1, {MAX_PATH_PERIODS}], got {t!r}")
    return int(t)


def _periods(dates: pd.Series, freq: str, datetime_format: Optional[str] = None) -> pd.Series:
    """Each date's period (pandas period aliases; the month units of :data:`_FREQ` as ``"M"``, ``"Q"``,
    ``"Y"``)."""
    _unit(freq)
    alias = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y", "H": "h"}.get(freq, freq)
    return pd.to_datetime(dates, format=datetime_format).dt.to_period(alias)


def _log(transactions: Any, customer_id_col: str, datetime_col: str, monetary_value_col: Optional[str],
         datetime_format: Optional[str]) -> pd.DataFrame:
    cols = [customer_id_col, datetime_col] + ([monetary_value_col] if monetary_value_col else [])
    log = transactions[cols].copy()
    log[datetime_col] = pd.to_datetime(log[datetime_col], format=datetime_format)
    return log


def _end(value: Any, log: pd.DataFrame, datetime_col: str, datetime_format: Optional[str]) -> pd.Timestamp:
    if value is None:
        return pd.Timestamp(log[datetime_col].max())
    try:
        return pd.Timestamp(pd.to_datetime(value, format=datetime_format))
    except ValueError:
        # lifetimes reads the end with datetime_format; an ISO end with another format is read as ISO
        return pd.Timestamp(pd.to_datetime(value))


def _with_first(log: pd.DataFrame, customer_id_col: str, datetime_col: str, value: str) -> pd.DataFrame:
    """The log plus, for every customer, a zero-valued purchase one year before the whole log: the native
    summary of it counts the first purchase's period among the repeat ones (lifetimes'
    ``include_first_transaction``), with no arithmetic here."""
    ids = log[customer_id_col].drop_duplicates()
    early = pd.Timestamp(log[datetime_col].min()) - pd.DateOffset(years=1)
    dummy = pd.DataFrame({customer_id_col: ids.to_numpy(), datetime_col: early, value: 0.0})
    return pd.concat([dummy, log], ignore_index=True)


def summary_data_from_transaction_data(
    transactions: pd.DataFrame,
    customer_id_col: str,
    datetime_col: str,
    monetary_value_col: Optional[str] = None,
    datetime_format: Optional[str] = None,
    observation_period_end: Any = None,
    freq: str = "D",
    freq_multiplier: int = 1,
    include_first_transaction: bool = False,
) -> pd.DataFrame:
    """One row per customer (index named ``customer_id_col``): ``frequency`` (repeat purchase periods),
    ``recency`` (first to last purchase period), ``T`` (first purchase period to ``observation_period_end``,
    default the last transaction) and with ``monetary_value_col`` ``monetary_value`` (mean value of the
    repeat periods, 0 without; with ``include_first_transaction`` the first period counts in ``frequency``
    and ``monetary_value``). Transactions after the observation end are ignored."""
    unit, multiple = _unit(freq)
    log = _log(transactions, customer_id_col, datetime_col, monetary_value_col, datetime_format)
    end = _end(observation_period_end, log, datetime_col, datetime_format)
    opts: Dict[str, Any] = dict(customer=customer_id_col, time=datetime_col, unit=unit, unit_multiple=multiple)
    out = _p.rfm_summary(log, value=monetary_value_col, observation_end=end, **opts)
    summary = pd.DataFrame(
        {"frequency": out["frequency"], "recency": out["recency"] / freq_multiplier, "T": out["age"] / freq_multiplier},
        index=out.index,
    )
    if monetary_value_col:
        summary["monetary_value"] = out["monetary_value"]
    if include_first_transaction:
        value = monetary_value_col or "__ltv_value"
        padded = _with_first(log, customer_id_col, datetime_col, value)
        first = _p.rfm_summary(padded, value=value, observation_end=end, **opts)
        summary["frequency"] = first["frequency"]
        if monetary_value_col:
            summary["monetary_value"] = first["monetary_value"]
    summary.index.name = customer_id_col
    return summary


def calibration_and_holdout_data(
    transactions: pd.DataFrame,
    customer_id_col: str,
    datetime_col: str,
    calibration_period_end: Any,
    observation_period_end: Any = None,
    freq: str = "D",
    freq_multiplier: int = 1,
    datetime_format: Optional[str] = None,
    monetary_value_col: Optional[str] = None,
    include_first_transaction: bool = False,
) -> pd.DataFrame:
    """The calibration summary to ``calibration_period_end`` (``frequency_cal``, ``recency_cal``,
    ``T_cal``, ``monetary_value_cal``) and each calibration customer's holdout purchases to
    ``observation_period_end`` (``frequency_holdout``, ``monetary_value_holdout``, ``duration_holdout``).
    Customers first seen in the holdout are left out (lifetimes' left join on the calibration)."""
    unit, multiple = _unit(freq)
    log = _log(transactions, customer_id_col, datetime_col, monetary_value_col, datetime_format)
    cal_end = _end(calibration_period_end, log, datetime_col, datetime_format)
    obs_end = _end(observation_period_end, log, datetime_col, datetime_format)
    if obs_end <= cal_end:
        raise ValueError(
            f"calibration_period_end: {cal_end} must be before observation_period_end {obs_end}"
        )
    out = _p.calibration_holdout(
        log, calibration_end=cal_end, observation_end=obs_end, customer=customer_id_col, time=datetime_col,
        value=monetary_value_col, unit=unit, unit_multiple=multiple,
    )
    cal = None
    if include_first_transaction:
        calibration_log = log[log[datetime_col] <= cal_end]
        cal = summary_data_from_transaction_data(
            calibration_log, customer_id_col, datetime_col, monetary_value_col, None, cal_end, freq, freq_multiplier, True
        )
    result = pd.DataFrame(
        {
            "frequency_cal": out["frequency"] if cal is None else cal["frequency"].reindex(out.index),
            "recency_cal": out["recency"] / freq_multiplier,
            "T_cal": out["age"] / freq_multiplier,
        },
        index=out.index,
    )
    if monetary_value_col:
        result["monetary_value_cal"] = out["monetary_value"] if cal is None else cal["monetary_value"].reindex(out.index)
    result["frequency_holdout"] = out["holdout_frequency"]
    if monetary_value_col:
        result["monetary_value_holdout"] = out["holdout_monetary_value"]
    result["duration_holdout"] = out["holdout_duration"] / freq_multiplier
    result.index.name = customer_id_col
    return result


def calculate_alive_path(model: Any, transactions: pd.DataFrame, datetime_col: str, t: int, freq: str = "D") -> pd.Series:
    """One customer's P(alive) at the end of each period ``0..t`` after their first purchase: the history
    ``(frequency, recency, T)`` at each period (purchase periods counted, as lifetimes does) is given to
    ``model.conditional_probability_alive`` in one call. At ``T = 0`` (the first purchase's period) the value
    is 1 (a customer is alive when buying; the native models take ages > 0)."""
    periods_t = _check_t(t)
    period = _periods(transactions[datetime_col], freq)
    first = period.min()
    offsets = np.unique(np.asarray([(p - first).n for p in period], dtype=np.int64))
    age = np.arange(periods_t + 1, dtype=np.int64)
    bought = np.isin(age, offsets)
    frequency = np.cumsum(bought) - 1
    last = np.maximum.accumulate(np.where(bought, age, 0))
    alive = np.ones(periods_t + 1, dtype=float)
    later = age > 0
    values = model.conditional_probability_alive(
        frequency[later].astype(float), last[later].astype(float), age[later].astype(float)
    )
    alive[later] = np.asarray(values, dtype=float)
    return pd.Series(alive)


def expected_cumulative_transactions(
    model: Any,
    transactions: pd.DataFrame,
    datetime_col: str,
    customer_id_col: str,
    t: int,
    datetime_format: Optional[str] = None,
    freq: str = "D",
    set_index_date: bool = False,
    freq_multiplier: int = 1,
) -> pd.DataFrame:
    """Actual and expected cumulative repeat transactions over the ``t`` periods from the first purchase in
    the log (lifetimes' tracking plot data): a DataFrame with columns ``actual`` and ``predicted``, one row
    every ``freq_multiplier`` periods, indexed ``0..`` or (``set_index_date``) by the period.

    ``predicted`` at a period is the sum over the first-purchase cohorts before it of the cohort's size
    times ``model.expected_number_of_purchases_up_to_time(age / freq_multiplier)``, one native call per
    row; ``actual`` counts the repeat purchase periods (a customer's purchases in one period are one)."""
    periods_t = _check_t(t)
    period = _periods(transactions[datetime_col], freq, datetime_format)
    log = pd.DataFrame({"customer": transactions[customer_id_col].to_numpy(), "period": period.to_numpy()})
    log = log.drop_duplicates()
    start = log["period"].min()
    log["offset"] = [(p - start).n for p in log["period"]]
    log = log.sort_values(["customer", "offset"])
    first = log.groupby("customer")["offset"].transform("min")
    repeat = log[log["offset"] > first]
    cohorts = log[log["offset"] == first].groupby("offset").size()
    cohort_offsets = np.asarray(cohorts.index, dtype=np.int64)
    cohort_sizes = cohorts.to_numpy(dtype=float)
    per_period = np.bincount(np.asarray(repeat["offset"], dtype=np.int64), minlength=periods_t + 1)
    rows = range(freq_multiplier, periods_t + 1, freq_multiplier)
    actual, predicted = [], []
    for i in rows:
        actual.append(int(per_period[:i].sum()))
        ages = i - cohort_offsets[cohort_offsets < i]
        expected = np.asarray(model.expected_number_of_purchases_up_to_time(ages.astype(float) / freq_multiplier))
        predicted.append(float(np.dot(np.atleast_1d(expected), cohort_sizes[: len(ages)])))
    if set_index_date:
        index: Any = pd.PeriodIndex([start + (i - 1) for i in rows])
    else:
        index = range(len(actual))
    return pd.DataFrame({"actual": actual, "predicted": predicted}, index=index)
