"""lifetimes' fitters (``BetaGeoFitter`` and the others) on the native models of :mod:`ltv.purchase`.

Every number comes from the native models: this module maps lifetimes' names, argument orders, defaults
and return shapes onto them and holds no arithmetic of its own. Predictions read ``params_`` each time, so
``params_`` may be set by hand before predicting (the names are lifetimes': ``r, alpha, a, b``;
``r, alpha, s, beta``; ``alpha, beta, gamma, delta``; ``p, q, v``).

>>> import pandas as pd
>>> from ltv.lifetimes import BetaGeoFitter
>>> bgf = BetaGeoFitter()
>>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
>>> round(float(bgf.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86)), 3)
1.226
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from .. import purchase as _p
from . import generate_data as _gen
from .utils import ConvergenceError

__all__ = [
    "BaseFitter",
    "BetaGeoFitter",
    "ModifiedBetaGeoFitter",
    "ParetoNBDFitter",
    "BetaGeoBetaBinomFitter",
    "GammaGammaFitter",
]

# lifetimes' customer_lifetime_value ``freq`` -> the native ``time_unit`` (lifetimes' month lengths under the
# native ``convention="lifetimes"``: 30 days, 4.345 weeks, 720 hours, 1 month).
_CLV_UNITS: Dict[str, str] = {"D": "day", "W": "week", "M": "month", "H": "hour", "h": "hour"}


def _series(values: Any) -> Any:
    """A native result in lifetimes' shape: a pandas Series loses the native name (lifetimes' arithmetic on
    Series gives unnamed Series); floats and arrays pass through."""
    if isinstance(values, pd.Series):
        return values.rename(None)
    return values


class BaseFitter:
    """What every lifetimes fitter shares: ``params_``, ``summary``, ``standard_errors_``,
    ``confidence_intervals_``, ``_unload_params``, ``save_model`` / ``load_model`` and the repr.

    ``variance_matrix_``: the native covariance of the estimates (:func:`ltv.purchase.covariance`), the inverse
    observed information of the penalised objective at the fit, on the parameters' own scale (lifetimes: its
    delta-method transform of the log-scale inverse Hessian, whose diagonal is the same; lifetimes scales the
    columns only, so its off-diagonal entries are not symmetric: here they are the covariances).
    """

    _PARAMS: ClassVar[Tuple[str, ...]] = ()
    _NATIVE: ClassVar[Tuple[str, ...]] = ()  # the native parameter names, in _PARAMS order
    _MODEL: ClassVar[Any] = None
    _FIT: ClassVar[Any] = None
    # The native covariance's keyword for each column of ``data`` it reads (every fitter sets its own).
    _COVARIANCE_COLUMNS: ClassVar[Dict[str, str]] = {}

    params_: pd.Series
    data: pd.DataFrame
    _fitted_penalty: float
    predict: Any
    generate_new_data: Any

    def __init__(self, penalizer_coef: float = 0.0) -> None:
        self.penalizer_coef = penalizer_coef
        self.params_names = list(self._PARAMS)
        self._native_fit: Any = None
        self._set_predict()

    def __repr__(self) -> str:
        name = type(self).__name__
        subjects = f" fitted with {self.data.shape[0]:d} subjects," if hasattr(self, "data") else ""
        if not hasattr(self, "params_"):
            return f"<lifetimes.{name}>"
        params = ", ".join(f"{k}: {float(v):.2f}" for k, v in sorted(self.params_.items()))
        return f"<lifetimes.{name}:{subjects} {params}>"

    def _unload_params(self, *args: str) -> List[float]:
        """The values of the named parameters, from ``params_`` (``ValueError`` before a fit)."""
        if not hasattr(self, "params_"):
            raise ValueError("Model has not been fit yet. Please call the .fit method first.")
        return [float(self.params_[x]) for x in args]

    def _model(self) -> Any:
        """The native model of the current ``params_``."""
        values = self._unload_params(*self._PARAMS)
        return self._MODEL(**dict(zip(self._NATIVE, values)))

    def _store_fit(self, fit: Any, data: pd.DataFrame) -> None:
        if not fit.converged:
            raise ConvergenceError(
                "The model did not converge. Try adding a larger penalizer to see if that helps convergence."
            )
        self._native_fit = fit
        self.params_ = pd.Series([fit.params[k] for k in self._NATIVE], index=list(self._PARAMS), dtype=float)
        self.data = data
        self._set_predict()
        self._set_generate()

    def _set_generate(self) -> None:
        """``generate_new_data(size=1)``: customers simulated from the current ``params_`` with the fitted
        data's ages (lifetimes' attribute, set by ``fit``)."""
        simulate = getattr(self, "_simulate", None)
        if simulate is not None:
            self.generate_new_data = lambda size=1: simulate(size)

    def _set_predict(self) -> None:
        method = getattr(self, "conditional_expected_number_of_purchases_up_to_time", None)
        if method is not None:
            self.predict = method

    def _fitted_summary(self) -> pd.DataFrame:
        if self._native_fit is None:
            raise AttributeError("standard errors need a fit: call .fit first (params_ set by hand have none)")
        native = self._native_fit.summary()
        native.index = list(self._PARAMS)
        return native

    @property
    def standard_errors_(self) -> pd.Series:
        """The native fit's standard errors (``se(coef)``), a Series indexed by the parameter names."""
        return self._fitted_summary()["std_err"].rename(None)

    @property
    def confidence_intervals_(self) -> pd.DataFrame:
        """95 % intervals, columns ``lower 95% bound`` and ``upper 95% bound`` (the native fit's)."""
        native = self._fitted_summary()
        return pd.DataFrame(
            {"lower 95% bound": native["lower_95"], "upper 95% bound": native["upper_95"]}, index=native.index
        )

    @property
    def variance_matrix_(self) -> pd.DataFrame:
        """The covariance matrix of the estimates, a DataFrame indexed both ways by the parameter names."""
        return self._variance_matrix()

    def _variance_matrix(self) -> pd.DataFrame:
        if self._native_fit is None or not hasattr(self, "data"):
            raise AttributeError(
                "variance_matrix_ needs a fit and its data: call .fit first (params_ set by hand or a loaded model "
                "have none)"
            )
        cov = _p.covariance(self._native_fit, **self._covariance_columns(), penalty=self._fitted_penalty)
        return pd.DataFrame(cov, index=list(self._PARAMS), columns=list(self._PARAMS))

    def _covariance_columns(self) -> Dict[str, np.ndarray]:
        """The fitted data as the native covariance's columns (``_COVARIANCE_COLUMNS``: native name -> data column)."""
        return {name: self.data[column].to_numpy(dtype=float) for name, column in self._COVARIANCE_COLUMNS.items()}

    @property
    def summary(self) -> pd.DataFrame:
        """lifetimes' summary: columns ``coef``, ``se(coef)``, ``lower 95% bound``, ``upper 95% bound``."""
        native = self._fitted_summary()
        return pd.DataFrame(
            {
                "coef": self.params_,
                "se(coef)": native["std_err"],
                "lower 95% bound": native["lower_95"],
                "upper 95% bound": native["upper_95"],
            },
            index=self.params_.index,
        )

    def save_model(
        self,
        path: str,
        save_data: bool = True,
        save_generate_data_method: bool = True,
        values_to_save: Optional[Sequence[Any]] = None,
    ) -> None:
        """Write the native versioned JSON model file to ``path`` (not a dill pickle: loading it never
        executes code). A fit whose ``params_`` are unchanged is written with its standard errors; otherwise
        the model of the current ``params_``. ``save_data``, ``save_generate_data_method`` and
        ``values_to_save`` are accepted for compatibility: the file holds no data and no code."""
        fit = self._native_fit
        if fit is not None and [fit.params[k] for k in self._NATIVE] == self._unload_params(*self._PARAMS):
            text = fit.to_json()
        else:
            text = self._model().to_json()
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)

    def load_model(self, path: str) -> None:
        """Read a file written by :meth:`save_model` (or the native ``to_json``) into this fitter."""
        with open(path, encoding="utf-8") as src:
            text = src.read()
        document = json.loads(text)
        if isinstance(document, dict) and "fit" in document:
            fit = self._FIT.from_json(text)
            self._native_fit = fit
            model = fit.model
        else:
            model = self._MODEL.from_json(text)
            self._native_fit = None
        self.params_ = pd.Series([model.params[k] for k in self._NATIVE], index=list(self._PARAMS), dtype=float)
        self._set_predict()


