"""Non-contractual purchase models ("buy till you die"): who is still buying, how much, and what they are worth.

Customers buy at random and leave silently. From each customer's ``frequency`` (repeat purchases ``x``),
``recency`` (time of the last repeat purchase since the first, ``t_x``) and ``age`` (time from the first
purchase to the end of observation, ``T``), in one time unit:

- :class:`BgNbdModel` / :class:`BgNbdFit`: the BG/NBD model of Fader, Hardie & Lee (2005), *Marketing
  Science* 24(2): Poisson purchasing while alive, dropout after each repeat purchase;
- :class:`MbgNbdModel` / :class:`MbgNbdFit`: the MBG/NBD of Batislam, Denizel & Filiztekin (2007), *IJRM*
  24(3): as BG/NBD, but a customer who never repeated may have left too;
- :class:`GammaGammaModel` / :class:`GammaGammaFit`: the Gamma-Gamma spend model (Fader, Hardie & Lee 2005;
  note 025), fitted on repeat customers' ``frequency`` and ``monetary_value``;
- :func:`customer_value`: discounted expected purchases x expected spend x margin over months;
- :func:`probability_alive_matrix` / :func:`expected_purchases_matrix`: a model's predictions over a
  frequency x recency grid; plots (matplotlib optional): :func:`period_transactions_plot`,
  :func:`calibration_holdout_plot`, :func:`probability_alive_heatmap`, :func:`expected_purchases_heatmap`,
  :func:`tracking_plot`, :func:`probability_alive_history_plot`;
- :func:`rfm_summary` / :func:`calibration_holdout` (on the Rust engine ``ltv_models::rfm_summary``): a
  transaction log to one row per customer (frequency, recency, age, monetary value), and its split into a
  calibration summary and holdout purchases;
- every model's ``simulate`` (seeded summaries) and ``simulate_transactions`` (the same customers as a
  transaction log, first purchase at time 0), and :meth:`GammaGammaModel.simulate_transaction_values` (a
  spend per log row): synthetic data to check a pipeline or a fit against known parameters.

Data come as the one positional argument (a pandas or polars frame with columns ``frequency``, ``recency``,
``age`` -- or ``T`` -- and optionally ``weight``) or as keyword columns; results come back in the same form
(a float, a numpy array, a pandas Series with the frame's index, or a polars Series). Every number comes
from the Rust crate ``ltv-models``.

>>> import pandas as pd
>>> from ltv.purchase import rfm_summary
>>> log = pd.DataFrame({"customer_id": [1, 1, 2], "date": ["2015-02-01", "2015-02-06", "2015-01-01"]})
>>> rfm_summary(log, observation_end="2015-02-07")[["frequency", "recency", "age"]].to_dict("list")
{'frequency': [1.0, 0.0], 'recency': [5.0, 0.0], 'age': [6.0, 37.0]}

The CDNOW sample of FHL 2005 (2,357 customers, weeks): their customer with ``x = 2``, ``t_x = 30.43``,
``T = 38.86`` expects 1.226 purchases in the next 39 weeks.

>>> from ltv.purchase import BgNbdModel
>>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
>>> round(m.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86), 3)
1.226
>>> m.probability_alive(frequency=[0, 2, 2], recency=[0, 30.43, 5.0], age=38.86).round(3).tolist()
[1.0, 0.727, 0.124]

Fitting (the weights are customers per row):

>>> from ltv.purchase import BgNbdFit
>>> fit = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7], recency=[0, 10, 3, 30, 36], age=38, weight=[600, 200, 150, 120, 80])
>>> fit.converged, sorted(fit.params)
(True, ['a', 'alpha', 'b', 'r'])
>>> BgNbdFit.from_json(fit.to_json()) == fit
True

Synthetic customers (seeded), e.g. to check that a fit recovers the parameters it was drawn from:

>>> data = BgNbdModel(r=0.6, alpha=5.0, a=0.9, b=3.0).simulate(age=[30.0] * 20000, seed=7)
>>> refit = BgNbdFit.fit(**data)
>>> abs(refit.params["r"] - 0.6) < 4 * refit.std_err["r"]
True

The Pareto/NBD with FHL's CDNOW estimates, and the BG/BB with Fader, Hardie & Shang's donations estimates
(a donor who gave in each of the 6 years; time in opportunities):

>>> from ltv.purchase import BgBbModel, ParetoNbdModel
>>> pnbd = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
>>> round(pnbd.probability_alive(frequency=2, recency=30.43, age=38.86), 3)
0.869
>>> bb = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
>>> round(bb.probability_alive(frequency=6, recency=6, periods=6), 3)
0.93
>>> round(bb.conditional_expected_transactions(t=5, frequency=6, recency=6, periods=6), 3)
3.752

Spend (Gamma-Gamma, on repeat customers) and customer value over 12 months at 1 % a month:

>>> from ltv.purchase import GammaGammaModel, customer_value
>>> spend = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
>>> round(spend.mean_spend(), 2)
35.22
>>> value = customer_value(m, frequency=2, recency=30.43, age=38.86, monetary_value=22.35, spend_model=spend)
>>> round(value, 2)
36.31
"""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

