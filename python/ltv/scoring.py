"""Predictive lead scoring: P(convert) for each lead from its signals, and lead value = P x customer LTV.

:class:`LeadScorer` is a logistic regression with an L2 penalty, exactly scikit-learn's
``LogisticRegression(penalty="l2", C=c)`` objective (the intercept is not penalised), trained in Rust by
Newton's method with the GIL released. This module only encodes columns: numeric columns become float64
arrays, categorical columns integer codes against the categories learned at training. Every number comes
from the ``ltv-models`` crate.

>>> import pandas as pd, ltv
>>> leads = pd.DataFrame({
...     "pricing_page_visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0, 3, 1],
...     "webinar_attended": [0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
...     "company_size": ["smb", "smb", "mid_market", "enterprise", "mid_market", "smb",
...                      "enterprise", "mid_market", "enterprise", "smb", "smb", "mid_market"],
...     "converted": [0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0],
... })
>>> scorer = ltv.scoring.LeadScorer.fit(
...     leads, numeric=["pricing_page_visits", "webinar_attended"], categorical=["company_size"], c=1.0
... )
>>> scorer
LeadScorer(target='converted', numeric=['pricing_page_visits', 'webinar_attended'], categorical=['company_size'], c=1.0, n_rows=12, converged=True)

A lead's value moves with its signals: the same lead before and after three more pricing-page visits and a
webinar.

>>> lead = pd.DataFrame({"pricing_page_visits": [1, 4], "webinar_attended": [0, 1],
...                      "company_size": ["smb", "smb"]}, index=["before", "after"])
>>> scorer.predict_proba(lead).round(3).tolist()
[0.211, 0.759]
>>> scorer.lead_values(lead, customer_ltv=20_000).round(2).tolist()
[4216.46, 15188.09]
>>> ev = scorer.evaluate(leads)
>>> round(ev.auc, 4), round(ev.log_loss, 4)
(1.0, 0.2879)
"""

from __future__ import annotations

import os as _os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _ltv
from ._columns import check_column, check_distinct, check_labels, check_text, has_pandas, invalid_input, is_pandas, is_polars
from ._columns import missing_column
from ._ltv import MAX_COEFFICIENT, MAX_FEATURE_MAGNITUDE, MAX_SCORER_ITERATIONS, MIN_FEATURE_SCALE

