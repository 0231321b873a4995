"""ltv.leads and ltv.benchmarks: exact values, frames in and out (pandas and polars), warnings as data, error
kinds with rows, the synthetic lead table, and Hypothesis properties."""

from __future__ import annotations

import math
import pathlib
from decimal import Decimal

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
import ltv.benchmarks
import ltv.leads

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data" / "leads.csv"


def _pl(df: pd.DataFrame) -> pl.DataFrame:
    """A polars copy built from plain lists (pl.from_pandas would need pyarrow)."""
    return pl.DataFrame({c: df[c].tolist() for c in df.columns}, nan_to_null=False, strict=False)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "channel": ["ads"] * 10 + ["podcast"] * 3,
            "converted": [1, 1] + [0] * 8 + [1, 0, 0],
            "customer_ltv": [10_000.0, 10_000.0] + [np.nan] * 8 + [12_000.0, np.nan, np.nan],
            "cost_per_lead": [100.0] * 13,
            "days_to_close": [30.0, 40.0] + [np.nan] * 8 + [45.0, np.nan, np.nan],
        }
    )


# --- one lead, one account -----------------------------------------------------------------------------------


def test_explain_lead_value_seed_examples_exact() -> None:
    v = ltv.leads.explain_lead_value(conversion_probability=0.05, customer_ltv=20_000, months_to_close=3, days_since_engagement=30)
    assert v.value == Decimal("1000") and v.discount_factor == 1 and not v.zombie
    net = ltv.leads.explain_lead_value(
        conversion_probability=0.05, customer_ltv=20_000, months_to_close=3, days_since_engagement=30, nurture_cost=150
    )
    assert net.value == Decimal("850")
    zombie = ltv.leads.explain_lead_value(
        conversion_probability=0.05, customer_ltv=20_000, months_to_close=3, days_since_engagement=180
    )
    assert zombie.value == 0 and zombie.zombie
    late = ltv.leads.explain_lead_value(
        conversion_probability="0.03", customer_ltv=50_000, months_to_close=24, days_since_engagement=1
    )
    assert late.value.quantize(Decimal("0.01")) == Decimal("1239.67")
    # The same rule as the existing lead_value.
    assert late.value == ltv.lead_value(customer_ltv=50_000, conversion_probability="0.03", months_to_close=24,
                                        days_since_engagement=1)


def test_explain_lists_each_step() -> None:
    v = ltv.leads.explain_lead_value(
        conversion_probability=0.05, customer_ltv=20_000, months_to_close=24, days_since_engagement=30, nurture_cost=100
    )
    steps = v.steps()
    assert [s["step"] for s in steps] == ["base", "discount", "nurture_cost", "zombie"]
    assert [s["value_after"].quantize(Decimal("0.01")) for s in steps] == [
        Decimal("1000.00"), Decimal("826.45"), Decimal("726.45"), Decimal("726.45")]
    assert steps[2]["effect"] == Decimal("-100")
    text = v.explain()
    assert str(v) == text and len(text.splitlines()) == 5
    assert "closes in 24 months (> 12)" in text and text.rstrip().endswith("726.45")
    frame = pd.DataFrame(steps)
    assert list(frame.columns) == ["step", "detail", "effect", "value_after"]
    assert "LeadValuation(value=726.4463" in repr(v)


def test_account_value_against_naive_sum() -> None:
    a = ltv.leads.account_value(
        stakeholder_probabilities=[0.2, 0.3, 0.5], account_ltv=100_000, months_to_close=6, days_since_engagement=10
    )
    assert (a.p_any, a.p_account, a.value) == (Decimal("0.72"), Decimal("0.864"), Decimal("86400"))
    assert (a.naive_sum, a.difference) == (Decimal("100000"), Decimal("13600"))
    capped = ltv.leads.account_value(
        stakeholder_probabilities=["0.9"] * 3, account_ltv=1_000, months_to_close=1, days_since_engagement=1
    )
    assert capped.capped and capped.p_account == 1 and capped.p_uncapped == Decimal("1.1988")
    two = ltv.leads.account_value(
        stakeholder_probabilities=(0.5, 0.5), account_ltv=1_000, months_to_close=1, days_since_engagement=1,
        committee_size=2, committee_multiplier=1.5,
    )
    assert two.multiplier == Decimal("1.5") and two.p_account == 1 and two.capped
    assert set(a.to_dict()) >= {"p_any", "capped", "naive_sum", "difference"}