import numpy as np

from .._ltv import (
    MAX_FIT_ITERATIONS,
    MAX_PURCHASE_COUNT,
    MAX_SIMULATED_CUSTOMERS,
    MAX_SIMULATED_PURCHASES,
    MAX_VALUE_MONTHS,
    PURCHASE_MAX_PARAMETER,
    PURCHASE_MIN_PARAMETER,
    SPEND_MAX_PARAMETER,
    SPEND_MIN_PARAMETER,
    BgNbdFit,
    BgNbdModel,
    GammaGammaFit,
    GammaGammaModel,
    MbgNbdFit,
    MbgNbdModel,
    _covariance,
    _customer_value,
)
from .._columns import invalid_input, number, option, shown, whole
from .._ltv import MAX_OPPORTUNITIES, BgBbFit, BgBbModel, ParetoNbdFit, ParetoNbdModel
from .._ltv import _bg_bb_covariance, _gamma_gamma_covariance
from . import _data
from ._rfm import Recency, TimeUnit, TimeLike, calibration_holdout, rfm_summary
from ._matrix import MAX_MATRIX_CELLS, expected_purchases_matrix, probability_alive_matrix
from ._plot import (
    calibration_holdout_plot,
    expected_purchases_heatmap,
    period_transactions_plot,
    probability_alive_heatmap,
    probability_alive_history_plot,
    tracking_plot,
)

PurchaseModelLike = Union[BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit]
SpendModelLike = Union[GammaGammaModel, GammaGammaFit]