__all__ = [
    "MAX_COEFFICIENT",
    "MAX_FEATURE_MAGNITUDE",
    "MAX_SCORER_ITERATIONS",
    "MIN_FEATURE_SCALE",
    "Evaluation",
    "LeadScorer",
    "train_test_split",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
ColumnOrValue = Union[str, float, int, Sequence[float], FloatArray, Any]
"""A column name, one value for every row, or a column of values."""

_MISSING = -2  # the code of a missing category label (an error naming the row)
_UNSEEN = -1  # the code of a category not seen at training (all indicators 0 when scoring)


def _column(data: Any, name: str) -> Any:
    """Column ``name`` of a pandas or polars DataFrame or a mapping of arrays."""
    try:
        columns = list(data.columns) if hasattr(data, "columns") else list(data.keys())
    except AttributeError:
        raise TypeError(
            f"expected a pandas or polars DataFrame or a dict of columns, got {type(data).__name__}"
        ) from None
    if name not in columns:
        raise missing_column(name, name, columns, "pass the name of one of these columns")
    return data[name]


def _n_rows(data: Any) -> int:
    if hasattr(data, "shape"):
        return int(data.shape[0])
    if not hasattr(data, "values"):
        raise TypeError(f"expected a pandas or polars DataFrame or a dict of columns, got {type(data).__name__}")
    lengths = {len(np.atleast_1d(np.asarray(v, dtype=object))) for v in data.values()}
    if len(lengths) > 1:
        raise invalid_input("data", sorted(lengths), None, "columns of one length (got these lengths)")
    return lengths.pop() if lengths else 0


def _real(name: str, x: Any) -> float:
    """A real number parameter (int, float, numpy scalar); anything else is a TypeError naming it."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}: expected a number, got {type(x).__name__}")
    return float(x)


def _whole(name: str, x: Any, largest: int) -> int:
    """A whole-number parameter in ``0..=largest``: a TypeError naming it for a non-int, an
    :class:`ltv.InvalidInputError` naming it and the value when out of range (never a pyo3 OverflowError)."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, np.integer)):
        raise TypeError(f"{name}: expected a whole number (int), got {type(x).__name__}")
    if not 0 <= int(x) <= largest:
        raise invalid_input(name, int(x), None, f"a whole number in 0..={largest}")
    return int(x)


def _floats(name: str, x: Any) -> FloatArray:
    """A numeric column as a contiguous float64 array (missing values become NaN, rejected by Rust)."""
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name}: expected a numeric column, got {type(x).__name__}")
    if isinstance(x, (list, tuple)):
        for row, v in enumerate(x):
            if isinstance(v, (bool, np.bool_, str, bytes, complex, list, tuple, dict)):
                raise TypeError(f"{name}[{row}]: expected a number, got {type(v).__name__}")
    if isinstance(x, np.ma.MaskedArray):
        if np.ma.getmaskarray(x).any():
            row = int(np.flatnonzero(np.ma.getmaskarray(x))[0])
            raise invalid_input(name, "masked", row, "a value (fill or drop masked values first)")
        x = x.data
    if is_pandas(x) and hasattr(x, "columns") or is_polars(x) and hasattr(x, "columns"):
        raise TypeError(f"{name}: expected a column, got a {type(x).__name__}")
    try:
        if is_pandas(x):
            kind = getattr(getattr(x, "dtype", None), "kind", "O")
            arr = x.to_numpy(dtype=np.float64, na_value=np.nan) if kind in "biuf" else np.asarray(x.to_numpy())
        elif is_polars(x):
            # Numbers cast in polars (Int128, Decimal: numpy lacks them; nulls become NaN), others as they are.
            arr = np.asarray(x.cast(float).to_numpy() if x.dtype.is_numeric() else x.to_numpy())
        else:
            arr = np.asarray(x)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a numeric column, got {type(x).__name__}") from None
    if arr.dtype.kind not in "biuf":
        if arr.dtype.kind != "O":
            raise TypeError(f"{name}: expected a numeric column, got values of type {arr.dtype}")
        for row, v in enumerate(arr.ravel()):
            if isinstance(v, (bool, np.bool_, str, bytes, complex)):
                raise TypeError(f"{name}[{row}]: expected a number, got {type(v).__name__}")
        try:
            arr = np.array([np.nan if v is None else v for v in arr.ravel()], dtype=np.float64).reshape(arr.shape)
        except (TypeError, ValueError):
            raise TypeError(f"{name}: expected a numeric column, got values of type {arr.dtype}") from None
    if arr.ndim != 1:
        raise TypeError(f"{name}: expected a 1-D column, got {arr.ndim} dimensions")
    return np.ascontiguousarray(arr, dtype=np.float64)


def _labels(name: str, x: Any) -> Tuple[IntArray, List[str]]:
    """A categorical column factorized: codes into a list of distinct labels (``str(value)``), and -2 for a
    missing value (None, NaN). pandas' hash-based ``factorize`` when pandas is installed, else numpy."""
    if is_polars(x):
        x = x.to_list()
    check_column(name, x)
    if not is_pandas(x):
        check_labels(name, x)
        values = np.asarray(x, dtype=object)
        if values.ndim != 1:
            raise TypeError(f"{name}: expected a 1-D column, got {values.ndim} dimensions")
        if has_pandas():
            import pandas as pd  # type: ignore[import-untyped, unused-ignore]

            x = pd.Series(values)
        else:
            missing = np.fromiter((v is None or (isinstance(v, float) and v != v) for v in values), bool, len(values))
            strings = np.array(["" if m else str(v) for v, m in zip(values, missing)], dtype=str)
            labels, inverse = np.unique(strings[~missing], return_inverse=True)
            codes = np.full(len(strings), _MISSING, dtype=np.int64)
            codes[~missing] = inverse
            return codes, [str(label) for label in labels]
    import pandas as pd

    if x.dtype == object:
        check_labels(name, x)
    codes, uniques = pd.factorize(x, use_na_sentinel=True)
    codes = np.asarray(codes, dtype=np.int64)
    codes[codes < 0] = _MISSING
    distinct: List[Any] = list(np.asarray(uniques, dtype=object))
    texts = [str(u) for u in distinct]
    check_text(name, texts, [int(np.argmax(codes == i)) for i in range(len(texts))])
    # 1 and "1" would be two categories both named "1" in the model: an error naming the row.
    check_distinct(texts, distinct, codes, name)
    return np.ascontiguousarray(codes), texts


