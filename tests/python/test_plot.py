"""The plot helpers render headless (Agg) and draw the data they are given."""

from __future__ import annotations

import datetime
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import ltv  # noqa: E402

from ltv.plot import retention_heatmap, survival_plot  # noqa: E402
from ltv.retention import SbgFit, SbgModel  # noqa: E402

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


def _table() -> pd.DataFrame:
    rows = []
    for cohort, surviving in [("2024-02", [500, 400, 340]), ("2024-01", REGULAR[:5])]:
        for age, s in enumerate(surviving):
            rows.append(
                {
                    "cohort": cohort,
                    "age": age,
                    "cohort_size": surviving[0],
                    "surviving_customers": s,
                    "active_customers": s,
                    "revenue": 10.0 * s,
                    "logo_retention": s / surviving[0],
                    "net_revenue_retention": 1.1 * s / surviving[0],
                    "gross_revenue_retention": s / surviving[0],
                }
            )
    return pd.DataFrame(rows)


def test_retention_heatmap_draws_the_cohort_by_age_grid() -> None:
    ax = retention_heatmap(_table())
    grid = ax.images[0].get_array()
    assert grid.shape == (2, 5)
    assert grid[0].tolist() == [s / 1000 for s in REGULAR[:5]]  # 2024-01 first: cohorts sorted
    assert grid[1][:3].tolist() == [1.0, 0.8, 0.68] and grid.mask[1].tolist() == [False] * 3 + [True] * 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jan 2024", "Feb 2024"]
    assert ax.get_title() == "Logo retention by cohort"
    # Cohort sizes first, then each observed cell as a percentage, row by row.
    assert [t.get_text() for t in ax.texts] == ["1,000", "100%", "63%", "47%", "38%", "33%", "500", "100%", "80%", "68%"]
    # The colour scale comes from ages >= 1: age 0 (100 %) is greyed, not the top of the scale.
    assert ax.images[0].norm.vmax == pytest.approx(0.8) and ax.images[0].norm.vmin == 0.0
    assert [p.get_facecolor()[:3] for p in ax.patches] == [pytest.approx((0.878, 0.878, 0.878), abs=1e-3)]
    plt.close("all")


def test_retention_heatmap_other_value_polars_and_given_axes() -> None:
    fig, ax = plt.subplots()
    table = pl.from_dict(_table().to_dict(orient="list"))
    out = retention_heatmap(table, value="net_revenue_retention", ax=ax)
    assert out is ax
    assert out.images[0].get_array()[1][0] == pytest.approx(1.1)
    with pytest.raises(ltv.MissingColumnError, match="churn"):
        retention_heatmap(table, value="churn", ax=ax)
    fig.canvas.draw()
    plt.close("all")


def test_survival_plot_from_counts_fits_by_default() -> None:
    ax = survival_plot(observed=REGULAR, horizon=20)
    observed, projected = ax.get_lines()
    assert observed.get_ydata().tolist() == [s / 1000 for s in REGULAR]
    assert projected.get_xdata().tolist() == list(range(21))
    model = SbgFit.fit(surviving=REGULAR).model
    assert projected.get_ydata().tolist() == model.survival(np.arange(21)).tolist()
    assert "0.704" in ax.get_title()
    ax.figure.canvas.draw()
    plt.close("all")


def test_survival_plot_from_a_table_and_a_given_model() -> None:
    model = SbgModel(alpha=1.0, beta=2.0)
    ax = survival_plot(observed=_table(), cohort="2024-02", model=model)
    observed, projected = ax.get_lines()
    assert observed.get_ydata().tolist() == [1.0, 0.8, 0.68]
    assert projected.get_xdata().tolist() == list(range(13))  # default: at least 12 ages
    np.testing.assert_allclose(projected.get_ydata(), [2 / (t + 2) for t in range(13)], rtol=1e-14, atol=0)
    only_model = survival_plot(model=SbgFit.fit(surviving=REGULAR), horizon=5)
    assert [line.get_label() for line in only_model.get_lines()] == ["sBG projection"]
    plt.close("all")


