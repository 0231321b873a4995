"""Account health: which accounts are about to churn, and the LTV that follows from their own risk.

From an account-period panel (one row per account and period: id, period, MRR, usage metrics, a churn
flag on the period after which an account left), :func:`features` computes documented, leakage-safe
behavioural features (level, change over a window, trend, periods since activity, tenure) and the label
"churns within the next ``horizon`` periods". :class:`HealthModel` is a discrete-time churn hazard model:
the lead scorer's L2-penalised logistic regression (:class:`ltv.scoring.LeadScorer`) trained on the
account-period rows, giving P(churn within the horizon) and the per-period hazard. :func:`lift_table`
says how much more often accounts in a feature bucket churn (Wilson and Katz intervals);
:func:`risk_adjusted_ltv` and :func:`value_at_risk` turn hazards into value. Every number comes from the
``ltv-models`` crate (``health`` module); the definitions are documented there and in :func:`features`.

>>> import ltv.health as health
>>> panel = health.synthetic_panel(accounts=2000, periods=12, seed=1)
>>> f = health.features(panel, metrics=["logins", "seats"])
>>> model = health.HealthModel.fit(f, cut=9)
>>> ev = model.evaluate(f, cut=9)
>>> ev.auc > 0.65
True
>>> lift = health.lift_table(f[f.label_known], feature="logins_change", edges=[0.6], reference=1)
>>> bool(lift.loc[0, "ratio_low"] > 2)
True
"""

from __future__ import annotations

import json
import warnings
from statistics import NormalDist
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _ltv
from ._columns import has_pandas, invalid_input, is_pandas, is_polars, number, option, shown, values_of, whole
from .scoring import Evaluation, LeadScorer, _column, _floats, _labels

__all__ = [
    "HealthModel",
    "ConstantFeatureWarning",
    "ChurnSignal",
    "features",
    "fit",
    "evaluate",
    "lift_table",
    "risk_adjusted_ltv",
    "value_at_risk",
    "synthetic_panel",
    "per_period_hazard",
    "LABEL",
    "KNOWN",
]

LABEL = "churn_within_horizon"
"""The label column of :func:`features`: 1 when the account churns within the horizon."""
KNOWN = "label_known"
"""The column of :func:`features` saying whether the label is known (censored rows are not)."""
_TAG, _VERSION = "account_health", 1
_RESERVED = ("account", "period", LABEL, KNOWN)

ChurnSignal = Union[Literal["flag"], Literal["end_of_revenue"]]
"""Where churn comes from: ``"flag"`` (a churn column) or ``"end_of_revenue"`` (the last period with revenue)."""


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


class ConstantFeatureWarning(UserWarning):
    """A feature takes one value on every training row of :meth:`HealthModel.fit` (Rust
    ``HealthWarning::ConstantFeature``). The fit goes ahead: the scorer standardizes the column to 0 and
    the L2 penalty holds its coefficient at 0, so the model stays identifiable; the column carries no
    information (a metric recorded as 0 everywhere is often a broken pipeline). ``.feature`` is its name,
    ``.value`` its one value.

    Examples
    --------
    >>> import warnings, ltv.health as health
    >>> f = health.features(health.synthetic_panel(accounts=300, periods=8, seed=1), metrics=["logins"])
    >>> f["plan_flag"] = 1.0
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     model = health.fit(f, cut=7)
    >>> [w.message.feature for w in caught]
    ['plan_flag']
    """

    feature: str
    value: float

    def __init__(self, message: str, feature: str = "", value: float = float("nan")) -> None:
        super().__init__(message)
        self.feature, self.value = feature, value


def _frame(like: Any, columns: Dict[str, Any], *, owned: bool = False) -> Any:
    """A frame of the input's kind: polars for polars, pandas otherwise (a dict without pandas).
    ``owned``: every column is a fresh array nobody else holds, so pandas may keep it as it is instead of
    copying all of them into one block (the features of a large panel would otherwise be held twice)."""
    if is_polars(like):
        import polars as pl

        return pl.DataFrame(columns)
    if has_pandas():
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        return pd.DataFrame(columns, copy=not owned)
    return columns


def _ints(name: str, x: Any) -> npt.NDArray[np.int64]:
    values = np.asarray(values_of(x))
    if values.dtype == object and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        big = [row for row, v in enumerate(values) if not -(2**63) <= v < 2**63]
        if big:
            raise invalid_input(name, shown(values[big[0]]), big[0], "a whole number within int64")
        values = values.astype(np.int64)
    if values.dtype.kind not in "iu":
        raise invalid_input(name, values.dtype, None, "a column of whole numbers (integer ids and periods)")
    return np.ascontiguousarray(values, dtype=np.int64)