def _training_codes(name: str, x: Any) -> Tuple[IntArray, List[str]]:
    """Codes and their labels (any order: Rust sorts the categories and remaps the codes)."""
    return _labels(name, x)


def _scoring_codes(name: str, x: Any, categories: Sequence[str]) -> IntArray:
    """Codes into the scorer's (sorted) categories: -1 for a label not seen at training, -2 for missing."""
    codes, labels = _labels(name, x)
    known = {category: i for i, category in enumerate(categories)}
    table = np.array([known.get(label, _UNSEEN) for label in labels] + [_MISSING], dtype=np.int64)
    # Index -2 (missing) reads the last entry of the table, _MISSING.
    return np.ascontiguousarray(table[np.where(codes == _MISSING, -1, codes)])


def _values(data: Any, name: str, ref: ColumnOrValue, n: int) -> FloatArray:
    """A keyword that names a column of ``data`` or gives values (one, or one per row)."""
    if isinstance(ref, str):
        return _floats(ref, _column(data, ref))
    if isinstance(ref, (bool, np.bool_)) or ref is None:
        raise TypeError(f"{name}: expected a column name, a number or a column of numbers, got {ref!r}")
    arr = _floats(name, np.atleast_1d(np.asarray(ref, dtype=np.float64)) if np.ndim(ref) == 0 else ref)
    if len(arr) not in (1, n):
        raise invalid_input(name, len(arr), None, f"one value, or one per row ({n} rows)")
    return arr


@dataclass(frozen=True)
class Evaluation:
    """How a scorer does on labelled leads (see :meth:`LeadScorer.evaluate`).

    ``calibration`` has one row per bin of predicted P (equal-count bins, lowest first): ``bin``, ``count``,
    ``min_predicted``, ``max_predicted``, ``mean_predicted`` and ``observed_rate``. It is a pandas DataFrame
    (a polars one for polars input; a dict of lists when pandas is not installed).

    ``auc`` is the probability that a converted lead scores above an unconverted one (Hanley & McNeil 1982),
    ``log_loss`` the mean negative log-likelihood of the labels; a well-calibrated scorer has each bin's
    ``observed_rate`` close to its ``mean_predicted`` (Hosmer & Lemeshow). Immutable; ``repr()`` shows the
    metrics, ``_repr_html_()`` the metrics and the calibration table.

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
    ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
    >>> ev = ltv.LeadScorer.fit(leads, numeric=["visits"]).evaluate(leads, bins=2)
    >>> ev
    Evaluation(auc=0.7600, log_loss=0.5810, n_rows=10, n_positive=5, bins=2)
    >>> ev.calibration["count"].tolist(), ev.calibration["observed_rate"].tolist()
    ([5, 5], [0.2, 0.8])
    """

    auc: float
    """The area under the ROC curve (Mann-Whitney, ties counted 1/2; Hanley & McNeil 1982)."""
    log_loss: float
    """The mean log loss (natural log)."""
    n_rows: int
    """Leads evaluated."""
    n_positive: int
    """Leads that converted."""
    calibration: Any = field(repr=False)
    """The calibration table (Hosmer-Lemeshow-style bins of predicted P)."""

    def __repr__(self) -> str:
        return (
            f"Evaluation(auc={self.auc:.4f}, log_loss={self.log_loss:.4f}, n_rows={self.n_rows}, "
            f"n_positive={self.n_positive}, bins={len(self.calibration['count'])})"
        )

    def _repr_html_(self) -> str:
        """The metrics and the calibration table as HTML (Jupyter)."""
        from . import _html

        head = _html.figures("Evaluation", [("auc", f"{self.auc:.4f}"), ("log_loss", f"{self.log_loss:.4f}"),
                                            ("n_rows", self.n_rows), ("n_positive", self.n_positive)])
        return head + "<p>calibration</p>" + _html.frame(self.calibration)


