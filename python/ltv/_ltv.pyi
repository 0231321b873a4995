"""Type stubs for the compiled module ``ltv._ltv`` (checked against the runtime by mypy.stubtest)."""

from decimal import Decimal
from typing import Any, Iterable as _Iterable, List as _List, Literal as _Literal, Optional, Optional as _Optional, Sequence, Tuple as _Tuple, Union, final, overload

import numpy as np
import numpy.typing as npt

_Number = Union[int, float, str, Decimal]
"""int, float, str or decimal.Decimal (bool and None are rejected); a stub-only alias."""

_Col = npt.NDArray[np.float64]

# The formula options (stub-only aliases; the strings are the core's `as_str` / `FromStr`).
_ChurnBasis = _Literal["logo", "gross_revenue", "net_revenue"]
_Timing = _Literal["start_of_period", "end_of_period", "end_of_period_survivors"]
_Period = _Literal["monthly", "annual"]
_Errors = _Literal["raise", "nan"]
_MrrMetric = _Literal[
    "ending_mrr", "gross_mrr_churn", "net_mrr_churn", "net_revenue_retention", "gross_revenue_retention", "quick_ratio"
]

__all__ = [
    "__version__",
    "LtvError",
    "InvalidInputError",
    "ZeroChurnError",
    "NegativeNetChurnError",
    "DivergenceError",
    "NotFiniteError",
    "LtvOverflowError",
    "UndefinedError",
    "DEFAULT_TARGET_RATIO",
    "DEFAULT_HEALTHY_MIN",
    "DEFAULT_HEALTHY_MAX",
    "DEFAULT_PAYBACK_TARGET_MONTHS",
    "DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE",
    "DEFAULT_DISCOUNT_AFTER_MONTHS",
    "DEFAULT_ZOMBIE_AFTER_DAYS",
    "DEFAULT_CHURN_BASIS",
    "DEFAULT_TIMING",
    "DEFAULT_RETENTION_PERIOD",
    "DEFAULT_ERRORS",
    "PARALLEL_MIN_ROWS",
    "LtvCacRatio",
    "CacPayback",
    "MrrMovements",
    "purchase_ltv",
    "subscription_ltv",
    "lifespan_from_churn",
    "saas_ltv",
    "monthly_churn_from_annual",
    "annual_to_monthly_rate",
    "discounted_ltv",
    "retention_cltv",
    "ltv_cac_ratio",
    "max_cac",
    "cac_payback_months",
    "lead_ltv",
    "net_lead_ltv",
    "present_value_lead_ltv",
    "lead_value",
    "is_zombie",
    "campaign_value",
    "bid_cap",
    "logo_churn_rate",
    "_disable_parallelism",
    "_vec_threads_spawned",
    "_vec_purchase_ltv",
    "_vec_subscription_ltv",
    "_vec_lifespan_from_churn",
    "_vec_saas_ltv",
    "_vec_monthly_churn_from_annual",
    "_vec_annual_to_monthly_rate",
    "_vec_discounted_ltv",
    "_vec_retention_cltv",
    "_vec_ltv_cac_ratio",
    "_vec_ltv_cac_band",
    "_vec_max_cac",
    "_vec_cac_payback_months",
    "_vec_lead_ltv",
    "_vec_net_lead_ltv",
    "_vec_present_value_lead_ltv",
    "_vec_lead_value",
    "_vec_campaign_value",
    "_vec_bid_cap",
    "_vec_logo_churn_rate",
    "_vec_mrr",
]

__version__: str

# Defaults of the formulas, from ltv-core (the signatures below use them; tests/python/test_defaults.py).
DEFAULT_TARGET_RATIO: int
DEFAULT_HEALTHY_MIN: int
DEFAULT_HEALTHY_MAX: int
DEFAULT_PAYBACK_TARGET_MONTHS: int
DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE: Decimal
DEFAULT_DISCOUNT_AFTER_MONTHS: int
DEFAULT_ZOMBIE_AFTER_DAYS: int
DEFAULT_CHURN_BASIS: _ChurnBasis
DEFAULT_TIMING: _Timing
DEFAULT_RETENTION_PERIOD: _Period
DEFAULT_ERRORS: _Errors
PARALLEL_MIN_ROWS: int

class LtvError(ValueError):
    """Base class of every ltv error."""

    field: str
    value: Optional[str]
    kind: str
    row: Optional[int]
    label: Any
    """The pandas index label of ``row`` when the input was a pandas object, else ``None``."""

class InvalidInputError(LtvError): ...
class ZeroChurnError(LtvError): ...
class NegativeNetChurnError(LtvError): ...
class DivergenceError(LtvError): ...
class NotFiniteError(LtvError): ...
class LtvOverflowError(LtvError): ...
class UndefinedError(LtvError): ...

