"""Channel value: ROAS and payback by channel, retention by source, data-sufficiency warnings. Expected values
are computed by hand in the comments."""

from __future__ import annotations

import math

import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
from ltv.channels import channel_retention, channel_roas
from ltv.leads import segment_table


def _roas_inputs():
    customers = pd.DataFrame({
        "customer_id": ["a1", "a2", "b1"],
        "channel": ["search", "search", "social"],
        "acquired_at": ["2024-01-01", "2024-01-11", "2024-01-01"],
        "customer_ltv": [2500.0, 1500.0, 300.0],
    })
    transactions = pd.DataFrame({
        "customer_id": ["a1", "a2", "a1", "a2", "b1", "b1"],
        # a1: day 0 and day 60 (month 2); a2: day 29 (in the window) and day 35 (month 2); b1: day 30 and 31.
        "date": ["2024-01-01", "2024-02-09", "2024-03-01", "2024-02-15", "2024-01-31", "2024-02-01"],
        "revenue": [100.0, 200.0, 1000.0, 300.0, 50.0, 70.0],
    })
    costs = pd.DataFrame({"channel": ["search", "search", "social"], "spend": [600.0, 400.0, 100.0]})
    return customers, transactions, costs


def test_roas_payback_and_flag_by_hand():
    customers, transactions, costs = _roas_inputs()
    out = channel_roas(customers, transactions=transactions, costs=costs, gross_margin=0.5)
    search, social = out.iloc[0], out.iloc[1]
    # search: spend 1,000; window revenue 100 (a1 day 0) + 200 (a2 day 29) = 300 -> 0.3; LTV 4,000 -> 4.
    # margin 0.5: month 1 = 150, month 2 = 0.5 x (1,000 + 300) = 650 -> cumulative 800 < 1,000: never.
    assert (search["spend"], search["short_window_revenue"], search["lifetime_value"]) == (1000.0, 300.0, 4000.0)
    assert (search["short_roas"], search["ltv_roas"]) == pytest.approx((0.3, 4.0))
    assert pd.isna(search["payback_month"]) and bool(search["undervalued_short_term"])
    # social: spend 100; day 30 is outside the 30-day window: short revenue 0; LTV 300 -> 3 (at the threshold).
    # margin 0.5: day 30 is month 1 (30 < 30.4375), day 31 month 2: 25, then 60 < 100 -> never.
    assert social["short_window_revenue"] == 0.0 and social["ltv_roas"] == pytest.approx(3.0)
    assert bool(social["undervalued_short_term"])
    # With the whole margin: search month 1 = 300, month 2 = 1,300 -> 1,600 >= 1,000 in month 2.
    full = channel_roas(customers, transactions=transactions, costs=costs)
    assert full["payback_month"].tolist() == [2, 2]  # social: 50 (month 1) + 70 (month 2) = 120 >= 100
    # A 31-day window takes in b1's day-30 purchase: 50 / 100 = 0.5.
    wide = channel_roas(customers, transactions=transactions, costs=costs, window_days=31)
    assert wide["short_roas"].tolist() == pytest.approx([0.3, 0.5])


def test_flag_thresholds_are_configurable():
    customers, transactions, costs = _roas_inputs()
    out = channel_roas(customers, transactions=transactions, costs=costs, ltv_roas_at_least=3.5)
    assert out["undervalued_short_term"].tolist() == [True, False]  # social's 3 < 3.5
    out = channel_roas(customers, transactions=transactions, costs=costs, short_roas_below=0.2)
    assert out["undervalued_short_term"].tolist() == [False, True]  # search's 0.3 is not below 0.2


def test_polars_in_polars_out():
    customers, transactions, costs = _roas_inputs()
    out = channel_roas(pl.from_pandas(customers), transactions=pl.from_pandas(transactions),
                       costs=pl.from_pandas(costs))
    assert isinstance(out, pl.DataFrame)
    assert out["payback_month"].to_list() == [2, 2]