def test_shrunk_rate_three_leads_one_sale() -> None:
    rate = ltv.leads.shrunk_conversion_rate(conversions=1, leads=3, prior_rate=ltv.benchmarks.conversion_rate("saas"))
    # Rust keeps 28 decimal places (Python's context 28 significant digits): equal to 26 places.
    assert rate.quantize(Decimal("1e-26")) == (Decimal("1.34") / Decimal("23")).quantize(Decimal("1e-26"))


@pytest.mark.parametrize(
    ("kwargs", "kind", "field"),
    [
        ({"conversion_probability": 5}, "invalid_input", "conversion_probability"),
        ({"customer_ltv": -1}, "invalid_input", "customer_ltv"),
        ({"nurture_cost": float("nan")}, "not_finite", "nurture_cost"),
        ({"zombie_after_days": -3}, "invalid_input", "zombie_after_days"),
    ],
)
def test_explain_lead_value_errors(kwargs: dict, kind: str, field: str) -> None:
    args = {"conversion_probability": 0.1, "customer_ltv": 1_000, "months_to_close": 1, "days_since_engagement": 1}
    args.update(kwargs)
    with pytest.raises(ltv.LtvError) as info:
        ltv.leads.explain_lead_value(**args)
    assert (info.value.kind, info.value.field) == (kind, field)


def test_account_value_errors() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.account_value(stakeholder_probabilities=[], account_ltv=1, months_to_close=1, days_since_engagement=1)
    assert info.value.field == "stakeholder_probabilities"
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.account_value(stakeholder_probabilities=[0.5, 50], account_ltv=1, months_to_close=1,
                                days_since_engagement=1)
    assert info.value.field == "stakeholder_probabilities" and "did you mean 0.5" in str(info.value)
    with pytest.raises(TypeError):
        ltv.leads.account_value(stakeholder_probabilities=[True], account_ltv=1, months_to_close=1,
                                days_since_engagement=1)


# --- tables --------------------------------------------------------------------------------------------------


def test_segment_table_pandas() -> None:
    r = ltv.leads.segment_table(_frame())
    t = r.table
    assert list(t.segment) == ["ads", "podcast"]
    assert list(t.columns) == ["segment", "leads", "conversions", "conversion_rate", "shrunk_rate", "avg_customer_ltv",
                               "ltv_basis", "lead_ltv", "cost_per_lead", "ltv_cpl", "ltv_cpl_band", "bid_cap",
                               "avg_days_to_close"]
    podcast = t.iloc[1]
    blended = 3 / 13
    assert podcast.conversion_rate == pytest.approx(1 / 3)
    assert podcast.shrunk_rate == pytest.approx((1 + 20 * blended) / 23, rel=1e-12)
    assert podcast.lead_ltv == pytest.approx(podcast.shrunk_rate * 12_000, rel=1e-12)
    assert podcast.bid_cap == pytest.approx(podcast.lead_ltv / 3, rel=1e-12)
    assert podcast.ltv_cpl == pytest.approx(podcast.lead_ltv / 100, rel=1e-12)
    assert podcast.ltv_cpl_band == "under_investing"
    assert t.iloc[0].avg_days_to_close == 35
    assert r.overall["segment"] == "all" and r.overall["leads"] == 13
    assert r.prior_rate == pytest.approx(blended) and r.prior_strength == 20
    assert r.warnings == [] and len(r.warnings_frame()) == 0
    assert "SegmentTable(prior_rate=0.230769" in repr(r)


def test_segment_table_polars_in_polars_out_and_benchmark_prior() -> None:
    df = _pl(_frame())
    r = ltv.leads.segment_table(df, prior_rate="saas")
    assert isinstance(r.table, pl.DataFrame)
    assert r.prior_rate == pytest.approx(0.017)
    assert r.table["shrunk_rate"][1] == pytest.approx((1 + 20 * 0.017) / 23, rel=1e-12)
    same = ltv.leads.segment_table(_frame(), prior_rate=0.017)
    assert same.table.lead_ltv.tolist() == pytest.approx(r.table["lead_ltv"].to_list(), rel=1e-15)
    assert isinstance(r.warnings_frame(), pl.DataFrame)
    d = ltv.leads.segment_table(_frame().to_dict("list"))
    assert isinstance(d.table, pd.DataFrame)


