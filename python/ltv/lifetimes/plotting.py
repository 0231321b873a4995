"""lifetimes' plots (titles, labels and legends as lifetimes draws them) on :mod:`ltv.lifetimes` fitters
and utils; matplotlib is imported when a plot is drawn (``pip install ltv[plot]``).

Here: ``plot_period_transactions``, ``plot_calibration_purchases_vs_holdout_purchases``, ``plot_frequency_recency_matrix``,
``plot_probability_alive_matrix``, ``plot_expected_repeat_purchases``, ``plot_history_alive``,
``plot_cumulative_transactions``, ``plot_incremental_transactions``, ``plot_transaction_rate_heterogeneity`` and
``plot_dropout_rate_heterogeneity`` (the mixing Gamma(r, alpha) and Beta(a, b) densities and their 99th percentiles
from the native ``ltv-models`` functions; lifetimes ignores ``suptitle``, here it is the figure's title).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> from ltv.lifetimes import BetaGeoFitter
>>> from ltv.lifetimes.plotting import plot_probability_alive_matrix
>>> bgf = BetaGeoFitter()
>>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
>>> ax = plot_probability_alive_matrix(bgf, max_frequency=10, max_recency=39)
>>> ax.get_title()
'Probability Customer is Alive,\\nby Frequency and Recency of a Customer'
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from .._ltv import _beta_density, _beta_quantile, _gamma_density, _gamma_quantile
from .utils import _periods, calculate_alive_path, expected_cumulative_transactions

__all__ = [
    "plot_period_transactions",
    "plot_calibration_purchases_vs_holdout_purchases",
    "plot_frequency_recency_matrix",
    "plot_probability_alive_matrix",
    "plot_expected_repeat_purchases",
    "plot_history_alive",
    "plot_cumulative_transactions",
    "plot_incremental_transactions",
    "plot_transaction_rate_heterogeneity",
    "plot_dropout_rate_heterogeneity",
]


def _pyplot() -> Any:
    from matplotlib import pyplot as plt

    return plt


def _square(ax: Any) -> None:
    images = ax.get_images()
    if images:
        left, right, bottom, top = images[0].get_extent()
        ax.set_aspect(abs((right - left) / (bottom - top)))


def plot_period_transactions(
    model: Any,
    max_frequency: int = 7,
    title: str = "Frequency of Repeat Transactions",
    xlabel: str = "Number of Calibration Period Transactions",
    ylabel: str = "Customers",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Bars of customers by repeat purchases: the fitted data (``Actual``) against simulated customers (``Model``).

    lifetimes' in-sample check of a fit (as in Fader, Hardie & Lee 2005): as many customers as fitted are simulated from
    the model. They come from ``model.generate_new_data`` (:mod:`ltv.lifetimes.generate_data`, numpy's global random
    state: seed it for a repeatable plot); the counts ``0..max_frequency - 1`` are drawn.

    Parameters
    ----------
    model : fitter
        A fitted :class:`~ltv.lifetimes.BetaGeoFitter`, :class:`~ltv.lifetimes.ModifiedBetaGeoFitter`,
        :class:`~ltv.lifetimes.ParetoNBDFitter` or :class:`~ltv.lifetimes.BetaGeoBetaBinomFitter` (its ``data``
        and ``generate_new_data``).
    max_frequency : int, default 7
        The number of bars per series (repeat-purchase counts ``0..max_frequency - 1``).
    title : str, default "Frequency of Repeat Transactions"
        The axes title.
    xlabel : str, default "Number of Calibration Period Transactions"
        The x-axis label.
    ylabel : str, default "Customers"
        The y-axis label.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new one.
    **kwargs
        Passed to :meth:`pandas.DataFrame.plot` (``label``: the two legend labels, default ``["Actual", "Model"]``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    AttributeError
        Without a fit (``data`` and ``generate_new_data`` are set by ``fit``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> from ltv.lifetimes.plotting import plot_period_transactions
    >>> data = load_cdnow_summary(index_col=[0])
    >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
    >>> np.random.seed(0)
    >>> fig, ax = plt.subplots()
    >>> ax = plot_period_transactions(bgf, ax=ax)
    >>> ax.get_title(), [int(bar.get_height()) for bar in ax.patches[:7]]
    ('Frequency of Repeat Transactions', [1411, 439, 214, 100, 62, 38, 29])
    >>> plt.close(fig)
    """
    labels = kwargs.pop("label", ["Actual", "Model"])
    simulated = model.generate_new_data(size=model.data.shape[0])
    actual = model.data["frequency"].value_counts().sort_index().iloc[:max_frequency]
    drawn = simulated["frequency"].value_counts().sort_index().iloc[:max_frequency]
    counts = pd.concat([actual, drawn], axis=1).fillna(0)
    counts.columns = labels
    ax = counts.plot(kind="bar", ax=ax, **kwargs)
    ax.legend()
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    return ax


