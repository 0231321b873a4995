"""The attribution bar chart of :func:`ltv.plot.attribution_plot` (re-exported there; see its docstring)."""

from __future__ import annotations

from typing import Any, List, Literal, Optional, Sequence, Union

import numpy as np

from ._columns import float_column, invalid_input, option, shown
from .attribution import Attribution, Model

__all__ = ["AttributionMetric", "BarOrientation", "ChannelOrder", "attribution_plot"]

# Unions of one-string Literals (the same type as Literal["a", "b"]; stubtest reads them; see ltv.leads.RankBy).
AttributionMetric = Union[Literal["value"], Literal["conversions"]]
"""What :func:`attribution_plot` draws: the value or the conversions credited."""
BarOrientation = Union[Literal["horizontal"], Literal["vertical"]]
"""The direction of the bars of :func:`attribution_plot`."""
ChannelOrder = Union[Literal["total"], Literal["channel"]]
"""The channel order of :func:`attribution_plot`: by credit, largest first, or as the channel table."""

_METRICS = ("value", "conversions")
_ORIENTATIONS = ("horizontal", "vertical")
_ORDERS = ("total", "channel")
_MAX_CHANNELS = 200
# One colour per model, the same on every chart (matplotlib's tab10).
_COLOURS = {
    "first_touch": "#1f77b4", "last_touch": "#ff7f0e", "last_non_direct": "#2ca02c", "linear": "#d62728",
    "time_decay": "#9467bd", "position_based": "#8c564b", "markov": "#e377c2", "shapley": "#7f7f7f",
}


def _check(name: str, value: Any, allowed: Sequence[str]) -> None:
    if option(name, value, tuple(allowed)) not in allowed:
        raise invalid_input(name, shown(value), None, ", ".join(repr(a) for a in allowed))


def _models(attribution: Attribution, models: Optional[Sequence[Model]]) -> List[str]:
    computed = list(attribution.models)
    if models is None:
        return computed
    if isinstance(models, str) or not isinstance(models, (list, tuple)):
        raise TypeError(f"models: expected a list of model names (or None), got {type(models).__name__}")
    allowed = "one of the models computed: " + ", ".join(computed)
    if not models:
        raise invalid_input("models", "[]", None, "at least " + allowed)
    seen: List[str] = []
    for m in models:
        if not isinstance(m, str):
            raise TypeError(f"models: expected model names (str), got {type(m).__name__}")
        if m not in computed:
            raise invalid_input("models", shown(repr(m)), None, allowed)
        if m in seen:
            raise invalid_input("models", shown(repr(m)), None, "each model once")
        seen.append(m)
    return seen