def test_spread_and_no_conversion_warnings() -> None:
    df = pd.DataFrame({"channel": ["a", "a", "b", "b", "c"], "converted": [True, False, True, False, False],
                       "customer_ltv": [50_000, None, 1_000, None, None], "cost_per_lead": [10] * 5})
    r = ltv.leads.segment_table(df, days_to_close=None)
    kinds = [w["kind"] for w in r.warnings]
    assert kinds == ["lead_ltv_spread", "no_conversions"]
    spread, none = r.warnings
    assert (spread["max_segment"], spread["min_segment"], spread["metric"]) == ("a", "b", "lead_ltv")
    assert spread["ratio"] >= 10 and "hides a" in spread["message"]
    assert none["segment"] == "c" and "pooled" in none["message"]
    c = r.table.iloc[2]
    assert math.isnan(c.avg_customer_ltv) and c.ltv_basis == "pooled" and c.lead_ltv > 0
    w = r.warnings_frame()
    assert list(w.columns) == ["kind", "metric", "segment", "max_segment", "min_segment", "ratio", "message"]


@pytest.mark.parametrize(
    ("column", "value", "row", "kind", "field"),
    [
        ("cost_per_lead", -1.0, 4, "invalid_input", "cost_per_lead"),
        ("converted", 2, 3, "invalid_input", "converted"),
        ("customer_ltv", np.nan, 0, "invalid_input", "customer_ltv"),
        ("cost_per_lead", np.inf, 2, "not_finite", "cost_per_lead"),
    ],
)
def test_segment_table_errors_name_the_row(column: str, value: float, row: int, kind: str, field: str) -> None:
    df = _frame()
    df.loc[row, column] = value
    with pytest.raises(ltv.LtvError) as info:
        ltv.leads.segment_table(df)
    assert (info.value.kind, info.value.field, info.value.row) == (kind, field, row)
    assert str(info.value).startswith(f"row {row}: ")


def test_segment_table_option_and_encoding_errors() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(_frame(), prior_rate=1.7)
    assert info.value.field == "prior_rate"
    with pytest.raises(ltv.InvalidInputError):
        ltv.leads.segment_table(_frame(), prior_rate="mars")
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(_frame(), prior_strength=-1)
    assert info.value.field == "prior_strength"
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(_frame(), healthy_min=5, healthy_max=3)
    assert info.value.field == "healthy_max"
    df = _frame()
    df.loc[5, "channel"] = None
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(df)
    assert (info.value.field, info.value.row) == ("segment", 5)
    with pytest.raises(KeyError, match="cost_per_lead"):
        ltv.leads.segment_table(_frame().drop(columns="cost_per_lead"))
    with pytest.raises(ltv.UndefinedError):
        ltv.leads.segment_table(_frame().assign(converted=0))


def test_lead_cohorts_pandas_and_polars() -> None:
    df = pd.DataFrame({"channel": ["ads", "ads", "ads", "seo"], "created": ["2026-01-31", "2026-01-01", "2026-02-01",
                                                                          "2026-02-15"],
                       "converted": [1, 0, 0, 1], "customer_ltv": [1_000, None, None, 3_000]})
    out = ltv.leads.lead_cohorts(df, prior_strength=0)
    assert out[["channel", "month", "leads", "conversions"]].values.tolist() == [
        ["ads", "2026-01", 2, 1], ["ads", "2026-02", 1, 0], ["seo", "2026-02", 1, 1]]
    assert out.lead_ltv.tolist() == [500.0, 0.0, 3_000.0]
    pl_out = ltv.leads.lead_cohorts(_pl(df))
    assert isinstance(pl_out, pl.DataFrame) and pl_out["month"].to_list() == ["2026-01", "2026-02", "2026-02"]
    # Shrunk toward the channel's blended rate (ads: 1 of 3).
    assert pl_out["shrunk_rate"][1] == pytest.approx((0 + 20 / 3) / 21, rel=1e-12)
    typed = _pl(df).with_columns(pl.col("created").str.to_date(), pl.col("channel").cast(pl.Categorical))
    assert ltv.leads.lead_cohorts(typed)["lead_ltv"].to_list() == pl_out["lead_ltv"].to_list()
    bad = df.assign(created=["2026-01-31", None, "2026-02-01", "2026-02-15"])
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.lead_cohorts(bad)
    assert (info.value.field, info.value.row) == ("created", 1)


