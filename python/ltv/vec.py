"""Every formula over whole columns: fast, validated, one fused pass in Rust.

Inputs may be numpy arrays, pandas or polars Series, plain sequences, or scalars (broadcast). Each call
validates every row exactly as the scalar function does (same ranges, same errors) and returns a float64
numpy array, or a pandas Series with the input's index when any input is a pandas Series.

``errors="raise"`` (the default) raises the matching :class:`ltv.LtvError` for the first bad row, naming its
position (``.row``), field and value; ``errors="nan"`` returns NaN for the bad rows and values elsewhere.
Nothing is clamped. Missing values (NaN, pandas NA, polars null) are bad rows (:class:`ltv.NotFiniteError`).

The loop runs in Rust with the GIL released. Inputs of 1,048,576 rows or more use every core unless
``parallel=False`` (threads are switched off in forked child processes).

Floats are not exact: use the scalar functions (``ltv.saas_ltv`` ...) for cent-exact Decimal results.

>>> import numpy as np, ltv
>>> ltv.vec.saas_ltv(arpu=np.array([500.0, 500.0]), gross_margin=0.8, monthly_churn=[0.03, 0.015]).round(2)
array([13333.33, 26666.67])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import numpy as np

from . import _ltv
from ._columns import apply, number

if TYPE_CHECKING:
    from ._columns import _ChurnBasis, _Errors, _MrrMetric, _RatePeriod, _Timing

__all__ = [
    "annual_to_monthly_rate",
    "bid_cap",
    "cac_payback_months",
    "campaign_value",
    "discounted_ltv",
    "ending_mrr",
    "gross_mrr_churn",
    "gross_revenue_retention",
    "lead_ltv",
    "lead_value",
    "lifespan_from_churn",
    "logo_churn_rate",
    "ltv_cac_band",
    "ltv_cac_ratio",
    "max_cac",
    "monthly_churn_from_annual",
    "net_lead_ltv",
    "net_mrr_churn",
    "net_revenue_retention",
    "present_value_lead_ltv",
    "purchase_ltv",
    "quick_ratio",
    "retention_cltv",
    "saas_ltv",
    "subscription_ltv",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


Column = Any
"""A scalar, a sequence, a numpy array, or a pandas or polars Series of numbers."""


def purchase_ltv(
    *,
    average_purchase_value: Column,
    purchase_frequency: Column,
    customer_lifespan: Column,
    gross_margin: Optional[Column] = None,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:func:`ltv.purchase_ltv` over columns."""
    has_margin = gross_margin is not None
    cols = {
        "average_purchase_value": average_purchase_value,
        "purchase_frequency": purchase_frequency,
        "customer_lifespan": customer_lifespan,
        "gross_margin": gross_margin if has_margin else 1.0,
    }

    def kernel(a: Any, f: Any, life: Any, g: Any, errors: _Errors, parallel: bool) -> Any:
        return _ltv._vec_purchase_ltv(a, f, life, g, has_margin, errors, parallel)

    return apply("purchase_ltv", kernel, cols, (), errors, parallel)


