"""lifetimes' simulators: customer histories drawn from the models, with numpy's global random state (so
``numpy.random.seed`` makes a run repeatable, as in lifetimes). Vectorised over customers; each customer
makes at most :data:`MAX_SIMULATED_PURCHASES` repeat purchases (``ValueError`` past it, checked as drawn).

The draws follow the models' definitions (BG/NBD: Fader, Hardie & Lee 2005, *Marketing Science* 24(2);
MBG/NBD: Batislam, Denizel & Filiztekin 2007, *IJRM* 24(3); Pareto/NBD: Schmittlein, Morrison & Colombo 1987,
*Management Science* 33(1); BG/BB: Fader, Hardie & Shang 2010, *Marketing Science* 29(6)). ``frequency``
counts the repeat purchases (lifetimes counts the distinct whole time units holding one).

>>> import numpy as np
>>> from ltv.lifetimes.generate_data import beta_geometric_nbd_model
>>> np.random.seed(1)
>>> sim = beta_geometric_nbd_model(39, 0.243, 4.414, 0.793, 2.426, size=20000)
>>> list(sim.columns)
['frequency', 'recency', 'T', 'lambda', 'p', 'alive']
>>> from ltv.purchase import BgNbdModel
>>> expected = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426).expected_purchases(t=39)
>>> round(expected, 3), bool(abs(sim["frequency"].mean() - expected) < 0.05)
(1.197, True)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "beta_geometric_nbd_model",
    "beta_geometric_nbd_model_transactional_data",
    "modified_beta_geometric_nbd_model",
    "pareto_nbd_model",
    "beta_geometric_beta_binom_model",
    "MAX_SIMULATED_PURCHASES",
]

MAX_SIMULATED_PURCHASES = 100_000
"""The most repeat purchases one simulated customer may make."""


def _ages(T: Any, size: int) -> np.ndarray:
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size: expected a whole number >= 1, got {size!r}")
    ages = np.asarray(T, dtype=float)
    ages = np.full(size, float(ages)) if ages.ndim == 0 else ages.ravel()
    if len(ages) != size:
        raise ValueError(f"T: expected a number or {size} ages, got {len(ages)}")
    if not np.all(np.isfinite(ages)) or np.any(ages <= 0):
        raise ValueError("T: expected finite ages > 0")
    return ages


def _purchases(
    lam: np.ndarray, end: np.ndarray, p: np.ndarray, alive: np.ndarray, events: Any = None
) -> tuple[Any, Any, Any]:
    """Poisson(lam) repeat purchases in (0, end]; after each, dropout with probability p (p = 0: none).
    ``alive`` (updated) is whether the customer is alive at the end; ``events`` (a list) collects
    ``(customers, times)`` of each round's purchases."""
    n = len(lam)
    frequency = np.zeros(n)
    recency = np.zeros(n)
    t = np.zeros(n)
    active = alive.copy()
    with np.errstate(divide="ignore"):
        scale = 1.0 / lam
    for _ in range(MAX_SIMULATED_PURCHASES + 1):
        if not active.any():
            return frequency, recency, alive
        nxt = t + np.random.exponential(np.where(active, scale, 1.0))
        buys = active & (nxt <= end)
        frequency[buys] += 1
        recency[buys] = nxt[buys]
        if events is not None:
            events.append((np.flatnonzero(buys), nxt[buys]))
        t = np.where(buys, nxt, t)
        dies = buys & (np.random.random_sample(n) < p)
        alive &= ~dies
        active = buys & ~dies
        if np.any(frequency > MAX_SIMULATED_PURCHASES):
            break
    raise ValueError(f"a simulated customer made more than {MAX_SIMULATED_PURCHASES} repeat purchases")


