"""Channel value: LTV-based ROAS and payback by channel, and retention (sBG) by acquisition channel.

:func:`channel_roas` sets a channel's short-window ROAS (revenue in the first ``window_days`` after acquisition
/ spend) next to its lifetime-value ROAS (projected customer LTV / spend) and its payback month, and flags a
channel that looks poor at the window but good on lifetime value. :func:`channel_retention` fits the sBG model
per channel on its cohorts (the pooled fit for small channels) and carries each channel's customer LTV into its
lead LTV. Every number is computed in Rust (``ltv_core::channel_roas``, ``ltv-models`` sBG).
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from . import _ltv
from ._columns import check_labels, column, invalid_input, is_polars, number, renamed, shown, whole
from ._ltv import LtvError
from .leads import _as_frame, _converted, _days, _get, _labels, _out, segment_table
from .retention import DEFAULT_DISCOUNT_RATE, SbgFit, cohort_ltv_frame

__all__ = ["DAYS_PER_MONTH", "DEFAULT_MIN_CUSTOMERS", "channel_retention", "channel_roas"]

DAYS_PER_MONTH = 30.4375
"""The average month (365.25 / 12 days): a transaction ``e`` days after acquisition is in month ``e // 30.4375 + 1``."""

DEFAULT_MIN_CUSTOMERS = 100
"""A channel with fewer acquired customers (age-0 count over its cohorts) uses the pooled sBG fit."""


_channel_roas = _ltv._channel_roas

# ltv_core::channel_roas names its inputs in its own words; the caller knows them by these keywords.
_KEYWORDS = {"short_window_revenue": "revenue", "lifetime_value": "customer_ltv", "margin": "revenue",
             "cumulative_margin": "revenue", "roas": "channel_roas", "customers": "customer_id"}


def _in_keywords(err: LtvError) -> LtvError:
    field = getattr(err, "field", None)
    return renamed(err, field, _KEYWORDS[field]) if field in _KEYWORDS else err


def _ids(series: Any, field: str = "customer_id") -> List[Any]:
    ids = list(series.to_list())
    check_labels(field, ids)  # an unhashable id (a list) is a TypeError naming the column and row
    return ids


def _fraction(name: str, x: Any) -> float:
    v = number(name, x)
    if not 0.0 <= v <= 1.0:
        raise invalid_input(name, shown(v), None, "a fraction in [0, 1]")
    return v


