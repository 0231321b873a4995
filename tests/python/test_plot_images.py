"""Every plot helper renders to a PNG that shows its data: ltv.plot, the purchase-model plots and
ltv.lifetimes.plotting, headless (Agg). Each figure is saved to PNG in memory and read back: the image has the
figure's size, it is not blank (many colours, ink inside the axes), and a few pixels have the colour of the
artist drawn there (a heatmap cell, a bar); each helper returns the Axes it drew on, the given ``ax=`` included."""

from __future__ import annotations

import copy
import inspect
import io
import struct
from decimal import Decimal
from typing import Any, Callable, Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.image  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pytest  # noqa: E402

import ltv  # noqa: E402
import ltv.lifetimes as lifetimes  # noqa: E402
import ltv.purchase as lp  # noqa: E402
from ltv.lifetimes import plotting  # noqa: E402
from ltv.lifetimes.datasets import load_cdnow_summary, load_transaction_data  # noqa: E402
from ltv.plot import attribution_plot, calibration_plot  # noqa: E402
from ltv.plot import cohort_heatmap, mrr_movements_plot, retention_heatmap, survival_plot  # noqa: E402

BGNBD = lp.BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
BGBB = lp.BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


def _render(ax: Any) -> np.ndarray:
    """The axes' figure as a PNG read back (RGBA floats, rows top to bottom), after the size and ink checks."""
    fig = ax.figure
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    png = buffer.getvalue()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (round(fig.get_figwidth() * fig.dpi), round(fig.get_figheight() * fig.dpi))
    pixels = matplotlib.image.imread(io.BytesIO(png))
    assert pixels.shape[:2] == (height, width)
    colours = np.unique(pixels.reshape(-1, pixels.shape[-1]).round(3), axis=0)
    assert len(colours) > 30, f"a near-blank image: {len(colours)} colours"
    (x0, y0), (x1, y1) = ax.get_window_extent().get_points()
    inside = pixels[height - int(y1) : height - int(y0), int(x0) : int(x1), :3]
    ink = (inside < 0.95).any(axis=-1).mean()
    assert ink > 0.02, f"almost nothing drawn inside the axes ({ink:.1%} of its pixels)"
    return pixels


def _pixel(ax: Any, pixels: np.ndarray, x: float, y: float) -> np.ndarray:
    """The RGB of the rendered image at data coordinates (x, y) of ``ax``."""
    px, py = ax.transData.transform((x, y))
    return pixels[pixels.shape[0] - 1 - int(py), int(px), :3]


def _close_to(rgb: np.ndarray, colour: Any) -> bool:
    return bool(np.abs(np.asarray(rgb) - np.asarray(matplotlib.colors.to_rgb(colour))).max() < 0.02)


def _revenue() -> pd.DataFrame:
    """Three monthly cohorts of 40, 20 and 10 paying customers: every fifth leaves after its second month and
    customers 5 and 10 of each cohort come back in June."""
    rows = []
    for start, size in ((0, 40), (1, 20), (2, 10)):
        for c in range(size):
            last = 5 if c % 5 else start + 1  # every fifth customer leaves after its second month
            for month in range(start, 6):
                if month <= last or (c in (5, 10) and month == 5):
                    rows.append({"customer": f"{start}-{c}", "period": f"2024-{month + 1:02d}-01", "revenue": 50.0 + c})
    return pd.DataFrame(rows)


# --- ltv.plot -------------------------------------------------------------------------------------------


def test_cohort_heatmap_renders_labels_sizes_percentages_and_its_colour_scale() -> None:
    analysis = ltv.cohort.cohort_table(_revenue(), customer="customer", period="period", revenue="revenue")
    ax = cohort_heatmap(analysis)
    pixels = _render(ax)
    image = ax.images[0]
    grid = image.get_array()
    assert grid.shape == (3, 6)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jan 2024", "Feb 2024", "Mar 2024"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["customers", "0", "1", "2", "3", "4", "5"]
    texts = [t.get_text() for t in ax.texts]
    assert texts[:7] == ["40", "100%", "100%", "80%", "80%", "80%", "85%"]  # 32 of 40, then 34 with the two back
    assert texts[7:13] == ["20", "100%", "100%", "80%", "80%", "90%"]
    assert texts[13:] == ["10", "100%", "100%", "80%", "90%"]
    assert len(texts) == 3 + (6 + 5 + 4)  # three cohort sizes and every observed cell
    # The colour scale spans ages >= 1 only (age 0, 100 % by construction, is grey).
    later = grid[:, 1:].compressed()
    assert image.norm.vmax == later.max() and image.norm.vmin == 0.0
    assert _close_to(_pixel(ax, pixels, -0.4, 0.4), "#e0e0e0")  # age 0, off the text
    cell = image.cmap(image.norm(grid[0, 3]))
    assert _close_to(_pixel(ax, pixels, 3 - 0.4, 0.4), cell)
    assert _close_to(_pixel(ax, pixels, 5.3, 2.3), "white")  # unobserved: blank
    assert ax.get_title() == "Logo retention by cohort"
    assert ax.get_xlabel() == "months since acquisition (age)"