def plot_calibration_purchases_vs_holdout_purchases(
    model: Any,
    calibration_holdout_matrix: pd.DataFrame,
    kind: str = "frequency_cal",
    n: int = 7,
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    r"""Mean holdout purchases against the model's prediction, by a calibration-period variable.

    For each customer of ``calibration_holdout_matrix`` (:func:`ltv.lifetimes.utils.calibration_and_holdout_data`)
    the prediction is ``model.conditional_expected_number_of_purchases_up_to_time`` over the holdout's length;
    both are averaged by ``kind`` and the first ``n`` groups drawn (the conditional-expectation check of Fader,
    Hardie & Lee 2005).

    Parameters
    ----------
    model : fitter
        A transaction fitter fitted on the calibration columns.
    calibration_holdout_matrix : pandas.DataFrame
        The output of :func:`ltv.lifetimes.utils.calibration_and_holdout_data` (``frequency_cal``, ``recency_cal``,
        ``T_cal``, ``frequency_holdout``, ``duration_holdout``).
    kind : {"frequency_cal", "recency_cal", "T_cal", "time_since_last_purchase"}, default "frequency_cal"
        The variable to group by (``time_since_last_purchase``: ``T_cal - recency_cal``).
    n : int, default 7
        The number of groups drawn (the smallest values of ``kind``).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new one.
    **kwargs
        Passed to :meth:`pandas.DataFrame.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, lines ``frequency_holdout`` and ``model_predictions``.

    Raises
    ------
    ValueError
        For a ``kind`` not listed above (lifetimes raises a ``KeyError`` later), or before a fit when the model's
        ``params_`` are not set either.

    Examples
    --------
    The CDNOW sample, calibration to September 1997 in weeks, holdout to June 1998 (Fader, Hardie & Lee 2005):

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_dataset
    >>> from ltv.lifetimes.plotting import plot_calibration_purchases_vs_holdout_purchases
    >>> from ltv.lifetimes.utils import calibration_and_holdout_data
    >>> cdnow = load_dataset(
    ...     "CDNOW_sample.txt", header=None, sep=r"\s+", names=["master_id", "id", "date", "cds", "amount"],
    ...     dtype={"date": str},
    ... )
    >>> holdout = calibration_and_holdout_data(
    ...     cdnow, "id", "date", calibration_period_end="1997-09-30", observation_period_end="1998-06-30",
    ...     datetime_format="%Y%m%d", freq="D", freq_multiplier=7,
    ... )
    >>> bgf = BetaGeoFitter().fit(holdout["frequency_cal"], holdout["recency_cal"], holdout["T_cal"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_calibration_purchases_vs_holdout_purchases(bgf, holdout, ax=ax)
    >>> ax.get_title()
    'Actual Purchases in Holdout Period vs Predicted Purchases'
    >>> [line.get_ydata().round(3).tolist()[:3] for line in ax.get_lines()]
    [[0.237, 0.697, 1.393], [0.225, 0.523, 1.044]]
    >>> plt.close(fig)
    """
    x_labels = {
        "frequency_cal": "Purchases in calibration period",
        "recency_cal": "Age of customer at last purchase",
        "T_cal": "Age of customer at the end of calibration period",
        "time_since_last_purchase": "Time since user made last purchase",
    }
    if kind not in x_labels:
        raise ValueError(f"kind: expected one of {sorted(x_labels)}, got {kind!r}")
    summary = calibration_holdout_matrix.copy()
    duration = float(summary["duration_holdout"].iloc[0])
    summary["model_predictions"] = np.asarray(
        model.conditional_expected_number_of_purchases_up_to_time(
            duration, summary["frequency_cal"], summary["recency_cal"], summary["T_cal"]
        )
    )
    if kind == "time_since_last_purchase":
        summary[kind] = summary["T_cal"] - summary["recency_cal"]
    means = summary.groupby(kind)[["frequency_holdout", "model_predictions"]].mean().iloc[:n]
    ax = means.plot(ax=ax, **kwargs)
    ax.set_title("Actual Purchases in Holdout Period vs Predicted Purchases")
    ax.set_xlabel(x_labels[kind])
    ax.set_ylabel("Average of Purchases in Holdout Period")
    ax.legend()
    return ax


def _grid(model: Any, max_frequency: Optional[int], max_recency: Optional[int]) -> Tuple[Any, Any, int]:
    max_frequency = max_frequency or int(model.data["frequency"].max())
    max_recency = max_recency or int(model.data["T"].max())
    rec, freq = np.meshgrid(np.arange(max_recency + 1), np.arange(max_frequency + 1), indexing="ij")
    return np.where(freq == 0, 0, rec), freq, max_recency


def plot_frequency_recency_matrix(
    model: Any,
    T: float = 1,
    max_frequency: Optional[int] = None,
    max_recency: Optional[int] = None,
    title: Optional[str] = None,
    xlabel: str = "Customer's Historical Frequency",
    ylabel: str = "Customer's Recency",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    r"""Heatmap of the expected purchases in the next ``T`` time units by frequency (columns) and recency (rows).

    Each cell is ``model.conditional_expected_number_of_purchases_up_to_time(T, frequency, recency, max_recency)``
    (the native ``conditional_expected_purchases``, e.g. :meth:`ltv.BgNbdModel.conditional_expected_purchases`),
    every customer of age ``max_recency``; the frequency-0 column at recency 0, its only history (see
    *Differences from lifetimes* in :mod:`ltv.lifetimes`). A colour bar is added.

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set, with both maxima given) transaction fitter.
    T : float, default 1
        The horizon, in the fit's time unit (lifetimes' name; not the customers' age).
    max_frequency : int, optional
        The largest frequency (column); default the largest fitted frequency.
    max_recency : int, optional
        The largest recency (row) and the customers' age; default the largest fitted ``T``.
    title : str, optional
        The axes title; default "Expected Number of Future Purchases for ``T`` Unit(s) of Time, by Frequency and
        Recency of a Customer".
    xlabel : str, default "Customer's Historical Frequency"
        The x-axis label.
    ylabel : str, default "Customer's Recency"
        The y-axis label.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default ``plt.subplot(111)``.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (``interpolation`` defaults to ``"none"``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ValueError
        Before a fit when the model's ``params_`` are not set either.
    AttributeError
        When a maximum is left to its default and the model has no fitted ``data``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> from ltv.lifetimes.plotting import plot_frequency_recency_matrix
    >>> data = load_cdnow_summary(index_col=[0])
    >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_frequency_recency_matrix(bgf, T=1, ax=ax)
    >>> ax.get_title()
    'Expected Number of Future Purchases for 1 Unit of Time,\nby Frequency and Recency of a Customer'
    >>> ax.get_images()[0].get_array().shape
    (39, 30)
    >>> plt.close(fig)
    """
    plt = _pyplot()
    rec, freq, age = _grid(model, max_frequency, max_recency)
    z = np.asarray(
        model.conditional_expected_number_of_purchases_up_to_time(
            T, freq.ravel().astype(float), rec.ravel().astype(float), float(age)
        ),
        dtype=float,
    ).reshape(rec.shape)
    interpolation = kwargs.pop("interpolation", "none")
    if ax is None:
        ax = plt.subplot(111)
    image = ax.imshow(z, interpolation=interpolation, **kwargs)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is None:
        title = (
            "Expected Number of Future Purchases for {} Unit{} of Time,".format(T, "s"[T == 1 :])
            + "\nby Frequency and Recency of a Customer"
        )
    ax.set_title(title)
    _square(ax)
    ax.figure.colorbar(image, ax=ax)
    return ax


def plot_probability_alive_matrix(
    model: Any,
    max_frequency: Optional[int] = None,
    max_recency: Optional[int] = None,
    title: str = "Probability Customer is Alive,\nby Frequency and Recency of a Customer",
    xlabel: str = "Customer's Historical Frequency",
    ylabel: str = "Customer's Recency",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    r"""Heatmap of P(alive) by frequency (columns) and recency (rows).

    ``model.conditional_probability_alive_matrix(max_frequency, max_recency)``: every customer of age ``max_recency``;
    the frequency-0 column at recency 0 (see :meth:`ltv.lifetimes.BetaGeoFitter.conditional_probability_alive_matrix`).
    The native ``probability_alive`` (e.g. :meth:`ltv.BgNbdModel.probability_alive`). A colour bar is added.

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set, with both maxima given) transaction fitter.
    max_frequency : int, optional
        The largest frequency (column); default the largest fitted frequency.
    max_recency : int, optional
        The largest recency (row) and the customers' age; default the largest fitted ``T``.
    title : str, default "Probability Customer is Alive,\nby Frequency and Recency of a Customer"
        The axes title.
    xlabel : str, default "Customer's Historical Frequency"
        The x-axis label.
    ylabel : str, default "Customer's Recency"
        The y-axis label.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default ``plt.subplot(111)``.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (``interpolation`` defaults to ``"none"``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ValueError
        Before a fit when the model's ``params_`` are not set either.
    AttributeError
        When a maximum is left to its default and the model has no fitted ``data``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> from ltv.lifetimes.plotting import plot_probability_alive_matrix
    >>> data = load_cdnow_summary(index_col=[0])
    >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_probability_alive_matrix(bgf, ax=ax)
    >>> ax.get_title()
    'Probability Customer is Alive,\nby Frequency and Recency of a Customer'
    >>> plt.close(fig)
    """
    plt = _pyplot()
    z = model.conditional_probability_alive_matrix(max_frequency, max_recency)
    interpolation = kwargs.pop("interpolation", "none")
    if ax is None:
        ax = plt.subplot(111)
    image = ax.imshow(z, interpolation=interpolation, **kwargs)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    _square(ax)
    ax.figure.colorbar(image, ax=ax)
    return ax


def plot_expected_repeat_purchases(
    model: Any,
    title: str = "Expected Number of Repeat Purchases per Customer",
    xlabel: str = "Time Since First Purchase",
    ax: Any = None,
    label: Optional[str] = None,
    **kwargs: Any,
) -> Any:
    """Expected repeat purchases of a new customer against time since the first purchase.

    Solid up to the largest fitted age, dashed on to 1.5 times it: ``model.expected_number_of_purchases_up_to_time``
    (the native ``expected_purchases``, e.g. :meth:`ltv.BgNbdModel.expected_purchases`; Fader, Hardie & Lee 2005 eq.
    (9)) on 100 points each. lifetimes reads ``ax._get_lines.prop_cycler``, gone from current matplotlib; here the
    colour is the first line's, from the axes' own property cycle.

    Parameters
    ----------
    model : fitter
        A fitted transaction fitter (its ``data["T"]``).
    title : str, default "Expected Number of Repeat Purchases per Customer"
        The axes title.
    xlabel : str, default "Time Since First Purchase"
        The x-axis label.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default ``plt.subplot(111)``.
    label : str, optional
        The solid line's legend label (a legend is drawn when given).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` (``c`` / ``color``: both lines' colour).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, two lines.

    Raises
    ------
    AttributeError
        Without fitted ``data``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> from ltv.lifetimes.plotting import plot_expected_repeat_purchases
    >>> data = load_cdnow_summary(index_col=[0])
    >>> bgf = BetaGeoFitter().fit(data["frequency"], data["recency"], data["T"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_expected_repeat_purchases(bgf, ax=ax, label="BG/NBD")
    >>> ax.get_title(), len(ax.get_lines())
    ('Expected Number of Repeat Purchases per Customer', 2)
    >>> plt.close(fig)
    """
    plt = _pyplot()
    if ax is None:
        ax = plt.subplot(111)
    color = kwargs.pop("c", None) or kwargs.pop("color", None)
    max_t = float(model.data["T"].max())
    inside = np.linspace(0, max_t, 100)
    (line,) = ax.plot(inside, model.expected_number_of_purchases_up_to_time(inside), color=color, label=label, **kwargs)
    beyond = np.linspace(max_t, 1.5 * max_t, 100)
    ax.plot(beyond, model.expected_number_of_purchases_up_to_time(beyond), color=line.get_color(), ls="--", **kwargs)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    if label is not None:
        ax.legend(loc="lower right")
    return ax


def plot_history_alive(
    model: Any,
    t: int,
    transactions: pd.DataFrame,
    datetime_col: str,
    freq: str = "D",
    start_date: Any = None,
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """One customer's P(alive) path over ``t`` periods, the purchase periods as dashed red lines.

    The path is :func:`ltv.lifetimes.utils.calculate_alive_path` (the native ``probability_alive``, e.g.
    :meth:`ltv.BgNbdModel.probability_alive`), drawn against the periods' dates.

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set) transaction fitter in the unit ``freq``.
    t : int
        The number of periods after the first purchase, a whole number in ``[1, 1e7]``.
    transactions : pandas.DataFrame
        One customer's transactions.
    datetime_col : str
        The column of transaction times.
    freq : str, default "D"
        The period unit (the aliases of :func:`ltv.lifetimes.utils.summary_data_from_transaction_data`).
    start_date : datetime-like, optional
        The left end of the x axis; default the first transaction.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default ``plt.subplot(111)``.
    **kwargs
        Accepted and unused.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ValueError
        For a ``t`` that is not a whole number in ``[1, 1e7]`` or a ``freq`` not listed, or before a fit when the
        model's ``params_`` are not set either.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> from ltv.lifetimes.plotting import plot_history_alive
    >>> from ltv.lifetimes.utils import summary_data_from_transaction_data
    >>> log = load_transaction_data()
    >>> summary = summary_data_from_transaction_data(log, "id", "date", observation_period_end="2014-12-31")
    >>> bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_history_alive(bgf, 100, log[log["id"] == 35], "date", ax=ax)
    >>> ax.get_title(), len(ax.get_lines()[0].get_ydata())
    ('History of P_alive', 101)
    >>> plt.close(fig)
    """
    plt = _pyplot()
    dates = pd.to_datetime(transactions[datetime_col])
    if start_date is None:
        start_date = dates.min()
    if ax is None:
        ax = plt.subplot(111)
    path = calculate_alive_path(model, transactions, datetime_col, t, freq)
    periods = _periods(dates, freq)
    first = periods.min()
    path_dates = pd.period_range(start=first, periods=len(path), freq=first.freq).to_timestamp()
    ax.plot(path_dates, path.to_numpy(), "-", label="P_alive")
    bought = pd.PeriodIndex(periods.unique()).sort_values().to_timestamp()
    ax.vlines(bought.values, ymin=0, ymax=1, colors="r", linestyles="dashed", label="purchases")
    ax.set_ylim(0, 1.0)
    ax.set_yticks(np.arange(0, 1.1, 0.1))
    ax.set_xlim(start_date, path_dates[-1])
    ax.legend(loc=3)
    ax.set_ylabel("P_alive")
    ax.set_title("History of P_alive")
    return ax


def _tracking(cumulative: bool, model: Any, args: Tuple[Any, ...], kwargs: Any) -> Any:
    transactions, datetime_col, customer_id_col, t, t_cal, datetime_format, freq, set_index_date, title, xlabel, ylabel, ax = args
    plt = _pyplot()
    if ax is None:
        ax = plt.subplot(111)
    frame = expected_cumulative_transactions(
        model, transactions, datetime_col, customer_id_col, t, datetime_format=datetime_format, freq=freq,
        set_index_date=set_index_date,
    )
    if not cumulative:
        frame = frame.diff().fillna(frame.iloc[:1])  # per-period transactions from the running totals
    ax = frame.plot(ax=ax, title=title, **kwargs)
    if set_index_date:
        x_vline = frame.index[int(t_cal)]
        xlabel = "date"
    else:
        x_vline = t_cal
    ax.axvline(x=x_vline, color="r", linestyle="--")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def plot_cumulative_transactions(
    model: Any,
    transactions: pd.DataFrame,
    datetime_col: str,
    customer_id_col: str,
    t: int,
    t_cal: float,
    datetime_format: Optional[str] = None,
    freq: str = "D",
    set_index_date: bool = False,
    title: str = "Tracking Cumulative Transactions",
    xlabel: str = "day",
    ylabel: str = "Cumulative Transactions",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Actual and predicted cumulative repeat transactions over ``t`` periods, a dashed red line at ``t_cal``.

    lifetimes' tracking plot (as in Fader, Hardie & Lee 2005). The data is
    :func:`ltv.lifetimes.utils.expected_cumulative_transactions` (the native ``expected_purchases`` summed over the
    first-purchase cohorts).

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set) transaction fitter in the unit ``freq``.
    transactions : pandas.DataFrame
        The log, one row per transaction.
    datetime_col : str
        The column of transaction times.
    customer_id_col : str
        The column of customer ids.
    t : int
        The number of periods tracked, a whole number in ``[1, 1e7]``.
    t_cal : float
        The end of the calibration period, in periods from the first purchase (the dashed red line).
    datetime_format : str, optional
        The :func:`pandas.to_datetime` format of ``datetime_col``.
    freq : str, default "D"
        The period unit (the aliases of :func:`ltv.lifetimes.utils.summary_data_from_transaction_data`).
    set_index_date : bool, default False
        Dates on the x axis (its label then ``"date"``) instead of periods.
    title : str, default "Tracking Cumulative Transactions"
        The axes title.
    xlabel : str, default "day"
        The x-axis label.
    ylabel : str, default "Cumulative Transactions"
        The y-axis label.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default ``plt.subplot(111)``.
    **kwargs
        Passed to :meth:`pandas.DataFrame.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, lines ``actual`` and ``predicted``.

    Raises
    ------
    ValueError
        For a ``t`` that is not a whole number in ``[1, 1e7]`` or a ``freq`` not listed, or before a fit when the
        model's ``params_`` are not set either.
    KeyError
        When a named column is missing.

    Examples
    --------
    The first 100 customers of lifetimes' example log, 30 days, calibration to day 20:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> from ltv.lifetimes.plotting import plot_cumulative_transactions
    >>> from ltv.lifetimes.utils import summary_data_from_transaction_data
    >>> log = load_transaction_data()
    >>> log = log[log["id"] < 100]
    >>> summary = summary_data_from_transaction_data(log, "id", "date", observation_period_end="2014-12-31")
    >>> bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_cumulative_transactions(bgf, log, "date", "id", 30, 20, ax=ax)
    >>> ax.get_title(), [line.get_label() for line in ax.get_lines()[:2]]
    ('Tracking Cumulative Transactions', ['actual', 'predicted'])
    >>> plt.close(fig)
    """
    args = (transactions, datetime_col, customer_id_col, t, t_cal, datetime_format, freq, set_index_date, title,
            xlabel, ylabel, ax)
    return _tracking(True, model, args, kwargs)


def plot_incremental_transactions(
    model: Any,
    transactions: pd.DataFrame,
    datetime_col: str,
    customer_id_col: str,
    t: int,
    t_cal: float,
    datetime_format: Optional[str] = None,
    freq: str = "D",
    set_index_date: bool = False,
    title: str = "Tracking Daily Transactions",
    xlabel: str = "day",
    ylabel: str = "Transactions",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Actual and predicted repeat transactions per period over ``t`` periods, a dashed red line at ``t_cal``.

    The period-on-period differences of :func:`ltv.lifetimes.utils.expected_cumulative_transactions` (the native
    ``expected_purchases`` summed over the first-purchase cohorts).

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set) transaction fitter in the unit ``freq``.
    transactions : pandas.DataFrame
        The log, one row per transaction.
    datetime_col : str
        The column of transaction times.
    customer_id_col : str
        The column of customer ids.
    t : int
        The number of periods tracked, a whole number in ``[1, 1e7]``.
    t_cal : float
        The end of the calibration period, in periods from the first purchase (the dashed red line).
    datetime_format : str, optional
        The :func:`pandas.to_datetime` format of ``datetime_col``.
    freq : str, default "D"
        The period unit (the aliases of :func:`ltv.lifetimes.utils.summary_data_from_transaction_data`).
    set_index_date : bool, default False
        Dates on the x axis (its label then ``"date"``) instead of periods.
    title : str, default "Tracking Daily Transactions"
        The axes title.
    xlabel : str, default "day"
        The x-axis label.
    ylabel : str, default "Transactions"
        The y-axis label.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default ``plt.subplot(111)``.
    **kwargs
        Passed to :meth:`pandas.DataFrame.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, lines ``actual`` and ``predicted``.

    Raises
    ------
    ValueError
        For a ``t`` that is not a whole number in ``[1, 1e7]`` or a ``freq`` not listed, or before a fit when the
        model's ``params_`` are not set either.
    KeyError
        When a named column is missing.

    Examples
    --------
    The first 100 customers of lifetimes' example log, 30 days, calibration to day 20:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib import pyplot as plt
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> from ltv.lifetimes.plotting import plot_incremental_transactions
    >>> from ltv.lifetimes.utils import summary_data_from_transaction_data
    >>> log = load_transaction_data()
    >>> log = log[log["id"] < 100]
    >>> summary = summary_data_from_transaction_data(log, "id", "date", observation_period_end="2014-12-31")
    >>> bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    >>> fig, ax = plt.subplots()
    >>> ax = plot_incremental_transactions(bgf, log, "date", "id", 30, 20, ax=ax)
    >>> ax.get_title(), [line.get_label() for line in ax.get_lines()[:2]]
    ('Tracking Daily Transactions', ['actual', 'predicted'])
    >>> plt.close(fig)
    """
    args = (transactions, datetime_col, customer_id_col, t, t_cal, datetime_format, freq, set_index_date, title,
            xlabel, ylabel, ax)
    return _tracking(False, model, args, kwargs)


def _heterogeneity(
    x: Any, y: Any, subtitle: str, suptitle: str, xlabel: str, ylabel: str, suptitle_fontsize: int, ax: Any, kwargs: Any
) -> Any:
    if ax is None:
        _, ax = _pyplot().subplots(1)
    fig = ax.figure
    fig.suptitle(suptitle, fontsize=suptitle_fontsize, fontweight="bold")
    ax.set_title(subtitle)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.plot(x, y, **kwargs)
    return ax


def _density_grid(upper: float, open_at_zero: bool) -> Any:
    """lifetimes' grid, 100 points over ``[0, upper]``; the point 0 is left out where the density is infinite
    there (shape < 1: lifetimes' value there is inf, which matplotlib does not draw either)."""
    x = np.linspace(0.0, upper, 100)
    return x[1:] if open_at_zero else x


def plot_transaction_rate_heterogeneity(
    model: Any,
    suptitle: str = "Heterogeneity in Transaction Rate",
    xlabel: str = "Transaction Rate",
    ylabel: str = "Density",
    suptitle_fontsize: int = 14,
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """The Gamma(r, alpha) density of the customers' transaction rates, titled with its mean and variance.

    Shape ``r``, rate ``alpha``, drawn over 0 .. its 99th percentile; the title is its mean ``r / alpha`` and
    variance ``r / alpha^2``. The BG/NBD, MBG/NBD and Pareto/NBD mixing distribution of the purchase rate (Fader, Hardie
    & Lee 2005); the density and the percentile from the native ``ltv-models`` functions. lifetimes' grid of 100 points,
    the point 0 left out where the density is infinite (``r < 1``). lifetimes ignores ``suptitle``; here it is the
    figure's title.

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set) fitter with parameters ``r`` and ``alpha``.
    suptitle : str, default "Heterogeneity in Transaction Rate"
        The figure's title.
    xlabel : str, default "Transaction Rate"
        The x-axis label.
    ylabel : str, default "Density"
        The y-axis label.
    suptitle_fontsize : int, default 14
        The font size of ``suptitle``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ValueError
        Before a fit when the model's ``params_`` are not set either.
    ltv.InvalidInputError
        When ``r`` or ``alpha`` is not a positive finite number.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.plotting import plot_transaction_rate_heterogeneity
    >>> bgf = BetaGeoFitter()
    >>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
    >>> plot_transaction_rate_heterogeneity(bgf).get_title()
    'mean: 0.055, var: 0.012'
    """
    r, alpha = model._unload_params("r", "alpha")
    x = _density_grid(_gamma_quantile(0.99, shape=r, rate=alpha), r < 1.0)
    y = _gamma_density(x, shape=r, rate=alpha)
    subtitle = f"mean: {r / alpha:.3f}, var: {r / alpha**2:.3f}"
    return _heterogeneity(x, y, subtitle, suptitle, xlabel, ylabel, suptitle_fontsize, ax, kwargs)


def plot_dropout_rate_heterogeneity(
    model: Any,
    suptitle: str = "Heterogeneity in Dropout Probability",
    xlabel: str = "Dropout Probability p",
    ylabel: str = "Density",
    suptitle_fontsize: int = 14,
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """The Beta(a, b) density of the customers' dropout probabilities, titled with its mean and variance.

    Drawn over 0 .. its 99th percentile; the title is its mean ``a / (a + b)`` and variance
    ``ab / ((a + b)^2 (a + b + 1))``. The BG/NBD and MBG/NBD mixing distribution of the dropout probability (Fader,
    Hardie & Lee 2005); the density and the percentile from the native ``ltv-models`` functions. lifetimes' grid of 100
    points, the point 0 left out where the density is infinite (``a < 1``). lifetimes ignores ``suptitle``; here it is
    the figure's title.

    Parameters
    ----------
    model : fitter
        A fitted (or hand-set) fitter with parameters ``a`` and ``b``.
    suptitle : str, default "Heterogeneity in Dropout Probability"
        The figure's title.
    xlabel : str, default "Dropout Probability p"
        The x-axis label.
    ylabel : str, default "Density"
        The y-axis label.
    suptitle_fontsize : int, default 14
        The font size of ``suptitle``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default a new figure's.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ValueError
        Before a fit when the model's ``params_`` are not set either.
    ltv.InvalidInputError
        When ``a`` or ``b`` is not a positive finite number.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.lifetimes import BetaGeoFitter
    >>> from ltv.lifetimes.plotting import plot_dropout_rate_heterogeneity
    >>> bgf = BetaGeoFitter()
    >>> bgf.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
    >>> plot_dropout_rate_heterogeneity(bgf).get_title()
    'mean: 0.246, var: 0.044'
    """
    a, b = model._unload_params("a", "b")
    x = _density_grid(_beta_quantile(0.99, a=a, b=b), a < 1.0)
    y = _beta_density(x, a=a, b=b)
    subtitle = f"mean: {a / (a + b):.3f}, var: {a * b / (a + b) ** 2 / (a + b + 1):.3f}"
    return _heterogeneity(x, y, subtitle, suptitle, xlabel, ylabel, suptitle_fontsize, ax, kwargs)