def _start(initial_params: Any) -> Optional[List[float]]:
    return None if initial_params is None else [float(v) for v in np.asarray(initial_params, dtype=float).ravel()]


def _weights(weights: Any, like: np.ndarray) -> np.ndarray:
    return np.ones_like(like, dtype=np.int64) if weights is None else np.asarray(weights)


class _ContinuousFitter(BaseFitter):
    """BG/NBD, MBG/NBD and Pareto/NBD: histories ``(frequency, recency, T)`` in continuous time."""

    def _fit_continuous(
        self, frequency: Any, recency: Any, T: Any, weights: Any, initial_params: Any, index: Any
    ) -> None:
        f = np.asarray(frequency).astype(int)
        r = np.asarray(recency)
        age = np.asarray(T)
        w = _weights(weights, r)
        fit = self._FIT.fit(
            frequency=f.astype(float),
            recency=r.astype(float),
            age=age.astype(float),
            weight=w.astype(float),
            penalty=self._native_penalty(len(w)),
            start=self._native_start(initial_params),
        )
        data = pd.DataFrame({"frequency": f, "recency": r, "T": age, "weights": w}, index=index)
        self._store_fit(fit, data)
        self._fitted_penalty = self._native_penalty(len(w))

    _SIMULATOR: ClassVar[Any] = None

    _COVARIANCE_COLUMNS: ClassVar[Dict[str, str]] = {
        "frequency": "frequency", "recency": "recency", "age": "T", "weight": "weights"
    }

    def _native_penalty(self, n_rows: int) -> float:
        """The native penalty for lifetimes' ``penalizer_coef``. BG/NBD and MBG/NBD in lifetimes 0.11.3
        minimise ``-sum(w * ll) / sum(w) + penalizer_coef * sum(params**2)`` (the parameters themselves, not
        their logs): the native objective exactly, so the coefficient passes through."""
        return float(self.penalizer_coef)

    def _native_start(self, initial_params: Any) -> Optional[List[float]]:
        """lifetimes 0.11.3's BG/NBD and MBG/NBD optimise the logs of the parameters and take
        ``initial_params`` on that scale: the native start is their exponential."""
        start = _start(initial_params)
        return None if start is None else [float(np.exp(v)) for v in start]

    def _simulate(self, size: int) -> Any:
        ages = self.data["T"].to_numpy()
        return type(self)._SIMULATOR(ages, *self._unload_params(*self._PARAMS), size=size)

    def conditional_expected_number_of_purchases_up_to_time(self, t: Any, frequency: Any, recency: Any, T: Any) -> Any:
        """Expected repeat purchases in ``(T, T + t]`` given the history (native
        ``conditional_expected_purchases``)."""
        return _series(self._model().conditional_expected_purchases(t=t, frequency=frequency, recency=recency, age=T))

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """P(alive at ``T``) given the history (native ``probability_alive``)."""
        return _series(self._model().probability_alive(frequency=frequency, recency=recency, age=T))

    def conditional_probability_alive_matrix(
        self, max_frequency: Optional[int] = None, max_recency: Optional[int] = None
    ) -> np.ndarray:
        """P(alive) on the grid recency ``0..max_recency`` (rows) x frequency ``0..max_frequency`` (columns),
        every customer of age ``max_recency`` (defaults: the largest observed frequency and age). The
        frequency-0 column is evaluated at recency 0, the only history without repeat purchases (lifetimes
        evaluates its formula at recencies no such customer can have)."""
        max_frequency = max_frequency or int(self.data["frequency"].max())
        max_recency = max_recency or int(self.data["T"].max())
        rec, freq = np.meshgrid(np.arange(max_recency + 1), np.arange(max_frequency + 1), indexing="ij")
        rec = np.where(freq == 0, 0, rec)
        alive = self._model().probability_alive(
            frequency=freq.ravel().astype(float), recency=rec.ravel().astype(float), age=float(max_recency)
        )
        return np.asarray(alive, dtype=float).reshape(rec.shape)

    def expected_number_of_purchases_up_to_time(self, t: Any) -> Any:
        """Expected repeat purchases in ``(0, t]`` of a new customer (native ``expected_purchases``)."""
        return self._model().expected_purchases(t=t)


