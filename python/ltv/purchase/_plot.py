"""Plots of purchase models against the data: repeat-purchase counts, calibration vs holdout, frequency/recency
heat maps, tracking of repeat transactions, and one customer's P(alive) history.

matplotlib is optional: it is imported when a plot is drawn. Each function draws on ``ax`` (a new figure's
axes when ``None``) and returns the matplotlib Axes; the plotted numbers are the model's own vectorised
predictions (Python only groups and sums them). Times are in the model's time unit. The continuous-time
models are BG/NBD, MBG/NBD and Pareto/NBD (models or fits); the histogram and the heat maps also take BG/BB.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from ltv.purchase import BgNbdModel, period_transactions_plot
>>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
>>> ax = period_transactions_plot(m, frequency=[0, 0, 1, 3], age=[39, 39, 39, 39], max_frequency=3)
>>> [c.get_label() for c in ax.containers]
['actual', 'model']
>>> [int(bar.get_height()) for bar in ax.containers[0]]
[2, 1, 0, 1]
"""

from __future__ import annotations

from typing import Any, Literal, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt

from .._ltv import BgBbFit, BgBbModel, BgNbdFit, BgNbdModel, MbgNbdFit, MbgNbdModel, ParetoNbdFit, ParetoNbdModel
from .._columns import invalid_input, number, option, shown, whole
from . import _data
from ._matrix import MatrixModel, _is_discrete, expected_purchases_matrix, probability_alive_matrix

__all__ = [
    "period_transactions_plot",
    "calibration_holdout_plot",
    "probability_alive_heatmap",
    "expected_purchases_heatmap",
    "tracking_plot",
    "probability_alive_history_plot",
]

ContinuousModel = Union[BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit]
_Floats = npt.NDArray[np.float64]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots()
    return new_ax


def _continuous(model: Any) -> None:
    if not isinstance(model, (BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit)):
        raise TypeError(f"model: expected a BG/NBD, MBG/NBD or Pareto/NBD model or fit, got {type(model).__name__}")


def _col(data: Any, name: str, given: Any, aliases: Tuple[str, ...] = ()) -> _Floats:
    if data is not None:
        if given is not None:
            raise TypeError(f"{name}: give either a frame or the columns, not both")
        given = _data._pick(data, name, aliases)
    if given is None:
        raise TypeError(f"{name}: missing")
    return np.asarray(_data.float_column(name, given), dtype=np.float64).reshape(-1)