def test_cohort_heatmap_units_values_and_the_old_name() -> None:
    log = _revenue()
    weekly = ltv.cohort.cohort_table(log, customer="customer", period="period", revenue="revenue", unit="week")
    ax = cohort_heatmap(weekly, value="net_revenue_retention", age_zero="scale", cell_format="{:.1%}")
    _render(ax)
    assert [t.get_text() for t in ax.get_yticklabels()][:3] == ["2024-W01", "2024-W05", "2024-W09"]
    assert ax.get_title() == "Net revenue retention by cohort"
    assert ax.images[0].norm.vmax == ax.images[0].get_array().max()  # age 0 is in the scale
    assert not ax.patches
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    monthly = ltv.cohort.cohort_table(log, customer="customer", period="period", revenue="revenue")
    out = retention_heatmap(monthly.table, value="active_customers", annotate=False, ax=right)
    assert out is right and not left.images and not out.texts[3:]
    _render(out)
    with pytest.raises(ltv.InvalidInputError, match="^unit"):
        cohort_heatmap(monthly, unit="week")
    with pytest.raises(ltv.InvalidInputError, match="^cell_format"):
        cohort_heatmap(monthly, cell_format="{:.1q}")
    with pytest.raises(ltv.InvalidInputError, match="^cmap"):
        cohort_heatmap(monthly, cmap="no such map")


def test_mrr_movements_plot_renders_stacked_gains_and_losses() -> None:
    analysis = ltv.cohort.cohort_table(_revenue(), customer="customer", period="period", revenue="revenue")
    moves = analysis.movements
    ax = mrr_movements_plot(analysis)
    pixels = _render(ax)
    assert [c.get_label() for c in ax.containers] == ["new", "expansion", "reactivation", "contraction", "churned"]
    churned = [bar.get_height() for bar in ax.containers[4]]
    assert churned == (-moves["churned_mrr"]).tolist()
    new = [bar.get_height() for bar in ax.containers[0]]
    assert new == moves["new_mrr"].tolist()
    net = moves["new_mrr"] + moves["expansion_mrr"] + moves["reactivation_mrr"] - moves["contraction_mrr"] - moves["churned_mrr"]
    line = ax.get_lines()[0]
    assert line.get_label() == "net MRR movement" and line.get_ydata().tolist() == pytest.approx(net.tolist(), abs=1e-9)
    np.testing.assert_allclose(net.to_numpy(), np.diff(moves["ending_mrr"].to_numpy(), prepend=0.0), atol=1e-9)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024",
                                                            "May 2024", "Jun 2024"]
    # Pixels: the first month's new MRR bar (up) and the biggest churn bar (down), halfway along each.
    first_new = ax.containers[0][0]
    assert _close_to(_pixel(ax, pixels, 0.3, first_new.get_height() / 2), "#2e7d32")
    k = int(np.argmin(churned))
    assert churned[k] < 0
    bottom = ax.containers[4][k].get_y()
    assert _close_to(_pixel(ax, pixels, k + 0.3, bottom + churned[k] / 2), "#e53935")