def _bg(T: Any, r: float, alpha: float, a: float, b: float, size: int, dropout_at_start: bool) -> pd.DataFrame:
    ages = _ages(T, size)
    p = np.random.beta(a, b, size=size)
    lam = np.random.gamma(r, scale=1.0 / alpha, size=size)
    alive = np.random.random_sample(size) >= p if dropout_at_start else np.ones(size, dtype=bool)
    frequency, recency, alive = _purchases(lam, ages, p, alive)
    frame = pd.DataFrame({"frequency": frequency, "recency": recency, "T": ages, "lambda": lam, "p": p, "alive": alive})
    frame.index.name = "customer_id"
    return frame


def beta_geometric_nbd_model(T: Any, r: float, alpha: float, a: float, b: float, size: int = 1) -> pd.DataFrame:
    """``size`` customers simulated from the BG/NBD model (Fader, Hardie & Lee 2005, *Marketing Science* 24(2)).

    Each customer draws a purchase rate ``lambda`` ~ Gamma(r, alpha) and a dropout probability ``p`` ~ Beta(a, b),
    buys as a Poisson process of rate ``lambda`` from time 0 and after each purchase drops out with probability
    ``p``; ``frequency`` and ``recency`` are counted in ``(0, T]``. Draws from numpy's global random state
    (``numpy.random.seed`` makes a run repeatable, as in lifetimes); the native crate has no simulators, so the
    draws are made here (check them against the native :meth:`ltv.BgNbdModel.expected_purchases`). Used by
    :meth:`ltv.lifetimes.BetaGeoFitter.generate_new_data`.

    Parameters
    ----------
    T : float or array_like
        The customers' age at the end of observation, > 0: one number for all or ``size`` of them.
    r : float
        The shape of the Gamma distribution of the purchase rates, > 0.
    alpha : float
        The rate of the Gamma distribution of the purchase rates (in the unit of ``T``), > 0.
    a : float
        The first shape of the Beta distribution of the dropout probabilities, > 0.
    b : float
        The second shape of the Beta distribution of the dropout probabilities, > 0.
    size : int, default 1
        The number of customers, >= 1.

    Returns
    -------
    pandas.DataFrame
        ``size`` rows indexed by ``customer_id``: ``frequency`` (repeat purchases), ``recency`` (time of the last
        one, 0 without), ``T``, ``lambda``, ``p`` and ``alive`` (at ``T``).

    Raises
    ------
    ValueError
        For a ``size`` that is not a whole number >= 1, ``T`` not a positive finite number or ``size`` of them, a
        parameter numpy cannot draw from (e.g. a negative shape), or a customer with more than
        :data:`MAX_SIMULATED_PURCHASES` repeat purchases.

    Examples
    --------
    >>> import numpy as np
    >>> import ltv
    >>> from ltv.lifetimes.generate_data import beta_geometric_nbd_model
    >>> np.random.seed(1)
    >>> sim = beta_geometric_nbd_model(39, 0.243, 4.414, 0.793, 2.426, size=5000)
    >>> sim.head(3).round(3).to_dict("list")["frequency"], list(sim.columns)
    ([0.0, 2.0, 1.0], ['frequency', 'recency', 'T', 'lambda', 'p', 'alive'])
    >>> expected = ltv.BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426).expected_purchases(t=39)
    >>> standard_error = sim["frequency"].std() / np.sqrt(len(sim))
    >>> round(expected, 3), bool(abs(sim["frequency"].mean() - expected) < 4 * standard_error)
    (1.197, True)
    """
    return _bg(T, r, alpha, a, b, size, dropout_at_start=False)