def period_transactions_plot(
    model: MatrixModel,
    data: Any = None,
    *,
    frequency: Any = None,
    age: Any = None,
    periods: Any = None,
    max_frequency: int = 7,
    ax: Any = None,
) -> Any:
    """Customers by repeat purchases, actual against the model: bars for ``0, 1, ..., max_frequency - 1`` and
    ``max_frequency`` or more (labelled ``"7+"``).

    The model's count for ``k`` is the sum over customers of P(X(age) = k), the probability that a new customer
    makes ``k`` repeat purchases in their own age (Fader, Hardie & Lee 2005, Figure 3, with its exact expectation
    rather than lifetimes' simulation); the top bar takes the rest. The bar groups are ``ax.containers[0]``
    (actual) and ``[1]`` (model).

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel or BgBbFit
        The purchase model.
    data : pandas.DataFrame or polars.DataFrame, optional
        A summary frame (``frequency`` and ``age`` / ``T``; ``periods`` / ``n`` for BG/BB); give it or the
        columns, not both.
    frequency : array-like
        Each customer's repeat purchases, whole numbers >= 0.
    age : array-like
        Each customer's age (first purchase to the end of observation), in the model's time unit; not for BG/BB.
    periods : array-like
        BG/BB only: each customer's transaction opportunities.
    max_frequency : int
        The last bar (``max_frequency`` or more purchases), a whole number in [1, 1000].
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    InvalidInputError
        Columns of different lengths, a bad value, or a ``max_frequency`` out of range (``.field`` names it).
    TypeError
        A missing column, both a frame and columns, or values that are not numbers.
    ImportError
        matplotlib is not installed.

    Examples
    --------
    The donations BG/BB, three donors over 6 years (giving 0, 1 and 6 times):

    >>> import matplotlib.pyplot as plt
    >>> from ltv.purchase import BgBbModel, period_transactions_plot
    >>> bb = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    >>> ax = period_transactions_plot(bb, frequency=[0, 1, 6], periods=[6, 6, 6], max_frequency=3)
    >>> [int(bar.get_height()) for bar in ax.containers[0]], [t.get_text() for t in ax.get_xticklabels()]
    ([1, 1, 0, 1], ['0', '1', '2', '3+'])
    >>> round(float(ax.containers[1][0].get_height()), 4)  # 3 donors x P(X(6) = 0) = 3 x 0.31122
    0.9337
    >>> plt.close("all")
    """
    discrete = _is_discrete(model)
    x = _col(data, "frequency", frequency)
    size = _col(data, "periods", periods, ("n",)) if discrete else _col(data, "age", age, ("T",))
    if x.size != size.size:
        raise invalid_input("age", f"{size.size} rows", None, f"as many rows as frequency ({x.size})")
    if not 1 <= whole("max_frequency", max_frequency) <= 1000:
        raise invalid_input("max_frequency", shown(max_frequency), None, "a whole number in [1, 1000]")
    ages, customers = np.unique(size, return_counts=True)
    expected = np.zeros(max_frequency + 1)
    for k in range(max_frequency):
        n = np.full(ages.shape, float(k))
        if isinstance(model, (BgBbModel, BgBbFit)):
            p = model.probability_of_transactions(n=n, t=ages)
        else:
            p = model.probability_of_purchases(n=n, t=ages)
        expected[k] = float(np.dot(np.asarray(p, dtype=np.float64), customers))
    expected[max_frequency] = max(0.0, float(x.size) - float(expected[:max_frequency].sum()))
    actual = np.bincount(np.minimum(x, max_frequency).astype(np.int64), minlength=max_frequency + 1)
    ax = _axes(ax)
    positions = np.arange(max_frequency + 1)
    ax.bar(positions - 0.2, actual, width=0.4, label="actual")
    ax.bar(positions + 0.2, expected, width=0.4, label="model")
    ax.set_xticks(positions, [str(k) for k in range(max_frequency)] + [f"{max_frequency}+"])
    ax.set_xlabel("repeat purchases (frequency)")
    ax.set_ylabel("customers")
    ax.set_title("Customers by repeat purchases")
    ax.legend()
    return ax


def calibration_holdout_plot(model: ContinuousModel, data: Any, *, max_frequency: int = 7, ax: Any = None) -> Any:
    """Mean holdout purchases by calibration frequency, actual against the model's conditional expectation
    (Fader, Hardie & Lee 2005, Figure 4).

    Calibration frequencies of ``max_frequency`` or more share the last point; frequencies no customer has are
    left out. The lines are labelled ``actual`` and ``model``.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel or ParetoNbdFit
        The purchase model, fitted on the calibration period.
    data : pandas.DataFrame or polars.DataFrame
        A :func:`~ltv.purchase.calibration_holdout` frame: ``frequency``, ``recency``, ``age`` (or ``T``),
        ``holdout_frequency`` and ``holdout_duration``, times in the model's time unit.
    max_frequency : int
        The last point (``max_frequency`` or more purchases), a whole number in [1, 1000].
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    InvalidInputError
        An impossible history or a ``max_frequency`` out of range (``.field`` names it).
    TypeError
        A model that is not a continuous-time purchase model, a missing column, or values that are not numbers.
    ImportError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from ltv.purchase import BgNbdModel, calibration_holdout_plot
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> split = pd.DataFrame({"frequency": [0, 0, 1, 2], "recency": [0, 0, 10, 30], "age": 38.0,
    ...                       "holdout_frequency": [0, 1, 1, 3], "holdout_duration": 39.0})
    >>> ax = calibration_holdout_plot(m, split)
    >>> actual, model = ax.get_lines()
    >>> actual.get_label(), actual.get_xdata().tolist(), actual.get_ydata().tolist()
    ('actual', [0, 1, 2], [0.5, 1.0, 3.0])
    >>> plt.close("all")
    """
    _continuous(model)
    x = _col(data, "frequency", None)
    holdout = _col(data, "holdout_frequency", None)
    predicted = np.asarray(
        model.conditional_expected_purchases(
            t=_col(data, "holdout_duration", None),
            frequency=x,
            recency=_col(data, "recency", None),
            age=_col(data, "age", None, ("T",)),
        ),
        dtype=np.float64,
    )
    if not 1 <= whole("max_frequency", max_frequency) <= 1000:
        raise invalid_input("max_frequency", shown(max_frequency), None, "a whole number in [1, 1000]")
    group = np.minimum(x, max_frequency).astype(np.int64)
    count = np.bincount(group, minlength=max_frequency + 1)
    seen = count > 0
    positions = np.arange(max_frequency + 1)[seen]
    actual = np.bincount(group, weights=holdout, minlength=max_frequency + 1)[seen] / count[seen]
    model_mean = np.bincount(group, weights=predicted, minlength=max_frequency + 1)[seen] / count[seen]
    ax = _axes(ax)
    ax.plot(positions, actual, "o-", label="actual")
    ax.plot(positions, model_mean, "s--", label="model")
    ax.set_xlabel(f"purchases in calibration (frequency; {max_frequency} = {max_frequency}+)")
    ax.set_ylabel("mean purchases in holdout")
    ax.set_title("Calibration vs holdout purchases")
    ax.legend()
    return ax


