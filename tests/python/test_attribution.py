"""ltv.attribution: the shared vectors (tests/vectors/attribution/attribution.json, exact fractions from
generate.py) through pandas and polars, Decimal in and out, the errors naming the row, and Hypothesis
properties (sum to value under every model, one-channel journeys, row order)."""

from __future__ import annotations

import json
import math
import pathlib
from decimal import Decimal
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
import ltv.attribution as attribution

VECTORS = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "attribution" / "attribution.json").read_text()
)
CASES = [pytest.param(c, id=c["name"]) for c in VECTORS["cases"]]
ERRORS = [pytest.param(c, id=c["name"]) for c in VECTORS["errors"]]


def _frames(case: Dict[str, Any], decimal: bool) -> Any:
    tps = case.get("touchpoints", [])
    outs = case.get("outcomes", [])
    money = (lambda s: Decimal(s)) if decimal else (lambda s: float(s))
    tp = pd.DataFrame({
        "journey": [r[0] for r in tps],
        "timestamp": [float(r[1]) if r[1] != "NaN" else math.nan for r in tps],
        "channel": [r[2] for r in tps],
        "cost": [None if r[3] is None else money(r[3]) for r in tps] if decimal else
                [math.nan if r[3] is None else float(r[3]) for r in tps],
    })
    out = pd.DataFrame({
        "journey": [r[0] for r in outs],
        "converted": [bool(r[1]) for r in outs],
        "value": [money(r[2]) for r in outs],
        "conversion_time": [math.nan if r[3] is None else float(r[3]) for r in outs],
    })
    return tp, out


def _kwargs(case: Dict[str, Any]) -> Dict[str, Any]:
    o = case.get("options", {})
    kw: Dict[str, Any] = {k: o[k] for k in ("direct_channel", "half_life_days", "first_share", "last_share", "decimals") if k in o}
    kw["costs"] = {r[0]: r[1] for r in case.get("costs", [])} or None
    kw["cost"] = "cost"
    kw["conversion_time"] = "conversion_time"
    return kw


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("decimal", [True, False])
def test_vectors_channel_and_journey_credits(case: Dict[str, Any], decimal: bool) -> None:
    tp, out = _frames(case, decimal)
    models = list(case["expected"])
    r = attribution.attribute(tp, out, models=models, per_journey=True, **_kwargs(case))
    assert list(r.channels["channel"]) == case["channels"]
    for m in models:
        for i, c in enumerate(case["channels"]):
            want_conv, want_value = case["expected"][m][c]
            got = r.channels[f"{m}_value"].iloc[i]
            if decimal:
                assert isinstance(got, Decimal) and got == Decimal(want_value), (m, c, got)
            else:
                assert got == float(want_value), (m, c, got)
            assert r.channels[f"{m}_conversions"].iloc[i] == float(want_conv)
    per = {(row["journey"], c): v for row in case["per_journey"] for m_, cs in row["credits"].items() for c, v in cs.items() if m_ == models[0]}
    assert len(r.journeys) == len(per)
    for m in models:
        for j, c, v in zip(r.journeys["journey"], r.journeys["channel"], r.journeys[f"{m}_value"]):
            want = next(row for row in case["per_journey"] if row["journey"] == j)["credits"][m][c][1]
            assert Decimal(str(v)) == Decimal(want)
    for c, e in case["removal_effects"].items():
        assert r.removal_effects is not None and abs(r.removal_effects[c] - e) < 1e-12
    assert abs(r.conversion_probability - case["conversion_probability"]) < 1e-12


@pytest.mark.parametrize("case", CASES[:2])
def test_polars_in_polars_out(case: Dict[str, Any]) -> None:
    tp, out = _frames(case, False)
    r = attribution.attribute(pl.from_pandas(tp), pl.from_pandas(out), per_journey=True, **_kwargs(case))
    assert isinstance(r.channels, pl.DataFrame) and isinstance(r.journeys, pl.DataFrame)
    assert r.channels["channel"].to_list() == case["channels"]
    assert r.channels["linear_value"].to_list() == [float(case["expected"]["linear"][c][1]) for c in case["channels"]]
    assert isinstance(r.value_table(), pl.DataFrame)


