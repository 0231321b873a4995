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
from statistics import NormalDist
from typing import Any, Dict, List, Literal, Optional, Sequence

import numpy as np
import numpy.typing as npt

from . import _ltv
from ._columns import has_pandas, invalid_input, is_polars, number, whole
from .scoring import Evaluation, LeadScorer, _column, _floats

__all__ = [
    "HealthModel",
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


def _frame(like: Any, columns: Dict[str, Any]) -> Any:
    """A frame of the input's kind: polars for polars, pandas otherwise (a dict without pandas)."""
    if is_polars(like):
        import polars as pl

        return pl.DataFrame(columns)
    if has_pandas():
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        return pd.DataFrame(columns)
    return columns


def _ints(name: str, x: Any) -> npt.NDArray[np.int64]:
    values = np.asarray(x.to_numpy() if hasattr(x, "to_numpy") else x)
    if values.dtype.kind not in "iu":
        raise invalid_input(name, values.dtype, None, "a column of whole numbers (integer ids and periods)")
    return np.ascontiguousarray(values, dtype=np.int64)


def _bools(name: str, x: Any) -> npt.NDArray[np.bool_]:
    values = np.asarray(x.to_numpy() if hasattr(x, "to_numpy") else x)
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
    horizon: int = 2,
    window: int = 2,
) -> Any:
    """Behavioural features and churn labels, one row per panel row (same order), as a frame of the
    input's kind (pandas or polars).

    The panel has one row per account and period: ``account`` (integer ids), ``period`` (integers,
    consecutive within an account, rows of an account together and in period order), ``revenue`` (MRR),
    the usage ``metrics``, and ``churn`` (0 / 1 or boolean: 1 on the period after which the account left,
    its last row). For revenue (named ``revenue`` in the output) and each metric ``m``, with window ``w``:

    - ``m``: the level at ``t``;
    - ``m_change``: the mean of the last ``w`` periods over the mean of the ``w`` before, **1** when
      undefined (fewer than ``2w`` periods so far, or a prior mean <= 0), with ``m_change_undefined`` = 1;
    - ``m_trend``: the least-squares slope over the last ``w`` periods (fewer at the start; 0 for one);

    and ``periods_since_activity`` (periods since a usage metric was > 0; tenure + 1 before any) and
    ``tenure`` (periods since the account's first). A feature at ``t`` reads rows up to ``t`` only
    (leakage-safe). ``churn_within_horizon`` is 1 when the account's last period is before
    ``t + horizon``; ``label_known`` is False for an active account not observed through
    ``t + horizon - 1`` (censored: such rows are not trained or evaluated on).

    >>> import pandas as pd, ltv.health as health
    >>> panel = pd.DataFrame({"account": [7] * 5, "period": [1, 2, 3, 4, 5], "mrr": [100.0] * 5,
    ...                       "logins": [10, 10, 10, 4, 2], "churned": [0, 0, 0, 0, 1]})
    >>> f = health.features(panel, metrics=["logins"])
    >>> f["logins_change"].tolist()
    [1.0, 1.0, 1.0, 0.7, 0.3]
    >>> f["churn_within_horizon"].tolist()
    [0, 0, 0, 1, 1]

    Raises :class:`ltv.InvalidInputError` naming the column, row, account and period for periods out of
    order, duplicated or skipped, an account's rows not together, a row after churn, a missing (NaN)
    metric; :class:`ltv.MissingColumnError` for a column not in the panel.
    """
    if isinstance(metrics, str):
        raise TypeError("metrics takes a list of column names")
    names = [str(m) for m in metrics]
    out_names, columns, label, known = _ltv._health_features(
        _ints(account, _column(panel, account)),
        _ints(period, _column(panel, period)),
        _floats(revenue, _column(panel, revenue)),
        names,
        [_floats(m, _column(panel, m)) for m in names],
        _bools(churn, _column(panel, churn)),
        _periods("horizon", horizon),
        _periods("window", window),
    )
    out: Dict[str, Any] = {
        "account": _ints(account, _column(panel, account)),
        "period": _ints(period, _column(panel, period)),
    }
    out.update(zip(out_names, columns))
    out[LABEL] = label.astype(np.int64)
    out[KNOWN] = known
    return _frame(panel, out)


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
    """A discrete-time churn hazard model: the lead scorer's logistic regression on account-period rows
    of :func:`features` against ``churn_within_horizon`` (Singer & Willett 1993, the logit-hazard model). The per-period
    hazard is ``1 - (1 - P)^(1/horizon)``. Its model file holds the horizon, the window and the scorer's
    model file; the Rust ``HealthModel::from_json`` reads it and scores identically."""

    __slots__ = ("_scorer", "_horizon", "_window")

    def __init__(self, scorer: LeadScorer, *, horizon: int, window: int) -> None:
        """Wraps a trained scorer; use :meth:`fit` or :meth:`from_json` instead."""
        if not isinstance(scorer, LeadScorer):
            raise TypeError("use HealthModel.fit(...) or HealthModel.from_json(...)")
        self._scorer, self._horizon, self._window = scorer, int(horizon), int(window)

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
        """Trains on the rows of ``features`` with a known label and, with ``cut``, whose label window ends
        before the cut (``period + horizon - 1 < cut``): a time-based holdout whose training labels never
        see a period at or after ``cut``. ``horizon`` and ``window`` are those given to :func:`features`.
        ``numeric`` defaults to every feature column; ``categorical`` adds static attributes (plan,
        channel) joined onto the frame. ``c`` is scikit-learn's ``C``."""
        horizon, window = _periods("horizon", horizon), _periods("window", window)
        period = _ints("period", _column(features, "period"))
        known = _bools(KNOWN, _column(features, KNOWN))
        mask = known if cut is None else known & (period + horizon - 1 < whole("cut", cut))
        if not mask.any():
            raise invalid_input("cut", cut, None, "a cut with labelled rows whose label window ends before it")
        if numeric is None:
            numeric = [n for n in _names(features) if n not in _RESERVED and n not in set(categorical)]
        scorer = LeadScorer.fit(
            _rows(features, mask), target=LABEL, numeric=list(numeric), categorical=list(categorical), c=c
        )
        return cls(scorer, horizon=horizon, window=window)

    def churn_probability(self, features: Any) -> Any:
        """P(churn within the horizon) per row (a Series for a frame)."""
        return self._scorer.predict_proba(features)

    def hazard(self, features: Any) -> Any:
        """The per-period hazard ``1 - (1 - P)^(1/horizon)`` per row."""
        p = np.ascontiguousarray(self._scorer.predict_proba(features), dtype=np.float64)
        return LeadScorer._wrap(features, _ltv._health_hazard(p, self._horizon), "hazard")

    def evaluate(self, features: Any, *, cut: int, bins: int = 10) -> Evaluation:
        """AUC, log loss and calibration table (the scorer's :class:`ltv.Evaluation`) on the labelled rows
        at ``period >= cut``. Raises :class:`ltv.InvalidInputError` naming ``cut`` when those rows hold no
        churn event (or only events)."""
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

    @property
    def horizon(self) -> int:
        """The label horizon in periods."""
        return self._horizon

    @property
    def window(self) -> int:
        """The feature window in periods."""
        return self._window

    def to_json(self) -> str:
        """The model file: ``{"model": "account_health", "format_version": 1, "horizon", "window",
        "scorer": <the scorer's model file>}``."""
        body = {"model": _TAG, "format_version": _VERSION, "horizon": self._horizon, "window": self._window}
        body["scorer"] = json.loads(self._scorer.to_json())
        return json.dumps(body, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "HealthModel":
        """Reads a model file (Rust's or Python's). Raises :class:`ltv.InvalidInputError` for another
        model, version or key, and the scorer's file errors."""
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


def per_period_hazard(probability: Any, *, horizon: int) -> Any:
    """The per-period hazard ``1 - (1 - P)^(1/horizon)`` of probabilities of churning within ``horizon``
    periods (a Series for a Series, an array otherwise).

    >>> import ltv.health as health
    >>> [round(float(h), 12) for h in health.per_period_hazard([0.19, 0.0], horizon=2)]
    [0.1, 0.0]
    """
    values = _ltv._health_hazard(_floats("probability", probability), _periods("horizon", horizon))
    if type(probability).__module__.startswith("pandas") and hasattr(probability, "index"):
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        return pd.Series(values, index=probability.index, name="hazard")
    return values


def fit(features: Any, **options: Any) -> HealthModel:
    """:meth:`HealthModel.fit`."""
    return HealthModel.fit(features, **options)


def evaluate(model: HealthModel, features: Any, *, cut: int, bins: int = 10) -> Evaluation:
    """:meth:`HealthModel.evaluate`."""
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
    when a bucket has no event), at two-sided ``confidence``. Pass labelled rows (``label_known``).

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
    baseline, ``h_k = b + (h - b) 2^(-k / half_life)``. Returns a frame with ``expected_lifetime`` and
    ``ltv``.

    >>> import pandas as pd, ltv.health as health
    >>> accounts = pd.DataFrame({"mrr": [80.0], "hazard": [0.05]})
    >>> health.risk_adjusted_ltv(accounts, discount_rate=0.00797414).round(2).values.tolist()
    [[20.0, 1390.93]]
    """
    life, ltv = _ltv._health_risk_ltv(
        _floats(revenue, _column(frame, revenue)),
        _floats(hazard, _column(frame, hazard)),
        float(margin),
        float(discount_rate),
        *_ltv_options(baseline_hazard, half_life),
    )
    out = _frame(frame, {"expected_lifetime": life, "ltv": ltv})
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
    by the fraction ``reduction``.

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
    state, for checks).

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
