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

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from .. import LtvError
from .. import purchase as _p

__all__ = ["summary_data_from_transaction_data", "calibration_and_holdout_data", "ConvergenceError"]


class ConvergenceError(LtvError):
    """A fit that did not converge. Like lifetimes' ``ConvergenceError`` a ``ValueError``; also an
    :class:`ltv.LtvError`."""


_FREQ: Dict[str, Tuple[_p.RfmUnit, int]] = {
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


def _unit(freq: str) -> Tuple[_p.RfmUnit, int]:
    if freq not in _FREQ:
        raise ValueError(f"freq: expected one of {sorted(_FREQ)}, got {freq!r}")
    return _FREQ[freq]


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