def _heatmap(grid: Any, title: str, label: str, ax: Any) -> Any:
    values = np.asarray(grid, dtype=np.float64)
    ax = _axes(ax)
    image = ax.imshow(np.ma.masked_invalid(values), aspect="auto", interpolation="nearest", cmap="viridis",
                      origin="lower")
    ax.set_xlabel("recency (time of the last repeat purchase)")
    ax.set_ylabel("frequency (repeat purchases)")
    ax.set_title(title)
    ax.figure.colorbar(image, ax=ax, label=label)
    return ax


def probability_alive_heatmap(
    model: MatrixModel,
    data: Any = None,
    *,
    max_frequency: Optional[int] = None,
    max_recency: Optional[int] = None,
    age: Optional[float] = None,
    periods: Optional[int] = None,
    ax: Any = None,
) -> Any:
    """The :func:`~ltv.purchase.probability_alive_matrix` as a heat map (frequency up, recency across;
    impossible histories blank; lifetimes' ``plot_probability_alive_matrix``). The image is ``ax.images[0]``.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel or BgBbFit
        The purchase model.
    data : pandas.DataFrame or polars.DataFrame, optional
        A summary frame whose largest values are the defaults of ``max_frequency`` and ``age`` (``periods``).
    max_frequency : int, optional
        The top row, a whole number >= 0.
    max_recency : int, optional
        The last column, a whole number in [0, ``age``]; default the whole part of ``age`` (or ``periods``).
    age : float, optional
        The customers' age, in the model's time unit, finite and >= 0; not for BG/BB.
    periods : int, optional
        BG/BB only: the transaction opportunities.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (with a colour bar).

    Raises
    ------
    InvalidInputError
        As :func:`~ltv.purchase.probability_alive_matrix`.
    TypeError
        As :func:`~ltv.purchase.probability_alive_matrix`.
    ImportError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from ltv.purchase import BgNbdModel, probability_alive_heatmap
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = probability_alive_heatmap(m, max_frequency=2, age=39)
    >>> image = ax.images[0].get_array()
    >>> image.shape, round(float(image[2, 39]), 3), bool(image.mask[0, 1])
    ((3, 40), 0.812, True)
    >>> plt.close("all")
    """
    grid = probability_alive_matrix(
        model, data, max_frequency=max_frequency, max_recency=max_recency, age=age, periods=periods
    )
    return _heatmap(grid, "P(alive) by frequency and recency", "P(alive)", ax)