class LeadScorer:
    """A logistic-regression lead scorer (L2 penalty): P(convert) per lead and lead value = P x customer LTV.

    Train with :meth:`fit`. Numeric columns are standardized by their training mean and (population)
    standard deviation unless ``standardize=False``, so the penalty treats them alike and the coefficients
    are per standard deviation; categorical columns are one-hot encoded against the categories seen at
    training (sorted). A category not seen at training scores with all its indicators 0 (scikit-learn's
    ``handle_unknown="ignore"``); a missing value (NaN, None) is an error naming the row.

    The objective is scikit-learn's ``LogisticRegression(penalty="l2", C=c)``:
    ``c * sum_i w_i logloss_i + 0.5 * ||beta||^2``, intercept not penalised; ``c = 1 / l2`` for a penalty
    written ``l2 / 2 * ||beta||^2``. On the same (standardized, one-hot) design matrix, the coefficients are
    scikit-learn's.

    ``repr()`` shows the features and the fit; ``_repr_html_()`` the training statistics and the estimates
    with their standard errors and 95 % intervals (:meth:`summary`). :attr:`covariance` and :attr:`std_err`
    give the coefficient covariance ``(X'WX + P / c)^-1`` kept from training.

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
    ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
    >>> ltv.LeadScorer.fit(leads, numeric=["visits"])
    LeadScorer(target='converted', numeric=['visits'], categorical=[], c=1.0, n_rows=10, converged=True)
    """

    __slots__ = ("_model",)

    def __init__(self, model: _ltv._LeadScorer) -> None:
        """Wraps a compiled scorer; use :meth:`fit` or :meth:`from_json` instead."""
        if not isinstance(model, _ltv._LeadScorer):
            raise TypeError("use LeadScorer.fit(...) or LeadScorer.from_json(...)")
        self._model = model

    @classmethod
    def fit(
        cls,
        data: Any,
        *,
        target: str = "converted",
        numeric: Sequence[str] = (),
        categorical: Sequence[str] = (),
        c: float = 1.0,
        standardize: bool = True,
        sample_weight: Optional[ColumnOrValue] = None,
        tol: float = 1e-10,
        max_iter: int = 100,
    ) -> "LeadScorer":
        """Trains a scorer on ``data`` (a pandas or polars DataFrame, or a dict of columns).

        ``target`` names the 0 / 1 (or boolean) column of converted leads; ``numeric`` and ``categorical``
        name the feature columns. ``c`` is scikit-learn's ``C`` (finite, > 0). ``sample_weight`` is a
        column name or values (finite, >= 0). Training stops when the largest gradient component is below
        ``tol`` times its starting value (then takes one polishing Newton step), or after ``max_iter``
        Newton steps (at most :data:`MAX_SCORER_ITERATIONS` = 1000); ``.training["converged"]`` says which.

        Parameters
        ----------
        data : pandas.DataFrame, polars.DataFrame or dict of columns
            The labelled leads, one row per lead.
        target : str, default "converted"
            The 0 / 1 (or boolean) column of converted leads.
        numeric : sequence of str, default ()
            Numeric feature columns.
        categorical : sequence of str, default ()
            Categorical feature columns (strings, numbers or dates; one-hot encoded).
        c : float, default 1.0
            scikit-learn's ``C``, the inverse L2 penalty, finite and > 0.
        standardize : bool, default True
            Standardize the numeric features by their training mean and standard deviation.
        sample_weight : str, number, array-like or None, default None
            A column name, one value or one per row, finite and >= 0; ``None``: every lead weighs 1.
        tol : float, default 1e-10
            Relative gradient tolerance.
        max_iter : int, default 100
            Newton steps at most (up to ``MAX_SCORER_ITERATIONS``).

        Returns
        -------
        LeadScorer
            The trained scorer; ``.training`` holds its statistics.

        Raises
        ------
        InvalidInputError
            A NaN or missing value, a target other than 0 / 1 or with one class only, a bad ``c`` or weight
            (with ``.field`` and ``.row``).
        MissingColumnError
            A column not in ``data`` (also a ``KeyError``).
        TypeError
            ``numeric`` or ``categorical`` given as one string.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
        >>> scorer.coefficient_names, scorer.training["converged"]
        (['visits'], True)
        """
        if isinstance(numeric, str) or isinstance(categorical, str):
            raise TypeError("numeric and categorical take lists of column names")
        n = _n_rows(data)
        numeric_names = [str(name) for name in numeric]
        categorical_names = [str(name) for name in categorical]
        numeric_arrays = [_floats(name, _column(data, name)) for name in numeric_names]
        codes: List[IntArray] = []
        categories: List[List[str]] = []
        for name in categorical_names:
            column_codes, column_categories = _training_codes(name, _column(data, name))
            codes.append(column_codes)
            categories.append(column_categories)
        y = _floats(target, _column(data, target))
        weight = None if sample_weight is None else _values(data, "sample_weight", sample_weight, n)
        if weight is not None and len(weight) == 1:
            weight = np.full(n, weight[0])
        model = _ltv._LeadScorer.fit(
            numeric_names,
            numeric_arrays,
            categorical_names,
            codes,
            categories,
            target,
            y,
            weight,
            _real("c", c),
            bool(standardize),
            _real("tol", tol),
            _whole("max_iter", max_iter, MAX_SCORER_ITERATIONS),
        )
        return cls(model)

    # --- encoding ---------------------------------------------------------------------------------------

    def _encode(self, data: Any) -> Tuple[List[str], List[FloatArray], List[str], List[IntArray]]:
        numeric_names = [name for name, _, _ in self._model.numeric_features]
        numeric_arrays = [_floats(name, _column(data, name)) for name in numeric_names]
        categorical_names: List[str] = []
        codes: List[IntArray] = []
        for name, categories in self._model.categorical_features:
            categorical_names.append(name)
            codes.append(_scoring_codes(name, _column(data, name), categories))
        return numeric_names, numeric_arrays, categorical_names, codes

    @staticmethod
    def _wrap(data: Any, values: FloatArray, name: str) -> Any:
        if is_pandas(data):
            import pandas as pd  # type: ignore[import-untyped, unused-ignore]

            return pd.Series(values, index=data.index, name=name)
        if is_polars(data):
            import polars as pl

            return pl.Series(name, values)
        return values

    # --- scoring ----------------------------------------------------------------------------------------

    def predict_proba(self, data: Any) -> Any:
        """P(convert) per lead. Columns the scorer does not use are ignored.

        Parameters
        ----------
        data : pandas.DataFrame, polars.DataFrame or dict of columns
            The leads, with the scorer's feature columns.

        Returns
        -------
        pandas.Series, polars.Series or numpy.ndarray
            Probabilities in (0, 1): a pandas Series on the frame's index (name ``p_convert``), a polars Series,
            or a numpy array for a dict of columns.

        Raises
        ------
        InvalidInputError
            A NaN or missing feature value (``.field`` and ``.row`` name it).
        KeyError
            A feature column missing from ``data``.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
        >>> scorer.predict_proba(pd.DataFrame({"visits": [0, 5]})).round(3).tolist()
        [0.315, 0.806]
        """
        return self._wrap(data, self._model.predict_proba(*self._encode(data)), "p_convert")

    def decision_function(self, data: Any) -> Any:
        """The linear score (log-odds of converting) per lead, wrapped as :meth:`predict_proba`.

        Parameters
        ----------
        data : pandas.DataFrame, polars.DataFrame or dict of columns
            The leads, with the scorer's feature columns.

        Returns
        -------
        pandas.Series, polars.Series or numpy.ndarray
            Log-odds (name ``log_odds``), as :meth:`predict_proba` wraps them.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
        >>> scorer.decision_function(pd.DataFrame({"visits": [0, 5]})).round(3).tolist()
        [-0.776, 1.427]
        """
        return self._wrap(data, self._model.decision_function(*self._encode(data)), "log_odds")

    def lead_values(self, data: Any, *, customer_ltv: ColumnOrValue) -> Any:
        """Lead value = P(convert) x customer LTV per lead (``ltv.lead_ltv``), wrapped as
        :meth:`predict_proba` (name ``lead_value``).

        Parameters
        ----------
        data : pandas.DataFrame, polars.DataFrame or dict of columns
            The leads, with the scorer's feature columns.
        customer_ltv : str, number or array-like
            A column name, one value, or one per row: the LTV of a converted lead, finite and >= 0.

        Returns
        -------
        pandas.Series, polars.Series or numpy.ndarray
            Values in the currency of ``customer_ltv``.

        Raises
        ------
        InvalidInputError
            A negative or non-finite LTV, or the wrong number of values.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
        >>> scorer.lead_values(pd.DataFrame({"visits": [0, 5]}), customer_ltv=10_000).round(2).tolist()
        [3152.03, 8064.2]
        """
        ltv = _values(data, "customer_ltv", customer_ltv, _n_rows(data))
        return self._wrap(data, self._model.lead_values(*self._encode(data), ltv), "lead_value")

    def evaluate(self, data: Any, *, bins: int = 10) -> Evaluation:
        """AUC, log loss and a calibration table on labelled leads, e.g. the holdout set of
        :func:`train_test_split`. The target column is the one the scorer was trained on.

        Parameters
        ----------
        data : pandas.DataFrame, polars.DataFrame or dict of columns
            Labelled leads, with the features and the target.
        bins : int, default 10
            Equal-count bins of predicted P in the calibration table (10 for deciles).

        Returns
        -------
        Evaluation
            ``.auc``, ``.log_loss``, ``.n_rows``, ``.n_positive`` and ``.calibration``.

        Raises
        ------
        InvalidInputError
            A target other than 0 / 1, a missing value, or ``bins`` out of range.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
        >>> ev = scorer.evaluate(leads, bins=2)
        >>> round(ev.auc, 4), ev.n_rows, ev.n_positive
        (0.76, 10, 5)
        """
        y = _floats(self.target, _column(data, self.target))
        result = self._model.evaluate(*self._encode(data), y, _whole("bins", bins, 2**32 - 1))
        table: Dict[str, List[Any]] = result["calibration"]
        calibration: Any = table
        if is_polars(data):
            import polars as pl

            calibration = pl.DataFrame(table)
        elif has_pandas():
            import pandas as pd  # type: ignore[import-untyped, unused-ignore]

            calibration = pd.DataFrame(table).set_index("bin")
        return Evaluation(
            auc=float(result["auc"]),
            log_loss=float(result["log_loss"]),
            n_rows=int(result["n_rows"]),
            n_positive=int(result["n_positive"]),
            calibration=calibration,
        )

    # --- the model --------------------------------------------------------------------------------------

    @property
    def target(self) -> str:
        """The target column's name."""
        return self._model.target

    @property
    def numeric(self) -> List[str]:
        """The numeric features."""
        return [name for name, _, _ in self._model.numeric_features]

    @property
    def categorical(self) -> Dict[str, List[str]]:
        """The categorical features and their categories (sorted)."""
        return {name: categories for name, categories in self._model.categorical_features}

    @property
    def standardization(self) -> Dict[str, Tuple[float, float]]:
        """``{feature: (mean, scale)}`` of the numeric features (``(0, 1)`` when not standardized)."""
        return {name: (mean, scale) for name, mean, scale in self._model.numeric_features}

    @property
    def c(self) -> float:
        """The penalty ``C`` (scikit-learn's; ``l2 = 1 / C``)."""
        return self._model.c

    @property
    def intercept(self) -> float:
        """The intercept (log-odds of a lead at the mean of every numeric feature, no category)."""
        return self._model.intercept

    @property
    def coef(self) -> FloatArray:
        """The coefficients as an array, in :attr:`coefficient_names` order (scikit-learn's ``coef_[0]``)."""
        return self._model.coefficients

    @property
    def coefficient_names(self) -> List[str]:
        """``feature`` for a numeric feature, ``feature=category`` for a category's indicator."""
        return self._model.coefficient_names

    @property
    def coefficients(self) -> Any:
        """The coefficients: a pandas DataFrame indexed by :attr:`coefficient_names`, with columns
        ``feature``, ``category`` (None for numeric features) and ``coefficient``; a dict
        ``{name: coefficient}`` when pandas is not installed."""
        names = self.coefficient_names
        values = [float(v) for v in self.coef]
        if not has_pandas():
            return dict(zip(names, values))
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        features = [name.split("=", 1)[0] if "=" in name and name not in self.numeric else name for name in names]
        categories = [None if f == n else n.split("=", 1)[1] for f, n in zip(features, names)]
        return pd.DataFrame(
            {"feature": features, "category": categories, "coefficient": values}, index=pd.Index(names, name="name")
        )

    @property
    def training(self) -> Dict[str, Any]:
        """Training statistics: ``n_rows``, ``n_positive``, ``total_weight``, ``objective``, ``log_loss``,
        ``gradient_max``, ``iterations``, ``converged``."""
        return self._model.training

    # --- inference: the coefficient covariance ---------------------------------------------------------

    @property
    def covariance(self) -> npt.NDArray[np.float64]:
        """The covariance of the estimates, intercept first, then :attr:`coefficient_names` order.

        ``(X'WX + P / c)^-1`` at the fit: ``X`` the design (ones, standardized numeric values, category
        indicators), ``W = diag(w_i p_i (1 - p_i))`` (fitted probabilities, sample weights), ``P = diag(0, 1,
        ..., 1)`` (the intercept is not penalised). It is the inverse Hessian of the penalised log-likelihood,
        the usual sandwich-free approximation for a ridge-penalised logistic regression (the posterior covariance
        under the penalty's ``N(0, c I)`` prior; the textbook ``(X'WX)^-1`` as ``c`` grows: Hastie, Tibshirani &
        Friedman, *ESL* §4.4.3), not the sandwich covariance of the shrunken estimate (le Cessie & van
        Houwelingen 1992). Computed at training in Rust, kept in the model file (format version 2), exactly
        symmetric and positive definite. Standardized coefficients have variances per standard deviation squared.

        Returns
        -------
        numpy.ndarray
            ``(k + 1, k + 1)`` float64, ``k`` the number of coefficients.

        Raises
        ------
        UndefinedError
            The information matrix was not numerically positive definite at the fit (a penalty too weak for
            the data: collinear one-hot columns with a huge ``c``): no covariance exists.
        InvalidInputError
            The scorer was read from a format version 1 model file, which has no covariance (``.field`` is
            ``"covariance"``); train it again.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> cov = ltv.LeadScorer.fit(leads, numeric=["visits"]).covariance
        >>> cov.shape, bool((cov == cov.T).all())
        ((2, 2), True)
        """
        flat = self._model.covariance()
        n = len(self.coefficient_names) + 1
        return flat.reshape(n, n)

    @property
    def std_err(self) -> FloatArray:
        """The standard errors of the estimates, intercept first (``std_err[1:]`` match :attr:`coef`): the
        square roots of the :attr:`covariance`'s diagonal, each finite and > 0.

        Returns
        -------
        numpy.ndarray
            ``k + 1`` float64 values.

        Raises
        ------
        UndefinedError, InvalidInputError
            As :attr:`covariance`.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> ltv.LeadScorer.fit(leads, numeric=["visits"]).std_err.round(4).tolist()
        [0.6725, 0.5854]
        """
        return self._model.std_errors()

    def summary(self) -> Any:
        """The estimates as a table: the intercept, then one row per coefficient.

        ``std_err`` is the square root of the :attr:`covariance`'s diagonal; ``lower_95`` and ``upper_95`` are the
        Wald interval ``estimate -/+ 1.959964 std_err``; ``z = estimate / std_err`` and ``p_value`` its two-sided
        normal p-value ``erfc(|z| / sqrt 2)`` (0 where it is below the smallest float). For a penalised fit the
        estimates are shrunk towards 0, so read the intervals and tests as approximate (exact as ``c`` grows).
        Every number comes from Rust (``LeadScorer::summary``).

        Returns
        -------
        pandas.DataFrame
            Index ``parameter`` (``"(intercept)"`` first, then :attr:`coefficient_names`); columns ``estimate``,
            ``std_err``, ``lower_95``, ``upper_95`` (as :meth:`ltv.SbgFit.summary`), ``z`` and ``p_value``.
            Needs pandas (``ltv[pandas]``).

        Raises
        ------
        UndefinedError, InvalidInputError
            As :attr:`covariance`.

        Examples
        --------
        A 2 x 2 table with almost no penalty: the slope is the log odds ratio ``ln(30 x 40 / (10 x 20))`` and its
        standard error the textbook ``sqrt(1/30 + 1/10 + 1/20 + 1/40)``.

        >>> import math, ltv
        >>> table = {"exposed": [1, 1, 0, 0], "converted": [1, 0, 1, 0], "leads": [30, 10, 20, 40]}
        >>> scorer = ltv.LeadScorer.fit(table, numeric=["exposed"], sample_weight="leads", c=1e12,
        ...                             standardize=False)
        >>> s = scorer.summary()
        >>> list(s.columns)
        ['estimate', 'std_err', 'lower_95', 'upper_95', 'z', 'p_value']
        >>> s.index.tolist()
        ['(intercept)', 'exposed']
        >>> round(float(s.loc["exposed", "estimate"]), 6), round(math.log(6), 6)
        (1.791759, 1.791759)
        >>> round(float(s.loc["exposed", "std_err"]), 6), round(math.sqrt(1/30 + 1/10 + 1/20 + 1/40), 6)
        (0.456435, 0.456435)
        """
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        table: Dict[str, List[Any]] = self._model.summary()
        names = table.pop("name")
        return pd.DataFrame(table, index=pd.Index(names, name="parameter"))

    def to_json(self) -> str:
        """The versioned JSON model file (``{"model": "logistic_scorer", "format_version": 2, ...}``), the
        same file the Rust crate reads and writes.

        Returns
        -------
        str
            The model file's JSON text.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
        >>> scorer.to_json().startswith('{"model":"logistic_scorer"')
        True
        """
        return self._model.to_json()

    @classmethod
    def from_json(cls, text: str) -> "LeadScorer":
        """Reads a JSON model file.

        Parameters
        ----------
        text : str
            The model file's JSON text (from :meth:`to_json`, or written by the Rust crate).

        Returns
        -------
        LeadScorer
            A scorer that scores exactly as the saved one.

        Raises
        ------
        InvalidInputError
            Another model or version, an unknown or missing key, or inconsistent contents.

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0],
        ...                       "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0]})
        >>> scorer = ltv.LeadScorer.fit(leads, numeric=["visits"])
        >>> ltv.LeadScorer.from_json(scorer.to_json()) == scorer
        True
        """
        return cls(_ltv._LeadScorer.from_json(text))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LeadScorer) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        t = self.training
        return (
            f"LeadScorer(target={self.target!r}, numeric={self.numeric!r}, categorical={list(self.categorical)!r}, "
            f"c={self.c!r}, n_rows={t['n_rows']}, converged={t['converged']})"
        )

    def _repr_html_(self) -> str:
        """The model, its training statistics and its estimates (with standard errors and 95 % intervals where
        the scorer has a covariance) as HTML (Jupyter)."""
        import html

        from . import _html

        t = self.training
        head = _html.figures("Lead scorer", [("target", self.target), ("c", f"{self.c:g}"),
                                             ("intercept", f"{self.intercept:.6f}"), ("n_rows", t["n_rows"]),
                                             ("log_loss", f"{t['log_loss']:.6f}"), ("iterations", t["iterations"]),
                                             ("converged", t["converged"])])
        try:
            table: Dict[str, List[Any]] = self._model.summary()
        except _ltv.LtvError as e:  # no covariance: the estimates alone, and why
            coef = _html.figures("coefficients", zip(self.coefficient_names, (f"{v:.6f}" for v in self.coef)))
            return head + coef + f"<p>{html.escape(str(e))}</p>"
        columns = ["estimate", "std_err", "lower_95", "upper_95"]
        shown: Dict[str, List[Any]] = {"parameter": table["name"]}
        shown.update({k: [f"{v:.6f}" for v in table[k]] for k in columns})
        shown["p_value"] = [f"{v:.4g}" for v in table["p_value"]]
        return head + "<p>estimates</p>" + _html.frame(shown)