def _accounts(x: Any) -> Tuple[npt.NDArray[np.int64], Optional[List[str]]]:
    """Account ids as int64 keys for Rust: integer ids as they are; any other labels (strings, mixed) as
    codes in order of first appearance, with the labels' text (``None`` for integer ids). A missing id
    is an error naming the row, and two ids that print alike (``1`` and ``"1"``) one naming the row of the
    second (the scorer's rule: they would be one account in every message and output)."""
    kind = getattr(getattr(x, "dtype", None), "kind", None)
    if is_polars(x):
        if x.dtype.is_integer() and x.null_count() == 0 and str(x.dtype) not in ("UInt64", "Int128", "UInt128"):
            return np.ascontiguousarray(x.to_numpy(), dtype=np.int64), None
    elif kind in ("i", "u") and not (is_pandas(x) and x.hasnans) and str(x.dtype) not in ("uint64", "UInt64"):
        return np.ascontiguousarray(np.asarray(values_of(x)), dtype=np.int64), None
    elif not (is_pandas(x) or isinstance(x, np.ndarray)):
        arr = np.asarray(x) if isinstance(x, (list, tuple)) and x and all(type(v) is int for v in x) else None
        if arr is not None and arr.dtype.kind == "i":
            return np.ascontiguousarray(arr, dtype=np.int64), None
    values = np.asarray(values_of(x))
    if values.dtype.kind in "fO":  # an infinite id names no account (NaN and None are missing: below)
        bad = [row for row, v in enumerate(values.tolist()) if isinstance(v, float) and v in (np.inf, -np.inf)]
        if bad:
            raise invalid_input("account", shown(values[bad[0]]), bad[0], "an account id (a label or a finite number)")
    codes, texts = _labels("account", x)
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        raise invalid_input("account", None, int(missing[0]), "an account id (no missing ids)")
    return codes, texts


def _user_ids(x: Any) -> Any:
    """The account column as the output carries it: the user's own values (a polars Series stays one)."""
    if is_polars(x):
        return x
    return np.asarray(values_of(x))


def _relabel(err: Exception, codes: npt.NDArray[np.int64], texts: Optional[List[str]]) -> Exception:
    """A native panel error with the account's own label in place of its code (``account 'acme'``)."""
    row = getattr(err, "row", None)
    if texts is None or row is None or not 0 <= row < len(codes):
        return err
    code = int(codes[row])
    message = str(err).replace(f"account {code}", f"account {texts[code]!r}")
    out = type(err)(message)
    for attr in ("field", "value", "kind", "row"):
        setattr(out, attr, getattr(err, attr, None))
    return out


def _bools(name: str, x: Any) -> npt.NDArray[np.bool_]:
    values = np.asarray(values_of(x))
    if values.dtype.kind == "b":
        return np.ascontiguousarray(values)
    floats = _floats(name, x)
    bad = np.flatnonzero((floats != 0) & (floats != 1))
    if bad.size:
        raise invalid_input(name, floats[bad[0]], int(bad[0]), "a churn flag: 0 / 1 or a boolean")
    return np.ascontiguousarray(floats == 1)



def _periods(name: str, x: Any) -> int:
    """A count of periods (``horizon``, ``window``): a whole number (a ``TypeError`` otherwise) that fits the
    native u32 (an :class:`ltv.InvalidInputError` otherwise; the native code checks its own cap)."""
    value = whole(name, x)
    if not 1 <= value <= 2**32 - 1:
        raise invalid_input(name, value, None, "a whole number of periods >= 1")
    return value


