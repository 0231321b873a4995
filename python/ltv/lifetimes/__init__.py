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

=============================================  ==================================================================
lifetimes                                       ltv.lifetimes, and why
=============================================  ==================================================================
``save_model`` / ``load_model`` use dill       the native versioned JSON model file; loading never executes code.
                                               The file holds parameters (and the fit's standard errors), no data
                                               and no ``generate_new_data`` (``save_data`` etc. are accepted).
``variance_matrix_``                            not available (``AttributeError``): the native fits report standard
                                               errors, not the covariance; nothing is derived here.
``summary`` / ``standard_errors_`` for          available for every fitter (lifetimes' Pareto/NBD and BG/BB fits
Pareto/NBD and BG/BB                           have no Hessian); they need a fit (``params_`` set by hand have none).
``initial_params``                              starting values in the parameters' own scale (lifetimes: log scale
                                               for BG/NBD, MBG/NBD); only the start, not the optimum. Gamma-Gamma:
                                               unused.
``tol``, ``verbose``, ``iterative_fitting``,    accepted and unused: the native fit (Newton, then Nelder-Mead) is
``fit_method``, ``maxiter``, ``**kwargs``       deterministic and reaches the optimum to machine precision.
``penalizer_coef``                              native ``penalty``: ``LL / N - c * sum(theta^2)``, lifetimes' form for
                                               BG/NBD, MBG/NBD, Gamma-Gamma. lifetimes' Pareto/NBD divides LL by the
                                               mean weight and BG/BB by the number of rows: with weights and a
                                               penalty the optimum differs.
``q_constraint=True``                           the unconstrained optimum when its q >= 1 (then it is the
                                               constrained one); ``ConvergenceError`` when q < 1 (no bounded fit).
Pareto/NBD NaN / overflow (recency = T,        finite values (native log-space series).
large frequencies)
Pareto/NBD ``conditional_probability_of_n_     P(0 purchases in no time) = 1, not lifetimes' 0.
purchases_up_to_time`` at ``t = 0``
BG/BB ``conditional_probability_alive(m, ...)``  only ``m = 0`` (alive now): the native model has no P(alive at n + m).
``customer_lifetime_value`` with Pareto/NBD      not yet: the native ``customer_value`` takes BG/NBD and MBG/NBD.
BG/NBD P(alive) = 1 when frequency = 0          kept: a property of the model (no dropout before a repeat purchase).
Gamma-Gamma with q < 1 (negative CLV)           the native model refuses parameters with an infinite mean spend.
``calibration_and_holdout_data`` on pandas 3   works; customers first seen in the holdout are left out (the left
                                               join on the calibration lifetimes intends).
error messages                                  native: ``ltv.InvalidInputError`` (a ``ValueError``) naming the field in
                                               the native vocabulary (``age`` for ``T``, ``periods`` for ``n_periods``).
``__version__``                                 ``ltv``'s version, not ``0.11.3``.
``freq`` month units                            ``"M"``, ``"ME"``, ``"MS"``, ``"Q"``, ``"Y"``: calendar months on the
                                               native calendar (lifetimes can no longer parse them on pandas 3).
=============================================  ==================================================================

Not here yet: ``generate_data`` (the simulators, so ``generate_new_data``, need native simulators) and three of
the ten plots (``plot_period_transactions``, ``plot_transaction_rate_heterogeneity``,
``plot_dropout_rate_heterogeneity``).

``utils.expected_cumulative_transactions`` sums the native ``expected_number_of_purchases_up_to_time`` over
the first-purchase cohorts weighted by their sizes (the one sum in this package: a shape mapping, no model
formula); ``utils.calculate_alive_path`` counts purchase periods and asks the model once.
"""

from __future__ import annotations

from .. import __version__
from . import datasets, fitters, plotting, utils
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
    "plotting",
    "utils",
]