def test_the_three_channel_example_worked_by_hand() -> None:
    case = VECTORS["cases"][0]
    tp, out = _frames(case, True)
    r = attribution.attribute(tp, out, **_kwargs(case))
    v = r.value_table().set_index("channel")
    # Linear: 58.34 / 78.33 / 63.33; Markov removal effects 7/12, 3/4, 1/2 of 200.00: 63.64 / 81.82 / 54.54.
    assert list(v["linear"]) == [Decimal("58.34"), Decimal("78.33"), Decimal("63.33")]
    assert list(v["markov"]) == [Decimal("63.64"), Decimal("81.82"), Decimal("54.54")]
    assert r.removal_effects == pytest.approx({"ads": 7 / 12, "direct": 3 / 4, "email": 1 / 2}, abs=1e-15)
    assert r.conversion_probability == pytest.approx(0.8, abs=1e-15)
    assert list(r.channels["cost"]) == [Decimal("104.50"), Decimal("0"), Decimal("0.30")]
    assert r.value == Decimal("200.00") and r.conversions == 4


def test_markov_reproduces_puzyrov_2019() -> None:
    case = VECTORS["cases"][1]
    tp, out = _frames(case, False)
    r = attribution.attribute(tp, out, models=["markov"])
    assert r.removal_effects == pytest.approx({"google_ads": 0.75, "mailing": 0.5}, abs=1e-15)
    assert list(r.channels["markov_conversions"]) == [2.4, 1.6]


def test_datetime_timestamps_and_conversion_time() -> None:
    tp = pd.DataFrame({
        "journey": ["a", "a", "a"],
        "timestamp": pd.to_datetime(["2024-03-01", "2024-03-08", "2024-03-15"]),
        "channel": ["x", "y", "z"],
    })
    out = pd.DataFrame({"journey": ["a"], "converted": [1], "value": [Decimal("7")], "closed": pd.to_datetime(["2024-03-15"])})
    r = attribution.attribute(tp, out, models=["time_decay"], conversion_time="closed")
    assert list(r.channels["time_decay_value"]) == [Decimal("1.00"), Decimal("2.00"), Decimal("4.00")]
    tp.loc[1, "timestamp"] = pd.NaT
    with pytest.raises(ltv.NotFiniteError, match="row 1: touchpoints.timestamp"):
        attribution.attribute(tp, out, models=["linear"])


@pytest.mark.parametrize("case", ERRORS)
def test_errors_name_the_table_and_row(case: Dict[str, Any]) -> None:
    tp, out = _frames(case, True)
    kinds = {"not_finite": ltv.NotFiniteError, "invalid_input": ltv.InvalidInputError}
    with pytest.raises(kinds[case["error"]["kind"]]) as info:
        attribution.attribute(tp, out, **_kwargs(case))
    assert info.value.field == case["error"]["field"]
    assert info.value.row == case["error"]["row"]
    assert f"row {case['error']['row']}: {case['error']['field']}" in str(info.value)


def test_option_errors() -> None:
    tp, out = _frames(VECTORS["cases"][0], False)
    with pytest.raises(ltv.InvalidInputError, match="models"):
        attribution.attribute(tp, out, models=["u_shaped"])  # type: ignore[list-item]
    with pytest.raises(ltv.InvalidInputError, match="half_life_days"):
        attribution.attribute(tp, out, half_life_days=0)
    with pytest.raises(ltv.InvalidInputError, match="last_share"):
        attribution.attribute(tp, out, first_share=0.7, last_share=0.7)
    with pytest.raises(ltv.InvalidInputError, match="models"):
        attribution.attribute(tp, out, models=["linear", "linear"])
    with pytest.raises(ltv.MissingColumnError, match="timestamp"):
        attribution.attribute(tp.drop(columns="timestamp"), out)


