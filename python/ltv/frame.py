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

from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Union

from . import _ltv
from . import vec
from ._columns import missing_column

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

if TYPE_CHECKING:
    import pandas as _pd  # type: ignore[import-untyped, unused-ignore]
    import polars as _pl

    from ._columns import _ChurnBasis, _Errors, _RatePeriod, _Timing

    _Frame = Union[_pd.DataFrame, _pl.DataFrame]
    _SeriesResult = Union[_pd.Series, _pl.Series]


def _call(df: Any, name: str, fn: Callable[..., Any], columns: Dict[str, ColumnOrValue], options: Dict[str, Any]) -> Any:
    is_polars = type(df).__module__.startswith("polars")
    is_frame = hasattr(df, "columns") and (is_polars or type(df).__module__.startswith("pandas"))
    if not is_frame:
        raise TypeError(f"df: expected a pandas or polars DataFrame, got {type(df).__name__}")
    resolved: Dict[str, Any] = {}
    for key, ref in columns.items():
        if isinstance(ref, str):
            if ref not in df.columns:
                raise missing_column(key, ref, df.columns)
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
    df: _Frame,
    *,
    average_purchase_value: ColumnOrValue = "average_purchase_value",
    purchase_frequency: ColumnOrValue = "purchase_frequency",
    customer_lifespan: ColumnOrValue = "customer_lifespan",
    gross_margin: Optional[ColumnOrValue] = None,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Purchase LTV = average purchase value x purchase frequency x customer lifespan (x gross margin), on a
    DataFrame's columns.

    Adds to :func:`ltv.vec.purchase_ltv`: each column keyword names a column of ``df`` (a ``str``) or gives one
    number for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``purchase_ltv``: a pandas Series on the frame's index, or a polars Series. A name
    that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    average_purchase_value : str or number, default "average_purchase_value"
        Revenue of an average order, in your currency, >= 0: the column, or one value.
    purchase_frequency : str or number, default "purchase_frequency"
        Orders per customer per period (the same period as ``customer_lifespan``), >= 0: the column, or one value.
    customer_lifespan : str or number, default "customer_lifespan"
        Expected customer lifespan, in periods, >= 0: the column, or one value.
    gross_margin : str, number or None, default None
        Gross margin as a fraction in [0, 1] (80 % is ``0.8``); ``None`` values revenue, not margin.
        A column name or one value; ``None``: not given.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``purchase_ltv``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.purchase_ltv` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"aov": [50.0, 80.0], "orders": [4, 2], "years": [3, 3]})
    >>> ltv.frame.purchase_ltv(df, average_purchase_value="aov", purchase_frequency="orders", customer_lifespan="years",
    ...                        gross_margin=0.6).tolist()
    [360.0, 288.0]
    """
    cols: Dict[str, ColumnOrValue] = {
        "average_purchase_value": average_purchase_value,
        "purchase_frequency": purchase_frequency,
        "customer_lifespan": customer_lifespan,
    }
    if gross_margin is not None:
        cols["gross_margin"] = gross_margin
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "purchase_ltv", vec.purchase_ltv, cols, options)


def subscription_ltv(
    df: _Frame,
    *,
    average_monthly_revenue: ColumnOrValue = "average_monthly_revenue",
    lifespan_months: ColumnOrValue = "lifespan_months",
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Subscription LTV = average monthly revenue x lifespan in months, on a DataFrame's columns.

    Adds to :func:`ltv.vec.subscription_ltv`: each column keyword names a column of ``df`` (a ``str``) or gives one
    number for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``subscription_ltv``: a pandas Series on the frame's index, or a polars Series. A
    name that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    average_monthly_revenue : str or number, default "average_monthly_revenue"
        Revenue per customer per month, in your currency, >= 0: the column, or one value.
    lifespan_months : str or number, default "lifespan_months"
        Expected lifespan in months, >= 0 (see :func:`lifespan_from_churn`): the column, or one value.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``subscription_ltv``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.subscription_ltv` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"average_monthly_revenue": [99.0, 49.0], "lifespan_months": [24, 36]})
    >>> ltv.frame.subscription_ltv(df).tolist()
    [2376.0, 1764.0]
    """
    cols: Dict[str, ColumnOrValue] = {
        "average_monthly_revenue": average_monthly_revenue,
        "lifespan_months": lifespan_months,
    }
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "subscription_ltv", vec.subscription_ltv, cols, options)


def saas_ltv(
    df: _Frame,
    *,
    arpu: ColumnOrValue = "arpu",
    gross_margin: ColumnOrValue = "gross_margin",
    monthly_churn: ColumnOrValue = "monthly_churn",
    churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """SaaS LTV = ARPU x gross margin / monthly churn, on a DataFrame's columns.

    Adds to :func:`ltv.vec.saas_ltv`: each column keyword names a column of ``df`` (a ``str``) or gives one number
    for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``saas_ltv``: a pandas Series on the frame's index, or a polars Series. A name that
    is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    arpu : str or number, default "arpu"
        Average revenue per user (account) per month, in your currency, >= 0: the column, or one value.
    gross_margin : str or number, default "gross_margin"
        Gross margin as a fraction in [0, 1] (80 % is ``0.8``): the column, or one value.
    monthly_churn : str or number, default "monthly_churn"
        Churn per month as a fraction (3 % is ``0.03``): [0, 1], or [-1, 1] for ``"net_revenue"``: the column, or
        one value.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts: customers lost, revenue lost, or revenue lost net of expansion.
        One value for every row.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``saas_ltv``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.saas_ltv` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"arpu": [500, 500], "gross_margin": [0.8, 0.8], "churn": [0.03, 0.015]})
    >>> ltv.frame.saas_ltv(df, monthly_churn="churn").round(2).tolist()
    [13333.33, 26666.67]
    >>> ltv.frame.saas_ltv(df, gross_margin=0.5, monthly_churn="churn", errors="nan").round(2).tolist()
    [8333.33, 16666.67]
    """
    cols: Dict[str, ColumnOrValue] = {"arpu": arpu, "gross_margin": gross_margin, "monthly_churn": monthly_churn}
    options: Dict[str, Any] = {"churn_basis": churn_basis, "errors": errors, "parallel": parallel}
    return _call(df, "saas_ltv", vec.saas_ltv, cols, options)


def discounted_ltv(
    df: _Frame,
    *,
    monthly_margin: ColumnOrValue = "monthly_margin",
    monthly_churn: ColumnOrValue = "monthly_churn",
    annual_discount_rate: Optional[ColumnOrValue] = None,
    monthly_discount_rate: Optional[ColumnOrValue] = None,
    timing: _Timing = _ltv.DEFAULT_TIMING,
    horizon_months: Optional[int] = None,
    churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Discounted SaaS LTV with payment timing and an optional horizon, on a DataFrame's columns.

    Adds to :func:`ltv.vec.discounted_ltv`: each column keyword names a column of ``df`` (a ``str``) or gives one
    number for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``discounted_ltv``: a pandas Series on the frame's index, or a polars Series. A
    name that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    monthly_margin : str or number, default "monthly_margin"
        Margin per customer per month (ARPU x gross margin), in your currency, >= 0: the column, or one value.
    monthly_churn : str or number, default "monthly_churn"
        Churn per month as a fraction: [0, 1], or [-1, 1] for ``"net_revenue"``: the column, or one value.
    annual_discount_rate : str, number or None, default None
        Cost of capital per year in [0, 1], compounded to a monthly rate. Give this or ``monthly_discount_rate``.
        A column name or one value; ``None``: not given.
    monthly_discount_rate : str, number or None, default None
        Cost of capital per month in [0, 1]. Give exactly one of the two rates.
        A column name or one value; ``None``: not given.
    timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
        When each month's margin is paid: at its start (month 0 undiscounted), at its end, or at its end by the
        customers who survive it.
        One value for every row.
    horizon_months : int or None, default None
        Months valued; ``None`` values the whole lifetime.
        One value for every row.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts.
        One value for every row.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``discounted_ltv``.

    Raises
    ------
    TypeError
        Both or neither of ``annual_discount_rate`` and ``monthly_discount_rate`` given.
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.discounted_ltv` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"monthly_margin": [400.0, 200.0], "monthly_churn": [0.03, 0.03]})
    >>> ltv.frame.discounted_ltv(df, annual_discount_rate=0.1, horizon_months=36).round(2).tolist()
    [7952.92, 3976.46]
    """
    cols: Dict[str, ColumnOrValue] = {"monthly_margin": monthly_margin, "monthly_churn": monthly_churn}
    if annual_discount_rate is not None:
        cols["annual_discount_rate"] = annual_discount_rate
    if monthly_discount_rate is not None:
        cols["monthly_discount_rate"] = monthly_discount_rate
    options: Dict[str, Any] = {
        "timing": timing,
        "horizon_months": horizon_months,
        "churn_basis": churn_basis,
        "errors": errors,
        "parallel": parallel,
    }
    return _call(df, "discounted_ltv", vec.discounted_ltv, cols, options)


def retention_cltv(
    df: _Frame,
    *,
    revenue: ColumnOrValue = "revenue",
    gross_margin: ColumnOrValue = "gross_margin",
    retention: ColumnOrValue = "retention",
    discount_rate: ColumnOrValue = "discount_rate",
    periods: int,
    period: _RatePeriod = _ltv.DEFAULT_RETENTION_PERIOD,
    timing: _Timing = _ltv.DEFAULT_TIMING,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Retention-based CLTV over a horizon: sum of revenue x margin x r^t / (1 + d)^t, on a DataFrame's columns.

    Adds to :func:`ltv.vec.retention_cltv`: each column keyword names a column of ``df`` (a ``str``) or gives one
    number for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``retention_cltv``: a pandas Series on the frame's index, or a polars Series. A
    name that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    revenue : str or number, default "revenue"
        Revenue per customer per period, in your currency, >= 0: the column, or one value.
    gross_margin : str or number, default "gross_margin"
        Gross margin as a fraction in [0, 1]: the column, or one value.
    retention : str or number, default "retention"
        Share of customers retained from one period to the next, in [0, 1]: the column, or one value.
    discount_rate : str or number, default "discount_rate"
        Cost of capital per period (``period``), in [0, 1]: the column, or one value.
    periods : int
        Number of periods valued, a whole number >= 0 (a float is a ``TypeError``).
        One value for every row.
    period : {"monthly", "annual"}, default "annual"
        The length of one period (of ``revenue``, ``retention`` and ``discount_rate``).
        One value for every row.
    timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
        When each period's revenue is paid.
        One value for every row.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``retention_cltv``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.retention_cltv` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"revenue": [1000.0, 2000.0], "retention": [0.8, 0.8]})
    >>> ltv.frame.retention_cltv(df, gross_margin=0.7, discount_rate=0.1, periods=5).round(2).tolist()
    [2044.44, 4088.89]
    """
    cols: Dict[str, ColumnOrValue] = {
        "revenue": revenue,
        "gross_margin": gross_margin,
        "retention": retention,
        "discount_rate": discount_rate,
    }
    options: Dict[str, Any] = {
        "periods": periods,
        "period": period,
        "timing": timing,
        "errors": errors,
        "parallel": parallel,
    }
    return _call(df, "retention_cltv", vec.retention_cltv, cols, options)