def test_compare_campaigns() -> None:
    df = pd.DataFrame({"campaign": ["b", "a", "a", "c"], "p": [0.1, 0.2, 0.2, 0.5], "ltv": [1_000.0] * 4,
                       "cost_per_lead": [10.0, 10.0, 10.0, 0.0]})
    out = ltv.leads.compare_campaigns(df, conversion_probability="p", customer_ltv="ltv")
    assert out.campaign.tolist() == ["c", "a", "b"]
    assert out.total_value.tolist() == pytest.approx([500.0, 400.0, 100.0])
    assert math.isnan(out.value_per_cost.iloc[0])
    by_return = ltv.leads.compare_campaigns(df, conversion_probability="p", customer_ltv="ltv", rank_by="value_per_cost")
    assert by_return.campaign.tolist() == ["a", "b", "c"] and by_return["rank"].tolist() == [1, 2, 3]
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.compare_campaigns(df, conversion_probability="p", customer_ltv="ltv", rank_by="roi")
    assert info.value.field == "rank_by"
    with pytest.raises(TypeError):
        ltv.leads.compare_campaigns(df)
    pl_out = ltv.leads.compare_campaigns(_pl(df), conversion_probability="p", customer_ltv="ltv")
    assert isinstance(pl_out, pl.DataFrame) and pl_out["campaign"].to_list() == ["c", "a", "b"]


def test_the_synthetic_lead_table() -> None:
    df = pd.read_csv(DATA)
    assert len(df) == 2_003
    assert list(df.columns) == ["lead_id", "account_id", "channel", "campaign", "created", "converted", "customer_ltv",
                                "cost_per_lead", "days_to_close", "days_since_engagement", "pricing_page_visits",
                                "webinar_attended", "email_opens", "company_size", "industry"]
    podcast = df[df.channel == "podcast"]
    assert (len(podcast), podcast.converted.sum()) == (3, 1)
    assert df.customer_ltv.isna().eq(df.converted == 0).all()
    r = ltv.leads.segment_table(df)
    row = r.table.set_index("segment").loc["podcast"]
    assert row.conversion_rate == pytest.approx(1 / 3) and row.shrunk_rate < 0.2
    cohorts = ltv.leads.lead_cohorts(df)
    assert cohorts.leads.sum() == 2_003


# --- benchmarks ----------------------------------------------------------------------------------------------


def test_benchmarks() -> None:
    assert ltv.benchmarks.conversion_rate("b2b_services") == Decimal("0.030")
    assert ltv.benchmarks.cost_per_lead("marketing_agencies") == Decimal("172")
    assert ltv.benchmarks.median_ltv_cac("smb") == Decimal("2.8")
    assert ltv.benchmarks.find("healthy_ltv_cac_max", "all")["value"] == 5
    assert all(f["source"] for f in ltv.benchmarks.figures())
    assert ltv.benchmarks.find("customer_ltv_min", "enterprise")["unit"] == "usd"
    with pytest.raises(KeyError, match="known segments"):
        ltv.benchmarks.conversion_rate("crypto")
    with pytest.raises(KeyError, match="known metrics"):
        ltv.benchmarks.find("churn", "all")
    with pytest.raises(KeyError) as info:
        ltv.benchmarks.median_ltv_cac("startup")
    assert info.value.args[0] == ("median_ltv_cac for segment 'startup': no such benchmark; known segments: "
                                  "['enterprise', 'mid_market', 'smb']")


# --- properties ----------------------------------------------------------------------------------------------

fractions = st.decimals(min_value=0, max_value=1, places=4)


@given(leads=st.integers(1, 10_000), data=st.data(), k=st.integers(0, 500), prior=fractions)
def test_shrunk_rate_between_raw_and_prior(leads: int, data: st.DataObject, k: int, prior: Decimal) -> None:
    conversions = data.draw(st.integers(0, leads))
    rate = ltv.leads.shrunk_conversion_rate(conversions=conversions, leads=leads, prior_rate=prior, prior_strength=k)
    raw = Decimal(conversions) / Decimal(leads)
    # Both sides are rounded in the 28th digit (Rust: 28 decimal places; Python: 28 significant digits).
    ulp = Decimal("1e-27")
    assert min(raw, prior) - ulp <= rate <= max(raw, prior) + ulp