def beta_geometric_nbd_model_transactional_data(
    T: Any, r: float, alpha: float, a: float, b: float, observation_period_end: Any = "2019-1-1", freq: str = "D",
    size: int = 1,
) -> pd.DataFrame:
    """A BG/NBD transaction log simulated for ``size`` customers, one row per purchase.

    Each customer's first purchase is ``T`` units of ``freq`` before ``observation_period_end``, then come their
    simulated repeat purchases: the draws of :func:`beta_geometric_nbd_model` (Fader, Hardie & Lee 2005), kept as
    purchase times. Draws from numpy's global random state.

    Parameters
    ----------
    T : float or array_like
        The customers' age at ``observation_period_end``, in units of ``freq``, > 0: one number for all or
        ``size`` of them.
    r : float
        The shape of the Gamma distribution of the purchase rates, > 0.
    alpha : float
        The rate of the Gamma distribution of the purchase rates (per unit of ``freq``), > 0.
    a : float
        The first shape of the Beta distribution of the dropout probabilities, > 0.
    b : float
        The second shape of the Beta distribution of the dropout probabilities, > 0.
    observation_period_end : datetime-like, default "2019-1-1"
        The end of observation.
    freq : {"D", "W", "h"}, default "D"
        The time unit of ``T`` and ``alpha``: days, weeks or hours (``"H"`` as ``"h"``).
    size : int, default 1
        The number of customers, >= 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id`` (``0..size - 1``) and ``date`` (timestamps), sorted by customer and date.

    Raises
    ------
    ValueError
        For a ``freq`` not listed above, and as :func:`beta_geometric_nbd_model`.

    Examples
    --------
    >>> import numpy as np
    >>> from ltv.lifetimes.generate_data import beta_geometric_nbd_model_transactional_data
    >>> np.random.seed(1)
    >>> log = beta_geometric_nbd_model_transactional_data(
    ...     39, 0.243, 4.414, 0.793, 2.426, observation_period_end="1997-09-30", freq="W", size=5
    ... )
    >>> log.groupby("customer_id").size().tolist(), str(log["date"].min())
    ([1, 8, 5, 3, 1], '1996-12-31 00:00:00')
    """
    units = {"D": "D", "W": "W", "h": "h", "H": "h"}
    if freq not in units:
        raise ValueError(f"freq: expected one of 'D', 'W', 'h', got {freq!r}")
    ages = _ages(T, size)
    p = np.random.beta(a, b, size=size)
    lam = np.random.gamma(r, scale=1.0 / alpha, size=size)
    events: list[Any] = [(np.arange(size), np.zeros(size))]
    _purchases(lam, ages, p, np.ones(size, dtype=bool), events)
    who = np.concatenate([e[0] for e in events])
    when = np.concatenate([e[1] for e in events])
    end = pd.Timestamp(observation_period_end)
    start = end - pd.to_timedelta(ages[who], unit=units[freq])
    dates = start + pd.to_timedelta(when, unit=units[freq])
    log = pd.DataFrame({"customer_id": who, "date": dates})
    return log.sort_values(["customer_id", "date"], kind="stable").reset_index(drop=True)


def modified_beta_geometric_nbd_model(T: Any, r: float, alpha: float, a: float, b: float, size: int = 1) -> pd.DataFrame:
    """``size`` customers simulated from the MBG/NBD model (Batislam, Denizel & Filiztekin 2007, *IJRM* 24(3)).

    As :func:`beta_geometric_nbd_model`, except that a customer may also drop out right after the first purchase
    (probability ``p``). Draws from numpy's global random state (compare with the native
    :meth:`ltv.MbgNbdModel.expected_purchases`). Used by
    :meth:`ltv.lifetimes.ModifiedBetaGeoFitter.generate_new_data`.

    Parameters
    ----------
    T : float or array_like
        The customers' age at the end of observation, > 0: one number for all or ``size`` of them.
    r : float
        The shape of the Gamma distribution of the purchase rates, > 0.
    alpha : float
        The rate of the Gamma distribution of the purchase rates (in the unit of ``T``), > 0.
    a : float
        The first shape of the Beta distribution of the dropout probabilities, > 0.
    b : float
        The second shape of the Beta distribution of the dropout probabilities, > 0.
    size : int, default 1
        The number of customers, >= 1.

    Returns
    -------
    pandas.DataFrame
        ``size`` rows indexed by ``customer_id``: ``frequency``, ``recency``, ``T``, ``lambda``, ``p``, ``alive``.

    Raises
    ------
    ValueError
        For a ``size`` that is not a whole number >= 1, ``T`` not a positive finite number or ``size`` of them, a
        parameter numpy cannot draw from (e.g. a negative shape), or a customer with more than
        :data:`MAX_SIMULATED_PURCHASES` repeat purchases.

    Examples
    --------
    >>> import numpy as np
    >>> import ltv
    >>> from ltv.lifetimes.generate_data import modified_beta_geometric_nbd_model
    >>> np.random.seed(1)
    >>> sim = modified_beta_geometric_nbd_model(39, 0.525, 6.183, 0.891, 1.614, size=5000)
    >>> expected = ltv.MbgNbdModel(r=0.525, alpha=6.183, a=0.891, b=1.614).expected_purchases(t=39)
    >>> standard_error = sim["frequency"].std() / np.sqrt(len(sim))
    >>> round(expected, 3), bool(abs(sim["frequency"].mean() - expected) < 4 * standard_error)
    (1.183, True)
    """
    return _bg(T, r, alpha, a, b, size, dropout_at_start=True)


