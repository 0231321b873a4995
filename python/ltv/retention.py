"""Contractual retention: the shifted-beta-geometric (sBG) model and cohort LTV.

:class:`SbgModel` is Fader & Hardie's sBG model of contractual retention (2007): survival ``S(t)``, retention
``r_t`` (which rises with tenure), churn probabilities, the expected lifetime, and the discounted expected
(residual) lifetime DEL / DERL of Fader & Hardie (2010). :class:`SbgFit` fits it by maximum likelihood to one
cohort's survival counts or to several cohorts. Every number comes from the Rust crate ``ltv-models``.

Fader & Hardie (2007), "regular" customers: 1000 at the start, 241 left after 7 renewals.

>>> from ltv.retention import SbgFit, SbgModel
>>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
>>> round(fit.alpha, 3), round(fit.beta, 3), fit.converged
(0.704, 1.182, True)
>>> fit.model.survival([0, 1, 2]).round(3).tolist()
[1.0, 0.627, 0.474]

Fader & Hardie (2010), Table 3: DERL at d = 10 % for a customer about to renew for the 5th time (n = 5).

>>> model = SbgModel(alpha=1 / 15, beta=4 / 15)
>>> round(model.discounted_expected_residual_lifetime(discount_rate=0.10, n=5), 2)
10.19

A fit saves to a JSON model file that the Rust crate reads too (and the reverse).

>>> SbgFit.from_json(fit.to_json()) == fit
True
"""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, List, Literal, Optional, Tuple, Union

import numpy as np

from ._ltv import MAX_PERIODS, MAX_SERIES_TERMS, MAX_TABLE_AGES, CohortLtv, SbgFit, SbgModel, _cohort_ltv, _cohort_ltv_table
from ._columns import invalid_input, missing_column, option, shown
from ._ltv import InvalidInputError, LtvError
from ._ltv import SBG_MAX_PARAMETER as MAX_PARAMETER
from ._ltv import SBG_MIN_PARAMETER as MIN_PARAMETER