def features(
    panel: Any,
    *,
    account: str = "account",
    period: str = "period",
    revenue: str = "mrr",
    metrics: Sequence[str] = (),
    churn: str = "churned",
    churn_signal: ChurnSignal = "flag",
    horizon: int = 2,
    window: int = 2,
) -> Any:
    """Behavioural features and churn labels, one row per panel row (same order), as a frame of the
    input's kind (pandas or polars; Rust ``ltv_models::health_features``).

    For revenue (named ``revenue`` in the output) and each metric ``m``, with window ``w``:

    - ``m``: the level at ``t``;
    - ``m_change``: the mean of the last ``w`` periods over the mean of the ``w`` before, **1** when
      undefined (fewer than ``2w`` periods so far, or a prior mean <= 0), with ``m_change_undefined`` = 1;
    - ``m_trend``: the least-squares slope over the last ``w`` periods (fewer at the start; 0 for one);

    and ``periods_since_activity`` (periods since a usage metric was > 0; tenure + 1 before any) and
    ``tenure`` (periods since the account's first). A feature at ``t`` reads rows up to ``t`` only
    (leakage-safe). ``churn_within_horizon`` is 1 when the account's last period at risk ``c`` is before
    ``t + horizon``; ``label_known`` is False for an active account not observed through
    ``t + horizon - 1`` (censored: such rows are not trained or evaluated on).

    Parameters
    ----------
    panel : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per account and period; the rows of an account together and in period order.
    account : str, default "account"
        The account id column: integers, strings or any other labels (strings and numbers; ``1`` and
        ``"1"`` in one column are refused, naming the row). The output carries the ids as given.
    period : str, default "period"
        The period column: integers, consecutive within an account (a period without activity is a row
        with zeros, not a missing row).
    revenue : str, default "mrr"
        The revenue (MRR) column.
    metrics : list of str, default ()
        The usage metric columns (active users, seats, logins, key feature events, tickets).
    churn : str, default "churned"
        With ``churn_signal="flag"``: the churn flag column (0 / 1 or boolean), 1 on the period after
        which the account left (its last row). Not read with ``"end_of_revenue"``.
    churn_signal : {"flag", "end_of_revenue"}, default "flag"
        ``"end_of_revenue"``: an account whose last period with revenue > 0 is ``L`` churned after ``L``
        (churn period ``L + 1``) when ``L`` is before the panel's last period (the largest period of any
        row); one paying in the panel's last period is censored. Its rows after ``L`` are not at risk
        (``label_known`` False), nor are those of an account that never pays. The features are the same.
    horizon : int, default 2
        The label: churn within the next ``horizon`` periods (1 to 120; 2 months is 60 days).
    window : int, default 2
        The feature window in periods (1 to 120).

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        ``account``, ``period``, the feature columns, ``churn_within_horizon`` (0 / 1) and
        ``label_known`` (bool); a dict of arrays when pandas is not installed.

    Raises
    ------
    ltv.InvalidInputError
        Naming the column, row, account and period: periods out of order, duplicated or skipped, an
        account's rows not together, a row after churn (activity after churn), a missing (NaN) or
        infinite revenue or metric (metrics missing for a period), a missing account id or two that
        print alike; a horizon or window out of range.
    ltv.MissingColumnError
        A named column is not in the panel.
    TypeError
        ``metrics`` given as one string, or an option of the wrong kind.

    Examples
    --------
    >>> import pandas as pd, ltv.health as health
    >>> panel = pd.DataFrame({"account": ["acme"] * 5, "period": [1, 2, 3, 4, 5], "mrr": [100.0] * 5,
    ...                       "logins": [10, 10, 10, 4, 2], "churned": [0, 0, 0, 0, 1]})
    >>> f = health.features(panel, metrics=["logins"])
    >>> f["logins_change"].tolist()
    [1.0, 1.0, 1.0, 0.7, 0.3]
    >>> f["churn_within_horizon"].tolist()
    [0, 0, 0, 1, 1]
    >>> f["account"].iloc[0]
    'acme'

    The end of revenue instead of a flag: paying through period 3 of 5, the account churned after it.

    >>> panel["mrr"] = [100.0, 100.0, 100.0, 0.0, 0.0]
    >>> g = health.features(panel, metrics=["logins"], churn_signal="end_of_revenue")
    >>> g["churn_within_horizon"].tolist(), g["label_known"].tolist()
    ([0, 1, 1, 0, 0], [True, True, True, False, False])
    """
    if isinstance(metrics, str):
        raise TypeError("metrics takes a list of column names")
    signal = option("churn_signal", churn_signal, ("flag", "end_of_revenue"))
    names = [str(m) for m in metrics]
    ids = _column(panel, account)
    codes, texts = _accounts(ids)
    flags = (
        _bools(churn, _column(panel, churn)) if signal == "flag" else np.zeros(0, dtype=np.bool_)
    )
    try:
        out_names, columns, label, known = _ltv._health_features(
            codes,
            _ints(period, _column(panel, period)),
            _floats(revenue, _column(panel, revenue)),
            names,
            [_floats(m, _column(panel, m)) for m in names],
            flags,
            _periods("horizon", horizon),
            _periods("window", window),
            signal,
        )
    except _ltv.InvalidInputError as e:
        raise _relabel(e, codes, texts) from None
    # The account and period columns are copies (the user's arrays are not shared with the output); the
    # native columns are fresh: the pandas frame keeps them without a second copy.
    user = _user_ids(ids)
    account_column = user if is_polars(user) else np.array(user, copy=True)
    out: Dict[str, Any] = {"account": account_column, "period": np.array(_ints(period, _column(panel, period)))}
    out.update(zip(out_names, columns))
    out[LABEL] = label.astype(np.int64)
    out[KNOWN] = known
    return _frame(panel, out, owned=True)


def _rows(frame: Any, mask: npt.NDArray[np.bool_]) -> Any:
    if is_polars(frame):
        import polars as pl

        return frame.filter(pl.Series(mask))
    if isinstance(frame, dict):
        return {k: np.asarray(v)[mask] for k, v in frame.items()}
    return frame[mask]


def _names(frame: Any) -> List[str]:
    return [str(c) for c in (frame.columns if hasattr(frame, "columns") else frame.keys())]


