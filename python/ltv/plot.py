"""Plots of cohort retention: a cohort x age heatmap and observed against projected survival.

matplotlib is optional: it is imported when a plot is drawn. Each function draws on ``ax`` (a new figure's
axes when ``None``) and returns the matplotlib Axes. The long cohort table is the one of
:func:`ltv.cohort.cohort_table` (pandas or polars; one row per cohort and observed age).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from ltv.plot import survival_plot
>>> ax = survival_plot(observed=[1000, 631, 468, 382, 326, 289, 262, 241], horizon=24)
>>> [line.get_label() for line in ax.get_lines()]
['observed', 'sBG projection']
>>> int(ax.get_lines()[1].get_xdata()[-1])
24
"""

from __future__ import annotations

from typing import Any, List, Optional, Union

import numpy as np
import numpy.typing as npt

from ._ltv import SbgFit, SbgModel

__all__ = ["retention_heatmap", "survival_plot"]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots()
    return new_ax


def _column(table: Any, name: str) -> List[Any]:
    if name not in table.columns:
        raise KeyError(f"table: no column {name!r} (columns: {list(table.columns)})")
    return list(table[name].to_list())


def _cohort_grid(table: Any, value: str) -> tuple[List[Any], npt.NDArray[np.float64]]:
    """Cohort labels (sorted when they compare) and a cohorts x ages array of ``value`` (NaN where unobserved)."""
    labels = _column(table, "cohort")
    ages = np.asarray(_column(table, "age"), dtype=np.int64)
    values = np.asarray(_column(table, value), dtype=np.float64)
    order: List[Any] = list(dict.fromkeys(labels))
    try:
        order = sorted(order)
    except TypeError:
        pass
    position = {label: i for i, label in enumerate(order)}
    if ages.size and ages.min() < 0:
        raise ValueError("table: ages must be >= 0")
    grid = np.full((len(order), int(ages.max()) + 1 if ages.size else 0), np.nan)
    for label, age, v in zip(labels, ages, values):
        grid[position[label], age] = v
    return order, grid


def retention_heatmap(table: Any, *, value: str = "logo_retention", ax: Any = None) -> Any:
    """A cohort x age heatmap of one column of the long cohort table (``logo_retention`` by default; also
    ``net_revenue_retention``, ``gross_revenue_retention`` or any numeric column). Rows are cohorts (oldest at
    the top), columns ages; unobserved cells stay blank. Returns the Axes; the image is ``ax.images[0]``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.plot import retention_heatmap
    >>> table = pd.DataFrame({"cohort": ["2024-01", "2024-01", "2024-02"], "age": [0, 1, 0],
    ...                       "logo_retention": [1.0, 0.8, 1.0]})
    >>> ax = retention_heatmap(table)
    >>> ax.images[0].get_array().tolist()
    [[1.0, 0.8], [1.0, None]]
    """
    order, grid = _cohort_grid(table, value)
    ax = _axes(ax)
    image = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", interpolation="nearest", cmap="viridis")
    ax.set_yticks(range(len(order)), [str(label) for label in order])
    ax.set_xlabel("age (periods since acquisition)")
    ax.set_ylabel("cohort")
    ax.set_title(value.replace("_", " "))
    ax.figure.colorbar(image, ax=ax, label=value)
    return ax


def survival_plot(
    *,
    observed: Any = None,
    cohort: Any = None,
    model: Union[SbgModel, SbgFit, None] = None,
    horizon: Optional[int] = None,
    ax: Any = None,
) -> Any:
    """Observed survival (markers) against the sBG projection (a line), both as shares of the cohort.

    ``observed`` is a cohort's surviving counts by age (age 0 = the cohort size), or the long cohort table with
    ``cohort=`` naming the cohort. ``model`` (an :class:`~ltv.retention.SbgModel` or
    :class:`~ltv.retention.SbgFit`) defaults to the sBG fitted on the observed counts. ``horizon`` is the last
    age drawn (default: twice the observed ages, at least 12). At least one of ``observed`` and ``model`` is
    needed. Returns the Axes; its lines are labelled ``observed`` and ``sBG projection``.
    """
    counts: Optional[npt.NDArray[np.float64]] = None
    if observed is not None:
        if hasattr(observed, "columns"):
            if cohort is None:
                raise ValueError("cohort: name the cohort to plot when observed is a cohort table")
            labels = _column(observed, "cohort")
            rows = [i for i, label in enumerate(labels) if label == cohort]
            if not rows:
                raise KeyError(f"cohort: {cohort!r} is not in the table")
            ages = np.asarray(_column(observed, "age"), dtype=np.int64)[rows]
            surviving = np.asarray(_column(observed, "surviving_customers"), dtype=np.float64)[rows]
            counts = surviving[np.argsort(ages, kind="stable")]
        else:
            counts = np.asarray(observed, dtype=np.float64)
        if counts.ndim != 1 or counts.size < 1 or not counts[0] > 0:
            raise ValueError("observed: expected surviving counts by age, the first (the cohort size) > 0")
    if model is None:
        if counts is None:
            raise ValueError("give observed counts, a model, or both")
        model = SbgFit.fit(surviving=counts)
    sbg = model.model if isinstance(model, SbgFit) else model
    if horizon is None:
        horizon = max(12, 2 * (counts.size - 1) if counts is not None else 0)
    ax = _axes(ax)
    if counts is not None:
        ax.plot(np.arange(counts.size), counts / counts[0], "o", label="observed")
    ages_projected = np.arange(horizon + 1)
    ax.plot(ages_projected, sbg.survival(ages_projected), "-", label="sBG projection")
    ax.set_xlabel("age (periods since acquisition)")
    ax.set_ylabel("share of the cohort surviving")
    ax.set_ylim(0, 1.05)
    ax.set_title(f"sBG survival (alpha = {sbg.alpha:.3g}, beta = {sbg.beta:.3g})")
    ax.legend()
    return ax