def pareto_nbd_model(T: Any, r: float, alpha: float, s: float, beta: float, size: int = 1) -> pd.DataFrame:
    """``size`` customers simulated from the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987).

    *Management Science* 33(1). Each customer buys as a Poisson process of rate ``lambda`` ~ Gamma(r, alpha) during an
    exponential lifetime of rate ``mu`` ~ Gamma(s, beta); purchases are counted in ``(0, min(lifetime, T)]``. Draws from
    numpy's global random state (compare with the native :meth:`ltv.ParetoNbdModel.expected_purchases`). Used by
    :meth:`ltv.lifetimes.ParetoNBDFitter.generate_new_data`.

    Parameters
    ----------
    T : float or array_like
        The customers' age at the end of observation, > 0: one number for all or ``size`` of them.
    r : float
        The shape of the Gamma distribution of the purchase rates, > 0.
    alpha : float
        The rate of the Gamma distribution of the purchase rates (in the unit of ``T``), > 0.
    s : float
        The shape of the Gamma distribution of the dropout rates, > 0.
    beta : float
        The rate of the Gamma distribution of the dropout rates (in the unit of ``T``), > 0.
    size : int, default 1
        The number of customers, >= 1.

    Returns
    -------
    pandas.DataFrame
        ``size`` rows indexed by ``customer_id``: ``frequency``, ``recency``, ``T``, ``lambda``, ``mu`` and
        ``alive`` (lifetime past ``T``).

    Raises
    ------
    ValueError
        For a ``size`` that is not a whole number >= 1, ``T`` not a positive finite number or ``size`` of them, a
        parameter numpy cannot draw from (e.g. a negative shape), or a customer with more than
        :data:`MAX_SIMULATED_PURCHASES` repeat purchases.

    Examples
    --------
    >>> import numpy as np
    >>> import ltv
    >>> from ltv.lifetimes.generate_data import pareto_nbd_model
    >>> np.random.seed(1)
    >>> sim = pareto_nbd_model(39, 0.553, 10.578, 0.606, 11.668, size=5000)
    >>> expected = ltv.ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.668).expected_purchases(t=39)
    >>> standard_error = sim["frequency"].std() / np.sqrt(len(sim))
    >>> round(expected, 3), bool(abs(sim["frequency"].mean() - expected) < 4 * standard_error)
    (1.213, True)
    """
    ages = _ages(T, size)
    lam = np.random.gamma(r, scale=1.0 / alpha, size=size)
    mu = np.random.gamma(s, scale=1.0 / beta, size=size)
    with np.errstate(divide="ignore"):
        lifetime = np.random.exponential(np.where(mu > 0, 1.0 / np.where(mu > 0, mu, 1.0), np.inf))
    frequency, recency, _ = _purchases(lam, np.minimum(lifetime, ages), np.zeros(size), np.ones(size, dtype=bool))
    frame = pd.DataFrame(
        {"frequency": frequency, "recency": recency, "T": ages, "lambda": lam, "mu": mu, "alive": lifetime > ages}
    )
    frame.index.name = "customer_id"
    return frame