class HealthModel:
    """A discrete-time churn hazard model (Singer & Willett 1993, the logit-hazard model; Rust
    ``ltv_models::HealthModel``): the lead scorer's L2-penalised logistic regression
    (:class:`ltv.LeadScorer`) on the account-period rows of :func:`features` against
    ``churn_within_horizon``. It gives each row's probability of churning within the horizon and its
    per-period hazard ``1 - (1 - P)^(1/horizon)``. Its model file holds the horizon, the window and the
    scorer's model file; the Rust ``HealthModel::from_json`` reads it and scores identically.

    Train with :meth:`fit`, read a file with :meth:`from_json`. ``repr()`` shows the horizon, window and
    scorer; ``_repr_html_()`` (Jupyter) the training statistics and the coefficients.

    Examples
    --------
    >>> import ltv.health as health
    >>> f = health.features(health.synthetic_panel(accounts=1000, periods=12, seed=1), metrics=["logins"])
    >>> model = health.HealthModel.fit(f, cut=9)
    >>> (model.horizon, model.window, model.scorer.training["converged"])
    (2, 2, True)
    >>> health.HealthModel.from_json(model.to_json()) == model
    True
    """

    __slots__ = ("_scorer", "_horizon", "_window", "_warnings")

    def __init__(self, scorer: LeadScorer, *, horizon: int, window: int) -> None:
        """Wraps a trained scorer; use :meth:`fit` or :meth:`from_json` instead."""
        if not isinstance(scorer, LeadScorer):
            raise TypeError("use HealthModel.fit(...) or HealthModel.from_json(...)")
        self._scorer, self._horizon, self._window = scorer, int(horizon), int(window)
        self._warnings: List[str] = []

    @classmethod
    def fit(
        cls,
        features: Any,
        *,
        cut: Optional[int] = None,
        horizon: int = 2,
        window: int = 2,
        numeric: Optional[Sequence[str]] = None,
        categorical: Sequence[str] = (),
        c: float = 1.0,
    ) -> "HealthModel":
        """Trains on the rows of ``features`` with a known label and, with ``cut``, whose label window
        ends before the cut (``period + horizon - 1 < cut``): a time-based holdout whose training labels
        never see a period at or after ``cut``.

        A feature constant over the training rows is a :class:`ConstantFeatureWarning` naming it (one
        per feature, also in :attr:`warnings`); the fit goes ahead, the L2 penalty holding the
        column's coefficient at 0.

        Parameters
        ----------
        features : pandas.DataFrame, polars.DataFrame or dict of columns
            The output of :func:`features`, with any static attributes joined on.
        cut : int, optional
            The first period of the holdout; ``None`` trains on every labelled row.
        horizon, window : int, default 2
            Those given to :func:`features`.
        numeric : list of str, optional
            The feature columns; default every column but ``account``, ``period``, the label, ``label_known``
            and ``categorical``.
        categorical : list of str, default ()
            Static attributes (plan, channel), one-hot encoded.
        c : float, default 1.0
            The inverse L2 penalty, scikit-learn's ``C``.

        Returns
        -------
        HealthModel
            The trained model.

        Raises
        ------
        ltv.InvalidInputError
            Naming ``cut`` when no labelled row ends its label window before it, or those rows hold no
            churn event (or only events; naming ``churn_within_horizon`` without a cut); the scorer's errors.
        TypeError
            ``cut``, ``horizon`` or ``window`` not a whole number.

        Examples
        --------
        >>> import ltv.health as health
        >>> f = health.features(health.synthetic_panel(accounts=1000, periods=12, seed=1), metrics=["logins"])
        >>> model = health.HealthModel.fit(f, cut=9)
        >>> model.scorer.numeric[:2], model.warnings
        (['revenue', 'revenue_change'], [])
        """
        horizon, window = _periods("horizon", horizon), _periods("window", window)
        period = _ints("period", _column(features, "period"))
        known = _bools(KNOWN, _column(features, KNOWN))
        mask = known if cut is None else known & (period + horizon - 1 < whole("cut", cut))
        if not mask.any():
            raise invalid_input("cut", cut, None, "a cut with labelled rows whose label window ends before it")
        y = _floats(LABEL, _column(features, LABEL))[mask]
        events = int(y.sum())
        if events in (0, y.size):
            field, where = ("cut", f"before the cut {cut}") if cut is not None else (LABEL, "with a known label")
            raise invalid_input(
                field, cut if cut is not None else events, None,
                f"training rows with both churned and retained accounts ({events} churn events among the "
                f"{y.size} rows {where})",
            )
        if numeric is None:
            numeric = [n for n in _names(features) if n not in _RESERVED and n not in set(categorical)]
        numeric = list(numeric)
        constant = [w for n in numeric for w in _ltv._health_constant([n], [_floats(n, _column(features, n))[mask]])]
        scorer = LeadScorer.fit(
            _rows(features, mask), target=LABEL, numeric=numeric, categorical=list(categorical), c=c
        )
        model = cls(scorer, horizon=horizon, window=window)
        for name, value, message in constant:
            model._warnings.append(message)
            warnings.warn(ConstantFeatureWarning(message, name, value), stacklevel=2)
        return model

    def churn_probability(self, features: Any) -> Any:
        """P(churn within the horizon) per row.

        Parameters
        ----------
        features : pandas.DataFrame, polars.DataFrame or dict of columns
            Rows of :func:`features` (computed with the model's horizon and window), any account ids.

        Returns
        -------
        pandas.Series, polars.Series or numpy.ndarray
            One probability per row (a Series named ``p_convert`` with the frame's index for pandas).

        Raises
        ------
        ltv.InvalidInputError
            A missing or non-finite feature value, naming the column and row.
        ltv.MissingColumnError
            A feature column the model was trained on is not in the frame.

        Examples
        --------
        >>> import ltv.health as health
        >>> f = health.features(health.synthetic_panel(accounts=1000, periods=12, seed=1), metrics=["logins"])
        >>> p = health.fit(f, cut=9).churn_probability(f)
        >>> bool(((p > 0) & (p < 1)).all())
        True
        """
        return self._scorer.predict_proba(features)

    def hazard(self, features: Any) -> Any:
        """The per-period hazard ``1 - (1 - P)^(1/horizon)`` per row.

        Parameters
        ----------
        features : pandas.DataFrame, polars.DataFrame or dict of columns
            As :meth:`churn_probability`.

        Returns
        -------
        pandas.Series, polars.Series or numpy.ndarray
            One hazard per row (named ``hazard``).

        Raises
        ------
        ltv.InvalidInputError
            As :meth:`churn_probability`.

        Examples
        --------
        >>> import ltv.health as health
        >>> f = health.features(health.synthetic_panel(accounts=1000, periods=12, seed=1), metrics=["logins"])
        >>> model = health.fit(f, cut=9)
        >>> p, h = model.churn_probability(f), model.hazard(f)
        >>> bool(abs(1 - (1 - h.iloc[0]) ** 2 - p.iloc[0]) < 1e-12)
        True
        """
        p = np.ascontiguousarray(self._scorer.predict_proba(features), dtype=np.float64)
        return LeadScorer._wrap(features, _ltv._health_hazard(p, self._horizon), "hazard")

    def evaluate(self, features: Any, *, cut: int, bins: int = 10) -> Evaluation:
        """AUC, log loss and a calibration table (the scorer's :class:`ltv.Evaluation`) on the labelled
        rows at ``period >= cut``: the time-based holdout of a model fitted with the same ``cut``.

        Parameters
        ----------
        features : pandas.DataFrame, polars.DataFrame or dict of columns
            Rows of :func:`features`.
        cut : int
            The first period of the holdout.
        bins : int, default 10
            Equal-count bins of the calibration table.

        Returns
        -------
        ltv.Evaluation
            ``auc``, ``log_loss``, ``n_rows``, ``n_positive`` and ``calibration`` (an HTML table in Jupyter).

        Raises
        ------
        ltv.InvalidInputError
            Naming ``cut`` when the rows at or after it hold no churn event (a cut date with no churn events
            after it), or only events.
        TypeError
            ``cut`` not a whole number.

        Examples
        --------
        >>> import ltv.health as health
        >>> f = health.features(health.synthetic_panel(accounts=2000, periods=12, seed=1), metrics=["logins"])
        >>> ev = health.fit(f, cut=9).evaluate(f, cut=9)
        >>> ev.auc > 0.65, ev.n_positive < ev.n_rows
        (True, True)
        """
        period = _ints("period", _column(features, "period"))
        mask = _bools(KNOWN, _column(features, KNOWN)) & (period >= whole("cut", cut))
        y = _floats(LABEL, _column(features, LABEL))[mask]
        if y.sum() == 0 or y.sum() == y.size:
            raise invalid_input(
                "cut", cut, None, f"a cut with both churned and retained rows after it ({int(y.sum())} of {y.size} churn)"
            )
        return self._scorer.evaluate(_rows(features, mask), bins=bins)

    @property
    def scorer(self) -> LeadScorer:
        """The trained lead scorer (coefficients, standardization, training statistics)."""
        return self._scorer

    def summary(self) -> Any:
        """The hazard model's coefficient table: estimates, standard errors and 95 % Wald intervals.

        The model is the lead scorer's penalised logistic regression on account-period rows, so this is
        :meth:`ltv.LeadScorer.summary` of :attr:`scorer`: the covariance is the inverse penalised information
        ``(X'WX + P / C)^-1`` at the fit (standardized features when the model standardizes).

        Returns
        -------
        pandas.DataFrame
            Indexed by parameter (``(intercept)`` first), with columns ``estimate``, ``std_err``, ``lower_95``,
            ``upper_95``, ``z`` and ``p_value``.

        Raises
        ------
        ltv.InvalidInputError
            The model was read from a file without a covariance (scorer format version 1).
        ltv.UndefinedError
            The information matrix is not positive definite (collinear features with almost no penalty).

        Examples
        --------
        >>> import ltv.health
        >>> panel = ltv.health.synthetic_panel(accounts=300, periods=12, seed=7)
        >>> feats = ltv.health.features(panel, metrics=["logins", "seats"])
        >>> model = ltv.health.HealthModel.fit(feats, cut=8)
        >>> table = model.summary()
        >>> list(table.columns)
        ['estimate', 'std_err', 'lower_95', 'upper_95', 'z', 'p_value']
        >>> bool((table["std_err"] > 0).all()), table.index[0]
        (True, '(intercept)')
        """
        return self._scorer.summary()

    @property
    def horizon(self) -> int:
        """The label horizon in periods."""
        return self._horizon

    @property
    def window(self) -> int:
        """The feature window in periods."""
        return self._window

    @property
    def warnings(self) -> List[str]:
        """The fit's warnings (constant features, as Rust ``HealthModel::warnings``); empty for a model read
        from a file."""
        return list(self._warnings)

    def to_json(self) -> str:
        """The model file, one line (Rust ``HealthModel::to_json``).

        Returns
        -------
        str
            ``{"model": "account_health", "format_version": 1, "horizon", "window", "scorer": <the
            scorer's model file>}``.

        Examples
        --------
        >>> import json, ltv.health as health
        >>> f = health.features(health.synthetic_panel(accounts=1000, periods=12, seed=1), metrics=["logins"])
        >>> body = json.loads(health.fit(f, cut=9).to_json())
        >>> body["model"], body["horizon"], body["scorer"]["model"]
        ('account_health', 2, 'logistic_scorer')
        """
        body = {"model": _TAG, "format_version": _VERSION, "horizon": self._horizon, "window": self._window}
        body["scorer"] = json.loads(self._scorer.to_json())
        return json.dumps(body, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "HealthModel":
        """Reads a model file, Rust's or Python's.

        Parameters
        ----------
        text : str
            The file written by :meth:`to_json` or Rust ``HealthModel::to_json``.

        Returns
        -------
        HealthModel
            The model, scoring as the one written.

        Raises
        ------
        ltv.InvalidInputError
            Not JSON, another model, version or key, a horizon or window outside 1 to 120, and the scorer's
            file errors.

        Examples
        --------
        >>> import ltv.health as health
        >>> health.HealthModel.from_json('{"model": "sbg", "format_version": 1}')
        Traceback (most recent call last):
        ...
        ltv.InvalidInputError: model = sbg is out of range: expected "account_health"
        """
        try:
            body = json.loads(text)
        except json.JSONDecodeError as e:
            raise invalid_input("json", str(e), None, "a JSON model file") from None
        if not isinstance(body, dict) or body.get("model") != _TAG:
            raise invalid_input("model", body.get("model") if isinstance(body, dict) else body, None, '"account_health"')
        if body.get("format_version") != _VERSION:
            raise invalid_input("format_version", body.get("format_version"), None, "1")
        if set(body) != {"model", "format_version", "horizon", "window", "scorer"}:
            raise invalid_input("json", sorted(body), None, "keys model, format_version, horizon, window, scorer")
        for key in ("horizon", "window"):
            value = body[key]
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
                raise invalid_input(key, value, None, "a whole number of periods in 1..=120")
        scorer = LeadScorer.from_json(json.dumps(body["scorer"]))
        return cls(scorer, horizon=body["horizon"], window=body["window"])

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, HealthModel)
            and self._scorer == other._scorer
            and (self._horizon, self._window) == (other._horizon, other._window)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"HealthModel(horizon={self._horizon}, window={self._window}, scorer={self._scorer!r})"

    def _repr_html_(self) -> str:
        """The horizon, window, training statistics and coefficients as HTML (Jupyter)."""
        from . import _html

        head = _html.figures("Account health model", [("horizon", self._horizon), ("window", self._window)]
                             + [("warning", w) for w in self._warnings])
        return head + self._scorer._repr_html_()