journeys_st = st.integers(1, 6).flatmap(
    lambda k: st.tuples(
        st.just(k),
        st.lists(
            st.tuples(
                st.lists(st.tuples(st.integers(0, 30), st.integers(0, k - 1)), min_size=1, max_size=7),
                st.one_of(st.just(0), st.integers(1, 10_000_000)),
            ),
            min_size=1,
            max_size=20,
        ),
    )
)


def _build(k: int, js: List[Any], order: Any = None) -> Any:
    rows = [(f"j{j:02d}", day, f"c{c}") for j, (touches, _) in enumerate(js) for day, c in touches]
    if order is not None:
        rows = [rows[i] for i in order]
    tp = pd.DataFrame(rows, columns=["journey", "timestamp", "channel"])
    out = pd.DataFrame({
        "journey": [f"j{j:02d}" for j in range(len(js))],
        "converted": [cents > 0 for _, cents in js],
        "value": [Decimal(cents).scaleb(-2) for _, cents in js],
    })
    return tp, out


@settings(max_examples=60, deadline=None)
@given(journeys_st)
def test_every_journey_sums_exactly_to_its_value(data: Any) -> None:
    k, js = data
    tp, out = _build(k, js)
    r = attribution.attribute(tp, out, per_journey=True)
    for m in attribution.MODELS:
        sums = r.journeys.groupby("journey")[f"{m}_value"].apply(lambda s: sum(s, Decimal(0)))
        for j, (_, cents) in enumerate(js):
            assert sums[f"j{j:02d}"] == Decimal(cents).scaleb(-2)
        conv = r.journeys.groupby("journey")[f"{m}_conversions"].sum()
        for j, (_, cents) in enumerate(js):
            assert conv[f"j{j:02d}"] == pytest.approx(1.0 if cents else 0.0, abs=1e-9)
        assert sum(r.channels[f"{m}_value"], Decimal(0)) == r.value


@settings(max_examples=40, deadline=None)
@given(journeys_st, st.integers(0, 5))
def test_a_one_channel_journey_credits_it_fully(data: Any, c: int) -> None:
    k, js = data
    js = [([(d, c % k) for d, _ in touches], v) for touches, v in js]
    tp, out = _build(k, js)
    r = attribution.attribute(tp, out)
    row = r.channels.set_index("channel").loc[f"c{c % k}"]
    for m in attribution.MODELS:
        assert row[f"{m}_value"] == r.value