def attribution_plot(
    attribution: Attribution,
    *,
    models: Optional[Sequence[Model]] = None,
    metric: AttributionMetric = "value",
    orientation: BarOrientation = "horizontal",
    order: ChannelOrder = "total",
    ax: Any = None,
) -> Any:
    """The credit per channel under each attribution model, side by side: one group of bars per channel, one
    bar per model (the same colour for a model on every chart), so where the models disagree shows at a
    glance. Every model credits the same total (each journey's value splits exactly), so the bars compare
    directly.

    Parameters
    ----------
    attribution : Attribution
        What :func:`ltv.attribution.attribute` returns (its ``channels`` table is drawn). At most 200
        channels.
    models : list of str, optional
        The models to draw, in this order (default: every model of ``attribution``, in its order); each one
        computed by ``attribute``.
    metric : {"value", "conversions"}
        The value credited (default) or the conversions credited.
    orientation : {"horizontal", "vertical"}
        Bars along x with the channels down the y-axis (default), or upright bars with the channels along x.
    order : {"total", "channel"}
        Channels by their credit summed over the models drawn, largest first (default: at the top, or on
        the left), or in the order of the channel table.
    ax : matplotlib.axes.Axes, optional
        The Axes to draw on (default: a new figure's).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: ``ax.containers`` holds one bar group per model, labelled with the model's name,
        its bars in the channel order of the tick labels.

    Raises
    ------
    ltv.InvalidInputError
        A model not computed by ``attribute`` or given twice, an empty ``models``, a credit that is NaN or
        infinite, no channels or more than 200, a bad ``metric``, ``orientation`` or ``order``.
    TypeError
        ``attribution`` is not an ``Attribution``, ``models`` is not a list of names, an option of the
        wrong type.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd, ltv.attribution
    >>> from ltv.plot import attribution_plot
    >>> touchpoints = pd.DataFrame({"journey": [1, 1, 2], "timestamp": [0, 7, 0],
    ...                             "channel": ["ads", "email", "email"]})
    >>> outcomes = pd.DataFrame({"journey": [1, 2], "converted": [1, 1], "value": [100.0, 60.0]})
    >>> result = ltv.attribution.attribute(touchpoints, outcomes, models=["first_touch", "linear"])
    >>> ax = attribution_plot(result)
    >>> [c.get_label() for c in ax.containers]
    ['first_touch', 'linear']
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['email', 'ads']
    >>> [float(bar.get_width()) for bar in ax.containers[1]]
    [110.0, 50.0]
    """
    if not isinstance(attribution, Attribution):
        raise TypeError(
            "attribution: expected the ltv.attribution.Attribution that ltv.attribution.attribute returns, "
            f"got {type(attribution).__name__}"
        )
    _check("metric", metric, _METRICS)
    _check("orientation", orientation, _ORIENTATIONS)
    _check("order", order, _ORDERS)
    names = _models(attribution, models)
    table = attribution.channels
    channels = [str(c) for c in list(table["channel"])]
    if not channels:
        raise invalid_input("attribution", "no channels", None, "an attribution with at least one channel")
    if len(channels) > _MAX_CHANNELS:
        raise invalid_input("attribution", f"{len(channels)} channels", None, f"at most {_MAX_CHANNELS} channels")
    credit = np.empty((len(names), len(channels)), dtype=np.float64)
    for k, model in enumerate(names):
        field = f"{model}_{metric}"
        col = np.asarray(float_column(field, table[field]), dtype=np.float64).reshape(-1)
        bad = ~np.isfinite(col)
        if bad.any():
            row = int(np.argmax(bad))
            raise invalid_input(field, shown(col[row]), row, "a finite credit")
        credit[k] = col
    rank = np.arange(len(channels))
    if order == "total":
        rank = np.argsort(-credit.sum(axis=0), kind="stable")
    credit = credit[:, rank]
    labels = [channels[i] for i in rank]
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    pos = np.arange(len(labels), dtype=np.float64)
    size = 0.8 / len(names)
    for k, model in enumerate(names):
        at = pos - 0.4 + size * (k + 0.5)
        colour = _COLOURS.get(model)  # None (the colour cycle) for a model without a colour of its own
        if orientation == "horizontal":
            ax.barh(at, credit[k], height=size, color=colour, label=model)
        else:
            ax.bar(at, credit[k], width=size, color=colour, label=model)
    what = "value credited" if metric == "value" else "conversions credited"
    if orientation == "horizontal":
        ax.set_yticks(pos, labels)
        ax.set_ylim(len(labels) - 0.5, -0.5)  # the first channel at the top
        ax.set_xlabel(what)
        ax.set_ylabel("channel")
        ax.axvline(0.0, color="grey", linewidth=0.8)
    else:
        ax.set_xticks(pos, labels, rotation=45 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center")
        ax.set_xlim(-0.5, len(labels) - 0.5)
        ax.set_ylabel(what)
        ax.set_xlabel("channel")
        ax.axhline(0.0, color="grey", linewidth=0.8)
    ax.set_title(f"Attribution: {what} per channel, by model")
    ax.legend(title="model", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the bars
    return ax
