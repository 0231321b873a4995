"""Plots of cohorts and recurring revenue: the cohort retention heatmap (:func:`cohort_heatmap`, also
:func:`retention_heatmap`), the MRR-movements chart (:func:`mrr_movements_plot`) and observed against projected
survival (:func:`survival_plot`); of models: the reliability diagram of a scorer or churn model
(:func:`calibration_plot`) and the credit per channel under each attribution model (:func:`attribution_plot`).

matplotlib is optional (``pip install ltv[plot]``): it is imported when a plot is drawn. Each function draws
on ``ax`` (a new figure's axes when ``None``) and returns the matplotlib Axes. The long cohort table is the one of
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

import datetime as _dt
from typing import Any, Dict, List, Literal, Optional, Tuple, Union, cast

import numpy as np
import numpy.typing as npt

from . import cohort as _cohort
from ._columns import float_column, invalid_input, option, renamed, shown, whole
from ._ltv import LtvError, MrrMovements
from .cohort import PeriodUnit
from ._ltv import SbgFit, SbgModel
from ._columns import missing_column
from ._periods import cohort_rows
from ._plot_attribution import AttributionMetric, BarOrientation, ChannelOrder, attribution_plot
from ._plot_calibration import CalibrationCounts, CalibrationExtent, calibration_plot

# Defined in their own files (one per plot family), documented and doctested here.
attribution_plot.__module__ = calibration_plot.__module__ = __name__

__all__ = [
    "AttributionMetric", "BarOrientation", "CalibrationCounts", "CalibrationExtent", "ChannelOrder", "LabelUnit",
    "attribution_plot", "calibration_plot", "cohort_heatmap", "mrr_movements_plot", "period_label",
    "retention_heatmap", "survival_plot",
]


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
        raise missing_column(name, name, table.columns, f"the table needs a {name!r} column")
    return list(table[name].to_list())


# --- period labels -----------------------------------------------------------------------------------------

# A Union of one-string Literals (the same type as Literal["day", ...]; stubtest reads it; see ltv.leads.RankBy).
LabelUnit = Union[Literal["day"], Literal["week"], Literal["month"], Literal["quarter"], Literal["year"]]
"""The period units :func:`period_label` writes."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PLURAL = {"day": "days", "week": "weeks", "month": "months", "quarter": "quarters", "year": "years"}
_MAX_PERIODS = 10_000
_MAX_ANNOTATED_CELLS = 2_500
_TITLES = {
    "logo_retention": "Logo retention",
    "net_revenue_retention": "Net revenue retention",
    "gross_revenue_retention": "Gross revenue retention",
}


def _names(table: Any) -> Optional[List[str]]:
    """The column names of a pandas or polars frame or of a mapping of columns (None for anything else)."""
    if hasattr(table, "columns"):
        return list(table.columns)
    return list(table.keys()) if hasattr(table, "keys") else None


def _get(table: Any, name: str) -> Any:
    """A column of a pandas or polars frame or of a mapping of columns (a missing one names the columns)."""
    names = _names(table)
    if names is None:
        raise TypeError(f"table: expected a DataFrame or a mapping of columns, got {type(table).__name__}")
    if name not in names:
        raise missing_column(name, name, names, f"the table needs a {name!r} column")
    return table[name]


def _unit(unit: Any, analysis: Optional[Any]) -> str:
    if analysis is not None:
        if unit is not None and unit != analysis.unit:
            allowed = f"the analysis's own unit {analysis.unit!r} (or leave it out)"
            raise invalid_input("unit", shown(unit), None, allowed)
        return str(analysis.unit)
    if unit is None:
        return str(_cohort._DEFAULT_UNIT)
    if option("unit", unit, tuple(_PLURAL)) not in _PLURAL:
        raise invalid_input("unit", shown(unit), None, ", ".join(repr(u) for u in _PLURAL))
    return str(unit)


