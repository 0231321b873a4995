"""DataFrame helpers: formulas over the columns of a pandas or polars DataFrame.

Each argument names a column (a ``str``) or gives one value for every row (a number). The defaults are the
keyword names themselves, so a frame with columns ``arpu``, ``gross_margin`` and ``monthly_churn`` needs
none. The result is a pandas Series on the frame's index, or a polars Series, named after the formula.
Options such as ``errors="nan"`` pass through to :mod:`ltv.vec`.

>>> import pandas as pd, ltv
>>> df = pd.DataFrame({"arpu": [500, 500], "gross_margin": [0.8, 0.8], "churn": [0.03, 0.015]})
>>> ltv.frame.saas_ltv(df, monthly_churn="churn").round(2).tolist()
[13333.33, 26666.67]
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Union

from . import vec

__all__ = [
    "bid_cap",
    "cac_payback_months",
    "discounted_ltv",
    "lead_ltv",
    "lead_value",
    "ltv_cac_ratio",
    "max_cac",
    "net_lead_ltv",
    "purchase_ltv",
    "retention_cltv",
    "saas_ltv",
    "subscription_ltv",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


ColumnOrValue = Union[str, float, int]
"""A column name, or one value for every row."""


def _call(df: Any, name: str, fn: Callable[..., Any], columns: Dict[str, ColumnOrValue], options: Dict[str, Any]) -> Any:
    is_polars = type(df).__module__.startswith("polars")
    is_frame = hasattr(df, "columns") and (is_polars or type(df).__module__.startswith("pandas"))
    if not is_frame:
        raise TypeError(f"df: expected a pandas or polars DataFrame, got {type(df).__name__}")
    resolved: Dict[str, Any] = {}
    for key, ref in columns.items():
        if isinstance(ref, str):
            if ref not in df.columns:
                raise KeyError(f"{key}: column {ref!r} is not in the frame (columns: {list(df.columns)})")
            resolved[key] = df[ref]
        else:
            resolved[key] = ref
    if not is_polars:
        # A scalar-only call still gets one value per row, on the frame's index.
        if not any(isinstance(v, str) for v in columns.values()):
            import pandas as pd  # type: ignore[import-untyped, unused-ignore]

            resolved[next(iter(resolved))] = pd.Series(resolved[next(iter(resolved))], index=df.index)
        out = fn(**resolved, **options)
        out.name = name
        return out
    import numpy as np
    import polars as pl

    values = np.broadcast_to(fn(**resolved, **options), (df.height,))
    return pl.Series(name, values)


def purchase_ltv(
    df: Any,
    *,
    average_purchase_value: ColumnOrValue = "average_purchase_value",
    purchase_frequency: ColumnOrValue = "purchase_frequency",
    customer_lifespan: ColumnOrValue = "customer_lifespan",
    **options: Any,
) -> Any:
    """:func:`ltv.vec.purchase_ltv` on a frame's columns (pass ``gross_margin=`` a column or value for margin)."""
    cols: Dict[str, ColumnOrValue] = {
        "average_purchase_value": average_purchase_value,
        "purchase_frequency": purchase_frequency,
        "customer_lifespan": customer_lifespan,
    }
    if "gross_margin" in options:
        cols["gross_margin"] = options.pop("gross_margin")
    return _call(df, "purchase_ltv", vec.purchase_ltv, cols, options)


def subscription_ltv(
    df: Any,
    *,
    average_monthly_revenue: ColumnOrValue = "average_monthly_revenue",
    lifespan_months: ColumnOrValue = "lifespan_months",
    **options: Any,
) -> Any:
    """:func:`ltv.vec.subscription_ltv` on a frame's columns."""
    cols = {"average_monthly_revenue": average_monthly_revenue, "lifespan_months": lifespan_months}
    return _call(df, "subscription_ltv", vec.subscription_ltv, cols, options)


def saas_ltv(
    df: Any,
    *,
    arpu: ColumnOrValue = "arpu",
    gross_margin: ColumnOrValue = "gross_margin",
    monthly_churn: ColumnOrValue = "monthly_churn",
    **options: Any,
) -> Any:
    """:func:`ltv.vec.saas_ltv` on a frame's columns."""
    cols = {"arpu": arpu, "gross_margin": gross_margin, "monthly_churn": monthly_churn}
    return _call(df, "saas_ltv", vec.saas_ltv, cols, options)