@given(ps=st.lists(fractions, min_size=1, max_size=6), mult=st.decimals(min_value=1, max_value=3, places=2))
def test_account_probability_bounds(ps: list, mult: Decimal) -> None:
    a = ltv.leads.account_value(stakeholder_probabilities=ps, account_ltv=1_000, months_to_close=1,
                                days_since_engagement=0, committee_multiplier=mult)
    assert max(ps) <= a.p_account <= 1
    assert a.capped == (a.p_uncapped > 1)


@given(days=st.integers(180, 10_000), p=fractions, ltv_=st.integers(0, 10**7), nurture=st.integers(0, 1_000))
def test_zombie_is_zero(days: int, p: Decimal, ltv_: int, nurture: int) -> None:
    v = ltv.leads.explain_lead_value(conversion_probability=p, customer_ltv=ltv_, months_to_close=30,
                             days_since_engagement=days, nurture_cost=nurture)
    assert v.value == 0 and v.zombie


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.booleans(), st.integers(0, 100_000),
                          st.integers(0, 500)), min_size=1, max_size=40).filter(lambda rows: any(r[1] for r in rows)))
def test_segment_table_matches_a_pandas_oracle(rows: list) -> None:
    df = pd.DataFrame(rows, columns=["channel", "converted", "customer_ltv", "cost_per_lead"])
    df["customer_ltv"] = df.customer_ltv.where(df.converted).astype(float)
    r = ltv.leads.segment_table(df, days_to_close=None, prior_strength=0)
    g = df.groupby("channel")
    oracle = (g.converted.mean() * g.customer_ltv.mean().fillna(df.customer_ltv.mean())).fillna(0)
    assert r.table.set_index("segment").lead_ltv.tolist() == pytest.approx(oracle.tolist(), rel=1e-12, abs=1e-9)


# --- one vocabulary: renamed names, their deprecated aliases, defaults and messages from Rust ---------------


def test_explain_lead_value_takes_lead_values_arguments_in_its_order() -> None:
    import inspect

    # lead_value's probability keyword is being renamed conversion_rate -> conversion_probability elsewhere.
    plain = ["conversion_probability" if p == "conversion_rate" else p
             for p in inspect.signature(ltv.lead_value).parameters]
    explain = [p for p in inspect.signature(ltv.explain_lead_value).parameters if p != "nurture_cost"]
    assert explain == plain
    kwargs = dict(customer_ltv=20_000, months_to_close=24, days_since_engagement=30)
    probability = {p: 0.05 for p in inspect.signature(ltv.lead_value).parameters if p.startswith("conversion_")}
    v = ltv.explain_lead_value(conversion_probability=0.05, **kwargs)
    assert v.value == ltv.lead_value(**probability, **kwargs)
    assert ltv.leads.explain_lead_value is ltv.explain_lead_value
    assert ltv.leads.account_value is ltv.account_value


@pytest.mark.parametrize("module", [ltv, ltv.leads])
def test_value_lead_is_a_deprecated_alias(module: object) -> None:
    kwargs = dict(conversion_probability=0.05, customer_ltv=20_000, months_to_close=24, days_since_engagement=30,
                  nurture_cost=100)
    with pytest.warns(DeprecationWarning, match="use ltv.explain_lead_value"):
        old = getattr(module, "value_lead")(**kwargs)
    assert old == ltv.explain_lead_value(**kwargs)


@pytest.mark.parametrize("module", [ltv, ltv.leads])
def test_value_account_is_a_deprecated_alias(module: object) -> None:
    kwargs = dict(stakeholder_probabilities=[0.2, 0.3, 0.5], account_ltv=100_000, months_to_close=6,
                  days_since_engagement=10)
    with pytest.warns(DeprecationWarning, match="use ltv.account_value"):
        old = getattr(module, "value_account")(**kwargs)
    assert old == ltv.account_value(**kwargs)


@pytest.mark.parametrize("module", [ltv, ltv.leads])
def test_segment_report_is_a_deprecated_alias(module: object) -> None:
    with pytest.warns(DeprecationWarning, match="renamed SegmentTable"):
        old = getattr(module, "SegmentReport")
    assert old is ltv.leads.SegmentTable is ltv.SegmentTable
    assert isinstance(ltv.leads.segment_table(_frame()), old)
    with pytest.raises(AttributeError):
        getattr(module, "NoSuchName")