def test_mrr_movements_plot_from_columns_and_mrr_movements() -> None:
    frame = pd.DataFrame({"period": ["2024-01", "2024-04"], "new": [100.0, 50.0], "expansion": [20.0, 0.0],
                          "contraction": [5.0, 10.0], "churned": [30.0, 60.0], "reactivation": [0.0, 5.0]})
    fig, ax = plt.subplots()
    out = mrr_movements_plot(frame, unit="month", ax=ax)
    assert out is ax
    _render(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2024", "Apr 2024"]
    assert ax.get_lines()[0].get_ydata().tolist() == [85.0, -15.0]
    months = [ltv.MrrMovements(starting_mrr=1000, new=200, churned=80), ltv.MrrMovements(starting_mrr=1120, churned=20)]
    ax = mrr_movements_plot(months)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2"]
    with pytest.raises(ltv.InvalidInputError, match="^row 0: churned = -30.0 is out of range"):
        mrr_movements_plot(frame.assign(churned=[-30.0, 1.0]))
    with pytest.raises(ltv.MissingColumnError, match="expansion"):
        mrr_movements_plot(frame.drop(columns="expansion"))


def test_survival_plot_renders() -> None:
    ax = survival_plot(observed=[1000, 631, 468, 382, 326, 289, 262, 241], horizon=24)
    _render(ax)
    observed, projected = ax.get_lines()
    assert len(observed.get_xdata()) == 8 and len(projected.get_xdata()) == 25


# --- calibration_plot ------------------------------------------------------------------------------------

# Three bins far apart: their points, bars and the diagonal do not overlap.
_CALIBRATION = pd.DataFrame({"count": [100, 300, 200], "min_predicted": [0.0, 0.3, 0.7],
                             "max_predicted": [0.2, 0.6, 1.0], "mean_predicted": [0.1, 0.45, 0.85],
                             "observed_rate": [0.3, 0.5, 0.8]})


def test_calibration_plot_renders_points_the_diagonal_and_count_bars() -> None:
    ax = calibration_plot(_CALIBRATION, outcome="churn")
    pixels = _render(ax)
    diagonal, curve = ax.get_lines()
    assert diagonal.get_label() == "perfectly calibrated"
    assert diagonal.get_xdata().tolist() == [0.0, 1.0] and diagonal.get_ydata().tolist() == [0.0, 1.0]
    assert curve.get_label() == "model"
    assert curve.get_xdata().tolist() == [0.1, 0.45, 0.85] and curve.get_ydata().tolist() == [0.3, 0.5, 0.8]
    assert ax.get_xlim() == (0.0, 1.0) and ax.get_ylim() == (0.0, 1.0)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("mean predicted P(churn)", "observed churn rate")
    # The counts: bars on the twin axes, each spanning its bin's range of predictions.
    twin = ax.figure.axes[-1]
    assert twin is not ax and twin.get_ylabel() == "rows per bin"
    bars = twin.patches
    assert [b.get_height() for b in bars] == [100, 300, 200]
    assert [b.get_x() for b in bars] == pytest.approx([0.0, 0.3, 0.7])
    assert [b.get_width() for b in bars] == pytest.approx([0.2, 0.3, 0.3])
    assert twin.get_ylim() == (0.0, 1200.0)  # the tallest bar fills a quarter of the height
    assert not ax.texts
    # Pixels: the middle bin's bar low down (the curve and the diagonal are higher there), the last point.
    assert _close_to(_pixel(ax, pixels, 0.36, 0.05), "#c8c8c8")
    assert _close_to(_pixel(ax, pixels, 0.85, 0.8), curve.get_color())
    assert _close_to(_pixel(ax, pixels, 0.95, 0.3), "white")  # above the bars, below the diagonal: blank


def test_calibration_plot_of_an_evaluation_on_the_given_axes() -> None:
    leads = pd.DataFrame({"visits": [0, 1, 0, 2, 3, 1, 4, 5, 2, 0, 6, 3],
                          "converted": [0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0]})
    evaluation = ltv.LeadScorer.fit(leads, numeric=["visits"]).evaluate(leads, bins=3)
    table = evaluation.calibration
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    out = calibration_plot(evaluation, counts="text", label="scorer", ax=right)
    assert out is right and not (left.lines or left.patches)
    _render(out)
    curve = out.get_lines()[1]
    assert curve.get_label() == "scorer"
    assert curve.get_xdata().tolist() == table["mean_predicted"].tolist()
    assert curve.get_ydata().tolist() == table["observed_rate"].tolist()
    assert [t.get_text() for t in out.texts] == [f"n={c}" for c in table["count"].tolist()]
    assert len(fig.axes) == 2  # counts="text": no twin axes
    # A second curve on the same axes: the diagonal is drawn once; a table as a dict or a polars frame.
    columns = {k: _CALIBRATION[k].tolist() for k in ("count", "mean_predicted", "observed_rate")}
    calibration_plot(columns, counts="none", label="dict", ax=out)
    calibration_plot(pl.DataFrame(_CALIBRATION), counts="none", label="polars", ax=out)
    assert [line.get_label() for line in out.get_lines()] == ["perfectly calibrated", "scorer", "dict", "polars"]
    assert out.get_lines()[3].get_ydata().tolist() == [0.3, 0.5, 0.8]
    assert calibration_plot(evaluation) is not right  # ax=None: a new figure's axes


def test_calibration_plot_of_the_health_model_zooms_to_the_data() -> None:
    panel = ltv.health.synthetic_panel(accounts=600, periods=10, seed=4)
    features = ltv.health.features(panel, metrics=["logins"])
    model = ltv.health.HealthModel.fit(features, cut=7)
    evaluation = model.evaluate(features, cut=7, bins=5)
    ax = calibration_plot(evaluation, extent="data", outcome="churn")
    _render(ax)
    table = evaluation.calibration
    top = 1.05 * max(table["max_predicted"].max(), table["observed_rate"].max())
    assert ax.get_xlim() == pytest.approx((0.0, min(1.0, top))) and ax.get_ylim() == ax.get_xlim()
    assert [b.get_height() for b in ax.figure.axes[-1].patches] == table["count"].tolist()
    # A bin of one repeated prediction (min = max) keeps a visible width.
    narrow = _CALIBRATION.assign(min_predicted=[0.1, 0.3, 0.7], max_predicted=[0.1, 0.6, 1.0])
    assert calibration_plot(narrow).figure.axes[-1].patches[0].get_width() == pytest.approx(0.008)


def test_calibration_plot_hostile_inputs() -> None:
    with pytest.raises(TypeError, match="^evaluation: expected an ltv.Evaluation"):
        calibration_plot(42)
    with pytest.raises(TypeError, match="^evaluation: expected an ltv.Evaluation"):
        calibration_plot([0.1, 0.2])
    with pytest.raises(ltv.InvalidInputError, match="^evaluation = no bins"):
        calibration_plot(_CALIBRATION.iloc[:0])
    with pytest.raises(ltv.MissingColumnError, match="^observed_rate: column 'observed_rate' is not in the frame") as err:
        calibration_plot(_CALIBRATION.drop(columns="observed_rate"))
    assert err.value.field == "observed_rate"
    with pytest.raises(ltv.InvalidInputError, match="^row 1: observed_rate = nan is out of range"):
        calibration_plot(_CALIBRATION.assign(observed_rate=[0.3, np.nan, 0.8]))
    with pytest.raises(ltv.InvalidInputError, match="^row 2: mean_predicted = 1.5 is out of range"):
        calibration_plot(_CALIBRATION.assign(mean_predicted=[0.1, 0.45, 1.5]))
    with pytest.raises(ltv.InvalidInputError, match="^row 0: observed_rate = -0.1 is out of range"):
        calibration_plot(_CALIBRATION.assign(observed_rate=[-0.1, 0.5, 0.8]))
    with pytest.raises(ltv.InvalidInputError, match="^row 0: count = 0.0 is out of range"):
        calibration_plot(_CALIBRATION.assign(count=[0, 300, 200]))
    with pytest.raises(ltv.InvalidInputError, match="^row 1: count = 2.5 is out of range"):
        calibration_plot(_CALIBRATION.assign(count=[100, 2.5, 200]))
    with pytest.raises(ltv.InvalidInputError, match="^row 0: max_predicted = 0.2 is out of range"):
        calibration_plot(_CALIBRATION.assign(min_predicted=[0.25, 0.3, 0.7]))
    with pytest.raises(ltv.InvalidInputError, match="^evaluation = columns of \\[2, 3\\] rows"):
        calibration_plot({"count": [1, 2], "mean_predicted": [0.1, 0.2, 0.3], "observed_rate": [0.1, 0.2, 0.3]})
    with pytest.raises(TypeError, match="^observed_rate: expected numbers"):
        calibration_plot(_CALIBRATION.assign(observed_rate=["a", "b", "c"]))
    with pytest.raises(ltv.InvalidInputError, match="^counts = bar "):
        calibration_plot(_CALIBRATION, counts="bar")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^counts: expected one of"):
        calibration_plot(_CALIBRATION, counts=True)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match="^extent = log "):
        calibration_plot(_CALIBRATION, extent="log")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^label: expected a string or None"):
        calibration_plot(_CALIBRATION, label=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^outcome: expected a string or None"):
        calibration_plot(_CALIBRATION, outcome=["churn"])  # type: ignore[arg-type]


# --- attribution_plot ------------------------------------------------------------------------------------

# By hand: j1 ads -> email (100), j2 email -> direct (40), j3 ads (60), j4 direct (not converted).
# first touch: ads 160, email 40, direct 0; last touch: ads 60, email 100, direct 40; linear: ads 50 + 60 = 110,
# email 50 + 20 = 70, direct 20. Summed over the three models: ads 330, email 210, direct 60.
_TOUCHPOINTS = {"journey": ["j1", "j1", "j2", "j2", "j3", "j4"], "timestamp": [0, 1, 0, 2, 0, 0],
                "channel": ["ads", "email", "email", "direct", "ads", "direct"]}
_OUTCOMES = {"journey": ["j1", "j2", "j3", "j4"], "converted": [True, True, True, False], "value": [100.0, 40.0, 60.0, 0.0]}
_HAND = {"first_touch": [160.0, 40.0, 0.0], "last_touch": [60.0, 100.0, 40.0], "linear": [110.0, 70.0, 20.0]}


def _attribution(frame: Any = pd.DataFrame, **options: Any) -> ltv.attribution.Attribution:
    return ltv.attribution.attribute(frame(_TOUCHPOINTS), frame(_OUTCOMES), models=list(_HAND), **options)


def test_attribution_plot_renders_a_bar_per_model_and_channel() -> None:
    ax = attribution_plot(_attribution())
    pixels = _render(ax)
    assert [c.get_label() for c in ax.containers] == ["first_touch", "last_touch", "linear"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ads", "email", "direct"]  # by total credit
    for container, model in zip(ax.containers, _HAND):
        assert [bar.get_width() for bar in container] == _HAND[model], model
    assert ax.get_xlabel() == "value credited" and ax.get_title() == "Attribution: value credited per channel, by model"
    # Pixels halfway along two bars: ads under first touch (the first bar of the top group), email under linear.
    size = 0.8 / 3
    assert _close_to(_pixel(ax, pixels, 80.0, 0 - 0.4 + size / 2), "#1f77b4")
    assert _close_to(_pixel(ax, pixels, 35.0, 1 - 0.4 + 2.5 * size), "#d62728")
    assert _close_to(_pixel(ax, pixels, 150.0, 2.0), "white")  # past direct's longest bar (40): blank
    assert ax.get_ylim() == (2.5, -0.5)  # the first channel at the top


def test_attribution_plot_options_and_the_given_axes() -> None:
    result = _attribution()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    out = attribution_plot(result, models=["linear", "first_touch"], metric="conversions", orientation="vertical",
                           order="channel", ax=right)
    assert out is right and not (left.patches or left.lines)
    _render(out)
    assert [c.get_label() for c in out.containers] == ["linear", "first_touch"]
    assert [t.get_text() for t in out.get_xticklabels()] == ["ads", "direct", "email"]  # the table's order
    assert [bar.get_height() for bar in out.containers[1]] == [2.0, 0.0, 1.0]  # first-touch conversions
    assert [bar.get_height() for bar in out.containers[0]] == pytest.approx([1.5, 0.5, 1.0])  # linear
    assert out.get_ylabel() == "conversions credited"
    assert attribution_plot(result) is not right  # ax=None: a new figure's axes


def test_attribution_plot_of_polars_and_decimal_credits() -> None:
    ax = attribution_plot(_attribution(pl.DataFrame))
    assert [[bar.get_width() for bar in c] for c in ax.containers] == list(_HAND.values())
    exact = {**_OUTCOMES, "value": [Decimal("100.00"), Decimal("40.00"), Decimal("60.00"), Decimal("0")]}
    result = ltv.attribution.attribute(pd.DataFrame(_TOUCHPOINTS), pd.DataFrame(exact), models=["linear"])
    assert isinstance(result.channels["linear_value"].iloc[0], Decimal)
    ax = attribution_plot(result)
    _render(ax)
    assert [bar.get_width() for bar in ax.containers[0]] == [110.0, 70.0, 20.0]


def test_attribution_plot_hostile_inputs() -> None:
    result = _attribution()
    with pytest.raises(TypeError, match="^attribution: expected the ltv.attribution.Attribution"):
        attribution_plot(result.value_table())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^attribution: expected"):
        attribution_plot(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^models: expected a list of model names"):
        attribution_plot(result, models="linear")
    with pytest.raises(TypeError, match="^models: expected model names"):
        attribution_plot(result, models=[1])  # type: ignore[list-item]
    with pytest.raises(ltv.InvalidInputError, match="^models = \\[\\] is out of range: expected at least one of"):
        attribution_plot(result, models=[])
    with pytest.raises(ltv.InvalidInputError, match="^models = 'markov' .*first_touch, last_touch, linear"):
        attribution_plot(result, models=["markov"])
    with pytest.raises(ltv.InvalidInputError, match="^models = 'linear' .*each model once"):
        attribution_plot(result, models=["linear", "linear"])
    with pytest.raises(ltv.InvalidInputError, match="^metric = revenue "):
        attribution_plot(result, metric="revenue")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^metric: expected one of"):
        attribution_plot(result, metric=None)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match="^orientation = diagonal "):
        attribution_plot(result, orientation="diagonal")  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match="^order = size "):
        attribution_plot(result, order="size")  # type: ignore[arg-type]
    # A result whose channel table was emptied or damaged after the fact.
    empty = copy.copy(result)
    empty.channels = result.channels.iloc[:0]
    with pytest.raises(ltv.InvalidInputError, match="^attribution = no channels"):
        attribution_plot(empty)
    damaged = copy.copy(result)
    damaged.channels = result.channels.assign(linear_value=[1.0, np.nan, 2.0])
    with pytest.raises(ltv.InvalidInputError, match="^row 1: linear_value = nan is out of range"):
        attribution_plot(damaged)


# --- ltv.purchase ---------------------------------------------------------------------------------------

_SUMMARY = pd.DataFrame({"frequency": [0, 0, 1, 2, 5, 9, 3, 0], "recency": [0, 0, 10, 20, 30, 35, 25, 0],
                         "age": [39.0, 38.0, 38.0, 37.0, 39.0, 36.0, 30.0, 31.0]})
_SPLIT = _SUMMARY.assign(holdout_frequency=[0, 1, 1, 2, 3, 5, 1, 0], holdout_duration=39.0)

PURCHASE_PLOTS: dict[str, Callable[..., Any]] = {
    "period_transactions_plot": lambda ax: lp.period_transactions_plot(BGNBD, _SUMMARY, max_frequency=5, ax=ax),
    "calibration_holdout_plot": lambda ax: lp.calibration_holdout_plot(BGNBD, _SPLIT, max_frequency=5, ax=ax),
    "probability_alive_heatmap": lambda ax: lp.probability_alive_heatmap(BGNBD, max_frequency=10, age=39, ax=ax),
    "expected_purchases_heatmap": lambda ax: lp.expected_purchases_heatmap(BGBB, t=5, max_frequency=6, periods=6, ax=ax),
    "tracking_plot": lambda ax: lp.tracking_plot(BGNBD, first_purchase=[0.0, 1.0, 2.5], periods=10, ax=ax,
                                                 repeat_purchases=[0.5, 1.5, 2.0, 4.0, 6.5, 9.0]),
    "probability_alive_history_plot": lambda ax: lp.probability_alive_history_plot(
        BGNBD, purchase_times=[0.0, 4.0, 10.0], age=30.0, ax=ax),
}


@pytest.mark.parametrize("name", sorted(PURCHASE_PLOTS))
def test_purchase_plots_render_on_the_given_axes(name: str) -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    out = PURCHASE_PLOTS[name](right)
    assert out is right
    assert not (left.lines or left.images or left.patches)
    _render(out)
    drawn = len(out.lines) + len(out.images) + len(out.patches)
    assert drawn >= 1, f"{name}: {drawn} artists"
    assert PURCHASE_PLOTS[name](None) is not right  # ax=None: a new figure's axes


def test_purchase_heatmap_pixels_are_the_matrix() -> None:
    ax = lp.probability_alive_heatmap(BGNBD, max_frequency=10, age=39)
    pixels = _render(ax)
    image = ax.images[0]
    grid = image.get_array()
    for f, r in ((1, 5), (5, 30), (10, 39)):
        assert _close_to(_pixel(ax, pixels, r, f), image.cmap(image.norm(grid[f, r])))


def test_period_transactions_bars_render_their_heights() -> None:
    ax = lp.period_transactions_plot(BGNBD, _SUMMARY, max_frequency=5)
    pixels = _render(ax)
    actual = ax.containers[0]
    assert [bar.get_height() for bar in actual] == [3, 1, 1, 1, 0, 2]
    colour = actual[0].get_facecolor()
    assert _close_to(_pixel(ax, pixels, actual[0].get_x() + 0.2, 1.5), colour)


# --- ltv.lifetimes.plotting -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bgf() -> lifetimes.BetaGeoFitter:
    cdnow = load_cdnow_summary(index_col=[0])
    return lifetimes.BetaGeoFitter().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])