def customer_value(
    model: PurchaseModelLike,
    data: Any = None,
    *,
    frequency: Any = None,
    recency: Any = None,
    age: Any = None,
    spend: Any = None,
    monetary_value: Any = None,
    spend_model: Optional[SpendModelLike] = None,
    horizon_months: int = 12,
    time_unit: TimeUnit = "week",
    discount_rate: float = 0.01,
    rate_period: Literal["monthly", "annual", "continuous"] = "monthly",
    margin: float = 1.0,
    convention: Literal["calendar", "lifetimes", "pymc_marketing"] = "calendar",
) -> Any:
    """Each customer's value over ``horizon_months`` months: discounted expected purchases x expected spend per
    purchase x margin (Fader, Hardie & Lee 2005, "RFM and CLV"; on the Rust engine ``ltv_models::customer_value``).

    The sum over months ``i`` of the expected purchases in month ``i`` (from ``model``, conditional on the
    history) times the expected ``spend`` per purchase times ``margin``, discounted by ``(1 + d)^i`` with ``d``
    the monthly rate (an ``"annual"`` rate is converted by compounding). ``rate_period="continuous"``:
    ``discount_rate`` is a continuously compounded rate ``d`` per month and the value is
    ``spend * margin * integral of e^(-d s) dE[Y]`` over the horizon (``s`` in months); over a long horizon that
    is the model's ``discounted_expected_residual_transactions`` (at ``d`` per month) times the spend.

    ``convention="calendar"`` makes a month 365.25 / 12 days; ``"lifetimes"`` uses lifetimes'
    ``customer_lifetime_value`` month lengths (30 days, 4.345 weeks, 720 hours): with ``margin=1`` and a monthly
    rate that is lifetimes' number. ``"pymc_marketing"`` is the same as ``"lifetimes"``: pymc-marketing's
    ``customer_lifetime_value`` uses lifetimes' month lengths and discounting and takes the spend per purchase
    as given (its ``future_spend``); its defaults are ``discount_rate=0.0`` and daily data.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel or ParetoNbdFit
        The purchase model, fitted in ``time_unit``.
    data : pandas.DataFrame or polars.DataFrame, optional
        A summary frame with columns ``frequency``, ``recency``, ``age`` (or ``T``) and, with ``spend_model``,
        ``monetary_value``; give it or the keyword columns, not both.
    frequency : float or array-like
        Repeat purchases ``x``, whole numbers >= 0.
    recency : float or array-like
        Time of the last repeat purchase since the first ``t_x``, in ``time_unit``, in [0, ``age``].
    age : float or array-like
        Time from the first purchase to the end of observation ``T``, in ``time_unit``.
    spend : float or array-like, optional
        The expected spend per purchase (money units); give it or ``spend_model``, not both.
    monetary_value : float or array-like, optional
        Each customer's mean repeat-purchase value (money units; 0 without repeat purchases), with
        ``spend_model``.
    spend_model : GammaGammaModel or GammaGammaFit, optional
        A spend model: each customer's conditional expected spend given ``frequency`` and ``monetary_value``
        is used as their spend.
    horizon_months : int
        Months of value, a whole number in [1, ``MAX_VALUE_MONTHS``] = [1, 1200].
    time_unit : {"day", "week", "month", "hour"}
        The unit ``model`` was fitted in (and of ``recency`` and ``age``).
    discount_rate : float
        The discount rate per ``rate_period``, a fraction in [0, 10] (0.01 is 1 %).
    rate_period : {"monthly", "annual", "continuous"}
        How ``discount_rate`` compounds: monthly, annual (converted to monthly), or continuously per month.
    margin : float
        The fraction of spend kept, finite and >= 0: 0.3 for a 30 % margin, 1 (the default) for revenue.
    convention : {"calendar", "lifetimes", "pymc_marketing"}
        The month length: calendar months, or lifetimes' (and pymc-marketing's).

    Returns
    -------
    float, numpy.ndarray, pandas.Series or polars.Series
        The value per customer in money units, in the form of the input (a Series named ``customer_value`` with
        the frame's index for a frame).

    Raises
    ------
    InvalidInputError
        An impossible history, a negative spend or rate, a horizon out of range, an unknown option string
        (``.field`` names it).
    DivergenceError
        A spend model with ``q <= 1`` (its mean spend is infinite).
    TypeError
        Both or neither of ``spend`` and ``spend_model``, ``spend_model`` without ``monetary_value``, a model
        that is not a purchase model, values that are not numbers, or both a frame and columns.

    Examples
    --------
    FHL 2005's CDNOW estimates (weeks), 35 $ a purchase, 12 months at 1 % a month:

    >>> from ltv.purchase import BgNbdModel, customer_value
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> customer_value(m, frequency=[0, 2], recency=[0, 30.43], age=38.86, spend=35.0).round(2).tolist()
    [8.32, 51.53]

    With the Gamma-Gamma spend of each customer instead:

    >>> from ltv.purchase import GammaGammaModel
    >>> spend = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    >>> round(customer_value(m, frequency=2, recency=30.43, age=38.86, monetary_value=22.35, spend_model=spend), 2)
    36.31
    """
    extra = {} if data is not None or monetary_value is None else {"monetary_value": monetary_value}
    cols, like = _data.columns(data, frequency, recency, age, None, extra)
    if data is not None:
        if monetary_value is not None:
            raise TypeError("data: give either a frame or the columns, not both")
        mv = _data._pick(data, "monetary_value")
        cols["monetary_value"] = None if mv is None else _data.float_column("monetary_value", mv)
    if (spend is None) == (spend_model is None):
        raise TypeError("give either spend (a number or column) or spend_model (with monetary_value)")
    if spend_model is not None:
        mv = cols.get("monetary_value")
        if mv is None:
            raise TypeError("monetary_value: missing (needed with spend_model)")
        spend_values = np.asarray(
            spend_model.conditional_expected_spend(frequency=cols["frequency"], monetary_value=mv), dtype=np.float64
        )
    else:
        spend_values = _data.float_column("spend", spend)
    histories = [cols[k] for k in ("frequency", "recency", "age")]
    f, r, a = (np.zeros(1) if c is None else c for c in histories)
    months = whole("horizon_months", horizon_months)
    if not 0 <= months < 2**32:  # the Rust check (1..=MAX_VALUE_MONTHS) takes any u32
        raise invalid_input("horizon_months", shown(months), None, f"a whole number of months in 1..={MAX_VALUE_MONTHS}")
    values = _customer_value(
        model,
        f,
        r,
        a,
        np.ascontiguousarray(spend_values, dtype=np.float64).reshape(-1),
        months,
        option("time_unit", time_unit, ("day", "week", "month", "hour")),
        number("discount_rate", discount_rate),
        option("rate_period", rate_period, ("monthly", "annual", "continuous")),
        number("margin", margin),
        option("convention", convention, ("calendar", "lifetimes", "pymc_marketing")),
    )
    return _data.output(values, like, "customer_value")