def test_table_defaults_come_from_rust() -> None:
    import inspect

    defaults = ltv._ltv._defaults()
    assert defaults == {"prior_strength": 20.0, "target_ratio": 3.0, "healthy_min": 3.0, "healthy_max": 5.0,
                        "spread_threshold": 10.0, "rank_by": "total_value", "unit": "month"}
    table = inspect.signature(ltv.leads.segment_table).parameters
    for name in ("prior_strength", "target_ratio", "healthy_min", "healthy_max", "spread_threshold"):
        assert table[name].default == defaults[name], name
    assert inspect.signature(ltv.leads.lead_cohorts).parameters["prior_strength"].default == defaults["prior_strength"]
    assert inspect.signature(ltv.leads.compare_campaigns).parameters["rank_by"].default == defaults["rank_by"]
    assert inspect.signature(ltv.cohort.cohort_table).parameters["unit"].default == defaults["unit"]


def test_python_side_checks_raise_rusts_invalid_input_error() -> None:
    from ltv._columns import invalid_input

    err = invalid_input("segment", "missing", 5, "a label")
    assert isinstance(err, ltv.InvalidInputError)
    assert str(err) == "row 5: segment = missing is out of range: expected a label"
    assert (err.field, err.value, err.kind, err.row) == ("segment", "missing", "invalid_input", 5)
    whole = invalid_input("prior_rate", "'mars'", None, "a rate")
    assert str(whole) == "prior_rate = 'mars' is out of range: expected a rate" and whole.row is None
    # The same text as a Rust error of the same kind.
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.compare_campaigns(pd.DataFrame({"campaign": ["a"], "v": [1.0], "cost_per_lead": [1.0]}), value="v",
                                    rank_by="roi")
    assert str(info.value) == "rank_by = 'roi' is out of range: expected 'total_value', 'value_per_cost' or 'value_per_lead'"


def test_lead_cohort_months_are_computed_in_rust_from_days() -> None:
    # Month boundaries, a leap day and a date before 1970, through pandas datetimes, strings and polars dates.
    created = ["1969-12-31", "1970-01-01", "2024-02-29", "2024-03-01", "0001-01-01", "9999-12-31"]
    df = pd.DataFrame({"channel": ["a"] * 6, "created": created, "converted": [1] * 6, "customer_ltv": [1.0] * 6})
    months = ["0001-01", "1969-12", "1970-01", "2024-02", "2024-03", "9999-12"]
    assert ltv.leads.lead_cohorts(df)["month"].tolist() == months
    typed = _pl(df).with_columns(pl.col("created").str.to_date())
    assert ltv.leads.lead_cohorts(typed)["month"].to_list() == months
    aware = df.iloc[1:4].assign(created=pd.to_datetime(created[1:4]).tz_localize("Europe/Berlin"))
    assert ltv.leads.lead_cohorts(aware)["month"].tolist() == ["1970-01", "2024-02", "2024-03"]


def test_labels_that_read_the_same_are_an_error_not_two_rows_with_one_name() -> None:
    df = pd.DataFrame({
        "channel": pd.Series([1, "1", "ads", 1], dtype=object),
        "converted": [True, False, True, False],
        "customer_ltv": [1000.0, None, 500.0, None],
        "cost_per_lead": [10.0, 10.0, 5.0, 10.0],
        "days_to_close": [30.0, None, 20.0, None],
    })
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(df)
    err = info.value
    assert (err.field, err.row) == ("segment", 1)
    assert "both read '1'" in str(err)
    with pytest.raises(ltv.InvalidInputError):
        ltv.leads.compare_campaigns(df.rename(columns={"channel": "campaign"}).assign(value=1.0), value="value")


def test_labels_of_mixed_types_that_differ_as_text_are_ordered_by_their_text() -> None:
    df = pd.DataFrame({
        "channel": pd.Series([2, "b", "a", 2], dtype=object),
        "converted": [True, False, True, False],
        "customer_ltv": [1000.0, None, 500.0, None],
        "cost_per_lead": [10.0, 10.0, 5.0, 10.0],
        "days_to_close": [30.0, None, 20.0, None],
    })
    rows = ltv.leads.segment_table(df, prior_strength=0).table
    assert list(rows["segment"]) == ["2", "a", "b"]
    assert list(rows["leads"]) == [2, 1, 1]