def test_survival_plot_errors() -> None:
    with pytest.raises(ltv.InvalidInputError, match="observed counts, a model") as err:
        survival_plot()
    assert err.value.field == "observed"
    with pytest.raises(ltv.InvalidInputError, match="the cohort to plot") as err:
        survival_plot(observed=_table())
    assert err.value.field == "cohort"
    with pytest.raises(KeyError, match="2023-12"):
        survival_plot(observed=_table(), cohort="2023-12")
    with pytest.raises(ltv.InvalidInputError, match="cohort size") as err:
        survival_plot(observed=[0, 0])
    assert err.value.field == "observed" and err.value.value == "0.0"
    with pytest.raises(TypeError, match="observed"):
        survival_plot(observed=["a", "b"])


def test_cohort_heatmap_labels_for_each_unit() -> None:
    from ltv.plot import cohort_heatmap, period_label

    table = pd.DataFrame({"cohort": ["2024-01-15", "2024-01-15", "2024-01-22"], "age": [0, 1, 0],
                          "logo_retention": [1.0, 0.5, 1.0]})
    ax = cohort_heatmap(table, unit="week")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2024-W03", "2024-W04"]
    assert [t.get_text() for t in ax.texts] == ["100%", "50%", "100%"]  # no cohort_size column: no sizes
    assert ax.get_xlabel() == "weeks since acquisition (age)" and ax.get_ylabel() == "cohort (first paying week)"
    ax = cohort_heatmap(table, unit="day")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2024-01-15", "2024-01-22"]
    ax = cohort_heatmap(table, annotate=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jan 2024"] and not ax.texts
    import datetime

    assert period_label(datetime.date(2024, 12, 30), "week") == "2025-W01"  # ISO week-numbering year
    assert period_label(np.datetime64("2023-10-01"), "quarter") == "2023 Q4"
    assert period_label(pd.Timestamp("2023-10-01"), "year") == "2023"
    plt.close("all")


def test_cohort_heatmap_errors_name_the_field() -> None:
    from ltv.plot import cohort_heatmap

    table = _table()
    with pytest.raises(ltv.InvalidInputError, match="^row 0: age = -1.0 is out of range"):
        cohort_heatmap(table.assign(age=[-1] + table["age"].tolist()[1:]))
    with pytest.raises(ltv.InvalidInputError, match="cohort.*'not a month'"):
        cohort_heatmap(table.assign(cohort="not a month"))
    with pytest.raises(TypeError, match="^unit"):
        cohort_heatmap(table, unit=3)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match="^unit"):
        cohort_heatmap(table, unit="fortnight")  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match="^age_zero"):
        cohort_heatmap(table, age_zero="hide")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^table"):
        cohort_heatmap([1, 2, 3])
    with pytest.raises(ltv.InvalidInputError, match="^row 1: logo_retention = inf is out of range"):
        cohort_heatmap(table.assign(logo_retention=[1.0, float("inf")] + table["logo_retention"].tolist()[2:]))
    big = pd.DataFrame({"cohort": ["2024-01"] * 2600, "age": range(2600), "logo_retention": 0.5})
    with pytest.raises(ltv.InvalidInputError, match="^annotate"):
        cohort_heatmap(big, annotate=True)
    assert not cohort_heatmap(big).texts  # too many cells to write: left blank by default
    plt.close("all")


def test_mrr_movements_plot_errors() -> None:
    from ltv.plot import mrr_movements_plot

    frame = pd.DataFrame({"new_mrr": [1.0], "expansion_mrr": [0.0], "contraction_mrr": [0.0],
                          "churned_mrr": [float("nan")], "reactivation_mrr": [0.0]})
    with pytest.raises(ltv.InvalidInputError, match="^row 0: churned_mrr = nan is out of range"):
        mrr_movements_plot(frame)
    with pytest.raises(TypeError, match="^data"):
        mrr_movements_plot(42)
    with pytest.raises(ltv.InvalidInputError, match="^row 0: data = amounts summing past the float64 range"):
        mrr_movements_plot(frame.assign(churned_mrr=0.0, new_mrr=1e308, expansion_mrr=1e308))
    with pytest.raises(ltv.InvalidInputError, match="^data = 10001 periods"):
        mrr_movements_plot({k: np.zeros(10_001) for k in frame.columns})
    plt.close("all")


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(*[st.floats(0, 1e6, allow_nan=False)] * 5), min_size=1, max_size=30),
)
def test_mrr_bars_stack_to_the_net_movement(rows: list) -> None:
    from ltv.plot import mrr_movements_plot

    new, expansion, reactivation, contraction, churned = (np.array(c) for c in zip(*rows))
    ax = mrr_movements_plot({"new": new, "expansion": expansion, "reactivation": reactivation,
                             "contraction": contraction, "churned": churned})
    heights = np.array([[bar.get_height() for bar in c] for c in ax.containers])
    assert (heights[:3] >= 0).all() and (heights[3:] <= 0).all()
    np.testing.assert_allclose(heights.sum(axis=0), ax.get_lines()[0].get_ydata(), rtol=1e-12, atol=1e-6)
    plt.close("all")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=2, max_size=12))