def period_label(start: Any, unit: LabelUnit) -> str:
    """How a period reads on a chart: ``"Jan 2024"`` (month), ``"2024-W03"`` (ISO week), ``"2024 Q1"``
    (quarter), ``"2024"`` (year) or ``"2024-01-15"`` (day).

    Parameters
    ----------
    start : date-like
        The period's first day (any day of it gives the same label): a ``datetime.date``, ``numpy.datetime64``,
        pandas ``Timestamp`` or ISO date string.
    unit : {"day", "week", "month", "quarter", "year"}
        The period unit.

    Returns
    -------
    str
        The label; month names are English abbreviations whatever the locale.

    Raises
    ------
    ltv.InvalidInputError
        ``start`` is not a date (or NaT), ``unit`` is not one of the units.
    TypeError
        ``unit`` is not a string.

    Examples
    --------
    >>> import datetime
    >>> from ltv.plot import period_label
    >>> [period_label(datetime.date(2024, 1, 15), u) for u in ("day", "week", "month", "quarter", "year")]
    ['2024-01-15', '2024-W03', 'Jan 2024', '2024 Q1', '2024']
    """
    if option("unit", unit, tuple(_PLURAL)) not in _PLURAL:
        raise invalid_input("unit", shown(unit), None, ", ".join(repr(u) for u in _PLURAL))
    try:
        day = np.datetime64(start, "D").astype(object)
    except (TypeError, ValueError):
        raise invalid_input("start", shown(start), None, "a date (the first day of the period)") from None
    if not isinstance(day, _dt.date):
        raise invalid_input("start", shown(start), None, "a date (the first day of the period), not NaT")
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    if unit == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    if unit == "year":
        return f"{day.year}"
    return str(day.isoformat())


def _periods(values: Any, unit: str, field: str) -> npt.NDArray[np.int64]:
    """Period indices of a column of periods (dates, period strings, ...), read by :mod:`ltv.cohort`."""
    try:
        return _cohort._period_index(values, unit)  # type: ignore[arg-type]
    except LtvError as err:
        raise renamed(err, "period", field) from None


def _labels(index: npt.NDArray[np.int64], unit: str) -> List[str]:
    starts = _cohort._period_start(index, unit)  # type: ignore[arg-type]
    return [period_label(s, cast(LabelUnit, unit)) for s in starts]


# --- the cohort heatmap ------------------------------------------------------------------------------------


def _grid(table: Any, value: str, unit: str) -> Tuple[List[str], npt.NDArray[np.float64], Optional[List[float]]]:
    """Cohort labels (oldest first), a cohorts x ages array of ``value`` (NaN where unobserved) and the cohort
    sizes (when the table has ``cohort_size``)."""
    cohorts = _periods(_get(table, "cohort"), unit, "cohort")
    ages = np.asarray(float_column("age", _get(table, "age")), dtype=np.float64)
    values = np.asarray(float_column(value, _get(table, value)), dtype=np.float64)
    if ages.size != cohorts.size or values.size != cohorts.size:
        raise invalid_input(value, f"{values.size} rows", None, f"as many rows as cohort ({cohorts.size})")
    infinite = np.isinf(values)
    if infinite.any():
        row = int(np.argmax(infinite))
        raise invalid_input(value, shown(values[row]), row, "a finite number (NaN or null: a blank cell)")
    bad = ~np.isfinite(ages) | (ages < 0) | (ages != np.floor(ages))
    if bad.any():
        row = int(np.argmax(bad))
        raise invalid_input("age", shown(ages[row]), row, "a whole number >= 0")
    if cohorts.size == 0:
        raise invalid_input("table", "no rows", None, "at least one row (cohort and age)")
    order, rows = np.unique(cohorts, return_inverse=True)
    width = int(ages.max()) + 1
    if order.size * width > _cohort.MAX_COHORT_CELLS:
        raise invalid_input("table", f"{order.size} cohorts x {width} ages", None,
                            f"at most {_cohort.MAX_COHORT_CELLS} cells")
    grid = np.full((order.size, width), np.nan)
    grid[rows.reshape(-1), ages.astype(np.int64)] = values
    sizes: Optional[List[float]] = None
    if "cohort_size" in (_names(table) or []):
        size = np.asarray(float_column("cohort_size", _get(table, "cohort_size")), dtype=np.float64)
        first = np.unique(rows.reshape(-1), return_index=True)[1]
        sizes = size[first].tolist()
    return _labels(order, unit), grid, sizes