class BetaGeoFitter(_ContinuousFitter):
    """The BG/NBD model (Fader, Hardie & Lee 2005, *Marketing Science* 24(2) 275-284) under lifetimes'
    names; parameters ``r, alpha, a, b``. Native: :class:`ltv.purchase.BgNbdFit`."""

    _PARAMS = ("r", "alpha", "a", "b")
    _NATIVE = ("r", "alpha", "a", "b")
    _MODEL: ClassVar[Any] = _p.BgNbdModel
    _FIT: ClassVar[Any] = _p.BgNbdFit
    _SIMULATOR: ClassVar[Any] = staticmethod(_gen.beta_geometric_nbd_model)

    def fit(
        self,
        frequency: Any,
        recency: Any,
        T: Any,
        weights: Any = None,
        initial_params: Any = None,
        verbose: bool = False,
        tol: float = 1e-7,
        index: Any = None,
        **kwargs: Any,
    ) -> "BetaGeoFitter":
        """Maximum-likelihood fit (native Newton; ``tol``, ``verbose`` and optimizer ``kwargs`` are accepted
        and unused). ``initial_params`` are starting values on lifetimes' scale: the logs of ``r, alpha, a,
        b``. ``penalizer_coef`` is lifetimes' L2 penalty on the parameters, added to the mean negative
        log-likelihood per customer (the native ``penalty``)."""
        self._fit_continuous(frequency, recency, T, weights, initial_params, index)
        return self

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """P(alive) given the history; like lifetimes, always a 1-D numpy array (1 when ``frequency`` is 0)."""
        return np.atleast_1d(np.asarray(super().conditional_probability_alive(frequency, recency, T), dtype=float))

    def probability_of_n_purchases_up_to_time(self, t: Any, n: Any) -> Any:
        """P(N(t) = n) for a new customer; lifetimes' order ``(t, n)``."""
        return self._model().probability_of_purchases(n=n, t=t)


