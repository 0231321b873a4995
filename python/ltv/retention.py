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

from typing import Any, Dict, List, Optional, Union

import numpy as np

from ._ltv import MAX_PERIODS, MAX_SERIES_TERMS, MAX_TABLE_AGES, CohortLtv, SbgFit, SbgModel, _cohort_ltv, _cohort_ltv_table
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
)


def cohort_ltv_frame(
    table: Any,
    *,
    gross_margin: float,
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    horizon: Optional[int] = None,
    growth: Growth = None,
    model: Union[SbgModel, SbgFit, str, None] = None,
) -> Any:
    """:func:`cohort_ltv` for every cohort of a long cohort table: one row per cohort (cohort, cohort_size,
    ages_observed, alpha, beta, observed_value, projected_value, ltv_per_customer), in cohort order.

    ``table`` is the long table of :func:`ltv.cohort.cohort_table` (a pandas or polars DataFrame with one row
    per cohort and observed age and at least the columns cohort, age, surviving_customers, active_customers
    and revenue); each cohort's ages must be 0, 1, ..., A. ``model``: ``None`` fits each cohort alone,
    ``"pooled"`` fits one model on all cohorts together (:meth:`SbgFit.fit_cohorts`, sturdier for young
    cohorts; a cohort observed at age 0 only is then valued too), or a given :class:`SbgModel` /
    :class:`SbgFit`. pandas in, pandas out; polars in, polars out.

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
    >>> out[["cohort", "cohort_size", "ages_observed"]].values.tolist()
    [['2024-01', 100, 4], ['2024-02', 200, 3]]
    """
    is_polars = type(table).__module__.startswith("polars")
    if not is_polars and not (hasattr(table, "columns") and hasattr(table, "index")):
        raise TypeError(f"table: expected a pandas or polars DataFrame, got {type(table).__name__}")
    missing = [c for c in _NEEDED if c not in table.columns]
    if missing:
        raise KeyError(f"table: missing column(s) {missing} (columns: {list(table.columns)})")
    # Conversion only: grouping by cohort, ordering, the age checks, the pooled fit and each cohort's value
    # are ltv_models::cohort_ltv_table in Rust.
    labels, results = _cohort_ltv_table(
        cohort=list(table["cohort"].to_list()),
        age=table["age"].to_numpy(),
        surviving_customers=table["surviving_customers"].to_numpy(),
        active_customers=table["active_customers"].to_numpy(),
        revenue=table["revenue"].to_numpy(),
        gross_margin=gross_margin,
        discount_rate=discount_rate,
        horizon=horizon,
        growth=growth,
        model=model,
    )
    out: Dict[str, List[Any]] = {
        "cohort": list(labels),
        "cohort_size": [r.cohort_size for r in results],
        "ages_observed": [r.ages_observed for r in results],
        "alpha": [r.model.alpha for r in results],
        "beta": [r.model.beta for r in results],
        "observed_value": [r.observed_value for r in results],
        "projected_value": [r.projected_value for r in results],
        "ltv_per_customer": [r.ltv_per_customer for r in results],
    }

    if is_polars:
        import polars as pl

        frame = {name: out[name] for name in _OUTPUT[1:]}
        return pl.DataFrame(frame).insert_column(0, pl.Series("cohort", out["cohort"], dtype=table["cohort"].dtype))
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return pd.DataFrame(out, columns=list(_OUTPUT))