def expected_purchases_heatmap(
    model: MatrixModel,
    data: Any = None,
    *,
    t: float,
    max_frequency: Optional[int] = None,
    max_recency: Optional[int] = None,
    age: Optional[float] = None,
    periods: Optional[int] = None,
    ax: Any = None,
) -> Any:
    """The :func:`~ltv.purchase.expected_purchases_matrix` for the next ``t`` as a heat map (frequency up,
    recency across; impossible histories blank; lifetimes' ``plot_frequency_recency_matrix``). The image is
    ``ax.images[0]``.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel or BgBbFit
        The purchase model.
    data : pandas.DataFrame or polars.DataFrame, optional
        A summary frame whose largest values are the defaults of ``max_frequency`` and ``age`` (``periods``).
    t : float
        The horizon, in the model's time unit (opportunities for BG/BB), >= 0.
    max_frequency : int, optional
        The top row, a whole number >= 0.
    max_recency : int, optional
        The last column, a whole number in [0, ``age``]; default the whole part of ``age`` (or ``periods``).
    age : float, optional
        The customers' age, in the model's time unit, finite and >= 0; not for BG/BB.
    periods : int, optional
        BG/BB only: the transaction opportunities.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (with a colour bar).

    Raises
    ------
    InvalidInputError
        As :func:`~ltv.purchase.expected_purchases_matrix`.
    TypeError
        As :func:`~ltv.purchase.expected_purchases_matrix`.
    ImportError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from ltv.purchase import BgNbdModel, expected_purchases_heatmap
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = expected_purchases_heatmap(m, t=39, max_frequency=3, age=39)
    >>> ax.get_title(), round(float(ax.images[0].get_array()[3, 39]), 3)
    ('Expected purchases in the next 39', 2.031)
    >>> plt.close("all")
    """
    grid = expected_purchases_matrix(
        model, data, t=t, max_frequency=max_frequency, max_recency=max_recency, age=age, periods=periods
    )
    return _heatmap(grid, f"Expected purchases in the next {t:g}", "expected purchases", ax)


def tracking_plot(
    model: ContinuousModel,
    *,
    first_purchase: Any,
    repeat_purchases: Any,
    periods: int,
    kind: Literal["cumulative", "incremental"] = "cumulative",
    ax: Any = None,
) -> Any:
    """Repeat transactions by period, actual against expected (Fader, Hardie & Lee 2005, Figures 1 and 2).

    Times are measured from the start of period 1, so period ``k`` is ``(k - 1, k]``. The expected cumulative
    count at ``k`` is the sum over customers of ``E[X(k - first_purchase)]`` (customers not yet acquired add 0).
    The lines are labelled ``actual`` and ``model``.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel or ParetoNbdFit
        The purchase model.
    first_purchase : array-like of float
        Each customer's first-purchase time, in the model's time unit, >= 0.
    repeat_purchases : array-like of float
        The times of all repeat purchases (of all customers), in the model's time unit.
    periods : int
        Periods drawn, a whole number in [1, 100000].
    kind : {"cumulative", "incremental"}
        Cumulative counts, or the counts per period.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    InvalidInputError
        A negative first purchase (``.row`` names it), ``periods`` out of range or an unknown ``kind``.
    TypeError
        A model that is not a continuous-time purchase model, or values that are not numbers.
    ImportError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from ltv.purchase import BgNbdModel, tracking_plot
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = tracking_plot(m, first_purchase=[0.0, 0.5, 2.0], repeat_purchases=[1.5, 2.5, 3.0], periods=4)
    >>> actual, model = ax.get_lines()
    >>> actual.get_ydata().tolist(), bool(model.get_ydata()[-1] > model.get_ydata()[0])
    ([0.0, 1.0, 3.0, 3.0], True)
    >>> plt.close("all")
    """
    _continuous(model)
    first = np.asarray(_data.float_column("first_purchase", first_purchase), dtype=np.float64).reshape(-1)
    repeats = np.asarray(_data.float_column("repeat_purchases", repeat_purchases), dtype=np.float64).reshape(-1)
    if not 1 <= whole("periods", periods) <= 100_000:
        raise invalid_input("periods", shown(periods), None, "a whole number in [1, 100000]")
    if option("kind", kind, ("cumulative", "incremental")) not in ("cumulative", "incremental"):
        raise invalid_input("kind", shown(kind), None, "'cumulative' or 'incremental'")
    if first.size and first.min() < 0:
        row = int(np.argmin(first))
        raise invalid_input("first_purchase", shown(first[row]), row, "a time >= 0")
    ends = np.arange(1, periods + 1, dtype=np.float64)
    starts, customers = np.unique(first, return_counts=True)
    expected = np.zeros(periods)
    for start, count in zip(starts, customers):
        after = ends > start
        if after.any():
            e = np.asarray(model.expected_purchases(t=ends[after] - start), dtype=np.float64)
            expected[after] += count * e
    actual = np.searchsorted(np.sort(repeats), ends, side="right").astype(np.float64)
    if kind == "incremental":
        actual, expected = np.diff(actual, prepend=0.0), np.diff(expected, prepend=0.0)
    ax = _axes(ax)
    ax.plot(ends, actual, "-", label="actual")
    ax.plot(ends, expected, "--", label="model")
    ax.set_xlabel("period")
    ax.set_ylabel(f"{kind} repeat transactions")
    ax.set_title(f"Tracking {kind} repeat transactions")
    ax.legend()
    return ax


