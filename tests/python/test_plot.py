"""The plot helpers render headless (Agg) and draw the data they are given."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pytest  # noqa: E402

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
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2024-01", "2024-02"]
    assert ax.get_title() == "logo retention"
    plt.close("all")


def test_retention_heatmap_other_value_polars_and_given_axes() -> None:
    fig, ax = plt.subplots()
    table = pl.from_dict(_table().to_dict(orient="list"))
    out = retention_heatmap(table, value="net_revenue_retention", ax=ax)
    assert out is ax
    assert out.images[0].get_array()[1][0] == pytest.approx(1.1)
    with pytest.raises(KeyError, match="churn"):
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
    with pytest.raises(ValueError, match="observed counts, a model"):
        survival_plot()
    with pytest.raises(ValueError, match="cohort"):
        survival_plot(observed=_table())
    with pytest.raises(KeyError, match="2023-12"):
        survival_plot(observed=_table(), cohort="2023-12")
    with pytest.raises(ValueError, match="cohort size"):
        survival_plot(observed=[0, 0])