def beta_geometric_beta_binom_model(
    N: Any, alpha: float, beta: float, gamma: float, delta: float, size: int = 1
) -> pd.DataFrame:
    """``size`` customers simulated from the BG/BB model (Fader, Hardie & Shang 2010) over ``N`` opportunities.

    *Marketing Science* 29(6). Each customer draws ``p`` ~ Beta(alpha, beta) and ``theta`` ~ Beta(gamma, delta); at the
    start of each opportunity a living customer drops out with probability ``theta``, and a customer still alive
    transacts with probability ``p``. Draws from numpy's global random state (compare with the native
    :meth:`ltv.BgBbModel.expected_transactions`). Used by
    :meth:`ltv.lifetimes.BetaGeoBetaBinomFitter.generate_new_data`.

    Parameters
    ----------
    N : int or array_like
        The number of transaction opportunities, whole numbers in ``[1, MAX_SIMULATED_PURCHASES]``: one for all
        or ``size`` of them.
    alpha : float
        The first shape of the Beta distribution of the transaction probabilities, > 0.
    beta : float
        The second shape of the Beta distribution of the transaction probabilities, > 0.
    gamma : float
        The first shape of the Beta distribution of the dropout probabilities, > 0.
    delta : float
        The second shape of the Beta distribution of the dropout probabilities, > 0.
    size : int, default 1
        The number of customers, >= 1.

    Returns
    -------
    pandas.DataFrame
        ``size`` rows indexed by ``customer_id``: ``frequency``, ``recency`` (the last opportunity with a
        transaction, 0 without), ``n_periods``, ``p``, ``theta``, ``alive``.

    Raises
    ------
    ValueError
        For a ``size`` that is not a whole number >= 1, an ``N`` that is not whole numbers in
        ``[1, MAX_SIMULATED_PURCHASES]`` (or not ``size`` of them), or a parameter numpy cannot draw from.

    Examples
    --------
    The donations fit (Fader, Hardie & Shang 2010), 6 opportunities:

    >>> import numpy as np
    >>> import ltv
    >>> from ltv.lifetimes.generate_data import beta_geometric_beta_binom_model
    >>> np.random.seed(1)
    >>> sim = beta_geometric_beta_binom_model(6, 1.204, 0.750, 0.657, 2.783, size=5000)
    >>> expected = ltv.BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783).expected_transactions(t=6)
    >>> standard_error = sim["frequency"].std() / np.sqrt(len(sim))
    >>> round(expected, 3), bool(abs(sim["frequency"].mean() - expected) < 4 * standard_error)
    (2.22, True)
    """
    periods = _ages(N, size)
    if np.any(periods != np.floor(periods)) or np.any(periods > MAX_SIMULATED_PURCHASES):
        raise ValueError(f"N: expected whole numbers of opportunities in [1, {MAX_SIMULATED_PURCHASES}]")
    p = np.random.beta(alpha, beta, size=size)
    theta = np.random.beta(gamma, delta, size=size)
    alive = np.ones(size, dtype=bool)
    frequency = np.zeros(size)
    recency = np.zeros(size)
    for t in range(1, int(periods.max()) + 1):
        inside = t <= periods
        alive &= ~(inside & (np.random.random_sample(size) < theta))
        buys = inside & alive & (np.random.random_sample(size) < p)
        frequency[buys] += 1
        recency[buys] = t
    frame = pd.DataFrame(
        {"frequency": frequency, "recency": recency, "n_periods": periods, "p": p, "theta": theta, "alive": alive}
    )
    frame.index.name = "customer_id"
    return frame
