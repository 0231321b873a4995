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

from typing import TYPE_CHECKING, Any, Optional, Union

import numpy as np

from . import _ltv
from ._columns import apply, number

if TYPE_CHECKING:
    import numpy.typing as _npt
    import pandas as _pd  # type: ignore[import-untyped, unused-ignore]

    from ._columns import _ChurnBasis, _Errors, _MrrMetric, _RatePeriod, _Timing

    _ColumnResult = Union[_npt.NDArray[np.float64], _pd.Series]
    _BandResult = Union[_npt.NDArray[np.object_], _pd.Series]

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
) -> _ColumnResult:
    """Purchase LTV = average purchase value x purchase frequency x customer lifespan (x gross margin), over whole
    columns.

    Adds to :func:`ltv.purchase_ltv`: each ``average_purchase_value``, ``purchase_frequency``,
    ``customer_lifespan``, ``gross_margin`` may be a column (numpy array, pandas or polars Series, sequence) or a
    scalar broadcast to every row; every row is validated as the scalar function does, in one pass in Rust with the
    GIL released, in float64 (use the scalar function for exact Decimal results); ``errors="nan"`` values the good
    rows and leaves NaN in the bad ones.

    Parameters
    ----------
    average_purchase_value : column or scalar
        Revenue of an average order, in your currency, >= 0.
    purchase_frequency : column or scalar
        Orders per customer per period (the same period as ``customer_lifespan``), >= 0.
    customer_lifespan : column or scalar
        Expected customer lifespan, in periods, >= 0.
    gross_margin : column, scalar or None, default None
        Gross margin as a fraction in [0, 1] (80 % is ``0.8``); ``None`` values revenue, not margin.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative amount, frequency or lifespan, or a margin outside [0, 1] (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.purchase_ltv : the exact scalar form.
    ltv.frame.purchase_ltv : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.purchase_ltv(average_purchase_value=[50.0, 80.0], purchase_frequency=4, customer_lifespan=3)
    array([600., 960.])
    """
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
) -> _ColumnResult:
    """Subscription LTV = average monthly revenue x lifespan in months, over whole columns.

    Adds to :func:`ltv.subscription_ltv`: each ``average_monthly_revenue``, ``lifespan_months`` may be a column
    (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row; every row is validated as
    the scalar function does, in one pass in Rust with the GIL released, in float64 (use the scalar function for
    exact Decimal results); ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    average_monthly_revenue : column or scalar
        Revenue per customer per month, in your currency, >= 0.
    lifespan_months : column or scalar
        Expected lifespan in months, >= 0 (see :func:`lifespan_from_churn`).
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative revenue or lifespan (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.subscription_ltv : the exact scalar form.
    ltv.frame.subscription_ltv : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.subscription_ltv(average_monthly_revenue=[99.0, 49.0], lifespan_months=24)
    array([2376., 1176.])
    """
    cols = {"average_monthly_revenue": average_monthly_revenue, "lifespan_months": lifespan_months}
    return apply("subscription_ltv", _ltv._vec_subscription_ltv, cols, (), errors, parallel)