def subscription_ltv(
    *, average_monthly_revenue: Column, lifespan_months: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> Any:
    """:func:`ltv.subscription_ltv` over columns."""
    cols = {"average_monthly_revenue": average_monthly_revenue, "lifespan_months": lifespan_months}
    return apply("subscription_ltv", _ltv._vec_subscription_ltv, cols, (), errors, parallel)


def lifespan_from_churn(
    *, monthly_churn: Column, churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> Any:
    """:func:`ltv.lifespan_from_churn` over columns."""
    cols = {"monthly_churn": monthly_churn}
    return apply("lifespan_months", _ltv._vec_lifespan_from_churn, cols, (churn_basis,), errors, parallel)


def saas_ltv(
    *,
    arpu: Column,
    gross_margin: Column,
    monthly_churn: Column,
    churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:func:`ltv.saas_ltv` (ARPU x gross margin / monthly churn) over columns."""
    cols = {"arpu": arpu, "gross_margin": gross_margin, "monthly_churn": monthly_churn}
    return apply("saas_ltv", _ltv._vec_saas_ltv, cols, (churn_basis,), errors, parallel)


def monthly_churn_from_annual(
    *, annual_churn: Column, churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> Any:
    """:func:`ltv.monthly_churn_from_annual` over columns."""
    cols = {"annual_churn": annual_churn}
    return apply("monthly_churn", _ltv._vec_monthly_churn_from_annual, cols, (churn_basis,), errors, parallel)


def annual_to_monthly_rate(*, annual_rate: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> Any:
    """:func:`ltv.annual_to_monthly_rate` over columns."""
    return apply("monthly_rate", _ltv._vec_annual_to_monthly_rate, {"annual_rate": annual_rate}, (), errors, parallel)


def discounted_ltv(
    *,
    monthly_margin: Column,
    monthly_churn: Column,
    annual_discount_rate: Optional[Column] = None,
    monthly_discount_rate: Optional[Column] = None,
    timing: _Timing = _ltv.DEFAULT_TIMING,
    horizon_months: Optional[int] = None,
    churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:func:`ltv.discounted_ltv` over columns (``horizon_months`` is one value for every row)."""
    if (annual_discount_rate is None) == (monthly_discount_rate is None):
        raise TypeError("give exactly one of annual_discount_rate and monthly_discount_rate")
    rate_name = "annual_discount_rate" if annual_discount_rate is not None else "monthly_discount_rate"
    rate = annual_discount_rate if annual_discount_rate is not None else monthly_discount_rate
    cols = {"monthly_margin": monthly_margin, "monthly_churn": monthly_churn, rate_name: rate}

    def kernel(m: Any, c: Any, d: Any, errors: _Errors, parallel: bool) -> Any:
        annual, monthly = (d, None) if rate_name == "annual_discount_rate" else (None, d)
        return _ltv._vec_discounted_ltv(m, c, annual, monthly, timing, horizon_months, churn_basis, errors, parallel)

    return apply("discounted_ltv", kernel, cols, (), errors, parallel)


def retention_cltv(
    *,
    revenue: Column,
    gross_margin: Column,
    retention: Column,
    discount_rate: Column,
    periods: int,
    period: _RatePeriod = _ltv.DEFAULT_RETENTION_PERIOD,
    timing: _Timing = _ltv.DEFAULT_TIMING,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:func:`ltv.retention_cltv` over columns (``periods`` is one value for every row)."""
    cols = {"revenue": revenue, "gross_margin": gross_margin, "retention": retention, "discount_rate": discount_rate}
    return apply("retention_cltv", _ltv._vec_retention_cltv, cols, (periods, period, timing), errors, parallel)


def ltv_cac_ratio(*, ltv: Column, cac: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> Any:
    """LTV / CAC over columns; see :func:`ltv_cac_band` for the health bands."""
    return apply("ltv_cac_ratio", _ltv._vec_ltv_cac_ratio, {"ltv": ltv, "cac": cac}, (), errors, parallel)


_BANDS = np.array(["overspending", "healthy", "under_investing"], dtype=object)


def ltv_cac_band(
    *,
    ratio: Column,
    healthy_min: float = _ltv.DEFAULT_HEALTHY_MIN,
    healthy_max: float = _ltv.DEFAULT_HEALTHY_MAX,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """The health band of each LTV:CAC ratio: an object array of ``"overspending"``, ``"healthy"``,
    ``"under_investing"`` (``None`` for bad rows with ``errors="nan"``)."""

    def kernel(r: Any, errors: _Errors, parallel: bool) -> Any:
        codes = _ltv._vec_ltv_cac_band(r, number("healthy_min", healthy_min), number("healthy_max", healthy_max), errors, parallel)
        out = np.full(codes.shape, None, dtype=object)
        ok = ~np.isnan(codes)
        out[ok] = _BANDS[codes[ok].astype(np.intp)]
        return out

    return apply("band", kernel, {"ratio": ratio}, (), errors, parallel)


def max_cac(*, ltv: Column, target_ratio: Column = _ltv.DEFAULT_TARGET_RATIO, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> Any:
    """:func:`ltv.max_cac` over columns."""
    return apply("max_cac", _ltv._vec_max_cac, {"ltv": ltv, "target_ratio": target_ratio}, (), errors, parallel)


def cac_payback_months(
    *,
    cac: Column,
    arpu: Column,
    gross_margin: Column,
    target_months: Column = _ltv.DEFAULT_PAYBACK_TARGET_MONTHS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """Payback months of :func:`ltv.cac_payback_months` over columns (compare with the target yourself)."""
    cols = {"cac": cac, "arpu": arpu, "gross_margin": gross_margin, "target_months": target_months}
    return apply("cac_payback_months", _ltv._vec_cac_payback_months, cols, (), errors, parallel)


def lead_ltv(
    *, customer_ltv: Column, conversion_rate: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> Any:
    """:func:`ltv.lead_ltv` over columns."""
    cols = {"customer_ltv": customer_ltv, "conversion_rate": conversion_rate}
    return apply("lead_ltv", _ltv._vec_lead_ltv, cols, (), errors, parallel)


def net_lead_ltv(
    *,
    customer_ltv: Column,
    conversion_rate: Column,
    cac: Column,
    nurture_cost: Column = 0,
    time_factor: Column = 1,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:func:`ltv.net_lead_ltv` over columns."""
    cols = {
        "customer_ltv": customer_ltv,
        "conversion_rate": conversion_rate,
        "cac": cac,
        "nurture_cost": nurture_cost,
        "time_factor": time_factor,
    }
    return apply("net_lead_ltv", _ltv._vec_net_lead_ltv, cols, (), errors, parallel)


def present_value_lead_ltv(
    *,
    customer_ltv: Column,
    conversion_rate: Column,
    months_to_close: Column,
    annual_discount_rate: Column = _ltv.DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE,
    discount_after_months: Column = _ltv.DEFAULT_DISCOUNT_AFTER_MONTHS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:func:`ltv.present_value_lead_ltv` over columns."""
    cols = {
        "customer_ltv": customer_ltv,
        "conversion_rate": conversion_rate,
        "months_to_close": months_to_close,
        "annual_discount_rate": annual_discount_rate,
        "discount_after_months": discount_after_months,
    }
    return apply("present_value_lead_ltv", _ltv._vec_present_value_lead_ltv, cols, (), errors, parallel)


def lead_value(
    *,
    customer_ltv: Column,
    conversion_probability: Column,
    months_to_close: Column,
    days_since_engagement: Column,
    annual_discount_rate: Column = _ltv.DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE,
    discount_after_months: Column = _ltv.DEFAULT_DISCOUNT_AFTER_MONTHS,
    zombie_after_days: Column = _ltv.DEFAULT_ZOMBIE_AFTER_DAYS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:func:`ltv.lead_value` over columns (0 for zombie leads)."""
    cols = {
        "customer_ltv": customer_ltv,
        "conversion_probability": conversion_probability,
        "months_to_close": months_to_close,
        "days_since_engagement": days_since_engagement,
        "annual_discount_rate": annual_discount_rate,
        "discount_after_months": discount_after_months,
        "zombie_after_days": zombie_after_days,
    }
    return apply("lead_value", _ltv._vec_lead_value, cols, (), errors, parallel)


def campaign_value(*, leads: Column, lead_ltv: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> Any:
    """:func:`ltv.campaign_value` over columns (``leads`` must be whole numbers)."""
    cols = {"leads": leads, "lead_ltv": lead_ltv}
    return apply("campaign_value", _ltv._vec_campaign_value, cols, (), errors, parallel)


def bid_cap(*, lead_ltv: Column, target_ratio: Column = _ltv.DEFAULT_TARGET_RATIO, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> Any:
    """:func:`ltv.bid_cap` over columns."""
    cols = {"lead_ltv": lead_ltv, "target_ratio": target_ratio}
    return apply("bid_cap", _ltv._vec_bid_cap, cols, (), errors, parallel)


def logo_churn_rate(
    *, customers_at_start: Column, customers_lost: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> Any:
    """:func:`ltv.logo_churn_rate` over columns (counts must be whole numbers)."""
    cols = {"customers_at_start": customers_at_start, "customers_lost": customers_lost}
    return apply("logo_churn_rate", _ltv._vec_logo_churn_rate, cols, (), errors, parallel)


def _mrr(
    metric: _MrrMetric,
    starting_mrr: Column,
    new: Column,
    expansion: Column,
    contraction: Column,
    churned: Column,
    reactivation: Column,
    errors: _Errors,
    parallel: Optional[bool],
) -> Any:
    cols = {
        "starting_mrr": starting_mrr,
        "new": new,
        "expansion": expansion,
        "contraction": contraction,
        "churned": churned,
        "reactivation": reactivation,
    }

    def kernel(*args: Any) -> Any:
        return _ltv._vec_mrr(metric, *args)

    return apply(metric, kernel, cols, (), errors, parallel)


def gross_mrr_churn(
    *,
    starting_mrr: Column,
    new: Column = 0,
    expansion: Column = 0,
    contraction: Column = 0,
    churned: Column = 0,
    reactivation: Column = 0,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:meth:`ltv.MrrMovements.gross_mrr_churn` over columns."""
    return _mrr("gross_mrr_churn", starting_mrr, new, expansion, contraction, churned, reactivation, errors, parallel)


def net_mrr_churn(
    *,
    starting_mrr: Column,
    new: Column = 0,
    expansion: Column = 0,
    contraction: Column = 0,
    churned: Column = 0,
    reactivation: Column = 0,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:meth:`ltv.MrrMovements.net_mrr_churn` over columns."""
    return _mrr("net_mrr_churn", starting_mrr, new, expansion, contraction, churned, reactivation, errors, parallel)


def net_revenue_retention(
    *,
    starting_mrr: Column,
    new: Column = 0,
    expansion: Column = 0,
    contraction: Column = 0,
    churned: Column = 0,
    reactivation: Column = 0,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:meth:`ltv.MrrMovements.net_revenue_retention` over columns."""
    return _mrr(
        "net_revenue_retention", starting_mrr, new, expansion, contraction, churned, reactivation, errors, parallel
    )


def gross_revenue_retention(
    *,
    starting_mrr: Column,
    new: Column = 0,
    expansion: Column = 0,
    contraction: Column = 0,
    churned: Column = 0,
    reactivation: Column = 0,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:meth:`ltv.MrrMovements.gross_revenue_retention` over columns."""
    return _mrr(
        "gross_revenue_retention", starting_mrr, new, expansion, contraction, churned, reactivation, errors, parallel
    )


def quick_ratio(
    *,
    starting_mrr: Column,
    new: Column = 0,
    expansion: Column = 0,
    contraction: Column = 0,
    churned: Column = 0,
    reactivation: Column = 0,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:meth:`ltv.MrrMovements.quick_ratio` over columns."""
    return _mrr("quick_ratio", starting_mrr, new, expansion, contraction, churned, reactivation, errors, parallel)


def ending_mrr(
    *,
    starting_mrr: Column,
    new: Column = 0,
    expansion: Column = 0,
    contraction: Column = 0,
    churned: Column = 0,
    reactivation: Column = 0,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> Any:
    """:meth:`ltv.MrrMovements.ending_mrr` over columns."""
    return _mrr("ending_mrr", starting_mrr, new, expansion, contraction, churned, reactivation, errors, parallel)