def per_period_hazard(probability: Any, *, horizon: int) -> Any:
    """The per-period hazard ``1 - (1 - P)^(1/horizon)`` of probabilities of churning within ``horizon``
    periods (Rust ``ltv_models::per_period_hazard``, computed as ``-expm1(log1p(-P) / horizon)``).

    Parameters
    ----------
    probability : sequence, numpy.ndarray or pandas.Series of float
        Probabilities in [0, 1].
    horizon : int
        The horizon in periods (1 to 120).

    Returns
    -------
    pandas.Series or numpy.ndarray
        A Series named ``hazard`` (same index) for a Series, an array otherwise.

    Raises
    ------
    ltv.InvalidInputError
        A probability outside [0, 1] (naming the row), a horizon out of range.

    Examples
    --------
    >>> import ltv.health as health
    >>> [round(float(h), 12) for h in health.per_period_hazard([0.19, 0.0], horizon=2)]
    [0.1, 0.0]
    """
    values = _ltv._health_hazard(_floats("probability", probability), _periods("horizon", horizon))
    if type(probability).__module__.startswith("pandas") and hasattr(probability, "index"):
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        return pd.Series(values, index=probability.index, name="hazard")
    return values


def fit(
    features: Any,
    *,
    cut: Optional[int] = None,
    horizon: int = 2,
    window: int = 2,
    numeric: Optional[Sequence[str]] = None,
    categorical: Sequence[str] = (),
    c: float = 1.0,
) -> HealthModel:
    """Trains a :class:`HealthModel`: :meth:`HealthModel.fit` (constant features are a
    :class:`ConstantFeatureWarning`).

    Parameters
    ----------
    features : pandas.DataFrame, polars.DataFrame or dict of columns
        The output of :func:`features`.
    cut : int, optional
        The first period of the holdout (training labels end before it).
    horizon, window : int, default 2
        Those given to :func:`features`.
    numeric : list of str, optional
        The feature columns (default: all).
    categorical : list of str, default ()
        Static attributes, one-hot encoded.
    c : float, default 1.0
        The inverse L2 penalty (scikit-learn's ``C``).

    Returns
    -------
    HealthModel
        The trained model.

    Raises
    ------
    ltv.InvalidInputError
        As :meth:`HealthModel.fit` (a cut with no churn event before it names ``cut``).

    Examples
    --------
    >>> import ltv.health as health
    >>> f = health.features(health.synthetic_panel(accounts=1000, periods=12, seed=1), metrics=["logins"])
    >>> health.fit(f, cut=9).horizon
    2
    """
    return HealthModel.fit(
        features, cut=cut, horizon=horizon, window=window, numeric=numeric, categorical=categorical, c=c
    )


