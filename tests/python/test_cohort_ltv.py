"""Cohort LTV from Python: the wrapper, the frame helper on hand-built long cohort tables (pandas and polars),
error kinds and rows. The formulas are tested in crates/ltv-models/tests/cohort_ltv.rs; these check the glue."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
from ltv.retention import DEFAULT_DISCOUNT_RATE, CohortLtv, SbgFit, SbgModel, cohort_ltv, cohort_ltv_frame

HEAVY = [1000, 550, 400, 340, 305, 285, 270]


def _table() -> pd.DataFrame:
    """A long cohort table in the schema of ltv.cohort.cohort_table(...).table, rows deliberately shuffled."""
    rows = []
    for cohort, surviving, active, arpu in [
        ("2024-01", [1000, 631, 468, 382, 326, 289, 262, 241], [1000, 620, 460, 380, 320, 285, 260, 240], 50.0),
        ("2024-02", [1000, 869, 743, 653, 593, 551], [1000, 860, 740, 650, 590, 550], 80.0),
        ("2024-03", [500, 400, 340], [500, 390, 335], 60.0),
    ]:
        for age, (s, a) in enumerate(zip(surviving, active)):
            revenue = a * arpu * (1.01**age)
            rows.append(
                {
                    "cohort": cohort,
                    "age": age,
                    "cohort_size": surviving[0],
                    "active_customers": a,
                    "surviving_customers": s,
                    "revenue": revenue,
                    "logo_retention": a / surviving[0],
                    "net_revenue_retention": revenue / (active[0] * arpu),
                    "gross_revenue_retention": min(revenue, active[0] * arpu) / (active[0] * arpu),
                }
            )
    return pd.DataFrame(rows).sample(frac=1.0, random_state=3).reset_index(drop=True)


def test_heavy_early_churn_next_to_the_simple_formula() -> None:
    revenue = [100.0 * s for s in HEAVY]
    simple = float(ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=1 - 270 / 285))
    r = cohort_ltv(surviving_customers=HEAVY, active_customers=HEAVY, revenue=revenue, gross_margin=0.8, discount_rate=0.01)
    assert isinstance(r, CohortLtv)
    assert round(simple) == 1520 and round(r.ltv_per_customer) == 1000 and r.ltv_per_customer < simple
    assert r.ltv_per_customer == r.observed_value + r.projected_value
    assert r.fit == SbgFit.fit(surviving=HEAVY) and r.model == r.fit.model
    assert (r.cohort_size, r.ages_observed, r.growth_rate, r.margin_per_active) == (1000, 7, 0.0, 80.0)
    assert repr(r).startswith("CohortLtv(ltv_per_customer=")


def test_negative_net_churn_stays_finite() -> None:
    surviving = [1000, 800, 720, 680, 655, 640, 630]
    revenue = [100_000.0, 88_000.0, 87_120.0, 90_508.0, 95_888.0, 102_978.0, 111_519.0]
    with pytest.raises(ltv.NegativeNetChurnError):
        ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=1 - revenue[6] / revenue[5], churn_basis="net_revenue")
    kwargs = dict(surviving_customers=surviving, active_customers=surviving, revenue=revenue, gross_margin=0.8)
    assert round(cohort_ltv(**kwargs, discount_rate=0.01).ltv_per_customer) == 6541  # type: ignore[arg-type]
    with pytest.raises(ltv.DivergenceError) as e:
        cohort_ltv(**kwargs, discount_rate=0.01, growth="observed")  # type: ignore[arg-type]
    assert e.value.kind == "divergent_value" and e.value.field == "discount_rate"  # type: ignore[attr-defined]
    assert "horizon" in str(e.value)
    grown = cohort_ltv(**kwargs, discount_rate=0.01, growth="observed", horizon=36)  # type: ignore[arg-type]
    assert round(grown.ltv_per_customer) == 9667 and grown.growth_rate == pytest.approx(0.0998532, rel=1e-6)


def test_options_model_projection_and_inputs() -> None:
    revenue = np.array([100.0 * s for s in HEAVY])
    base = dict(surviving_customers=np.array(HEAVY), active_customers=pd.Series(HEAVY), revenue=pl.Series(revenue))
    fit = SbgFit.fit(surviving=HEAVY)
    a = cohort_ltv(**base, gross_margin=0.8, model=fit)  # type: ignore[arg-type]
    b = cohort_ltv(**base, gross_margin=0.8, model=fit.model)  # type: ignore[arg-type]
    assert a == b and a.fit is None and a.model == fit.model
    assert cohort_ltv(**base, gross_margin=0.8) == cohort_ltv(**base, gross_margin=0.8, discount_rate=DEFAULT_DISCOUNT_RATE)  # type: ignore[arg-type]
    assert DEFAULT_DISCOUNT_RATE == pytest.approx(1.1 ** (1 / 12) - 1, rel=1e-12)
    fixed = cohort_ltv(**base, gross_margin=0.8, growth=0.0)  # type: ignore[arg-type]
    assert fixed == cohort_ltv(**base, gross_margin=0.8)  # type: ignore[arg-type]
    h = cohort_ltv(**base, gross_margin=0.8, horizon=24)  # type: ignore[arg-type]
    p = h.projection()
    assert sorted(p) == ["age", "cumulative_value", "customers", "discounted_margin", "margin", "observed"]
    assert p["age"].tolist() == list(range(24))
    assert p["observed"].tolist() == [True] * 7 + [False] * 17
    assert p["customers"][:7].tolist() == HEAVY
    assert p["cumulative_value"][-1] == pytest.approx(h.ltv_per_customer, rel=1e-14)
    assert p["discounted_margin"].sum() / 1000 == pytest.approx(h.ltv_per_customer, rel=1e-12)


def _kind_field_row(e: pytest.ExceptionInfo[ltv.LtvError]) -> tuple[object, object, object]:
    return e.value.kind, e.value.field, e.value.row  # type: ignore[attr-defined]


def test_errors_name_the_input() -> None:
    ok = dict(surviving_customers=[10, 5], active_customers=[10, 5], revenue=[1.0, 1.0])
    model = SbgModel(alpha=1, beta=1)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(surviving_customers=[10, 5, 6], active_customers=[10, 5, 5], revenue=[1, 1, 1], gross_margin=0.8, model=model)
    assert _kind_field_row(e) == ("invalid_data", "surviving_customers", 2)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(surviving_customers=[10, 5], active_customers=[10, 2.5], revenue=[1, 1], gross_margin=0.8, model=model)
    assert _kind_field_row(e) == ("invalid_data", "active_customers", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(surviving_customers=[10, 5], active_customers=[10, 5], revenue=[1, math.nan], gross_margin=0.8, model=model)
    assert _kind_field_row(e) == ("invalid_data", "revenue", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(surviving_customers=[10, 5], active_customers=[10], revenue=[1, 1], gross_margin=0.8, model=model)
    assert _kind_field_row(e) == ("length_mismatch", "active_customers", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(**ok, gross_margin=80, model=model)  # type: ignore[arg-type]
    assert _kind_field_row(e) == ("invalid_parameter", "gross_margin", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(**ok, gross_margin=0.8, discount_rate=-1, model=model)  # type: ignore[arg-type]
    assert _kind_field_row(e) == ("invalid_parameter", "discount_rate", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(**ok, gross_margin=0.8, growth="fast", model=model)  # type: ignore[arg-type]
    assert _kind_field_row(e) == ("invalid_data", "growth", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(**ok, gross_margin=0.8, growth=-2.0, model=model)  # type: ignore[arg-type]
    assert _kind_field_row(e) == ("invalid_parameter", "growth", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv(**ok, gross_margin=0.8, horizon=0, model=model)  # type: ignore[arg-type]
    assert _kind_field_row(e) == ("invalid_period", "horizon", None)
    with pytest.raises(ltv.UndefinedError) as e:
        cohort_ltv(surviving_customers=[10, 10, 10], active_customers=[10, 10, 10], revenue=[1, 1, 1], gross_margin=0.8)
    assert e.value.kind == "no_finite_maximum"  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="gross_margin"):
        cohort_ltv(**ok, gross_margin=None, model=model)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cohort_ltv(**ok, gross_margin=0.8, model="pooled")  # type: ignore[arg-type]


def test_frame_helper_with_pandas() -> None:
    table = _table()
    out = cohort_ltv_frame(table, gross_margin=0.75, discount_rate=0.01)
    assert list(out.columns) == [
        "cohort", "cohort_size", "ages_observed", "alpha", "beta", "observed_value", "projected_value", "ltv_per_customer",
        "status", "reason",
    ]
    assert out["status"].tolist() == ["ok"] * 3 and out["reason"].tolist() == [None] * 3
    assert out["cohort"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert out["cohort_size"].tolist() == [1000, 1000, 500] and out["ages_observed"].tolist() == [8, 6, 3]
    # Each row is cohort_ltv on that cohort's columns, sorted by age.
    for _, row in out.iterrows():
        part = table[table["cohort"] == row["cohort"]].sort_values("age")
        one = cohort_ltv(
            surviving_customers=part["surviving_customers"],
            active_customers=part["active_customers"],
            revenue=part["revenue"],
            gross_margin=0.75,
            discount_rate=0.01,
        )
        assert (row["alpha"], row["beta"], row["ltv_per_customer"]) == (one.model.alpha, one.model.beta, one.ltv_per_customer)
        assert row["observed_value"] + row["projected_value"] == row["ltv_per_customer"]

    pooled = cohort_ltv_frame(table, gross_margin=0.75, discount_rate=0.02, model="pooled", growth="observed")
    fit = SbgFit.fit_cohorts(
        cohorts=[table[table["cohort"] == c].sort_values("age")["surviving_customers"] for c in ["2024-01", "2024-02", "2024-03"]]
    )
    assert set(pooled["alpha"]) == {fit.alpha} and set(pooled["beta"]) == {fit.beta}
    given_model = cohort_ltv_frame(table, gross_margin=0.75, discount_rate=0.02, model=fit, growth="observed")
    pd.testing.assert_frame_equal(given_model, pooled)

    # The newest cohort, at age 0 only: valued with the pooled model, not part of its fit.
    newest = pd.DataFrame([{**table.iloc[0].to_dict(), "cohort": "2024-04", "age": 0, "surviving_customers": 300,
                            "active_customers": 300, "revenue": 18_000.0}])
    with_newest = cohort_ltv_frame(pd.concat([table, newest]), gross_margin=0.75, discount_rate=0.02, model="pooled")
    assert with_newest["cohort"].tolist()[-1] == "2024-04" and with_newest["ages_observed"].tolist()[-1] == 1
    assert set(with_newest["alpha"]) == {fit.alpha}
    last = with_newest.iloc[-1]
    assert last["observed_value"] == 0.75 * 18_000.0 / 300
    assert last["ltv_per_customer"] == pytest.approx(45.0 * fit.model.discounted_expected_lifetime(discount_rate=0.02), rel=1e-12)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv_frame(pd.concat([table, newest]), gross_margin=0.75, discount_rate=0.02, errors="raise")
    assert e.value.field == "surviving_customers" and "give a model" in str(e.value)  # type: ignore[attr-defined]
    assert "pass fallback='pooled'" in str(e.value) and "errors='report'" in str(e.value)


def test_frame_helper_with_polars_gives_polars() -> None:
    table = _table()
    out = cohort_ltv_frame(pl.from_dict(table.to_dict(orient="list")), gross_margin=0.75, discount_rate=0.01, horizon=60)
    assert isinstance(out, pl.DataFrame)
    expected = cohort_ltv_frame(table, gross_margin=0.75, discount_rate=0.01, horizon=60)
    assert out.columns == list(expected.columns)
    assert out["cohort"].to_list() == expected["cohort"].tolist()
    assert out["ltv_per_customer"].to_list() == expected["ltv_per_customer"].tolist()


def test_frame_helper_errors_name_the_table_row() -> None:
    table = _table()
    bad = table.copy()
    row = int(bad.index[(bad["cohort"] == "2024-02") & (bad["age"] == 3)][0])
    bad.loc[row, "revenue"] = -5.0
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv_frame(bad, gross_margin=0.75, model=SbgModel(alpha=1, beta=1), errors="raise")
    assert _kind_field_row(e) == ("invalid_data", "revenue", row)
    assert "cohort '2024-02'" in str(e.value)

    gap = table[~((table["cohort"] == "2024-03") & (table["age"] == 1))]
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv_frame(gap, gross_margin=0.75, errors="raise")
    assert e.value.field == "age"  # type: ignore[attr-defined]
    with pytest.raises(ltv.MissingColumnError, match="revenue"):
        cohort_ltv_frame(table.drop(columns=["revenue"]), gross_margin=0.75)
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv_frame(table, gross_margin=0.75, model="global")
    assert e.value.field == "model"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        cohort_ltv_frame([1, 2, 3], gross_margin=0.75)


@given(
    alpha=st.floats(0.2, 5.0),
    beta=st.floats(0.2, 10.0),
    discount_rate=st.floats(0.005, 0.3),
    drops=st.lists(st.integers(0, 100), min_size=1, max_size=10),
    arpu=st.floats(1.0, 1000.0),
)
def test_value_is_observed_plus_a_tail_that_grows_with_the_horizon(
    alpha: float, beta: float, discount_rate: float, drops: list[int], arpu: float
) -> None:
    surviving = [1000]
    for drop in drops:
        surviving.append(surviving[-1] - drop)
    revenue = [arpu * s for s in surviving]
    model = SbgModel(alpha=alpha, beta=beta)
    kwargs = dict(surviving_customers=surviving, active_customers=surviving, revenue=revenue, gross_margin=0.7,
                  discount_rate=discount_rate, model=model)
    full = cohort_ltv(**kwargs)  # type: ignore[arg-type]
    assert math.isfinite(full.ltv_per_customer) and full.projected_value >= 0
    assert full.ltv_per_customer == full.observed_value + full.projected_value
    previous = full.observed_value
    for horizon in (len(surviving) + 1, len(surviving) + 10, len(surviving) + 100):
        value = cohort_ltv(**kwargs, horizon=horizon).ltv_per_customer  # type: ignore[arg-type]
        assert previous <= value <= full.ltv_per_customer * (1 + 1e-12)
        previous = value