class ModifiedBetaGeoFitter(BetaGeoFitter):
    """The MBG/NBD model (Batislam, Denizel & Filiztekin 2007, *IJRM* 24(3) 201-209) under lifetimes'
    names; parameters ``r, alpha, a, b``. Native: :class:`ltv.purchase.MbgNbdFit`."""

    _MODEL: ClassVar[Any] = _p.MbgNbdModel
    _FIT: ClassVar[Any] = _p.MbgNbdFit
    _SIMULATOR: ClassVar[Any] = staticmethod(_gen.modified_beta_geometric_nbd_model)

    def fit(
        self,
        frequency: Any,
        recency: Any,
        T: Any,
        weights: Any = None,
        initial_params: Any = None,
        verbose: bool = False,
        tol: float = 1e-7,
        index: Any = None,
        **kwargs: Any,
    ) -> "ModifiedBetaGeoFitter":
        """Maximum-likelihood fit, as :meth:`BetaGeoFitter.fit`."""
        self._fit_continuous(frequency, recency, T, weights, initial_params, index)
        return self


class ParetoNBDFitter(_ContinuousFitter):
    """The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, *Management Science* 33(1) 1-24) under
    lifetimes' names; parameters ``r, alpha, s, beta``. Native: :class:`ltv.purchase.ParetoNbdFit`."""

    _PARAMS = ("r", "alpha", "s", "beta")
    _NATIVE = ("r", "alpha", "s", "beta")
    _MODEL: ClassVar[Any] = _p.ParetoNbdModel
    _FIT: ClassVar[Any] = _p.ParetoNbdFit
    _SIMULATOR: ClassVar[Any] = staticmethod(_gen.pareto_nbd_model)

    def fit(
        self,
        frequency: Any,
        recency: Any,
        T: Any,
        weights: Any = None,
        iterative_fitting: int = 1,
        initial_params: Any = None,
        verbose: bool = False,
        tol: float = 1e-4,
        index: Any = None,
        fit_method: str = "Nelder-Mead",
        maxiter: int = 2000,
        **kwargs: Any,
    ) -> "ParetoNBDFitter":
        """Maximum-likelihood fit (native; ``iterative_fitting``, ``fit_method``, ``maxiter``, ``tol`` and
        ``kwargs`` are accepted and unused: the native fit is deterministic). ``initial_params`` are
        ``r, alpha, s, beta`` themselves (lifetimes' Pareto/NBD optimises them directly, not their logs).
        ``penalizer_coef`` is lifetimes' Pareto/NBD penalty: it adds ``penalizer_coef * sum(params**2)`` to
        ``-sum(w * ll) / mean(w)`` (the mean of the weights, not their sum), which is the native objective
        with ``penalty = penalizer_coef / len(frequency)``."""
        if iterative_fitting <= 0:
            raise ValueError("iterative_fitting parameter should be greater than 0")
        if iterative_fitting > 1 and initial_params is not None:
            raise ValueError(
                "iterative_fitting and initial_params should not be both set, as no improvement could be made."
            )
        self._fit_continuous(frequency, recency, T, weights, initial_params, index)
        return self

    def _native_penalty(self, n_rows: int) -> float:
        return float(self.penalizer_coef) / max(n_rows, 1)

    def _native_start(self, initial_params: Any) -> Optional[List[float]]:
        return _start(initial_params)

    def conditional_probability_of_n_purchases_up_to_time(
        self, n: Any, t: Any, frequency: Any, recency: Any, T: Any
    ) -> Any:
        """P(n repeat purchases in ``(T, T + t]``) given the history; lifetimes' order ``(n, t, ...)``."""
        return _series(
            self._model().conditional_probability_of_purchases(n=n, t=t, frequency=frequency, recency=recency, age=T)
        )