def train_test_split(data: Any, *, test_size: float = 0.25, seed: int = 0) -> Tuple[Any, Any]:
    """A deterministic holdout split of ``data`` into ``(train, test)``, rows kept in their order.

    ``round(n x test_size)`` rows go to the test set, chosen by a Fisher-Yates shuffle driven by SplitMix64
    seeded with ``seed`` (``ltv_models::holdout_mask``): the same data, ``test_size`` and ``seed`` give the
    same split in Python and Rust, on every platform. pandas frames keep their index; polars frames and dicts
    of columns are filtered.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or dict of columns
        The rows to split.
    test_size : float, default 0.25
        The share of rows in the test set, strictly between 0 and 1.
    seed : int, default 0
        The shuffle's seed, a whole number >= 0.

    Returns
    -------
    tuple
        ``(train, test)``, each of ``data``'s type.

    Raises
    ------
    InvalidInputError
        ``test_size`` not strictly between 0 and 1.
    TypeError
        ``data`` is not a frame or a dict of columns, or ``seed`` is not a whole number >= 0.

    Examples
    --------
    >>> import ltv
    >>> train, test = ltv.scoring.train_test_split({"x": list(range(8))}, test_size=0.25, seed=1)
    >>> len(train["x"]), len(test["x"])
    (6, 2)
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise TypeError(f"seed: expected a whole number >= 0, got {seed!r}")
    mask = _ltv._scorer_holdout_mask(_n_rows(data), _real("test_size", test_size), _whole("seed", seed, 2**64 - 1))
    if is_pandas(data):
        return data.iloc[~mask], data.iloc[mask]
    if is_polars(data):
        import polars as pl

        return data.filter(pl.Series(~mask)), data.filter(pl.Series(mask))
    if isinstance(data, Mapping):
        train = {k: np.asarray(v)[~mask] for k, v in data.items()}
        test = {k: np.asarray(v)[mask] for k, v in data.items()}
        return train, test
    raise TypeError(f"expected a pandas or polars DataFrame or a dict of columns, got {type(data).__name__}")


if hasattr(_os, "register_at_fork"):
    # rayon's thread pool does not survive fork(): train and score single-threaded in forked children.
    _os.register_at_fork(after_in_child=_ltv._scorer_disable_parallelism)