def lifespan_from_churn(
    *, monthly_churn: Column, churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> _ColumnResult:
    """Expected lifespan in months = 1 / monthly churn, over whole columns.

    Adds to :func:`ltv.lifespan_from_churn`: each ``monthly_churn`` may be a column (numpy array, pandas or polars
    Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar function does, in one
    pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal results);
    ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    monthly_churn : column or scalar
        Churn per month as a fraction: [0, 1] for ``"logo"`` and ``"gross_revenue"``, [-1, 1] for ``"net_revenue"``
        (3 % is ``0.03``).
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts: customers lost, revenue lost, or revenue lost net of expansion.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A churn out of range or an unknown ``churn_basis`` (``.field`` names it).
        Also columns of different lengths (other than 1).
    ZeroChurnError
        Zero churn: the lifespan is unbounded.
    NegativeNetChurnError
        Net revenue churn <= 0 (expansion outweighs losses).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.lifespan_from_churn : the exact scalar form.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.lifespan_from_churn(monthly_churn=[0.04, 0.02, 0.0], errors="nan")
    array([25., 50., nan])
    """
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
) -> _ColumnResult:
    """SaaS LTV = ARPU x gross margin / monthly churn, over whole columns.

    Adds to :func:`ltv.saas_ltv`: each ``arpu``, ``gross_margin``, ``monthly_churn`` may be a column (numpy array,
    pandas or polars Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar
    function does, in one pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal
    results); ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    arpu : column or scalar
        Average revenue per user (account) per month, in your currency, >= 0.
    gross_margin : column or scalar
        Gross margin as a fraction in [0, 1] (80 % is ``0.8``).
    monthly_churn : column or scalar
        Churn per month as a fraction (3 % is ``0.03``): [0, 1], or [-1, 1] for ``"net_revenue"``.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts: customers lost, revenue lost, or revenue lost net of expansion.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative ARPU, or a margin or churn out of range (``.field`` and ``.value`` name it; the message suggests
        ``0.80`` for ``80``), or an unknown ``churn_basis``.
        Also columns of different lengths (other than 1).
    ZeroChurnError
        Zero churn: the LTV is unbounded (use :func:`discounted_ltv`).
    NegativeNetChurnError
        Net revenue churn <= 0.
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.saas_ltv : the exact scalar form.
    ltv.frame.saas_ltv : the same on a DataFrame's columns.

    Examples
    --------
    >>> import numpy as np, ltv
    >>> ltv.vec.saas_ltv(arpu=np.array([500.0, 500.0]), gross_margin=0.8, monthly_churn=[0.03, 0.015]).round(2)
    array([13333.33, 26666.67])
    >>> ltv.vec.saas_ltv(arpu=[500.0, 500.0], gross_margin=[0.8, 80], monthly_churn=0.03, errors="nan").round(2)
    array([13333.33,      nan])
    >>> import pandas as pd
    >>> ltv.vec.saas_ltv(arpu=pd.Series([500.0], index=["acme"]), gross_margin=0.8, monthly_churn=0.03).round(2)
    acme    13333.33
    Name: saas_ltv, dtype: float64
    """
    cols = {"arpu": arpu, "gross_margin": gross_margin, "monthly_churn": monthly_churn}
    return apply("saas_ltv", _ltv._vec_saas_ltv, cols, (churn_basis,), errors, parallel)