def ltv_cac_ratio(
    df: _Frame,
    *,
    ltv: ColumnOrValue = "ltv",
    cac: ColumnOrValue = "cac",
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """LTV:CAC = LTV / CAC with its health band, on a DataFrame's columns.

    Adds to :func:`ltv.vec.ltv_cac_ratio`: each column keyword names a column of ``df`` (a ``str``) or gives one
    number for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``ltv_cac_ratio``: a pandas Series on the frame's index, or a polars Series. A name
    that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    ltv : str or number, default "ltv"
        Customer lifetime value, in your currency, >= 0: the column, or one value.
    cac : str or number, default "cac"
        Customer acquisition cost, in the same currency, > 0: the column, or one value.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``ltv_cac_ratio``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.ltv_cac_ratio` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"ltv": [12000.0, 6000.0], "cac": [3000.0, 3000.0]})
    >>> ltv.frame.ltv_cac_ratio(df).tolist()
    [4.0, 2.0]
    """
    cols: Dict[str, ColumnOrValue] = {"ltv": ltv, "cac": cac}
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "ltv_cac_ratio", vec.ltv_cac_ratio, cols, options)


def max_cac(
    df: _Frame,
    *,
    ltv: ColumnOrValue = "ltv",
    target_ratio: ColumnOrValue = 3,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Maximum allowable CAC = LTV / target ratio, on a DataFrame's columns.

    Adds to :func:`ltv.vec.max_cac`: each column keyword names a column of ``df`` (a ``str``) or gives one number
    for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``max_cac``: a pandas Series on the frame's index, or a polars Series. A name that
    is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    ltv : str or number, default "ltv"
        Customer lifetime value, in your currency, >= 0: the column, or one value.
    target_ratio : str or number, default 3
        The LTV:CAC ratio to hold, > 0: the column, or one value.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``max_cac``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.max_cac` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> ltv.frame.max_cac(pd.DataFrame({"ltv": [12000.0, 6000.0]}), target_ratio=4).tolist()
    [3000.0, 1500.0]
    """
    cols: Dict[str, ColumnOrValue] = {"ltv": ltv, "target_ratio": target_ratio}
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "max_cac", vec.max_cac, cols, options)


def cac_payback_months(
    df: _Frame,
    *,
    cac: ColumnOrValue = "cac",
    arpu: ColumnOrValue = "arpu",
    gross_margin: ColumnOrValue = "gross_margin",
    target_months: ColumnOrValue = 18,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """CAC payback months = CAC / (ARPU x gross margin), against a target (default 18 months), on a DataFrame's
    columns.

    Adds to :func:`ltv.vec.cac_payback_months`: each column keyword names a column of ``df`` (a ``str``) or gives
    one number for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs
    no mapping. The result is named ``cac_payback_months``: a pandas Series on the frame's index, or a polars
    Series. A name that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    cac : str or number, default "cac"
        Customer acquisition cost, in your currency, >= 0: the column, or one value.
    arpu : str or number, default "arpu"
        Average revenue per user per month, in the same currency, >= 0: the column, or one value.
    gross_margin : str or number, default "gross_margin"
        Gross margin as a fraction in [0, 1]: the column, or one value.
    target_months : str or number, default 18
        The payback target, in months, >= 0: the column, or one value.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``cac_payback_months``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.cac_payback_months` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"cac": [3000.0, 6000.0], "arpu": [500.0, 500.0], "gross_margin": [0.8, 0.8]})
    >>> ltv.frame.cac_payback_months(df).tolist()
    [7.5, 15.0]
    """
    cols: Dict[str, ColumnOrValue] = {
        "cac": cac,
        "arpu": arpu,
        "gross_margin": gross_margin,
        "target_months": target_months,
    }
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "cac_payback_months", vec.cac_payback_months, cols, options)


def lead_ltv(
    df: _Frame,
    *,
    customer_ltv: ColumnOrValue = "customer_ltv",
    conversion_rate: ColumnOrValue = "conversion_rate",
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Lead LTV = customer LTV x conversion rate, on a DataFrame's columns.

    Adds to :func:`ltv.vec.lead_ltv`: each column keyword names a column of ``df`` (a ``str``) or gives one number
    for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``lead_ltv``: a pandas Series on the frame's index, or a polars Series. A name that
    is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    customer_ltv : str or number, default "customer_ltv"
        Lifetime value of a converted customer, in your currency, >= 0: the column, or one value.
    conversion_rate : str or number, default "conversion_rate"
        Share of leads that become customers, in [0, 1] (5 % is ``0.05``): the column, or one value.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``lead_ltv``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.lead_ltv` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"channel": ["ads", "seo"], "conversion_rate": [0.05, 0.1]})
    >>> ltv.frame.lead_ltv(df, customer_ltv=12000).tolist()
    [600.0, 1200.0]
    """
    cols: Dict[str, ColumnOrValue] = {"customer_ltv": customer_ltv, "conversion_rate": conversion_rate}
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "lead_ltv", vec.lead_ltv, cols, options)


