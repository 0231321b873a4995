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
    """Base class of every ltv error; a ValueError.

    Every error that an input cannot be valued (a value out of range, a churn of zero, a sum that diverges,
    NaN, an overflow, an undefined ratio) is one of its subclasses, so ``except ltv.LtvError`` catches them all
    (and ``except ValueError`` too). ``.field`` names the parameter or column at fault, ``.value`` its value as
    written (or ``None``), ``.kind`` the error kind (``"invalid_input"``, ``"zero_churn"``, ...), ``.row`` the
    row of a column input (or ``None``) and ``.label`` that row's pandas index label (or ``None``).

    Examples
    --------
    >>> import ltv
    >>> try:
    ...     ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=0)
    ... except ltv.LtvError as err:
    ...     print(type(err).__name__, err.field, err.kind, isinstance(err, ValueError))
    ZeroChurnError monthly_churn zero_churn True
    """

    field: str
    value: Optional[str]
    kind: str
    row: Optional[int]
    label: Any
    """The pandas index label of ``row`` when the input was a pandas object, else ``None``."""

class InvalidInputError(LtvError):
    """A value outside the range its field allows; an LtvError (and a ValueError).

    Raised for a parameter out of range (a gross margin above 1, a negative amount, a churn above 1; a
    percentage typed as a whole number, 80 for 80 %, gets a "did you mean 0.8?" hint), an option string that is
    not one of its choices, columns of different lengths, an unparseable period or date, a missing value or label
    in a column, and an unreadable model file. ``.field`` and ``.value`` name the input, ``.row`` its row in a
    column. :class:`ltv.MissingColumnError` (a column not in the frame) is a subclass.

    Examples
    --------
    >>> import ltv
    >>> ltv.saas_ltv(arpu=100, gross_margin=1.5, monthly_churn=0.03)
    Traceback (most recent call last):
    ...
    ltv.InvalidInputError: gross_margin = 1.5 is out of range: expected a fraction in [0, 1]; did you mean 0.015?
    """

class ZeroChurnError(LtvError):
    """Churn of zero: the undiscounted lifetime is infinite; an LtvError (and a ValueError).

    Raised by the formulas that divide by churn (:func:`ltv.saas_ltv`, :func:`ltv.lifespan_from_churn`, ...)
    when the churn rate is exactly 0: the expected lifetime ``1 / churn`` and so the undiscounted LTV are
    unbounded. Value such customers with a discount rate (:func:`ltv.discounted_ltv`) or a finite horizon
    (``horizon_months``). ``.field`` names the churn parameter, ``.kind`` is ``"zero_churn"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=0)
    Traceback (most recent call last):
    ...
    ltv.ZeroChurnError: monthly_churn = 0: with zero churn the expected lifetime is infinite ...
    """

class NegativeNetChurnError(LtvError):
    """Net revenue churn <= 0 in a formula that divides by it; an LtvError (and a ValueError).

    Raised with ``churn_basis="net_revenue"`` when the net revenue churn is negative (expansion outweighs churn):
    ``ARPU x margin / churn`` would be negative. Value the customers with :func:`ltv.discounted_ltv` and a
    horizon, or with a cohort LTV (:func:`ltv.cohort_ltv`). ``.field`` and ``.value`` name the churn,
    ``.kind`` is ``"negative_net_churn"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=-0.01, churn_basis="net_revenue")
    Traceback (most recent call last):
    ...
    ltv.NegativeNetChurnError: monthly_churn = -0.01 is net negative churn (expansion outweighs churn): ...
    """

class DivergenceError(LtvError):
    """A discounted sum that diverges without a horizon; an LtvError (and a ValueError).

    Raised when a value has no finite limit: a discounted LTV whose retention per period is at least
    ``1 + discount rate`` and no ``horizon_months`` (:func:`ltv.discounted_ltv`), a cohort LTV whose margin grows
    at or above the discount rate and no ``horizon`` (:func:`ltv.cohort_ltv`), the sBG model's undiscounted
    expected lifetime with ``alpha <= 1`` (:meth:`ltv.SbgModel.expected_lifetime`), a series that does not
    converge, or a Gamma-Gamma mean spend that is infinite. A finite horizon or a larger discount rate values it.

    Examples
    --------
    >>> import ltv
    >>> ltv.discounted_ltv(monthly_margin=80, monthly_churn=-0.01, churn_basis="net_revenue",
    ...                    monthly_discount_rate=0.005)
    Traceback (most recent call last):
    ...
    ltv.DivergenceError: monthly_churn = -0.01 makes the discounted sum diverge (retention >= 1 + discount rate); ...
    """

class NotFiniteError(LtvError):
    """NaN or an infinity where a number is needed; an LtvError (and a ValueError).

    Raised for a float input (or a column value) that is NaN, ``inf`` or ``-inf``; ``.field`` names it,
    ``.value`` is ``"NaN"``, ``"inf"`` or ``"-inf"`` and, in a column, ``.row`` is its row. Missing values are
    never read as 0 or dropped silently.

    Examples
    --------
    >>> import ltv
    >>> ltv.saas_ltv(arpu=float("nan"), gross_margin=0.8, monthly_churn=0.03)
    Traceback (most recent call last):
    ...
    ltv.NotFiniteError: arpu = NaN is not a finite number
    """

class LtvOverflowError(LtvError):
    """A result outside the range of the number type; an LtvError (and a ValueError).

    Raised when a result or an intermediate step exceeds the range of ``decimal.Decimal`` as the exact formulas
    use it (about 7.9e28) or of float64, or a count of customers overflows; check the inputs' scale (cents
    where dollars were meant, a churn of 1e-27). ``.field`` names the quantity being computed, ``.kind`` is
    ``"overflow"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.saas_ltv(arpu=10**27, gross_margin=1, monthly_churn=1e-27)
    Traceback (most recent call last):
    ...
    ltv.LtvOverflowError: saas_ltv: the result overflows the number range (about 7.9e28 for Decimal); check the input's scale
    """

class UndefinedError(LtvError):
    """A quantity that is undefined for these inputs; an LtvError (and a ValueError).

    Raised for a ratio whose denominator is 0 (a churn rate of a period that started with no customers, a
    revenue retention with no starting MRR, a quick ratio with nothing lost) and for a likelihood with no finite
    maximum. ``.field`` names the quantity, ``.kind`` is ``"undefined"``.

    Examples
    --------
    >>> import ltv
    >>> ltv.logo_churn_rate(customers_at_start=0, customers_lost=0)
    Traceback (most recent call last):
    ...
    ltv.UndefinedError: logo_churn_rate is undefined: customers_at_start is 0
    """

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
    """A cohort's value per acquired customer: observed margin to date plus the sBG-projected tail.

    The result of :func:`ltv.cohort_ltv` (and, per cohort, of :func:`ltv.retention.cohort_ltv_frame`): the
    discounted margin the cohort has earned per acquired customer over its observed ages, plus the discounted
    margin the shifted-beta-geometric model (Fader & Hardie 2007, 2010) projects for its surviving customers.
    Values are in the currency of the revenue, per customer acquired at age 0. Immutable; equal when every
    field is equal. ``repr()`` lists the value, its parts and the model; ``_repr_html_()`` is a table for
    notebooks; :meth:`projection` gives the value age by age.

    Attributes
    ----------
    ltv_per_customer : float
        ``observed_value + projected_value``, per acquired customer.
    observed_value, projected_value : float
        The discounted margin per acquired customer to date (observed ages) and beyond (projected).
    cohort_size, ages_observed : int
        The customers at age 0 and the number of observed ages.
    model : SbgModel
        The retention model that projected the tail.
    fit : SbgFit or None
        The fit on this cohort alone, ``None`` when a model was given.
    growth_rate, margin_per_active : float
        The growth per period of the margin per active customer in the tail, and that margin at the last
        observed age.

    Examples
    --------
    >>> import ltv
    >>> surviving = [1000, 550, 400, 340, 305, 285, 270]
    >>> result = ltv.cohort_ltv(surviving_customers=surviving, active_customers=surviving,
    ...                         revenue=[100.0 * s for s in surviving], gross_margin=0.8, discount_rate=0.01)
    >>> round(result.observed_value, 2), round(result.projected_value, 2), round(result.ltv_per_customer, 2)
    (246.82, 753.13, 999.96)
    >>> result.cohort_size, result.ages_observed, round(result.margin_per_active, 2)
    (1000, 7, 80.0)
    """

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
    def projection(self) -> dict[str, npt.NDArray[Any]]:
        """The value age by age, observed ages first, then the projected ones.

        Each age's ``margin`` is the cohort's: ``gross_margin x revenue`` at an observed age, the sBG-expected
        paying customers x the latest margin per active customer (grown by ``growth_rate``) at a projected one;
        it is discounted to age 0 at the discount rate per period (payments at the start of each period, age 0
        undiscounted). ``cumulative_value`` is the running sum of the
        discounted margin per acquired customer. With a ``horizon`` the rows are its ages and the last
        ``cumulative_value`` is :attr:`ltv_per_customer`; without one they stop after as many projected ages
        as observed ones (at least 12), while :attr:`projected_value` covers the whole tail.

        Returns
        -------
        dict of str to numpy.ndarray
            Equal-length arrays: ``age`` (int), ``observed`` (bool: an observed age), ``customers`` (paying
            customers, expected where projected), ``margin`` (the cohort's margin at that age, in the revenue's
            currency), ``discounted_margin`` (the same, discounted to age 0) and ``cumulative_value`` (per
            acquired customer).

        Examples
        --------
        >>> import ltv
        >>> surviving = [1000, 550, 400, 340, 305, 285, 270]
        >>> result = ltv.cohort_ltv(surviving_customers=surviving, active_customers=surviving,
        ...                         revenue=[100.0 * s for s in surviving], gross_margin=0.8, discount_rate=0.01,
        ...                         horizon=9)
        >>> rows = result.projection()
        >>> rows["age"].tolist(), int(rows["observed"].sum())
        ([0, 1, 2, 3, 4, 5, 6, 7, 8], 7)
        >>> [round(float(v), 2) for v in rows["cumulative_value"]]
        [80.0, 123.56, 154.93, 181.33, 204.78, 226.48, 246.82, 265.66, 283.26]
        >>> round(result.ltv_per_customer, 2)
        283.26
        """

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

__all__ += ["_billing_normalise", "_billing_normalise_columns", "_billing_allocate", "MAX_SERVICE_DAYS"]

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
_Strings = tuple[_Int64, npt.NDArray[np.uint8], Optional[npt.NDArray[np.bool_]]]