@settings(max_examples=40, deadline=None)
@given(journeys_st, st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(data: Any, rnd: Any) -> None:
    k, js = data
    tp, out = _build(k, js)
    order = list(range(len(tp)))
    rnd.shuffle(order)
    tp2, _ = _build(k, js, order)
    a = attribution.attribute(tp, out, per_journey=True)
    b = attribution.attribute(tp2, out.iloc[::-1].reset_index(drop=True), per_journey=True)
    pd.testing.assert_frame_equal(a.channels, b.channels)
    pd.testing.assert_frame_equal(a.journeys, b.journeys)


def test_models_literal_lists_every_model_the_core_accepts() -> None:
    assert attribution.MODELS == tuple(a.__args__[0] for a in attribution.Model.__args__)  # type: ignore[attr-defined]
    tp, out = _frames(VECTORS["cases"][0], False)
    r = attribution.attribute(tp, out)  # every model by default, each accepted by the Rust parser
    assert r.models == list(attribution.MODELS)


@pytest.mark.parametrize("decimal", [True, False])
def test_lead_table_under_a_model(decimal: bool) -> None:
    case = VECTORS["cases"][0]
    tp, out = _frames(case, decimal)
    r = attribution.attribute(tp, out, **_kwargs(case))
    t = r.lead_table("last_touch").set_index("channel")
    # ads: 3 journeys, 0 credited under last touch, cost 4.50 + 100 -> lead LTV 0, CPL 34.8333..., LTV:CPL 0.
    assert t.loc["ads", "leads"] == 3 and t.loc["ads", "cost"] == (Decimal("104.50") if decimal else 104.5)
    assert t.loc["direct", "value"] == (Decimal("170.00") if decimal else 170.0)
    assert abs(Decimal(str(t.loc["direct", "lead_ltv"])) - Decimal(170) / 3) < Decimal("1e-12")
    direct_cpl = t.loc["direct", "ltv_cpl"]
    assert direct_cpl is None if decimal else math.isnan(direct_cpl)  # direct cost 0: undefined
    assert t.loc["email", "ltv_cpl"] == (Decimal("30.00") / Decimal("0.30") if decimal else pytest.approx(100.0))
    assert set(t["model"]) == {"last_touch"}
    with pytest.raises(ltv.InvalidInputError, match="model"):
        attribution.attribute(tp, out, models=["linear"]).lead_table("markov")
    pl_table = attribution.attribute(pl.from_pandas(_frames(case, False)[0]), pl.from_pandas(_frames(case, False)[1]),
                                     models=["linear"]).lead_table("linear")
    assert isinstance(pl_table, pl.DataFrame) and pl_table["model"].to_list() == ["linear"] * 3


def test_labels_of_other_kinds_and_missing_ones() -> None:
    tp = pd.DataFrame({"journey": [1, 1, 2], "timestamp": [0.0, 1.0, 0.0], "channel": ["a", "b", "a"]})
    out = pd.DataFrame({"journey": [2, 1], "converted": [1, 1], "value": [Decimal("3"), Decimal("1.00")]})
    r = attribution.attribute(tp, out, models=["linear"], per_journey=True)
    assert list(r.journeys["journey"]) == [1, 1, 2] and list(r.journeys["linear_value"]) == [Decimal("0.50"), Decimal("0.50"), Decimal("3.00")]
    with pytest.raises(ltv.InvalidInputError, match="row 1: touchpoints.journey") as info:
        attribution.attribute(tp.assign(journey=[1, 7, 2]), out, models=["linear"])
    assert info.value.row == 1
    with pytest.raises(ltv.InvalidInputError, match="row 2: touchpoints.journey"):
        attribution.attribute(tp.assign(journey=[1, 1, None]), out, models=["linear"])
    with pytest.raises(ltv.InvalidInputError, match="row 0: touchpoints.channel"):
        attribution.attribute(tp.assign(channel=[None, "b", "a"]), out, models=["linear"])
    with pytest.raises(ltv.InvalidInputError, match="row 0: outcomes.converted"):
        attribution.attribute(tp, out.assign(converted=[2, 1]), models=["linear"])
    with pytest.raises(ltv.NotFiniteError, match="row 1: outcomes.value"):
        attribution.attribute(tp, out.assign(value=[3.0, math.nan]), models=["linear"])
    # A lead that did not convert may leave its value empty.
    r = attribution.attribute(tp, out.assign(converted=[0, 1], value=[math.nan, 1.0]), models=["first_touch"])
    assert r.value == Decimal("1") and r.conversions == 1


def test_labels_that_print_alike_name_the_row_and_both_labels() -> None:
    tp = pd.DataFrame({"journey": [1, 1, 2], "timestamp": [0.0, 1.0, 0.0], "channel": [1, "1", "a"]})
    out = pd.DataFrame({"journey": [1, 2], "converted": [1, 1], "value": [1.0, 2.0]})
    with pytest.raises(ltv.InvalidInputError, match=r"1 and '1' both read '1'") as err:
        ltv.attribution.attribute(tp, out)
    assert err.value.field == "touchpoints.channel" and err.value.row == 1