def monthly_churn_from_annual(
    *, annual_churn: Column, churn_basis: _ChurnBasis = _ltv.DEFAULT_CHURN_BASIS, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> _ColumnResult:
    """Monthly churn from annual churn: 1 - (1 - annual)^(1/12), over whole columns.

    Adds to :func:`ltv.monthly_churn_from_annual`: each ``annual_churn`` may be a column (numpy array, pandas or
    polars Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar function does,
    in one pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal results);
    ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    annual_churn : column or scalar
        Churn per year as a fraction (30 % is ``0.3``): [0, 1], or [-1, 1] for ``"net_revenue"``.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts (the basis carries over to the monthly rate).
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A churn out of range or an unknown ``churn_basis`` (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.monthly_churn_from_annual : the exact scalar form.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.monthly_churn_from_annual(annual_churn=[0.3, 0.1]).round(4)
    array([0.0293, 0.0087])
    """
    cols = {"annual_churn": annual_churn}
    return apply("monthly_churn", _ltv._vec_monthly_churn_from_annual, cols, (churn_basis,), errors, parallel)


def annual_to_monthly_rate(*, annual_rate: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> _ColumnResult:
    """Monthly rate from an annual rate by compounding: (1 + annual)^(1/12) - 1, over whole columns.

    Adds to :func:`ltv.annual_to_monthly_rate`: each ``annual_rate`` may be a column (numpy array, pandas or polars
    Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar function does, in one
    pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal results);
    ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    annual_rate : column or scalar
        A rate per year as a fraction in [0, 1] (a 10 % cost of capital is ``0.1``).
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A rate outside [0, 1] (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.annual_to_monthly_rate : the exact scalar form.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.annual_to_monthly_rate(annual_rate=[0.1, 0.05]).round(6)
    array([0.007974, 0.004074])
    """
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
) -> _ColumnResult:
    """Discounted SaaS LTV with payment timing and an optional horizon, over whole columns.

    Adds to :func:`ltv.discounted_ltv`: each ``monthly_margin``, ``monthly_churn``, ``annual_discount_rate``,
    ``monthly_discount_rate`` may be a column (numpy array, pandas or polars Series, sequence) or a scalar broadcast
    to every row; every row is validated as the scalar function does, in one pass in Rust with the GIL released, in
    float64 (use the scalar function for exact Decimal results); ``errors="nan"`` values the good rows and leaves
    NaN in the bad ones.

    ``horizon_months``, ``timing`` and ``churn_basis`` are one value for every row; the discount rate may be a
    column.

    Parameters
    ----------
    monthly_margin : column or scalar
        Margin per customer per month (ARPU x gross margin), in your currency, >= 0.
    monthly_churn : column or scalar
        Churn per month as a fraction: [0, 1], or [-1, 1] for ``"net_revenue"``.
    annual_discount_rate : column, scalar or None
        Cost of capital per year in [0, 1], compounded to a monthly rate. Give this or ``monthly_discount_rate``.
    monthly_discount_rate : column, scalar or None
        Cost of capital per month in [0, 1]. Give exactly one of the two rates.
    timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
        When each month's margin is paid: at its start (month 0 undiscounted), at its end, or at its end by the
        customers who survive it.
    horizon_months : int or None, default None
        Months valued; ``None`` values the whole lifetime.
        One value for every row.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    TypeError
        Both or neither discount rate given.
    InvalidInputError
        A value out of range or an unknown option (``.field`` names it).
        Also columns of different lengths (other than 1).
    DivergenceError
        The sum does not converge (zero churn and zero discount without a horizon).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.discounted_ltv : the exact scalar form.
    ltv.frame.discounted_ltv : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.discounted_ltv(monthly_margin=[400.0, 400.0], monthly_churn=0.03, annual_discount_rate=0.1,
    ...                        horizon_months=36).round(2)
    array([7952.92, 7952.92])
    """
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
) -> _ColumnResult:
    """Retention-based CLTV over a horizon: sum of revenue x margin x r^t / (1 + d)^t, over whole columns.

    Adds to :func:`ltv.retention_cltv`: each ``revenue``, ``gross_margin``, ``retention``, ``discount_rate`` may be
    a column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row; every row is
    validated as the scalar function does, in one pass in Rust with the GIL released, in float64 (use the scalar
    function for exact Decimal results); ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    ``periods``, ``period`` and ``timing`` are one value for every row.

    Parameters
    ----------
    revenue : column or scalar
        Revenue per customer per period, in your currency, >= 0.
    gross_margin : column or scalar
        Gross margin as a fraction in [0, 1].
    retention : column or scalar
        Share of customers retained from one period to the next, in [0, 1].
    discount_rate : column or scalar
        Cost of capital per period (``period``), in [0, 1].
    periods : int
        Number of periods valued, a whole number >= 0 (a float is a ``TypeError``).
        One value for every row.
    period : {"monthly", "annual"}, default "annual"
        The length of one period (of ``revenue``, ``retention`` and ``discount_rate``).
    timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
        When each period's revenue is paid.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A value out of range, a negative ``periods``, or an unknown option (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.retention_cltv : the exact scalar form.
    ltv.frame.retention_cltv : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.retention_cltv(revenue=[1000.0, 2000.0], gross_margin=0.7, retention=0.8, discount_rate=0.1, periods=5).round(2)
    array([2044.44, 4088.89])
    """
    cols = {"revenue": revenue, "gross_margin": gross_margin, "retention": retention, "discount_rate": discount_rate}
    return apply("retention_cltv", _ltv._vec_retention_cltv, cols, (periods, period, timing), errors, parallel)