def channel_roas(
    customers: Any,
    *,
    transactions: Any,
    costs: Any,
    channel: str = "channel",
    customer_id: str = "customer_id",
    acquired_at: str = "acquired_at",
    customer_ltv: str = "customer_ltv",
    date: str = "date",
    revenue: str = "revenue",
    spend: str = "spend",
    gross_margin: float = 1.0,
    window_days: int = 30,
    short_roas_below: float = 1.0,
    ltv_roas_at_least: float = 3.0,
) -> Any:
    """ROAS and payback per channel (``ltv_core::channel_roas``): one row per channel (channel, customers,
    spend, short_window_revenue, lifetime_value, short_roas, ltv_roas, payback_month,
    undervalued_short_term), in channel order. ``channel`` may name a campaign column instead: the table is
    then by campaign.

    - ``customers``: one row per acquired customer (``customer_id``, ``channel``, ``acquired_at`` and the
      projected ``customer_ltv``, e.g. from :func:`channel_retention` or a purchase model).
    - ``transactions``: ``customer_id``, ``date``, ``revenue``. Revenue dated less than ``window_days`` (30)
      after acquisition is the short-window revenue; each transaction's margin (``revenue x gross_margin``)
      falls in month ``days since acquisition // 30.4375 + 1``.
    - ``costs``: ``channel`` and ``spend`` (several rows of one channel add up).
    - ``short_roas = short_window_revenue / spend`` and ``ltv_roas = lifetime_value / spend`` (null with no
      spend); ``payback_month``: the first month whose cumulative margin covers the spend (0 with no spend,
      null when the observed margin never covers it).
    - ``undervalued_short_term``: ``short_roas < short_roas_below`` (1: the window does not return the spend)
      and ``ltv_roas >= ltv_roas_at_least`` (3: the 3:1 LTV:CAC rule), both configurable.

    Errors name the row of the frame at fault: a negative or NaN spend, a channel in ``costs`` that no
    customer came from, a missing (NaN) date, a transaction of an unknown customer or dated before the
    customer's acquisition, a duplicate customer id. Nothing is dropped.

    Parameters
    ----------
    customers : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per acquired customer: id, channel, acquisition date and projected customer LTV.
    transactions : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per transaction: customer id, date and revenue (in the currency of the spend).
    costs : pandas.DataFrame, polars.DataFrame or dict of columns
        Spend per channel: the ``channel`` and ``spend`` columns.
    channel : str, default "channel"
        The channel column of ``customers`` and ``costs`` (or a campaign column).
    customer_id : str, default "customer_id"
        The customer id column of ``customers`` and ``transactions``.
    acquired_at : str, default "acquired_at"
        The acquisition date column of ``customers`` (dates or ISO ``YYYY-MM-DD`` strings).
    customer_ltv : str, default "customer_ltv"
        The projected customer LTV column of ``customers``, in the currency of the spend.
    date : str, default "date"
        The date column of ``transactions``.
    revenue : str, default "revenue"
        The revenue column of ``transactions`` (finite).
    spend : str, default "spend"
        The spend column of ``costs``, >= 0.
    gross_margin : float, default 1.0
        Gross margin as a fraction in [0, 1], applied to revenue for the payback month.
    window_days : int, default 30
        The short window in days after acquisition, >= 1.
    short_roas_below : float, default 1.0
        ``undervalued_short_term`` needs a short-window ROAS below this.
    ltv_roas_at_least : float, default 3.0
        ``undervalued_short_term`` needs an LTV ROAS at least this.

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per channel: ``channel``, ``customers``, ``spend``, ``short_window_revenue``,
        ``lifetime_value``, ``short_roas``, ``ltv_roas`` (ratios; null with no spend), ``payback_month``
        (nullable integer, months since acquisition) and ``undervalued_short_term``.

    Raises
    ------
    InvalidInputError
        A negative or NaN spend, a channel in ``costs`` that no customer came from, a missing or unparseable
        date, a transaction of an unknown customer or dated before its acquisition, a duplicate or missing
        customer id, ``gross_margin`` outside [0, 1] or ``window_days`` < 1 (``.row`` names the row).
    MissingColumnError
        A named column not in its frame (also a ``KeyError``).
    TypeError
        A frame that is not a DataFrame or a dict of columns, or an option of the wrong type.

    Examples
    --------
    >>> import pandas as pd
    >>> from ltv.channels import channel_roas
    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3], "channel": ["search", "search", "social"],
    ...                           "acquired_at": ["2024-01-01"] * 3, "customer_ltv": [2000.0, 2000.0, 300.0]})
    >>> transactions = pd.DataFrame({"customer_id": [1, 2, 1, 2, 3],
    ...     "date": ["2024-01-10", "2024-01-20", "2024-02-15", "2024-03-15", "2024-01-05"],
    ...     "revenue": [150.0, 150.0, 400.0, 500.0, 250.0]})
    >>> costs = pd.DataFrame({"channel": ["search", "social"], "spend": [1000.0, 200.0]})
    >>> out = channel_roas(customers, transactions=transactions, costs=costs)
    >>> out[["channel", "short_roas", "ltv_roas", "payback_month", "undervalued_short_term"]].values.tolist()
    [['search', 0.3, 4.0, 3, True], ['social', 1.25, 1.5, 1, False]]
    """
    customers, transactions, costs = _as_frame(customers), _as_frame(transactions), _as_frame(costs)
    margin = _fraction("gross_margin", gross_margin)
    window = whole("window_days", window_days)
    if window < 1:
        raise invalid_input("window_days", shown(window), None, "a whole number of days >= 1")
    labels, codes = _labels(_get(customers, "channel", channel), "channel")
    acquired = _days(_get(customers, "acquired_at", acquired_at), "acquired_at")
    ltv = column("customer_ltv", _get(customers, "customer_ltv", customer_ltv))
    bad_ltv = ~np.isfinite(ltv)
    if bad_ltv.any():
        row = int(np.argmax(bad_ltv))
        raise invalid_input("customer_ltv", shown(ltv[row]), row, "a finite customer LTV")
    index: Dict[Any, int] = {}
    for row, key in enumerate(_ids(_get(customers, "customer_id", customer_id))):
        if key is None or key != key:
            raise invalid_input("customer_id", "missing", row, "a customer id")
        if key in index:
            raise invalid_input("customer_id", shown(repr(key)), row, f"one row per customer (also row {index[key]})")
        index[key] = row
    tx_ids = _ids(_get(transactions, "customer_id", customer_id))
    who = np.empty(len(tx_ids), dtype=np.int64)
    for row, key in enumerate(tx_ids):
        found = index.get(key)
        if found is None:
            raise invalid_input("customer_id", shown(repr(key)), row, "a customer id of the customers frame")
        who[row] = found
    tx_days = _days(_get(transactions, "date", date), "date")
    amount = column("revenue", _get(transactions, "revenue", revenue))
    bad = ~np.isfinite(amount)
    if bad.any():
        row = int(np.argmax(bad))
        raise invalid_input("revenue", shown(amount[row]), row, "a finite amount")
    elapsed = tx_days - acquired[who]
    early = elapsed < 0
    if early.any():
        row = int(np.argmax(early))
        raise invalid_input("date", f"{elapsed[row]} days before acquisition", row,
                            "a transaction dated on or after its customer's acquired_at")
    in_window = elapsed < window
    short = np.bincount(who[in_window], weights=amount[in_window], minlength=len(codes)).astype(np.float64)
    months = (np.floor(elapsed / DAYS_PER_MONTH) + 1).astype(np.int64)
    positions = {label: i for i, label in enumerate(labels)}
    cost_codes = np.empty(len(costs), dtype=np.int64)
    for row, label in enumerate(_ids(_get(costs, "channel", channel), "channel")):
        if label is None or label != label:
            raise invalid_input("channel", "missing", row, "a channel label in costs")
        code = positions.get(str(label))
        if code is None:
            raise invalid_input("channel", shown(repr(label)), row,
                                f"a channel that customers came from, in costs (channels: {shown(labels)})")
        cost_codes[row] = code
    try:
        out = _channel_roas(
            labels,
            cost_codes,
            column("spend", _get(costs, "spend", spend)),
            np.ascontiguousarray(codes, dtype=np.int64),
            np.ascontiguousarray(short),
            ltv,
            np.ascontiguousarray(codes[who], dtype=np.int64),
            np.ascontiguousarray(months),
            np.ascontiguousarray(amount * margin),
            number("short_roas_below", short_roas_below),
            number("ltv_roas_at_least", ltv_roas_at_least),
        )
    except LtvError as err:  # the core's vocabulary, in the caller's keywords
        raise _in_keywords(err) from None
    frame = _out(customers, out)
    if not is_polars(frame):
        frame = frame.astype({"payback_month": "Int64", "short_roas": float, "ltv_roas": float})
    return frame