def cohort_heatmap(
    data: Any,
    *,
    value: str = "logo_retention",
    unit: Optional[PeriodUnit] = None,
    max_age: Optional[int] = None,
    age_zero: Literal["grey", "scale"] = "grey",
    annotate: Optional[bool] = None,
    cell_format: Optional[str] = None,
    cmap: str = "Blues",
    ax: Any = None,
) -> Any:
    """The cohort retention grid as SaaS dashboards draw it: one row per cohort (oldest at the top, labelled for
    the period unit: ``"Jan 2024"``, ``"2024-W03"``, ``"2024 Q1"``), its size in a ``customers`` column before
    age 0, one column per age, each cell's value written in it (``"63%"``). :func:`retention_heatmap` is the
    same function.

    Parameters
    ----------
    data : CohortAnalysis or DataFrame or mapping
        A :class:`~ltv.cohort.CohortAnalysis` (its ``table`` and ``unit`` are used), or its long table (pandas,
        polars or a mapping of columns) with the columns ``cohort`` (dates, period strings or any form
        :func:`~ltv.cohort.cohort_table` reads), ``age`` (whole periods since acquisition), ``value`` and,
        optional, ``cohort_size``.
    value : str
        The column drawn: ``logo_retention`` (default), ``net_revenue_retention``, ``gross_revenue_retention``
        or any numeric column.
    unit : {"month", "week", "day", ...}, optional
        The period unit of a table's cohorts (for labels and axis titles); default: the default unit of
        ``cohort_table``. With a ``CohortAnalysis`` it is the analysis's own (another one is an error).
    max_age : int, optional
        Draw ages ``0..max_age`` only (default: all).
    age_zero : {"grey", "scale"}
        ``"grey"`` (default): the age-0 column (100 % by construction) is greyed and left out of the colour
        scale, which then spans the values of ages >= 1; ``"scale"``: coloured like the others. For a
        ``*retention`` column the scale starts at 0.
    annotate : bool, optional
        Write the values in the cells. Default: when the grid has at most 2,500 cells.
    cell_format : str, optional
        A ``str.format`` pattern for the cell values; default ``"{:.0%}"`` for a ``*retention`` column, else
        ``"{:,.0f}"``.
    cmap : str
        A matplotlib colormap name (default ``"Blues"``).
    ax : matplotlib.axes.Axes, optional
        The Axes to draw on (default: a new figure's).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: the coloured grid is ``ax.images[0]`` (its array: cohorts x ages, masked where a
        cohort is too young or the value is NaN / null: those cells stay blank); the cohort sizes and cell
        values are ``ax.texts``, row by row.

    Raises
    ------
    ltv.InvalidInputError
        A cohort that cannot be read as a period (naming the row), an age that is not a whole number >= 0, an
        infinite value, an empty table, more cells than ``ltv.cohort.MAX_COHORT_CELLS``, ``annotate=True`` with more than 2,500
        cells, a bad ``unit``, ``age_zero``, ``max_age``, ``cell_format`` or ``cmap``.
    ltv.MissingColumnError
        A missing column (also a ``KeyError``; the message lists the table's columns).
    TypeError
        ``data`` is not a table; an option of the wrong type.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.plot import cohort_heatmap
    >>> table = pd.DataFrame({"cohort": ["2024-01", "2024-01", "2024-02"], "age": [0, 1, 0],
    ...                       "cohort_size": [40, 40, 25], "logo_retention": [1.0, 0.8, 1.0]})
    >>> ax = cohort_heatmap(table)
    >>> ax.images[0].get_array().tolist()
    [[1.0, 0.8], [1.0, None]]
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Jan 2024', 'Feb 2024']
    >>> [t.get_text() for t in ax.texts]
    ['40', '100%', '80%', '25', '100%']
    """
    analysis = data if isinstance(data, _cohort.CohortAnalysis) else None
    unit_name = _unit(unit, analysis)
    table = analysis.table if analysis is not None else data
    if not isinstance(value, str):
        raise TypeError(f"value: expected a column name, got {type(value).__name__}")
    if option("age_zero", age_zero, ("grey", "scale")) not in ("grey", "scale"):
        raise invalid_input("age_zero", shown(age_zero), None, "'grey' or 'scale'")
    if annotate is not None and not isinstance(annotate, bool):
        raise TypeError(f"annotate: expected True, False or None, got {type(annotate).__name__}")
    fmt = cell_format if cell_format is not None else "{:.0%}" if value.endswith("retention") else "{:,.0f}"
    if not isinstance(fmt, str):
        raise TypeError(f"cell_format: expected a format string, got {type(fmt).__name__}")
    try:
        fmt.format(0.5)
    except (ValueError, IndexError, KeyError):
        allowed = "a str.format pattern of one number, e.g. '{:.1%}'"
        raise invalid_input("cell_format", repr(fmt), None, allowed) from None
    if max_age is not None and whole("max_age", max_age) < 0:
        raise invalid_input("max_age", shown(max_age), None, "a whole number >= 0")
    labels, grid, sizes = _grid(table, value, unit_name)
    if max_age is not None:
        grid = grid[:, : max_age + 1]
    if annotate and grid.size > _MAX_ANNOTATED_CELLS:
        allowed = f"a grid of at most {_MAX_ANNOTATED_CELLS} cells ({grid.size} here)"
        raise invalid_input("annotate", "True", None, allowed)
    write = grid.size <= _MAX_ANNOTATED_CELLS if annotate is None else annotate

    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle

    scaled = grid[:, 1:] if age_zero == "grey" and grid.shape[1] > 1 else grid
    finite = scaled[np.isfinite(scaled)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    vmin = min(low, 0.0) if value.endswith("retention") else low  # rates: the scale starts at 0 %
    # A span too small to divide by (all values equal, or a few subnormals apart) gets a unit-sized one.
    size = max(1.0, float(np.nanmax(np.abs(grid))) if np.isfinite(grid).any() else 1.0)
    norm = Normalize(vmin=vmin, vmax=high if high - vmin > 1e-12 * size else vmin + size)
    ax = _axes(ax)
    colours = _colormap(cmap)
    image = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", interpolation="nearest", cmap=colours, norm=norm)
    n_cohorts, n_ages = grid.shape
    if age_zero == "grey" and n_ages:
        ax.add_patch(Rectangle((-0.5, -0.5), 1.0, n_cohorts, facecolor="#e0e0e0", edgecolor="white", zorder=1))
    for row in range(n_cohorts):  # row by row: the cohort size, then its cells
        if sizes is not None:
            ax.text(-1.0, row, f"{sizes[row]:,.0f}", ha="center", va="center", fontsize=8)
        if write:
            for age in range(n_ages):
                v = grid[row, age]
                if not np.isfinite(v):
                    continue
                grey = age == 0 and age_zero == "grey"
                r, g, b, _ = colours(norm(v))
                dark = not grey and 0.299 * r + 0.587 * g + 0.114 * b < 0.5
                ax.text(age, row, fmt.format(v), ha="center", va="center", fontsize=8,
                        color="white" if dark else "black", zorder=3)
    ticks = list(range(n_ages))
    ax.set_xticks(([-1] if sizes is not None else []) + ticks,
                  (["customers"] if sizes is not None else []) + [str(a) for a in ticks])
    ax.set_xlim(-1.5 if sizes is not None else -0.5, n_ages - 0.5)
    ax.set_yticks(range(n_cohorts), labels)
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0)
    ax.set_xlabel(f"{_PLURAL[unit_name]} since acquisition (age)")
    ax.set_ylabel(f"cohort (first paying {unit_name})")
    title = _TITLES.get(value, value.replace("_", " ").capitalize())
    ax.set_title(f"{title} by cohort", pad=12)
    ax.figure.colorbar(image, ax=ax, label=title)
    return ax


