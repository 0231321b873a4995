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
    """What every lifetimes fitter shares: the parameters, their standard errors, the model file and the repr.

    ``params_``, ``summary``, ``standard_errors_``, ``confidence_intervals_``, ``variance_matrix_``, ``save_model``
    / ``load_model``. Not fitted on its own: use :class:`BetaGeoFitter`, :class:`ModifiedBetaGeoFitter`,
    :class:`ParetoNBDFitter`, :class:`BetaGeoBetaBinomFitter` or :class:`GammaGammaFitter`. Predictions read
    ``params_`` each time, so ``params_`` may be set by hand (a Series with the fitter's parameter names) before
    predicting; the standard errors and ``variance_matrix_`` need a fit. Where ``ltv.lifetimes`` differs from
    lifetimes 0.11.3 (the JSON model file, the symmetric ``variance_matrix_``, ``summary`` on every fitter): the
    list *Differences from lifetimes* in :mod:`ltv.lifetimes`.

    ``variance_matrix_``: the native covariance of the estimates (:func:`ltv.purchase.covariance`), the inverse
    observed information of the penalised objective at the fit, on the parameters' own scale (lifetimes: its
    delta-method transform of the log-scale inverse Hessian, whose diagonal is the same; lifetimes scales the
    columns only, so its off-diagonal entries are not symmetric: here they are the covariances).

    Parameters
    ----------
    penalizer_coef : float, default 0.0
        lifetimes' L2 penalty coefficient on the parameters (each fitter's ``fit`` says on which objective;
        0: plain maximum likelihood).

    Attributes
    ----------
    params_ : pandas.Series
        The fitted (or hand-set) parameters, indexed by their lifetimes names.
    data : pandas.DataFrame
        The data given to ``fit`` (with a ``weights`` column).
    params_names : list of str
        The parameter names, in ``params_`` order.
    predict : callable
        ``conditional_expected_number_of_purchases_up_to_time`` (the transaction fitters).
    generate_new_data : callable
        ``generate_new_data(size=1)``: customers simulated from ``params_`` with the fitted data's ages (set by
        ``fit``; the transaction fitters).

    Examples
    --------
    >>> from ltv.lifetimes import BaseFitter, BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> data = load_cdnow_summary(index_col=[0])
    >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
    >>> isinstance(bgf, BaseFitter), bgf.params_names
    (True, ['r', 'alpha', 'a', 'b'])
    >>> bgf.summary.round(3)
            coef  se(coef)  lower 95% bound  upper 95% bound
    r      0.243     0.013            0.218            0.267
    alpha  4.414     0.378            3.672            5.155
    a      0.793     0.186            0.429            1.157
    b      2.426     0.705            1.043            3.808
    >>> bool((bgf.variance_matrix_ == bgf.variance_matrix_.T).all().all())
    True
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
        """The native fit's standard errors (``se(coef)``), a Series indexed by the parameter names.

        ``AttributeError`` without a fit.
        """
        return self._fitted_summary()["std_err"].rename(None)

    @property
    def confidence_intervals_(self) -> pd.DataFrame:
        """95 % intervals, columns ``lower 95% bound`` and ``upper 95% bound`` (the native fit's).

        ``AttributeError`` without a fit.
        """
        native = self._fitted_summary()
        return pd.DataFrame(
            {"lower 95% bound": native["lower_95"], "upper 95% bound": native["upper_95"]}, index=native.index
        )

    @property
    def variance_matrix_(self) -> pd.DataFrame:
        """The covariance matrix of the estimates, a DataFrame indexed both ways by the parameter names.

        ``AttributeError`` without a fit and its data.
        """
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
        """lifetimes' summary: columns ``coef``, ``se(coef)``, ``lower 95% bound``, ``upper 95% bound``.

        ``AttributeError`` without a fit.
        """
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
        """Write the model to ``path`` as the native versioned JSON model file.

        Not a dill pickle (lifetimes): loading the file never executes code. A fit whose ``params_`` are unchanged is
        written with its standard errors (the native fit's ``to_json``, e.g. :meth:`ltv.BgNbdFit.to_json`); otherwise
        the model of the current ``params_`` (the native model's ``to_json``). The file holds no data and no
        ``generate_new_data``; see *Differences from lifetimes* in :mod:`ltv.lifetimes`.

        Parameters
        ----------
        path : str
            The file to write (overwritten).
        save_data : bool, default True
            Accepted for compatibility, unused (the file holds no data).
        save_generate_data_method : bool, default True
            Accepted for compatibility, unused (the file holds no code).
        values_to_save : sequence, optional
            Accepted for compatibility, unused.

        Returns
        -------
        None

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either (lifetimes' "Model has not been fit yet").
        ltv.InvalidInputError
            When hand-set ``params_`` are outside the native model's parameter range.
        OSError
            When ``path`` cannot be written.

        Examples
        --------
        >>> import os, tempfile
        >>> from ltv.lifetimes import BetaGeoFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary
        >>> data = load_cdnow_summary(index_col=[0])
        >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "bgf.json")
        ...     bgf.save_model(path)
        ...     loaded = BetaGeoFitter()
        ...     loaded.load_model(path)
        >>> loaded.summary["se(coef)"].round(3).tolist()
        [0.013, 0.378, 0.186, 0.705]
        >>> round(float(loaded.predict(39, 2, 30.43, 38.86)), 3)
        1.226
        """
        fit = self._native_fit
        if fit is not None and [fit.params[k] for k in self._NATIVE] == self._unload_params(*self._PARAMS):
            text = fit.to_json()
        else:
            text = self._model().to_json()
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)

    def load_model(self, path: str) -> None:
        """Read a file written by :meth:`save_model` (or by a native ``to_json``) into this fitter.

        Sets ``params_`` (and, when the file holds a fit, the standard errors behind ``summary``); the loaded
        fitter predicts at once. It has no ``data``, so ``variance_matrix_`` and ``generate_new_data`` need a fit.

        Parameters
        ----------
        path : str
            The JSON model file to read; its model must be this fitter's (a BG/NBD file for a ``BetaGeoFitter``).

        Returns
        -------
        None

        Raises
        ------
        FileNotFoundError
            When ``path`` does not exist.
        ltv.InvalidInputError
            When the file is not a JSON model file of this fitter's model (the error names the field).

        Examples
        --------
        >>> import os, tempfile
        >>> import pandas as pd
        >>> from ltv.lifetimes import BetaGeoFitter
        >>> bgf = BetaGeoFitter()
        >>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "bgf.json")
        ...     bgf.save_model(path)
        ...     loaded = BetaGeoFitter()
        ...     loaded.load_model(path)
        >>> loaded.params_.tolist()
        [0.243, 4.414, 0.793, 2.426]
        """
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
    """The predictions the continuous-time fitters share, on histories ``(frequency, recency, T)``.

    BG/NBD (:class:`BetaGeoFitter`), MBG/NBD (:class:`ModifiedBetaGeoFitter`) and Pareto/NBD
    (:class:`ParetoNBDFitter`). ``frequency`` is the number of repeat purchases, ``recency`` the time from the first
    to the last purchase and ``T`` the customer's age (first purchase to the end of observation), all in the fit's
    time unit (the unit of ``T``: weeks for the CDNOW summary). Each method calls the native model of the current
    ``params_`` (:class:`ltv.BgNbdModel`, :class:`ltv.MbgNbdModel`, :class:`ltv.ParetoNbdModel`); the predictions
    broadcast scalars and columns, and a pandas Series comes back unnamed, as lifetimes' arithmetic gives it.

    Parameters
    ----------
    penalizer_coef : float, default 0.0
        lifetimes' L2 penalty coefficient (see the subclasses' ``fit``).

    Examples
    --------
    >>> import pandas as pd
    >>> from ltv.lifetimes import ParetoNBDFitter
    >>> pnbd = ParetoNBDFitter()
    >>> pnbd.params_ = pd.Series({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.668})
    >>> round(float(pnbd.conditional_probability_alive(2, 30.43, 38.86)), 4)
    0.8692
    """

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
        """Expected repeat purchases in ``(T, T + t]`` of a customer with history ``(frequency, recency, T)``.

        BG/NBD: Fader, Hardie & Lee (2005) eq. (10); MBG/NBD: Batislam, Denizel & Filiztekin (2007); Pareto/NBD:
        Schmittlein, Morrison & Colombo (1987). The native model's ``conditional_expected_purchases``
        (:meth:`ltv.BgNbdModel.conditional_expected_purchases`, and the MBG/NBD and Pareto/NBD ones). Also
        ``predict``.

        Parameters
        ----------
        t : float or array_like
            The horizon, in the fit's time unit, >= 0.
        frequency : float or array_like
            Repeat purchases, a whole number >= 0 (lifetimes' ``x``).
        recency : float or array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]`` (``t_x``; 0 when ``frequency``
            is 0).
        T : float or array_like
            The customer's age, time since the first purchase, > 0.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            The expected number of purchases, shaped like the broadcast inputs (an unnamed Series when an input is
            a Series).

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either (lifetimes' "Model has not been fit yet").
        ltv.InvalidInputError
            For an input out of range (a negative ``t``, ``recency > T``, a fractional ``frequency``, NaN): the error
            names the field in the native vocabulary (``age`` for ``T``).

        Examples
        --------
        The example customer of Fader, Hardie & Lee (2005), CDNOW, 39 weeks ahead:

        >>> from ltv.lifetimes import BetaGeoFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary
        >>> data = load_cdnow_summary(index_col=[0])
        >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
        >>> round(float(bgf.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86)), 3)
        1.226
        >>> bgf.predict(39, data["frequency"], data["recency"], data["T"]).head(2).round(3).tolist()
        [1.226, 0.203]
        """
        return _series(self._model().conditional_expected_purchases(t=t, frequency=frequency, recency=recency, age=T))

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """P(alive at ``T``) of a customer with history ``(frequency, recency, T)``.

        Pareto/NBD: Schmittlein, Morrison & Colombo (1987); the native model's ``probability_alive``
        (:meth:`ltv.ParetoNbdModel.probability_alive`). :class:`BetaGeoFitter` and :class:`ModifiedBetaGeoFitter`
        override it (a 1-D array, as lifetimes).

        Parameters
        ----------
        frequency : float or array_like
            Repeat purchases, a whole number >= 0.
        recency : float or array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]``.
        T : float or array_like
            The customer's age, in the fit's time unit, > 0.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            The probability, in [0, 1], shaped like the broadcast inputs.

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.InvalidInputError
            For an input out of range (``recency > T``, a negative ``frequency``, NaN), naming the field.

        Examples
        --------
        >>> import pandas as pd
        >>> from ltv.lifetimes import ParetoNBDFitter
        >>> pnbd = ParetoNBDFitter()
        >>> pnbd.params_ = pd.Series({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.668})
        >>> round(float(pnbd.conditional_probability_alive(2, 30.43, 38.86)), 4)
        0.8692
        """
        return _series(self._model().probability_alive(frequency=frequency, recency=recency, age=T))

    def conditional_probability_alive_matrix(
        self, max_frequency: Optional[int] = None, max_recency: Optional[int] = None
    ) -> np.ndarray:
        """P(alive) on a grid of histories, recency by frequency, every customer of age ``max_recency``.

        Rows: recency ``0..max_recency``; columns: frequency ``0..max_frequency``. The native ``probability_alive`` in
        one call over the grid. The frequency-0 column is evaluated at recency 0, the only history without repeat
        purchases (lifetimes evaluates its formula at recencies no such customer can have; see *Differences from
        lifetimes* in :mod:`ltv.lifetimes`). Drawn by :func:`ltv.lifetimes.plotting.plot_probability_alive_matrix`.

        Parameters
        ----------
        max_frequency : int, optional
            The largest frequency (column); default the largest fitted frequency.
        max_recency : int, optional
            The largest recency (row) and the customers' age, in the fit's time unit; default the largest fitted
            ``T``.

        Returns
        -------
        numpy.ndarray
            Shape ``(max_recency + 1, max_frequency + 1)``, probabilities in [0, 1].

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        AttributeError
            When a default is needed and there is no fitted ``data`` (``params_`` set by hand).

        Examples
        --------
        >>> import pandas as pd
        >>> from ltv.lifetimes import BetaGeoFitter
        >>> bgf = BetaGeoFitter()
        >>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
        >>> matrix = bgf.conditional_probability_alive_matrix(max_frequency=10, max_recency=39)
        >>> matrix.shape, round(float(matrix[39, 10]), 4), round(float(matrix[20, 5]), 4)
        ((40, 11), 0.9351, 0.2838)
        """
        max_frequency = max_frequency or int(self.data["frequency"].max())
        max_recency = max_recency or int(self.data["T"].max())
        rec, freq = np.meshgrid(np.arange(max_recency + 1), np.arange(max_frequency + 1), indexing="ij")
        rec = np.where(freq == 0, 0, rec)
        alive = self._model().probability_alive(
            frequency=freq.ravel().astype(float), recency=rec.ravel().astype(float), age=float(max_recency)
        )
        return np.asarray(alive, dtype=float).reshape(rec.shape)

    def expected_number_of_purchases_up_to_time(self, t: Any) -> Any:
        """Expected repeat purchases in ``(0, t]`` of a new customer (a random draw from the population).

        BG/NBD: Fader, Hardie & Lee (2005) eq. (9); the native model's ``expected_purchases``
        (:meth:`ltv.BgNbdModel.expected_purchases`, and the MBG/NBD and Pareto/NBD ones).

        Parameters
        ----------
        t : float or array_like
            Time since the first purchase, in the fit's time unit, >= 0.

        Returns
        -------
        float or numpy.ndarray
            The expected number of repeat purchases, shaped like ``t``.

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.InvalidInputError
            For a negative or non-finite ``t``, naming it.

        Examples
        --------
        >>> import pandas as pd
        >>> from ltv.lifetimes import BetaGeoFitter
        >>> bgf = BetaGeoFitter()
        >>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
        >>> bgf.expected_number_of_purchases_up_to_time([10, 39, 78]).round(3).tolist()
        [0.432, 1.197, 1.861]
        """
        return self._model().expected_purchases(t=t)


class BetaGeoFitter(_ContinuousFitter):
    """The BG/NBD model (Fader, Hardie & Lee 2005, *Marketing Science* 24(2) 275-284) under lifetimes' names.

    Each customer buys as a Poisson process of rate ``lambda`` ~ Gamma(r, alpha) (shape ``r``, rate ``alpha``) and
    after each purchase drops out with probability ``p`` ~ Beta(a, b). Parameters ``r, alpha, a, b`` (``alpha`` in
    the fit's time unit). Native: :class:`ltv.BgNbdFit` (the fit) and :class:`ltv.BgNbdModel` (the predictions).
    Where it differs from lifetimes 0.11.3: *Differences from lifetimes* in :mod:`ltv.lifetimes`.

    Parameters
    ----------
    penalizer_coef : float, default 0.0
        lifetimes' L2 penalty coefficient on ``r, alpha, a, b`` (see :meth:`fit`).

    Examples
    --------
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> data = load_cdnow_summary(index_col=[0])
    >>> bgf = BetaGeoFitter(penalizer_coef=0.0)
    >>> bgf.fit(data["frequency"], data["recency"], data["T"])
    <lifetimes.BetaGeoFitter: fitted with 2357 subjects, a: 0.79, alpha: 4.41, b: 2.43, r: 0.24>
    >>> round(float(bgf.predict(39, 2, 30.43, 38.86)), 3)
    1.226
    """

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
        """Maximum-likelihood fit of the BG/NBD model to customers' histories.

        The native :meth:`ltv.BgNbdFit.fit` (Newton, then Nelder-Mead) on lifetimes' objective: with
        ``penalizer_coef = c`` it minimises ``-sum(w * ll) / sum(w) + c * sum(params**2)`` (the parameters themselves,
        not their logs), the native ``penalty`` ``c``. Sets ``params_``, ``data``, ``predict`` and
        ``generate_new_data``. Fader, Hardie & Lee (2005) section 7.

        Parameters
        ----------
        frequency : array_like
            Repeat purchases per customer, whole numbers >= 0 (lifetimes' ``x``).
        recency : array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]`` (``t_x``), in the time unit of
            ``T``.
        T : array_like
            Each customer's age, the time from the first purchase to the end of observation, > 0; its unit is the
            fit's time unit.
        weights : array_like, optional
            The number of customers with each row's history (compressed data); default 1 each.
        initial_params : array_like, optional
            Starting values on lifetimes' scale, the logs of ``r, alpha, a, b`` (mapped to the native start; only the
            start, not the optimum).
        verbose : bool, default False
            Accepted and unused (the native fit prints nothing).
        tol : float, default 1e-7
            Accepted and unused (the native fit has its own convergence test).
        index : array_like, optional
            The index of ``data``.
        **kwargs
            scipy options in lifetimes; accepted and unused.

        Returns
        -------
        BetaGeoFitter
            ``self``, fitted.

        Raises
        ------
        ltv.InvalidInputError
            For a history out of range (a negative or fractional ``frequency``, ``recency > T``, ``T <= 0``, NaN,
            weights < 0), naming the field in the native vocabulary (``age`` for ``T``).
        ValueError
            When the columns differ in length.
        ltv.lifetimes.utils.ConvergenceError
            When the native fit does not converge (a ``ValueError``, as in lifetimes).

        Examples
        --------
        >>> from ltv.lifetimes import BetaGeoFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary
        >>> data = load_cdnow_summary(index_col=[0])
        >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
        >>> bgf.params_.round(3).to_dict()
        {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}
        """
        self._fit_continuous(frequency, recency, T, weights, initial_params, index)
        return self

    def conditional_probability_alive(self, frequency: Any, recency: Any, T: Any) -> Any:
        """P(alive at ``T``) of a customer with history ``(frequency, recency, T)``, a 1-D array.

        Like lifetimes, always a 1-D numpy array. BG/NBD: Fader, Hardie & Lee (2008), note 021 ("Computing P(alive)
        using the BG/NBD model"); 1 when ``frequency`` is 0 (no dropout before a repeat purchase: a property of the
        model). MBG/NBD (which inherits this method): Batislam, Denizel & Filiztekin (2007), below 1 at frequency 0. The
        native model's ``probability_alive`` (:meth:`ltv.BgNbdModel.probability_alive`,
        :meth:`ltv.MbgNbdModel.probability_alive`).

        Parameters
        ----------
        frequency : float or array_like
            Repeat purchases, a whole number >= 0.
        recency : float or array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]``.
        T : float or array_like
            The customer's age, in the fit's time unit, > 0.

        Returns
        -------
        numpy.ndarray
            The probabilities, in [0, 1], 1-D (length 1 for scalar inputs).

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.InvalidInputError
            For an input out of range (``recency > T``, a negative ``frequency``, NaN), naming the field.

        Examples
        --------
        >>> import pandas as pd
        >>> from ltv.lifetimes import BetaGeoFitter
        >>> bgf = BetaGeoFitter()
        >>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
        >>> bgf.conditional_probability_alive([0, 2], [0, 30.43], 38.86).round(4).tolist()
        [1.0, 0.7266]
        """
        return np.atleast_1d(np.asarray(super().conditional_probability_alive(frequency, recency, T), dtype=float))

    def probability_of_n_purchases_up_to_time(self, t: Any, n: Any) -> Any:
        """P(N(t) = n): the probability that a new customer makes ``n`` repeat purchases in ``(0, t]``.

        Fader, Hardie & Lee (2005) eq. (8); the native model's ``probability_of_purchases``
        (:meth:`ltv.BgNbdModel.probability_of_purchases`). lifetimes' argument order ``(t, n)`` (the Pareto/NBD's
        conditional version takes ``(n, t, ...)``).

        Parameters
        ----------
        t : float or array_like
            Time since the first purchase, in the fit's time unit, >= 0.
        n : int or array_like
            The number of repeat purchases, a whole number >= 0.

        Returns
        -------
        float or numpy.ndarray
            The probability, in [0, 1].

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.InvalidInputError
            For a negative ``t`` or a negative or fractional ``n``, naming it.

        Examples
        --------
        >>> import pandas as pd
        >>> from ltv.lifetimes import BetaGeoFitter
        >>> bgf = BetaGeoFitter()
        >>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
        >>> [round(float(bgf.probability_of_n_purchases_up_to_time(39, n)), 4) for n in (0, 1, 2)]
        [0.5738, 0.1994, 0.0854]
        """
        return self._model().probability_of_purchases(n=n, t=t)


class ModifiedBetaGeoFitter(BetaGeoFitter):
    """The MBG/NBD model (Batislam, Denizel & Filiztekin 2007, *IJRM* 24(3) 201-209) under lifetimes' names.

    As the BG/NBD (:class:`BetaGeoFitter`), except that a customer may also drop out right after the first
    purchase (probability ``p``), so P(alive) is below 1 at frequency 0. Parameters ``r, alpha, a, b``. Native:
    :class:`ltv.MbgNbdFit` and :class:`ltv.MbgNbdModel`. Where it differs from lifetimes 0.11.3: *Differences from
    lifetimes* in :mod:`ltv.lifetimes`.

    Parameters
    ----------
    penalizer_coef : float, default 0.0
        lifetimes' L2 penalty coefficient on ``r, alpha, a, b`` (see :meth:`BetaGeoFitter.fit`).

    Examples
    --------
    >>> from ltv.lifetimes import ModifiedBetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> data = load_cdnow_summary(index_col=[0])
    >>> mbgf = ModifiedBetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
    >>> mbgf
    <lifetimes.ModifiedBetaGeoFitter: fitted with 2357 subjects, a: 0.89, alpha: 6.18, b: 1.61, r: 0.52>
    >>> mbgf.conditional_probability_alive(0, 0, 38.86).round(4).tolist()
    [0.3897]
    """

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
        """Maximum-likelihood fit of the MBG/NBD model, as :meth:`BetaGeoFitter.fit`.

        The native :meth:`ltv.MbgNbdFit.fit`, minimising ``-sum(w * ll) / sum(w) + penalizer_coef * sum(params**2)``
        (lifetimes' objective; the native ``penalty`` is ``penalizer_coef``).

        Parameters
        ----------
        frequency : array_like
            Repeat purchases per customer, whole numbers >= 0.
        recency : array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]``.
        T : array_like
            Each customer's age, > 0; its unit is the fit's time unit.
        weights : array_like, optional
            The number of customers with each row's history; default 1 each.
        initial_params : array_like, optional
            Starting values on lifetimes' scale, the logs of ``r, alpha, a, b``.
        verbose : bool, default False
            Accepted and unused.
        tol : float, default 1e-7
            Accepted and unused.
        index : array_like, optional
            The index of ``data``.
        **kwargs
            scipy options in lifetimes; accepted and unused.

        Returns
        -------
        ModifiedBetaGeoFitter
            ``self``, fitted.

        Raises
        ------
        ltv.InvalidInputError
            For a history out of range, naming the field (``age`` for ``T``).
        ValueError
            When the columns differ in length.
        ltv.lifetimes.utils.ConvergenceError
            When the native fit does not converge.

        Examples
        --------
        >>> from ltv.lifetimes import ModifiedBetaGeoFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary
        >>> data = load_cdnow_summary(index_col=[0])
        >>> mbgf = ModifiedBetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
        >>> mbgf.summary["coef"].round(3).tolist()
        [0.525, 6.183, 0.891, 1.614]
        """
        self._fit_continuous(frequency, recency, T, weights, initial_params, index)
        return self


class ParetoNBDFitter(_ContinuousFitter):
    """The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) under lifetimes' names.

    Schmittlein, Morrison & Colombo (1987), *Management Science* 33(1) 1-24: each customer buys as a Poisson process
    of rate ``lambda`` ~ Gamma(r, alpha) during an exponential lifetime of rate ``mu`` ~ Gamma(s, beta). Parameters
    ``r, alpha, s, beta`` (``alpha`` and ``beta`` in the fit's time unit). Native: :class:`ltv.ParetoNbdFit` and
    :class:`ltv.ParetoNbdModel` (finite values where lifetimes gives NaN or overflows: see *Differences from
    lifetimes* in :mod:`ltv.lifetimes`).

    Parameters
    ----------
    penalizer_coef : float, default 0.0
        lifetimes' L2 penalty coefficient on ``r, alpha, s, beta`` (see :meth:`fit`).

    Examples
    --------
    >>> import pandas as pd
    >>> from ltv.lifetimes import ParetoNBDFitter
    >>> pnbd = ParetoNBDFitter()
    >>> pnbd.params_ = pd.Series({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.668})
    >>> round(float(pnbd.predict(39, 2, 30.43, 38.86)), 3)
    1.455
    """

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
        """Maximum-likelihood fit of the Pareto/NBD model to customers' histories.

        The native :meth:`ltv.ParetoNbdFit.fit` (deterministic). lifetimes' Pareto/NBD adds
        ``penalizer_coef * sum(params**2)`` to ``-sum(w * ll) / mean(w)`` (the mean of the weights, not their sum):
        the native objective with ``penalty = penalizer_coef / len(frequency)`` (the same optimum).

        Parameters
        ----------
        frequency : array_like
            Repeat purchases per customer, whole numbers >= 0.
        recency : array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]``.
        T : array_like
            Each customer's age, > 0; its unit is the fit's time unit.
        weights : array_like, optional
            The number of customers with each row's history; default 1 each.
        iterative_fitting : int, default 1
            lifetimes' number of restarts; must be > 0, otherwise unused (the native fit is deterministic).
        initial_params : array_like, optional
            Starting values ``r, alpha, s, beta`` themselves (lifetimes' Pareto/NBD optimises them directly, not
            their logs); only the start, not the optimum.
        verbose : bool, default False
            Accepted and unused.
        tol : float, default 1e-4
            Accepted and unused.
        index : array_like, optional
            The index of ``data``.
        fit_method : str, default "Nelder-Mead"
            lifetimes' scipy method; accepted and unused.
        maxiter : int, default 2000
            Accepted and unused.
        **kwargs
            scipy options in lifetimes; accepted and unused.

        Returns
        -------
        ParetoNBDFitter
            ``self``, fitted.

        Raises
        ------
        ValueError
            When ``iterative_fitting <= 0``, or ``iterative_fitting > 1`` together with ``initial_params`` (both as in
            lifetimes), or when the columns differ in length.
        ltv.InvalidInputError
            For a history out of range, naming the field (``age`` for ``T``).
        ltv.lifetimes.utils.ConvergenceError
            When the native fit does not converge.

        Examples
        --------
        CDNOW, started near lifetimes' published optimum (which keeps the example fast; the default start reaches the
        same estimates):

        >>> from ltv.lifetimes import ParetoNBDFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary
        >>> data = load_cdnow_summary(index_col=[0])
        >>> start = [0.55, 10.6, 0.6, 11.7]
        >>> pnbd = ParetoNBDFitter().fit(data["frequency"], data["recency"], data["T"], initial_params=start)
        >>> pnbd.params_.round(3).to_dict()
        {'r': 0.553, 'alpha': 10.578, 's': 0.606, 'beta': 11.668}
        """
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
        """P(n repeat purchases in ``(T, T + t]``) of a customer with history ``(frequency, recency, T)``.

        The Pareto/NBD count distribution (Fader & Hardie 2006, note 013, "Deriving an expression for P(X(t) = x)
        under the Pareto/NBD model") conditioned on the history; the native model's
        ``conditional_probability_of_purchases`` (:meth:`ltv.ParetoNbdModel.conditional_probability_of_purchases`).
        lifetimes' argument order ``(n, t, ...)``. At ``t = 0`` the native value (1 for ``n = 0``; lifetimes: 0 for
        every ``n``).

        Parameters
        ----------
        n : int or array_like
            The number of purchases, a whole number >= 0.
        t : float or array_like
            The horizon, in the fit's time unit, >= 0.
        frequency : float or array_like
            Repeat purchases, a whole number >= 0.
        recency : float or array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]``.
        T : float or array_like
            The customer's age, > 0.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            The probability, in [0, 1], shaped like the broadcast inputs.

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.InvalidInputError
            For an input out of range (a negative or fractional ``n``, ``recency > T``), naming the field.

        Examples
        --------
        >>> import pandas as pd
        >>> from ltv.lifetimes import ParetoNBDFitter
        >>> pnbd = ParetoNBDFitter()
        >>> pnbd.params_ = pd.Series({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.668})
        >>> probability = pnbd.conditional_probability_of_n_purchases_up_to_time
        >>> [round(float(probability(n, 39, 2, 30.43, 38.86)), 4) for n in (0, 1, 2)]
        [0.4081, 0.2193, 0.1518]
        """
        return _series(
            self._model().conditional_probability_of_purchases(n=n, t=t, frequency=frequency, recency=recency, age=T)
        )


class BetaGeoBetaBinomFitter(BaseFitter):
    """The BG/BB model (Fader, Hardie & Shang 2010, *Marketing Science* 29(6) 1086-1108) under lifetimes' names.

    Discrete time: at each of ``n_periods`` transaction opportunities a living customer transacts with
    probability ``p`` ~ Beta(alpha, beta), and before each opportunity drops out with probability ``theta`` ~
    Beta(gamma, delta). Parameters ``alpha, beta, gamma, delta``. Native: :class:`ltv.BgBbFit` and
    :class:`ltv.BgBbModel`. Where it differs from lifetimes 0.11.3: *Differences from lifetimes* in
    :mod:`ltv.lifetimes`.

    Parameters
    ----------
    penalizer_coef : float, default 0.0
        lifetimes' L2 penalty coefficient on ``alpha, beta, gamma, delta`` (see :meth:`fit`).

    Examples
    --------
    The donations data of Fader, Hardie & Shang (2010), 11,104 donors over 6 opportunities:

    >>> from ltv.lifetimes import BetaGeoBetaBinomFitter
    >>> from ltv.lifetimes.datasets import load_donations
    >>> donations = load_donations()
    >>> bbf = BetaGeoBetaBinomFitter().fit(
    ...     donations["frequency"], donations["recency"], donations["periods"], weights=donations["weights"]
    ... )
    >>> bbf
    <lifetimes.BetaGeoBetaBinomFitter: fitted with 22 subjects, alpha: 1.20, beta: 0.75, delta: 2.78, gamma: 0.66>
    """

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
        """Maximum-likelihood fit of the BG/BB model to customers' histories ``(frequency, recency, n_periods)``.

        The native :meth:`ltv.BgBbFit.fit` (Fader, Hardie & Shang 2010 eq. (5)). lifetimes' BG/BB minimises
        ``-sum(w * ll) / len(rows) + c * sum(params**2)`` (``c = penalizer_coef``); the native fit maximises
        ``sum(w * ll) / sum(w) - c' * sum(params**2)``: the same optimum at the native ``penalty``
        ``c' = c * len(rows) / sum(w)``.

        Parameters
        ----------
        frequency : array_like
            Transactions per customer, whole numbers in ``[0, n_periods]``.
        recency : array_like
            The opportunity of the last transaction, whole numbers in ``[frequency, n_periods]`` (0 without one).
        n_periods : array_like
            The number of transaction opportunities observed, whole numbers >= 1 (native ``periods``).
        weights : array_like, optional
            The number of customers with each row's history; default 1 each.
        initial_params : array_like, optional
            Starting values ``alpha, beta, gamma, delta`` (only the start, not the optimum).
        verbose : bool, default False
            Accepted and unused.
        tol : float, default 1e-7
            Accepted and unused.
        iterative_fitting : int, default 1
            Accepted and unused (the native fit is deterministic).
        index : array_like, optional
            The index of ``data``.
        fit_method : str, default "Nelder-Mead"
            Accepted and unused.
        maxiter : int, default 2000
            Accepted and unused.
        **kwargs
            scipy options in lifetimes; accepted and unused.

        Returns
        -------
        BetaGeoBetaBinomFitter
            ``self``, fitted.

        Raises
        ------
        ltv.InvalidInputError
            For a history out of range (``recency`` outside ``[frequency, n_periods]``, a negative count), naming the
            field in the native vocabulary (``periods`` for ``n_periods``).
        ValueError
            When the columns differ in length.
        ltv.lifetimes.utils.ConvergenceError
            When the native fit does not converge.

        Examples
        --------
        >>> from ltv.lifetimes import BetaGeoBetaBinomFitter
        >>> from ltv.lifetimes.datasets import load_donations
        >>> donations = load_donations()
        >>> bbf = BetaGeoBetaBinomFitter().fit(
        ...     donations["frequency"], donations["recency"], donations["periods"], weights=donations["weights"]
        ... )
        >>> bbf.params_.round(3).to_dict()
        {'alpha': 1.204, 'beta': 0.75, 'gamma': 0.657, 'delta': 2.783}
        """
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
        """Expected transactions in the next ``m_periods_in_future`` opportunities, given the history.

        The history is ``(frequency, recency, n_periods)``. Fader, Hardie & Shang (2010) eq. (13); the native model's
        ``conditional_expected_transactions`` (:meth:`ltv.BgBbModel.conditional_expected_transactions`). Also
        ``predict``.

        Parameters
        ----------
        m_periods_in_future : int or array_like
            The number of future opportunities, a whole number >= 0.
        frequency : int or array_like
            Transactions observed, in ``[0, n_periods]``.
        recency : int or array_like
            The opportunity of the last transaction, in ``[frequency, n_periods]`` (0 without one).
        n_periods : int or array_like
            The number of opportunities observed, >= 1.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            The expected number of transactions, shaped like the broadcast inputs.

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.InvalidInputError
            For an input out of range (a fractional count, ``recency > n_periods``), naming the field (``periods`` for
            ``n_periods``, ``t`` for ``m_periods_in_future``).

        Examples
        --------
        >>> import pandas as pd
        >>> from ltv.lifetimes import BetaGeoBetaBinomFitter
        >>> bbf = BetaGeoBetaBinomFitter()
        >>> bbf.params_ = pd.Series({"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783})
        >>> bbf.conditional_expected_number_of_purchases_up_to_time([1, 5, 10], 6, 6, 6).round(3).tolist()
        [0.843, 3.752, 6.705]
        """
        return _series(
            self._model().conditional_expected_transactions(
                t=m_periods_in_future, frequency=frequency, recency=recency, periods=n_periods
            )
        )

    def conditional_probability_alive(self, m_periods_in_future: Any, frequency: Any, recency: Any, n_periods: Any) -> Any:
        """P(alive at opportunity ``n_periods + m_periods_in_future``), given the history.

        The history is ``(frequency, recency, n_periods)``. Fader, Hardie & Shang (2010) eq. (11) carried ``m``
        opportunities on; the native model's ``probability_alive_at(t=m_periods_in_future, ...)``
        (:meth:`ltv.BgBbModel.probability_alive_at`; ``m = 1`` is the native ``probability_alive``).

        Parameters
        ----------
        m_periods_in_future : int or array_like
            Opportunities after the last observed one, a whole number in ``[0, 1e6]`` (scalar or column).
        frequency : int or array_like
            Transactions observed, in ``[0, n_periods]``.
        recency : int or array_like
            The opportunity of the last transaction, in ``[frequency, n_periods]`` (0 without one).
        n_periods : int or array_like
            The number of opportunities observed, >= 1.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            The probability, in [0, 1], shaped like the broadcast inputs.

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.InvalidInputError
            For an input out of range (a fractional ``m_periods_in_future``, named ``t``; ``recency > n_periods``).

        Examples
        --------
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
        """The expected number of customers with each observed frequency ``x`` after ``n`` opportunities.

        P(X(n) = x) (Fader, Hardie & Shang 2010 eq. (7); the native model's ``probability_of_transactions``,
        :meth:`ltv.BgBbModel.probability_of_transactions`) times the number of fitted customers, for each frequency
        in the fitted data.

        Parameters
        ----------
        n : int
            The number of transaction opportunities, a whole number >= 1.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``frequency`` (the fitted frequencies), one column ``model``.

        Raises
        ------
        AttributeError
            Without fitted ``data`` (``params_`` set by hand).
        ltv.InvalidInputError
            For a fractional or negative ``n`` or a frequency above ``n``, naming it.

        Examples
        --------
        >>> from ltv.lifetimes import BetaGeoBetaBinomFitter
        >>> from ltv.lifetimes.datasets import load_donations
        >>> donations = load_donations()
        >>> bbf = BetaGeoBetaBinomFitter().fit(
        ...     donations["frequency"], donations["recency"], donations["periods"], weights=donations["weights"]
        ... )
        >>> bbf.expected_number_of_transactions_in_first_n_periods(n=6)["model"].round(1).tolist()
        [3454.9, 1888.7, 1348.9, 1113.4, 1017.9, 1027.2, 1253.1]
        """
        counts = self.data.groupby("frequency")["weights"].sum()
        x = np.asarray(counts.index, dtype=float)
        share = np.asarray(self._model().probability_of_transactions(n=x, t=n), dtype=float)
        index = pd.Index(np.asarray(counts.index), name="frequency")
        return pd.DataFrame({"model": share * float(counts.sum())}, index=index)


class GammaGammaFitter(BaseFitter):
    """The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, *JMR* 42(4) 415-430) under lifetimes' names.

    Fader, Hardie & Lee (2005) and Fader & Hardie (2013), note 025: a customer's spends per transaction are Gamma(p,
    nu) with ``nu`` ~ Gamma(q, v) across customers: the mean spend is ``p v / (q - 1)`` (finite for ``q > 1``).
    Parameters ``p, q, v`` (the native scale ``gamma`` is lifetimes' ``v``; ``v`` in currency). Native:
    :class:`ltv.purchase.GammaGammaFit` and :class:`ltv.purchase.GammaGammaModel`. Where it differs from lifetimes
    0.11.3 (``q <= 1``, ``q_constraint``): *Differences from lifetimes* in :mod:`ltv.lifetimes`.

    Parameters
    ----------
    penalizer_coef : float, default 0.0
        lifetimes' L2 penalty coefficient on ``p, q, v`` (see :meth:`fit`).

    Examples
    --------
    >>> from ltv.lifetimes import GammaGammaFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary_data_with_monetary_value
    >>> data = load_cdnow_summary_data_with_monetary_value()
    >>> repeat = data[data["frequency"] > 0]
    >>> ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    >>> ggf
    <lifetimes.GammaGammaFitter: fitted with 946 subjects, p: 6.25, q: 3.74, v: 15.45>
    """

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
        """Maximum-likelihood fit of the Gamma-Gamma model to repeat customers' frequencies and mean spends.

        The native :meth:`ltv.purchase.GammaGammaFit.fit`, minimising lifetimes' objective
        ``-sum(w * ll) / sum(w) + penalizer_coef * sum(params**2)`` (the native ``penalty``). ``q_constraint=True``
        maximises over ``q >= 1`` only (lifetimes' guard against an infinite mean spend and a negative CLV): an
        unconstrained optimum with ``q >= 1`` is returned as it is, one with ``q < 1`` is replaced by the maximum on
        the boundary ``q = 1`` (native ``q_at_least_one=True``; ``q`` then has no standard error).

        Parameters
        ----------
        frequency : array_like
            Repeat transactions per customer, whole numbers >= 1 (the model is fitted on repeat customers only).
        monetary_value : array_like
            Each customer's mean spend per repeat transaction, > 0, in currency.
        weights : array_like, optional
            The number of customers with each row's values; default 1 each.
        initial_params : array_like, optional
            Starting values on lifetimes' scale, the logs of ``p, q, v`` (only the start, not the optimum).
        verbose : bool, default False
            Accepted and unused.
        tol : float, default 1e-7
            Accepted and unused.
        index : array_like, optional
            The index of ``data``.
        q_constraint : bool, default False
            Maximise over ``q >= 1`` only.
        **kwargs
            scipy options in lifetimes; accepted and unused.

        Returns
        -------
        GammaGammaFitter
            ``self``, fitted.

        Raises
        ------
        ltv.InvalidInputError
            For a frequency below 1, a spend <= 0, NaN or mismatched lengths, naming the field.
        ltv.lifetimes.utils.ConvergenceError
            When the native fit does not converge.

        Examples
        --------
        >>> from ltv.lifetimes import GammaGammaFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary_data_with_monetary_value
        >>> data = load_cdnow_summary_data_with_monetary_value()
        >>> repeat = data[data["frequency"] > 0]
        >>> ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
        >>> ggf.summary["coef"].round(3).tolist()
        [6.249, 3.745, 15.448]
        """
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
        """E(mean spend per transaction | frequency, monetary_value): a customer's expected average spend.

        Fader, Hardie & Lee (2005) eq. (5) (the population mean ``p v / (q - 1)`` at frequency 0); the native model's
        ``conditional_expected_spend`` (:meth:`ltv.purchase.GammaGammaModel.conditional_expected_spend`).

        Parameters
        ----------
        frequency : array_like, optional
            Repeat transactions, whole numbers >= 0; default the fitted ``data``'s.
        monetary_value : array_like, optional
            Mean spend per repeat transaction, > 0 (0 allowed only when ``frequency`` is 0), in currency; default the
            fitted ``data``'s.

        Returns
        -------
        float, numpy.ndarray or pandas.Series
            The expected average spend, in currency, shaped like the inputs (an unnamed Series for Series inputs).

        Raises
        ------
        ValueError
            Before a fit when ``params_`` are not set either.
        ltv.DivergenceError
            When ``q <= 1``: the mean spend is infinite (lifetimes returns a negative value).
        ltv.InvalidInputError
            For an input out of range (a negative spend, a fractional frequency), naming the field.

        Examples
        --------
        >>> from ltv.lifetimes import GammaGammaFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary_data_with_monetary_value
        >>> data = load_cdnow_summary_data_with_monetary_value()
        >>> repeat = data[data["frequency"] > 0]
        >>> ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
        >>> ggf.conditional_expected_average_profit(data["frequency"], data["monetary_value"]).head(3).round(3).tolist()
        [24.659, 18.911, 35.171]
        """
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
        """lifetimes' customer lifetime value: the discounted expected spend over the next ``time`` months.

        For each month ``i = 1..time``: the expected purchases in month ``i`` from ``transaction_prediction_model``
        times the expected average spend (:meth:`conditional_expected_average_profit`), discounted by
        ``(1 + discount_rate) ** i``. The native :func:`ltv.purchase.customer_value` with ``convention="lifetimes"``
        (lifetimes' month of 30 days, 4.345 weeks or 720 hours).

        Parameters
        ----------
        transaction_prediction_model : BetaGeoFitter, ModifiedBetaGeoFitter or ParetoNBDFitter
            The fitted purchase model (or a native BG/NBD, MBG/NBD or Pareto/NBD model or fit).
        frequency : array_like
            Repeat purchases, whole numbers >= 0.
        recency : array_like
            Time of the last repeat purchase since the first purchase, in ``[0, T]``, in the unit ``freq``.
        T : array_like
            Each customer's age, > 0, in the unit ``freq``.
        monetary_value : array_like
            Mean spend per repeat purchase, in currency (0 allowed when ``frequency`` is 0).
        time : int, default 12
            The horizon, in months.
        discount_rate : float, default 0.01
            The monthly discount rate, a fraction (0.01 = 1 % a month).
        freq : {"D", "W", "M", "H"}, default "D"
            The time unit of ``T`` and ``recency`` (days, weeks, months, hours).

        Returns
        -------
        pandas.Series
            Named ``clv``, in currency, indexed like ``frequency`` when it is a Series.

        Raises
        ------
        ValueError
            For a ``freq`` other than ``"D"``, ``"W"``, ``"M"``, ``"H"`` (as in lifetimes), or before a fit when
            ``params_`` are not set either.
        ltv.DivergenceError
            When ``q <= 1`` (the mean spend is infinite).
        ltv.InvalidInputError
            For an input out of range (``recency > T``, a negative spend or horizon), naming the field (``age`` for
            ``T``).

        Examples
        --------
        CDNOW (``T`` in weeks, so ``freq="W"``), 12 months at 1 % a month:

        >>> from ltv.lifetimes import BetaGeoFitter, GammaGammaFitter
        >>> from ltv.lifetimes.datasets import load_cdnow_summary_data_with_monetary_value
        >>> data = load_cdnow_summary_data_with_monetary_value()
        >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
        >>> repeat = data[data["frequency"] > 0]
        >>> ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
        >>> clv = ggf.customer_lifetime_value(
        ...     bgf, data["frequency"], data["recency"], data["T"], data["monetary_value"], time=12, discount_rate=0.01,
        ...     freq="W",
        ... )
        >>> clv.name, clv.head(3).round(2).tolist()
        ('clv', [36.28, 4.64, 8.34])

        lifetimes' documentation leaves ``freq`` at ``"D"``, reading the weeks as days:

        >>> ggf.customer_lifetime_value(
        ...     bgf, data["frequency"], data["recency"], data["T"], data["monetary_value"], time=12, discount_rate=0.01
        ... ).head(3).round(2).tolist()
        [140.1, 18.94, 38.18]
        """
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