@final
class LtvCacRatio:
    """An LTV:CAC ratio with its health band: the result of :func:`ltv.ltv_cac_ratio`.

    Immutable; equal when every field is equal. ``repr()`` lists the fields, ``_repr_html_()`` is a table
    for notebooks and ``to_dict()`` returns the fields.

    Attributes
    ----------
    ratio : Decimal
        LTV / CAC.
    band : str
        ``"overspending"`` (below ``healthy_min``), ``"healthy"`` or ``"under_investing"`` (above ``healthy_max``).
    healthy_min, healthy_max : Decimal
        The healthy band.

    Examples
    --------
    >>> import ltv
    >>> r = ltv.ltv_cac_ratio(ltv=12000, cac=3000)
    >>> r.ratio, r.band
    (Decimal('4'), 'healthy')
    """

    @property
    def ratio(self) -> Decimal: ...
    @property
    def band(self) -> str: ...
    @property
    def healthy_min(self) -> Decimal: ...
    @property
    def healthy_max(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict.

        Returns
        -------
        dict
            Field name to value (``Decimal``, ``str`` or ``bool``).

        Examples
        --------
        >>> import ltv
        >>> sorted(ltv.ltv_cac_ratio(ltv=12000, cac=3000).to_dict())
        ['band', 'healthy_max', 'healthy_min', 'ratio']
        """
    def _repr_html_(self) -> str: ...

@final
class CacPayback:
    """CAC payback in months, the target, and whether it is met: the result of :func:`ltv.cac_payback_months`.

    Immutable; equal when every field is equal. ``repr()`` lists the fields, ``_repr_html_()`` is a table
    for notebooks and ``to_dict()`` returns the fields.

    Attributes
    ----------
    months : Decimal
        CAC / (ARPU x gross margin), in months.
    target_months : Decimal
        The target, in months.
    meets_target : bool
        ``months <= target_months``.

    Examples
    --------
    >>> import ltv
    >>> p = ltv.cac_payback_months(cac=3000, arpu=500, gross_margin=0.8)
    >>> p.months, p.meets_target
    (Decimal('7.5'), True)
    """

    @property
    def months(self) -> Decimal: ...
    @property
    def target_months(self) -> Decimal: ...
    @property
    def meets_target(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict.

        Returns
        -------
        dict
            Field name to value (``Decimal``, ``str`` or ``bool``).

        Examples
        --------
        >>> import ltv
        >>> sorted(ltv.ltv_cac_ratio(ltv=12000, cac=3000).to_dict())
        ['band', 'healthy_max', 'healthy_min', 'ratio']
        """
    def _repr_html_(self) -> str: ...

@final
class MrrMovements:
    """One period's MRR movements and the churn and retention rates built from them.

    All amounts are MRR (monthly recurring revenue) in your currency, each >= 0; ``churned + contraction`` may not
    exceed ``starting_mrr``. Immutable; ``repr()`` lists the movements, ``_repr_html_()`` is a table with every
    rate, ``to_dict()`` returns the movements. :mod:`ltv.vec` has each rate over columns.

    Parameters
    ----------
    starting_mrr : int, float, str or Decimal
        MRR at the start of the period.
    new, expansion, contraction, churned, reactivation : int, float, str or Decimal, default 0
        MRR from new customers, added by existing customers, removed by customers who stayed, of customers who
        left, and of customers who came back.

    Raises
    ------
    InvalidInputError
        A negative amount, or more MRR lost than there was (``.field`` names it).
    TypeError, NotFiniteError
        A ``bool``, ``None``, non-number, NaN or infinite input.

    Examples
    --------
    >>> import ltv
    >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
    >>> m.ending_mrr(), m.net_revenue_retention(), m.quick_ratio()
    (Decimal('107000'), Decimal('0.99'), Decimal('2.40'))
    """

    def __new__(
        cls,
        *,
        starting_mrr: _Number,
        new: _Number = 0,
        expansion: _Number = 0,
        contraction: _Number = 0,
        churned: _Number = 0,
        reactivation: _Number = 0,
    ) -> MrrMovements: ...
    @property
    def starting_mrr(self) -> Decimal: ...
    @property
    def new(self) -> Decimal: ...
    @property
    def expansion(self) -> Decimal: ...
    @property
    def contraction(self) -> Decimal: ...
    @property
    def churned(self) -> Decimal: ...
    @property
    def reactivation(self) -> Decimal: ...
    def ending_mrr(self) -> Decimal:
        """MRR at the end of the period: start + new + expansion + reactivation - contraction - churned.

        Returns
        -------
        Decimal
            The ending MRR, in the currency of the movements.

        Examples
        --------
        >>> import ltv
        >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
        >>> m.ending_mrr()
        Decimal('107000')
        """
    def gross_mrr_churn(self) -> Decimal:
        """Gross MRR churn = (churned + contraction) / starting MRR.

        Returns
        -------
        Decimal
            A fraction in [0, 1].

        Raises
        ------
        UndefinedError
            ``starting_mrr`` is 0.

        Examples
        --------
        >>> import ltv
        >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
        >>> m.gross_mrr_churn()
        Decimal('0.05')
        """
    def net_mrr_churn(self) -> Decimal:
        """Net MRR churn = (churned + contraction - expansion - reactivation) / starting MRR.

        Returns
        -------
        Decimal
            A fraction, negative when expansion outweighs losses.

        Raises
        ------
        UndefinedError
            ``starting_mrr`` is 0.

        Examples
        --------
        >>> import ltv
        >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
        >>> m.net_mrr_churn()
        Decimal('0.01')
        """
    def net_revenue_retention(self) -> Decimal:
        """Net revenue retention (NRR) = 1 - net MRR churn.

        Returns
        -------
        Decimal
            A fraction, above 1 when expansion outweighs losses.

        Raises
        ------
        UndefinedError
            ``starting_mrr`` is 0.

        Examples
        --------
        >>> import ltv
        >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
        >>> m.net_revenue_retention()
        Decimal('0.99')
        """
    def gross_revenue_retention(self) -> Decimal:
        """Gross revenue retention (GRR) = (start - contraction - churned) / start, at most 1.

        Returns
        -------
        Decimal
            A fraction in [0, 1].

        Raises
        ------
        UndefinedError
            ``starting_mrr`` is 0.

        Examples
        --------
        >>> import ltv
        >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
        >>> m.gross_revenue_retention()
        Decimal('0.95')
        """
    def quick_ratio(self) -> Decimal:
        """SaaS quick ratio = (new + expansion + reactivation) / (churned + contraction).

        Returns
        -------
        Decimal
            Growth per unit of loss (above 4 is commonly read as efficient growth).

        Raises
        ------
        UndefinedError
            Nothing was lost (``churned + contraction`` is 0).

        Examples
        --------
        >>> import ltv
        >>> m = ltv.MrrMovements(starting_mrr=100000, new=8000, expansion=4000, contraction=1500, churned=3500)
        >>> m.quick_ratio()
        Decimal('2.40')
        """
    def to_dict(self) -> dict[str, Any]:
        """The movements as a dict.

        Returns
        -------
        dict
            ``starting_mrr``, ``new``, ``expansion``, ``contraction``, ``churned`` and ``reactivation`` (``Decimal``).

        Examples
        --------
        >>> import ltv
        >>> ltv.MrrMovements(starting_mrr=100, churned=5).to_dict()["churned"]
        Decimal('5')
        """
    def _repr_html_(self) -> str: ...

def purchase_ltv(
    *,
    average_purchase_value: _Number,
    purchase_frequency: _Number,
    customer_lifespan: _Number,
    gross_margin: Optional[_Number] = None,
) -> Decimal:
    """Purchase LTV = average purchase value x purchase frequency x customer lifespan (x gross margin).

    The classic e-commerce LTV: revenue (or, with ``gross_margin``, margin) per customer over their lifespan.

    Parameters
    ----------
    average_purchase_value : int, float, str or Decimal
        Revenue of an average order, in your currency, >= 0.
    purchase_frequency : int, float, str or Decimal
        Orders per customer per period (the same period as ``customer_lifespan``), >= 0.
    customer_lifespan : int, float, str or Decimal
        Expected customer lifespan, in periods, >= 0.
    gross_margin : int, float, str or Decimal or None, default None
        Gross margin as a fraction in [0, 1] (80 % is ``0.8``); ``None`` values revenue, not margin.

    Returns
    -------
    Decimal
        The LTV per customer, in the currency of ``average_purchase_value``.

    Raises
    ------
    InvalidInputError
        A negative amount, frequency or lifespan, or a margin outside [0, 1] (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.purchase_ltv(average_purchase_value=50, purchase_frequency=4, customer_lifespan=3)
    Decimal('600')
    >>> ltv.purchase_ltv(average_purchase_value=50, purchase_frequency=4, customer_lifespan=3, gross_margin=0.6)
    Decimal('360.0')"""
def subscription_ltv(*, average_monthly_revenue: _Number, lifespan_months: _Number) -> Decimal:
    """Subscription LTV = average monthly revenue x lifespan in months.

    Parameters
    ----------
    average_monthly_revenue : int, float, str or Decimal
        Revenue per customer per month, in your currency, >= 0.
    lifespan_months : int, float, str or Decimal
        Expected lifespan in months, >= 0 (see :func:`lifespan_from_churn`).

    Returns
    -------
    Decimal
        Revenue per customer over the lifespan, in the currency of ``average_monthly_revenue``.

    Raises
    ------
    InvalidInputError
        A negative revenue or lifespan (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.subscription_ltv(average_monthly_revenue=99, lifespan_months=24)
    Decimal('2376')"""
def lifespan_from_churn(*, monthly_churn: _Number, churn_basis: _ChurnBasis = "logo") -> Decimal:
    """Expected lifespan in months = 1 / monthly churn.

    Parameters
    ----------
    monthly_churn : int, float, str or Decimal
        Churn per month as a fraction: [0, 1] for ``"logo"`` and ``"gross_revenue"``, [-1, 1] for ``"net_revenue"``
        (3 % is ``0.03``).
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts: customers lost, revenue lost, or revenue lost net of expansion.

    Returns
    -------
    Decimal
        The expected lifespan, in months.

    Raises
    ------
    InvalidInputError
        A churn out of range or an unknown ``churn_basis`` (``.field`` names it).
    ZeroChurnError
        Zero churn: the lifespan is unbounded.
    NegativeNetChurnError
        Net revenue churn <= 0 (expansion outweighs losses).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.lifespan_from_churn(monthly_churn=0.04)
    Decimal('25')"""
def saas_ltv(*, arpu: _Number, gross_margin: _Number, monthly_churn: _Number, churn_basis: _ChurnBasis = "logo") -> Decimal:
    """SaaS LTV = ARPU x gross margin / monthly churn.

    The undiscounted margin a customer brings over an expected lifespan of 1 / churn months; see
    :func:`discounted_ltv` for the discounted form and a horizon.

    Parameters
    ----------
    arpu : int, float, str or Decimal
        Average revenue per user (account) per month, in your currency, >= 0.
    gross_margin : int, float, str or Decimal
        Gross margin as a fraction in [0, 1] (80 % is ``0.8``).
    monthly_churn : int, float, str or Decimal
        Churn per month as a fraction (3 % is ``0.03``): [0, 1], or [-1, 1] for ``"net_revenue"``.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts: customers lost, revenue lost, or revenue lost net of expansion.

    Returns
    -------
    Decimal
        The LTV per customer, in the currency of ``arpu``.

    Raises
    ------
    InvalidInputError
        A negative ARPU, or a margin or churn out of range (``.field`` and ``.value`` name it; the message suggests
        ``0.80`` for ``80``), or an unknown ``churn_basis``.
    ZeroChurnError
        Zero churn: the LTV is unbounded (use :func:`discounted_ltv`).
    NegativeNetChurnError
        Net revenue churn <= 0.
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03).quantize(Decimal("0.01"))
    Decimal('13333.33')"""
def monthly_churn_from_annual(*, annual_churn: _Number, churn_basis: _ChurnBasis = "logo") -> Decimal:
    """Monthly churn from annual churn: 1 - (1 - annual)^(1/12).

    Parameters
    ----------
    annual_churn : int, float, str or Decimal
        Churn per year as a fraction (30 % is ``0.3``): [0, 1], or [-1, 1] for ``"net_revenue"``.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts (the basis carries over to the monthly rate).

    Returns
    -------
    Decimal
        The equivalent churn per month, as a fraction.

    Raises
    ------
    InvalidInputError
        A churn out of range or an unknown ``churn_basis`` (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.monthly_churn_from_annual(annual_churn=0.3).quantize(Decimal("0.0001"))
    Decimal('0.0293')"""
def annual_to_monthly_rate(*, annual_rate: _Number) -> Decimal:
    """Monthly rate from an annual rate by compounding: (1 + annual)^(1/12) - 1.

    Parameters
    ----------
    annual_rate : int, float, str or Decimal
        A rate per year as a fraction in [0, 1] (a 10 % cost of capital is ``0.1``).

    Returns
    -------
    Decimal
        The equivalent compound rate per month, as a fraction.

    Raises
    ------
    InvalidInputError
        A rate outside [0, 1] (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.annual_to_monthly_rate(annual_rate=0.1).quantize(Decimal("0.000001"))
    Decimal('0.007974')"""
def discounted_ltv(
    *,
    monthly_margin: _Number,
    monthly_churn: _Number,
    annual_discount_rate: Optional[_Number] = None,
    monthly_discount_rate: Optional[_Number] = None,
    timing: _Timing = "start_of_period",
    horizon_months: Optional[int] = None,
    churn_basis: _ChurnBasis = "logo",
) -> Decimal:
    """Discounted SaaS LTV with payment timing and an optional horizon.

    The present value of ``monthly_margin`` paid each month a customer is still active (survival ``(1 - churn)^t``),
    discounted at the monthly rate; with ``horizon_months`` only the first months are valued. Zero churn is valid
    here (the discount bounds the sum).

    Parameters
    ----------
    monthly_margin : int, float, str or Decimal
        Margin per customer per month (ARPU x gross margin), in your currency, >= 0.
    monthly_churn : int, float, str or Decimal
        Churn per month as a fraction: [0, 1], or [-1, 1] for ``"net_revenue"``.
    annual_discount_rate : int, float, str or Decimal or None
        Cost of capital per year in [0, 1], compounded to a monthly rate. Give this or ``monthly_discount_rate``.
    monthly_discount_rate : int, float, str or Decimal or None
        Cost of capital per month in [0, 1]. Give exactly one of the two rates.
    timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
        When each month's margin is paid: at its start (month 0 undiscounted), at its end, or at its end by the
        customers who survive it.
    horizon_months : int or None, default None
        Months valued; ``None`` values the whole lifetime.
    churn_basis : {"logo", "gross_revenue", "net_revenue"}, default "logo"
        What the churn counts.

    Returns
    -------
    Decimal
        The present value per customer, in the currency of ``monthly_margin``.

    Raises
    ------
    TypeError
        Both or neither discount rate given.
    InvalidInputError
        A value out of range or an unknown option (``.field`` names it).
    DivergenceError
        The sum does not converge (zero churn and zero discount without a horizon).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.discounted_ltv(monthly_margin=400, monthly_churn=0.03, annual_discount_rate=0.1).quantize(Decimal("0.01"))
    Decimal('10617.48')
    >>> ltv.discounted_ltv(monthly_margin=400, monthly_churn=0.03, annual_discount_rate=0.1,
    ...                    horizon_months=36).quantize(Decimal("0.01"))
    Decimal('7952.92')"""
def retention_cltv(
    *,
    revenue: _Number,
    gross_margin: _Number,
    retention: _Number,
    discount_rate: _Number,
    periods: int,
    period: _Period = "annual",
    timing: _Timing = "start_of_period",
) -> Decimal:
    """Retention-based CLTV over a horizon: sum of revenue x margin x r^t / (1 + d)^t.

    Parameters
    ----------
    revenue : int, float, str or Decimal
        Revenue per customer per period, in your currency, >= 0.
    gross_margin : int, float, str or Decimal
        Gross margin as a fraction in [0, 1].
    retention : int, float, str or Decimal
        Share of customers retained from one period to the next, in [0, 1].
    discount_rate : int, float, str or Decimal
        Cost of capital per period (``period``), in [0, 1].
    periods : int
        Number of periods valued, a whole number >= 0 (a float is a ``TypeError``).
    period : {"monthly", "annual"}, default "annual"
        The length of one period (of ``revenue``, ``retention`` and ``discount_rate``).
    timing : {"start_of_period", "end_of_period", "end_of_period_survivors"}, default "start_of_period"
        When each period's revenue is paid.

    Returns
    -------
    Decimal
        The present value per customer over ``periods`` periods, in the currency of ``revenue``.

    Raises
    ------
    InvalidInputError
        A value out of range, a negative ``periods``, or an unknown option (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.retention_cltv(revenue=1000, gross_margin=0.7, retention=0.8, discount_rate=0.1,
    ...                    periods=5).quantize(Decimal("0.01"))
    Decimal('2044.44')"""
def ltv_cac_ratio(*, ltv: _Number, cac: _Number, healthy_min: _Number = 3, healthy_max: _Number = 5) -> LtvCacRatio:
    """LTV:CAC = LTV / CAC with its health band.

    Parameters
    ----------
    ltv : int, float, str or Decimal
        Customer lifetime value, in your currency, >= 0.
    cac : int, float, str or Decimal
        Customer acquisition cost, in the same currency, > 0.
    healthy_min : int, float, str or Decimal, default 3
        Lowest healthy ratio (below it: ``"overspending"``), > 0.
    healthy_max : int, float, str or Decimal, default 5
        Highest healthy ratio (above it: ``"under_investing"``), >= ``healthy_min``.

    Returns
    -------
    LtvCacRatio
        ``.ratio`` (Decimal), ``.band`` (``"overspending"``, ``"healthy"`` or ``"under_investing"``) and the bounds.

    Raises
    ------
    InvalidInputError
        A negative LTV, a CAC of 0 or below, or bands that are not positive and ordered (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.ltv_cac_ratio(ltv=12000, cac=3000)
    LtvCacRatio(ratio=4, band='healthy', healthy_min=3, healthy_max=5)"""
def max_cac(*, ltv: _Number, target_ratio: _Number = 3) -> Decimal:
    """Maximum allowable CAC = LTV / target ratio.

    Parameters
    ----------
    ltv : int, float, str or Decimal
        Customer lifetime value, in your currency, >= 0.
    target_ratio : int, float, str or Decimal, default 3
        The LTV:CAC ratio to hold, > 0.

    Returns
    -------
    Decimal
        The most you can pay to acquire a customer, in the currency of ``ltv``.

    Raises
    ------
    InvalidInputError
        A negative LTV or a target ratio of 0 or below (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.max_cac(ltv=12000)
    Decimal('4000')"""
def cac_payback_months(*, cac: _Number, arpu: _Number, gross_margin: _Number, target_months: _Number = 18) -> CacPayback:
    """CAC payback months = CAC / (ARPU x gross margin), against a target (default 18 months).

    Parameters
    ----------
    cac : int, float, str or Decimal
        Customer acquisition cost, in your currency, >= 0.
    arpu : int, float, str or Decimal
        Average revenue per user per month, in the same currency, >= 0.
    gross_margin : int, float, str or Decimal
        Gross margin as a fraction in [0, 1].
    target_months : int, float, str or Decimal, default 18
        The payback target, in months, >= 0.

    Returns
    -------
    CacPayback
        ``.months`` (Decimal), ``.target_months`` and ``.meets_target`` (``months <= target_months``).

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
    UndefinedError
        ARPU x gross margin is 0: the CAC is never paid back.
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.cac_payback_months(cac=3000, arpu=500, gross_margin=0.8)
    CacPayback(months=7.5, target_months=18, meets_target=True)"""
def lead_ltv(*, customer_ltv: _Number, conversion_rate: _Number) -> Decimal:
    """Lead LTV = customer LTV x conversion rate.

    Parameters
    ----------
    customer_ltv : int, float, str or Decimal
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_rate : int, float, str or Decimal
        Share of leads that become customers, in [0, 1] (5 % is ``0.05``).

    Returns
    -------
    Decimal
        The expected value of one lead, in the currency of ``customer_ltv``.

    Raises
    ------
    InvalidInputError
        A negative LTV or a rate outside [0, 1] (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.lead_ltv(customer_ltv=12000, conversion_rate=0.05)
    Decimal('600.00')"""
def net_lead_ltv(
    *, customer_ltv: _Number, conversion_rate: _Number, cac: _Number, nurture_cost: _Number = 0, time_factor: _Number = 1
) -> Decimal:
    """Net lead LTV = customer LTV x conversion - (CAC + nurture cost) x time factor.

    Parameters
    ----------
    customer_ltv : int, float, str or Decimal
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_rate : int, float, str or Decimal
        Share of leads that become customers, in [0, 1].
    cac : int, float, str or Decimal
        Acquisition cost per lead, in the same currency, >= 0.
    nurture_cost : int, float, str or Decimal, default 0
        Cost of nurturing one lead, in the same currency, >= 0.
    time_factor : int, float, str or Decimal, default 1
        Multiplier of the costs (for example months of nurturing), >= 0.

    Returns
    -------
    Decimal
        The expected net value of one lead (negative when the costs outweigh it), in the currency of ``customer_ltv``.

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.net_lead_ltv(customer_ltv=12000, conversion_rate=0.05, cac=300, nurture_cost=50)
    Decimal('250.00')"""
def present_value_lead_ltv(
    *,
    customer_ltv: _Number,
    conversion_rate: _Number,
    months_to_close: _Number,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
) -> Decimal:
    """Present-value lead LTV: discounted by the months to close when they exceed ``discount_after_months``.

    Parameters
    ----------
    customer_ltv : int, float, str or Decimal
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_rate : int, float, str or Decimal
        Share of leads that become customers, in [0, 1].
    months_to_close : int, float, str or Decimal
        Expected months until the lead closes, >= 0.
    annual_discount_rate : int, float, str or Decimal, default 0.1
        Cost of capital per year, in [0, 1].
    discount_after_months : int, float, str or Decimal, default 12
        Leads closing within this many months are not discounted, >= 0.

    Returns
    -------
    Decimal
        The present value of one lead, in the currency of ``customer_ltv``.

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.present_value_lead_ltv(customer_ltv=12000, conversion_rate=0.05, months_to_close=18).quantize(Decimal("0.01"))
    Decimal('520.07')"""
def lead_value(
    *,
    customer_ltv: _Number,
    conversion_probability: _Number,
    months_to_close: _Number,
    days_since_engagement: _Number,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
    zombie_after_days: _Number = 180,
) -> Decimal:
    """One lead's value today: 0 for a zombie, otherwise the present-value lead LTV.

    Parameters
    ----------
    customer_ltv : int, float, str or Decimal
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_probability : int, float, str or Decimal
        This lead's probability of converting, in [0, 1].
    months_to_close : int, float, str or Decimal
        Expected months until the lead closes, >= 0.
    days_since_engagement : int, float, str or Decimal
        Days since the lead last engaged, >= 0.
    annual_discount_rate : int, float, str or Decimal, default 0.1
        Cost of capital per year, in [0, 1].
    discount_after_months : int, float, str or Decimal, default 12
        Leads closing within this many months are not discounted, >= 0.
    zombie_after_days : int, float, str or Decimal, default 180
        A lead silent for longer than this many days is a zombie, worth 0.

    Returns
    -------
    Decimal
        The lead's value, in the currency of ``customer_ltv`` (0 for a zombie).

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    ...                days_since_engagement=30).quantize(Decimal("0.01"))
    Decimal('520.07')
    >>> ltv.lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18, days_since_engagement=200)
    Decimal('0')"""
def is_zombie(*, days_since_engagement: _Number, zombie_after_days: _Number = 180) -> bool:
    """Whether a lead with no engagement for ``days_since_engagement`` days is a zombie (worth 0).

    Parameters
    ----------
    days_since_engagement : int, float, str or Decimal
        Days since the lead last engaged, >= 0.
    zombie_after_days : int, float, str or Decimal, default 180
        The silence, in days, after which a lead is a zombie, >= 0.

    Returns
    -------
    bool
        ``True`` when ``days_since_engagement > zombie_after_days``.

    Raises
    ------
    InvalidInputError
        A negative number of days (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.

    Examples
    --------
    >>> import ltv
    >>> ltv.is_zombie(days_since_engagement=200)
    True"""
def campaign_value(*, leads: int, lead_ltv: _Number) -> Decimal:
    """Campaign value = leads x lead LTV.

    Parameters
    ----------
    leads : int
        Number of leads, a whole number >= 0.
    lead_ltv : int, float, str or Decimal
        Value of one lead (see :func:`lead_ltv`), in your currency, >= 0.

    Returns
    -------
    Decimal
        The campaign's expected value, in the currency of ``lead_ltv``.

    Raises
    ------
    InvalidInputError
        A negative or fractional count, or a negative value (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.campaign_value(leads=1000, lead_ltv=600)
    Decimal('600000')"""
def bid_cap(*, lead_ltv: _Number, target_ratio: _Number = 3) -> Decimal:
    """Bid cap: maximum cost per lead = lead LTV / target ratio.

    Parameters
    ----------
    lead_ltv : int, float, str or Decimal
        Value of one lead, in your currency, >= 0.
    target_ratio : int, float, str or Decimal, default 3
        The value-to-cost ratio to hold, > 0.

    Returns
    -------
    Decimal
        The most to pay for one lead, in the currency of ``lead_ltv``.

    Raises
    ------
    InvalidInputError
        A negative value or a target ratio of 0 or below (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.bid_cap(lead_ltv=600)
    Decimal('200')"""
def logo_churn_rate(*, customers_at_start: int, customers_lost: int) -> Decimal:
    """Logo churn rate = customers lost / customers at the start.

    Parameters
    ----------
    customers_at_start : int
        Customers at the start of the period, a whole number > 0.
    customers_lost : int
        Customers lost during the period, a whole number in [0, ``customers_at_start``].

    Returns
    -------
    Decimal
        The churn rate of the period, a fraction in [0, 1].

    Raises
    ------
    InvalidInputError
        A negative or fractional count, or more customers lost than there were (``.field`` names it).
    UndefinedError
        No customers at the start.
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> ltv.logo_churn_rate(customers_at_start=200, customers_lost=6)
    Decimal('0.03')"""

# Private column kernels behind ltv.vec (float64 arrays of length 1 or n; errors is "raise" or "nan").
def _disable_parallelism() -> None: ...
def _vec_threads_spawned() -> int: ...
def _vec_purchase_ltv(
    average_purchase_value: _Col,
    purchase_frequency: _Col,
    customer_lifespan: _Col,
    gross_margin: _Col,
    has_margin: bool,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_subscription_ltv(average_monthly_revenue: _Col, lifespan_months: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_lifespan_from_churn(monthly_churn: _Col, churn_basis: _ChurnBasis, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_saas_ltv(
    arpu: _Col, gross_margin: _Col, monthly_churn: _Col, churn_basis: _ChurnBasis, errors: _Errors, parallel: bool
) -> _Col: ...
def _vec_monthly_churn_from_annual(annual_churn: _Col, churn_basis: _ChurnBasis, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_annual_to_monthly_rate(annual_rate: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_discounted_ltv(
    monthly_margin: _Col,
    monthly_churn: _Col,
    annual_discount_rate: Optional[_Col],
    monthly_discount_rate: Optional[_Col],
    timing: _Timing,
    horizon_months: Optional[int],
    churn_basis: _ChurnBasis,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_retention_cltv(
    revenue: _Col,
    gross_margin: _Col,
    retention: _Col,
    discount_rate: _Col,
    periods: int,
    period: _Period,
    timing: _Timing,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_ltv_cac_ratio(ltv: _Col, cac: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_ltv_cac_band(ratio: _Col, healthy_min: float, healthy_max: float, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_max_cac(ltv: _Col, target_ratio: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_cac_payback_months(
    cac: _Col, arpu: _Col, gross_margin: _Col, target_months: _Col, errors: _Errors, parallel: bool
) -> _Col: ...
def _vec_lead_ltv(customer_ltv: _Col, conversion_rate: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_net_lead_ltv(
    customer_ltv: _Col,
    conversion_rate: _Col,
    cac: _Col,
    nurture_cost: _Col,
    time_factor: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_present_value_lead_ltv(
    customer_ltv: _Col,
    conversion_rate: _Col,
    months_to_close: _Col,
    annual_discount_rate: _Col,
    discount_after_months: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_lead_value(
    customer_ltv: _Col,
    conversion_probability: _Col,
    months_to_close: _Col,
    days_since_engagement: _Col,
    annual_discount_rate: _Col,
    discount_after_months: _Col,
    zombie_after_days: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_campaign_value(leads: _Col, lead_ltv: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_bid_cap(lead_ltv: _Col, target_ratio: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_logo_churn_rate(customers_at_start: _Col, customers_lost: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_mrr(
    metric: _MrrMetric,
    starting_mrr: _Col,
    new: _Col,
    expansion: _Col,
    contraction: _Col,
    churned: _Col,
    reactivation: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...

# --- leads ---

from typing import Literal as _Literal

_Codes = npt.NDArray[np.int64]

__all__ += [
    "LeadValuation",
    "AccountValuation",
    "explain_lead_value",
    "account_value",
    "shrunk_conversion_rate",
    "_leads_segment_table",
    "_leads_cohorts",
    "_leads_compare_campaigns",
    "_benchmarks",
    "_benchmark_find",
    "_defaults",
    "_invalid_input_error",
]

_RankBy = _Literal["total_value", "value_per_cost", "value_per_lead"]
_PeriodUnit = _Literal["month", "week", "day", "quarter", "year"]

@final
class LeadValuation:
    """One lead's value and the steps that reached it: the result of :func:`ltv.explain_lead_value`.

    Immutable. ``repr()`` shows the value and each factor, ``str()`` and ``explain()`` the breakdown,
    ``_repr_html_()`` the steps as a table, ``to_dict()`` the fields and ``steps()`` the steps as data.

    Attributes
    ----------
    value : Decimal
        The lead's value today.
    base : Decimal
        P(convert) x customer LTV.
    discount_factor : Decimal
        The discount applied (1 within ``discount_after_months``).
    nurture_cost : Decimal
        The cost subtracted (0 when none was given).
    zombie : bool
        Whether the zombie rule set the value to 0.

    Examples
    --------
    >>> import ltv
    >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    ...                            days_since_engagement=30, nurture_cost=50)
    >>> v.value.quantize(v.base)
    Decimal('470.07')
    """

    @property
    def value(self) -> Decimal: ...
    @property
    def base(self) -> Decimal: ...
    @property
    def discount_factor(self) -> Decimal: ...
    @property
    def nurture_cost(self) -> Decimal: ...
    @property
    def zombie(self) -> bool: ...
    def steps(self) -> list[dict[str, Any]]:
        """The steps as data: ``pandas.DataFrame(v.steps())`` is the breakdown as a table.

        Returns
        -------
        list of dict
            One dict per step: ``step`` (its name), ``detail`` (what it did), ``effect`` and ``value_after`` (Decimal).

        Examples
        --------
        >>> import ltv
        >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
        ...                            days_since_engagement=30, nurture_cost=50)
        >>> [s["step"] for s in v.steps()]
        ['base', 'discount', 'nurture_cost', 'zombie']
        """
    def explain(self) -> str:
        """The readable breakdown, one line per step with the value after it.

        Returns
        -------
        str
            The lines, joined by newlines; the last is the value.

        Examples
        --------
        >>> import ltv
        >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
        ...                            days_since_engagement=30, nurture_cost=50)
        >>> v.explain().splitlines()[-1].split()
        ['value', '=', '470.07']
        """
    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (without the steps).

        Returns
        -------
        dict
            ``value``, ``base``, ``discount_factor``, ``nurture_cost`` (Decimal) and ``zombie`` (bool).

        Examples
        --------
        >>> import ltv
        >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
        ...                            days_since_engagement=30, nurture_cost=50)
        >>> v.to_dict()["zombie"]
        False
        """
    def _repr_html_(self) -> str: ...

@final
class AccountValuation:
    """An account's value next to the naive sum of its stakeholders' lead values: the result of :func:`ltv.account_value`.

    Immutable. ``repr()`` shows the value and the comparison, ``_repr_html_()`` every field as a table,
    ``to_dict()`` the fields.

    Examples
    --------
    >>> import ltv
    >>> a = ltv.account_value(stakeholder_probabilities=[0.2, 0.3, 0.1], account_ltv=50000, months_to_close=6,
    ...                       days_since_engagement=10)
    >>> a.p_any, a.naive_sum - a.value == a.difference
    (Decimal('0.496'), True)
    """

    @property
    def stakeholders(self) -> int: ...
    @property
    def p_any(self) -> Decimal: ...
    @property
    def multiplier(self) -> Decimal: ...
    @property
    def p_uncapped(self) -> Decimal: ...
    @property
    def p_account(self) -> Decimal: ...
    @property
    def capped(self) -> bool: ...
    @property
    def zombie(self) -> bool: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def naive_sum(self) -> Decimal: ...
    @property
    def difference(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict.

        Returns
        -------
        dict
            ``stakeholders`` (int), ``p_any``, ``multiplier``, ``p_uncapped``, ``p_account`` (Decimal), ``capped``,
            ``zombie`` (bool), ``value``, ``naive_sum`` and ``difference`` (Decimal).

        Examples
        --------
        >>> import ltv
        >>> a = ltv.account_value(stakeholder_probabilities=[0.2, 0.3, 0.1], account_ltv=50000, months_to_close=6,
        ...                       days_since_engagement=10)
        >>> a.to_dict()["stakeholders"]
        3
        """
    def _repr_html_(self) -> str: ...

def explain_lead_value(
    *,
    customer_ltv: _Number,
    conversion_probability: _Number,
    months_to_close: _Number,
    days_since_engagement: _Number,
    nurture_cost: Optional[_Number] = None,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
    zombie_after_days: _Number = 180,
) -> LeadValuation:
    """One lead valued step by step: :func:`lead_value` explained, with an optional nurture cost.

    base = P x LTV, discounted when the lead closes after ``discount_after_months``, minus the nurture cost when
    given, 0 for a zombie. The result keeps every step (``steps()``, ``explain()``).

    Parameters
    ----------
    customer_ltv : int, float, str or Decimal
        Lifetime value of a converted customer, in your currency, >= 0.
    conversion_probability : int, float, str or Decimal
        This lead's probability of converting, in [0, 1].
    months_to_close : int, float, str or Decimal
        Expected months until the lead closes, >= 0.
    days_since_engagement : int, float, str or Decimal
        Days since the lead last engaged, >= 0.
    nurture_cost : int, float, str or Decimal or None, default None
        Cost of nurturing the lead, in the currency of ``customer_ltv``, >= 0; ``None``: no cost step.
    annual_discount_rate : int, float, str or Decimal, default 0.1
        Cost of capital per year, in [0, 1].
    discount_after_months : int, float, str or Decimal, default 12
        Deals closing within this many months are not discounted, >= 0.
    zombie_after_days : int, float, str or Decimal, default 180
        A lead silent for longer than this many days is a zombie, worth 0.

    Returns
    -------
    LeadValuation
        ``.value`` and each step: ``.base``, ``.discount_factor``, ``.nurture_cost``, ``.zombie``; ``explain()`` prints
        them as a table.

    Raises
    ------
    InvalidInputError
        A value out of range (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> v = ltv.explain_lead_value(customer_ltv=12000, conversion_probability=0.05, months_to_close=18,
    ...                            days_since_engagement=30, nurture_cost=50)
    >>> v
    LeadValuation(value=470.0705, base=600.00, discount_factor=0.866784, nurture_cost=50, zombie=False)
    >>> print(v.explain())  # doctest: +ELLIPSIS
    base          P(convert) 0.05 x customer LTV 12000.00 ...
    value                                                                                = 470.07
    """
def account_value(
    *,
    stakeholder_probabilities: _Iterable[_Number],
    account_ltv: _Number,
    months_to_close: _Number,
    days_since_engagement: _Number,
    committee_size: int = 3,
    committee_multiplier: _Number = 1.2,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
    zombie_after_days: _Number = 180,
) -> AccountValuation:
    """Account value (account-based marketing): the account's deal valued once, not once per stakeholder.

    P(any stakeholder carries the deal) = 1 - prod(1 - p_i), times a committee multiplier when at least
    ``committee_size`` stakeholders are engaged (capped at 1, and reported), times the account LTV, with the lead
    discount and zombie rules; next to the naive sum of the stakeholders' lead values, which double-counts the deal.

    Parameters
    ----------
    stakeholder_probabilities : sequence of int, float, str or Decimal
        Each engaged stakeholder's probability of carrying the deal, in [0, 1] (a list, tuple or array).
    account_ltv : int, float, str or Decimal
        Lifetime value of the account, in your currency, >= 0.
    months_to_close : int, float, str or Decimal
        Expected months until the deal closes, >= 0.
    days_since_engagement : int, float, str or Decimal
        Days since any stakeholder last engaged, >= 0.
    committee_size : int, default 3
        Stakeholders from which the buying committee counts as engaged, a whole number.
    committee_multiplier : int, float, str or Decimal, default 1.2
        Lift of P for an engaged committee.
    annual_discount_rate : int, float, str or Decimal, default 0.1
        Cost of capital per year, in [0, 1].
    discount_after_months : int, float, str or Decimal, default 12
        Deals closing within this many months are not discounted, >= 0.
    zombie_after_days : int, float, str or Decimal, default 180
        A lead silent for longer than this many days is a zombie, worth 0.

    Returns
    -------
    AccountValuation
        ``.value``, ``.p_any``, ``.multiplier``, ``.p_account`` (capped), ``.capped``, ``.zombie``, ``.naive_sum`` and
        ``.difference`` (naive sum - value).

    Raises
    ------
    TypeError
        ``stakeholder_probabilities`` is not a sequence (a string, dict, set or generator).
    InvalidInputError
        A value out of range (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> a = ltv.account_value(stakeholder_probabilities=[0.2, 0.3, 0.1], account_ltv=50000, months_to_close=6,
    ...                       days_since_engagement=10)
    >>> a
    AccountValuation(value=29760.0000, p_account=0.59520, capped=False, naive_sum=30000.0, difference=240.0000)
    """
def shrunk_conversion_rate(
    *, conversions: int, leads: int, prior_rate: _Number, prior_strength: _Number = 20
) -> Decimal:
    """Shrunk conversion rate = (conversions + k x prior_rate) / (leads + k), the beta-binomial posterior mean.

    A segment with few leads is pulled toward ``prior_rate`` (for example the blended rate of all segments); one
    with many keeps close to its own rate.

    Parameters
    ----------
    conversions : int
        Leads of the segment that converted, a whole number in [0, ``leads``].
    leads : int
        Leads of the segment, a whole number >= 0.
    prior_rate : int, float, str or Decimal
        The rate to shrink toward, in [0, 1].
    prior_strength : int, float, str or Decimal, default 20
        k, the weight of the prior in leads, >= 0 (0: no shrinkage).

    Returns
    -------
    Decimal
        The shrunk conversion rate, in [0, 1].

    Raises
    ------
    InvalidInputError
        A count or rate out of range, or more conversions than leads (``.field`` names it).
    TypeError
        A ``bool``, ``None`` or non-number input.
    NotFiniteError
        A NaN or infinite input.
    LtvOverflowError
        The result exceeds the exact number range.

    Examples
    --------
    >>> import ltv
    >>> from decimal import Decimal
    >>> ltv.shrunk_conversion_rate(conversions=1, leads=3, prior_rate=0.05).quantize(Decimal("0.0001"))
    Decimal('0.0870')
    """
def _leads_segment_table(
    labels: list[str],
    segment: _Codes,
    converted: _Col,
    customer_ltv: _Col,
    cost_per_lead: _Col,
    days_to_close: _Col,
    prior_strength: float,
    prior_rate: Optional[float],
    target_ratio: float,
    healthy_min: float,
    healthy_max: float,
    spread_threshold: float,
) -> dict[str, Any]: ...
def _leads_cohorts(
    labels: list[str],
    channel: _Codes,
    created: _Codes,
    converted: _Col,
    customer_ltv: _Col,
    prior_strength: float,
    prior_rate: Optional[float],
) -> dict[str, Any]: ...
def _leads_compare_campaigns(
    labels: list[str], campaign: _Codes, value: _Col, cost: _Col, rank_by: _RankBy
) -> dict[str, Any]: ...
def _benchmarks() -> list[dict[str, Any]]: ...
def _benchmark_find(metric: str, segment: str) -> dict[str, Any]: ...
def _defaults() -> dict[str, Any]: ...
def _invalid_input_error(field: str, value: str, row: Optional[int], allowed: str) -> InvalidInputError: ...

# --- channels (ROAS by channel, data-sufficiency warnings) ---

__all__ += ["_channel_roas", "_leads_sufficiency_warnings"]

def _channel_roas(
    labels: list[str],
    spend_channel: _Codes,
    spend: _Col,
    customer_channel: _Codes,
    short_window_revenue: _Col,
    lifetime_value: _Col,
    margin_channel: _Codes,
    month: _Codes,
    margin: _Col,
    short_roas_below: float,
    ltv_roas_at_least: float,
) -> dict[str, Any]: ...
def _leads_sufficiency_warnings(
    labels: list[str],
    segment: _Codes,
    converted: _Col,
    days_to_close: _Col,
    age_days: _Col,
    cycles: float,
    min_conversions: int,
    conversion_window_days: Optional[float],
    open_share: float,
) -> list[dict[str, Any]]: ...
# --- sbg (retention models and cohort LTV) ---


__all__ += ["SbgModel", "SbgFit", "CohortLtv", "_cohort_ltv", "_cohort_ltv_table"]
__all__ += [
    "SBG_MIN_PARAMETER",
    "SBG_MAX_PARAMETER",
    "MAX_PERIODS",
    "MAX_TABLE_AGES",
    "MAX_FEATURE_MAGNITUDE",
    "MIN_FEATURE_SCALE",
    "MAX_COEFFICIENT",
    "MAX_SCORER_ITERATIONS",
    "MAX_SERIES_TERMS",
    "MAX_COHORT_CELLS",
]

SBG_MIN_PARAMETER: float
SBG_MAX_PARAMETER: float
MAX_PERIODS: int
MAX_TABLE_AGES: int
MAX_FEATURE_MAGNITUDE: float
MIN_FEATURE_SCALE: float
MAX_COEFFICIENT: float
MAX_SCORER_ITERATIONS: int
MAX_SERIES_TERMS: int
MAX_COHORT_CELLS: int

@final
class SbgModel:
    """The shifted-beta-geometric (sBG) contractual retention model of Fader & Hardie (2007).

    Each customer churns at each renewal with their own probability, Beta(``alpha``, ``beta``) distributed across
    customers; periods are renewal decisions. Immutable; ``repr()`` shows the parameters, ``_repr_html_()`` a table.

    Parameters
    ----------
    alpha, beta : float
        The Beta distribution's parameters, each in [``MIN_PARAMETER``, ``MAX_PARAMETER``] = [1e-8, 1e8].

    Raises
    ------
    InvalidInputError
        A parameter out of range or not finite.
    TypeError
        A parameter that is not a number.

    Examples
    --------
    >>> from ltv.retention import SbgModel
    >>> m = SbgModel(alpha=0.704, beta=1.182)
    >>> m
    SbgModel(alpha=0.704, beta=1.182)
    >>> round(m.discounted_expected_lifetime(discount_rate=0.1), 3)
    3.695
    """

    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, alpha: float, beta: float) -> SbgModel: ...
    def params(self) -> _List[float]:
        """The parameter values, in ``PARAMS`` order (``alpha``, ``beta``).

        Returns
        -------
        list of float
            ``[alpha, beta]``.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> m.params()
        [0.704, 1.182]
        """
    @staticmethod
    def from_params(*, params: Sequence[float]) -> SbgModel:
        """The model with these parameter values, in ``PARAMS`` order.

        Parameters
        ----------
        params : sequence of float
            ``[alpha, beta]``, each in [``MIN_PARAMETER``, ``MAX_PARAMETER``].

        Returns
        -------
        SbgModel

        Raises
        ------
        InvalidInputError
            The wrong number of values, or a value out of range.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> SbgModel.from_params(params=[0.704, 1.182])
        SbgModel(alpha=0.704, beta=1.182)
        """
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @overload
    def survival(self, t: int) -> float:
        """``S(t) = P(T > t)``, the share of a cohort still active after ``t`` renewals (``S(0) = 1``).

        Parameters
        ----------
        t : int or array-like of int
            Periods (renewal decisions), whole numbers >= 0.

        Returns
        -------
        float or numpy.ndarray
            A float for an int ``t``; a float64 array of ``t``'s shape for an array (computed in one pass).

        Raises
        ------
        InvalidInputError
            A negative ``t`` (``.row`` names it in an array).
        TypeError
            A ``t`` that is not whole numbers.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> round(m.survival(1), 3)
        0.627
        >>> m.survival([0, 1, 2]).round(3)
        array([1.   , 0.627, 0.474])
        """
    @overload
    def survival(self, t: Union[Sequence[int], npt.NDArray[Any]]) -> npt.NDArray[np.float64]: ...
    def survival_curve(self, *, periods: int) -> npt.NDArray[np.float64]:
        """``S(0), S(1), ..., S(periods)`` as a float64 array (``periods + 1`` values, one pass of the recursion).

        Parameters
        ----------
        periods : int
            The last period, a whole number in [0, ``MAX_PERIODS``].

        Returns
        -------
        numpy.ndarray
            float64, ``periods + 1`` survival probabilities.

        Raises
        ------
        InvalidInputError
            ``periods`` negative or above ``MAX_PERIODS``.
        TypeError
            ``periods`` is not an int.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> m.survival_curve(periods=3).round(3)
        array([1.   , 0.627, 0.474, 0.388])
        """
    @overload
    def retention(self, t: int) -> float:
        """The retention rate ``r_t = S(t) / S(t - 1)`` for ``t >= 1``: it rises with tenure (the sBG's sorting effect).

        Parameters
        ----------
        t : int or array-like of int
            Periods, whole numbers >= 1.

        Returns
        -------
        float or numpy.ndarray
            A float for an int ``t``; a float64 array of ``t``'s shape for an array (computed in one pass).

        Raises
        ------
        InvalidInputError
            A ``t`` below 1.
        TypeError
            A ``t`` that is not whole numbers.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> m.retention([1, 2, 3]).round(3)
        array([0.627, 0.756, 0.819])
        """
    @overload
    def retention(self, t: Union[Sequence[int], npt.NDArray[Any]]) -> npt.NDArray[np.float64]: ...
    @overload
    def churn_probability(self, t: int) -> float:
        """``P(T = t)``, the probability that a new customer churns at the ``t``-th renewal decision (``t >= 1``).

        Parameters
        ----------
        t : int or array-like of int
            Renewal decisions, whole numbers >= 1.

        Returns
        -------
        float or numpy.ndarray
            A float for an int ``t``; a float64 array of ``t``'s shape for an array (computed in one pass).

        Raises
        ------
        InvalidInputError
            A ``t`` below 1.
        TypeError
            A ``t`` that is not whole numbers.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> m.churn_probability([1, 2]).round(3)
        array([0.373, 0.153])
        """
    @overload
    def churn_probability(self, t: Union[Sequence[int], npt.NDArray[Any]]) -> npt.NDArray[np.float64]: ...
    def expected_lifetime(self) -> float:
        """The expected lifetime ``E[T] = (alpha + beta - 1) / (alpha - 1)``, in periods.

        Returns
        -------
        float
            Periods, counting the first.

        Raises
        ------
        DivergenceError
            ``alpha <= 1``: the expected lifetime is infinite (use :meth:`discounted_expected_lifetime`).

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> round(SbgModel(alpha=3.8, beta=15.8).expected_lifetime(), 3)
        6.643
        """
    def discounted_expected_lifetime(self, *, discount_rate: float) -> float:
        """DEL, the discounted expected lifetime ``sum_{t>=0} S(t) / (1 + d)^t`` of a new customer (Fader & Hardie 2010).

        Multiply by the margin per period to value a customer at acquisition.

        Parameters
        ----------
        discount_rate : float
            Cost of capital per period, >= 0 (> 0 when ``alpha <= 1``).

        Returns
        -------
        float
            Discounted periods.

        Raises
        ------
        InvalidInputError
            A negative or non-finite discount rate.
        DivergenceError
            The sum does not converge (no discount and ``alpha <= 1``).

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> round(m.discounted_expected_lifetime(discount_rate=0.1), 3)
        3.695
        """
    def discounted_expected_residual_lifetime(self, *, discount_rate: float, n: int) -> float:
        """DERL, the discounted expected residual lifetime of a customer about to make their ``n``-th renewal decision
        (Fader & Hardie 2010): the periods still to come, discounted, given ``n`` periods survived.

        Parameters
        ----------
        discount_rate : float
            Cost of capital per period, >= 0.
        n : int
            The renewal decision ahead, a whole number >= 1.

        Returns
        -------
        float
            Discounted periods; times the margin per period, the residual value of an existing customer.

        Raises
        ------
        InvalidInputError
            A negative discount rate or ``n < 1``.
        TypeError
            ``n`` is not an int.
        DivergenceError
            The sum does not converge.

        Examples
        --------
        Fader & Hardie (2010), Table 3: DERL at d = 10 % for n = 5.

        >>> from ltv.retention import SbgModel
        >>> round(SbgModel(alpha=1 / 15, beta=4 / 15).discounted_expected_residual_lifetime(discount_rate=0.10, n=5), 2)
        10.19
        """
    def log_likelihood(self, *, cohorts: Sequence[Union[Sequence[int], npt.NDArray[Any]]]) -> float:
        """The log-likelihood of cohorts' survival counts under this model.

        Parameters
        ----------
        cohorts : sequence of sequences of int
            Each cohort's surviving customers at the start of periods 0, 1, ... (non-increasing).

        Returns
        -------
        float
            The log-likelihood (natural log).

        Raises
        ------
        InvalidInputError
            A negative or rising count (``cohort i`` named).
        TypeError
            Counts that are not whole numbers.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> round(m.log_likelihood(cohorts=[[1000, 631, 468, 382, 326, 289, 262, 241]]), 2)
        -1680.27
        """
    def to_json(self) -> str:
        """The model as a JSON model file (one line), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            ``{"model": "sbg", "format_version": 1, "alpha": ..., "beta": ...}``.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> m.to_json()
        '{"model":"sbg","format_version":1,"alpha":0.704,"beta":1.182}'
        """
    @staticmethod
    def from_json(text: str) -> SbgModel:
        """Reads a model from a JSON model file (with or without a ``"fit"`` object).

        Parameters
        ----------
        text : str or bytes
            The file's contents.

        Returns
        -------
        SbgModel

        Raises
        ------
        InvalidInputError
            Another model or format version, a missing or unknown key, or a parameter out of range.

        Examples
        --------
        >>> from ltv.retention import SbgModel
        >>> m = SbgModel(alpha=0.704, beta=1.182)
        >>> SbgModel.from_json(m.to_json()) == m
        True
        """
    def _repr_html_(self) -> str: ...

@final
class SbgFit:
    """A maximum-likelihood fit of the sBG model to cohort survival counts (:meth:`fit`, :meth:`fit_cohorts`).

    ``repr()`` shows the estimates and the fit's figures; ``summary()`` is a table of estimates, standard errors
    and 95 % intervals; ``_repr_html_()`` renders that table in a notebook.

    Attributes
    ----------
    model : SbgModel
        The fitted model.
    alpha, beta : float
        The estimates.
    std_err_alpha, std_err_beta : float or None
        Their standard errors (from the observed information), ``None`` where not available.
    log_likelihood : float
        The maximised log-likelihood.
    n_customers, n_cohorts, iterations : int
        The data and the optimizer's iterations.
    converged : bool
        Whether the optimizer converged.

    Examples
    --------
    >>> from ltv.retention import SbgFit
    >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
    >>> round(fit.alpha, 3), round(fit.beta, 3), fit.converged
    (0.704, 1.182, True)
    """

    @staticmethod
    def fit(*, surviving: Union[Sequence[int], npt.NDArray[Any]]) -> SbgFit:
        """Fits one cohort by maximum likelihood: ``surviving[t]`` customers still subscribed at the start of period
        ``t`` (``surviving[0]`` = the cohort size).

        Parameters
        ----------
        surviving : sequence of int or array
            Non-increasing counts, at least two periods.

        Returns
        -------
        SbgFit
            ``.alpha``, ``.beta``, their standard errors, ``.log_likelihood``, ``.converged``; ``summary()`` tabulates them.

        Raises
        ------
        InvalidInputError
            A negative or rising count, or too few periods (``.field`` names it).
        TypeError
            Counts that are not whole numbers.

        Examples
        --------
        Fader & Hardie (2007), "regular" customers:

        >>> from ltv.retention import SbgFit
        >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
        >>> round(fit.alpha, 3), round(fit.beta, 3), fit.converged
        (0.704, 1.182, True)
        """
    @staticmethod
    def fit_cohorts(*, cohorts: Sequence[Union[Sequence[int], npt.NDArray[Any]]]) -> SbgFit:
        """Fits several cohorts sharing ``alpha`` and ``beta``, each observed for its own number of periods.

        Parameters
        ----------
        cohorts : sequence of sequences of int
            Each cohort's surviving customers at the start of periods 0, 1, ... (non-increasing).

        Returns
        -------
        SbgFit
            The pooled fit (``.n_cohorts``, ``.n_customers`` over all cohorts).

        Raises
        ------
        InvalidInputError
            A negative or rising count (``cohort i`` named), or no data to fit.
        TypeError
            Counts that are not whole numbers.

        Examples
        --------
        >>> from ltv.retention import SbgFit
        >>> fit = SbgFit.fit_cohorts(cohorts=[[1000, 631, 468, 382, 326, 289, 262, 241], [500, 300, 220]])
        >>> fit.n_cohorts, fit.n_customers, fit.converged
        (2, 1500, True)
        """
    @property
    def model(self) -> SbgModel: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def std_err_alpha(self) -> Optional[float]: ...
    @property
    def std_err_beta(self) -> Optional[float]: ...
    @property
    def std_err(self) -> _List[Optional[float]]: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def n_cohorts(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any:
        """The estimates as a table: one row per parameter (``alpha``, ``beta``).

        Returns
        -------
        pandas.DataFrame
            Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
            1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).

        Examples
        --------
        >>> from ltv.retention import SbgFit
        >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
        >>> table = fit.summary()
        >>> list(table.columns)
        ['estimate', 'std_err', 'lower_95', 'upper_95']
        >>> round(float(table.loc["alpha", "estimate"]), 3)
        0.704
        """
    def _repr_html_(self) -> str: ...
    def to_json(self) -> str:
        """The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood, standard errors,
        counts), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.retention import SbgFit
        >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
        >>> fit.to_json().startswith('{"model":"sbg"')
        True
        """
    @staticmethod
    def from_json(text: str) -> SbgFit:
        """Reads a fit from a JSON model file (the ``"fit"`` object is required).

        Parameters
        ----------
        text : str or bytes
            The file's contents.

        Returns
        -------
        SbgFit

        Raises
        ------
        InvalidInputError
            Another model or format version, no ``"fit"`` object, a missing or unknown key.

        Examples
        --------
        >>> from ltv.retention import SbgFit
        >>> fit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
        >>> SbgFit.from_json(fit.to_json()) == fit
        True
        """

@final
class CohortLtv:
    @property
    def cohort_size(self) -> int: ...
    @property
    def ages_observed(self) -> int: ...
    @property
    def observed_value(self) -> float: ...
    @property
    def projected_value(self) -> float: ...
    @property
    def ltv_per_customer(self) -> float: ...
    @property
    def model(self) -> SbgModel: ...
    @property
    def fit(self) -> Optional[SbgFit]: ...
    @property
    def growth_rate(self) -> float: ...
    @property
    def margin_per_active(self) -> float: ...
    def _repr_html_(self) -> str: ...
    def projection(self) -> dict[str, npt.NDArray[Any]]: ...

def _cohort_ltv(
    *,
    surviving_customers: Any,
    active_customers: Any,
    revenue: Any,
    gross_margin: float,
    discount_rate: float,
    horizon: Optional[int] = None,
    growth: Union[None, str, float] = None,
    model: Union[SbgModel, SbgFit, None] = None,
) -> CohortLtv: ...
def _cohort_ltv_table(
    *,
    cohort: Sequence[Any],
    age: Any,
    surviving_customers: Any,
    active_customers: Any,
    revenue: Any,
    gross_margin: float,
    discount_rate: float,
    horizon: Optional[int] = None,
    growth: Union[None, str, float] = None,
    model: Union[SbgModel, SbgFit, str, None] = None,
) -> _Tuple[_List[Any], _List[CohortLtv]]: ...
# --- cohort ---

__all__ += ["_CohortResult", "_cohort_analyse", "_cohort_parse_periods", "_cohort_days_to_periods", "_cohort_period_starts"]

_Int64 = npt.NDArray[np.int64]

@final
class _CohortResult:
    @property
    def unit(self) -> _PeriodUnit: ...
    @property
    def customers(self) -> int: ...
    @property
    def never_paying_customers(self) -> int: ...
    @property
    def period_range(self) -> tuple[int, int]: ...
    def table(self) -> dict[str, Any]: ...
    def movements(self) -> dict[str, Any]: ...
    def realised_value(self, gross_margin: float) -> dict[str, Any]: ...
    def realised_ltv(self, gross_margin: float, periods: int) -> dict[str, Any]: ...
    def payback(
        self,
        gross_margin: float,
        cac: Optional[float],
        cac_cohorts: Optional[_Int64] = None,
        cac_values: Optional[_Col] = None,
    ) -> dict[str, Any]: ...

def _cohort_analyse(customers: _Int64, periods: _Int64, revenue: _Col, unit: _PeriodUnit) -> _CohortResult: ...
def _cohort_parse_periods(values: list[str], unit: _PeriodUnit, rows: Optional[list[int]] = None) -> _Int64: ...
def _cohort_days_to_periods(days: _Int64, unit: _PeriodUnit) -> _Int64: ...
def _cohort_period_starts(periods: _Int64, unit: _PeriodUnit) -> _Int64: ...
# --- billing ---

__all__ += ["_billing_normalise", "_billing_allocate", "MAX_SERVICE_DAYS"]

MAX_SERVICE_DAYS: int

def _billing_allocate(units: int, weights: list[int]) -> list[int]: ...

def _billing_normalise(
    line_ids: list[str],
    customers: npt.NDArray[np.uint32],
    currency_codes: npt.NDArray[np.uint32],
    currencies: list[str],
    starts: _Int64,
    ends: _Int64,
    kind_codes: npt.NDArray[np.uint32],
    kinds: list[str],
    *,
    amounts: Optional[npt.NDArray[np.float64]] = None,
    amount_text: Optional[list[Optional[str]]] = None,
    plan_codes: Optional[_Int64] = None,
    plans: list[str] = ...,
    quantity: Optional[npt.NDArray[np.float64]] = None,
    discount: Optional[npt.NDArray[np.float64]] = None,
    credits: Optional[list[Optional[str]]] = None,
    issued: Optional[_Int64] = None,
    rate_currencies: list[str] = ...,
    rate_days: Optional[_Int64] = None,
    rate_values: list[str] = ...,
    day_count: _Literal["actual_days", "thirty_360", "whole_months"],
    credit_applies_to: _Literal["service_period", "issue_month"],
    rate_date: _Literal["invoice_date", "service_start"],
    reporting_currency: Optional[str] = None,
    decimal_places: int = 2,
) -> dict[str, Any]: ...
# --- scorer ---

__all__ += ["_LeadScorer", "_scorer_disable_parallelism", "_scorer_holdout_mask", "_scorer_auc"]


@final
class _LeadScorer:
    @staticmethod
    def fit(
        numeric_names: _List[str],
        numeric: _List[_Col],
        categorical_names: _List[str],
        codes: _List[_Codes],
        categories: _List[_List[str]],
        target_name: str,
        target: _Col,
        sample_weight: _Optional[_Col],
        c: float,
        standardize: bool,
        tolerance: float,
        max_iterations: int,
    ) -> _LeadScorer: ...
    def predict_proba(
        self, numeric_names: _List[str], numeric: _List[_Col], categorical_names: _List[str], codes: _List[_Codes]
    ) -> _Col: ...
    def decision_function(
        self, numeric_names: _List[str], numeric: _List[_Col], categorical_names: _List[str], codes: _List[_Codes]
    ) -> _Col: ...
    def lead_values(
        self,
        numeric_names: _List[str],
        numeric: _List[_Col],
        categorical_names: _List[str],
        codes: _List[_Codes],
        customer_ltv: _Col,
    ) -> _Col: ...
    def evaluate(
        self,
        numeric_names: _List[str],
        numeric: _List[_Col],
        categorical_names: _List[str],
        codes: _List[_Codes],
        target: _Col,
        bins: int,
    ) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> _LeadScorer: ...
    @property
    def target(self) -> str: ...
    @property
    def numeric_features(self) -> _List[_Tuple[str, float, float]]: ...
    @property
    def categorical_features(self) -> _List[_Tuple[str, _List[str]]]: ...
    @property
    def feature_names(self) -> _List[str]: ...
    @property
    def coefficient_names(self) -> _List[str]: ...
    @property
    def coefficients(self) -> _Col: ...
    @property
    def intercept(self) -> float: ...
    @property
    def c(self) -> float: ...
    @property
    def standardized(self) -> bool: ...
    @property
    def training(self) -> dict[str, Any]: ...

def _scorer_disable_parallelism() -> None: ...
def _scorer_holdout_mask(n_rows: int, test_fraction: float, seed: int) -> npt.NDArray[np.bool_]: ...
def _scorer_auc(scores: _Col, target: _Col) -> float: ...

# --- purchase and spend models (ltv.purchase) ---

__all__ += ["BgNbdModel", "BgNbdFit", "MbgNbdModel", "MbgNbdFit", "GammaGammaModel", "GammaGammaFit", "_customer_value", "_covariance"]
__all__ += [
    "PURCHASE_MIN_PARAMETER",
    "PURCHASE_MAX_PARAMETER",
    "MAX_PURCHASE_COUNT",
    "MAX_FIT_ITERATIONS",
    "MAX_SIMULATED_CUSTOMERS",
    "MAX_SIMULATED_PURCHASES",
    "MAX_VALUE_MONTHS",
    "SPEND_MIN_PARAMETER",
    "SPEND_MAX_PARAMETER",
]

@final
class BgNbdModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, a: float, b: float) -> BgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def r(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def a(self) -> float: ...
    @property
    def b(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgNbdModel: ...

@final
class BgNbdFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        age: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> BgNbdFit: ...
    @property
    def model(self) -> BgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgNbdFit: ...

@final
class MbgNbdModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, a: float, b: float) -> MbgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def r(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def a(self) -> float: ...
    @property
    def b(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> MbgNbdModel: ...

@final
class MbgNbdFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        age: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> MbgNbdFit: ...
    @property
    def model(self) -> MbgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> MbgNbdFit: ...

@final
class GammaGammaModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, p: float, q: float, gamma: float) -> GammaGammaModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def p(self) -> float: ...
    @property
    def q(self) -> float: ...
    @property
    def gamma(self) -> float: ...
    def conditional_expected_spend(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def mean_spend(self) -> float: ...
    def spend_variance(self) -> float: ...
    def simulate(self, *, frequency: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> GammaGammaModel: ...

@final
class GammaGammaFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        monetary_value: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        q_at_least_one: bool = False,
    ) -> GammaGammaFit: ...
    @property
    def model(self) -> GammaGammaModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def conditional_expected_spend(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def mean_spend(self) -> float: ...
    def spend_variance(self) -> float: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> GammaGammaFit: ...

def _covariance(
    model: Union[BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit],
    data: Any = None,
    *,
    frequency: Any = None,
    recency: Any = None,
    age: Any = None,
    weight: Any = None,
    penalty: float = 0.0,
) -> _Col: ...
def _customer_value(
    model: Union[BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit],
    frequency: _Col,
    recency: _Col,
    age: _Col,
    spend: _Col,
    horizon_months: int,
    time_unit: str,
    discount_rate: float,
    rate_period: str,
    margin: float,
    convention: str,
) -> _Col: ...

PURCHASE_MIN_PARAMETER: float
PURCHASE_MAX_PARAMETER: float
MAX_PURCHASE_COUNT: int
MAX_FIT_ITERATIONS: int
MAX_SIMULATED_CUSTOMERS: int
MAX_SIMULATED_PURCHASES: int
MAX_VALUE_MONTHS: int
SPEND_MIN_PARAMETER: float
SPEND_MAX_PARAMETER: float

# --- Pareto/NBD and BG/BB (ltv.purchase) ---

__all__ += ["ParetoNbdModel", "ParetoNbdFit", "BgBbModel", "BgBbFit", "MAX_OPPORTUNITIES"]

@final
class ParetoNbdModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, s: float, beta: float) -> ParetoNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def r(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def s(self) -> float: ...
    @property
    def beta(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> ParetoNbdModel: ...
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]: ...

@final
class ParetoNbdFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        age: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> ParetoNbdFit: ...
    @property
    def model(self) -> ParetoNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> ParetoNbdFit: ...

@final
class BgBbModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, alpha: float, beta: float, gamma: float, delta: float) -> BgBbModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @property
    def gamma(self) -> float: ...
    @property
    def delta(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def conditional_expected_transactions(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def expected_transactions(self, *, t: Any) -> Any: ...
    def probability_of_transactions(self, *, n: Any, t: Any) -> Any: ...
    def conditional_probability_of_transactions(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_of_no_transaction(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def simulate(self, *, periods: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgBbModel: ...

@final
class BgBbFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        periods: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> BgBbFit: ...
    @property
    def model(self) -> BgBbModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def conditional_expected_transactions(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def expected_transactions(self, *, t: Any) -> Any: ...
    def probability_of_transactions(self, *, n: Any, t: Any) -> Any: ...
    def conditional_probability_of_transactions(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_of_no_transaction(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgBbFit: ...

MAX_OPPORTUNITIES: float
# --- rfm (ltv.purchase._rfm) ---

__all__ += ["_rfm_summary", "_rfm_calibration_holdout"]

_TimeUnit = _Literal["day", "week", "month", "hour"]
_Recency = _Literal["since_first", "since_last"]

def _rfm_summary(
    customer: npt.NDArray[np.int64],
    time: npt.NDArray[np.int64],
    value: Optional[_Col],
    time_base: str,
    unit: _TimeUnit,
    unit_multiple: int,
    fractional: bool,
    recency: _Recency,
    observation_end: Optional[int],
) -> dict[str, Any]: ...
def _rfm_calibration_holdout(
    customer: npt.NDArray[np.int64],
    time: npt.NDArray[np.int64],
    value: Optional[_Col],
    time_base: str,
    calibration_end: int,
    observation_end: int,
    unit: _TimeUnit,
    unit_multiple: int,
    fractional: bool,
    recency: _Recency,
) -> dict[str, Any]: ...
# --- attribution (ltv.attribution) ---

__all__ += ["_attribution"]

def _attribution(
    channels: list[str],
    journeys: Optional[list[str]],
    n_journeys: int,
    tp_journey: npt.NDArray[np.int64],
    tp_time: npt.NDArray[np.float64],
    tp_channel: npt.NDArray[np.int64],
    tp_cost: Optional[npt.NDArray[np.float64]],
    tp_cost_text: Optional[list[str]],
    out_journey: npt.NDArray[np.int64],
    out_converted: npt.NDArray[np.float64],
    out_value: npt.NDArray[np.float64],
    out_value_text: Optional[list[str]],
    out_conversion_time: Optional[npt.NDArray[np.float64]],
    cost_channel: list[int],
    cost_value: list[str],
    models: list[str],
    direct_channel: str,
    half_life_days: float,
    first_share: str,
    last_share: str,
    decimals: int,
    per_journey: bool,
    as_decimal: bool,
) -> dict[str, Any]: ...

# --- account health (ltv.health) ---

__all__ += [
    "_health_features",
    "_health_hazard",
    "_health_lift",
    "_health_risk_ltv",
    "_health_value_at_risk",
    "_health_synthetic",
]

def _health_features(
    account: _Int64,
    period: _Int64,
    revenue: _Col,
    metric_names: list[str],
    metrics: list[_Col],
    churned: npt.NDArray[np.bool_],
    horizon: int,
    window: int,
) -> tuple[list[str], list[_Col], _Col, npt.NDArray[np.bool_]]: ...
def _health_hazard(probability: _Col, horizon: int) -> _Col: ...
def _health_lift(values: _Col, label: _Col, edges: list[float], reference: int, z: float) -> list[dict[str, Any]]: ...
def _health_risk_ltv(
    revenue: _Col,
    hazard: _Col,
    margin: float,
    discount_rate: float,
    baseline_hazard: Optional[float],
    half_life: Optional[float],
) -> tuple[_Col, _Col]: ...
def _health_value_at_risk(
    revenue: _Col,
    probability: _Col,
    hazard: _Col,
    edges: list[float],
    reduction: float,
    margin: float,
    discount_rate: float,
    baseline_hazard: Optional[float],
    half_life: Optional[float],
) -> list[dict[str, Any]]: ...
def _health_synthetic(accounts: int, periods: int, seed: int) -> dict[str, Any]: ...

__all__ += ["_bg_bb_covariance", "_gamma_gamma_covariance"]

def _bg_bb_covariance(
    model: Union[BgBbModel, BgBbFit],
    data: Any = None,
    *,
    frequency: Any = None,
    recency: Any = None,
    periods: Any = None,
    weight: Any = None,
    penalty: float = 0.0,
) -> _Col: ...
def _gamma_gamma_covariance(
    model: Union[GammaGammaModel, GammaGammaFit],
    data: Any = None,
    *,
    frequency: Any = None,
    monetary_value: Any = None,
    weight: Any = None,
    penalty: float = 0.0,
) -> _Col: ...

__all__ += ["_gamma_density", "_beta_density", "_gamma_quantile", "_beta_quantile"]

def _gamma_density(x: Sequence[float] | _Col, *, shape: float, rate: float) -> _Col: ...
def _beta_density(x: Sequence[float] | _Col, *, a: float, b: float) -> _Col: ...
def _gamma_quantile(q: float, *, shape: float, rate: float) -> float: ...
def _beta_quantile(q: float, *, a: float, b: float) -> float: ...