def net_lead_ltv(
    df: _Frame,
    *,
    customer_ltv: ColumnOrValue = "customer_ltv",
    conversion_rate: ColumnOrValue = "conversion_rate",
    cac: ColumnOrValue = "cac",
    nurture_cost: ColumnOrValue = 0,
    time_factor: ColumnOrValue = 1,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Net lead LTV = customer LTV x conversion - (CAC + nurture cost) x time factor, on a DataFrame's columns.

    Adds to :func:`ltv.vec.net_lead_ltv`: each column keyword names a column of ``df`` (a ``str``) or gives one
    number for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``net_lead_ltv``: a pandas Series on the frame's index, or a polars Series. A name
    that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    customer_ltv : str or number, default "customer_ltv"
        Lifetime value of a converted customer, in your currency, >= 0: the column, or one value.
    conversion_rate : str or number, default "conversion_rate"
        Share of leads that become customers, in [0, 1]: the column, or one value.
    cac : str or number, default "cac"
        Acquisition cost per lead, in the same currency, >= 0: the column, or one value.
    nurture_cost : str or number, default 0
        Cost of nurturing one lead, in the same currency, >= 0: the column, or one value.
    time_factor : str or number, default 1
        Multiplier of the costs (for example months of nurturing), >= 0: the column, or one value.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``net_lead_ltv``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.net_lead_ltv` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"customer_ltv": [12000.0], "conversion_rate": [0.05], "cac": [300.0]})
    >>> ltv.frame.net_lead_ltv(df, nurture_cost=50).tolist()
    [250.0]
    """
    cols: Dict[str, ColumnOrValue] = {
        "customer_ltv": customer_ltv,
        "conversion_rate": conversion_rate,
        "cac": cac,
        "nurture_cost": nurture_cost,
        "time_factor": time_factor,
    }
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "net_lead_ltv", vec.net_lead_ltv, cols, options)


def lead_value(
    df: _Frame,
    *,
    customer_ltv: ColumnOrValue = "customer_ltv",
    conversion_probability: ColumnOrValue = "conversion_probability",
    months_to_close: ColumnOrValue = "months_to_close",
    days_since_engagement: ColumnOrValue = "days_since_engagement",
    annual_discount_rate: Optional[ColumnOrValue] = None,
    discount_after_months: Optional[ColumnOrValue] = None,
    zombie_after_days: Optional[ColumnOrValue] = None,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """One lead's value today: 0 for a zombie, otherwise the present-value lead LTV, on a DataFrame's columns.

    Adds to :func:`ltv.vec.lead_value`: each column keyword names a column of ``df`` (a ``str``) or gives one number
    for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``lead_value``: a pandas Series on the frame's index, or a polars Series. A name
    that is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    customer_ltv : str or number, default "customer_ltv"
        Lifetime value of a converted customer, in your currency, >= 0: the column, or one value.
    conversion_probability : str or number, default "conversion_probability"
        This lead's probability of converting, in [0, 1]: the column, or one value.
    months_to_close : str or number, default "months_to_close"
        Expected months until the lead closes, >= 0: the column, or one value.
    days_since_engagement : str or number, default "days_since_engagement"
        Days since the lead last engaged, >= 0: the column, or one value.
    annual_discount_rate : str, number or None, default None
        Cost of capital per year, in [0, 1].
        A column name or one value; ``None``: not given.
    discount_after_months : str, number or None, default None
        Leads closing within this many months are not discounted, >= 0.
        A column name or one value; ``None``: the default (12).
    zombie_after_days : str, number or None, default None
        A lead silent for longer than this many days is a zombie, worth 0.
        A column name or one value; ``None``: the default (180).
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``lead_value``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.lead_value` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> df = pd.DataFrame({"customer_ltv": [12000.0, 12000.0], "conversion_probability": [0.05, 0.05],
    ...                    "months_to_close": [18, 18], "days_since_engagement": [30, 200]})
    >>> ltv.frame.lead_value(df).round(2).tolist()
    [520.07, 0.0]
    """
    cols: Dict[str, ColumnOrValue] = {
        "customer_ltv": customer_ltv,
        "conversion_probability": conversion_probability,
        "months_to_close": months_to_close,
        "days_since_engagement": days_since_engagement,
    }
    if annual_discount_rate is not None:
        cols["annual_discount_rate"] = annual_discount_rate
    if discount_after_months is not None:
        cols["discount_after_months"] = discount_after_months
    if zombie_after_days is not None:
        cols["zombie_after_days"] = zombie_after_days
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "lead_value", vec.lead_value, cols, options)


def bid_cap(
    df: _Frame,
    *,
    lead_ltv: ColumnOrValue = "lead_ltv",
    target_ratio: ColumnOrValue = 3,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _SeriesResult:
    """Bid cap: maximum cost per lead = lead LTV / target ratio, on a DataFrame's columns.

    Adds to :func:`ltv.vec.bid_cap`: each column keyword names a column of ``df`` (a ``str``) or gives one number
    for every row, and defaults to its own name, so a frame whose columns are named as the keywords needs no
    mapping. The result is named ``bid_cap``: a pandas Series on the frame's index, or a polars Series. A name that
    is not a column of ``df`` raises, listing the frame's columns.

    Parameters
    ----------
    df : pandas.DataFrame or polars.DataFrame
        The table, one row per customer (or lead, or segment).
    lead_ltv : str or number, default "lead_ltv"
        Value of one lead, in your currency, >= 0: the column, or one value.
    target_ratio : str or number, default 3
        The value-to-cost ratio to hold, > 0: the column, or one value.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    pandas.Series or polars.Series
        float64, one value per row, named ``bid_cap``.

    Raises
    ------
    KeyError
        A column name that is not in ``df`` (the message lists its columns).
    TypeError
        ``df`` is not a pandas or polars DataFrame, or a column is not numbers.
    LtvError
        The errors of :func:`ltv.vec.bid_cap` for a bad row (``.row`` and ``.label`` name it).

    Examples
    --------
    >>> import polars as pl, ltv
    >>> ltv.frame.bid_cap(pl.DataFrame({"lead_ltv": [600.0, 300.0]})).to_list()
    [200.0, 100.0]
    """
    cols: Dict[str, ColumnOrValue] = {"lead_ltv": lead_ltv, "target_ratio": target_ratio}
    options: Dict[str, Any] = {"errors": errors, "parallel": parallel}
    return _call(df, "bid_cap", vec.bid_cap, cols, options)
