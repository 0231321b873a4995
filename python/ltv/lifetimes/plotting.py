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
    """Bars of customers by repeat-purchase count, ``Actual`` (the fitted data) against ``Model`` (as many
    customers simulated with ``model.generate_new_data``), counts ``0..max_frequency - 1``. Draws on ``ax``
    (default: a new axes) and returns it."""
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
    """Mean holdout purchases against the model's prediction, grouped by ``kind`` (``"frequency_cal"``,
    ``"recency_cal"``, ``"T_cal"`` or ``"time_since_last_purchase"``), the first ``n`` groups. Draws on
    ``ax`` (default: a new axes) and returns it."""
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
    """Heatmap of expected purchases in the next ``T`` units by frequency (columns) and recency (rows), each
    customer of age ``max_recency`` (the frequency-0 column at recency 0, its only history). Draws on ``ax``
    (default: a new axes) and returns it."""
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
    """Heatmap of ``model.conditional_probability_alive_matrix(max_frequency, max_recency)``. Draws on ``ax``
    (default: a new axes) and returns it."""
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
    """Expected repeat purchases of a new customer up to the largest age (solid) and on to 1.5 times it
    (dashed). (lifetimes reads ``ax._get_lines.prop_cycler``, gone from current matplotlib; here the colour
    is the first line's, from the axes' own property cycle.)"""
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
    """One customer's P(alive) path (:func:`ltv.lifetimes.utils.calculate_alive_path`) with the purchase
    periods as dashed red lines."""
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
    """Actual and predicted cumulative repeat transactions, a dashed red line at ``t_cal``."""
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
    """Actual and predicted repeat transactions per period, a dashed red line at ``t_cal``."""
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
    """The Gamma(r, alpha) density of the transaction rate (shape r, rate alpha) over 0 .. its 99th percentile,
    titled with its mean r / alpha and variance r / alpha^2; returns the Axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.lifetimes import BetaGeoFitter
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
    """The Beta(a, b) density of the dropout probability over 0 .. its 99th percentile, titled with its mean
    a / (a + b) and variance ab / ((a + b)^2 (a + b + 1)); returns the Axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.lifetimes import BetaGeoFitter
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