def evaluate(model: HealthModel, features: Any, *, cut: int, bins: int = 10) -> Evaluation:
    """Evaluates ``model`` on the holdout at ``period >= cut``: :meth:`HealthModel.evaluate`.

    Parameters
    ----------
    model : HealthModel
        A trained model.
    features : pandas.DataFrame, polars.DataFrame or dict of columns
        Rows of :func:`features`.
    cut : int
        The first period of the holdout.
    bins : int, default 10
        Equal-count bins of the calibration table.

    Returns
    -------
    ltv.Evaluation
        AUC, log loss, counts and the calibration table.

    Raises
    ------
    ltv.InvalidInputError
        Naming ``cut`` when no churn event (or only events) is at or after it.

    Examples
    --------
    >>> import ltv.health as health
    >>> f = health.features(health.synthetic_panel(accounts=2000, periods=12, seed=1), metrics=["logins"])
    >>> health.evaluate(health.fit(f, cut=9), f, cut=9).auc > 0.65
    True
    """
    return model.evaluate(features, cut=cut, bins=bins)



def _reference(x: Any) -> int:
    """The reference bucket of :func:`lift_table`: a whole number >= 0 (the native code checks it exists)."""
    value = whole("reference", x)
    if not 0 <= value <= 2**63 - 1:
        raise invalid_input("reference", value, None, "a bucket number >= 0")
    return value