def test_roas_errors_name_the_row():
    customers, transactions, costs = _roas_inputs()
    bad = costs.assign(spend=[600.0, -1.0, 100.0])
    with pytest.raises(ltv.InvalidInputError) as e:
        channel_roas(customers, transactions=transactions, costs=bad)
    assert (e.value.field, e.value.row) == ("spend", 1)
    with pytest.raises(ltv.NotFiniteError) as e:
        channel_roas(customers, transactions=transactions, costs=costs.assign(spend=[1.0, float("nan"), 1.0]))
    assert e.value.row == 1
    unknown = pd.concat([costs, pd.DataFrame({"channel": ["tv"], "spend": [5.0]})], ignore_index=True)
    with pytest.raises(ltv.InvalidInputError, match="tv") as e:
        channel_roas(customers, transactions=transactions, costs=unknown)
    assert (e.value.field, e.value.row) == ("channel", 3)
    nan_date = transactions.assign(date=["2024-01-01", None, "2024-03-01", "2024-02-15", "2024-01-31", "2024-02-01"])
    with pytest.raises(ltv.InvalidInputError) as e:
        channel_roas(customers, transactions=nan_date, costs=costs)
    assert (e.value.field, e.value.row) == ("date", 1)
    early = transactions.assign(date=["2023-12-31"] + transactions["date"].tolist()[1:])
    with pytest.raises(ltv.InvalidInputError, match="before acquisition") as e:
        channel_roas(customers, transactions=early, costs=costs)
    assert e.value.row == 0
    stranger = transactions.assign(customer_id=["a1", "a2", "zz", "a2", "b1", "b1"])
    with pytest.raises(ltv.InvalidInputError) as e:
        channel_roas(customers, transactions=stranger, costs=costs)
    assert (e.value.field, e.value.row) == ("customer_id", 2)
    twice = customers.assign(customer_id=["a1", "a1", "b1"])
    with pytest.raises(ltv.InvalidInputError, match="one row per customer"):
        channel_roas(twice, transactions=transactions, costs=costs)