class BetaGeoBetaBinomFitter(BaseFitter):
    """The BG/BB model (Fader, Hardie & Shang 2010, *Marketing Science* 29(6) 1086-1108) under lifetimes'
    names; parameters ``alpha, beta, gamma, delta``; time in transaction opportunities. Native:
    :class:`ltv.purchase.BgBbFit`."""

    _PARAMS = ("alpha", "beta", "gamma", "delta")
    _NATIVE = ("alpha", "beta", "gamma", "delta")
    _MODEL: ClassVar[Any] = _p.BgBbModel
    _FIT: ClassVar[Any] = _p.BgBbFit

    def _simulate(self, size: int) -> Any:
        # lifetimes' BG/BB generate_new_data: one opportunity count per customer (the rows repeated by weight)
        periods = np.repeat(self.data["n_periods"].to_numpy(), self.data["weights"].to_numpy().astype(int))
        alpha, beta, gamma, delta = self._unload_params(*self._PARAMS)
        return _gen.beta_geometric_beta_binom_model(periods, alpha, beta, gamma, delta, size=size)

    def fit(
        self,
        frequency: Any,
        recency: Any,
        n_periods: Any,
        weights: Any = None,
        initial_params: Any = None,
        verbose: bool = False,
        tol: float = 1e-7,
        iterative_fitting: int = 1,
        index: Any = None,
        fit_method: str = "Nelder-Mead",
        maxiter: int = 2000,
        **kwargs: Any,
    ) -> "BetaGeoBetaBinomFitter":
        """Maximum-likelihood fit on ``(frequency, recency, n_periods)`` with ``weights`` customers per row."""
        f = np.asarray(frequency).astype(int)
        r = np.asarray(recency).astype(int)
        n = np.asarray(n_periods).astype(int)
        w = _weights(weights, r)
        # lifetimes 0.11.3's BG/BB minimises -sum(w * ll) / len(rows) + c * sum(params**2); the native fit
        # maximises sum(w * ll) / sum(w) - c' * sum(params**2): the same optimum at c' = c * len(rows) / sum(w).
        total = float(np.sum(w))
        penalty = float(self.penalizer_coef) * len(w) / total if total > 0 else float(self.penalizer_coef)
        fit = self._FIT.fit(
            frequency=f.astype(float),
            recency=r.astype(float),
            periods=n.astype(float),
            weight=w.astype(float),
            penalty=penalty,
            start=_start(initial_params),
        )
        data = pd.DataFrame({"frequency": f, "recency": r, "n_periods": n, "weights": w}, index=index)
        self._store_fit(fit, data)
        self._fitted_penalty = penalty
        return self

    _COVARIANCE_COLUMNS: ClassVar[Dict[str, str]] = {
        "frequency": "frequency", "recency": "recency", "periods": "n_periods", "weight": "weights"
    }

    def conditional_expected_number_of_purchases_up_to_time(
        self, m_periods_in_future: Any, frequency: Any, recency: Any, n_periods: Any
    ) -> Any:
        """Expected transactions in the next ``m_periods_in_future`` opportunities given the history."""
        return _series(
            self._model().conditional_expected_transactions(
                t=m_periods_in_future, frequency=frequency, recency=recency, periods=n_periods
            )
        )

    def conditional_probability_alive(self, m_periods_in_future: Any, frequency: Any, recency: Any, n_periods: Any) -> Any:
        """P(alive at opportunity ``n_periods + m_periods_in_future``) given the history (FHS 2010 eq. 11
        carried ``m`` opportunities on; native ``probability_alive_at(t=m_periods_in_future, ...)``; ``m = 1``
        is the native ``probability_alive``). ``m_periods_in_future`` is a whole number in ``[0, 1e6]``
        (scalar or column).

        >>> import pandas as pd
        >>> from ltv.lifetimes import BetaGeoBetaBinomFitter
        >>> bbf = BetaGeoBetaBinomFitter()
        >>> bbf.params_ = pd.Series({"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783})
        >>> [round(float(bbf.conditional_probability_alive(m, 2, 3, 6)), 4) for m in (1, 5)]
        [0.2988, 0.2377]
        """
        return _series(
            self._model().probability_alive_at(
                t=m_periods_in_future, frequency=frequency, recency=recency, periods=n_periods
            )
        )

    def expected_number_of_transactions_in_first_n_periods(self, n: int) -> pd.DataFrame:
        """Expected number of customers with each observed frequency ``x`` after ``n`` opportunities:
        P(X(n) = x) times the number of customers, a DataFrame indexed by ``frequency``, column ``model``."""
        counts = self.data.groupby("frequency")["weights"].sum()
        x = np.asarray(counts.index, dtype=float)
        share = np.asarray(self._model().probability_of_transactions(n=x, t=n), dtype=float)
        index = pd.Index(np.asarray(counts.index), name="frequency")
        return pd.DataFrame({"model": share * float(counts.sum())}, index=index)