def lift_table(
    features: Any, *, feature: str, edges: Sequence[float], reference: int = 0, confidence: float = 0.95
) -> Any:
    """Churn within the horizon by bucket of ``feature`` (bucket 0: values <= ``edges[0]``, bucket ``k``:
    ``edges[k-1] < v <= edges[k]``), each with its rate and Wilson score interval, and the rate ratio
    (lift) against bucket ``reference`` with the Katz log interval (0.5 added to the events and sizes
    when a bucket has no event), at two-sided ``confidence`` (Rust ``ltv_models::lift_table``).

    Parameters
    ----------
    features : pandas.DataFrame, polars.DataFrame or dict of columns
        Labelled rows of :func:`features` (``f[f.label_known]``), with ``churn_within_horizon``.
    feature : str
        The column to bucket.
    edges : list of float
        Finite, strictly increasing bucket edges (upper edges inclusive).
    reference : int, default 0
        The bucket the others are compared with (it must have rows).
    confidence : float, default 0.95
        The two-sided confidence of the intervals, in (0, 1).

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per non-empty bucket (indexed by ``bucket`` for pandas): ``lower``, ``upper``, ``n``,
        ``events``, ``rate``, ``rate_low``, ``rate_high``, ``ratio``, ``ratio_low``, ``ratio_high``.

    Raises
    ------
    ltv.InvalidInputError
        A non-finite value or a label other than 0 / 1 (naming the row), bad edges, an empty or
        out-of-range reference bucket, a confidence outside (0, 1).
    TypeError
        An edge, ``confidence`` or ``reference`` of the wrong kind.

    Examples
    --------
    >>> import pandas as pd, ltv.health as health
    >>> rows = pd.DataFrame({"logins_change": [0.5] * 40 + [1.0] * 160,
    ...                      "churn_within_horizon": [1] * 12 + [0] * 28 + [1] * 8 + [0] * 152})
    >>> t = health.lift_table(rows, feature="logins_change", edges=[0.6], reference=1)
    >>> t[["n", "events", "rate"]].values.tolist()
    [[40.0, 12.0, 0.3], [160.0, 8.0, 0.05]]
    >>> [round(float(t.loc[0, k]), 3) for k in ("ratio", "ratio_low", "ratio_high")]
    [6.0, 2.63, 13.688]
    """
    confidence = number("confidence", confidence)
    if not 0 < confidence < 1:
        raise invalid_input("confidence", confidence, None, "a confidence level strictly between 0 and 1")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rows = _ltv._health_lift(
        _floats(feature, _column(features, feature)),
        _floats(LABEL, _column(features, LABEL)),
        [number("edges", e) for e in edges],
        _reference(reference),
        z,
    )
    return _table(features, rows, "bucket")


def _table(like: Any, rows: List[Dict[str, Any]], index: str) -> Any:
    keys = list(rows[0]) if rows else [index]
    columns: Dict[str, Any] = {k: [r[k] for r in rows] for k in keys}
    for k in keys:
        if k not in (index, "lower", "upper"):
            columns[k] = np.asarray(columns[k], dtype=np.float64)
    out = _frame(like, columns)
    if has_pandas() and not is_polars(like) and not isinstance(out, dict):
        out = out.set_index(index)
    return out


def _ltv_options(baseline_hazard: Optional[float], half_life: Optional[float]) -> List[Optional[float]]:
    return [None if baseline_hazard is None else float(baseline_hazard), None if half_life is None else float(half_life)]


def risk_adjusted_ltv(
    frame: Any,
    *,
    account: Optional[str] = None,
    revenue: str = "mrr",
    hazard: str = "hazard",
    margin: float = 1.0,
    discount_rate: float = 0.0,
    baseline_hazard: Optional[float] = None,
    half_life: Optional[float] = None,
) -> Any:
    """Each account's expected remaining lifetime (periods, the current one included) and discounted LTV
    from its own per-period ``hazard``: ``revenue x margin x sum_k S_k / (1 + d)^k``, paid at the start of
    each period (``ltv.discounted_ltv``'s ``start_of_period``): with a constant hazard ``h``,
    ``m (1 + d) / (h + d)``. With ``baseline_hazard`` and ``half_life`` the hazard relaxes toward the
    baseline, ``h_k = b + (h - b) 2^(-k / half_life)`` (Rust ``ltv_models::risk_adjusted_ltv``). For
    accounts all at a segment's baseline hazard the total is the cohort's ``discounted_ltv`` times its size.

    Parameters
    ----------
    frame : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per account (for example the rows of the last period, with the model's ``hazard``).
    account : str, optional
        An id column to carry into the output (its first column), as given (strings or integers).
    revenue : str, default "mrr"
        The revenue (MRR) column, >= 0.
    hazard : str, default "hazard"
        The per-period hazard column, in (0, 1].
    margin : float, default 1.0
        Gross margin, a fraction of revenue in [0, 1].
    discount_rate : float, default 0.0
        The discount rate per period, in [0, 1].
    baseline_hazard : float, optional
        The segment baseline hazard the account's relaxes toward, in (0, 1]; with ``half_life``.
    half_life : float, optional
        The half-life in periods of the gap to the baseline, in (0, 10000]; with ``baseline_hazard``.

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        ``expected_lifetime`` and ``ltv`` per row (after ``account`` when given; the frame's index for pandas).

    Raises
    ------
    ltv.InvalidInputError
        A revenue that is negative or not finite, a hazard outside (0, 1] (naming the row), options out of
        range or only one of ``baseline_hazard`` and ``half_life``.
    ltv.MissingColumnError
        A named column is not in the frame.

    Examples
    --------
    >>> import pandas as pd, ltv.health as health
    >>> accounts = pd.DataFrame({"account": ["acme"], "mrr": [80.0], "hazard": [0.05]})
    >>> health.risk_adjusted_ltv(accounts, account="account", discount_rate=0.00797414).round(2).values.tolist()
    [['acme', 20.0, 1390.93]]
    """
    life, ltv = _ltv._health_risk_ltv(
        _floats(revenue, _column(frame, revenue)),
        _floats(hazard, _column(frame, hazard)),
        float(margin),
        float(discount_rate),
        *_ltv_options(baseline_hazard, half_life),
    )
    columns: Dict[str, Any] = {} if account is None else {account: _user_ids(_column(frame, account))}
    columns.update(expected_lifetime=life, ltv=ltv)
    out = _frame(frame, columns)
    if has_pandas() and hasattr(frame, "index") and not is_polars(frame):
        out.index = frame.index
    return out