def _billing_normalise_columns(
    line_ids: _Strings,
    customers: Union[npt.NDArray[np.uint32], _Strings],
    starts: _Int64,
    ends: _Int64,
    *,
    currency: Optional[_Strings] = None,
    kind: Optional[_Strings] = None,
    plan: Optional[_Strings] = None,
    credits: Optional[_Strings] = None,
    amounts: Optional[npt.NDArray[np.float64]] = None,
    amount_text: Optional[list[Optional[str]]] = None,
    quantity: Optional[npt.NDArray[np.float64]] = None,
    discount: Optional[npt.NDArray[np.float64]] = None,
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
    def covariance(self) -> _Col: ...
    def std_errors(self) -> _Col: ...
    def summary(self) -> dict[str, _List[Any]]: ...

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
    """The BG/NBD purchase model of Fader, Hardie & Lee (2005): who is still buying, and how much.

    While alive, a customer buys as a Poisson process of rate ``lambda``; after each repeat purchase they
    drop out (for good, unobserved) with probability ``p``. Across customers ``lambda ~ Gamma(r, alpha)``
    (shape ``r``, rate ``alpha``, so ``alpha`` is in the data's time unit) and ``p ~ Beta(a, b)``. A
    customer's history is ``frequency`` (repeat purchases ``x``), ``recency`` (the time of the last one
    since the first purchase, ``t_x``) and ``age`` (the time from the first purchase to the end of
    observation, ``T``), all in the time unit the parameters were fitted in.

    Formulas: P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way:
    An Alternative to the Pareto/NBD Model", *Marketing Science* 24(2), 275-284: the likelihood eq. (6)
    (in the log-sum-exp form of Hardie's note 027), ``P(X(t) = x)`` eq. (8), ``E[X(t)]`` eq. (9),
    ``P(alive)`` (appendix), the conditional expectation eq. (10); the DERT of Fader, Hardie & Lee (2005),
    "RFM and CLV", *JMR* 42(4), eq. (1), by quadrature. Each prediction takes a frame or keyword columns
    and returns a float, an array or a Series shaped like the input. Immutable; ``repr()`` shows the
    parameters, ``_repr_html_()`` a table; fit one with :meth:`BgNbdFit.fit`.

    Parameters
    ----------
    r : float
        The shape of the Gamma distribution of purchase rates (their mean is ``r / alpha`` per time unit).
    alpha : float
        The rate of that Gamma distribution, in the data's time unit.
    a, b : float
        The Beta distribution of the dropout probability after each repeat purchase (mean ``a / (a + b)``).

    Each parameter is in [``PURCHASE_MIN_PARAMETER``, ``PURCHASE_MAX_PARAMETER``] = [1e-8, 1e8].

    Raises
    ------
    InvalidInputError
        A parameter out of range or not finite (``.field`` names it).
    TypeError
        A parameter that is not a number.

    Examples
    --------
    FHL 2005's CDNOW estimates (weeks): their customer with ``x = 2``, ``t_x = 30.43``, ``T = 38.86``
    expects 1.226 purchases in the next 39 weeks (section 5).

    >>> from ltv.purchase import BgNbdModel
    >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
    >>> m
    BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
    >>> round(m.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
    1.226
    """
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, a: float, b: float) -> BgNbdModel: ...
    @property
    def params(self) -> dict[str, float]:
        """The parameters, ``{name: value}`` in ``PARAMS`` order."""
    @property
    def r(self) -> float:
        """The shape ``r`` of the Gamma distribution of purchase rates across customers."""
    @property
    def alpha(self) -> float:
        """The rate ``alpha`` of the Gamma distribution of purchase rates, in the data's time unit."""
    @property
    def a(self) -> float:
        """The ``a`` of the Beta distribution of dropout probabilities."""
    @property
    def b(self) -> float:
        """The ``b`` of the Beta distribution of dropout probabilities."""
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """Each customer's log-likelihood: the log of the density of their history ``(x, t_x, T)``.

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (6), in the log-sum-exp form of Hardie's note 027.
        A density in the purchase times, so it may be positive; summed (weighted) over customers it is what
        a fit maximises.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"customer_log_likelihood"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.customer_log_likelihood(frequency=2, recency=30.43, age=38.86), 6)
        -9.459691
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """``P(alive | x, t_x, T)``: the probability that each customer is still active at the end of
        observation.

        The BG/NBD: Fader, Hardie & Lee (2005), appendix.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
        [1.0, 0.727, 0.124]
        """
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | x, t_x, T]``: each customer's expected number of purchases in the next ``t`` (from the
        end of observation).

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (10).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        1.226
        """
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = n | x, t_x, T)``: the probability that each customer makes exactly ``n`` purchases in
        the next ``t``.

        The BG/NBD: ``P(alive)`` times eq. (8) of Fader, Hardie & Lee (2005) at the posterior parameters
        ``(r + x, alpha + T, a, b + x)``, plus ``1 - P(alive)`` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        n : int or array-like
            The number of purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.conditional_probability_of_purchases(n=[0, 1, 2], t=39, frequency=2, recency=30.43, age=38.86).round(4).tolist()
        [0.4454, 0.2393, 0.1442]
        """
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = 0 | x, t_x, T)``: the probability that each customer makes no purchase in the next
        ``t`` (gone, or still active and not buying).

        The BG/NBD's :meth:`conditional_probability_of_purchases` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_no_purchase"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.4454
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(alive at T + t | x, t_x, T)``: the probability that each customer is still active ``t``
        after the end of observation (``t = 0``: :meth:`probability_alive`).

        The BG/NBD: ``P(alive)`` times the posterior probability of surviving every purchase of the next ``t``
        (Fader, Hardie & Lee 2005).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The time after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive_at"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.probability_alive_at(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.5672
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT): each customer's future purchases, continuously
        discounted, ``E[integral from T to infinity of exp(-delta (t - T)) dY(t) | x, t_x, T]``.

        Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
        *Journal of Marketing Research* 42(4), 415-430, eq. (1).
        The BG/NBD's by adaptive Gauss-Kronrod quadrature of the conditional expectation, eq. (10) of Fader,
        Hardie & Lee (2005) (it has no closed form).
        Multiplied by the margin on a purchase it is the customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        discount_rate : float or array-like
            ``delta``, the continuous discount rate per time unit of the data (e.g. ``log(1.15) / 52`` a
            week for 15 % a year), in [1e-6, 1e9].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"discounted_expected_residual_transactions"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.
        DivergenceError
            The value cannot be computed to full precision for this rate and history.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.discounted_expected_residual_transactions(discount_rate=0.01, frequency=2, recency=30.43, age=38.86), 4)
        2.2615
        """
    def expected_purchases(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected number of repeat purchases of a new customer in ``(0, t]`` after their
        first purchase.

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (9).

        Parameters
        ----------
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A ``t`` that is negative, not finite or above 1e9 (``.row`` names it).
        TypeError
            A ``t`` that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.expected_purchases(t=[13, 26, 39]).round(4).tolist()
        [0.5336, 0.9013, 1.195]
        """
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` repeat purchases in
        ``(0, t]`` after their first purchase.

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (8).

        Parameters
        ----------
        n : int or array-like
            The number of repeat purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A fractional, negative or too large ``n``, a ``t`` out of range, or columns of different
            lengths.
        TypeError
            A value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.probability_of_purchases(n=[0, 1, 2], t=39).round(4).tolist()
        [0.5743, 0.1992, 0.0853]
        """
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]:
        """Draws synthetic customers from the model (seeded): one purchase history per entry of ``age``.

        Each customer's purchase rate, dropout and purchase times are drawn as the BG/NBD describes
        them; the result can be fitted directly (``BgNbdFit.fit(**data)``), e.g. to check that a fit
        recovers the parameters it was drawn from. The same ``seed`` gives the same customers.

        Parameters
        ----------
        age : float or array-like
            Each customer's observation time since their first purchase, in the model's time unit
            (``0 <= age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
        seed : int, default 0
            The seed of the random number generator, in ``0..=2**64 - 1``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"frequency": ..., "recency": ..., "age": ...}``, float64 arrays of one entry per customer.

        Raises
        ------
        InvalidInputError
            An ``age`` out of range, a negative or too large ``seed``, too many customers, or more than
            ``MAX_SIMULATED_PURCHASES`` purchases in all.
        TypeError
            An ``age`` that is not a number, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> data = m.simulate(age=[38.86] * 3, seed=7)
        >>> data["frequency"].tolist(), data["recency"].round(2).tolist(), data["age"].tolist()
        ([3.0, 0.0, 1.0], [30.93, 0.0, 8.79], [38.86, 38.86, 38.86])
        """
    def to_json(self) -> str:
        """The model as a JSON model file (one line): its tag, format version and parameters, which the
        Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.to_json()
        '{"model":"bg_nbd","format_version":1,"r":0.242595,"alpha":4.413602,"a":0.792922,"b":2.425907}'
        """
    @staticmethod
    def from_json(text: str) -> BgNbdModel:
        """Reads a model from a JSON model file (with or without a ``"fit"`` object).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        BgNbdModel

        Raises
        ------
        InvalidInputError
            Another model or format version, a missing or unknown key, or a parameter out of range.
        TypeError
            A ``text`` that is not a str.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> BgNbdModel.from_json(m.to_json()) == m
        True
        """
    def _repr_html_(self) -> str: ...
    def expected_purchases_if_alive(
        self, data: Any = None, *, t: Any, frequency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | alive now, x, T]``: each customer's expected number of purchases in the next ``t`` if
        they are alive at the end of observation.

        In this model the posterior of a live customer's purchase and dropout rates depends on the
        frequency and the age only, so ``conditional_expected_purchases`` is ``probability_alive`` times
        this (the example checks it), and customers who share ``(x, T)`` share it: ``customer_value``
        computes it once per distinct ``(x, T)``.

        Parameters
        ----------
        data : pandas or polars DataFrame, optional
            A frame with ``frequency`` and ``age`` columns (``T`` for ``age``; other columns are ignored),
            instead of the keyword columns.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
        frequency : float or array-like
            Repeat purchases ``x``, whole numbers in [0, 1e7].
        age : float or array-like
            Time from the first purchase to the end of observation ``T`` (``0 < age <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases_if_alive"``.

        Raises
        ------
        InvalidInputError
            A frequency, age or ``t`` out of range (``.row`` names the row), or columns of different
            lengths.
        TypeError
            A column that is not numbers, or a frame without a ``frequency`` or ``age`` column.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> live = m.expected_purchases_if_alive(t=39, frequency=[2, 2], age=38.86)
        >>> alive = m.probability_alive(frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> expected = m.conditional_expected_purchases(t=39, frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> bool(abs(alive * live - expected).max() < 1e-12)
        True
        """
    def simulate_transactions(self, *, age: Any, seed: int = 0) -> dict[str, npt.NDArray[Any]]:
        """Draws the customers of :meth:`simulate` (same ``age``, same ``seed``) as a transaction log: one row
        per purchase, the first purchase of each customer included, at time 0.

        Summarising the log gives :meth:`simulate`'s histories: frequency = rows - 1, recency = the last
        ``time``. Times are in the model's time unit since the customer's first purchase; a customer of age
        ``T`` observed up to a calendar end ``E`` made the first purchase at ``E - T``, so a row's calendar
        time is ``E - T + time`` (the example turns the log into dates for :func:`ltv.purchase.rfm_summary`).
        Add spend with :meth:`GammaGammaModel.simulate_transaction_values`.

        Parameters
        ----------
        age : float or array-like
            Each customer's observation time since their first purchase, in the model's time unit
            (``0 < age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
        seed : int, default 0
            The seed of the random number generator, in ``0..=2**64 - 1``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"customer": ..., "time": ...}``: the customer's position in ``age`` (int64) and the time
            since their first purchase (float64), one entry per purchase, customers in order.

        Raises
        ------
        InvalidInputError
            An ``age`` out of range (``.row`` names it), a negative or too large ``seed``, too many
            customers, or more than ``MAX_SIMULATED_PURCHASES`` purchases in all.
        TypeError
            An ``age`` that is not a number, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel
        >>> m = BgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> log = m.simulate_transactions(age=[38.86] * 3, seed=7)
        >>> log["customer"].tolist(), log["time"].round(2).tolist()
        ([0, 0, 0, 0, 1, 2, 2], [0.0, 1.62, 7.09, 30.93, 0.0, 0.0, 8.79])
        >>> import pandas as pd
        >>> days = pd.to_timedelta((38.86 - log["time"]) * 7, unit="D").round("D")
        >>> frame = pd.DataFrame({"customer": log["customer"], "date": pd.Timestamp("2025-12-31") - days})
        >>> from ltv.purchase import rfm_summary
        >>> s = rfm_summary(frame, customer="customer", unit="week", fractional=True, observation_end="2025-12-31")
        >>> s["frequency"].tolist(), s["recency"].round(1).tolist()
        ([3.0, 0.0, 1.0], [31.0, 0.0, 8.9])
        """

@final
class BgNbdFit:
    """A maximum-likelihood fit of the BG/NBD model (Fader, Hardie & Lee 2005) to purchase histories.

    Made by :meth:`fit` (or read by :meth:`from_json`). It has every prediction of its fitted
    :class:`BgNbdModel` (``fit.model``) and the estimates of ``r``, ``alpha``, ``a`` and ``b`` with their
    standard errors: ``repr()`` shows the estimates and the fit's figures, ``summary()`` is a table of
    estimates, standard errors and 95 % intervals, and ``_repr_html_()`` renders both in a notebook.

    Attributes
    ----------
    model : BgNbdModel
        The fitted model.
    params : dict of str to float
        The estimates, ``{"r": ..., "alpha": ..., "a": ..., "b": ...}``.
    std_err : dict of str to float or None
        Their standard errors (from the observed information), ``None`` where not available.
    log_likelihood : float
        The maximised (unpenalised) log-likelihood.
    n_customers, iterations : int
        The customers fitted (the sum of the weights) and the optimizer's iterations.
    converged : bool
        Whether the optimizer converged.

    Examples
    --------
    >>> from ltv.purchase import BgNbdFit
    >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
    ...                    weight=[600, 200, 150, 120, 80, 100])
    >>> fit.converged, fit.n_customers
    (True, 1250)
    >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
    1.204
    """
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
    ) -> BgNbdFit:
        """Fits the BG/NBD by maximum likelihood to customers' purchase histories.

        Maximises the summed (weighted) log-likelihood of the histories (``customer_log_likelihood``)
        by Newton's method from a moment-based start (Nelder-Mead steps when Newton stalls); the
        standard errors come from the observed information at the maximum.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer (or per group of customers sharing a history) with columns
            ``frequency``, ``recency`` and ``age`` (or ``T``), and optionally ``weight``; give either a
            frame or the keyword columns, not both.
        frequency : array-like, optional
            Repeat purchases ``x`` per row (whole numbers >= 0).
        recency : array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit (the
            unit of ``alpha`` and of every later prediction).
        weight : array-like, optional
            Customers per row (finite, >= 0, at least one positive); one each when omitted.
        penalty : float, default 0.0
            An L2 penalty ``c >= 0`` on the parameters (as lifetimes' ``penalizer_coef``): the fit
            maximises ``LL / N - c * sum(theta ** 2)``; 0 is plain maximum likelihood.
        start : sequence of float, optional
            Starting values of the parameters in ``PARAMS`` order, each in (0, 1e8]; a moment-based
            guess when omitted.
        max_iterations : int, default 200
            The most Newton steps (and Nelder-Mead steps when Newton stalls), in ``1..=MAX_FIT_ITERATIONS``
            (10,000).

        Returns
        -------
        BgNbdFit
            The estimates (``params``, ``std_err``, ``summary()``), the fit's figures (``log_likelihood``,
            ``n_customers``, ``iterations``, ``converged``) and every prediction of the fitted model.

        Raises
        ------
        InvalidInputError
            A bad history (``.field`` and ``.row`` name it), columns of different lengths, no positive
            weight, or an option out of range.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        UndefinedError
            The likelihood has no finite maximum in [1e-8, 1e8] (too few or too degenerate data).
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> fit.converged, fit.n_customers
        (True, 1250)
        >>> {k: round(v, 3) for k, v in fit.params.items()}
        {'r': 0.324, 'alpha': 4.317, 'a': 0.81, 'b': 2.122}
        """
    @property
    def model(self) -> BgNbdModel:
        """The fitted model."""
    @property
    def params(self) -> dict[str, float]:
        """The fitted parameters, ``{name: value}`` in ``PARAMS`` order."""
    @property
    def std_err(self) -> dict[str, Optional[float]]:
        """The standard errors, ``{name: value or None}`` (``None`` where the information gives none)."""
    @property
    def log_likelihood(self) -> float:
        """The maximised (unpenalised) total log-likelihood."""
    @property
    def n_customers(self) -> int:
        """Customers fitted (the sum of the weights, rounded)."""
    @property
    def iterations(self) -> int:
        """Optimizer iterations."""
    @property
    def converged(self) -> bool:
        """Whether the optimizer converged."""
    def summary(self) -> Any:
        """The estimates as a table: one row per parameter (``r``, ``alpha``, ``a``, ``b``).

        Returns
        -------
        pandas.DataFrame
            Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
            1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> table = fit.summary()
        >>> list(table.columns)
        ['estimate', 'std_err', 'lower_95', 'upper_95']
        >>> round(float(table.loc["r", "estimate"]), 3)
        0.324
        """
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """Each customer's log-likelihood: the log of the density of their history ``(x, t_x, T)``.

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (6), in the log-sum-exp form of Hardie's note 027.
        A density in the purchase times, so it may be positive; summed (weighted) over customers it is what
        a fit maximises.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"customer_log_likelihood"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.customer_log_likelihood(frequency=2, recency=30.43, age=38.86), 6)
        -9.319747
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """``P(alive | x, t_x, T)``: the probability that each customer is still active at the end of
        observation.

        The BG/NBD: Fader, Hardie & Lee (2005), appendix.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> fit.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
        [1.0, 0.699, 0.098]
        """
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | x, t_x, T]``: each customer's expected number of purchases in the next ``t`` (from the
        end of observation).

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (10).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        1.204
        """
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = n | x, t_x, T)``: the probability that each customer makes exactly ``n`` purchases in
        the next ``t``.

        The BG/NBD: ``P(alive)`` times eq. (8) of Fader, Hardie & Lee (2005) at the posterior parameters
        ``(r + x, alpha + T, a, b + x)``, plus ``1 - P(alive)`` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        n : int or array-like
            The number of purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> fit.conditional_probability_of_purchases(n=[0, 1, 2], t=39, frequency=2, recency=30.43, age=38.86).round(4).tolist()
        [0.4574, 0.2336, 0.1406]
        """
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = 0 | x, t_x, T)``: the probability that each customer makes no purchase in the next
        ``t`` (gone, or still active and not buying).

        The BG/NBD's :meth:`conditional_probability_of_purchases` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_no_purchase"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.4574
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(alive at T + t | x, t_x, T)``: the probability that each customer is still active ``t``
        after the end of observation (``t = 0``: :meth:`probability_alive`).

        The BG/NBD: ``P(alive)`` times the posterior probability of surviving every purchase of the next ``t``
        (Fader, Hardie & Lee 2005).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The time after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive_at"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.probability_alive_at(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.5314
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT): each customer's future purchases, continuously
        discounted, ``E[integral from T to infinity of exp(-delta (t - T)) dY(t) | x, t_x, T]``.

        Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
        *Journal of Marketing Research* 42(4), 415-430, eq. (1).
        The BG/NBD's by adaptive Gauss-Kronrod quadrature of the conditional expectation, eq. (10) of Fader,
        Hardie & Lee (2005) (it has no closed form).
        Multiplied by the margin on a purchase it is the customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        discount_rate : float or array-like
            ``delta``, the continuous discount rate per time unit of the data (e.g. ``log(1.15) / 52`` a
            week for 15 % a year), in [1e-6, 1e9].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"discounted_expected_residual_transactions"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.
        DivergenceError
            The value cannot be computed to full precision for this rate and history.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.discounted_expected_residual_transactions(discount_rate=0.01, frequency=2, recency=30.43, age=38.86), 4)
        2.1764
        """
    def expected_purchases(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected number of repeat purchases of a new customer in ``(0, t]`` after their
        first purchase.

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (9).

        Parameters
        ----------
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A ``t`` that is negative, not finite or above 1e9 (``.row`` names it).
        TypeError
            A ``t`` that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> fit.expected_purchases(t=[13, 26, 39]).round(4).tolist()
        [0.6922, 1.1436, 1.4951]
        """
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` repeat purchases in
        ``(0, t]`` after their first purchase.

        The BG/NBD: Fader, Hardie & Lee (2005), eq. (8).

        Parameters
        ----------
        n : int or array-like
            The number of repeat purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A fractional, negative or too large ``n``, a ``t`` out of range, or columns of different
            lengths.
        TypeError
            A value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> fit.probability_of_purchases(n=[0, 1, 2], t=39).round(4).tolist()
        [0.4739, 0.2454, 0.1052]
        """
    def to_json(self) -> str:
        """The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood,
        standard errors, counts), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> fit.to_json().startswith('{"model":"bg_nbd"')
        True
        """
    @staticmethod
    def from_json(text: str) -> BgNbdFit:
        """Reads a fit from a JSON model file (the ``"fit"`` object is required).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        BgNbdFit

        Raises
        ------
        InvalidInputError
            Another model or format version, no ``"fit"`` object, a missing or unknown key.
        TypeError
            A ``text`` that is not a str.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> BgNbdFit.from_json(fit.to_json()) == fit
        True
        """
    def _repr_html_(self) -> str: ...
    def expected_purchases_if_alive(
        self, data: Any = None, *, t: Any, frequency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | alive now, x, T]``: each customer's expected number of purchases in the next ``t`` if
        they are alive at the end of observation.

        In this model the posterior of a live customer's purchase and dropout rates depends on the
        frequency and the age only, so ``conditional_expected_purchases`` is ``probability_alive`` times
        this (the example checks it), and customers who share ``(x, T)`` share it: ``customer_value``
        computes it once per distinct ``(x, T)``.

        Parameters
        ----------
        data : pandas or polars DataFrame, optional
            A frame with ``frequency`` and ``age`` columns (``T`` for ``age``; other columns are ignored),
            instead of the keyword columns.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
        frequency : float or array-like
            Repeat purchases ``x``, whole numbers in [0, 1e7].
        age : float or array-like
            Time from the first purchase to the end of observation ``T`` (``0 < age <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases_if_alive"``.

        Raises
        ------
        InvalidInputError
            A frequency, age or ``t`` out of range (``.row`` names the row), or columns of different
            lengths.
        TypeError
            A column that is not numbers, or a frame without a ``frequency`` or ``age`` column.

        Examples
        --------
        >>> from ltv.purchase import BgNbdFit
        >>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                    weight=[600, 200, 150, 120, 80, 100])
        >>> live = fit.expected_purchases_if_alive(t=39, frequency=[2, 2], age=38.86)
        >>> alive = fit.probability_alive(frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> expected = fit.conditional_expected_purchases(t=39, frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> bool(abs(alive * live - expected).max() < 1e-12)
        True
        """

@final
class MbgNbdModel:
    """The MBG/NBD purchase model of Batislam, Denizel & Filiztekin (2007): the BG/NBD, where a customer
    who never repeated may have left too.

    While alive, a customer buys as a Poisson process of rate ``lambda``; right after the first purchase
    and after each repeat purchase they drop out (for good, unobserved) with probability ``p``. Across
    customers ``lambda ~ Gamma(r, alpha)`` (shape ``r``, rate ``alpha``, so ``alpha`` is in the data's
    time unit) and ``p ~ Beta(a, b)``. A customer's history is ``frequency`` (repeat purchases ``x``),
    ``recency`` (the time of the last one since the first purchase, ``t_x``) and ``age`` (the time from
    the first purchase to the end of observation, ``T``), all in the time unit the parameters were
    fitted in.

    Formulas: E. P. Batislam, M. Denizel and A. Filiztekin (2007), "Empirical validation and comparison
    of models for customer base analysis", *International Journal of Research in Marketing* 24(3),
    201-209: the likelihood (eq. (2) of their MBG/NBD section: BG/NBD's with ``B(a, b + x + 1)`` and
    ``B(a + 1, b + x)``), ``P(alive) = 1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x))``,
    ``E[X(t)] = b / (a + b) E_BG[X(t); r, alpha, a, b + 1]`` and the conditional expectation
    ``P(alive) E_BG[X(t); r + x, alpha + T, a, b + x + 1]`` (BG/NBD's, Fader, Hardie & Lee 2005); the
    DERT of Fader, Hardie & Lee (2005), "RFM and CLV", *JMR* 42(4), eq. (1), by quadrature. Each
    prediction takes a frame or keyword columns and returns a float, an array or a Series shaped like
    the input. Immutable; ``repr()`` shows the parameters, ``_repr_html_()`` a table; fit one with
    :meth:`MbgNbdFit.fit`.

    Parameters
    ----------
    r : float
        The shape of the Gamma distribution of purchase rates (their mean is ``r / alpha`` per time unit).
    alpha : float
        The rate of that Gamma distribution, in the data's time unit.
    a, b : float
        The Beta distribution of the dropout probability at each purchase (mean ``a / (a + b)``).

    Each parameter is in [``PURCHASE_MIN_PARAMETER``, ``PURCHASE_MAX_PARAMETER``] = [1e-8, 1e8].

    Raises
    ------
    InvalidInputError
        A parameter out of range or not finite (``.field`` names it).
    TypeError
        A parameter that is not a number.

    Examples
    --------
    With the BG/NBD's CDNOW estimates (weeks; Fader, Hardie & Lee 2005), a customer who never repeated
    in 38.86 weeks is alive with probability ``1 / (1 + a / b ((alpha + T) / alpha)^r) = 0.637`` (1 under
    the BG/NBD):

    >>> from ltv.purchase import MbgNbdModel
    >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
    >>> m
    MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
    >>> round(m.probability_alive(frequency=0, recency=0, age=38.86), 3)
    0.637
    """
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, a: float, b: float) -> MbgNbdModel: ...
    @property
    def params(self) -> dict[str, float]:
        """The parameters, ``{name: value}`` in ``PARAMS`` order."""
    @property
    def r(self) -> float:
        """The shape ``r`` of the Gamma distribution of purchase rates across customers."""
    @property
    def alpha(self) -> float:
        """The rate ``alpha`` of the Gamma distribution of purchase rates, in the data's time unit."""
    @property
    def a(self) -> float:
        """The ``a`` of the Beta distribution of dropout probabilities."""
    @property
    def b(self) -> float:
        """The ``b`` of the Beta distribution of dropout probabilities."""
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """Each customer's log-likelihood: the log of the density of their history ``(x, t_x, T)``.

        The MBG/NBD: Batislam, Denizel & Filiztekin (2007), eq. (2) of their MBG/NBD section, in log-sum-exp
        form.
        A density in the purchase times, so it may be positive; summed (weighted) over customers it is what
        a fit maximises.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"customer_log_likelihood"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.customer_log_likelihood(frequency=2, recency=30.43, age=38.86), 6)
        -9.688249
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """``P(alive | x, t_x, T)``: the probability that each customer is still active at the end of
        observation.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007):
        ``1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x))``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
        [0.637, 0.774, 0.154]
        """
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | x, t_x, T]``: each customer's expected number of purchases in the next ``t`` (from the
        end of observation).

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times BG/NBD's ``E[X(t)]`` (Fader,
        Hardie & Lee 2005, eq. (9)) at the posterior parameters ``(r + x, alpha + T, a, b + x + 1)``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        1.34
        """
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = n | x, t_x, T)``: the probability that each customer makes exactly ``n`` purchases in
        the next ``t``.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times BG/NBD's ``P(X(t) = n)``
        (Fader, Hardie & Lee 2005, eq. (8)) at the posterior parameters ``(r + x, alpha + T, a, b + x + 1)``,
        plus ``1 - P(alive)`` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        n : int or array-like
            The number of purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.conditional_probability_of_purchases(n=[0, 1, 2], t=39, frequency=2, recency=30.43, age=38.86).round(4).tolist()
        [0.4089, 0.2454, 0.1543]
        """
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = 0 | x, t_x, T)``: the probability that each customer makes no purchase in the next
        ``t`` (gone, or still active and not buying).

        The MBG/NBD's :meth:`conditional_probability_of_purchases` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_no_purchase"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.4089
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(alive at T + t | x, t_x, T)``: the probability that each customer is still active ``t``
        after the end of observation (``t = 0``: :meth:`probability_alive`).

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times the posterior probability of
        surviving every purchase of the next ``t``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The time after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive_at"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.probability_alive_at(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.626
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT): each customer's future purchases, continuously
        discounted, ``E[integral from T to infinity of exp(-delta (t - T)) dY(t) | x, t_x, T]``.

        Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
        *Journal of Marketing Research* 42(4), 415-430, eq. (1).
        The MBG/NBD's by adaptive Gauss-Kronrod quadrature of the conditional expectation (it has no closed
        form).
        Multiplied by the margin on a purchase it is the customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        discount_rate : float or array-like
            ``delta``, the continuous discount rate per time unit of the data (e.g. ``log(1.15) / 52`` a
            week for 15 % a year), in [1e-6, 1e9].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"discounted_expected_residual_transactions"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.
        DivergenceError
            The value cannot be computed to full precision for this rate and history.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> round(m.discounted_expected_residual_transactions(discount_rate=0.01, frequency=2, recency=30.43, age=38.86), 4)
        2.5449
        """
    def expected_purchases(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected number of repeat purchases of a new customer in ``(0, t]`` after their
        first purchase.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``b / (a + b)`` times BG/NBD's ``E[X(t)]`` (Fader,
        Hardie & Lee 2005, eq. (9)) at ``(r, alpha, a, b + 1)``.

        Parameters
        ----------
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A ``t`` that is negative, not finite or above 1e9 (``.row`` names it).
        TypeError
            A ``t`` that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.expected_purchases(t=[13, 26, 39]).round(4).tolist()
        [0.4252, 0.7355, 0.9897]
        """
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` repeat purchases in
        ``(0, t]`` after their first purchase.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``a / (a + b)`` at ``n = 0`` (gone right after the
        first purchase) plus ``b / (a + b)`` times BG/NBD's eq. (8) at ``(r, alpha, a, b + 1)``.

        Parameters
        ----------
        n : int or array-like
            The number of repeat purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A fractional, negative or too large ``n``, a ``t`` out of range, or columns of different
            lengths.
        TypeError
            A value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.probability_of_purchases(n=[0, 1, 2], t=39).round(4).tolist()
        [0.6792, 0.1369, 0.0642]
        """
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]:
        """Draws synthetic customers from the model (seeded): one purchase history per entry of ``age``.

        Each customer's purchase rate, dropout and purchase times are drawn as the MBG/NBD describes
        them; the result can be fitted directly (``MbgNbdFit.fit(**data)``), e.g. to check that a fit
        recovers the parameters it was drawn from. The same ``seed`` gives the same customers.

        Parameters
        ----------
        age : float or array-like
            Each customer's observation time since their first purchase, in the model's time unit
            (``0 <= age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
        seed : int, default 0
            The seed of the random number generator, in ``0..=2**64 - 1``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"frequency": ..., "recency": ..., "age": ...}``, float64 arrays of one entry per customer.

        Raises
        ------
        InvalidInputError
            An ``age`` out of range, a negative or too large ``seed``, too many customers, or more than
            ``MAX_SIMULATED_PURCHASES`` purchases in all.
        TypeError
            An ``age`` that is not a number, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> data = m.simulate(age=[38.86] * 3, seed=7)
        >>> data["frequency"].tolist(), data["recency"].round(2).tolist(), data["age"].tolist()
        ([4.0, 0.0, 0.0], [33.31, 0.0, 0.0], [38.86, 38.86, 38.86])
        """
    def to_json(self) -> str:
        """The model as a JSON model file (one line): its tag, format version and parameters, which the
        Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> m.to_json()
        '{"model":"mbg_nbd","format_version":1,"r":0.242595,"alpha":4.413602,"a":0.792922,"b":2.425907}'
        """
    @staticmethod
    def from_json(text: str) -> MbgNbdModel:
        """Reads a model from a JSON model file (with or without a ``"fit"`` object).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        MbgNbdModel

        Raises
        ------
        InvalidInputError
            Another model or format version, a missing or unknown key, or a parameter out of range.
        TypeError
            A ``text`` that is not a str.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> MbgNbdModel.from_json(m.to_json()) == m
        True
        """
    def _repr_html_(self) -> str: ...
    def expected_purchases_if_alive(
        self, data: Any = None, *, t: Any, frequency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | alive now, x, T]``: each customer's expected number of purchases in the next ``t`` if
        they are alive at the end of observation.

        In this model the posterior of a live customer's purchase and dropout rates depends on the
        frequency and the age only, so ``conditional_expected_purchases`` is ``probability_alive`` times
        this (the example checks it), and customers who share ``(x, T)`` share it: ``customer_value``
        computes it once per distinct ``(x, T)``.

        Parameters
        ----------
        data : pandas or polars DataFrame, optional
            A frame with ``frequency`` and ``age`` columns (``T`` for ``age``; other columns are ignored),
            instead of the keyword columns.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
        frequency : float or array-like
            Repeat purchases ``x``, whole numbers in [0, 1e7].
        age : float or array-like
            Time from the first purchase to the end of observation ``T`` (``0 < age <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases_if_alive"``.

        Raises
        ------
        InvalidInputError
            A frequency, age or ``t`` out of range (``.row`` names the row), or columns of different
            lengths.
        TypeError
            A column that is not numbers, or a frame without a ``frequency`` or ``age`` column.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> live = m.expected_purchases_if_alive(t=39, frequency=[2, 2], age=38.86)
        >>> alive = m.probability_alive(frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> expected = m.conditional_expected_purchases(t=39, frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> bool(abs(alive * live - expected).max() < 1e-12)
        True
        """
    def simulate_transactions(self, *, age: Any, seed: int = 0) -> dict[str, npt.NDArray[Any]]:
        """Draws the customers of :meth:`simulate` (same ``age``, same ``seed``) as a transaction log: one row
        per purchase, the first purchase of each customer included, at time 0.

        Summarising the log gives :meth:`simulate`'s histories: frequency = rows - 1, recency = the last
        ``time``. Times are in the model's time unit since the customer's first purchase; a customer of age
        ``T`` observed up to a calendar end ``E`` made the first purchase at ``E - T``, so a row's calendar
        time is ``E - T + time`` (the example turns the log into dates for :func:`ltv.purchase.rfm_summary`).
        Add spend with :meth:`GammaGammaModel.simulate_transaction_values`.

        Parameters
        ----------
        age : float or array-like
            Each customer's observation time since their first purchase, in the model's time unit
            (``0 < age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
        seed : int, default 0
            The seed of the random number generator, in ``0..=2**64 - 1``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"customer": ..., "time": ...}``: the customer's position in ``age`` (int64) and the time
            since their first purchase (float64), one entry per purchase, customers in order.

        Raises
        ------
        InvalidInputError
            An ``age`` out of range (``.row`` names it), a negative or too large ``seed``, too many
            customers, or more than ``MAX_SIMULATED_PURCHASES`` purchases in all.
        TypeError
            An ``age`` that is not a number, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdModel
        >>> m = MbgNbdModel(r=0.242595, alpha=4.413602, a=0.792922, b=2.425907)
        >>> log = m.simulate_transactions(age=[38.86] * 3, seed=7)
        >>> log["customer"].tolist(), log["time"].round(2).tolist()
        ([0, 0, 0, 0, 0, 1, 2], [0.0, 3.39, 9.19, 14.28, 33.31, 0.0, 0.0])
        >>> import pandas as pd
        >>> days = pd.to_timedelta((38.86 - log["time"]) * 7, unit="D").round("D")
        >>> frame = pd.DataFrame({"customer": log["customer"], "date": pd.Timestamp("2025-12-31") - days})
        >>> from ltv.purchase import rfm_summary
        >>> s = rfm_summary(frame, customer="customer", unit="week", fractional=True, observation_end="2025-12-31")
        >>> s["frequency"].tolist(), s["recency"].round(1).tolist()
        ([4.0, 0.0, 0.0], [33.3, 0.0, 0.0])
        """