class GammaGammaFitter(BaseFitter):
    """The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, *JMR* 42(4) 415-430; Fader & Hardie 2013,
    note 025) under lifetimes' names ``p, q, v`` (the native scale ``gamma`` is lifetimes' ``v``). Native:
    :class:`ltv.purchase.GammaGammaFit`."""

    _PARAMS = ("p", "q", "v")
    _NATIVE = ("p", "q", "gamma")
    _MODEL: ClassVar[Any] = _p.GammaGammaModel
    _FIT: ClassVar[Any] = _p.GammaGammaFit

    def fit(
        self,
        frequency: Any,
        monetary_value: Any,
        weights: Any = None,
        initial_params: Any = None,
        verbose: bool = False,
        tol: float = 1e-7,
        index: Any = None,
        q_constraint: bool = False,
        **kwargs: Any,
    ) -> "GammaGammaFitter":
        """Maximum-likelihood fit on repeat customers' ``frequency`` and mean ``monetary_value``.

        ``q_constraint=True`` maximises over ``q >= 1`` only (lifetimes' guard against an infinite mean spend
        and a negative CLV): an unconstrained optimum with ``q >= 1`` is returned as it is, one with ``q < 1``
        is replaced by the maximum on the boundary ``q = 1`` (whose ``q`` has no standard error).
        ``initial_params`` are starting values on lifetimes' scale, the logs of ``p, q, v``."""
        f = np.asarray(frequency).astype(float)
        mv = np.asarray(monetary_value).astype(float)
        w = _weights(weights, f)
        start = _start(initial_params)
        fit = self._FIT.fit(
            frequency=f,
            monetary_value=mv,
            weight=w.astype(float),
            penalty=float(self.penalizer_coef),
            start=None if start is None else [float(np.exp(v)) for v in start],
            q_at_least_one=bool(q_constraint),
        )
        data = pd.DataFrame({"monetary_value": mv, "frequency": f, "weights": w}, index=index)
        self._store_fit(fit, data)
        self._fitted_penalty = float(self.penalizer_coef)
        return self

    _COVARIANCE_COLUMNS: ClassVar[Dict[str, str]] = {
        "frequency": "frequency", "monetary_value": "monetary_value", "weight": "weights"
    }

    def conditional_expected_average_profit(self, frequency: Any = None, monetary_value: Any = None) -> Any:
        """E(mean spend | frequency, monetary_value) (native ``conditional_expected_spend``); the columns
        default to the fitted data."""
        if monetary_value is None:
            monetary_value = self.data["monetary_value"]
        if frequency is None:
            frequency = self.data["frequency"]
        return _series(self._model().conditional_expected_spend(frequency=frequency, monetary_value=monetary_value))

    def customer_lifetime_value(
        self,
        transaction_prediction_model: Any,
        frequency: Any,
        recency: Any,
        T: Any,
        monetary_value: Any,
        time: int = 12,
        discount_rate: float = 0.01,
        freq: str = "D",
    ) -> pd.Series:
        """lifetimes' CLV over ``time`` months at the monthly ``discount_rate``, ``freq`` the unit of ``T``
        (``"D"``, ``"W"``, ``"M"``, ``"H"``): native :func:`ltv.purchase.customer_value` with
        ``convention="lifetimes"``. A Series named ``clv`` (indexed like ``frequency`` when it is a Series).
        ``transaction_prediction_model``: a BetaGeoFitter, ModifiedBetaGeoFitter or ParetoNBDFitter (or a
        native BG/NBD, MBG/NBD or Pareto/NBD model or fit)."""
        if freq not in _CLV_UNITS:
            raise ValueError(f"freq: expected one of 'D', 'W', 'M', 'H', got {freq!r}")
        model = transaction_prediction_model
        if isinstance(model, BaseFitter):
            model = model._model()
        values = _p.customer_value(
            model,
            frequency=frequency,
            recency=recency,
            age=T,
            monetary_value=monetary_value,
            spend_model=self._model(),
            horizon_months=int(time),
            time_unit=_CLV_UNITS[freq],  # type: ignore[arg-type]
            discount_rate=float(discount_rate),
            convention="lifetimes",
        )
        index = frequency.index if isinstance(frequency, pd.Series) else None
        return pd.Series(np.atleast_1d(np.asarray(values, dtype=float)), index=index, name="clv")