__all__ = [
    "DEFAULT_DISCOUNT_RATE",
    "MAX_PARAMETER",
    "MAX_PERIODS",
    "MAX_SERIES_TERMS",
    "MAX_TABLE_AGES",
    "MIN_PARAMETER",
    "CohortLtv",
    "SbgFit",
    "SbgModel",
    "cohort_ltv",
    "cohort_ltv_frame",
    "OnError",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


DEFAULT_DISCOUNT_RATE = 0.0079741404289037
"""The default discount rate per period: 10 % a year compounded monthly, for monthly cohorts (ages in months)."""

from typing import Literal as _Literal  # noqa: E402  (for the option string of Growth)

Growth = Union[None, _Literal["observed"], float]
"""``None`` (flat margin per active customer), ``"observed"`` (the cohort's own expansion rate) or a rate."""


def cohort_ltv(
    *,
    surviving_customers: Any,
    active_customers: Any,
    revenue: Any,
    gross_margin: float,
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    horizon: Optional[int] = None,
    growth: Growth = None,
    model: Union[SbgModel, SbgFit, None] = None,
) -> CohortLtv:
    """A cohort's lifetime value per acquired customer: the discounted margin it has earned to date plus the
    discounted margin the sBG model projects for its surviving customers (Fader & Hardie 2010).

    Columns by age (age 0 = the period of acquisition): ``surviving_customers`` (non-increasing, age 0 = the
    cohort size), ``active_customers`` (who paid) and ``revenue`` (totals). Beyond the last observed age ``A``
    the expected paying customers are ``surviving[A] * S(t) / S(A)`` from the sBG model, each earning the
    latest margin per active customer ``gross_margin * revenue[A] / active[A]``, grown by ``growth`` (``None``:
    flat; ``"observed"``: the cohort's compound growth of revenue per active customer since age 0; or a rate
    per period). Payments are at the start of each period, age 0 undiscounted, at ``discount_rate`` per
    period (default: 10 % a year, monthly). ``horizon`` is the number of ages valued (``None``: all; the tail
    must then converge, growth below the discount rate, or :class:`ltv.DivergenceError` says to discount
    more or give a horizon). ``model`` is an :class:`SbgModel` or :class:`SbgFit` (e.g. fitted on several
    cohorts); ``None`` fits this cohort alone.

    Parameters
    ----------
    surviving_customers : sequence of int or array
        Customers of the cohort still subscribed at each age (non-increasing; age 0 = the cohort size).
    active_customers : sequence of int or array
        Customers who paid at each age (the margin per active customer is ``revenue / active``).
    revenue : sequence of float or array
        The cohort's total revenue at each age, in your currency, >= 0.
    gross_margin : float
        Gross margin as a fraction in [0, 1].
    discount_rate : float, default DEFAULT_DISCOUNT_RATE
        Cost of capital per period (per age step), >= 0; the default is 10 % a year compounded monthly.
    horizon : int or None, default None
        Ages valued, observed ones included (``None``: the whole lifetime, which must converge).
    growth : None, "observed" or float, default None
        Growth per period of the margin per active customer beyond the last observed age.
    model : SbgModel, SbgFit or None, default None
        The retention model of the projection; ``None`` fits the sBG model to this cohort alone.

    Returns
    -------
    CohortLtv
        ``.ltv_per_customer`` = ``.observed_value`` + ``.projected_value`` (per acquired customer), the model
        used and the cohort's figures.

    Raises
    ------
    InvalidInputError
        Columns of different lengths, a surviving count that rises with age, or a value out of range
        (``.field`` and ``.row`` name it).
    DivergenceError
        No horizon and a tail that does not converge (growth at or above the discount rate).
    TypeError
        A column that is not numbers.

    Examples
    --------
    The simple formula (ARPU x margin / churn, :func:`ltv.saas_ltv`) next to it, on the same data. (a) Heavy
    early churn: with the latest churn, 5.3 %, it gives 1,520, but the cohort is worth 1,000 per customer:

    >>> import ltv
    >>> from ltv.retention import cohort_ltv
    >>> surviving = [1000, 550, 400, 340, 305, 285, 270]
    >>> revenue = [100.0 * s for s in surviving]  # ARPU 100
    >>> round(ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=1 - 270 / 285))
    1520
    >>> result = cohort_ltv(surviving_customers=surviving, active_customers=surviving, revenue=revenue,
    ...                     gross_margin=0.8, discount_rate=0.01)
    >>> round(result.observed_value), round(result.projected_value), round(result.ltv_per_customer)
    (247, 753, 1000)

    (b) Negative net revenue churn (expansion outweighs churn): the simple formula has no value, the cohort
    LTV is finite.

    >>> surviving = [1000, 800, 720, 680, 655, 640, 630]
    >>> revenue = [100_000.0, 88_000.0, 87_120.0, 90_508.0, 95_888.0, 102_978.0, 111_519.0]
    >>> ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=1 - revenue[6] / revenue[5], churn_basis="net_revenue")
    Traceback (most recent call last):
    ...
    ltv.NegativeNetChurnError: ...
    >>> round(cohort_ltv(surviving_customers=surviving, active_customers=surviving, revenue=revenue,
    ...                  gross_margin=0.8, discount_rate=0.01).ltv_per_customer)
    6541
    >>> round(cohort_ltv(surviving_customers=surviving, active_customers=surviving, revenue=revenue,
    ...                  gross_margin=0.8, discount_rate=0.01, growth="observed", horizon=36).ltv_per_customer)
    9667
    """
    if isinstance(model, SbgFit):
        model = model.model
    return _cohort_ltv(
        surviving_customers=surviving_customers,
        active_customers=active_customers,
        revenue=revenue,
        gross_margin=gross_margin,
        discount_rate=discount_rate,
        horizon=horizon,
        growth=growth,
        model=model,
    )


_NEEDED = ("cohort", "age", "surviving_customers", "active_customers", "revenue")
_OUTPUT = (
    "cohort",
    "cohort_size",
    "ages_observed",
    "alpha",
    "beta",
    "observed_value",
    "projected_value",
    "ltv_per_customer",
    "status",
    "reason",
)

OnError = Union[Literal["report"], Literal["raise"]]
"""What :func:`cohort_ltv_frame` does with a cohort it cannot value: report it as data, or raise."""

_OPTIONS = ("gross_margin", "discount_rate", "horizon", "growth", "model")
_FALLBACK_HINT = "pass fallback='pooled' to value it from the model fitted on the other cohorts together"


def cohort_ltv_frame(
    table: Any,
    *,
    gross_margin: float,
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    horizon: Optional[int] = None,
    growth: Growth = None,
    model: Union[SbgModel, SbgFit, str, None] = None,
    errors: OnError = "report",
    fallback: Optional[Literal["pooled"]] = None,
) -> Any:
    """:func:`cohort_ltv` for every cohort of a long cohort table: one row per cohort (cohort, cohort_size,
    ages_observed, alpha, beta, observed_value, projected_value, ltv_per_customer, status, reason), in cohort
    order.

    ``table`` is the long table of :func:`ltv.cohort.cohort_table` (a pandas or polars DataFrame with one row
    per cohort and observed age and at least the columns cohort, age, surviving_customers, active_customers
    and revenue); each cohort's ages must be 0, 1, ..., A. ``model``: ``None`` fits each cohort alone,
    ``"pooled"`` fits one model on all cohorts together (:meth:`SbgFit.fit_cohorts`, sturdier for young
    cohorts; a cohort observed at age 0 only is then valued too), or a given :class:`SbgModel` /
    :class:`SbgFit`. pandas in, pandas out; polars in, polars out.

    One bad cohort does not sink the table. With ``errors="report"`` (the default) every cohort that can be
    valued is, and ``status`` says how: ``"ok"``, ``"pooled_fallback"`` (valued from the pooled model, see
    ``fallback``) or ``"failed"`` (its values null / NaN; ``reason`` is the error's message, which names
    ``fallback='pooled'`` where that would value it). ``fallback="pooled"`` values the cohorts that the
    per-cohort fit (``model=None``) cannot value from the sBG model fitted on the other cohorts together
    (``reason`` then keeps why its own fit failed). ``errors="raise"`` raises the first cohort's error instead.
    Errors that are not one cohort's (a bad ``gross_margin``, a missing column or label, a pooled fit that
    fails) always raise. With a failed cohort, ``cohort_size`` and ``ages_observed`` are nullable integers.

    Each cohort is valued as in :func:`cohort_ltv` (Fader & Hardie 2010: observed discounted margin plus the
    sBG-projected tail); the grouping, ordering, age checks and the pooled fit are ``ltv_models::cohort_ltv_table``.

    Parameters
    ----------
    table : pandas.DataFrame or polars.DataFrame
        The long cohort table: columns ``cohort``, ``age``, ``surviving_customers``, ``active_customers`` and
        ``revenue`` (others are ignored), one row per cohort and observed age.
    gross_margin : float
        Gross margin as a fraction in [0, 1].
    discount_rate : float, default DEFAULT_DISCOUNT_RATE
        Cost of capital per period (per age step), >= 0; the default is 10 % a year compounded monthly.
    horizon : int or None, default None
        Ages valued per cohort, observed ones included (``None``: the whole lifetime, which must converge).
    growth : None, "observed" or float, default None
        Growth per period of the margin per active customer beyond each cohort's last observed age.
    model : SbgModel, SbgFit, "pooled" or None, default None
        ``None``: each cohort's own sBG fit; ``"pooled"``: one fit on all cohorts; or the model to use.
    errors : {"report", "raise"}, default "report"
        ``"report"``: a cohort that cannot be valued is a row with ``status`` ``"failed"`` and its ``reason``;
        ``"raise"``: its error is raised.
    fallback : {"pooled"} or None, default None
        ``"pooled"``: value the cohorts whose own fit fails from the model fitted on the other cohorts together
        (``status`` ``"pooled_fallback"``).

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per cohort, in cohort order: ``cohort``, ``cohort_size``, ``ages_observed``, ``alpha``, ``beta``,
        ``observed_value``, ``projected_value``, ``ltv_per_customer`` (per acquired customer, in the revenue's
        currency), ``status`` and ``reason``.

    Raises
    ------
    MissingColumnError
        A needed column is not in ``table`` (also a ``KeyError``).
    InvalidInputError
        A bad option (``gross_margin``, ``errors``, ``fallback``, ...), a missing cohort label, or with
        ``errors="raise"`` a cohort that cannot be valued (its ages not 0, 1, ..., A, rising survival, ...).
    DivergenceError
        With ``errors="raise"``, or for the pooled fit: no horizon and a tail that does not converge.
    TypeError
        ``table`` that is not a DataFrame, or a column that is not numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> from ltv.retention import cohort_ltv_frame
    >>> table = pd.DataFrame({
    ...     "cohort": ["2024-01"] * 4 + ["2024-02"] * 3,
    ...     "age": [0, 1, 2, 3, 0, 1, 2],
    ...     "surviving_customers": [100, 60, 45, 40, 200, 130, 100],
    ...     "active_customers": [100, 60, 45, 40, 200, 130, 100],
    ...     "revenue": [5000.0, 3000.0, 2250.0, 2000.0, 10000.0, 6500.0, 5000.0],
    ... })
    >>> out = cohort_ltv_frame(table, gross_margin=0.8, discount_rate=0.01, model="pooled")
    >>> out[["cohort", "cohort_size", "ages_observed", "status"]].values.tolist()
    [['2024-01', 100, 4, 'ok'], ['2024-02', 200, 3, 'ok']]

    A cohort seen at age 0 only cannot be fitted alone: reported, or valued from the pooled fit.

    >>> newest = pd.DataFrame({"cohort": ["2024-03"], "age": [0], "surviving_customers": [50],
    ...                        "active_customers": [50], "revenue": [2500.0]})
    >>> out = cohort_ltv_frame(pd.concat([table, newest]), gross_margin=0.8, discount_rate=0.01)
    >>> out["status"].tolist()
    ['ok', 'ok', 'failed']
    >>> "fallback='pooled'" in out["reason"].iloc[2]
    True
    >>> out = cohort_ltv_frame(pd.concat([table, newest]), gross_margin=0.8, discount_rate=0.01, fallback="pooled")
    >>> out["status"].tolist(), bool(out["ltv_per_customer"].iloc[2] > 0)
    (['ok', 'ok', 'pooled_fallback'], True)
    """
    is_polars = type(table).__module__.startswith("polars")
    if not is_polars and not (hasattr(table, "columns") and hasattr(table, "index")):
        raise TypeError(f"table: expected a pandas or polars DataFrame, got {type(table).__name__}")
    missing = [c for c in _NEEDED if c not in table.columns]
    if missing:
        raise missing_column(missing[0], missing[0], table.columns, f"the table needs the columns {list(_NEEDED)}")
    on_error = _choice("errors", errors, ("report", "raise"))
    if fallback is not None:
        _choice("fallback", fallback, ("pooled",))
    # Conversion only: grouping by cohort, ordering, the age checks, the pooled fit and each cohort's value
    # are ltv_models::cohort_ltv_table in Rust. Here: which cohorts to value with which model.
    data = {name: table[name].to_numpy() for name in _NEEDED[1:]}
    data["cohort"] = np.empty(len(table), dtype=object)
    data["cohort"][:] = list(table["cohort"].to_list())

    def value(rows: Optional[Any], with_model: Any) -> Tuple[List[Any], List[CohortLtv]]:
        part = {k: (v if rows is None else v[rows]) for k, v in data.items()}
        labels, results = _cohort_ltv_table(
            cohort=list(part["cohort"]), age=part["age"], surviving_customers=part["surviving_customers"],
            active_customers=part["active_customers"], revenue=part["revenue"], gross_margin=gross_margin,
            discount_rate=discount_rate, horizon=horizon, growth=growth, model=with_model,
        )
        return list(labels), list(results)

    try:
        labels, results = value(None, model)
        valued: Dict[int, Tuple[str, Optional[CohortLtv], Optional[str]]] = {
            i: ("ok", r, None) for i, r in enumerate(results)
        }
    except LtvError as err:
        if on_error == "raise" or _has_missing(data["cohort"]):
            raise _hinted(err, model, fallback) from None
        labels, valued = _value_each(data["cohort"], value, model, fallback)
        if all(status == "ok" for status, _, _ in valued.values()):
            raise  # every cohort can be valued alone: the error is the table's (a pooled fit), not one cohort's
    out: Dict[str, List[Any]] = {name: [] for name in _OUTPUT}
    out["cohort"] = labels
    for i in range(len(labels)):
        status, r, reason = valued[i]
        out["status"].append(status)
        out["reason"].append(reason)
        out["cohort_size"].append(r.cohort_size if r else None)
        out["ages_observed"].append(r.ages_observed if r else None)
        out["alpha"].append(r.model.alpha if r else math.nan)
        out["beta"].append(r.model.beta if r else math.nan)
        for name in ("observed_value", "projected_value", "ltv_per_customer"):
            out[name].append(getattr(r, name) if r else math.nan)
    failed = any(r is None for _, r, _ in valued.values())
    if is_polars:
        import polars as pl

        frame = pl.DataFrame(
            {name: out[name] for name in _OUTPUT[1:]},
            schema_overrides={"cohort_size": pl.Int64, "ages_observed": pl.Int64, "reason": pl.String},
        ).with_columns(pl.col("alpha", "beta", "observed_value", "projected_value", "ltv_per_customer").fill_nan(None))
        return frame.insert_column(0, pl.Series("cohort", out["cohort"], dtype=table["cohort"].dtype))
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    frame = pd.DataFrame(out, columns=list(_OUTPUT))
    if failed:
        frame = frame.astype({"cohort_size": "Int64", "ages_observed": "Int64"})
    return frame


def _choice(name: str, x: Any, allowed: Tuple[str, ...]) -> str:
    option(name, x, allowed)
    if x not in allowed:
        raise invalid_input(name, repr(shown(x)), None, " or ".join(repr(a) for a in allowed))
    return str(x)


def _has_missing(labels: Any) -> bool:
    return any(v is None or (isinstance(v, float) and v != v) for v in labels)


def _hinted(err: LtvError, model: Any, fallback: Optional[str]) -> LtvError:
    """``err`` (a cohort's) with the way round it: ``fallback='pooled'`` when the cohort's own fit failed."""
    if model is not None or fallback is not None or not str(err).startswith("cohort "):
        return err
    out = type(err)(f"{err}; {_FALLBACK_HINT}, errors='report' to value the other cohorts")
    for attr in ("field", "value", "kind", "row", "label"):
        setattr(out, attr, getattr(err, attr, None))
    return out


def _value_each(
    cohorts: Any, value: Callable[..., Tuple[List[Any], List[CohortLtv]]], model: Any, fallback: Optional[str]
) -> Tuple[List[Any], Dict[int, Tuple[str, Optional[CohortLtv], Optional[str]]]]:
    """Each cohort on its own rows (one native call per cohort, at most one per distinct label): which can be
    valued, and why the others cannot."""
    groups: Dict[Any, List[int]] = {}
    for row, label in enumerate(cohorts):
        groups.setdefault(label, []).append(row)
    order = list(groups)
    try:
        order = sorted(order)
    except TypeError:  # labels that do not compare keep their order of first appearance (as in Rust)
        pass
    probe = SbgModel(alpha=1.0, beta=1.0) if isinstance(model, str) else model  # "pooled": check data first
    valued: Dict[int, Tuple[str, Optional[CohortLtv], Optional[str]]] = {}
    for i, label in enumerate(order):
        rows = np.asarray(groups[label], dtype=np.int64)
        try:
            valued[i] = ("ok", value(rows, probe)[1][0], None)
        except LtvError as err:
            if isinstance(err, InvalidInputError) and getattr(err, "field", None) in _OPTIONS:
                raise  # an option every cohort shares (gross_margin = 80): not this cohort's
            valued[i] = ("failed", None, _in_table(err, rows))
    good = [i for i, (status, _, _) in valued.items() if status == "ok"]
    pooled: Any = None
    if good and (isinstance(model, str) or (fallback == "pooled" and model is None and len(good) < len(order))):
        rows = np.concatenate([np.asarray(groups[order[i]], dtype=np.int64) for i in good])
        results = value(rows, "pooled")[1]  # a pooled fit that fails is not one cohort's error: it raises
        pooled = results[0].model
        if isinstance(model, str):
            for i, r in zip(good, results):
                valued[i] = ("ok", r, None)
    for i, (status, _, reason) in list(valued.items()):
        if status != "failed":
            continue
        if pooled is None or model is not None:
            hint = f"; {_FALLBACK_HINT}" if model is None and fallback is None else ""
            valued[i] = ("failed", None, f"{reason}{hint}")
            continue
        rows = np.asarray(groups[order[i]], dtype=np.int64)
        try:
            valued[i] = ("pooled_fallback", value(rows, pooled)[1][0], reason)
        except LtvError as err:
            valued[i] = ("failed", None, f"{reason}; from the pooled fit: {_in_table(err, rows)}")
    return order, valued


def _in_table(err: LtvError, rows: Any) -> str:
    """A cohort's error message with its table row (``.row``, a row of the cohort's own rows) as a row of the
    whole table: ``(table row r)`` in an error within a cohort, else the first ``row r``."""
    text, row = str(err), getattr(err, "row", None)
    if row is None or not 0 <= row < len(rows):
        return text
    old = f"(table row {row})" if text.startswith("cohort ") else f"row {row}"
    return text.replace(old, old.replace(str(row), str(int(rows[row]))), 1)
