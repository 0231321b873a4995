"""The purchase-model plots render headless (Agg) and draw the model's own predictions and the data."""

from __future__ import annotations

import doctest

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import ltv.purchase._plot  # noqa: E402
from ltv.purchase import (  # noqa: E402
    BgBbModel,
    BgNbdModel,
    ParetoNbdModel,
    calibration_holdout_plot,
    expected_purchases_heatmap,
    expected_purchases_matrix,
    period_transactions_plot,
    probability_alive_heatmap,
    probability_alive_history_plot,
    probability_alive_matrix,
    tracking_plot,
)

BGNBD = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
PNBD = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
BGBB = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    plt.close("all")


def test_the_module_doctests_pass() -> None:
    result = doctest.testmod(ltv.purchase._plot, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_period_transactions_histogram_counts_and_model_expectation() -> None:
    summary = pd.DataFrame({"frequency": [0, 0, 1, 2, 9], "T": [30.0, 30.0, 38.0, 38.0, 30.0]})
    ax = period_transactions_plot(BGNBD, summary, max_frequency=3)
    actual = [bar.get_height() for bar in ax.containers[0]]
    model = [bar.get_height() for bar in ax.containers[1]]
    assert actual == [2, 1, 1, 1]
    for k in range(3):
        want = 3 * BGNBD.probability_of_purchases(n=k, t=30.0) + 2 * BGNBD.probability_of_purchases(n=k, t=38.0)
        assert model[k] == pytest.approx(want, rel=1e-12)
    assert sum(model) == pytest.approx(5.0, rel=1e-12)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2", "3+"]


def test_period_transactions_bgbb_in_periods() -> None:
    ax = period_transactions_plot(BGBB, frequency=[0, 1, 6], periods=[6, 6, 6], max_frequency=6)
    model = [bar.get_height() for bar in ax.containers[1]]
    assert model[6] == pytest.approx(3 * BGBB.probability_of_transactions(n=6, t=6), rel=1e-9)


def test_calibration_holdout_means_by_calibration_frequency() -> None:
    split = pd.DataFrame(
        {
            "frequency": [0, 0, 1, 3, 8],
            "recency": [0, 0, 10, 20, 30],
            "age": [30, 35, 30, 32, 31],
            "holdout_frequency": [0, 2, 1, 3, 6],
            "holdout_duration": [39.0] * 5,
        }
    )
    ax = calibration_holdout_plot(BGNBD, split, max_frequency=3)
    actual, model = ax.get_lines()
    assert (actual.get_label(), model.get_label()) == ("actual", "model")
    assert actual.get_xdata().tolist() == [0, 1, 3]
    assert actual.get_ydata().tolist() == [1.0, 1.0, 4.5]
    e = BGNBD.conditional_expected_purchases(t=39.0, **split[["frequency", "recency", "age"]].to_dict("list"))
    assert model.get_ydata() == pytest.approx([(e[0] + e[1]) / 2, e[2], (e[3] + e[4]) / 2], rel=1e-12)
    with pytest.raises(TypeError, match="model"):
        calibration_holdout_plot(BGBB, split)  # type: ignore[arg-type]


def test_heatmaps_draw_the_matrices() -> None:
    ax = probability_alive_heatmap(PNBD, max_frequency=4, age=20)
    grid = ax.images[0].get_array()
    want = probability_alive_matrix(PNBD, max_frequency=4, age=20).to_numpy()
    assert grid.shape == (5, 21) and grid.mask[0, 1:].all() and not grid.mask[1:].any()
    assert np.array_equal(grid.filled(np.nan), want, equal_nan=True)
    ax = expected_purchases_heatmap(BGBB, t=5, max_frequency=6, periods=6)
    want = expected_purchases_matrix(BGBB, t=5, max_frequency=6, periods=6).to_numpy()
    assert np.array_equal(ax.images[0].get_array().filled(np.nan), want, equal_nan=True)
    assert ax.get_title() == "Expected purchases in the next 5"


def test_tracking_cumulative_and_incremental() -> None:
    first = [0.0, 0.0, 1.5]
    repeats = [0.5, 1.0, 2.2, 2.9, 3.5]
    ax = tracking_plot(BGNBD, first_purchase=first, repeat_purchases=repeats, periods=4)
    actual, model = ax.get_lines()
    assert actual.get_ydata().tolist() == [2, 2, 4, 5]
    e = BGNBD.expected_purchases
    want = [2 * e(t=k) + (e(t=k - 1.5) if k > 1.5 else 0.0) for k in (1.0, 2.0, 3.0, 4.0)]
    assert model.get_ydata() == pytest.approx(want, rel=1e-12)
    ax = tracking_plot(BGNBD, first_purchase=first, repeat_purchases=repeats, periods=4, kind="incremental")
    actual, model = ax.get_lines()
    assert actual.get_ydata().tolist() == [2, 0, 2, 1]
    assert model.get_ydata() == pytest.approx(np.diff(want, prepend=0.0), rel=1e-12)
    with pytest.raises(ltv.InvalidInputError, match="^periods = 0 is out of range"):
        tracking_plot(BGNBD, first_purchase=first, repeat_purchases=repeats, periods=0)
    with pytest.raises(TypeError, match="^periods: "):
        tracking_plot(BGNBD, first_purchase=first, repeat_purchases=repeats, periods="4")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^kind: "):
        tracking_plot(BGNBD, first_purchase=first, repeat_purchases=repeats, periods=4, kind=1)  # type: ignore[arg-type]


def test_probability_alive_history_follows_the_purchases() -> None:
    ax = probability_alive_history_plot(BGNBD, purchase_times=[10.0, 14.0, 20.0], age=30.0, points=7)
    line = ax.get_lines()[0]
    s, alive = line.get_xdata(), line.get_ydata()
    assert s.tolist() == [0.0, 4.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0]
    for si, ai in zip(s, alive):
        x = int(si >= 4.0) + int(si >= 10.0)
        tx = 10.0 if x == 2 else 4.0 if x == 1 else 0.0
        assert ai == BGNBD.probability_alive(frequency=x, recency=tx, age=si)
    assert alive[0] == 1.0 and alive[-1] < alive[3]
    with pytest.raises(ltv.InvalidInputError, match="^age = 30.0 is out of range: expected a finite time >= the last purchase$"):
        probability_alive_history_plot(BGNBD, purchase_times=[0.0, 40.0], age=30.0)
    with pytest.raises(TypeError, match="^age: "):
        probability_alive_history_plot(BGNBD, purchase_times=[0.0, 4.0], age=None)  # type: ignore[arg-type]


def test_calibration_holdout_plot_reads_the_split_frame() -> None:
    from ltv.purchase import calibration_holdout

    log = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2, 2, 3, 3, 3],
            "date": ["2024-01-01", "2024-01-20", "2024-03-01", "2024-01-05", "2024-02-20", "2024-01-10",
                     "2024-01-12", "2024-01-30"],
        }
    )
    split = calibration_holdout(log, calibration_end="2024-01-31", observation_end="2024-03-31", unit="week")
    ax = calibration_holdout_plot(BGNBD, split, max_frequency=2)
    actual, model = ax.get_lines()
    assert actual.get_xdata().tolist() == sorted(set(np.minimum(split["frequency"], 2).astype(int)))
    want = BGNBD.conditional_expected_purchases(
        t=split["holdout_duration"], frequency=split["frequency"], recency=split["recency"], age=split["age"]
    )
    assert sum(model.get_ydata()) == pytest.approx(
        sum(float(want[split["frequency"] == f].mean()) for f in actual.get_xdata()), rel=1e-12
    )