def value_at_risk(
    frame: Any,
    *,
    revenue: str = "mrr",
    probability: str = "p_churn",
    hazard: str = "hazard",
    edges: Sequence[float] = (0.1, 0.3),
    reduction: float = 0.2,
    margin: float = 1.0,
    discount_rate: float = 0.0,
    baseline_hazard: Optional[float] = None,
    half_life: Optional[float] = None,
) -> Any:
    """The "what is at risk" table: accounts banded by ``probability`` of churning within the horizon
    (band 0: <= ``edges[0]``), with their MRR, ``mrr_at_risk`` (sum MRR x P), risk-adjusted ``ltv``,
    ``ltv_at_risk`` (sum P x LTV) and ``value_of_reduction``: the LTV gained if the band's hazards fell
    by the fraction ``reduction`` (Rust ``ltv_models::value_at_risk``; LTV as :func:`risk_adjusted_ltv`).

    Parameters
    ----------
    frame : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per account.
    revenue : str, default "mrr"
        The revenue (MRR) column.
    probability : str, default "p_churn"
        The P(churn within the horizon) column, in [0, 1].
    hazard : str, default "hazard"
        The per-period hazard column, in (0, 1].
    edges : list of float, default (0.1, 0.3)
        Finite, strictly increasing band edges on the probability (upper edges inclusive).
    reduction : float, default 0.2
        The relative reduction of the hazards valued, in [0, 1).
    margin, discount_rate, baseline_hazard, half_life : float, optional
        As :func:`risk_adjusted_ltv` (defaults 1, 0, None, None).

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per non-empty band (indexed by ``band`` for pandas): ``lower``, ``upper``, ``accounts``,
        ``mrr``, ``mrr_at_risk``, ``ltv``, ``ltv_at_risk``, ``value_of_reduction``.

    Raises
    ------
    ltv.InvalidInputError
        As :func:`risk_adjusted_ltv`; a probability outside [0, 1], bad edges, a reduction outside [0, 1).

    Examples
    --------
    >>> import pandas as pd, ltv.health as health
    >>> accounts = pd.DataFrame({"mrr": [100.0, 100.0], "p_churn": [0.1, 0.5], "hazard": [0.05, 0.25]})
    >>> t = health.value_at_risk(accounts, edges=[0.2], reduction=0.2)
    >>> t[["accounts", "mrr_at_risk", "value_of_reduction"]].round(6).values.tolist()
    [[1.0, 10.0, 500.0], [1.0, 50.0, 100.0]]
    """
    rows = _ltv._health_value_at_risk(
        _floats(revenue, _column(frame, revenue)),
        _floats(probability, _column(frame, probability)),
        _floats(hazard, _column(frame, hazard)),
        [float(e) for e in edges],
        float(reduction),
        float(margin),
        float(discount_rate),
        *_ltv_options(baseline_hazard, half_life),
    )
    return _table(frame, rows, "band")


def synthetic_panel(
    *, accounts: int = 1000, periods: int = 12, seed: int = 0, kind: Literal["pandas", "polars"] = "pandas"
) -> Any:
    """A seeded synthetic panel (the Rust generator: the same seed gives the same panel everywhere) with a
    planted engagement-drop effect: each period an account's logins drop to 30 % with probability 0.04
    and stay down, and a dropped account churns with probability 0.3 a period instead of 0.02. Columns
    ``account``, ``period``, ``mrr``, ``logins``, ``seats``, ``churned`` and ``dropped`` (the planted
    state, for checks). The plan (MRR 50, 100 or 200) and the seats change now and then, and 3 % of
    periods are idle (no logins, no seat used), with no effect on churn (Rust ``ltv_models::synthetic_panel``).

    Parameters
    ----------
    accounts : int, default 1000
        Accounts, 1 to 10,000,000.
    periods : int, default 12
        Periods ``1..=periods``, 2 to 1000.
    seed : int, default 0
        The seed (0 to 2**64 - 1).
    kind : {"pandas", "polars"}, default "pandas"
        The frame returned.

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per account and period, accounts from their start to their churn or the last period.

    Raises
    ------
    ltv.InvalidInputError
        A size or seed out of range.
    TypeError
        A size or seed not a whole number.

    Examples
    --------
    >>> import ltv.health as health
    >>> p = health.synthetic_panel(accounts=3, periods=4, seed=0)
    >>> list(p.columns)
    ['account', 'period', 'mrr', 'logins', 'seats', 'churned', 'dropped']
    """
    sizes = {"accounts": whole("accounts", accounts), "periods": whole("periods", periods), "seed": whole("seed", seed)}
    limits = {"accounts": 2**63 - 1, "periods": 2**32 - 1, "seed": 2**64 - 1}  # the native integer types
    for name, value in sizes.items():
        if not 0 <= value <= limits[name]:
            raise invalid_input(name, value, None, f"a whole number in 0..={limits[name]}")
    data = _ltv._health_synthetic(sizes["accounts"], sizes["periods"], sizes["seed"])
    if kind == "polars":
        import polars as pl

        return pl.DataFrame(data)
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return pd.DataFrame(data)