retention_heatmap = cohort_heatmap


def _colormap(name: str) -> Any:
    """A matplotlib colormap by name (a wrong name is an error naming ``cmap``)."""
    import matplotlib

    if not isinstance(name, str):
        raise TypeError(f"cmap: expected a colormap name, got {type(name).__name__}")
    try:
        return matplotlib.colormaps[name]
    except KeyError:
        raise invalid_input("cmap", repr(name), None, "a matplotlib colormap name, e.g. 'Blues'") from None


# --- MRR movements -----------------------------------------------------------------------------------------

_MOVEMENTS = ("new", "expansion", "reactivation", "contraction", "churned")
_COLOURS = {"new": "#2e7d32", "expansion": "#81c784", "reactivation": "#4fc3f7", "contraction": "#ffb74d",
            "churned": "#e53935"}


def _movement_columns(data: Any) -> Tuple[Dict[str, npt.NDArray[np.float64]], Any]:
    """The five movement columns (``new_mrr`` or ``new``, ...) and the ``period`` column (or None)."""
    if isinstance(data, (list, tuple)) and len(data) > _MAX_PERIODS:
        raise invalid_input("data", f"{len(data)} periods", None, f"at most {_MAX_PERIODS} periods")
    if isinstance(data, (list, tuple)) and all(isinstance(m, MrrMovements) for m in data):
        cols = {name: np.array([float(getattr(m, name)) for m in data], dtype=np.float64) for name in _MOVEMENTS}
        return cols, None
    names = _names(data)
    if names is None:
        raise TypeError(f"data: expected a DataFrame, a mapping of columns or a list of MrrMovements, "
                        f"got {type(data).__name__}")
    cols = {}
    for name in _MOVEMENTS:
        key = f"{name}_mrr" if f"{name}_mrr" in names else name
        if key not in names:
            raise missing_column("data", f"{name}_mrr", names, f"name it {name + '_mrr'!r} or {name!r}")
        col = np.asarray(float_column(key, data[key]), dtype=np.float64).reshape(-1)
        bad = ~np.isfinite(col) | (col < 0)
        if bad.any():
            row = int(np.argmax(bad))
            raise invalid_input(key, shown(col[row]), row, "a finite amount >= 0 (losses are positive amounts)")
        cols[name] = col
    sizes = {c.size for c in cols.values()}
    if len(sizes) > 1:
        raise invalid_input("data", f"columns of {sorted(sizes)} rows", None, "columns of one length")
    return cols, data["period"] if "period" in names else None


