"""ltv.billing: the hand-computed vectors of tests/vectors/billing/billing.json (shared with the Rust suite),
pandas and polars frames, column mappings, exact amounts, errors naming the line, and the reconciliation
guarantee as a Hypothesis property."""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import ltv
from ltv.billing import normalise

VECTORS = json.loads((pathlib.Path(__file__).resolve().parents[1] / "vectors/billing/billing.json").read_text())
COLUMNS = ["line_id", "customer", "amount", "currency", "service_start", "service_end", "kind", "plan", "quantity", "discount", "credits", "issued"]
ERROR_CLASS = {"invalid_input": ltv.InvalidInputError, "not_finite": ltv.NotFiniteError}


def frame(case: Dict[str, Any]) -> pd.DataFrame:
    rows = [{c: line.get(c) for c in COLUMNS} for line in case["lines"]]
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["amount"] = [np.nan if a is None else float(a) for a in df["amount"]]
    for c in ("quantity", "discount"):
        df[c] = [np.nan if v is None else float(v) for v in df[c]]
    return df.rename(columns={"customer": "customer_id"})


def run(case: Dict[str, Any], df: Any = None) -> ltv.billing.Normalised:
    rates = pd.DataFrame(case.get("rates") or [], columns=["currency", "date", "rate"]) if case.get("rates") else None
    return normalise(
        frame(case) if df is None else df,
        plan="plan", quantity="quantity", discount="discount", credits="credits", issued="issued",
        rates=rates, **case["options"],
    )


def month(v: Any) -> str:
    return str(pd.Timestamp(v))[:7]


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_hand_computed_examples(case: Dict[str, Any]) -> None:
    out = run(case)
    expected = case["expected"]
    got = [[r.customer_id, month(r.period), f"{r.mrr:.2f}", r.status] for r in out.mrr.itertuples()]
    assert got == expected["mrr"]
    one_time = [[r.customer_id, month(r.period), f"{r.amount:.2f}"] for r in out.one_time.itertuples()]
    assert one_time == expected.get("one_time", [])
    pauses = [[r.customer_id, month(r.first_period), int(r.periods)] for r in out.pauses.itertuples()]
    assert pauses == expected.get("pauses", [])
    # The audit table reconciles with the MRR and one-time tables to the cent.
    audit = out.audit.groupby("recurring")["amount"].sum()
    assert round(audit.get(True, 0.0) - out.mrr["mrr"].sum(), 6) == 0
    assert round(audit.get(False, 0.0) - out.one_time["amount"].sum(), 6) == 0
    movements = expected.get("movements")
    if movements:
        table = out.cohort_table().movements.set_index("period")
        for period, figures in movements.items():
            row = table.loc[pd.Timestamp(period + "-01")]
            for key, value in figures.items():
                column = "new_mrr" if key == "new" else f"{key}_mrr"
                assert row[column] == pytest.approx(float(value), abs=1e-9), (period, key)


@pytest.mark.parametrize("case", VECTORS["errors"], ids=[c["name"] for c in VECTORS["errors"]])
def test_bad_inputs_name_the_line(case: Dict[str, Any]) -> None:
    df = frame(case)
    if case["name"] == "nan_amount":
        assert np.isnan(df["amount"][1])
    with pytest.raises(ERROR_CLASS[case["kind"]]) as info:
        run(case, df)
    err = info.value
    assert (err.problem, err.kind, err.field, err.row, err.label) == (
        case["problem"], case["kind"], case["field"], case["row"], case["line_id"]
    )
    assert str(err).startswith(f"line '{case['line_id']}' (row {case['row']}): ")


def test_missing_amount_in_an_object_column() -> None:
    case = next(c for c in VECTORS["errors"] if c["name"] == "missing_amount")
    df = frame(case)
    df["amount"] = [Decimal("100"), None]
    with pytest.raises(ltv.NotFiniteError, match=r"^line 'in_2' \(row 1\): amount = missing is not a finite number$"):
        run(case, df)


def test_polars_in_polars_out_with_the_same_cents() -> None:
    case = next(c for c in VECTORS["cases"] if c["name"] == "trial_one_time_and_discount")
    pandas_out = run(case)
    source = frame(case)
    df = pl.DataFrame({c: [None if v is None or v != v else v for v in source[c].tolist()] for c in source.columns})
    polars_out = run(case, df)
    assert isinstance(polars_out.mrr, pl.DataFrame) and isinstance(polars_out.audit, pl.DataFrame)
    assert polars_out.mrr["mrr"].to_list() == pandas_out.mrr["mrr"].tolist()
    assert polars_out.mrr["status"].to_list() == ["trial", "paying", "paying"]
    assert polars_out.mrr["period"].dtype == pl.Date
    assert polars_out.one_time["amount"].to_list() == [500.0]
    assert polars_out.cohort_table().movements["new_mrr"].to_list() == [0.0, 240.0, 0.0]