def _lifetimes_plots(bgf: Any) -> dict[str, Callable[[Any], Any]]:
    log = load_transaction_data()
    split = bgf.data.rename(columns={"frequency": "frequency_cal", "recency": "recency_cal", "T": "T_cal"}).assign(
        frequency_holdout=bgf.data["frequency"] // 2, duration_holdout=39.0)
    return {
        "plot_period_transactions": lambda ax: plotting.plot_period_transactions(bgf, ax=ax),
        "plot_calibration_purchases_vs_holdout_purchases": lambda ax: (
            plotting.plot_calibration_purchases_vs_holdout_purchases(bgf, split, ax=ax)),
        "plot_frequency_recency_matrix": lambda ax: plotting.plot_frequency_recency_matrix(
            bgf, T=5, max_frequency=10, max_recency=20, ax=ax),
        "plot_probability_alive_matrix": lambda ax: plotting.plot_probability_alive_matrix(bgf, ax=ax),
        "plot_expected_repeat_purchases": lambda ax: plotting.plot_expected_repeat_purchases(bgf, ax=ax, label="BG"),
        "plot_history_alive": lambda ax: plotting.plot_history_alive(bgf, 100, log[log["id"] == 35], "date", ax=ax),
        "plot_cumulative_transactions": lambda ax: plotting.plot_cumulative_transactions(
            bgf, log, "date", "id", 60, 40, ax=ax),
        "plot_incremental_transactions": lambda ax: plotting.plot_incremental_transactions(
            bgf, log, "date", "id", 60, 40, ax=ax),
    }


def test_every_lifetimes_plot_renders_on_the_given_axes(bgf: lifetimes.BetaGeoFitter) -> None:
    plots = _lifetimes_plots(bgf)
    assert set(plots) <= set(plotting.__all__)
    np.random.seed(5)
    for name, draw in plots.items():
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
        out = draw(right)
        assert out is right, name
        assert not (left.lines or left.images or left.patches), name
        assert out.get_title(), name
        _render(out)
        assert len(out.lines) + len(out.images) + len(out.patches) + len(out.collections) >= 1, name
        plt.close(fig)
        assert draw(None) is not None, name
        plt.close("all")


# Two more of lifetimes' plots, the mixing densities, come from another branch; when present they render too.
_HETEROGENEITY = ("plot_transaction_rate_heterogeneity", "plot_dropout_rate_heterogeneity")


def test_the_lifetimes_plots_are_all_covered(bgf: lifetimes.BetaGeoFitter) -> None:
    assert set(plotting.__all__) - set(_lifetimes_plots(bgf)) <= set(_HETEROGENEITY)
    for name in set(plotting.__all__) & set(_HETEROGENEITY):
        draw = getattr(plotting, name)
        if "ax" in inspect.signature(draw).parameters:
            fig, ax = plt.subplots()
            assert draw(bgf, ax=ax) is ax, name
        _render(draw(bgf))
        plt.close("all")


def test_lifetimes_alive_matrix_pixels(bgf: lifetimes.BetaGeoFitter) -> None:
    ax = plotting.plot_probability_alive_matrix(bgf, max_frequency=10, max_recency=20)
    pixels = _render(ax)
    image = ax.images[0]
    z = image.get_array()
    for row, col in ((2, 3), (15, 8), (20, 10)):
        assert _close_to(_pixel(ax, pixels, col, row), image.cmap(image.norm(z[row, col])))