@settings(max_examples=30, deadline=None)
@given(
    frequency=st.lists(st.integers(0, 20), min_size=1, max_size=30),
    age=st.floats(0.5, 100.0, allow_nan=False),
    max_frequency=st.integers(1, 12),
)
def test_model_bars_add_up_to_the_customers(frequency: list, age: float, max_frequency: int) -> None:
    ages = [age] * len(frequency)
    ax = period_transactions_plot(PNBD, frequency=frequency, age=ages, max_frequency=max_frequency)
    model = [bar.get_height() for bar in ax.containers[1]]
    actual = [bar.get_height() for bar in ax.containers[0]]
    assert sum(actual) == len(frequency) and all(m >= 0 for m in model)
    assert sum(model) == pytest.approx(len(frequency), rel=1e-9)
    plt.close("all")


@settings(max_examples=30, deadline=None)
@given(
    first=st.lists(st.floats(0.0, 20.0, allow_nan=False), min_size=1, max_size=20),
    periods=st.integers(1, 40),
)
def test_expected_cumulative_tracking_never_falls(first: list, periods: int) -> None:
    ax = tracking_plot(PNBD, first_purchase=first, repeat_purchases=[], periods=periods)
    expected = ax.get_lines()[1].get_ydata()
    assert np.isfinite(expected).all() and (np.diff(expected) >= -1e-9).all() and expected[0] >= 0
    plt.close("all")