@settings(max_examples=40, deadline=None)
@given(spend=st.floats(1.0, 1e6), k=st.floats(1.0, 100.0))
def test_roas_scales_with_one_over_spend(spend, k):
    customers, transactions, _ = _roas_inputs()
    at = lambda s: channel_roas(customers, transactions=transactions,
                                costs=pd.DataFrame({"channel": ["search", "social"], "spend": [s, s]}))
    one, many = at(spend), at(spend * k)
    assert (many["ltv_roas"] * k).tolist() == pytest.approx(one["ltv_roas"].tolist(), rel=1e-12)
    assert (many["short_roas"] * k).tolist() == pytest.approx(one["short_roas"].tolist(), rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(m1=st.floats(0.0, 1.0), m2=st.floats(0.0, 1.0))
def test_payback_month_is_monotone_in_margin(m1, m2):
    customers, transactions, costs = _roas_inputs()
    lo, hi = sorted((m1, m2))
    month = lambda m: [math.inf if pd.isna(v) else v for v in channel_roas(
        customers, transactions=transactions, costs=costs, gross_margin=m)["payback_month"]]
    assert all(a <= b for a, b in zip(month(hi), month(lo)))


def _cohorts(big: int, small: int) -> pd.DataFrame:
    # "referral" keeps 85 %, 88 %, 91 % of its survivors; "ads" 60 %, 75 %, 83 %; "tiny" a small cohort.
    ref = [200, 170, 150, 136]
    ads = [200, 120, 90, 75]
    tiny = [small, small - 2, small - 3]
    rows = []
    for chan, curve in (("referral", ref), ("ads", ads), ("tiny", tiny)):
        for age, s in enumerate(curve):
            rows.append({"channel": chan, "cohort": "2024-01", "age": age, "surviving_customers": s,
                         "active_customers": s, "revenue": 100.0 * s})
    del big
    return pd.DataFrame(rows)


def _leads() -> pd.DataFrame:
    return pd.DataFrame({"channel": ["referral"] * 10 + ["ads"] * 10 + ["tiny"] * 5,
                         "converted": ([1] * 2 + [0] * 8) * 2 + [1, 0, 0, 0, 0]})


def test_retention_by_source_and_the_pooled_fallback():
    table = _cohorts(200, 10)
    out = channel_retention(table, leads=_leads(), gross_margin=0.8, discount_rate=0.01, prior_strength=0)
    rows = {r["channel"]: r for r in out.to_dict("records")}
    # Sizes 200, 200 and 10: tiny is below min_customers = 100 -> the pooled fit over all three cohorts.
    assert [rows[c]["fit"] for c in ("ads", "referral", "tiny")] == ["channel", "channel", "pooled"]
    pooled = ltv.retention.SbgFit.fit_cohorts(cohorts=[[200, 120, 90, 75], [200, 170, 150, 136], [10, 8, 7]])
    assert (rows["tiny"]["alpha"], rows["tiny"]["beta"]) == pytest.approx((pooled.alpha, pooled.beta))
    own = ltv.retention.SbgFit.fit_cohorts(cohorts=[[200, 170, 150, 136]])
    assert rows["referral"]["alpha"] == pytest.approx(own.alpha)
    # Retention LTV of referral = cohort_ltv under its own fit (one cohort: the weighted mean is that value).
    one = ltv.retention.cohort_ltv(surviving_customers=[200, 170, 150, 136], active_customers=[200, 170, 150, 136],
                                   revenue=[20000.0, 17000.0, 15000.0, 13600.0], gross_margin=0.8,
                                   discount_rate=0.01, model=own)
    assert rows["referral"]["retention_ltv"] == pytest.approx(one.ltv_per_customer)
    assert rows["referral"]["retention_ltv"] > rows["ads"]["retention_ltv"]
    # Simple formula: ARPU 100, churn 1 - (170 + 150 + 136) / (200 + 170 + 150) = 64 / 520.
    assert rows["referral"]["simple_ltv"] == pytest.approx(100 * 0.8 / (64 / 520))
    # Lead LTV = conversion rate x customer LTV: 2 / 10 without shrinkage; tiny 1 / 5.
    assert rows["referral"]["conversion_rate"] == pytest.approx(0.2)
    assert rows["referral"]["lead_ltv"] == pytest.approx(0.2 * rows["referral"]["retention_ltv"])
    assert rows["tiny"]["lead_ltv_simple"] == pytest.approx(0.2 * rows["tiny"]["simple_ltv"])
    # min_customers = 5 fits tiny alone.
    alone = channel_retention(table, leads=_leads(), gross_margin=0.8, discount_rate=0.01, min_customers=5)
    assert alone["fit"].tolist() == ["channel", "channel", "channel"]


def test_retention_needs_leads_for_every_channel():
    leads = _leads()
    with pytest.raises(ltv.InvalidInputError, match="tiny"):
        channel_retention(_cohorts(200, 10), leads=leads[leads["channel"] != "tiny"], gross_margin=0.8)
    with pytest.raises(ltv.InvalidInputError, match="tv"):
        extra = pd.concat([leads, pd.DataFrame({"channel": ["tv"], "converted": [0]})])
        channel_retention(_cohorts(200, 10), leads=extra, gross_margin=0.8)


def _leads_with_ages() -> pd.DataFrame:
    # a: 3 sales after 10, 20, 30 days (median 20), observed 100 days. b: no sale, leads 30 and 35 days old.
    return pd.DataFrame({
        "channel": ["a", "a", "a", "b", "b"],
        "converted": [1, 1, 1, 0, 0],
        "customer_ltv": [1000.0, 1000.0, 1000.0, None, None],
        "cost_per_lead": [10.0] * 5,
        "days_to_close": [10, 20, 30, None, None],
        "age_days": [100, 90, 80, 30, 35],
    })


def test_sufficiency_warnings_by_hand():
    t = segment_table(_leads_with_ages(), age_days="age_days")
    got = [(w["kind"], w["segment"], w["ratio"]) for w in t.warnings]
    # no_conversions for b first (the segment table's own; b's shrunk rate keeps the spread below 10x), then per segment: a has 3 < 30 conversions (0.1);
    # b's history 35 < 2 x pooled median 20 = 40 (0.875) and 0 conversions (0).
    assert got == [("no_conversions", "b", None), ("few_conversions", "a", 0.1),
                   ("short_history", "b", 0.875), ("few_conversions", "b", 0.0)]
    # Without age_days the table keeps its earlier warnings only.
    assert [w["kind"] for w in segment_table(_leads_with_ages()).warnings] == ["no_conversions"]


def test_open_conversion_window_warning():
    df = pd.DataFrame({"channel": ["a"] * 5, "converted": [1, 0, 0, 0, 0],
                       "customer_ltv": [1000.0, None, None, None, None], "cost_per_lead": [1.0] * 5,
                       "days_to_close": [10, None, None, None, None], "age_days": [100, 5, 8, 50, 2]})
    w = segment_table(df, age_days="age_days", min_conversions=1).warnings
    # Window = median days to close 10: leads aged 5, 8, 2 are open: 3 / 5 = 0.6 > 0.5.
    assert [(x["kind"], x["ratio"]) for x in w] == [("open_conversion_window", 0.6)]
    assert segment_table(df, age_days="age_days", min_conversions=1, open_share=0.6).warnings == []
    # A 60-day window: 4 / 5 open.
    w = segment_table(df, age_days="age_days", min_conversions=1, conversion_window_days=60).warnings
    assert w[0]["ratio"] == pytest.approx(0.8)
    # 12 sales cycles of 10 days = 120 days > the 100 observed: short history, 100 / 120.
    w = segment_table(df, age_days="age_days", min_conversions=1, sales_cycles=12).warnings
    assert w[0]["kind"] == "short_history" and w[0]["ratio"] == pytest.approx(100 / 120)


def test_sufficiency_errors_name_the_row():
    df = _leads_with_ages().assign(age_days=[100, 90, -1, 30, 35])
    with pytest.raises(ltv.InvalidInputError) as e:
        segment_table(df, age_days="age_days")
    assert (e.value.field, e.value.row) == ("age_days", 2)
    with pytest.raises(ltv.InvalidInputError) as e:
        segment_table(_leads_with_ages(), age_days="age_days", open_share=2)
    assert e.value.field == "open_share"


def _vector_cases():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "vectors" / "channels" / "roas.json"
    return json.loads(path.read_text())["cases"]


@pytest.mark.parametrize("case", _vector_cases(), ids=lambda c: c["name"])
def test_roas_vectors(case):
    # The same vectors as crates/ltv-core/tests/channels_vectors.rs (Python decimal oracle), through the f64 binding.
    import numpy as np

    from ltv import _ltv

    col = lambda rows, key, dtype: np.array([float(r[key]) if dtype is float else r[key] for r in rows], dtype=dtype)
    sp, cu, ma = case["spend"], case["customers"], case["margins"]
    out = _ltv._channel_roas(
        case["labels"], col(sp, "channel", np.int64), col(sp, "spend", float),
        col(cu, "channel", np.int64), col(cu, "short_window_revenue", float), col(cu, "lifetime_value", float),
        col(ma, "channel", np.int64), col(ma, "month", np.int64), col(ma, "margin", float),
        float(case["short_roas_below"]), float(case["ltv_roas_at_least"]),
    )
    expected = case["expected"]
    assert out["channel"] == [r["channel"] for r in expected]
    assert out["customers"] == [r["customers"] for r in expected]
    for key in ("spend", "short_window_revenue", "lifetime_value", "short_roas", "ltv_roas"):
        want = [None if r[key] is None else float(r[key]) for r in expected]
        assert [v is None for v in out[key]] == [w is None for w in want], key
        assert [v for v in out[key] if v is not None] == pytest.approx([w for w in want if w is not None], rel=1e-9)
    assert out["payback_month"] == [r["payback_month"] for r in expected]
    assert out["undervalued_short_term"] == [r["undervalued_short_term"] for r in expected]


def test_retention_errors_name_the_row():
    table = _cohorts(200, 10)
    bad = table.assign(surviving_customers=table["surviving_customers"].astype(float))
    bad.loc[5, "surviving_customers"] = float("nan")
    with pytest.raises(ltv.InvalidInputError) as e:
        channel_retention(bad, leads=_leads(), gross_margin=0.8)
    assert (e.value.field, e.value.row) == ("surviving_customers", 5)
    gap = table.drop(index=1).reset_index(drop=True)  # referral's age 1 missing: ages 0, 2, 3
    with pytest.raises(ltv.InvalidInputError, match="age 1 expected") as e:
        channel_retention(gap, leads=_leads(), gross_margin=0.8)
    assert (e.value.field, e.value.row) == ("age", 1)


def test_retention_polars_in_polars_out():
    out = channel_retention(pl.from_pandas(_cohorts(200, 10)), leads=pl.from_pandas(_leads()), gross_margin=0.8,
                            discount_rate=0.01, prior_strength=0)
    assert isinstance(out, pl.DataFrame)
    expected = channel_retention(_cohorts(200, 10), leads=_leads(), gross_margin=0.8, discount_rate=0.01,
                                 prior_strength=0)
    assert out["fit"].to_list() == expected["fit"].tolist()
    assert out["lead_ltv"].to_list() == pytest.approx(expected["lead_ltv"].tolist())


def test_retention_falls_back_when_the_channel_fit_fails():
    # "tiny" observed at age 0 only: nothing to fit alone even above min_customers, so the pooled fit values it.
    table = _cohorts(200, 10)
    table = table[~((table["channel"] == "tiny") & (table["age"] > 0))].reset_index(drop=True)
    out = channel_retention(table, leads=_leads(), gross_margin=0.8, discount_rate=0.01, min_customers=5)
    assert out["fit"].tolist() == ["channel", "channel", "pooled"]
    assert math.isnan(out["simple_ltv"].iloc[2]) and out["retention_ltv"].iloc[2] > 0