def discounted_ltv(
    df: Any,
    *,
    monthly_margin: ColumnOrValue = "monthly_margin",
    monthly_churn: ColumnOrValue = "monthly_churn",
    **options: Any,
) -> Any:
    """:func:`ltv.vec.discounted_ltv` on a frame's columns; give ``annual_discount_rate=`` or
    ``monthly_discount_rate=`` as a column name or a value."""
    cols: Dict[str, ColumnOrValue] = {"monthly_margin": monthly_margin, "monthly_churn": monthly_churn}
    for rate in ("annual_discount_rate", "monthly_discount_rate"):
        if rate in options:
            cols[rate] = options.pop(rate)
    return _call(df, "discounted_ltv", vec.discounted_ltv, cols, options)


def retention_cltv(
    df: Any,
    *,
    revenue: ColumnOrValue = "revenue",
    gross_margin: ColumnOrValue = "gross_margin",
    retention: ColumnOrValue = "retention",
    discount_rate: ColumnOrValue = "discount_rate",
    **options: Any,
) -> Any:
    """:func:`ltv.vec.retention_cltv` on a frame's columns (``periods=`` is required)."""
    cols = {"revenue": revenue, "gross_margin": gross_margin, "retention": retention, "discount_rate": discount_rate}
    return _call(df, "retention_cltv", vec.retention_cltv, cols, options)


def ltv_cac_ratio(df: Any, *, ltv: ColumnOrValue = "ltv", cac: ColumnOrValue = "cac", **options: Any) -> Any:
    """:func:`ltv.vec.ltv_cac_ratio` on a frame's columns."""
    return _call(df, "ltv_cac_ratio", vec.ltv_cac_ratio, {"ltv": ltv, "cac": cac}, options)


def max_cac(df: Any, *, ltv: ColumnOrValue = "ltv", target_ratio: ColumnOrValue = 3, **options: Any) -> Any:
    """:func:`ltv.vec.max_cac` on a frame's columns."""
    return _call(df, "max_cac", vec.max_cac, {"ltv": ltv, "target_ratio": target_ratio}, options)


def cac_payback_months(
    df: Any,
    *,
    cac: ColumnOrValue = "cac",
    arpu: ColumnOrValue = "arpu",
    gross_margin: ColumnOrValue = "gross_margin",
    target_months: ColumnOrValue = 18,
    **options: Any,
) -> Any:
    """:func:`ltv.vec.cac_payback_months` on a frame's columns."""
    cols = {"cac": cac, "arpu": arpu, "gross_margin": gross_margin, "target_months": target_months}
    return _call(df, "cac_payback_months", vec.cac_payback_months, cols, options)


def lead_ltv(
    df: Any,
    *,
    customer_ltv: ColumnOrValue = "customer_ltv",
    conversion_rate: ColumnOrValue = "conversion_rate",
    **options: Any,
) -> Any:
    """:func:`ltv.vec.lead_ltv` on a frame's columns."""
    cols = {"customer_ltv": customer_ltv, "conversion_rate": conversion_rate}
    return _call(df, "lead_ltv", vec.lead_ltv, cols, options)


def net_lead_ltv(
    df: Any,
    *,
    customer_ltv: ColumnOrValue = "customer_ltv",
    conversion_rate: ColumnOrValue = "conversion_rate",
    cac: ColumnOrValue = "cac",
    nurture_cost: ColumnOrValue = 0,
    time_factor: ColumnOrValue = 1,
    **options: Any,
) -> Any:
    """:func:`ltv.vec.net_lead_ltv` on a frame's columns."""
    cols = {
        "customer_ltv": customer_ltv,
        "conversion_rate": conversion_rate,
        "cac": cac,
        "nurture_cost": nurture_cost,
        "time_factor": time_factor,
    }
    return _call(df, "net_lead_ltv", vec.net_lead_ltv, cols, options)


def lead_value(
    df: Any,
    *,
    customer_ltv: ColumnOrValue = "customer_ltv",
    conversion_probability: ColumnOrValue = "conversion_probability",
    months_to_close: ColumnOrValue = "months_to_close",
    days_since_engagement: ColumnOrValue = "days_since_engagement",
    **options: Any,
) -> Any:
    """:func:`ltv.vec.lead_value` on a frame's columns."""
    cols: Dict[str, ColumnOrValue] = {
        "customer_ltv": customer_ltv,
        "conversion_probability": conversion_probability,
        "months_to_close": months_to_close,
        "days_since_engagement": days_since_engagement,
    }
    for rule in ("annual_discount_rate", "discount_after_months", "zombie_after_days"):
        if rule in options:
            cols[rule] = options.pop(rule)
    return _call(df, "lead_value", vec.lead_value, cols, options)


def bid_cap(
    df: Any, *, lead_ltv: ColumnOrValue = "lead_ltv", target_ratio: ColumnOrValue = 3, **options: Any
) -> Any:
    """:func:`ltv.vec.bid_cap` on a frame's columns."""
    return _call(df, "bid_cap", vec.bid_cap, {"lead_ltv": lead_ltv, "target_ratio": target_ratio}, options)