def test_heatmap_scale_spans_ages_after_zero(shares: list) -> None:
    from ltv.plot import cohort_heatmap

    table = pd.DataFrame({"cohort": "2024-03", "age": range(len(shares) + 1), "logo_retention": [1.0] + shares})
    ax = cohort_heatmap(table)
    norm = ax.images[0].norm
    assert norm.vmin == 0.0 and norm.vmax == (max(shares) if max(shares) > 1e-12 else 1.0)  # else a unit span
    assert len(ax.texts) == len(shares) + 1
    plt.close("all")


def test_cohort_heatmap_max_age() -> None:
    from ltv.plot import cohort_heatmap

    ax = cohort_heatmap(_table(), max_age=2)
    assert ax.images[0].get_array().shape == (2, 3)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["customers", "0", "1", "2"]
    with pytest.raises(ltv.InvalidInputError, match="^max_age = -1"):
        cohort_heatmap(_table(), max_age=-1)
    with pytest.raises(TypeError, match="^max_age"):
        cohort_heatmap(_table(), max_age=1.5)  # type: ignore[arg-type]
    plt.close("all")


def test_period_label_errors() -> None:
    from ltv.plot import period_label

    with pytest.raises(ltv.InvalidInputError, match="^start = soon is out of range"):
        period_label("soon", "month")
    with pytest.raises(ltv.InvalidInputError, match="^start"):
        period_label(np.datetime64("NaT"), "month")
    with pytest.raises(ltv.InvalidInputError, match="^unit = decade is out of range"):
        period_label("2024-01-01", "decade")


@settings(max_examples=50, deadline=None)
@given(st.dates(min_value=datetime.date(1971, 1, 1), max_value=datetime.date(2200, 12, 31)))
def test_month_and_week_labels_name_the_period_of_the_day(day: Any) -> None:
    from ltv.plot import period_label

    assert period_label(day, "month") == f"{'JanFebMarAprMayJunJulAugSepOctNovDec'[3 * day.month - 3 : 3 * day.month]} {day.year}"
    year, week, _ = day.isocalendar()
    assert period_label(day, "week") == f"{year}-W{week:02d}"
    assert period_label(day, "quarter") == f"{day.year} Q{(day.month + 2) // 3}"


def test_polars_analysis_heatmap_and_mrr_chart() -> None:
    from ltv.plot import cohort_heatmap, mrr_movements_plot

    revenue = pl.DataFrame({"customer": ["a", "a", "b", "b", "c"], "period": ["2024-01", "2024-02", "2024-01", "2024-03", "2024-02"],
                            "revenue": [10.0, 12.0, 5.0, 5.0, 7.0]})
    analysis = ltv.cohort.cohort_table(revenue, customer="customer", period="period", revenue="revenue")
    ax = cohort_heatmap(analysis)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jan 2024", "Feb 2024"]
    assert [t.get_text() for t in ax.texts] == ["2", "100%", "50%", "50%", "1", "100%", "0%"]
    ax = mrr_movements_plot(analysis.movements)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 2024", "Feb 2024", "Mar 2024"]
    net = ax.get_lines()[0].get_ydata().tolist()
    ending = analysis.movements["ending_mrr"].to_list()
    assert net == pytest.approx(np.diff(ending, prepend=0.0).tolist(), abs=1e-12)
    ax = mrr_movements_plot({"period": np.array([3, 4]), **{k: np.ones(2) for k in
                                                          ("new", "expansion", "contraction", "churned", "reactivation")}})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["3", "4"]  # integer periods: shown as they are
    with pytest.raises(ltv.InvalidInputError, match="no rows"):
        cohort_heatmap(pd.DataFrame({"cohort": [], "age": [], "logo_retention": []}))
    with pytest.raises(ltv.InvalidInputError, match="no periods"):
        mrr_movements_plot([])
    plt.close("all")