def probability_alive_history_plot(
    model: ContinuousModel, *, purchase_times: Any, age: float, points: int = 200, ax: Any = None
) -> Any:
    """One customer's P(alive) over their life (lifetimes' ``plot_history_alive``).

    At each of ``points`` evenly spaced times ``s`` in ``[0, age]`` (and at each purchase) the history is what
    was known at ``s``: the repeat purchases up to ``s``, the last of them, age ``s``. The line is
    ``ax.get_lines()[0]``; purchases are marked as vertical lines.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel or ParetoNbdFit
        The purchase model.
    purchase_times : array-like of float
        The customer's purchase times, the first one included, any origin, in the model's time unit.
    age : float
        The time from the first purchase to the end drawn, in the model's time unit, at least the last purchase.
    points : int
        Evenly spaced times drawn, a whole number in [2, 100000].
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    InvalidInputError
        No purchase, an ``age`` before the last purchase, or ``points`` out of range (``.field`` names it).
    TypeError
        A model that is not a continuous-time purchase model, or values that are not numbers.
    ImportError
        matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from ltv.purchase import BgNbdModel, probability_alive_history_plot
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> ax = probability_alive_history_plot(m, purchase_times=[0.0, 5.0, 12.0], age=20.0, points=5)
    >>> line = ax.get_lines()[0]
    >>> line.get_xdata().tolist(), float(line.get_ydata()[0])
    ([0.0, 5.0, 10.0, 12.0, 15.0, 20.0], 1.0)
    >>> plt.close("all")
    """
    _continuous(model)
    times = np.sort(np.asarray(_data.float_column("purchase_times", purchase_times), dtype=np.float64).reshape(-1))
    if times.size == 0:
        raise invalid_input("purchase_times", "no purchase", None, "at least the first purchase")
    if not 2 <= whole("points", points) <= 100_000:
        raise invalid_input("points", shown(points), None, "a whole number in [2, 100000]")
    since = times - times[0]
    age = number("age", age)
    if not (np.isfinite(age) and age >= since[-1]):
        raise invalid_input("age", shown(age), None, "a finite time >= the last purchase")
    s = np.unique(np.concatenate([np.linspace(0.0, float(age), points), since]))
    repeats = np.searchsorted(since[1:], s, side="right").astype(np.float64)
    last = np.where(repeats > 0, since[np.maximum(repeats.astype(np.int64), 0)], 0.0)
    alive = np.asarray(model.probability_alive(frequency=repeats, recency=last, age=s), dtype=np.float64)
    ax = _axes(ax)
    ax.plot(s, alive, "-", label="P(alive)")
    for t in since:
        ax.axvline(t, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("time since the first purchase")
    ax.set_ylabel("P(alive)")
    ax.set_ylim(0, 1.05)
    ax.set_title("P(alive) history")
    return ax
