"""The reliability diagram of :func:`ltv.plot.calibration_plot` (re-exported there; see its docstring)."""

from __future__ import annotations

from typing import Any, Dict, Literal, Optional, Union

import numpy as np
import numpy.typing as npt

from ._columns import float_column, invalid_input, missing_column, option, shown
from .scoring import Evaluation

__all__ = ["CalibrationCounts", "CalibrationExtent", "calibration_plot"]

# Unions of one-string Literals (the same type as Literal["a", "b"]; stubtest reads them; see ltv.leads.RankBy).
CalibrationCounts = Union[Literal["bars"], Literal["text"], Literal["none"]]
"""How :func:`calibration_plot` shows the rows per bin."""
CalibrationExtent = Union[Literal["unit"], Literal["data"]]
"""The axis range of :func:`calibration_plot`: 0 to 1, or 0 to the largest rate drawn."""

_COUNTS = ("bars", "text", "none")
_EXTENTS = ("unit", "data")
_MAX_BINS = 10_000
_DIAGONAL = "perfectly calibrated"
_REQUIRED = ("mean_predicted", "observed_rate", "count")


def _columns(evaluation: Any) -> Dict[str, npt.NDArray[np.float64]]:
    """The calibration table's columns as floats, checked (rates in [0, 1], counts whole and >= 1)."""
    table = evaluation.calibration if isinstance(evaluation, Evaluation) else evaluation
    if hasattr(table, "columns"):
        names = [str(c) for c in table.columns]
    elif isinstance(table, dict):
        names = [str(k) for k in table]
    else:
        raise TypeError(
            "evaluation: expected an ltv.Evaluation (LeadScorer.evaluate, HealthModel.evaluate) or its calibration "
            f"table (a DataFrame or a mapping of columns), got {type(evaluation).__name__}"
        )
    wanted = list(_REQUIRED) + [c for c in ("min_predicted", "max_predicted") if c in names]
    cols: Dict[str, npt.NDArray[np.float64]] = {}
    for name in wanted:
        if name not in names:
            raise missing_column(name, name, names, f"the calibration table needs a {name!r} column")
        cols[name] = np.asarray(float_column(name, table[name]), dtype=np.float64).reshape(-1)
    sizes = sorted({c.size for c in cols.values()})
    if len(sizes) > 1:
        raise invalid_input("evaluation", f"columns of {sizes} rows", None, "calibration columns of one length")
    n = sizes[0]
    if n == 0:
        raise invalid_input("evaluation", "no bins", None, "a calibration table with at least one bin")
    if n > _MAX_BINS:
        raise invalid_input("evaluation", f"{n} bins", None, f"at most {_MAX_BINS} bins")
    for name, col in cols.items():
        if name == "count":
            bad = ~np.isfinite(col) | (col < 1) | (col != np.floor(col))
            allowed = "a whole number of rows >= 1"
        else:
            bad = ~np.isfinite(col) | (col < 0) | (col > 1)
            allowed = "a probability in [0, 1]"
        if bad.any():
            row = int(np.argmax(bad))
            raise invalid_input(name, shown(col[row]), row, allowed)
    if "min_predicted" in cols and "max_predicted" in cols:
        bad = cols["min_predicted"] > cols["max_predicted"]
        if bad.any():
            row = int(np.argmax(bad))
            raise invalid_input("max_predicted", shown(cols["max_predicted"][row]), row,
                                f"at least min_predicted ({cols['min_predicted'][row]!r})")
    return cols


