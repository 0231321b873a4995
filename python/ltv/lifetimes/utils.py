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
from .._columns import invalid_input, number, shown, whole

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
    """A fit that did not converge (``fit`` of every :mod:`ltv.lifetimes` fitter raises it).

    Like lifetimes' ``ConvergenceError`` a ``ValueError`` (so ``except ValueError`` keeps working); also an
    :class:`ltv.LtvError`. lifetimes suggests a larger ``penalizer_coef``; so does the message.

    Examples
    --------
    >>> import ltv
    >>> from ltv.lifetimes.utils import ConvergenceError
    >>> issubclass(ConvergenceError, ValueError), issubclass(ConvergenceError, ltv.LtvError)
    (True, True)
    """


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



def _multiplier(freq_multiplier: Any) -> float:
    """``freq_multiplier`` as a finite number > 0 (lifetimes divides by it: 0 would make every age infinite)."""
    value = number("freq_multiplier", freq_multiplier)
    if not (np.isfinite(value) and value > 0):
        raise invalid_input("freq_multiplier", shown(value), None, "a finite number of periods > 0")
    return value

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
    r"""The RFM summary of a transaction log: one row per customer, the input of the fitters.

    ``frequency`` counts the repeat purchase periods (the periods of unit ``freq`` with a purchase, after the first
    one; several purchases in one period count once), ``recency`` is the time from the first to the last purchase
    period and ``T`` from the first purchase period to ``observation_period_end``, both in periods of ``freq``
    divided by ``freq_multiplier``. ``monetary_value`` is the mean of the repeat purchase periods' totals (0
    without repeat purchases). Transactions after the observation end are ignored. The native
    :func:`ltv.purchase.rfm_summary`; month units (``"M"``, unparseable by lifetimes on pandas 3) are calendar
    months: see *Differences from lifetimes* in :mod:`ltv.lifetimes`.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The log, one row per transaction.
    customer_id_col : str
        The column of customer ids.
    datetime_col : str
        The column of transaction times (datetimes or strings pandas parses).
    monetary_value_col : str, optional
        The column of transaction values (currency, >= 0); adds ``monetary_value``.
    datetime_format : str, optional
        The :func:`pandas.to_datetime` format of ``datetime_col`` (and of ``observation_period_end``).
    observation_period_end : datetime-like, optional
        The end of observation; default the last transaction.
    freq : str, default "D"
        The period unit, a pandas alias: ``"D"``, ``"W"``, ``"M"`` / ``"ME"`` / ``"MS"``, ``"Q"`` / ``"QE"`` /
        ``"QS"``, ``"Y"`` / ``"YE"`` / ``"YS"`` / ``"A"``, ``"h"`` / ``"H"``.
    freq_multiplier : int, default 1
        Divides ``recency`` and ``T`` (``freq="D", freq_multiplier=7``: weeks counted in days, as the published
        CDNOW summaries).
    include_first_transaction : bool, default False
        Count the first purchase's period in ``frequency`` and ``monetary_value`` (lifetimes' option).

    Returns
    -------
    pandas.DataFrame
        Indexed by the customer ids (index named ``customer_id_col``): ``frequency``, ``recency``, ``T`` (floats)
        and with ``monetary_value_col`` ``monetary_value``.

    Raises
    ------
    ValueError
        For a ``freq`` not listed above.
    KeyError
        When a named column is missing from ``transactions``.
    ltv.InvalidInputError
        For a negative or non-finite value, or an ``observation_period_end`` before a customer's first purchase,
        naming the field.

    Examples
    --------
    lifetimes' example log (5,000 customers in 2014), in days:

    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> from ltv.lifetimes.utils import summary_data_from_transaction_data
    >>> log = load_transaction_data()
    >>> summary = summary_data_from_transaction_data(log, "id", "date", observation_period_end="2014-12-31")
    >>> summary.shape, summary.head(3).to_dict("list")
    ((5000, 3), {'frequency': [0.0, 0.0, 6.0], 'recency': [0.0, 0.0, 142.0], 'T': [298.0, 224.0, 292.0]})

    The CDNOW sample's transactions summarised in weeks give Fader, Hardie & Lee's calibration summary (customer 1:
    2 repeat purchases, recency 30.43 and age 38.86 weeks, a mean repeat spend of 22.345 dollars):

    >>> from ltv.lifetimes.datasets import load_dataset
    >>> cdnow = load_dataset(
    ...     "CDNOW_sample.txt", header=None, sep=r"\s+", names=["master_id", "id", "date", "cds", "amount"],
    ...     dtype={"date": str},
    ... )
    >>> weekly = summary_data_from_transaction_data(
    ...     cdnow, "id", "date", monetary_value_col="amount", datetime_format="%Y%m%d",
    ...     observation_period_end="1997-09-30", freq="D", freq_multiplier=7,
    ... )
    >>> weekly.loc[1].round(3).tolist()
    [2.0, 30.429, 38.857, 22.345]
    """
    unit, multiple = _unit(freq)
    multiplier = _multiplier(freq_multiplier)
    log = _log(transactions, customer_id_col, datetime_col, monetary_value_col, datetime_format)
    end = _end(observation_period_end, log, datetime_col, datetime_format)
    opts: Dict[str, Any] = dict(customer=customer_id_col, time=datetime_col, unit=unit, unit_multiple=multiple)
    out = _p.rfm_summary(log, value=monetary_value_col, observation_end=end, **opts)
    summary = pd.DataFrame(
        {"frequency": out["frequency"], "recency": out["recency"] / multiplier, "T": out["age"] / multiplier},
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
    """A calibration-period summary and each customer's holdout purchases, to check a fit out of sample.

    The calibration columns ``frequency_cal``, ``recency_cal``, ``T_cal`` (and ``monetary_value_cal``) are
    :func:`summary_data_from_transaction_data` of the log to ``calibration_period_end``; ``frequency_holdout``
    counts the purchase periods in ``(calibration_period_end, observation_period_end]``, ``monetary_value_holdout``
    is the mean of their totals and ``duration_holdout`` the holdout's length (in periods of ``freq`` divided by
    ``freq_multiplier``). Customers first seen in the holdout are left out (lifetimes' left join on the
    calibration). The native :func:`ltv.purchase.calibration_holdout`; where it differs from lifetimes (which
    raises on pandas 3; ``monetary_value_holdout``): *Differences from lifetimes* in :mod:`ltv.lifetimes`.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The log, one row per transaction.
    customer_id_col : str
        The column of customer ids.
    datetime_col : str
        The column of transaction times.
    calibration_period_end : datetime-like
        The end of the calibration period.
    observation_period_end : datetime-like, optional
        The end of the holdout period, after ``calibration_period_end``; default the last transaction.
    freq : str, default "D"
        The period unit (the aliases of :func:`summary_data_from_transaction_data`).
    freq_multiplier : int, default 1
        Divides ``recency_cal``, ``T_cal`` and ``duration_holdout``.
    datetime_format : str, optional
        The :func:`pandas.to_datetime` format of ``datetime_col`` and the two ends.
    monetary_value_col : str, optional
        The column of transaction values (currency, >= 0); adds ``monetary_value_cal`` and
        ``monetary_value_holdout``.
    include_first_transaction : bool, default False
        Count the first purchase's period in ``frequency_cal`` and ``monetary_value_cal``.

    Returns
    -------
    pandas.DataFrame
        Indexed by the calibration customers' ids: ``frequency_cal``, ``recency_cal``, ``T_cal``
        (``monetary_value_cal``), ``frequency_holdout`` (``monetary_value_holdout``), ``duration_holdout``.

    Raises
    ------
    ValueError
        When ``observation_period_end`` is not after ``calibration_period_end``, or for a ``freq`` not listed.
    KeyError
        When a named column is missing from ``transactions``.
    ltv.InvalidInputError
        For a negative or non-finite value, naming the field.

    Examples
    --------
    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> from ltv.lifetimes.utils import calibration_and_holdout_data
    >>> log = load_transaction_data()
    >>> holdout = calibration_and_holdout_data(
    ...     log, "id", "date", calibration_period_end="2014-09-01", observation_period_end="2014-12-31"
    ... )
    >>> list(holdout.columns)
    ['frequency_cal', 'recency_cal', 'T_cal', 'frequency_holdout', 'duration_holdout']
    >>> holdout.loc[2].tolist()
    [6.0, 142.0, 171.0, 0.0, 121.0]
    """
    unit, multiple = _unit(freq)
    multiplier = _multiplier(freq_multiplier)
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
            "recency_cal": out["recency"] / multiplier,
            "T_cal": out["age"] / multiplier,
        },
        index=out.index,
    )
    if monetary_value_col:
        result["monetary_value_cal"] = out["monetary_value"] if cal is None else cal["monetary_value"].reindex(out.index)
    result["frequency_holdout"] = out["holdout_frequency"]
    if monetary_value_col:
        result["monetary_value_holdout"] = out["holdout_monetary_value"]
    result["duration_holdout"] = out["holdout_duration"] / multiplier
    result.index.name = customer_id_col
    return result