def mrr_movements_plot(data: Any, *, unit: Optional[PeriodUnit] = None, ax: Any = None) -> Any:
    """MRR movements per period as stacked bars, gains up (new, expansion, reactivation) and losses down
    (contraction, churned), with the net MRR movement (gains - losses: the change in MRR) as a line.

    Parameters
    ----------
    data : CohortAnalysis or DataFrame or mapping or list of MrrMovements
        A :class:`~ltv.cohort.CohortAnalysis` (its ``movements``); its ``movements`` frame or any frame or
        mapping of columns with one row per period and the columns ``new_mrr``, ``expansion_mrr``,
        ``contraction_mrr``, ``churned_mrr``, ``reactivation_mrr`` (or ``new``, ``expansion``, ``contraction``,
        ``churned``, ``reactivation``, the names of :class:`ltv.MrrMovements`), all amounts >= 0 (losses as
        positive amounts: they are drawn below zero), and optionally ``period`` (dates or period strings,
        labelled for ``unit``; an integer column is shown as it is); or a list of :class:`ltv.MrrMovements`
        (periods 1, 2, ...). Rows are drawn in the order given; at most 10,000 periods.
    unit : {"month", "week", "day", ...}, optional
        The period unit of the ``period`` column (default: the default unit of ``cohort_table``; with a
        ``CohortAnalysis``, its own).
    ax : matplotlib.axes.Axes, optional
        The Axes to draw on (default: a new figure's).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: ``ax.containers`` are the five bar groups, labelled ``new``, ``expansion``,
        ``reactivation``, ``contraction`` and ``churned`` (the losses with negative heights), and
        ``ax.get_lines()[0]`` is the ``net MRR movement`` line.

    Raises
    ------
    ltv.InvalidInputError
        A negative, NaN or infinite amount (naming the column and row), a period that cannot be read, columns
        of different lengths, amounts whose sums pass the float64 range, no periods or more than 10,000, a bad
        ``unit``.
    ltv.MissingColumnError
        A missing movement column (also a ``KeyError``; the message lists the columns).
    TypeError
        ``data`` is none of the above; a column that is not numeric.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import ltv
    >>> from ltv.plot import mrr_movements_plot
    >>> months = [ltv.MrrMovements(starting_mrr=1000, new=200, expansion=50, churned=80, contraction=20),
    ...           ltv.MrrMovements(starting_mrr=1150, new=150, reactivation=30, churned=100)]
    >>> ax = mrr_movements_plot(months)
    >>> [c.get_label() for c in ax.containers]
    ['new', 'expansion', 'reactivation', 'contraction', 'churned']
    >>> [float(bar.get_height()) for bar in ax.containers[4]]
    [-80.0, -100.0]
    >>> ax.get_lines()[0].get_ydata().tolist()
    [150.0, 80.0]
    """
    analysis = data if isinstance(data, _cohort.CohortAnalysis) else None
    unit_name = _unit(unit, analysis)
    cols, period = _movement_columns(analysis.movements if analysis is not None else data)
    n = cols["new"].size
    if n == 0:
        raise invalid_input("data", "no periods", None, "at least one period")
    if n > _MAX_PERIODS:
        raise invalid_input("data", f"{n} periods", None, f"at most {_MAX_PERIODS} periods")
    if period is None:
        labels = [str(k + 1) for k in range(n)]
    else:
        dtype = getattr(period, "dtype", None)
        integers = getattr(dtype, "kind", None) in ("i", "u") or getattr(dtype, "is_integer", lambda: False)()
        if integers:  # period numbers (1, 2, ...), not calendar periods
            labels = [str(p) for p in list(period)]
        else:
            labels = _labels(_periods(period, unit_name, "period"), unit_name)
    with np.errstate(over="ignore"):  # checked just below
        gains = cols["new"] + cols["expansion"] + cols["reactivation"]
        losses = cols["contraction"] + cols["churned"]
    overflow = ~np.isfinite(gains) | ~np.isfinite(losses)
    if overflow.any():
        row = int(np.argmax(overflow))
        raise invalid_input("data", "amounts summing past the float64 range", row, "sums below 1.8e308")
    x = np.arange(n, dtype=np.float64)
    ax = _axes(ax)
    up = np.zeros(n)
    for name in ("new", "expansion", "reactivation"):
        ax.bar(x, cols[name], bottom=up, color=_COLOURS[name], label=name, width=0.8)
        up = up + cols[name]
    down = np.zeros(n)
    for name in ("contraction", "churned"):
        ax.bar(x, -cols[name], bottom=down, color=_COLOURS[name], label=name, width=0.8)
        down = down - cols[name]
    ax.plot(x, up + down, "o-", color="black", label="net MRR movement", zorder=3)
    ax.axhline(0.0, color="grey", linewidth=0.8)
    step = max(1, -(-n // 24))
    ax.set_xticks(x[::step], labels[::step], rotation=45 if n > 6 else 0, ha="right" if n > 6 else "center")
    ax.set_xlabel(unit_name if period is not None else "period")
    ax.set_ylabel("MRR movement")
    ax.set_title("MRR movements")
    ax.legend(fontsize=8, ncol=2)
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

    The projection is the shifted-beta-geometric survival function ``S(t)`` of Fader & Hardie (2007); points
    above the line late in life are customers retained better than the model expects.

    Parameters
    ----------
    observed : sequence of int, array, DataFrame or None, default None
        A cohort's surviving customers by age (age 0 = the cohort size, > 0), or the long cohort table of
        :func:`ltv.cohort.cohort_table` (columns ``cohort``, ``age``, ``surviving_customers``) with ``cohort=``.
    cohort : str, date or int, optional
        With a table: the cohort to draw, in any period spelling (``"Jan 2024"``, ``"2024-01"``, a date).
    model : SbgModel, SbgFit or None, default None
        The projection's model; ``None`` fits the sBG model to ``observed`` (:meth:`~ltv.retention.SbgFit.fit`).
    horizon : int, optional
        The last age drawn, in periods (default: twice the observed ages, at least 12).
    ax : matplotlib.axes.Axes, optional
        The Axes to draw on (default: a new figure's).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: ``observed`` markers (shares of the cohort) and the ``sBG projection`` line over ages
        ``0..horizon``, titled with the model's ``alpha`` and ``beta``.

    Raises
    ------
    KeyError
        ``cohort`` is not in the table (the message lists the cohorts).
    ltv.MissingColumnError
        A table without the ``cohort``, ``age`` or ``surviving_customers`` column.
    ltv.InvalidInputError
        Neither ``observed`` nor ``model`` (``.field`` ``observed``), a table without ``cohort=`` (``cohort``),
        counts whose first is not > 0 (``observed``), or counts the sBG fit refuses (rising with age, negative); :class:`ltv.UndefinedError` when the counts
        show no rising retention for the fit to find (fit a constant churn rate instead).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.plot import survival_plot
    >>> from ltv.retention import SbgModel
    >>> table = pd.DataFrame({"cohort": ["2024-01"] * 4, "age": [0, 1, 2, 3], "surviving_customers": [100, 60, 45, 40]})
    >>> ax = survival_plot(observed=table, cohort="Jan 2024", horizon=4)
    >>> ax.get_lines()[0].get_ydata().tolist(), ax.get_lines()[1].get_xdata().tolist()
    ([1.0, 0.6, 0.45, 0.4], [0, 1, 2, 3, 4])
    >>> ax = survival_plot(model=SbgModel(alpha=0.704, beta=1.182), horizon=3)
    >>> [line.get_label() for line in ax.get_lines()], ax.get_lines()[0].get_ydata().round(3).tolist()
    (['sBG projection'], [1.0, 0.627, 0.474, 0.388])
    """
    counts: Optional[npt.NDArray[np.float64]] = None
    if observed is not None:
        if hasattr(observed, "columns"):
            if cohort is None:
                raise invalid_input("cohort", "missing", None, "the cohort to plot, since observed is a cohort table")
            labels = _column(observed, "cohort")
            rows = cohort_rows(labels, cohort)
            if not rows:
                raise KeyError(f"cohort: {cohort!r} is not in the table (cohorts: {list(dict.fromkeys(map(str, labels)))})")
            ages = np.asarray(_column(observed, "age"), dtype=np.int64)[rows]
            surviving = np.asarray(_column(observed, "surviving_customers"), dtype=np.float64)[rows]
            counts = surviving[np.argsort(ages, kind="stable")]
        else:
            counts = float_column("observed", observed)
        if counts.ndim != 1 or counts.size < 1 or not counts[0] > 0:
            first = shown(counts[0]) if counts.ndim == 1 and counts.size else "no counts"
            raise invalid_input("observed", first, None, "surviving counts by age, the first (the cohort size) > 0")
    if model is None:
        if counts is None:
            raise invalid_input("observed", "missing", None, "observed counts, a model, or both")
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