def calibration_plot(
    evaluation: Any,
    *,
    counts: CalibrationCounts = "bars",
    extent: CalibrationExtent = "unit",
    outcome: Optional[str] = None,
    label: Optional[str] = None,
    ax: Any = None,
) -> Any:
    """The reliability diagram of a probability model (DeGroot & Fienberg 1983): per bin of predicted
    probability, the mean predicted probability (x) against the observed rate (y), with the diagonal of a
    perfectly calibrated model and the rows in each bin. A point above the diagonal: the model under-predicts
    there; below: it over-predicts.

    Parameters
    ----------
    evaluation : Evaluation or DataFrame or mapping
        An :class:`ltv.Evaluation` (what :meth:`ltv.LeadScorer.evaluate` and
        :meth:`ltv.health.HealthModel.evaluate` return; its ``calibration`` table is drawn), or such a table
        (pandas, polars or a mapping of columns) with one row per bin: ``mean_predicted``, ``observed_rate``,
        ``count`` and, optional, ``min_predicted`` and ``max_predicted`` (the bin's range of predictions).
        At most 10,000 bins.
    counts : {"bars", "text", "none"}
        ``"bars"`` (default): the rows per bin as grey bars on a second y-axis (right, sharing x; each bar
        spans its bin's range of predictions when the table has ``min_predicted`` and ``max_predicted``);
        ``"text"``: written next to each point (``"n=423"``); ``"none"``: not shown.
    extent : {"unit", "data"}
        Both axes from 0 to 1 (``"unit"``, default) or from 0 to just past the largest rate drawn
        (``"data"``: for rare events, e.g. monthly churn); both axes keep the same range, so the diagonal
        runs corner to corner.
    outcome : str, optional
        What the rate is of, for the axis titles: ``"churn"`` gives ``"mean predicted P(churn)"`` and
        ``"observed churn rate"`` (default: ``"mean predicted probability"`` and ``"observed rate"``).
    label : str, optional
        The legend label of the curve (default ``"model"``); draw several evaluations on one ``ax`` (a
        training and a holdout set, two models) with a label each: the diagonal is drawn once.
    ax : matplotlib.axes.Axes, optional
        The Axes to draw on (default: a new figure's).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: ``ax.get_lines()`` holds the diagonal (labelled ``"perfectly calibrated"``) and
        the curve (labelled ``label``; its data are the bins' mean predicted and observed rates); with
        ``counts="text"`` the counts are ``ax.texts``; with ``"bars"`` they are ``ax.figure.axes[-1]``'s
        bars (the twin axes created by this call).

    Raises
    ------
    ltv.InvalidInputError
        A rate or prediction that is NaN, infinite or outside [0, 1], a count that is not a whole number
        >= 1 (naming the column and row), ``max_predicted`` below ``min_predicted``, columns of different
        lengths, no bins or more than 10,000, a bad ``counts`` or ``extent``.
    ltv.MissingColumnError
        A table without ``mean_predicted``, ``observed_rate`` or ``count`` (also a ``KeyError``; the message
        lists the table's columns).
    TypeError
        ``evaluation`` is neither an ``Evaluation`` nor a table, a column that is not numeric, an option of
        the wrong type.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from ltv.plot import calibration_plot
    >>> table = pd.DataFrame({"count": [50, 50], "mean_predicted": [0.1, 0.6], "observed_rate": [0.12, 0.5]})
    >>> ax = calibration_plot(table, counts="text", outcome="churn")
    >>> [line.get_label() for line in ax.get_lines()]
    ['perfectly calibrated', 'model']
    >>> ax.get_lines()[1].get_ydata().tolist()
    [0.12, 0.5]
    >>> [t.get_text() for t in ax.texts], ax.get_ylabel()
    (['n=50', 'n=50'], 'observed churn rate')
    """
    if option("counts", counts, _COUNTS) not in _COUNTS:
        raise invalid_input("counts", shown(counts), None, ", ".join(repr(c) for c in _COUNTS))
    if option("extent", extent, _EXTENTS) not in _EXTENTS:
        raise invalid_input("extent", shown(extent), None, ", ".join(repr(e) for e in _EXTENTS))
    for name, text in (("outcome", outcome), ("label", label)):
        if text is not None and not isinstance(text, str):
            raise TypeError(f"{name}: expected a string or None, got {type(text).__name__}")
    cols = _columns(evaluation)
    x, y, n = cols["mean_predicted"], cols["observed_rate"], cols["count"]
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    top = 1.0
    if extent == "data":
        drawn = [x, y] + ([cols["max_predicted"]] if "max_predicted" in cols else [])
        top = min(1.0, max(1.05 * max(float(c.max()) for c in drawn), 0.01))
    if _DIAGONAL not in [line.get_label() for line in ax.get_lines()]:
        ax.plot([0.0, 1.0], [0.0, 1.0], "--", color="grey", linewidth=1, label=_DIAGONAL)
    curve = ax.plot(x, y, "o-", label=label if label is not None else "model", zorder=3)[0]
    if counts == "text":
        for xi, yi, ni in zip(x.tolist(), y.tolist(), n.tolist()):
            ax.annotate(f"n={ni:,.0f}", (xi, yi), xytext=(4, -10), textcoords="offset points", fontsize=7,
                        color=curve.get_color())
    elif counts == "bars":
        if "min_predicted" in cols and "max_predicted" in cols:
            low, high = cols["min_predicted"], cols["max_predicted"]
        else:
            low, high = x, x
        width = np.maximum(high - low, 0.008 * top)  # a bin of near-equal predictions stays visible
        twin = ax.twinx()
        twin.bar((low + high) / 2, n, width=width, color="#c8c8c8", edgecolor="white", linewidth=1.0,
                 label="rows per bin")
        twin.set_ylim(0, 4 * float(n.max()))  # the bars fill the bottom quarter, under the curve
        twin.set_ylabel("rows per bin", color="grey")
        twin.tick_params(axis="y", colors="grey")
        ax.set_zorder(twin.get_zorder() + 1)  # the curve above the bars
        ax.patch.set_visible(False)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    what = f"P({outcome})" if outcome else "probability"
    ax.set_xlabel(f"mean predicted {what}")
    ax.set_ylabel(f"observed {outcome} rate" if outcome else "observed rate")
    ax.set_title("Calibration (reliability diagram)")
    ax.legend(loc="upper left", fontsize=8)
    return ax