def calculate_alive_path(model: Any, transactions: pd.DataFrame, datetime_col: str, t: int, freq: str = "D") -> pd.Series:
    """One customer's P(alive) at the end of each period ``0..t`` after their first purchase.

    At each period the customer's history so far (``frequency``: the purchase periods after the first,
    ``recency``, ``T``: periods since the first purchase; several purchases in one period count once, as
    lifetimes counts them) is given to ``model.conditional_probability_alive`` in one call (for a fitter of
    :mod:`ltv.lifetimes`, the native model's ``probability_alive``, e.g. :meth:`ltv.BgNbdModel.probability_alive`).
    At ``T = 0`` (the first purchase's period) the value is 1: a customer is alive when buying. Drawn by
    :func:`ltv.lifetimes.plotting.plot_history_alive`.

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set) :class:`~ltv.lifetimes.BetaGeoFitter`, :class:`~ltv.lifetimes.ModifiedBetaGeoFitter`
        or :class:`~ltv.lifetimes.ParetoNBDFitter` in the unit ``freq``.
    transactions : pandas.DataFrame
        One customer's transactions.
    datetime_col : str
        The column of transaction times.
    t : int
        The number of periods after the first purchase, a whole number in ``[1, 1e7]``.
    freq : str, default "D"
        The period unit (the aliases of :func:`summary_data_from_transaction_data`).

    Returns
    -------
    pandas.Series
        ``t + 1`` probabilities in [0, 1], indexed ``0..t``.

    Raises
    ------
    ValueError
        For a ``t`` that is not a whole number in ``[1, 1e7]`` or a ``freq`` not listed, or before a fit when the
        model's ``params_`` are not set either.
    KeyError
        When ``datetime_col`` is missing.

    Examples
    --------
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> from ltv.lifetimes.utils import calculate_alive_path, summary_data_from_transaction_data
    >>> log = load_transaction_data()
    >>> summary = summary_data_from_transaction_data(log, "id", "date", observation_period_end="2014-12-31")
    >>> bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    >>> path = calculate_alive_path(bgf, log[log["id"] == 35], "date", 100)
    >>> len(path), path.iloc[[0, 10, 50, 100]].round(4).tolist()
    (101, [1.0, 0.3785, 0.4296, 0.5943])
    """
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
    """Actual and expected cumulative repeat transactions per period: the data of lifetimes' tracking plots.

    The ``t`` periods start at the first purchase in the log. ``predicted`` at a period is the sum over the
    first-purchase cohorts before it of the cohort's size times ``model.expected_number_of_purchases_up_to_time(age /
    freq_multiplier)`` (the native ``expected_purchases``, e.g. :meth:`ltv.BgNbdModel.expected_purchases`; Fader, Hardie
    & Lee 2005 eq. (9)), one call per row; ``actual`` counts the repeat purchase periods (a customer's purchases in one
    period count once). Drawn by :func:`ltv.lifetimes.plotting.plot_cumulative_transactions` and
    :func:`ltv.lifetimes.plotting.plot_incremental_transactions`.

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set) transaction fitter whose time unit is ``freq`` times ``freq_multiplier``.
    transactions : pandas.DataFrame
        The log, one row per transaction.
    datetime_col : str
        The column of transaction times.
    customer_id_col : str
        The column of customer ids.
    t : int
        The number of periods tracked, a whole number in ``[1, 1e7]``.
    datetime_format : str, optional
        The :func:`pandas.to_datetime` format of ``datetime_col``.
    freq : str, default "D"
        The period unit (the aliases of :func:`summary_data_from_transaction_data`).
    set_index_date : bool, default False
        Index the rows by period (a ``PeriodIndex``) instead of ``0..``.
    freq_multiplier : int, default 1
        One row every ``freq_multiplier`` periods; the model's ages are divided by it.

    Returns
    -------
    pandas.DataFrame
        Columns ``actual`` (int) and ``predicted`` (float), one row every ``freq_multiplier`` periods.

    Raises
    ------
    ValueError
        For a ``t`` that is not a whole number in ``[1, 1e7]`` or a ``freq`` not listed, or before a fit when the
        model's ``params_`` are not set either.
    KeyError
        When a named column is missing.

    Examples
    --------
    The first 100 customers of lifetimes' example log, the first 30 days:

    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> from ltv.lifetimes.utils import expected_cumulative_transactions, summary_data_from_transaction_data
    >>> log = load_transaction_data()
    >>> log = log[log["id"] < 100]
    >>> summary = summary_data_from_transaction_data(log, "id", "date", observation_period_end="2014-12-31")
    >>> bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    >>> tracking = expected_cumulative_transactions(bgf, log, "date", "id", 30)
    >>> tracking.shape, tracking.iloc[-1].round(2).tolist()
    ((30, 2), [12.0, 7.67])
    """
    periods_t = _check_t(t)
    if whole("freq_multiplier", freq_multiplier) < 1:
        raise invalid_input("freq_multiplier", shown(freq_multiplier), None, "a whole number of periods >= 1")
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
