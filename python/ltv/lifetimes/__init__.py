"""``ltv.lifetimes``: lifetimes 0.11.3's API on the native models of :mod:`ltv.purchase`.

Change one import line: ``import ltv.lifetimes as lifetimes`` (or ``from ltv.lifetimes import
BetaGeoFitter``). The names, argument orders (quirks included: ``BetaGeoFitter.probability_of_n_purchases_up_to_time(t,
n)`` against ``ParetoNBDFitter.conditional_probability_of_n_purchases_up_to_time(n, t, ...)``), defaults and return
shapes are lifetimes'; every number comes from the Rust crate ``ltv-models``. This package holds no arithmetic of
its own. It runs on pandas 3, numpy 2 and setuptools >= 82 (no ``pkg_resources``, ``dill`` or ``autograd``).

Migration example, CDNOW (Fader, Hardie & Lee 2005: r 0.243, alpha 4.414, a 0.793, b 2.426):

>>> import ltv.lifetimes as lifetimes
>>> from ltv.lifetimes.datasets import load_cdnow_summary
>>> data = load_cdnow_summary(index_col=[0])
>>> bgf = lifetimes.BetaGeoFitter(penalizer_coef=0.0)
>>> bgf.fit(data["frequency"], data["recency"], data["T"])
<lifetimes.BetaGeoFitter: fitted with 2357 subjects, a: 0.79, alpha: 4.41, b: 2.43, r: 0.24>
>>> bgf.summary["coef"].round(3).tolist()
[0.243, 4.414, 0.793, 2.426]
>>> round(float(bgf.predict(39, 2, 30.43, 38.86)), 3)
1.226

The same with the native API: ``ltv.purchase.BgNbdFit.fit(frequency=..., recency=..., age=data["T"])``.

Differences from lifetimes
--------------------------

Each entry: what lifetimes does, then what ``ltv.lifetimes`` does and why.

- ``save_model`` / ``load_model`` (dill pickles): the native versioned JSON model file; loading never executes
  code. The file holds the parameters (and a fit's standard errors), no data and no ``generate_new_data``
  (``save_data``, ``save_generate_data_method`` and ``values_to_save`` are accepted).
- ``variance_matrix_`` (lifetimes: ``params**2 * inv(H) / sum(w)``, ``H`` the Hessian of its mean objective in
  the log-parameters, which scales the columns only, so its off-diagonal entries are not symmetric): every
  fitter (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma-Gamma) gives the native covariance, the inverse observed
  information of the penalised objective in the parameters themselves (the same diagonal; symmetric).
- ``summary`` / ``standard_errors_`` / ``confidence_intervals_`` (lifetimes: BG/NBD, MBG/NBD, Gamma-Gamma only):
  every fitter, from the native fit; they need a fit (``params_`` set by hand have no standard errors).
- ``initial_params``: lifetimes' scale (BG/NBD, MBG/NBD: the logs of the parameters, as lifetimes optimises
  them; Pareto/NBD: the parameters themselves), mapped to the native start; only the start, not the optimum.
  Gamma-Gamma: the logs of ``p, q, v``, as lifetimes optimises them.
- ``tol``, ``verbose``, ``iterative_fitting``, ``fit_method``, ``maxiter``, ``**kwargs`` (scipy options): accepted
  and unused: the native fit (Newton, then Nelder-Mead) is deterministic.
- ``penalizer_coef``: lifetimes' objective exactly. BG/NBD, MBG/NBD and Gamma-Gamma minimise
  ``-sum(w ll) / sum(w) + c * sum(theta^2)`` (the parameters, not their logs): the native ``penalty`` ``c``.
  Pareto/NBD divides by the mean weight, ``-sum(w ll) / mean(w) + c * sum(theta^2)``: the native ``penalty``
  ``c / len(frequency)`` (the same optimum). lifetimes' BG/BB divides by the number of rows,
  ``-sum(w ll) / len(rows) + c * sum(theta^2)``: the native ``penalty`` ``c * len(rows) / sum(w)`` (the same optimum).
- ``q_constraint=True``: the maximum over q >= 1 (lifetimes' bounded search): the unconstrained optimum when its
  q >= 1, else the native fit on the boundary q = 1 (``GammaGammaFit.fit(q_at_least_one=True)``); q then has no
  standard error.
- Gamma-Gamma with q <= 1 (negative CLV in lifetimes): the native model raises ``ltv.DivergenceError`` (the mean
  spend is infinite).
- Pareto/NBD NaN and overflow (recency = T, large frequencies, current scipy): finite values (native series).
- ``ParetoNBDFitter.conditional_probability_of_n_purchases_up_to_time`` at ``t <= 0`` (lifetimes: 0 for every n):
  the native value (P(0 purchases in no time) = 1).
- ``conditional_probability_alive_matrix`` and the matrix plots: the frequency-0 column is evaluated at recency 0,
  the only history without repeat purchases (lifetimes evaluates impossible histories there).
- BG/NBD P(alive) = 1 when frequency = 0: kept, a property of the model (no dropout before a repeat purchase).
- ``calibration_and_holdout_data`` (raises on pandas 3): works; customers first seen in the holdout are left out
  (the left join on the calibration that lifetimes intends).
- ``monetary_value_holdout`` (lifetimes: the mean of the holdout rows): the mean of the holdout purchase periods'
  totals, the calibration ``monetary_value``'s convention (two purchases of 4.75 on one day: lifetimes 4.75,
  here 9.5).
- ``freq`` month units (``"M"``, unparseable by lifetimes on pandas 3): ``"M"``, ``"ME"``, ``"MS"``, ``"Q"``, ``"Y"``
  are calendar months on the native calendar; ``"D"``, ``"W"``, ``"h"`` / ``"H"`` as lifetimes.
- ``datasets`` (``pkg_resources``, gone with setuptools >= 82): ``importlib.resources``; ``CDNOW_master.txt`` is not
  shipped.
- Errors: ``ltv.InvalidInputError`` (a ``ValueError``) naming the field in the native vocabulary (``age`` for
  ``T``, ``periods`` for ``n_periods``); ``ConvergenceError`` is a ``ValueError`` as in lifetimes.
- ``__version__``: ``ltv``'s version.

``generate_data`` draws from the models with numpy's global random state, as lifetimes does (the only place with
draws of its own: the native simulators, ``simulate`` and ``simulate_transactions``, take their own seed). All ten plots are here; ``plot_transaction_rate_heterogeneity`` and
``plot_dropout_rate_heterogeneity`` draw the native Gamma and Beta densities on lifetimes' grid (the point 0 left
out where the density is infinite, which matplotlib does not draw either), take ``ax=``, and use ``suptitle``
(lifetimes ignores it).

``utils.expected_cumulative_transactions`` sums the native ``expected_number_of_purchases_up_to_time`` over
the first-purchase cohorts weighted by their sizes (the one sum in this package: a shape mapping, no model
formula); ``utils.calculate_alive_path`` counts purchase periods and asks the model once.
"""

from __future__ import annotations

from .. import __version__
from . import datasets, fitters, generate_data, plotting, utils
from .fitters import (
    BaseFitter,
    BetaGeoBetaBinomFitter,
    BetaGeoFitter,
    GammaGammaFitter,
    ModifiedBetaGeoFitter,
    ParetoNBDFitter,
)

__all__ = [
    "__version__",
    "BaseFitter",
    "BetaGeoFitter",
    "ParetoNBDFitter",
    "GammaGammaFitter",
    "ModifiedBetaGeoFitter",
    "BetaGeoBetaBinomFitter",
    "datasets",
    "fitters",
    "generate_data",
    "plotting",
    "utils",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)