def test_exact_amounts_are_decimals() -> None:
    case = next(c for c in VECTORS["cases"] if c["name"] == "annual_plan_up_front_actual_days")
    df = frame(case)
    df["amount"] = [Decimal("1200.00")]
    out = normalise(df, exact=True)
    assert out.mrr["mrr"].tolist()[:2] == [Decimal("101.64"), Decimal("95.08")]
    assert sum(out.mrr["mrr"]) == Decimal("1200.00")
    assert out.audit["rule"].unique().tolist() == ["actual_days"]


def test_stripe_like_export() -> None:
    stripe = pd.DataFrame({
        "id": ["il_1", "il_2", "il_3"],
        "customer": ["cus_9", "cus_9", "cus_9"],
        "amount": [120000, 1000, 1000],  # minor units, as Stripe exports them
        "currency": ["usd", "usd", "usd"],
        "period_start": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
        "period_end": pd.to_datetime(["2025-01-01", "2024-03-01", "2024-04-01"]),
        "price": ["annual", "addon", "addon"],
    })
    stripe["amount_major"] = stripe["amount"] / 100
    out = normalise(stripe, line_id="id", customer="customer", amount="amount_major", service_start="period_start",
                    service_end="period_end", kind=None, plan="price", day_count="thirty_360")
    assert out.mrr["mrr"].tolist()[:4] == [100.0, 110.0, 110.0, 100.0]
    assert out.reporting_currency == "usd"
    assert out.audit["line_id"].tolist()[:3] == ["il_1", "il_1", "il_2"]


def test_options_are_checked() -> None:
    case = VECTORS["cases"][0]
    with pytest.raises(ltv.InvalidInputError, match="day_count = 'days'"):
        normalise(frame(case), day_count="days")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lines: expected a pandas or polars DataFrame"):
        normalise({"a": [1]})
    with pytest.raises(ltv.MissingColumnError, match="plan: column 'tier'"):
        normalise(frame(case), plan="tier")


@st.composite
def lines(draw: Any) -> pd.DataFrame:
    n = draw(st.integers(1, 12))
    rows: List[Dict[str, Any]] = []
    for i in range(n):
        start = np.datetime64("2023-01-01") + draw(st.integers(0, 700))
        length = draw(st.integers(1, 3660))
        rows.append({
            "line_id": f"l{i}", "customer_id": f"c{draw(st.integers(0, 3))}", "currency": "EUR",
            "amount": Decimal(draw(st.integers(0, 10_000_000))).scaleb(-2), "plan": f"p{i}",
            "service_start": start, "service_end": start + length, "kind": "charge",
        })
    return pd.DataFrame(rows)


@settings(max_examples=60, deadline=None)
@given(df=lines(), day_count=st.sampled_from(["actual_days", "thirty_360", "whole_months"]))
def test_monthly_amounts_sum_to_each_line(df: pd.DataFrame, day_count: Any) -> None:
    out = normalise(df, plan="plan", day_count=day_count, exact=True)
    per_line = out.audit.groupby("line_id")["amount"].sum()
    for row in df.itertuples():
        assert per_line[row.line_id] == row.amount
    assert (out.audit["amount"] >= 0).all()
    assert sum(out.mrr["mrr"]) == sum(df["amount"])


def test_missing_customer_or_kind_names_the_row() -> None:
    case = VECTORS["cases"][0]
    df = pd.concat([frame(case), frame(case).assign(line_id="in_2", customer_id=None)], ignore_index=True)
    with pytest.raises(ltv.InvalidInputError, match=r"^row 1: customer = missing") as info:
        normalise(df)
    assert info.value.row == 1
    df = pd.concat([frame(case), frame(case).assign(line_id="in_2", kind=None)], ignore_index=True)
    with pytest.raises(ltv.InvalidInputError, match=r"^row 1: kind = missing"):
        normalise(df)


def test_allocate_matches_the_rust_rule() -> None:
    assert ltv.billing.allocate(units=2, weights=[1, 1, 1]) == [1, 1, 0]
    assert ltv.billing.allocate(units=-2, weights=[1, 1, 1]) == [-1, -1, 0]
    with pytest.raises(ltv.InvalidInputError, match="weights"):
        ltv.billing.allocate(units=5, weights=[0, 0])
    with pytest.raises(TypeError, match="units"):
        ltv.billing.allocate(units=1.5, weights=[1])  # type: ignore[arg-type]
    assert ltv.billing.MAX_SERVICE_DAYS == 3660


@settings(max_examples=100, deadline=None)
@given(units=st.integers(-10**12, 10**12), weights=st.lists(st.integers(0, 400), min_size=1, max_size=130))
def test_allocate_sums_exactly(units: int, weights: List[int]) -> None:
    assume(any(weights))
    parts = ltv.billing.allocate(units=units, weights=weights)
    assert sum(parts) == units
    total = sum(weights)
    for w, p in zip(weights, parts):
        assert abs(p) - abs(units) * w // total in (0, 1)