def _weighted(values: Sequence[float], weights: Sequence[float]) -> float:
    total = float(sum(weights))
    return float(sum(v * w for v, w in zip(values, weights)) / total) if total > 0 else math.nan


def channel_retention(
    table: Any,
    *,
    leads: Any,
    gross_margin: float,
    channel: str = "channel",
    lead_channel: str = "channel",
    converted: str = "converted",
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    horizon: Optional[int] = None,
    min_customers: int = DEFAULT_MIN_CUSTOMERS,
    prior_strength: float = 20.0,
) -> Any:
    """Retention by source: the sBG model (Fader & Hardie 2007) fitted per acquisition channel on its cohorts,
    each channel's customer LTV from the simple formula and from its own retention curve, and the lead LTV
    that follows. One row per channel (channel, customers, cohorts, fit, alpha, beta, simple_ltv,
    retention_ltv, conversion_rate, lead_ltv_simple, lead_ltv).

    - ``table``: the long cohort table of :func:`ltv.retention.cohort_ltv_frame` (cohort, age,
      surviving_customers, active_customers, revenue) with a ``channel`` column; cohorts are per channel.
    - **Fallback rule (minimum size)**: a channel with at least ``min_customers`` (100) acquired customers
      (its age-0 counts summed) is fitted alone (:meth:`SbgFit.fit_cohorts` on its cohorts, ``fit`` =
      ``"channel"``); a smaller one, or one whose own fit fails, is valued with the pooled fit over every
      channel's cohorts (``fit`` = ``"pooled"``). The rule is a hard switch, not a shrinkage of alpha / beta.
    - ``retention_ltv``: the cohort-size-weighted mean of :func:`ltv.retention.cohort_ltv_frame`'s
      ``ltv_per_customer`` over the channel's cohorts under that fit (observed margin to date plus the sBG
      projection, discounted at ``discount_rate``).
    - ``simple_ltv``: ARPU x margin / churn (:func:`ltv.saas_ltv`), ARPU = revenue / active customers over the
      channel's rows, churn = 1 - (survivors one age later / survivors) pooled over its observed transitions;
      NaN when the channel has no transition or no churn.
    - ``conversion_rate``: the channel's shrunk lead-to-customer rate from :func:`ltv.leads.segment_table` on
      ``leads`` (``lead_channel``, ``converted``; ``prior_strength`` pseudo-leads); ``lead_ltv`` = rate x
      ``retention_ltv`` (the segment table's lead LTV), ``lead_ltv_simple`` = rate x ``simple_ltv``.

    Parameters
    ----------
    table : pandas.DataFrame, polars.DataFrame or dict of columns
        The long cohort table with a channel column: ``cohort``, ``age``, ``surviving_customers``,
        ``active_customers`` and ``revenue``, one row per channel, cohort and observed age.
    leads : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per lead, with its channel and whether it converted.
    gross_margin : float
        Gross margin as a fraction in [0, 1].
    channel : str, default "channel"
        The channel column of ``table``.
    lead_channel : str, default "channel"
        The channel column of ``leads``.
    converted : str, default "converted"
        The column of ``leads`` saying whether each lead converted (booleans, 0 / 1 or yes/no labels).
    discount_rate : float, default DEFAULT_DISCOUNT_RATE
        Cost of capital per period (per age step), >= 0; the default is 10 % a year compounded monthly.
    horizon : int or None, default None
        Ages valued per cohort (``None``: the whole lifetime, which must converge).
    min_customers : int, default DEFAULT_MIN_CUSTOMERS
        Channels with fewer acquired customers use the pooled fit (100).
    prior_strength : float, default 20.0
        The shrinkage of the lead conversion rates, in pseudo-leads (0: the raw rates).

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per channel, in order: ``channel``, ``customers``, ``cohorts``, ``fit`` (``"channel"`` or
        ``"pooled"``), ``alpha``, ``beta``, ``simple_ltv``, ``retention_ltv`` (per acquired customer, in the
        revenue's currency), ``conversion_rate``, ``lead_ltv_simple`` and ``lead_ltv`` (per lead).

    Raises
    ------
    InvalidInputError
        An age or surviving count that is not a whole number >= 0, a cohort's ages not 0, 1, ..., a bad option,
        a channel of ``leads`` without cohorts, or a channel of ``table`` without leads (``.field`` and
        ``.row`` name it).
    MissingColumnError
        A needed column not in ``table`` or ``leads`` (also a ``KeyError``).
    DivergenceError
        No horizon and a cohort whose value does not converge.
    UndefinedError
        The pooled sBG fit finds no finite maximum (retention that does not rise with tenure).

    Examples
    --------
    >>> import pandas as pd
    >>> from ltv.channels import channel_retention
    >>> table = pd.DataFrame({
    ...     "channel": ["referral"] * 4 + ["ads"] * 4,
    ...     "cohort": ["2024-01"] * 4 + ["2024-01"] * 4,
    ...     "age": [0, 1, 2, 3] * 2,
    ...     "surviving_customers": [200, 170, 150, 136, 200, 120, 90, 75],
    ...     "active_customers": [200, 170, 150, 136, 200, 120, 90, 75],
    ...     "revenue": [20000.0, 17000.0, 15000.0, 13600.0, 20000.0, 12000.0, 9000.0, 7500.0],
    ... })
    >>> leads = pd.DataFrame({"channel": ["referral"] * 10 + ["ads"] * 10, "converted": ([1] * 2 + [0] * 8) * 2})
    >>> out = channel_retention(table, leads=leads, gross_margin=0.8, discount_rate=0.01, prior_strength=0)
    >>> out[["channel", "fit", "conversion_rate"]].values.tolist()
    [['ads', 'channel', 0.2], ['referral', 'channel', 0.2]]
    >>> bool(out["retention_ltv"].iloc[1] > out["retention_ltv"].iloc[0])  # referral customers stay longer
    True
    """
    frame = _as_frame(table)
    margin = _fraction("gross_margin", gross_margin)
    minimum = whole("min_customers", min_customers)
    labels, codes = _labels(_get(frame, "channel", channel), "channel")
    needed = ("cohort", "age", "surviving_customers", "active_customers", "revenue")
    for name in needed:
        _get(frame, name, name)
    cohorts_of = _ids(frame["cohort"])
    ages = column("age", frame["age"])
    surviving = column("surviving_customers", frame["surviving_customers"])
    active = column("active_customers", frame["active_customers"])
    revenue = column("revenue", frame["revenue"])
    for name, values in (("age", ages), ("surviving_customers", surviving)):
        bad = ~(np.isfinite(values) & (values >= 0) & (values == np.floor(values)))
        if bad.any():
            row = int(np.argmax(bad))
            raise invalid_input(name, shown(values[row]), row, "a whole number >= 0")
    per_channel: List[Dict[Any, List[int]]] = [{} for _ in labels]
    for row, (code, cohort) in enumerate(zip(codes, cohorts_of)):
        per_channel[code].setdefault(cohort, []).append(row)
    curves: List[List[List[int]]] = []
    for groups in per_channel:
        chan: List[List[int]] = []
        for rows in groups.values():
            rows = sorted(rows, key=lambda r: ages[r])
            for at, r in enumerate(rows):
                if ages[r] != at:
                    raise invalid_input("age", shown(ages[r]), r, f"the ages of each channel's cohort as 0, 1, ..., A (age {at} expected)")
            chan.append([int(surviving[r]) for r in rows])
        curves.append(chan)
    pooled = SbgFit.fit_cohorts(cohorts=[c for chan in curves for c in chan if len(c) > 1])
    out: Dict[str, List[Any]] = {k: [] for k in ("channel", "customers", "cohorts", "fit", "alpha", "beta",
                                               "simple_ltv", "retention_ltv")}
    for i, label in enumerate(labels):
        size = sum(c[0] for c in curves[i])
        fit, used = pooled, "pooled"
        if size >= minimum:
            try:
                fit, used = SbgFit.fit_cohorts(cohorts=[c for c in curves[i] if len(c) > 1]), "channel"
            except _ltv.LtvError:
                fit, used = pooled, "pooled"
        picked = np.flatnonzero(codes == i)
        sub = _sub_table(frame, picked, needed)
        valued = cohort_ltv_frame(sub, gross_margin=margin, discount_rate=discount_rate, horizon=horizon,
                                  model=fit, errors="raise")
        sizes = list(valued["cohort_size"].to_list())
        out["channel"].append(label)
        out["customers"].append(size)
        out["cohorts"].append(len(curves[i]))
        out["fit"].append(used)
        out["alpha"].append(fit.alpha)
        out["beta"].append(fit.beta)
        out["retention_ltv"].append(_weighted(list(valued["ltv_per_customer"].to_list()), sizes))
        out["simple_ltv"].append(_simple_ltv(curves[i], revenue[picked], active[picked], margin))
    leads = _as_frame(leads)
    lead_labels, _ = _labels(_get(leads, "channel", lead_channel), "lead_channel")
    unknown = sorted(set(lead_labels) - set(labels))
    if unknown:
        raise invalid_input("lead_channel", shown(unknown), None,
                            f"channels of the cohort table (channels: {shown(labels)})")
    ltv_of = dict(zip(labels, out["retention_ltv"]))
    flags = _converted(_get(leads, "converted", converted), converted)
    lead_chan = [str(c) for c in _ids(leads[lead_channel])]
    lead_values_in = [ltv_of[c] if f == 1.0 else None for c, f in zip(lead_chan, flags)]
    seg = segment_table(_out(leads, {"channel": lead_chan, "converted": flags.tolist(), "customer_ltv": lead_values_in}),
                        cost_per_lead=None, days_to_close=None, prior_strength=prior_strength)
    rates = dict(zip(_ids(seg.table["segment"]), _ids(seg.table["shrunk_rate"])))
    lead_values = dict(zip(_ids(seg.table["segment"]), _ids(seg.table["lead_ltv"])))
    missing = [c for c in labels if c not in rates]
    if missing:
        raise invalid_input("leads", "missing", None, f"leads for every channel of the cohort table (none for {shown(missing)})")
    out["conversion_rate"] = [float(rates[c]) for c in labels]
    out["lead_ltv_simple"] = [r * s for r, s in zip(out["conversion_rate"], out["simple_ltv"])]
    out["lead_ltv"] = [float(lead_values[c]) for c in labels]
    return _out(frame, out)


def _sub_table(frame: Any, rows: Any, names: Sequence[str]) -> Any:
    if is_polars(frame):
        return frame[rows.tolist()].select(list(names))
    return frame.iloc[rows][list(names)].reset_index(drop=True)


def _simple_ltv(curves: List[List[int]], revenue: Any, active: Any, margin: float) -> float:
    at_risk = sum(sum(c[:-1]) for c in curves)
    kept = sum(sum(c[1:]) for c in curves)
    paying = float(np.sum(active))
    if at_risk <= 0 or kept >= at_risk or paying <= 0:
        return math.nan
    from . import saas_ltv

    return float(saas_ltv(arpu=float(np.sum(revenue)) / paying, gross_margin=margin, monthly_churn=1 - kept / at_risk))