def covariance(
    model: Union[
        BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel, BgBbFit,
        GammaGammaModel, GammaGammaFit,
    ],
    data: Any = None,
    *,
    frequency: Any = None,
    recency: Any = None,
    age: Any = None,
    periods: Any = None,
    monetary_value: Any = None,
    weight: Any = None,
    penalty: float = 0.0,
) -> np.ndarray:
    """The covariance matrix of a fit's estimates: the inverse of the observed information of these histories
    at the model's parameters (the asymptotic covariance of maximum-likelihood estimates).

    Rows and columns are the parameters in the model's ``PARAMS`` order. Give the data and ``penalty`` the model
    was fitted with: its diagonal is then the square of the fit's standard errors. The histories are the
    model's own columns: ``frequency, recency, age`` (BG/NBD, MBG/NBD, Pareto/NBD: 4 x 4), ``frequency,
    recency, periods`` (BG/BB: 4 x 4), ``frequency, monetary_value`` (Gamma-Gamma: 3 x 3); ``weight`` for all.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel, BgBbFit, GammaGammaModel or GammaGammaFit
        The model (or fit) whose parameters are the point of the information.
    data : pandas.DataFrame or polars.DataFrame, optional
        A frame with the model's columns; give it or the keyword columns, not both.
    frequency : array-like
        Repeat purchases (transactions for BG/BB), whole numbers >= 0 (>= 1 for Gamma-Gamma).
    recency : array-like
        Time of the last repeat purchase, in the model's time unit (the opportunity for BG/BB); not for
        Gamma-Gamma.
    age : array-like
        Time from the first purchase to the end of observation, in the model's time unit (continuous-time
        models).
    periods : array-like
        Transaction opportunities (BG/BB).
    monetary_value : array-like
        Mean repeat-purchase value in money units (Gamma-Gamma).
    weight : array-like, optional
        Customers sharing each row (finite, >= 0); default 1 per row.
    penalty : float
        The L2 penalty the model was fitted with, >= 0.

    Returns
    -------
    numpy.ndarray
        A symmetric float64 array, 4 x 4 (3 x 3 for Gamma-Gamma), in the squared units of the parameters.

    Raises
    ------
    InvalidInputError
        An impossible history or a bad weight (``.field`` and ``.row`` name it), columns of different lengths,
        or a negative penalty.
    UndefinedError
        The information is not positive definite (these parameters are no maximum for these data).
    TypeError
        A model that is not one of these classes, values that are not numbers, a missing column, or both a
        frame and columns.

    Examples
    --------
    >>> import numpy as np
    >>> from ltv.purchase import BgNbdFit, GammaGammaFit, covariance
    >>> hist = dict(frequency=[0, 1, 2, 4, 7, 1], recency=[0, 10, 3, 30, 36, 36], age=38.0,
    ...             weight=[600, 200, 150, 120, 80, 100])
    >>> fit = BgNbdFit.fit(**hist)
    >>> cov = covariance(fit, **hist)
    >>> cov.shape, bool(np.isclose(np.sqrt(cov[0, 0]), fit.std_err["r"], rtol=1e-12))
    ((4, 4), True)
    >>> from ltv.purchase import GammaGammaModel
    >>> spend = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=[1 + i % 7 for i in range(500)], seed=1)
    >>> gg = GammaGammaFit.fit(**spend)
    >>> covariance(gg, **spend).shape
    (3, 3)
    """
    if isinstance(model, (BgBbModel, BgBbFit)):
        flat = _bg_bb_covariance(
            model, data, frequency=frequency, recency=recency, periods=periods, weight=weight, penalty=penalty
        )
        n = 4
    elif isinstance(model, (GammaGammaModel, GammaGammaFit)):
        flat = _gamma_gamma_covariance(
            model, data, frequency=frequency, monetary_value=monetary_value, weight=weight, penalty=penalty
        )
        n = 3
    else:
        flat = _covariance(model, data, frequency=frequency, recency=recency, age=age, weight=weight, penalty=penalty)
        n = 4
    return np.asarray(flat, dtype=np.float64).reshape(n, n)


__all__ = [
    "Recency",
    "TimeUnit",
    "TimeLike",
    "calibration_holdout",
    "rfm_summary",
    "customer_value",
    "covariance",
    "GammaGammaModel",
    "GammaGammaFit",
    "MAX_VALUE_MONTHS",
    "SPEND_MIN_PARAMETER",
    "SPEND_MAX_PARAMETER",
    "BgNbdModel",
    "BgNbdFit",
    "MbgNbdModel",
    "MbgNbdFit",
    "MAX_FIT_ITERATIONS",
    "MAX_PURCHASE_COUNT",
    "MAX_SIMULATED_CUSTOMERS",
    "MAX_SIMULATED_PURCHASES",
    "PURCHASE_MIN_PARAMETER",
    "PURCHASE_MAX_PARAMETER",
    "ParetoNbdModel",
    "ParetoNbdFit",
    "BgBbModel",
    "BgBbFit",
    "MAX_OPPORTUNITIES",
    "MAX_MATRIX_CELLS",
    "probability_alive_matrix",
    "expected_purchases_matrix",
    "period_transactions_plot",
    "calibration_holdout_plot",
    "probability_alive_heatmap",
    "expected_purchases_heatmap",
    "tracking_plot",
    "probability_alive_history_plot",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)