def ltv_cac_ratio(*, ltv: Column, cac: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> _ColumnResult:
    """LTV:CAC = LTV / CAC with its health band, over whole columns.

    Adds to :func:`ltv.ltv_cac_ratio`: each ``ltv``, ``cac`` may be a column (numpy array, pandas or polars Series,
    sequence) or a scalar broadcast to every row; every row is validated as the scalar function does, in one pass in
    Rust with the GIL released, in float64 (use the scalar function for exact Decimal results); ``errors="nan"``
    values the good rows and leaves NaN in the bad ones.

    Returns the ratio only; :func:`ltv_cac_band` gives each ratio's health band.

    Parameters
    ----------
    ltv : column or scalar
        Customer lifetime value, in your currency, >= 0.
    cac : column or scalar
        Customer acquisition cost, in the same currency, > 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative LTV, a CAC of 0 or below, or bands that are not positive and ordered (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.ltv_cac_ratio : the exact scalar form.
    ltv.frame.ltv_cac_ratio : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.ltv_cac_ratio(ltv=[12000.0, 6000.0], cac=3000)
    array([4., 2.])
    """
    return apply("ltv_cac_ratio", _ltv._vec_ltv_cac_ratio, {"ltv": ltv, "cac": cac}, (), errors, parallel)


_BANDS = np.array(["overspending", "healthy", "under_investing"], dtype=object)


def ltv_cac_band(
    *,
    ratio: Column,
    healthy_min: float = _ltv.DEFAULT_HEALTHY_MIN,
    healthy_max: float = _ltv.DEFAULT_HEALTHY_MAX,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _BandResult:
    """The health band of each LTV:CAC ratio.

    Adds to :attr:`ltv.LtvCacRatio.band` (one ratio at a time, from :func:`ltv.ltv_cac_ratio`): ``ratio`` may be a
    column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row, banded in one pass
    in Rust: ``"overspending"`` below ``healthy_min``, ``"healthy"`` up to ``healthy_max``, ``"under_investing"``
    above it; ``errors="nan"`` leaves ``None`` in the bad rows.

    Parameters
    ----------
    ratio : column or scalar
        LTV:CAC ratios (for example from :func:`ltv_cac_ratio`), >= 0.
    healthy_min : float, default 3
        Lowest healthy ratio, > 0.
    healthy_max : float, default 5
        Highest healthy ratio, >= ``healthy_min``.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        An object array of band names (``None`` for bad rows with ``errors="nan"``); a pandas Series on the input's
        index when ``ratio`` is one.

    Raises
    ------
    InvalidInputError
        A negative ratio, or bands that are not positive and ordered.
    NotFiniteError
        A NaN, infinite or missing ratio with ``errors="raise"``.
    TypeError
        A column that is not numbers.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.ltv_cac_band(ratio=[2.0, 4.0, 6.0]).tolist()
    ['overspending', 'healthy', 'under_investing']
    """

    def kernel(r: Any, errors: _Errors, parallel: bool) -> Any:
        codes = _ltv._vec_ltv_cac_band(r, number("healthy_min", healthy_min), number("healthy_max", healthy_max), errors, parallel)
        out = np.full(codes.shape, None, dtype=object)
        ok = ~np.isnan(codes)
        out[ok] = _BANDS[codes[ok].astype(np.intp)]
        return out

    return apply("band", kernel, {"ratio": ratio}, (), errors, parallel)


def max_cac(*, ltv: Column, target_ratio: Column = _ltv.DEFAULT_TARGET_RATIO, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> _ColumnResult:
    """Maximum allowable CAC = LTV / target ratio, over whole columns.

    Adds to :func:`ltv.max_cac`: each ``ltv``, ``target_ratio`` may be a column (numpy array, pandas or polars
    Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar function does, in one
    pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal results);
    ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    ltv : column or scalar
        Customer lifetime value, in your currency, >= 0.
    target_ratio : column or scalar, default 3
        The LTV:CAC ratio to hold, > 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative LTV or a target ratio of 0 or below (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.max_cac : the exact scalar form.
    ltv.frame.max_cac : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.max_cac(ltv=[12000.0, 6000.0])
    array([4000., 2000.])
    """
    return apply("max_cac", _ltv._vec_max_cac, {"ltv": ltv, "target_ratio": target_ratio}, (), errors, parallel)


def cac_payback_months(
    *,
    cac: Column,
    arpu: Column,
    gross_margin: Column,
    target_months: Column = _ltv.DEFAULT_PAYBACK_TARGET_MONTHS,
    errors: _Errors = _ltv.DEFAULT_ERRORS,
    parallel: Optional[bool] = None,
) -> _ColumnResult:
    """CAC payback months = CAC / (ARPU x gross margin), against a target (default 18 months), over whole columns.

    Adds to :func:`ltv.cac_payback_months`: each ``cac``, ``arpu``, ``gross_margin``, ``target_months`` may be a
    column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row; every row is
    validated as the scalar function does, in one pass in Rust with the GIL released, in float64 (use the scalar
    function for exact Decimal results); ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Returns the payback months only (compare them with ``target_months`` yourself); ``target_months`` is validated
    per row.

    Parameters
    ----------
    cac : column or scalar
        Customer acquisition cost, in your currency, >= 0.
    arpu : column or scalar
        Average revenue per user per month, in the same currency, >= 0.
    gross_margin : column or scalar
        Gross margin as a fraction in [0, 1].
    target_months : column or scalar, default 18
        The payback target, in months, >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
        Also columns of different lengths (other than 1).
    UndefinedError
        ARPU x gross margin is 0: the CAC is never paid back.
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.cac_payback_months : the exact scalar form.
    ltv.frame.cac_payback_months : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.cac_payback_months(cac=[3000.0, 6000.0], arpu=500, gross_margin=0.8)
    array([ 7.5, 15. ])
    """
    cols = {"cac": cac, "arpu": arpu, "gross_margin": gross_margin, "target_months": target_months}
    return apply("cac_payback_months", _ltv._vec_cac_payback_months, cols, (), errors, parallel)


def lead_ltv(
    *, customer_ltv: Column, conversion_rate: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> _ColumnResult:
    """Lead LTV = customer LTV x conversion rate, over whole columns.

    Adds to :func:`ltv.lead_ltv`: each ``customer_ltv``, ``conversion_rate`` may be a column (numpy array, pandas or
    polars Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar function does,
    in one pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal results);
    ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    customer_ltv : column or scalar
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_rate : column or scalar
        Share of leads that become customers, in [0, 1] (5 % is ``0.05``).
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative LTV or a rate outside [0, 1] (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.lead_ltv : the exact scalar form.
    ltv.frame.lead_ltv : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.lead_ltv(customer_ltv=12000, conversion_rate=[0.05, 0.1])
    array([ 600., 1200.])
    """
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
) -> _ColumnResult:
    """Net lead LTV = customer LTV x conversion - (CAC + nurture cost) x time factor, over whole columns.

    Adds to :func:`ltv.net_lead_ltv`: each ``customer_ltv``, ``conversion_rate``, ``cac``, ``nurture_cost``,
    ``time_factor`` may be a column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every
    row; every row is validated as the scalar function does, in one pass in Rust with the GIL released, in float64
    (use the scalar function for exact Decimal results); ``errors="nan"`` values the good rows and leaves NaN in the
    bad ones.

    Parameters
    ----------
    customer_ltv : column or scalar
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_rate : column or scalar
        Share of leads that become customers, in [0, 1].
    cac : column or scalar
        Acquisition cost per lead, in the same currency, >= 0.
    nurture_cost : column or scalar, default 0
        Cost of nurturing one lead, in the same currency, >= 0.
    time_factor : column or scalar, default 1
        Multiplier of the costs (for example months of nurturing), >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.net_lead_ltv : the exact scalar form.
    ltv.frame.net_lead_ltv : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.net_lead_ltv(customer_ltv=12000, conversion_rate=[0.05, 0.1], cac=300, nurture_cost=50)
    array([250., 850.])
    """
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
) -> _ColumnResult:
    """Present-value lead LTV: discounted by the months to close when they exceed ``discount_after_months``, over whole
    columns.

    Adds to :func:`ltv.present_value_lead_ltv`: each ``customer_ltv``, ``conversion_rate``, ``months_to_close``,
    ``annual_discount_rate``, ``discount_after_months`` may be a column (numpy array, pandas or polars Series,
    sequence) or a scalar broadcast to every row; every row is validated as the scalar function does, in one pass in
    Rust with the GIL released, in float64 (use the scalar function for exact Decimal results); ``errors="nan"``
    values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    customer_ltv : column or scalar
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_rate : column or scalar
        Share of leads that become customers, in [0, 1].
    months_to_close : column or scalar
        Expected months until the lead closes, >= 0.
    annual_discount_rate : column or scalar, default 0.1
        Cost of capital per year, in [0, 1].
    discount_after_months : column or scalar, default 12
        Leads closing within this many months are not discounted, >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.present_value_lead_ltv : the exact scalar form.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.present_value_lead_ltv(customer_ltv=12000, conversion_rate=0.05, months_to_close=[6, 18]).round(2)
    array([600.  , 520.07])
    """
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
) -> _ColumnResult:
    """One lead's value today: 0 for a zombie, otherwise the present-value lead LTV, over whole columns.

    Adds to :func:`ltv.lead_value`: each ``customer_ltv``, ``conversion_probability``, ``months_to_close``,
    ``days_since_engagement``, ``annual_discount_rate``, ``discount_after_months``, ``zombie_after_days`` may be a
    column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row; every row is
    validated as the scalar function does, in one pass in Rust with the GIL released, in float64 (use the scalar
    function for exact Decimal results); ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Zombie rows (``days_since_engagement > zombie_after_days``) are 0.

    Parameters
    ----------
    customer_ltv : column or scalar
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_probability : column or scalar
        This lead's probability of converting, in [0, 1].
    months_to_close : column or scalar
        Expected months until the lead closes, >= 0.
    days_since_engagement : column or scalar
        Days since the lead last engaged, >= 0.
    annual_discount_rate : column or scalar, default 0.1
        Cost of capital per year, in [0, 1].
    discount_after_months : column or scalar, default 12
        Leads closing within this many months are not discounted, >= 0.
    zombie_after_days : column or scalar, default 180
        A lead silent for longer than this many days is a zombie, worth 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.lead_value : the exact scalar form.
    ltv.frame.lead_value : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    ...                    days_since_engagement=[30, 200]).round(2)
    array([520.07,   0.  ])
    """
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


def campaign_value(*, leads: Column, lead_ltv: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> _ColumnResult:
    """Campaign value = leads x lead LTV, over whole columns.

    Adds to :func:`ltv.campaign_value`: each ``leads``, ``lead_ltv`` may be a column (numpy array, pandas or polars
    Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar function does, in one
    pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal results);
    ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    leads : column or scalar
        Number of leads, whole numbers >= 0.
    lead_ltv : column or scalar
        Value of one lead (see :func:`lead_ltv`), in your currency, >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative or fractional count, or a negative value (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.campaign_value : the exact scalar form.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.campaign_value(leads=[1000, 250], lead_ltv=600)
    array([600000., 150000.])
    """
    cols = {"leads": leads, "lead_ltv": lead_ltv}
    return apply("campaign_value", _ltv._vec_campaign_value, cols, (), errors, parallel)


def bid_cap(*, lead_ltv: Column, target_ratio: Column = _ltv.DEFAULT_TARGET_RATIO, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None) -> _ColumnResult:
    """Bid cap: maximum cost per lead = lead LTV / target ratio, over whole columns.

    Adds to :func:`ltv.bid_cap`: each ``lead_ltv``, ``target_ratio`` may be a column (numpy array, pandas or polars
    Series, sequence) or a scalar broadcast to every row; every row is validated as the scalar function does, in one
    pass in Rust with the GIL released, in float64 (use the scalar function for exact Decimal results);
    ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    lead_ltv : column or scalar
        Value of one lead, in your currency, >= 0.
    target_ratio : column or scalar, default 3
        The value-to-cost ratio to hold, > 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative value or a target ratio of 0 or below (``.field`` names it).
        Also columns of different lengths (other than 1).
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.bid_cap : the exact scalar form.
    ltv.frame.bid_cap : the same on a DataFrame's columns.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.bid_cap(lead_ltv=[600.0, 300.0])
    array([200., 100.])
    """
    cols = {"lead_ltv": lead_ltv, "target_ratio": target_ratio}
    return apply("bid_cap", _ltv._vec_bid_cap, cols, (), errors, parallel)


def logo_churn_rate(
    *, customers_at_start: Column, customers_lost: Column, errors: _Errors = _ltv.DEFAULT_ERRORS, parallel: Optional[bool] = None
) -> _ColumnResult:
    """Logo churn rate = customers lost / customers at the start, over whole columns.

    Adds to :func:`ltv.logo_churn_rate`: each ``customers_at_start``, ``customers_lost`` may be a column (numpy
    array, pandas or polars Series, sequence) or a scalar broadcast to every row; every row is validated as the
    scalar function does, in one pass in Rust with the GIL released, in float64 (use the scalar function for exact
    Decimal results); ``errors="nan"`` values the good rows and leaves NaN in the bad ones.

    Parameters
    ----------
    customers_at_start : column or scalar
        Customers at the start of the period, whole numbers > 0.
    customers_lost : column or scalar
        Customers lost during the period, whole numbers in [0, ``customers_at_start``].
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative or fractional count, or more customers lost than there were (``.field`` names it).
        Also columns of different lengths (other than 1).
    UndefinedError
        No customers at the start.
    TypeError
        A column that is not numbers (strings, booleans, a DataFrame, 2-D), or a ``bool`` / ``None`` option.
    NotFiniteError
        A NaN, infinite or missing value (pandas NA, polars null) with ``errors="raise"``.
    LtvOverflowError
        A value exceeds the float64 range.

    See Also
    --------
    ltv.logo_churn_rate : the exact scalar form.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.logo_churn_rate(customers_at_start=[200, 50], customers_lost=[6, 5])
    array([0.03, 0.1 ])
    """
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
) -> _ColumnResult:
    """Gross MRR churn of each period: (churned + contraction) / starting MRR.

    Adds to :meth:`ltv.MrrMovements.gross_mrr_churn` (one period at a time, exact): one row per period, each
    movement a column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row, validated
    as :class:`ltv.MrrMovements` validates them, in float64, in one pass in Rust.

    Parameters
    ----------
    starting_mrr : column or scalar
        MRR at the start of each period, in your currency, >= 0.
    new, expansion, contraction, churned, reactivation : column or scalar, default 0
        MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
        left, and of customers who came back, each >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative amount, ``churned + contraction > starting_mrr``, or columns of different lengths (``.row`` names
        the row).
    NotFiniteError
        A NaN, infinite or missing value with ``errors="raise"``.
    TypeError
        A column that is not numbers.
    UndefinedError
        A ``starting_mrr`` of 0 with ``errors="raise"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.gross_mrr_churn(starting_mrr=[100000.0], new=8000, expansion=4000, contraction=1500, churned=3500)
    array([0.05])
    """
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
) -> _ColumnResult:
    """Net MRR churn of each period: (churned + contraction - expansion - reactivation) / starting MRR.

    Adds to :meth:`ltv.MrrMovements.net_mrr_churn` (one period at a time, exact): one row per period, each movement
    a column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row, validated as
    :class:`ltv.MrrMovements` validates them, in float64, in one pass in Rust.

    Parameters
    ----------
    starting_mrr : column or scalar
        MRR at the start of each period, in your currency, >= 0.
    new, expansion, contraction, churned, reactivation : column or scalar, default 0
        MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
        left, and of customers who came back, each >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative amount, ``churned + contraction > starting_mrr``, or columns of different lengths (``.row`` names
        the row).
    NotFiniteError
        A NaN, infinite or missing value with ``errors="raise"``.
    TypeError
        A column that is not numbers.
    UndefinedError
        A ``starting_mrr`` of 0 with ``errors="raise"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.net_mrr_churn(starting_mrr=[100000.0], new=8000, expansion=4000, contraction=1500, churned=3500)
    array([0.01])
    """
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
) -> _ColumnResult:
    """Net revenue retention (NRR) of each period: 1 - net MRR churn.

    Adds to :meth:`ltv.MrrMovements.net_revenue_retention` (one period at a time, exact): one row per period, each
    movement a column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row, validated
    as :class:`ltv.MrrMovements` validates them, in float64, in one pass in Rust.

    Parameters
    ----------
    starting_mrr : column or scalar
        MRR at the start of each period, in your currency, >= 0.
    new, expansion, contraction, churned, reactivation : column or scalar, default 0
        MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
        left, and of customers who came back, each >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative amount, ``churned + contraction > starting_mrr``, or columns of different lengths (``.row`` names
        the row).
    NotFiniteError
        A NaN, infinite or missing value with ``errors="raise"``.
    TypeError
        A column that is not numbers.
    UndefinedError
        A ``starting_mrr`` of 0 with ``errors="raise"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.net_revenue_retention(starting_mrr=[100000.0], new=8000, expansion=4000, contraction=1500, churned=3500)
    array([0.99])
    """
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
) -> _ColumnResult:
    """Gross revenue retention (GRR) of each period: (start - contraction - churned) / start.

    Adds to :meth:`ltv.MrrMovements.gross_revenue_retention` (one period at a time, exact): one row per period, each
    movement a column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row, validated
    as :class:`ltv.MrrMovements` validates them, in float64, in one pass in Rust.

    Parameters
    ----------
    starting_mrr : column or scalar
        MRR at the start of each period, in your currency, >= 0.
    new, expansion, contraction, churned, reactivation : column or scalar, default 0
        MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
        left, and of customers who came back, each >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative amount, ``churned + contraction > starting_mrr``, or columns of different lengths (``.row`` names
        the row).
    NotFiniteError
        A NaN, infinite or missing value with ``errors="raise"``.
    TypeError
        A column that is not numbers.
    UndefinedError
        A ``starting_mrr`` of 0 with ``errors="raise"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.gross_revenue_retention(starting_mrr=[100000.0], new=8000, expansion=4000, contraction=1500, churned=3500)
    array([0.95])
    """
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
) -> _ColumnResult:
    """SaaS quick ratio of each period: (new + expansion + reactivation) / (churned + contraction).

    Adds to :meth:`ltv.MrrMovements.quick_ratio` (one period at a time, exact): one row per period, each movement a
    column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row, validated as
    :class:`ltv.MrrMovements` validates them, in float64, in one pass in Rust.

    Parameters
    ----------
    starting_mrr : column or scalar
        MRR at the start of each period, in your currency, >= 0.
    new, expansion, contraction, churned, reactivation : column or scalar, default 0
        MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
        left, and of customers who came back, each >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative amount, ``churned + contraction > starting_mrr``, or columns of different lengths (``.row`` names
        the row).
    NotFiniteError
        A NaN, infinite or missing value with ``errors="raise"``.
    TypeError
        A column that is not numbers.
    UndefinedError
        A period that lost nothing, with ``errors="raise"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.quick_ratio(starting_mrr=[100000.0], new=8000, expansion=4000, contraction=1500, churned=3500)
    array([2.4])
    """
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
) -> _ColumnResult:
    """MRR at the end of each period: start + new + expansion + reactivation - contraction - churned.

    Adds to :meth:`ltv.MrrMovements.ending_mrr` (one period at a time, exact): one row per period, each movement a
    column (numpy array, pandas or polars Series, sequence) or a scalar broadcast to every row, validated as
    :class:`ltv.MrrMovements` validates them, in float64, in one pass in Rust.

    Parameters
    ----------
    starting_mrr : column or scalar
        MRR at the start of each period, in your currency, >= 0.
    new, expansion, contraction, churned, reactivation : column or scalar, default 0
        MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
        left, and of customers who came back, each >= 0.
    errors : {"raise", "nan"}, default "raise"
        ``"raise"``: the first bad row raises its error with ``.row`` (its position) and ``.label`` (its
        pandas index label). ``"nan"``: bad rows are NaN, the others are valued.
    parallel : bool or None, default None
        Run on every core; ``None`` does from 1,048,576 rows (``PARALLEL_MIN_ROWS``).

    Returns
    -------
    numpy.ndarray or pandas.Series
        float64, one value per row; a pandas Series on the input's index when any input is a pandas Series.

    Raises
    ------
    InvalidInputError
        A negative amount, ``churned + contraction > starting_mrr``, or columns of different lengths (``.row`` names
        the row).
    NotFiniteError
        A NaN, infinite or missing value with ``errors="raise"``.
    TypeError
        A column that is not numbers.

    Examples
    --------
    >>> import ltv
    >>> ltv.vec.ending_mrr(starting_mrr=[100000.0], new=8000, expansion=4000, contraction=1500, churned=3500)
    array([107000.])
    """
    return _mrr("ending_mrr", starting_mrr, new, expansion, contraction, churned, reactivation, errors, parallel)