@final
class MbgNbdFit:
    """A maximum-likelihood fit of the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) to purchase
    histories.

    Made by :meth:`fit` (or read by :meth:`from_json`). It has every prediction of its fitted
    :class:`MbgNbdModel` (``fit.model``) and the estimates of ``r``, ``alpha``, ``a`` and ``b`` with their
    standard errors: ``repr()`` shows the estimates and the fit's figures, ``summary()`` is a table of
    estimates, standard errors and 95 % intervals, and ``_repr_html_()`` renders both in a notebook.

    Attributes
    ----------
    model : MbgNbdModel
        The fitted model.
    params : dict of str to float
        The estimates, ``{"r": ..., "alpha": ..., "a": ..., "b": ...}``.
    std_err : dict of str to float or None
        Their standard errors (from the observed information), ``None`` where not available.
    log_likelihood : float
        The maximised (unpenalised) log-likelihood.
    n_customers, iterations : int
        The customers fitted (the sum of the weights) and the optimizer's iterations.
    converged : bool
        Whether the optimizer converged.

    Examples
    --------
    >>> from ltv.purchase import MbgNbdFit
    >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
    ...                     weight=[600, 200, 150, 120, 80, 100])
    >>> fit.converged, fit.n_customers
    (True, 1250)
    >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
    1.271
    """
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
    ) -> MbgNbdFit:
        """Fits the MBG/NBD by maximum likelihood to customers' purchase histories.

        Maximises the summed (weighted) log-likelihood of the histories (``customer_log_likelihood``)
        by Newton's method from a moment-based start (Nelder-Mead steps when Newton stalls); the
        standard errors come from the observed information at the maximum.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer (or per group of customers sharing a history) with columns
            ``frequency``, ``recency`` and ``age`` (or ``T``), and optionally ``weight``; give either a
            frame or the keyword columns, not both.
        frequency : array-like, optional
            Repeat purchases ``x`` per row (whole numbers >= 0).
        recency : array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit (the
            unit of ``alpha`` and of every later prediction).
        weight : array-like, optional
            Customers per row (finite, >= 0, at least one positive); one each when omitted.
        penalty : float, default 0.0
            An L2 penalty ``c >= 0`` on the parameters (as lifetimes' ``penalizer_coef``): the fit
            maximises ``LL / N - c * sum(theta ** 2)``; 0 is plain maximum likelihood.
        start : sequence of float, optional
            Starting values of the parameters in ``PARAMS`` order, each in (0, 1e8]; a moment-based
            guess when omitted.
        max_iterations : int, default 200
            The most Newton steps (and Nelder-Mead steps when Newton stalls), in ``1..=MAX_FIT_ITERATIONS``
            (10,000).

        Returns
        -------
        MbgNbdFit
            The estimates (``params``, ``std_err``, ``summary()``), the fit's figures (``log_likelihood``,
            ``n_customers``, ``iterations``, ``converged``) and every prediction of the fitted model.

        Raises
        ------
        InvalidInputError
            A bad history (``.field`` and ``.row`` name it), columns of different lengths, no positive
            weight, or an option out of range.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        UndefinedError
            The likelihood has no finite maximum in [1e-8, 1e8] (too few or too degenerate data).
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> fit.converged, fit.n_customers
        (True, 1250)
        >>> {k: round(v, 3) for k, v in fit.params.items()}
        {'r': 0.894, 'alpha': 8.378, 'a': 1.116, 'b': 2.07}
        """
    @property
    def model(self) -> MbgNbdModel:
        """The fitted model."""
    @property
    def params(self) -> dict[str, float]:
        """The fitted parameters, ``{name: value}`` in ``PARAMS`` order."""
    @property
    def std_err(self) -> dict[str, Optional[float]]:
        """The standard errors, ``{name: value or None}`` (``None`` where the information gives none)."""
    @property
    def log_likelihood(self) -> float:
        """The maximised (unpenalised) total log-likelihood."""
    @property
    def n_customers(self) -> int:
        """Customers fitted (the sum of the weights, rounded)."""
    @property
    def iterations(self) -> int:
        """Optimizer iterations."""
    @property
    def converged(self) -> bool:
        """Whether the optimizer converged."""
    def summary(self) -> Any:
        """The estimates as a table: one row per parameter (``r``, ``alpha``, ``a``, ``b``).

        Returns
        -------
        pandas.DataFrame
            Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
            1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> table = fit.summary()
        >>> list(table.columns)
        ['estimate', 'std_err', 'lower_95', 'upper_95']
        >>> round(float(table.loc["r", "estimate"]), 3)
        0.894
        """
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """Each customer's log-likelihood: the log of the density of their history ``(x, t_x, T)``.

        The MBG/NBD: Batislam, Denizel & Filiztekin (2007), eq. (2) of their MBG/NBD section, in log-sum-exp
        form.
        A density in the purchase times, so it may be positive; summed (weighted) over customers it is what
        a fit maximises.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"customer_log_likelihood"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.customer_log_likelihood(frequency=2, recency=30.43, age=38.86), 6)
        -9.318599
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """``P(alive | x, t_x, T)``: the probability that each customer is still active at the end of
        observation.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007):
        ``1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x))``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> fit.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
        [0.283, 0.674, 0.087]
        """
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | x, t_x, T]``: each customer's expected number of purchases in the next ``t`` (from the
        end of observation).

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times BG/NBD's ``E[X(t)]`` (Fader,
        Hardie & Lee 2005, eq. (9)) at the posterior parameters ``(r + x, alpha + T, a, b + x + 1)``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        1.271
        """
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = n | x, t_x, T)``: the probability that each customer makes exactly ``n`` purchases in
        the next ``t``.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times BG/NBD's ``P(X(t) = n)``
        (Fader, Hardie & Lee 2005, eq. (8)) at the posterior parameters ``(r + x, alpha + T, a, b + x + 1)``,
        plus ``1 - P(alive)`` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        n : int or array-like
            The number of purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> fit.conditional_probability_of_purchases(n=[0, 1, 2], t=39, frequency=2, recency=30.43, age=38.86).round(4).tolist()
        [0.4443, 0.2268, 0.1452]
        """
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = 0 | x, t_x, T)``: the probability that each customer makes no purchase in the next
        ``t`` (gone, or still active and not buying).

        The MBG/NBD's :meth:`conditional_probability_of_purchases` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_no_purchase"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.4443
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(alive at T + t | x, t_x, T)``: the probability that each customer is still active ``t``
        after the end of observation (``t = 0``: :meth:`probability_alive`).

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``P(alive)`` times the posterior probability of
        surviving every purchase of the next ``t``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The time after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive_at"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.probability_alive_at(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.4749
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT): each customer's future purchases, continuously
        discounted, ``E[integral from T to infinity of exp(-delta (t - T)) dY(t) | x, t_x, T]``.

        Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
        *Journal of Marketing Research* 42(4), 415-430, eq. (1).
        The MBG/NBD's by adaptive Gauss-Kronrod quadrature of the conditional expectation (it has no closed
        form).
        Multiplied by the margin on a purchase it is the customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        discount_rate : float or array-like
            ``delta``, the continuous discount rate per time unit of the data (e.g. ``log(1.15) / 52`` a
            week for 15 % a year), in [1e-6, 1e9].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"discounted_expected_residual_transactions"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.
        DivergenceError
            The value cannot be computed to full precision for this rate and history.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.discounted_expected_residual_transactions(discount_rate=0.01, frequency=2, recency=30.43, age=38.86), 4)
        2.143
        """
    def expected_purchases(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected number of repeat purchases of a new customer in ``(0, t]`` after their
        first purchase.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``b / (a + b)`` times BG/NBD's ``E[X(t)]`` (Fader,
        Hardie & Lee 2005, eq. (9)) at ``(r, alpha, a, b + 1)``.

        Parameters
        ----------
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A ``t`` that is negative, not finite or above 1e9 (``.row`` names it).
        TypeError
            A ``t`` that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> fit.expected_purchases(t=[13, 26, 39]).round(4).tolist()
        [0.6742, 1.1152, 1.4476]
        """
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` repeat purchases in
        ``(0, t]`` after their first purchase.

        The MBG/NBD (Batislam, Denizel & Filiztekin 2007): ``a / (a + b)`` at ``n = 0`` (gone right after the
        first purchase) plus ``b / (a + b)`` times BG/NBD's eq. (8) at ``(r, alpha, a, b + 1)``.

        Parameters
        ----------
        n : int or array-like
            The number of repeat purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A fractional, negative or too large ``n``, a ``t`` out of range, or columns of different
            lengths.
        TypeError
            A value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> fit.probability_of_purchases(n=[0, 1, 2], t=39).round(4).tolist()
        [0.4883, 0.2109, 0.1103]
        """
    def to_json(self) -> str:
        """The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood,
        standard errors, counts), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> fit.to_json().startswith('{"model":"mbg_nbd"')
        True
        """
    @staticmethod
    def from_json(text: str) -> MbgNbdFit:
        """Reads a fit from a JSON model file (the ``"fit"`` object is required).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        MbgNbdFit

        Raises
        ------
        InvalidInputError
            Another model or format version, no ``"fit"`` object, a missing or unknown key.
        TypeError
            A ``text`` that is not a str.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> MbgNbdFit.from_json(fit.to_json()) == fit
        True
        """
    def _repr_html_(self) -> str: ...
    def expected_purchases_if_alive(
        self, data: Any = None, *, t: Any, frequency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | alive now, x, T]``: each customer's expected number of purchases in the next ``t`` if
        they are alive at the end of observation.

        In this model the posterior of a live customer's purchase and dropout rates depends on the
        frequency and the age only, so ``conditional_expected_purchases`` is ``probability_alive`` times
        this (the example checks it), and customers who share ``(x, T)`` share it: ``customer_value``
        computes it once per distinct ``(x, T)``.

        Parameters
        ----------
        data : pandas or polars DataFrame, optional
            A frame with ``frequency`` and ``age`` columns (``T`` for ``age``; other columns are ignored),
            instead of the keyword columns.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
        frequency : float or array-like
            Repeat purchases ``x``, whole numbers in [0, 1e7].
        age : float or array-like
            Time from the first purchase to the end of observation ``T`` (``0 < age <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases_if_alive"``.

        Raises
        ------
        InvalidInputError
            A frequency, age or ``t`` out of range (``.row`` names the row), or columns of different
            lengths.
        TypeError
            A column that is not numbers, or a frame without a ``frequency`` or ``age`` column.

        Examples
        --------
        >>> from ltv.purchase import MbgNbdFit
        >>> fit = MbgNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                     weight=[600, 200, 150, 120, 80, 100])
        >>> live = fit.expected_purchases_if_alive(t=39, frequency=[2, 2], age=38.86)
        >>> alive = fit.probability_alive(frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> expected = fit.conditional_expected_purchases(t=39, frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> bool(abs(alive * live - expected).max() < 1e-12)
        True
        """

@final
class GammaGammaModel:
    """The Gamma-Gamma model of the value of customers' transactions (Fader, Hardie & Lee 2005; note 025).

    Each transaction of a customer is worth ``z ~ Gamma(p, nu)`` (shape ``p``, rate ``nu``), so their mean spend is
    ``p / nu``; across customers ``nu ~ Gamma(q, gamma)``. The spend is assumed independent of the purchase
    process, so the model pairs with a purchase model in :func:`ltv.purchase.customer_value`. Money units are
    those of the ``monetary_value`` data. Immutable; ``repr()`` shows the parameters, ``_repr_html_()`` a table.

    References: P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for
    Customer Base Analysis", *Journal of Marketing Research* 42(4), 415-430; P. S. Fader and B. G. S. Hardie
    (2013), "The Gamma-Gamma Model of Monetary Value" (note 025).

    Parameters
    ----------
    p : float
        The shape of the Gamma distribution of a customer's transaction values, in [``SPEND_MIN_PARAMETER``,
        ``SPEND_MAX_PARAMETER``] = [1e-8, 1e8].
    q : float
        The shape of the Gamma distribution of the rates ``nu`` across customers, in [1e-8, 1e8] (the mean spend
        is finite for ``q > 1``).
    gamma : float
        The rate of the Gamma distribution of ``nu``, in money units, in [1e-8, 1e8].

    Raises
    ------
    InvalidInputError
        A parameter out of range or not finite (``.field`` names it).
    TypeError
        A parameter that is not a number.

    Examples
    --------
    The estimates for the 946 repeat customers of the CDNOW sample (note 025: p = 6.2496, q = 3.7442,
    gamma = 15.4435), rounded:

    >>> from ltv.purchase import GammaGammaModel
    >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    >>> m
    GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    >>> round(m.mean_spend(), 2), round(m.conditional_expected_spend(frequency=2, monetary_value=22.35), 2)
    (35.22, 24.66)
    """
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
    def conditional_expected_spend(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any:
        """``E[spend per transaction | frequency, monetary_value]``: each customer's expected spend per
        transaction (Fader, Hardie & Lee 2005; note 025 eq. 5).

        ``p (gamma + x z) / (p x + q - 1)`` for ``x`` repeat transactions of mean value ``z``: a weighted mean
        of the population mean ``p gamma / (q - 1)`` and the customer's own mean; the population mean for
        ``x = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A frame with columns ``frequency`` and ``monetary_value``; give it or the keyword columns, not both.
        frequency : int or array-like of int
            Repeat transactions ``x``, whole numbers in [0, 1e7].
        monetary_value : float or array-like of float
            The mean value ``z`` of those transactions, in money units per transaction: in (0, 1e15], 0 where
            ``frequency`` is 0.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            The expected spend per transaction in the money units of ``monetary_value``, in the form of the
            input (a Series with the frame's index for a frame).

        Raises
        ------
        InvalidInputError
            A bad ``frequency`` or ``monetary_value`` (``.field`` and ``.row`` name it), or columns of
            different lengths.
        DivergenceError
            ``q <= 1``: the mean spend is infinite.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        Note 025's CDNOW estimates; a customer with 2 repeat purchases of mean 22.35 $ is shrunk towards the
        population mean of 35.22 $:

        >>> from ltv.purchase import GammaGammaModel
        >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
        >>> m.conditional_expected_spend(frequency=[0, 2, 10], monetary_value=[0, 22.35, 50.0]).round(2).tolist()
        [35.22, 24.66, 49.38]
        """
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any:
        """Each repeat customer's log-likelihood: the log density of their mean spend (note 025 eq. 3).

        ``Gamma(p x + q) / (Gamma(p x) Gamma(q)) gamma^q x^(p x) z^(p x - 1) / (gamma + x z)^(p x + q)`` for
        ``x`` repeat transactions of mean value ``z``; a density, so it may be positive.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A frame with columns ``frequency`` and ``monetary_value``; give it or the keyword columns, not both.
        frequency : int or array-like of int
            Repeat transactions ``x``, whole numbers in [1, 1e7] (repeat customers only).
        monetary_value : float or array-like of float
            The mean value ``z`` of those transactions, in money units per transaction, in (0, 1e15].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            The natural log of the density per customer, in the form of the input.

        Raises
        ------
        InvalidInputError
            A ``frequency`` of 0 or a bad value (``.field`` and ``.row`` name it), or columns of different
            lengths.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
        >>> m.customer_log_likelihood(frequency=[1, 2, 10], monetary_value=[20.0, 22.35, 50.0]).round(4).tolist()
        [-3.5942, -3.5513, -4.8618]
        """
    def mean_spend(self) -> float:
        """The population mean spend per transaction, ``E[zeta] = p gamma / (q - 1)``.

        Returns
        -------
        float
            Money units per transaction (those of the ``monetary_value`` fitted).

        Raises
        ------
        DivergenceError
            ``q <= 1``: the mean is infinite.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> round(GammaGammaModel(p=6.25, q=3.74, gamma=15.44).mean_spend(), 2)
        35.22
        """
    def spend_variance(self) -> float:
        """The variance across customers of their mean spend per transaction,
        ``p^2 gamma^2 / ((q - 1)^2 (q - 2))``.

        Returns
        -------
        float
            Squared money units.

        Raises
        ------
        DivergenceError
            ``q <= 1``: the mean is infinite.
        InvalidInputError
            ``1 < q <= 2``: the variance is infinite (``.field`` is ``"q"``).

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> round(GammaGammaModel(p=6.25, q=3.74, gamma=15.44).spend_variance() ** 0.5, 2)
        26.7
        """
    def simulate(self, *, frequency: Any, seed: int = 0) -> dict[str, _Col]:
        """Draws the mean spend per repeat transaction of one synthetic customer per entry of ``frequency``, seeded,
        from the model's story.

        Each customer draws ``nu ~ Gamma(q, gamma)`` and each of their transactions is worth ``Gamma(p, nu)``
        (Fader, Hardie & Lee 2005; note 025 section 2); 0 where the frequency is 0. The same values for the same
        seed on every platform and release.

        Parameters
        ----------
        frequency : array-like of int
            Each customer's repeat transactions ``x``, whole numbers in [0, 1e7]; at most
            ``MAX_SIMULATED_CUSTOMERS`` (1e8) customers.
        seed : int
            The generator's seed, a whole number in [0, 2**64 - 1].

        Returns
        -------
        dict of str to numpy.ndarray
            float64 arrays ``frequency`` and ``monetary_value`` (money units per transaction), ready for
            ``GammaGammaFit.fit(**data)`` when every frequency is at least 1.

        Raises
        ------
        InvalidInputError
            A ``frequency`` that is not a whole number in [0, 1e7] (``.row`` names it), too many customers, or a
            negative or too large ``seed``.
        TypeError
            A ``frequency`` that is not numbers, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
        >>> m.simulate(frequency=[0, 1, 5], seed=1)["monetary_value"].round(2).tolist()
        [0.0, 44.86, 30.64]
        """
    def to_json(self) -> str:
        """The model as a JSON model file (one line), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            ``{"model": "gamma_gamma", "format_version": 1, "p": ..., "q": ..., "gamma": ...}``.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> GammaGammaModel(p=6.25, q=3.74, gamma=15.44).to_json()
        '{"model":"gamma_gamma","format_version":1,"p":6.25,"q":3.74,"gamma":15.44}'
        """
    @staticmethod
    def from_json(text: str) -> GammaGammaModel:
        """Reads a model from a JSON model file (with or without a ``"fit"`` object).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        GammaGammaModel

        Raises
        ------
        InvalidInputError
            Not JSON, another model or format version, a missing or unknown key, or a parameter out of range.
        TypeError
            ``text`` is not a str.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
        >>> GammaGammaModel.from_json(m.to_json()) == m
        True
        """
    def _repr_html_(self) -> str: ...
    def simulate_transaction_values(self, *, customer: Any, seed: int = 0) -> _Col:
        """Draws the value of every row of a transaction log from the model, seeded: one rate
        ``nu ~ Gamma(q, gamma)`` per customer and ``Gamma(p, nu)`` per transaction, the first included.

        Made for the logs of the purchase models' ``simulate_transactions``: add the result as the log's
        value column, and :func:`ltv.purchase.rfm_summary` gives the monetary value (the mean of the repeat
        purchases) that :class:`GammaGammaFit` fits. Each customer's rows must be together, as
        ``simulate_transactions`` writes them (a customer who comes back after another is an error).

        Parameters
        ----------
        customer : array-like of int
            Each row's customer, integer codes >= 0 (numpy, pandas, polars or a sequence).
        seed : int, default 0
            The generator's seed, a whole number in [0, 2**64 - 1].

        Returns
        -------
        numpy.ndarray
            float64, one value (money units) per row.

        Raises
        ------
        InvalidInputError
            A negative customer code, a customer whose rows are not together (``.row`` names the row), or a
            negative or too large ``seed``.
        TypeError
            A ``customer`` column that is not integers, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import BgNbdModel, GammaGammaModel
        >>> log = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426).simulate_transactions(age=[38.86] * 3, seed=7)
        >>> value = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate_transaction_values(customer=log["customer"], seed=1)
        >>> log["customer"].tolist(), value.round(2).tolist()
        ([0, 0, 0, 0, 1, 2, 2], [15.91, 21.95, 21.43, 15.63, 70.06, 223.03, 172.75])
        """

@final
class GammaGammaFit:
    """A maximum-likelihood fit of the Gamma-Gamma model (:class:`GammaGammaModel`) to repeat customers' spend
    (:meth:`fit`).

    It predicts with the fitted model (the same methods as :class:`GammaGammaModel`). ``repr()`` shows the
    estimates and the fit's figures; ``summary()`` is a table of estimates, standard errors and 95 % intervals;
    ``_repr_html_()`` renders that table in a notebook.

    Attributes
    ----------
    model : GammaGammaModel
        The fitted model.
    params : dict of str to float
        The estimates, ``{"p": ..., "q": ..., "gamma": ...}``.
    std_err : dict of str to float or None
        Their standard errors (from the observed information), ``None`` where not available.
    log_likelihood : float
        The maximised (unpenalised) total log-likelihood.
    n_customers, iterations : int
        Customers fitted and the optimizer's iterations.
    converged : bool
        Whether the optimizer converged.

    Examples
    --------
    500 customers drawn from note 025's CDNOW estimates; the fit recovers them within its standard errors:

    >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
    >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
    >>> fit = GammaGammaFit.fit(**data)
    >>> {k: round(v, 2) for k, v in fit.params.items()}, fit.n_customers, fit.converged
    ({'p': 6.14, 'q': 3.66, 'gamma': 15.99}, 500, True)
    """
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
    ) -> GammaGammaFit:
        """Fits the Gamma-Gamma model to repeat customers' spend by maximum likelihood (note 025 eq. 3 summed over
        customers).

        Fit on repeat customers only (``frequency >= 1``: drop the others first); the standard errors come from the
        Hessian at the optimum.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A frame with columns ``frequency``, ``monetary_value`` and optionally ``weight``; give it or the keyword
            columns, not both.
        frequency : array-like of int
            Repeat transactions ``x``, whole numbers in [1, 1e7].
        monetary_value : array-like of float
            Their mean value ``z`` in money units per transaction, in (0, 1e15].
        weight : array-like of float, optional
            Customers sharing each row (finite, >= 0, at least one > 0); default 1 per row.
        penalty : float
            The L2 penalty ``c >= 0`` (lifetimes' ``penalizer_coef``): the fit maximises
            ``LL / N - c (p**2 + q**2 + gamma**2)``; 0 (the default) is plain maximum likelihood.
        start : sequence of float, optional
            Starting values ``[p, q, gamma]``, each in [1e-8, 1e8]; by default ``p = 1``, ``q = 2`` and ``gamma`` the
            mean spend.
        q_at_least_one : bool
            Maximise over ``q >= 1`` only (a finite population mean spend; lifetimes' ``q_constraint``).

        Returns
        -------
        GammaGammaFit
            ``.params``, ``.std_err``, ``.log_likelihood``, ``.converged``; ``summary()`` tabulates them.

        Raises
        ------
        InvalidInputError
            A bad ``frequency``, ``monetary_value`` or weight (``.field`` and ``.row`` name it), columns of
            different lengths, or an option out of range.
        MissingColumnError
            A frame without one of the columns.
        UndefinedError
            The likelihood has no finite maximum (e.g. every customer spends the same).
        TypeError
            Values that are not numbers, a ``start`` that is not three numbers, a ``q_at_least_one`` that is not a
            bool, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
        >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
        >>> fit = GammaGammaFit.fit(frequency=data["frequency"], monetary_value=data["monetary_value"])
        >>> round(fit.params["q"], 2), round(fit.std_err["q"], 2), round(fit.mean_spend(), 2)
        (3.66, 0.36, 36.92)
        """
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
    def summary(self) -> Any:
        """The estimates as a table: one row per parameter (``p``, ``q``, ``gamma``).

        Returns
        -------
        pandas.DataFrame
            Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
            1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).

        Examples
        --------
        >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
        >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
        >>> table = GammaGammaFit.fit(**data).summary()
        >>> list(table.index), list(table.columns)
        (['p', 'q', 'gamma'], ['estimate', 'std_err', 'lower_95', 'upper_95'])
        >>> table.loc["q"].round(3).tolist()
        [3.659, 0.356, 2.961, 4.358]
        """
    def conditional_expected_spend(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any:
        """``E[spend per transaction | frequency, monetary_value]``: each customer's expected spend per
        transaction (Fader, Hardie & Lee 2005; note 025 eq. 5).

        ``p (gamma + x z) / (p x + q - 1)`` for ``x`` repeat transactions of mean value ``z``: a weighted mean
        of the population mean ``p gamma / (q - 1)`` and the customer's own mean; the population mean for
        ``x = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A frame with columns ``frequency`` and ``monetary_value``; give it or the keyword columns, not both.
        frequency : int or array-like of int
            Repeat transactions ``x``, whole numbers in [0, 1e7].
        monetary_value : float or array-like of float
            The mean value ``z`` of those transactions, in money units per transaction: in (0, 1e15], 0 where
            ``frequency`` is 0.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            The expected spend per transaction in the money units of ``monetary_value``, in the form of the
            input (a Series with the frame's index for a frame).

        Raises
        ------
        InvalidInputError
            A bad ``frequency`` or ``monetary_value`` (``.field`` and ``.row`` name it), or columns of
            different lengths.
        DivergenceError
            ``q <= 1``: the mean spend is infinite.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        Note 025's CDNOW estimates; a customer with 2 repeat purchases of mean 22.35 $ is shrunk towards the
        population mean of 35.22 $:

        >>> from ltv.purchase import GammaGammaModel
        >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
        >>> m.conditional_expected_spend(frequency=[0, 2, 10], monetary_value=[0, 22.35, 50.0]).round(2).tolist()
        [35.22, 24.66, 49.38]
        """
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any:
        """Each repeat customer's log-likelihood: the log density of their mean spend (note 025 eq. 3).

        ``Gamma(p x + q) / (Gamma(p x) Gamma(q)) gamma^q x^(p x) z^(p x - 1) / (gamma + x z)^(p x + q)`` for
        ``x`` repeat transactions of mean value ``z``; a density, so it may be positive.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A frame with columns ``frequency`` and ``monetary_value``; give it or the keyword columns, not both.
        frequency : int or array-like of int
            Repeat transactions ``x``, whole numbers in [1, 1e7] (repeat customers only).
        monetary_value : float or array-like of float
            The mean value ``z`` of those transactions, in money units per transaction, in (0, 1e15].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            The natural log of the density per customer, in the form of the input.

        Raises
        ------
        InvalidInputError
            A ``frequency`` of 0 or a bad value (``.field`` and ``.row`` name it), or columns of different
            lengths.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
        >>> m.customer_log_likelihood(frequency=[1, 2, 10], monetary_value=[20.0, 22.35, 50.0]).round(4).tolist()
        [-3.5942, -3.5513, -4.8618]
        """
    def mean_spend(self) -> float:
        """The population mean spend per transaction, ``E[zeta] = p gamma / (q - 1)``.

        Returns
        -------
        float
            Money units per transaction (those of the ``monetary_value`` fitted).

        Raises
        ------
        DivergenceError
            ``q <= 1``: the mean is infinite.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> round(GammaGammaModel(p=6.25, q=3.74, gamma=15.44).mean_spend(), 2)
        35.22
        """
    def spend_variance(self) -> float:
        """The variance across customers of their mean spend per transaction,
        ``p^2 gamma^2 / ((q - 1)^2 (q - 2))``.

        Returns
        -------
        float
            Squared money units.

        Raises
        ------
        DivergenceError
            ``q <= 1``: the mean is infinite.
        InvalidInputError
            ``1 < q <= 2``: the variance is infinite (``.field`` is ``"q"``).

        Examples
        --------
        >>> from ltv.purchase import GammaGammaModel
        >>> round(GammaGammaModel(p=6.25, q=3.74, gamma=15.44).spend_variance() ** 0.5, 2)
        26.7
        """
    def to_json(self) -> str:
        """The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood, standard errors,
        counts), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
        >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
        >>> GammaGammaFit.fit(**data).to_json().startswith('{"model":"gamma_gamma"')
        True
        """
    @staticmethod
    def from_json(text: str) -> GammaGammaFit:
        """Reads a fit from a JSON model file (the ``"fit"`` object is required).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        GammaGammaFit

        Raises
        ------
        InvalidInputError
            Not JSON, another model or format version, no ``"fit"`` object, a missing or unknown key.
        TypeError
            ``text`` is not a str.

        Examples
        --------
        >>> from ltv.purchase import GammaGammaFit, GammaGammaModel
        >>> data = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
        >>> fit = GammaGammaFit.fit(**data)
        >>> GammaGammaFit.from_json(fit.to_json()) == fit
        True
        """
    def _repr_html_(self) -> str: ...

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
    """The Pareto/NBD purchase model of Schmittlein, Morrison & Colombo (1987): who is still buying, and how
    much.

    While alive, a customer buys as a Poisson process of rate ``lambda``; their lifetime is exponential
    with rate ``mu``, independent of ``lambda``; dropout is never observed. Across customers
    ``lambda ~ Gamma(r, alpha)`` and ``mu ~ Gamma(s, beta)`` (shapes ``r``, ``s``; rates ``alpha``,
    ``beta`` in the data's time unit). A customer's history is ``frequency`` (repeat purchases ``x``),
    ``recency`` (the time of the last one since the first purchase, ``t_x``) and ``age`` (the time from
    the first purchase to the end of observation, ``T``), all in the time unit the parameters were
    fitted in.

    Formulas: D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers: Who Are
    They and What Will They Do Next?", *Management Science* 33(1), 1-24, as derived in P. S. Fader and
    B. G. S. Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions" (note
    008): the likelihood eqs. (22)-(24) (with the Gaussian hypergeometric function, in log space),
    ``E[X(t)]`` eq. (18), ``P(alive)`` eq. (11), the conditional expectation eq. (27); ``P(X(t) = n)``
    from Fader & Hardie's 2006 note, eqs. (1)-(3), by quadrature; the DERT in closed form, P. S. Fader,
    B. G. S. Hardie and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
    Analysis", *JMR* 42(4), eq. (2). Each prediction takes a frame or keyword columns and returns a
    float, an array or a Series shaped like the input. Immutable; ``repr()`` shows the parameters,
    ``_repr_html_()`` a table; fit one with :meth:`ParetoNbdFit.fit`.

    Parameters
    ----------
    r : float
        The shape of the Gamma distribution of purchase rates (their mean is ``r / alpha`` per time unit).
    alpha : float
        The rate of that Gamma distribution, in the data's time unit.
    s : float
        The shape of the Gamma distribution of dropout rates (their mean is ``s / beta`` per time unit).
    beta : float
        The rate of that Gamma distribution, in the data's time unit.

    Each parameter is in [``PURCHASE_MIN_PARAMETER``, ``PURCHASE_MAX_PARAMETER``] = [1e-8, 1e8].

    Raises
    ------
    InvalidInputError
        A parameter out of range or not finite (``.field`` names it).
    TypeError
        A parameter that is not a number.

    Examples
    --------
    The CDNOW estimates (weeks) of Fader, Hardie & Lee (2005), and their customer with ``x = 2``,
    ``t_x = 30.43``, ``T = 38.86``:

    >>> from ltv.purchase import ParetoNbdModel
    >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    >>> m
    ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    >>> round(m.probability_alive(frequency=2, recency=30.43, age=38.86), 3)
    0.869
    """
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, s: float, beta: float) -> ParetoNbdModel: ...
    @property
    def params(self) -> dict[str, float]:
        """The parameters, ``{name: value}`` in ``PARAMS`` order."""
    @property
    def r(self) -> float:
        """The shape ``r`` of the Gamma distribution of purchase rates across customers."""
    @property
    def alpha(self) -> float:
        """The rate ``alpha`` of the Gamma distribution of purchase rates, in the data's time unit."""
    @property
    def s(self) -> float:
        """The shape ``s`` of the Gamma distribution of dropout rates across customers."""
    @property
    def beta(self) -> float:
        """The rate ``beta`` of the Gamma distribution of dropout rates, in the data's time unit."""
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """Each customer's log-likelihood: the log of the density of their history ``(x, t_x, T)``.

        The Pareto/NBD: Fader & Hardie (2005), note 008, eqs. (22)-(24), in log space.
        A density in the purchase times, so it may be positive; summed (weighted) over customers it is what
        a fit maximises.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"customer_log_likelihood"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> round(m.customer_log_likelihood(frequency=2, recency=30.43, age=38.86), 6)
        -9.554283
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """``P(alive | x, t_x, T)``: the probability that each customer is still active at the end of
        observation.

        The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (11).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
        [0.295, 0.869, 0.13]
        """
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | x, t_x, T]``: each customer's expected number of purchases in the next ``t`` (from the
        end of observation).

        The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (27).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> round(m.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        1.455
        """
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = n | x, t_x, T)``: the probability that each customer makes exactly ``n`` purchases in
        the next ``t``.

        The Pareto/NBD: ``P(alive)`` times ``P(X(t) = n)`` at the posterior ``lambda ~ Gamma(r + x, alpha + T)``,
        ``mu ~ Gamma(s, beta + T)``, plus ``1 - P(alive)`` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        n : int or array-like
            The number of purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.conditional_probability_of_purchases(n=[0, 1, 2], t=39, frequency=2, recency=30.43, age=38.86).round(4).tolist()
        [0.4081, 0.2193, 0.1518]
        """
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = 0 | x, t_x, T)``: the probability that each customer makes no purchase in the next
        ``t`` (gone, or still active and not buying).

        The Pareto/NBD's :meth:`conditional_probability_of_purchases` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_no_purchase"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> round(m.probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.4081
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(alive at T + t | x, t_x, T)``: the probability that each customer is still active ``t``
        after the end of observation (``t = 0``: :meth:`probability_alive`).

        The Pareto/NBD: ``P(alive) ((beta + T) / (beta + T + t))^s``, ``P(alive)`` times the Laplace transform
        of the posterior dropout rate ``mu ~ Gamma(s, beta + T)``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The time after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive_at"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> round(m.probability_alive_at(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.6146
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT): each customer's future purchases, continuously
        discounted, ``E[integral from T to infinity of exp(-delta (t - T)) dY(t) | x, t_x, T]``.

        Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
        *Journal of Marketing Research* 42(4), 415-430, eq. (1).
        The Pareto/NBD's in closed form (Fader, Hardie & Lee 2005, "RFM and CLV", eq. (2)).
        Multiplied by the margin on a purchase it is the customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        discount_rate : float or array-like
            ``delta``, the continuous discount rate per time unit of the data (e.g. ``log(1.15) / 52`` a
            week for 15 % a year), in (0, 1e9].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"discounted_expected_residual_transactions"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.
        DivergenceError
            The value cannot be computed to full precision for this rate and history.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> round(m.discounted_expected_residual_transactions(discount_rate=0.01, frequency=2, recency=30.43, age=38.86), 4)
        2.7248
        """
    def expected_purchases(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected number of repeat purchases of a new customer in ``(0, t]`` after their
        first purchase.

        The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (18).

        Parameters
        ----------
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A ``t`` that is negative, not finite or above 1e9 (``.row`` names it).
        TypeError
            A ``t`` that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.expected_purchases(t=[13, 26, 39]).round(4).tolist()
        [0.5312, 0.9086, 1.213]
        """
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` repeat purchases in
        ``(0, t]`` after their first purchase.

        The Pareto/NBD: Fader & Hardie's 2006 note on ``P(X(t) = x)``, eqs. (1)-(3), by quadrature.

        Parameters
        ----------
        n : int or array-like
            The number of repeat purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A fractional, negative or too large ``n``, a ``t`` out of range, or columns of different
            lengths.
        TypeError
            A value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.probability_of_purchases(n=[0, 1, 2], t=39).round(4).tolist()
        [0.5936, 0.1656, 0.0825]
        """
    def to_json(self) -> str:
        """The model as a JSON model file (one line): its tag, format version and parameters, which the
        Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> m.to_json()
        '{"model":"pareto_nbd","format_version":1,"r":0.553,"alpha":10.578,"s":0.606,"beta":11.669}'
        """
    @staticmethod
    def from_json(text: str) -> ParetoNbdModel:
        """Reads a model from a JSON model file (with or without a ``"fit"`` object).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        ParetoNbdModel

        Raises
        ------
        InvalidInputError
            Another model or format version, a missing or unknown key, or a parameter out of range.
        TypeError
            A ``text`` that is not a str.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> ParetoNbdModel.from_json(m.to_json()) == m
        True
        """
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]:
        """Draws synthetic customers from the model (seeded): one purchase history per entry of ``age``.

        Each customer's purchase rate, dropout and purchase times are drawn as the Pareto/NBD describes
        them; the result can be fitted directly (``ParetoNbdFit.fit(**data)``), e.g. to check that a fit
        recovers the parameters it was drawn from. The same ``seed`` gives the same customers.

        Parameters
        ----------
        age : float or array-like
            Each customer's observation time since their first purchase, in the model's time unit
            (``0 <= age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
        seed : int, default 0
            The seed of the random number generator, in ``0..=2**64 - 1``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"frequency": ..., "recency": ..., "age": ...}``, float64 arrays of one entry per customer.

        Raises
        ------
        InvalidInputError
            An ``age`` out of range, a negative or too large ``seed``, too many customers, or more than
            ``MAX_SIMULATED_PURCHASES`` purchases in all.
        TypeError
            An ``age`` that is not a number, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> data = m.simulate(age=[38.86] * 3, seed=7)
        >>> data["frequency"].tolist(), data["recency"].round(2).tolist(), data["age"].tolist()
        ([6.0, 1.0, 0.0], [34.51, 1.48, 0.0], [38.86, 38.86, 38.86])
        """
    def _repr_html_(self) -> str: ...
    def expected_purchases_if_alive(
        self, data: Any = None, *, t: Any, frequency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | alive now, x, T]``: each customer's expected number of purchases in the next ``t`` if
        they are alive at the end of observation.

        In this model the posterior of a live customer's purchase and dropout rates depends on the
        frequency and the age only, so ``conditional_expected_purchases`` is ``probability_alive`` times
        this (the example checks it), and customers who share ``(x, T)`` share it: ``customer_value``
        computes it once per distinct ``(x, T)``.

        Parameters
        ----------
        data : pandas or polars DataFrame, optional
            A frame with ``frequency`` and ``age`` columns (``T`` for ``age``; other columns are ignored),
            instead of the keyword columns.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
        frequency : float or array-like
            Repeat purchases ``x``, whole numbers in [0, 1e7].
        age : float or array-like
            Time from the first purchase to the end of observation ``T`` (``0 < age <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases_if_alive"``.

        Raises
        ------
        InvalidInputError
            A frequency, age or ``t`` out of range (``.row`` names the row), or columns of different
            lengths.
        TypeError
            A column that is not numbers, or a frame without a ``frequency`` or ``age`` column.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> live = m.expected_purchases_if_alive(t=39, frequency=[2, 2], age=38.86)
        >>> alive = m.probability_alive(frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> expected = m.conditional_expected_purchases(t=39, frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> bool(abs(alive * live - expected).max() < 1e-12)
        True
        """
    def simulate_transactions(self, *, age: Any, seed: int = 0) -> dict[str, npt.NDArray[Any]]:
        """Draws the customers of :meth:`simulate` (same ``age``, same ``seed``) as a transaction log: one row
        per purchase, the first purchase of each customer included, at time 0.

        Summarising the log gives :meth:`simulate`'s histories: frequency = rows - 1, recency = the last
        ``time``. Times are in the model's time unit since the customer's first purchase; a customer of age
        ``T`` observed up to a calendar end ``E`` made the first purchase at ``E - T``, so a row's calendar
        time is ``E - T + time`` (the example turns the log into dates for :func:`ltv.purchase.rfm_summary`).
        Add spend with :meth:`GammaGammaModel.simulate_transaction_values`.

        Parameters
        ----------
        age : float or array-like
            Each customer's observation time since their first purchase, in the model's time unit
            (``0 < age <= 1e9``; at most ``MAX_SIMULATED_CUSTOMERS`` customers).
        seed : int, default 0
            The seed of the random number generator, in ``0..=2**64 - 1``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"customer": ..., "time": ...}``: the customer's position in ``age`` (int64) and the time
            since their first purchase (float64), one entry per purchase, customers in order.

        Raises
        ------
        InvalidInputError
            An ``age`` out of range (``.row`` names it), a negative or too large ``seed``, too many
            customers, or more than ``MAX_SIMULATED_PURCHASES`` purchases in all.
        TypeError
            An ``age`` that is not a number, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdModel
        >>> m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> log = m.simulate_transactions(age=[38.86] * 3, seed=7)
        >>> log["customer"].tolist(), log["time"].round(2).tolist()
        ([0, 0, 0, 0, 0, 0, 0, 1, 1, 2], [0.0, 8.56, 30.53, 30.93, 31.76, 33.09, 34.51, 0.0, 1.48, 0.0])
        >>> import pandas as pd
        >>> days = pd.to_timedelta((38.86 - log["time"]) * 7, unit="D").round("D")
        >>> frame = pd.DataFrame({"customer": log["customer"], "date": pd.Timestamp("2025-12-31") - days})
        >>> from ltv.purchase import rfm_summary
        >>> s = rfm_summary(frame, customer="customer", unit="week", fractional=True, observation_end="2025-12-31")
        >>> s["frequency"].tolist(), s["recency"].round(1).tolist()
        ([6.0, 1.0, 0.0], [34.6, 1.4, 0.0])
        """

@final
class ParetoNbdFit:
    """A maximum-likelihood fit of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) to purchase
    histories.

    Made by :meth:`fit` (or read by :meth:`from_json`). It has every prediction of its fitted
    :class:`ParetoNbdModel` (``fit.model``) and the estimates of ``r``, ``alpha``, ``s`` and ``beta`` with
    their standard errors: ``repr()`` shows the estimates and the fit's figures, ``summary()`` is a table
    of estimates, standard errors and 95 % intervals, and ``_repr_html_()`` renders both in a notebook.
    On FHL's CDNOW sample (2,357 customers, weeks) it gives their published r 0.553, alpha 10.578,
    s 0.606, beta 11.669 (log-likelihood -9595.0).

    Attributes
    ----------
    model : ParetoNbdModel
        The fitted model.
    params : dict of str to float
        The estimates, ``{"r": ..., "alpha": ..., "s": ..., "beta": ...}``.
    std_err : dict of str to float or None
        Their standard errors (from the observed information), ``None`` where not available.
    log_likelihood : float
        The maximised (unpenalised) log-likelihood.
    n_customers, iterations : int
        The customers fitted (the sum of the weights) and the optimizer's iterations.
    converged : bool
        Whether the optimizer converged.

    Examples
    --------
    >>> from ltv.purchase import ParetoNbdFit
    >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
    ...                        weight=[600, 200, 150, 120, 80, 100])
    >>> fit.converged, fit.n_customers
    (True, 1250)
    >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
    1.627
    """
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
    ) -> ParetoNbdFit:
        """Fits the Pareto/NBD by maximum likelihood to customers' purchase histories.

        Maximises the summed (weighted) log-likelihood of the histories (``customer_log_likelihood``)
        by Newton's method from a moment-based start (Nelder-Mead steps when Newton stalls); the
        standard errors come from the observed information at the maximum.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer (or per group of customers sharing a history) with columns
            ``frequency``, ``recency`` and ``age`` (or ``T``), and optionally ``weight``; give either a
            frame or the keyword columns, not both.
        frequency : array-like, optional
            Repeat purchases ``x`` per row (whole numbers >= 0).
        recency : array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit (the
            unit of ``alpha`` and of every later prediction).
        weight : array-like, optional
            Customers per row (finite, >= 0, at least one positive); one each when omitted.
        penalty : float, default 0.0
            An L2 penalty ``c >= 0`` on the parameters (as lifetimes' ``penalizer_coef``): the fit
            maximises ``LL / N - c * sum(theta ** 2)``; 0 is plain maximum likelihood.
        start : sequence of float, optional
            Starting values of the parameters in ``PARAMS`` order, each in (0, 1e8]; a moment-based
            guess when omitted.
        max_iterations : int, default 200
            The most Newton steps (and Nelder-Mead steps when Newton stalls), in ``1..=MAX_FIT_ITERATIONS``
            (10,000).

        Returns
        -------
        ParetoNbdFit
            The estimates (``params``, ``std_err``, ``summary()``), the fit's figures (``log_likelihood``,
            ``n_customers``, ``iterations``, ``converged``) and every prediction of the fitted model.

        Raises
        ------
        InvalidInputError
            A bad history (``.field`` and ``.row`` name it), columns of different lengths, no positive
            weight, or an option out of range.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        UndefinedError
            The likelihood has no finite maximum in [1e-8, 1e8] (too few or too degenerate data).
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> fit.converged, fit.n_customers
        (True, 1250)
        >>> {k: round(v, 3) for k, v in fit.params.items()}
        {'r': 1.311, 'alpha': 19.708, 's': 0.505, 'beta': 6.42}
        """
    @property
    def model(self) -> ParetoNbdModel:
        """The fitted model."""
    @property
    def params(self) -> dict[str, float]:
        """The fitted parameters, ``{name: value}`` in ``PARAMS`` order."""
    @property
    def std_err(self) -> dict[str, Optional[float]]:
        """The standard errors, ``{name: value or None}`` (``None`` where the information gives none)."""
    @property
    def log_likelihood(self) -> float:
        """The maximised (unpenalised) total log-likelihood."""
    @property
    def n_customers(self) -> int:
        """Customers fitted (the sum of the weights, rounded)."""
    @property
    def iterations(self) -> int:
        """Optimizer iterations."""
    @property
    def converged(self) -> bool:
        """Whether the optimizer converged."""
    def summary(self) -> Any:
        """The estimates as a table: one row per parameter (``r``, ``alpha``, ``s``, ``beta``).

        Returns
        -------
        pandas.DataFrame
            Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
            1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> table = fit.summary()
        >>> list(table.columns)
        ['estimate', 'std_err', 'lower_95', 'upper_95']
        >>> round(float(table.loc["r", "estimate"]), 3)
        1.311
        """
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """Each customer's log-likelihood: the log of the density of their history ``(x, t_x, T)``.

        The Pareto/NBD: Fader & Hardie (2005), note 008, eqs. (22)-(24), in log space.
        A density in the purchase times, so it may be positive; summed (weighted) over customers it is what
        a fit maximises.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"customer_log_likelihood"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.customer_log_likelihood(frequency=2, recency=30.43, age=38.86), 6)
        -9.31156
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any:
        """``P(alive | x, t_x, T)``: the probability that each customer is still active at the end of
        observation.

        The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (11).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> fit.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
        [0.18, 0.874, 0.119]
        """
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | x, t_x, T]``: each customer's expected number of purchases in the next ``t`` (from the
        end of observation).

        The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (27).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
        1.627
        """
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = n | x, t_x, T)``: the probability that each customer makes exactly ``n`` purchases in
        the next ``t``.

        The Pareto/NBD: ``P(alive)`` times ``P(X(t) = n)`` at the posterior ``lambda ~ Gamma(r + x, alpha + T)``,
        ``mu ~ Gamma(s, beta + T)``, plus ``1 - P(alive)`` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        n : int or array-like
            The number of purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"conditional_probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> fit.conditional_probability_of_purchases(n=[0, 1, 2], t=39, frequency=2, recency=30.43, age=38.86).round(4).tolist()
        [0.3641, 0.2157, 0.1636]
        """
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(Y(t) = 0 | x, t_x, T)``: the probability that each customer makes no purchase in the next
        ``t`` (gone, or still active and not buying).

        The Pareto/NBD's :meth:`conditional_probability_of_purchases` at ``n = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_no_purchase"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.3641
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """``P(alive at T + t | x, t_x, T)``: the probability that each customer is still active ``t``
        after the end of observation (``t = 0``: :meth:`probability_alive`).

        The Pareto/NBD: ``P(alive) ((beta + T) / (beta + T + t))^s``, ``P(alive)`` times the Laplace transform
        of the posterior dropout rate ``mu ~ Gamma(s, beta + T)``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        t : float or array-like
            The time after the end of observation, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_alive_at"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.probability_alive_at(t=39, frequency=2, recency=30.43, age=38.86), 4)
        0.6385
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT): each customer's future purchases, continuously
        discounted, ``E[integral from T to infinity of exp(-delta (t - T)) dY(t) | x, t_x, T]``.

        Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
        *Journal of Marketing Research* 42(4), 415-430, eq. (1).
        The Pareto/NBD's in closed form (Fader, Hardie & Lee 2005, "RFM and CLV", eq. (2)).
        Multiplied by the margin on a purchase it is the customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            One row per customer with columns ``frequency``, ``recency`` and ``age`` (or ``T``); give either a frame
            or the three keyword columns, not both.
        frequency : float or array-like, optional
            Repeat purchases ``x`` (a whole number >= 0; the first purchase is not counted).
        recency : float or array-like, optional
            Time of the last repeat purchase since the first purchase, ``t_x``, in the data's time unit
            (``0 <= recency <= age``; 0 when ``frequency`` is 0).
        age : float or array-like, optional
            Time from the first purchase to the end of observation, ``T``, in the data's time unit.
        discount_rate : float or array-like
            ``delta``, the continuous discount rate per time unit of the data (e.g. ``log(1.15) / 52`` a
            week for 15 % a year), in (0, 1e9].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"discounted_expected_residual_transactions"``.

        Raises
        ------
        InvalidInputError
            A value out of its domain (``.field`` and ``.row`` name it: a fractional or negative ``frequency``,
            ``recency`` above ``age``, ...), or columns of different lengths.
        MissingColumnError
            A frame without a ``frequency``, ``recency`` or ``age`` column.
        TypeError
            Both a frame and keyword columns, a missing column, or a value that is not a number.
        DivergenceError
            The value cannot be computed to full precision for this rate and history.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> round(fit.discounted_expected_residual_transactions(discount_rate=0.01, frequency=2, recency=30.43, age=38.86), 4)
        3.1496
        """
    def expected_purchases(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected number of repeat purchases of a new customer in ``(0, t]`` after their
        first purchase.

        The Pareto/NBD: Fader & Hardie (2005), note 008, eq. (18).

        Parameters
        ----------
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases"``.

        Raises
        ------
        InvalidInputError
            A ``t`` that is negative, not finite or above 1e9 (``.row`` names it).
        TypeError
            A ``t`` that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> fit.expected_purchases(t=[13, 26, 39]).round(4).tolist()
        [0.6295, 1.0604, 1.4096]
        """
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` repeat purchases in
        ``(0, t]`` after their first purchase.

        The Pareto/NBD: Fader & Hardie's 2006 note on ``P(X(t) = x)``, eqs. (1)-(3), by quadrature.

        Parameters
        ----------
        n : int or array-like
            The number of repeat purchases, a whole number in ``0..=MAX_PURCHASE_COUNT`` (1,000,000).
        t : float or array-like
            The time since the first purchase, in the data's time unit (``0 <= t <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"probability_of_purchases"``.

        Raises
        ------
        InvalidInputError
            A fractional, negative or too large ``n``, a ``t`` out of range, or columns of different
            lengths.
        TypeError
            A value that is not a number.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> fit.probability_of_purchases(n=[0, 1, 2], t=39).round(4).tolist()
        [0.4969, 0.196, 0.1084]
        """
    def to_json(self) -> str:
        """The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood,
        standard errors, counts), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> fit.to_json().startswith('{"model":"pareto_nbd"')
        True
        """
    @staticmethod
    def from_json(text: str) -> ParetoNbdFit:
        """Reads a fit from a JSON model file (the ``"fit"`` object is required).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        ParetoNbdFit

        Raises
        ------
        InvalidInputError
            Another model or format version, no ``"fit"`` object, a missing or unknown key.
        TypeError
            A ``text`` that is not a str.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> ParetoNbdFit.from_json(fit.to_json()) == fit
        True
        """
    def _repr_html_(self) -> str: ...
    def expected_purchases_if_alive(
        self, data: Any = None, *, t: Any, frequency: Any = None, age: Any = None
    ) -> Any:
        """``E[Y(t) | alive now, x, T]``: each customer's expected number of purchases in the next ``t`` if
        they are alive at the end of observation.

        In this model the posterior of a live customer's purchase and dropout rates depends on the
        frequency and the age only, so ``conditional_expected_purchases`` is ``probability_alive`` times
        this (the example checks it), and customers who share ``(x, T)`` share it: ``customer_value``
        computes it once per distinct ``(x, T)``.

        Parameters
        ----------
        data : pandas or polars DataFrame, optional
            A frame with ``frequency`` and ``age`` columns (``T`` for ``age``; other columns are ignored),
            instead of the keyword columns.
        t : float or array-like
            The horizon after the end of observation, in the data's time unit (``0 <= t <= 1e9``).
        frequency : float or array-like
            Repeat purchases ``x``, whole numbers in [0, 1e7].
        age : float or array-like
            Time from the first purchase to the end of observation ``T`` (``0 < age <= 1e9``).

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            One value per customer, shaped like the input: a float when every input is a scalar, a float64 array
            for lists and arrays, and a Series for a pandas or polars input (a pandas frame's index kept), named
            ``"expected_purchases_if_alive"``.

        Raises
        ------
        InvalidInputError
            A frequency, age or ``t`` out of range (``.row`` names the row), or columns of different
            lengths.
        TypeError
            A column that is not numbers, or a frame without a ``frequency`` or ``age`` column.

        Examples
        --------
        >>> from ltv.purchase import ParetoNbdFit
        >>> fit = ParetoNbdFit.fit(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38,
        ...                        weight=[600, 200, 150, 120, 80, 100])
        >>> live = fit.expected_purchases_if_alive(t=39, frequency=[2, 2], age=38.86)
        >>> alive = fit.probability_alive(frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> expected = fit.conditional_expected_purchases(t=39, frequency=[2, 2], recency=[30.43, 5.0], age=38.86)
        >>> bool(abs(alive * live - expected).max() < 1e-12)
        True
        """

@final
class BgBbModel:
    """The beta-geometric/beta-Bernoulli (BG/BB) model of discrete-time purchasing of Fader, Hardie & Shang (2010).

    Customers have discrete transaction opportunities (yearly donation drives, weekly events). At each one an
    alive customer transacts with probability ``p``, Beta(``alpha``, ``beta``) distributed across customers, and
    before each one they die for good (unobserved) with probability ``theta``, Beta(``gamma``, ``delta``)
    distributed. A history is ``(frequency, recency, periods) = (x, t_x, n)``: ``x`` transactions in ``n``
    opportunities, the last at opportunity ``t_x``; time counts opportunities. Immutable; ``repr()`` shows the
    parameters, ``_repr_html_()`` a table.

    Reference: P. S. Fader, B. G. S. Hardie and J. Shang (2010), "Customer-Base Analysis in a Discrete-Time
    Noncontractual Setting", *Marketing Science* 29(6), 1086-1108.

    Parameters
    ----------
    alpha, beta : float
        The Beta distribution of the transaction probability ``p``, each in [``PURCHASE_MIN_PARAMETER``,
        ``PURCHASE_MAX_PARAMETER``] = [1e-8, 1e8].
    gamma, delta : float
        The Beta distribution of the dropout probability ``theta``, each in [1e-8, 1e8].

    Raises
    ------
    InvalidInputError
        A parameter out of range or not finite (``.field`` names it).
    TypeError
        A parameter that is not a number.

    Examples
    --------
    Fader, Hardie & Shang's estimates for 11,104 donors over 6 yearly drives; a donor who gave in all six:

    >>> from ltv.purchase import BgBbModel
    >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    >>> m
    BgBbModel(alpha=1.204, beta=0.75, gamma=0.657, delta=2.783)
    >>> round(m.probability_alive(frequency=6, recency=6, periods=6), 3)
    0.93
    """
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
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any:
        """Each history's log-likelihood under the model (Fader, Hardie & Shang 2010, eq. 5).

        ``L(alpha, beta, gamma, delta | x, t_x, n)`` is the probability of a customer's pattern of
        transactions over the ``n`` opportunities: alive throughout, or dead after opportunity ``t_x + i``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            The natural log of ``L`` per history, in the form of the input (a float for numbers, an array
            for arrays, a Series with the frame's index for a frame).

        Raises
        ------
        InvalidInputError
            An impossible history (``.field`` and ``.row`` name it) or columns of different lengths.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        Fader, Hardie & Shang's donations estimates; a donor who never gave again in 6 years is the
        likeliest pattern:

        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.customer_log_likelihood(frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(4).tolist()
        [-2.1822, -4.5161, -1.1673]
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any:
        """``P(alive at opportunity periods + 1 | history)`` (Fader, Hardie & Shang 2010, eq. 11).

        The probability that a customer with ``frequency`` transactions, the last at opportunity ``recency``,
        of ``periods`` opportunities, is still alive at the next one.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input (a Series with the frame's index for a frame).

        Raises
        ------
        InvalidInputError
            An impossible history (``.field`` and ``.row`` name it) or columns of different lengths.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.probability_alive(frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
        [0.93, 0.299, 0.108]
        """
    def conditional_expected_transactions(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """Expected transactions in the next ``t`` opportunities of a customer with this history (Fader,
        Hardie & Shang 2010, eq. 13).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, 1e6] (broadcast against the history).
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Expected transactions (>= 0), in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``t`` that is not a whole number in [0, 1e6] (``.field`` names it).
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        The donations: expected gifts in the 5 years after the 6 observed ones.

        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.conditional_expected_transactions(t=5, frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
        [3.752, 0.536, 0.073]
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT, Fader, Hardie & Shang 2010, eq. 14).

        The expected transactions over all future opportunities ``periods + 1, periods + 2, ...``, the one at
        ``periods + k`` discounted by ``(1 + discount_rate)^k``; times the value of a transaction, the
        customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        discount_rate : float or array-like of float
            Discount rate per opportunity (0.1 is 10 % a period), finite and > 0.
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Discounted transactions (>= 0), in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``discount_rate`` that is not finite and > 0.
        DivergenceError
            The series does not converge (a rate below about 1e-6).
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.discounted_expected_residual_transactions(discount_rate=0.1, frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
        [5.909, 0.844, 0.115]
        """
    def expected_transactions(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected transactions of a new customer in the first ``t`` opportunities (Fader,
        Hardie & Shang 2010, eq. 7).

        Parameters
        ----------
        t : int or array-like of int
            Opportunities, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].

        Returns
        -------
        float or numpy.ndarray
            Expected transactions (>= 0): a float for an int ``t``, an array (or Series) of ``t``'s form otherwise.

        Raises
        ------
        InvalidInputError
            A ``t`` that is not a whole number in [0, 1e6] (``.field`` names it).
        TypeError
            A ``t`` that is not numbers.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.expected_transactions(t=[1, 6, 11]).round(4).tolist()
        [0.4985, 2.2196, 3.3876]
        """
    def probability_of_transactions(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` transactions in the first
        ``t`` opportunities (Fader, Hardie & Shang 2010, eq. 8).

        ``n > t`` gives 0; the probabilities over ``n = 0..t`` sum to 1.

        Parameters
        ----------
        n : int or array-like of int
            Transactions, whole numbers in [0, 1e6].
        t : int or array-like of int
            Opportunities, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6] (broadcast against ``n``).

        Returns
        -------
        float or numpy.ndarray
            Probabilities in [0, 1]: a float for ints, an array (or Series) of the inputs' form otherwise.

        Raises
        ------
        InvalidInputError
            An ``n`` or ``t`` that is not a whole number in [0, 1e6], or lengths that do not broadcast.
        TypeError
            Values that are not numbers.

        Examples
        --------
        The chance that a new donor gives 0, 1 or 6 times in 6 years:

        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.probability_of_transactions(n=[0, 1, 6], t=6).round(4).tolist()
        [0.3112, 0.1701, 0.1128]
        """
    def conditional_probability_of_transactions(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """``P(X(periods, periods + t) = n | history)``: exactly ``n`` transactions in the next ``t`` opportunities
        (Fader, Hardie & Shang 2010, appendix).

        ``n > t`` gives 0. The probabilities over ``n = 0..t`` sum to 1 and their mean is
        :meth:`conditional_expected_transactions`.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        n : int or array-like of int
            Transactions, whole numbers in [0, 1e6] (broadcast against the history).
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or an ``n`` or ``t`` that is not a whole number in [0, 1e6].
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> p = m.conditional_probability_of_transactions(n=[0, 1, 2, 3, 4, 5], t=5, frequency=2, recency=3, periods=6)
        >>> p.round(4).tolist()
        [0.7565, 0.0819, 0.0739, 0.0525, 0.0271, 0.008]
        >>> round(float(p.sum()), 12)
        1.0
        """
    def probability_of_no_transaction(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """``P(no transaction in the next t opportunities | history)``: dead, or alive and not transacting.

        :meth:`conditional_probability_of_transactions` at ``n = 0``; 1 for ``t = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``t`` that is not a whole number in [0, 1e6].
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> round(m.probability_of_no_transaction(t=5, frequency=2, recency=3, periods=6), 4)
        0.7565
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """``P(alive at opportunity periods + t | history)`` (Fader, Hardie & Shang 2010, eq. 11 carried ``t``
        opportunities on).

        ``t = 1`` is :meth:`probability_alive`, ``t = 0`` the probability of having survived the observed
        opportunities.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``t`` that is not a whole number in [0, 1e6].
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.probability_alive_at(t=[0, 1, 5], frequency=2, recency=3, periods=6).round(4).tolist()
        [0.3211, 0.2988, 0.2377]
        """
    def simulate(self, *, periods: Any, seed: int = 0) -> dict[str, _Col]:
        """Draws one synthetic customer per entry of ``periods``, seeded, from the model's story.

        Each customer draws ``p ~ Beta(alpha, beta)`` and ``theta ~ Beta(gamma, delta)``, survives each opportunity
        with probability ``1 - theta`` and transacts at each one alive with probability ``p`` (Fader, Hardie &
        Shang 2010, section 2). The same customers for the same seed on every platform and release.

        Parameters
        ----------
        periods : array-like of int
            Each customer's transaction opportunities ``n``, whole numbers in [1, 1e6]; at most
            ``MAX_SIMULATED_CUSTOMERS`` (1e8) customers and ``MAX_SIMULATED_PURCHASES`` (1e9) opportunities in all.
        seed : int
            The generator's seed, a whole number in [0, 2**64 - 1].

        Returns
        -------
        dict of str to numpy.ndarray
            float64 arrays ``frequency``, ``recency`` and ``periods``, one row per customer (ready for
            ``BgBbFit.fit(**data)``).

        Raises
        ------
        InvalidInputError
            A ``periods`` that is not a whole number in [1, 1e6] (``.row`` names it), too many customers or
            opportunities, or a negative or too large ``seed``.
        TypeError
            ``periods`` that are not numbers, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> data = m.simulate(periods=[6, 6, 6], seed=1)
        >>> data["frequency"].tolist(), data["recency"].tolist()
        ([1.0, 0.0, 4.0], [1.0, 0.0, 6.0])
        """
    def to_json(self) -> str:
        """The model as a JSON model file (one line), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            ``{"model": "bg_bb", "format_version": 1, "alpha": ..., "beta": ..., "gamma": ..., "delta": ...}``.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783).to_json()
        '{"model":"bg_bb","format_version":1,"alpha":1.204,"beta":0.75,"gamma":0.657,"delta":2.783}'
        """
    @staticmethod
    def from_json(text: str) -> BgBbModel:
        """Reads a model from a JSON model file (with or without a ``"fit"`` object).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        BgBbModel

        Raises
        ------
        InvalidInputError
            Not JSON, another model or format version, a missing or unknown key, or a parameter out of range.
        TypeError
            ``text`` is not a str.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> BgBbModel.from_json(m.to_json()) == m
        True
        """
    def _repr_html_(self) -> str: ...
    def simulate_transactions(self, *, periods: Any, seed: int = 0) -> dict[str, npt.NDArray[Any]]:
        """Draws the customers of :meth:`simulate` (same ``periods``, same ``seed``) as a transaction log: one
        row per transaction, each customer's initial transaction at time 0 and each repeat transaction at its
        opportunity ``1..=n``.

        Summarising the log gives :meth:`simulate`'s histories: frequency = rows - 1, recency = the last
        ``time``. With one opportunity a year, a customer of ``n`` opportunities observed to year ``E`` made
        the initial transaction in year ``E - n``, so a row's year is ``E - n + time``.

        Parameters
        ----------
        periods : int or array-like
            Each customer's number of transaction opportunities ``n`` after the initial one, whole numbers in
            [1, 1e6] (at most ``MAX_SIMULATED_CUSTOMERS`` customers and 1e9 opportunities in all).
        seed : int, default 0
            The seed of the random number generator, in ``0..=2**64 - 1``.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"customer": ..., "time": ...}``: the customer's position in ``periods`` (int64) and the
            opportunity of the transaction (float64, whole numbers, 0 for the initial one), customers in order.

        Raises
        ------
        InvalidInputError
            A ``periods`` that is not a whole number in [1, 1e6] (``.row`` names it), too many customers or
            opportunities, or a negative or too large ``seed``.
        TypeError
            ``periods`` that are not numbers, or a ``seed`` that is not an int.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> log = m.simulate_transactions(periods=[6, 6, 6], seed=1)
        >>> log["customer"].tolist(), log["time"].tolist()
        ([0, 0, 1, 2, 2, 2, 2, 2], [0.0, 1.0, 0.0, 0.0, 1.0, 3.0, 4.0, 6.0])
        >>> (2025 - 6 + log["time"]).astype(int).tolist()  # the years, observed to 2025
        [2019, 2020, 2019, 2019, 2020, 2022, 2023, 2025]
        """

@final
class BgBbFit:
    """A maximum-likelihood fit of the BG/BB model (:class:`BgBbModel`) to discrete-time histories (:meth:`fit`).

    It predicts with the fitted model (the same methods as :class:`BgBbModel`). ``repr()`` shows the estimates
    and the fit's figures; ``summary()`` is a table of estimates, standard errors and 95 % intervals;
    ``_repr_html_()`` renders that table in a notebook.

    Attributes
    ----------
    model : BgBbModel
        The fitted model.
    params : dict of str to float
        The estimates, ``{"alpha": ..., "beta": ..., "gamma": ..., "delta": ...}``.
    std_err : dict of str to float or None
        Their standard errors (from the observed information), ``None`` where not available.
    log_likelihood : float
        The maximised (unpenalised) total log-likelihood.
    n_customers, iterations : int
        Customers fitted (the sum of the weights, rounded) and the optimizer's iterations.
    converged : bool
        Whether the optimizer converged.

    Examples
    --------
    Fader, Hardie & Shang's (2010) donations: 11,104 donors in 22 patterns over 6 yearly drives (``weight`` is
    donors per pattern).

    >>> from ltv.purchase import BgBbFit
    >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
    >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
    >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
    >>> fit = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w)
    >>> {k: round(v, 4) for k, v in fit.params.items()}
    {'alpha': 1.2035, 'beta': 0.7497, 'gamma': 0.6567, 'delta': 2.7834}
    >>> round(fit.log_likelihood, 1), fit.n_customers, fit.converged
    (-33225.6, 11104, True)
    """
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
    ) -> BgBbFit:
        """Fits the BG/BB by maximum likelihood to discrete-time histories (Fader, Hardie & Shang 2010, eq. 5
        summed over customers).

        Newton's method in the log parameters with exact derivatives (a Nelder-Mead fallback); the standard errors
        come from the Hessian at the optimum.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency``, ``periods`` (or ``n_periods``) and optionally
            ``weight`` (or ``weights``); give it or the keyword columns, not both.
        frequency, recency, periods : array-like of int
            The histories (see :class:`BgBbModel`), columns of one length: ``0 <= frequency <= recency <=
            periods``, ``recency = 0`` exactly when ``frequency = 0``, ``periods`` in [1, 1e6].
        weight : array-like of float, optional
            Customers sharing each history (finite, >= 0, at least one > 0); default 1 per row.
        penalty : float
            The L2 penalty ``c >= 0`` (lifetimes' ``penalizer_coef``): the fit maximises ``LL / N - c * sum(theta_k**2)``
            over the parameters ``theta``; 0 (the default) is plain maximum likelihood.
        start : sequence of float, optional
            Starting values ``[alpha, beta, gamma, delta]``, each finite and > 0; by default all 1.
        max_iterations : int
            The most Newton steps per run, in [1, ``MAX_FIT_ITERATIONS``] = [1, 10000] (default 200).

        Returns
        -------
        BgBbFit
            ``.params``, ``.std_err``, ``.log_likelihood``, ``.converged``; ``summary()`` tabulates them.

        Raises
        ------
        InvalidInputError
            An impossible history or bad weight (``.field`` and ``.row`` name it), columns of different lengths, or
            an option out of range.
        MissingColumnError
            A frame without one of the history columns.
        UndefinedError
            The likelihood has no finite maximum (a parameter runs to 0 or infinity: nobody ever transacted, or
            everybody at every opportunity).
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        The donations of Fader, Hardie & Shang (2010), a frame in lifetimes' column names:

        >>> import pandas as pd
        >>> from ltv.purchase import BgBbFit
        >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
        >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
        >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
        >>> donors = pd.DataFrame({"frequency": x, "recency": tx, "n_periods": 6, "weights": w})
        >>> fit = BgBbFit.fit(donors)
        >>> round(fit.model.alpha, 3), round(fit.model.delta, 3), fit.converged
        (1.204, 2.783, True)
        """
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
    def summary(self) -> Any:
        """The estimates as a table: one row per parameter (``alpha``, ``beta``, ``gamma``, ``delta``).

        Returns
        -------
        pandas.DataFrame
            Index ``parameter``; columns ``estimate``, ``std_err``, ``lower_95`` and ``upper_95`` (estimate -/+
            1.959964 standard errors; NaN where there is no standard error). Needs pandas (``ltv[pandas]``).

        Examples
        --------
        >>> from ltv.purchase import BgBbFit
        >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
        >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
        >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
        >>> table = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w).summary()
        >>> list(table.index), list(table.columns)
        (['alpha', 'beta', 'gamma', 'delta'], ['estimate', 'std_err', 'lower_95', 'upper_95'])
        >>> table.loc["delta"].round(3).tolist()
        [2.783, 0.321, 2.155, 3.412]
        """
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any:
        """Each history's log-likelihood under the model (Fader, Hardie & Shang 2010, eq. 5).

        ``L(alpha, beta, gamma, delta | x, t_x, n)`` is the probability of a customer's pattern of
        transactions over the ``n`` opportunities: alive throughout, or dead after opportunity ``t_x + i``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            The natural log of ``L`` per history, in the form of the input (a float for numbers, an array
            for arrays, a Series with the frame's index for a frame).

        Raises
        ------
        InvalidInputError
            An impossible history (``.field`` and ``.row`` name it) or columns of different lengths.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        Fader, Hardie & Shang's donations estimates; a donor who never gave again in 6 years is the
        likeliest pattern:

        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.customer_log_likelihood(frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(4).tolist()
        [-2.1822, -4.5161, -1.1673]
        """
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any:
        """``P(alive at opportunity periods + 1 | history)`` (Fader, Hardie & Shang 2010, eq. 11).

        The probability that a customer with ``frequency`` transactions, the last at opportunity ``recency``,
        of ``periods`` opportunities, is still alive at the next one.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input (a Series with the frame's index for a frame).

        Raises
        ------
        InvalidInputError
            An impossible history (``.field`` and ``.row`` name it) or columns of different lengths.
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.probability_alive(frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
        [0.93, 0.299, 0.108]
        """
    def conditional_expected_transactions(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """Expected transactions in the next ``t`` opportunities of a customer with this history (Fader,
        Hardie & Shang 2010, eq. 13).

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, 1e6] (broadcast against the history).
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Expected transactions (>= 0), in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``t`` that is not a whole number in [0, 1e6] (``.field`` names it).
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        The donations: expected gifts in the 5 years after the 6 observed ones.

        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.conditional_expected_transactions(t=5, frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
        [3.752, 0.536, 0.073]
        """
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """Discounted expected residual transactions (DERT, Fader, Hardie & Shang 2010, eq. 14).

        The expected transactions over all future opportunities ``periods + 1, periods + 2, ...``, the one at
        ``periods + k`` discounted by ``(1 + discount_rate)^k``; times the value of a transaction, the
        customer's residual value.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        discount_rate : float or array-like of float
            Discount rate per opportunity (0.1 is 10 % a period), finite and > 0.
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Discounted transactions (>= 0), in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``discount_rate`` that is not finite and > 0.
        DivergenceError
            The series does not converge (a rate below about 1e-6).
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.discounted_expected_residual_transactions(discount_rate=0.1, frequency=[6, 2, 0], recency=[6, 3, 0], periods=6).round(3).tolist()
        [5.909, 0.844, 0.115]
        """
    def expected_transactions(self, *, t: Any) -> Any:
        """``E[X(t)]``: the expected transactions of a new customer in the first ``t`` opportunities (Fader,
        Hardie & Shang 2010, eq. 7).

        Parameters
        ----------
        t : int or array-like of int
            Opportunities, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].

        Returns
        -------
        float or numpy.ndarray
            Expected transactions (>= 0): a float for an int ``t``, an array (or Series) of ``t``'s form otherwise.

        Raises
        ------
        InvalidInputError
            A ``t`` that is not a whole number in [0, 1e6] (``.field`` names it).
        TypeError
            A ``t`` that is not numbers.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.expected_transactions(t=[1, 6, 11]).round(4).tolist()
        [0.4985, 2.2196, 3.3876]
        """
    def probability_of_transactions(self, *, n: Any, t: Any) -> Any:
        """``P(X(t) = n)``: the probability that a new customer makes exactly ``n`` transactions in the first
        ``t`` opportunities (Fader, Hardie & Shang 2010, eq. 8).

        ``n > t`` gives 0; the probabilities over ``n = 0..t`` sum to 1.

        Parameters
        ----------
        n : int or array-like of int
            Transactions, whole numbers in [0, 1e6].
        t : int or array-like of int
            Opportunities, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6] (broadcast against ``n``).

        Returns
        -------
        float or numpy.ndarray
            Probabilities in [0, 1]: a float for ints, an array (or Series) of the inputs' form otherwise.

        Raises
        ------
        InvalidInputError
            An ``n`` or ``t`` that is not a whole number in [0, 1e6], or lengths that do not broadcast.
        TypeError
            Values that are not numbers.

        Examples
        --------
        The chance that a new donor gives 0, 1 or 6 times in 6 years:

        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.probability_of_transactions(n=[0, 1, 6], t=6).round(4).tolist()
        [0.3112, 0.1701, 0.1128]
        """
    def conditional_probability_of_transactions(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """``P(X(periods, periods + t) = n | history)``: exactly ``n`` transactions in the next ``t`` opportunities
        (Fader, Hardie & Shang 2010, appendix).

        ``n > t`` gives 0. The probabilities over ``n = 0..t`` sum to 1 and their mean is
        :meth:`conditional_expected_transactions`.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        n : int or array-like of int
            Transactions, whole numbers in [0, 1e6] (broadcast against the history).
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or an ``n`` or ``t`` that is not a whole number in [0, 1e6].
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> p = m.conditional_probability_of_transactions(n=[0, 1, 2, 3, 4, 5], t=5, frequency=2, recency=3, periods=6)
        >>> p.round(4).tolist()
        [0.7565, 0.0819, 0.0739, 0.0525, 0.0271, 0.008]
        >>> round(float(p.sum()), 12)
        1.0
        """
    def probability_of_no_transaction(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """``P(no transaction in the next t opportunities | history)``: dead, or alive and not transacting.

        :meth:`conditional_probability_of_transactions` at ``n = 0``; 1 for ``t = 0``.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``t`` that is not a whole number in [0, 1e6].
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> round(m.probability_of_no_transaction(t=5, frequency=2, recency=3, periods=6), 4)
        0.7565
        """
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any:
        """``P(alive at opportunity periods + t | history)`` (Fader, Hardie & Shang 2010, eq. 11 carried ``t``
        opportunities on).

        ``t = 1`` is :meth:`probability_alive`, ``t = 0`` the probability of having survived the observed
        opportunities.

        Parameters
        ----------
        data : pandas.DataFrame or polars.DataFrame, optional
            A summary frame with columns ``frequency``, ``recency`` and ``periods`` (or lifetimes'
            ``n_periods``); give it or the keyword columns, not both.
        t : int or array-like of int
            Opportunities ahead, whole numbers in [0, ``MAX_OPPORTUNITIES``] = [0, 1e6].
        frequency : int or array-like of int
            Transactions ``x`` in the ``periods`` opportunities, whole numbers in [0, ``periods``].
        recency : int or array-like of int
            The opportunity of the last transaction ``t_x``, a whole number in [``frequency``, ``periods``]
            (0 exactly when ``frequency`` is 0).
        periods : int or array-like of int
            Transaction opportunities observed ``n``, whole numbers in [1, ``MAX_OPPORTUNITIES``] = [1, 1e6].

        Returns
        -------
        float, numpy.ndarray, pandas.Series or polars.Series
            Probabilities in [0, 1], in the form of the input.

        Raises
        ------
        InvalidInputError
            An impossible history, or a ``t`` that is not a whole number in [0, 1e6].
        MissingColumnError
            A frame without one of the columns.
        TypeError
            Values that are not numbers, a missing column, or both a frame and columns.

        Examples
        --------
        >>> from ltv.purchase import BgBbModel
        >>> m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
        >>> m.probability_alive_at(t=[0, 1, 5], frequency=2, recency=3, periods=6).round(4).tolist()
        [0.3211, 0.2988, 0.2377]
        """
    def to_json(self) -> str:
        """The fit as a JSON model file (one line): the model and a ``"fit"`` object (log-likelihood, standard errors,
        counts), which the Rust crate ``ltv-models`` reads too.

        Returns
        -------
        str
            One line of JSON.

        Examples
        --------
        >>> from ltv.purchase import BgBbFit
        >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
        >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
        >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
        >>> fit = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w)
        >>> fit.to_json().startswith('{"model":"bg_bb"')
        True
        """
    @staticmethod
    def from_json(text: str) -> BgBbFit:
        """Reads a fit from a JSON model file (the ``"fit"`` object is required).

        Parameters
        ----------
        text : str
            The file's contents.

        Returns
        -------
        BgBbFit

        Raises
        ------
        InvalidInputError
            Not JSON, another model or format version, no ``"fit"`` object, a missing or unknown key.
        TypeError
            ``text`` is not a str.

        Examples
        --------
        >>> from ltv.purchase import BgBbFit
        >>> x = [6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 4, 3, 2, 1, 3, 2, 1, 2, 1, 1, 0]
        >>> tx = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 0]
        >>> w = [1203, 728, 512, 357, 234, 129, 335, 284, 225, 173, 119, 240, 181, 155, 78, 322, 255, 129, 613, 277, 1091, 3464]
        >>> fit = BgBbFit.fit(frequency=x, recency=tx, periods=[6 for _ in x], weight=w)
        >>> BgBbFit.from_json(fit.to_json()) == fit
        True
        """
    def _repr_html_(self) -> str: ...

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
    "_health_constant",
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
    churn_signal: str,
) -> tuple[list[str], list[_Col], _Col, npt.NDArray[np.bool_]]: ...
def _health_constant(names: list[str], columns: list[_Col]) -> list[tuple[str, float, str]]: ...
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
