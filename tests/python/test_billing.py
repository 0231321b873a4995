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


@pytest.mark.parametrize(("units", "weights", "error", "field"), [
    (10, [1.5], TypeError, "weights[0]"),  # not silently truncated to 1
    (10, [True, 1], TypeError, "weights[0]"),
    (10, [1, "2"], TypeError, "weights[1]"),
    (10, "ab", TypeError, "weights"),
    (10, 5, TypeError, "weights"),
    (10, [], ltv.InvalidInputError, "weights"),
    (10, [2, -1], ltv.InvalidInputError, "weights"),
    (10, [2**70], ltv.InvalidInputError, "weights"),
    (10**30, [1], ltv.InvalidInputError, "units"),
    (np.nan, [1], TypeError, "units"),
])
def test_allocate_refuses_hostile_input(units: Any, weights: Any, error: type, field: str) -> None:
    with pytest.raises(error) as err:
        ltv.billing.allocate(units=units, weights=weights)
    if error is TypeError:
        assert str(err.value).startswith(field + ":"), err.value
    else:
        assert err.value.field == field and len(str(err.value)) < 300  # type: ignore[attr-defined]


def test_allocate_all_zero_weights_message_stays_short() -> None:
    with pytest.raises(ltv.InvalidInputError, match="characters") as err:
        ltv.billing.allocate(units=5, weights=[0] * 100_000)
    assert len(str(err.value)) < 300


@settings(max_examples=100, deadline=None)
@given(units=st.integers(-10**12, 10**12), weights=st.lists(st.integers(0, 400), min_size=1, max_size=130))
def test_allocate_sums_exactly(units: int, weights: List[int]) -> None:
    assume(any(weights))
    parts = ltv.billing.allocate(units=units, weights=weights)
    assert sum(parts) == units
    total = sum(weights)
    for w, p in zip(weights, parts):
        assert abs(p) - abs(units) * w // total in (0, 1)


@st.composite
def mixed_lines(draw: Any) -> pd.DataFrame:
    """Charges, credit notes, refunds, one-time charges, two currencies, gaps (pauses), trials (zero amounts),
    quantities, discounts, invoice dates, and bad lines of every kind now and then."""
    n = draw(st.integers(1, 12))
    bad = draw(st.integers(0, 2)) == 0  # one example in three may hold bad lines
    rows: List[Dict[str, Any]] = []
    for i in range(n):
        start = np.datetime64("2023-12-01") + draw(st.integers(0, 900))
        length = draw(st.integers(1, 400))
        kind = draw(st.sampled_from(["charge"] * 6 + ["credit_note", "credit_note", "refund", "one_time", "one_time"]))
        cents: Any = draw(st.one_of(st.integers(0, 200_000), st.just(0), st.sampled_from([1999, 4900])))
        if bad and draw(st.integers(0, 3)) == 0:
            problem = draw(st.sampled_from(["length", "long", "kind", "negative", "nan"]))
            length = {"length": draw(st.integers(-3, 0)), "long": draw(st.integers(3661, 3700))}.get(problem, length)
            kind = "bogus" if problem == "kind" else kind
            cents = {"negative": draw(st.integers(-5, -1)), "nan": float("nan")}.get(problem, cents)
        if rows and draw(st.integers(0, 7)) == 0:  # the line before again, from another start: maybe a duplicate
            start = rows[-1]["service_start"] + draw(st.integers(0, 40))
            rows.append({**rows[-1], "line_id": f"l{i}", "kind": "charge", "service_start": start,
                         "service_end": start + length})
            continue
        who = f"c{draw(st.integers(0, 3))}"
        credits = draw(st.one_of(st.none(), st.integers(0, 13).map(lambda t: f"l{t}")))
        same = [r["line_id"] for r in rows if r["customer_id"] == who]
        if credits is not None and same and not bad:
            credits = draw(st.sampled_from(same))  # mostly a line of the same customer
        rows.append({
            "line_id": f"l{3 if i == 7 and n > 9 else i}",
            "customer_id": who,
            "amount": cents / 100,
            "currency": draw(st.sampled_from(["USD"] * 5 + ["EUR"])),
            "service_start": start,
            "service_end": start + length,
            "kind": kind,
            "plan": draw(st.sampled_from([None, "p1", "p2"])),
            "quantity": draw(st.one_of(st.just(np.nan), st.integers(-1, 4).map(float))),
            "discount": draw(st.one_of(st.just(np.nan), st.integers(0, 30_000).map(lambda c: c / 100))),
            "credits": credits,
            "issued": start + draw(st.integers(-40, 40)) if draw(st.booleans()) else pd.NaT,
        })
    return pd.DataFrame(rows)


def _outcome(fn: Any, df: pd.DataFrame, **options: Any) -> Any:
    try:
        out = fn(df, plan="plan", quantity="quantity", discount="discount", credits="credits", issued="issued",
                 exact=True, **options)
    except (ltv.InvalidInputError, ltv.NotFiniteError) as err:
        return (type(err).__name__, str(err), err.row, err.label, getattr(err, "problem", None))
    return {name: getattr(out, name).astype({"customer_id": str}).to_dict("list")
            for name in ("mrr", "one_time", "pauses", "audit")} | {"currency": out.reporting_currency}


RATES = pd.DataFrame({"currency": ["EUR", "EUR"], "date": ["2023-01-01", "2024-09-01"], "rate": ["1.0873", "1.1127"]})


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    df=mixed_lines(),
    day_count=st.sampled_from(["actual_days", "thirty_360", "whole_months"]),
    credit_applies_to=st.sampled_from(["service_period", "issue_month"]),
    reporting=st.sampled_from([None, "USD", "EUR"]),
    with_rates=st.booleans(),
    decimal_places=st.sampled_from([2, 0, 3]),
)
def test_column_path_matches_the_row_path(df: pd.DataFrame, day_count: Any, credit_applies_to: Any,
                                          reporting: Any, with_rates: bool, decimal_places: int) -> None:
    options = dict(day_count=day_count, credit_applies_to=credit_applies_to, reporting_currency=reporting,
                   rates=RATES if with_rates else None, decimal_places=decimal_places)
    assert _outcome(normalise, df, **options) == _outcome(ltv.billing._normalise_rows, df, **options)


@pytest.mark.parametrize("case", VECTORS["cases"] + VECTORS["errors"], ids=lambda c: c["name"])
def test_column_path_matches_the_row_path_on_every_vector(case: Dict[str, Any]) -> None:
    """Every hand-computed example and every error case (each problem the rules name) through both paths."""
    rates = pd.DataFrame(case.get("rates") or [], columns=["currency", "date", "rate"]) if case.get("rates") else None
    assert _outcome(normalise, frame(case), rates=rates, **case["options"]) == _outcome(
        ltv.billing._normalise_rows, frame(case), rates=rates, **case["options"])


def test_the_vectors_name_every_problem() -> None:
    problems = {c["problem"] for c in VECTORS["errors"]}
    assert problems >= {"end_before_start", "period_too_long", "invalid_amount", "missing_amount", "unknown_kind",
                        "duplicate_line_id", "duplicate_line", "unknown_credited_line", "credit_mismatch",
                        "credit_too_large", "negative_revenue", "missing_rate", "invalid_option"}


def test_text_customers_and_polars_take_the_column_path() -> None:
    df = pd.DataFrame({
        "line_id": ["a", "b", "c"], "customer_id": ["z", "y", "z"], "amount": [10.0, 20.0, 30.0],
        "currency": ["USD"] * 3, "service_start": ["2024-01-01", "2024-01-01", "2024-02-01"],
        "service_end": ["2024-02-01", "2024-02-01", "2024-03-01"], "kind": ["charge"] * 3,
    })
    out = normalise(df)
    assert out.mrr["customer_id"].tolist() == ["z", "z", "y"]  # customers in order of first appearance
    assert out.mrr["mrr"].tolist() == [10.0, 30.0, 20.0]
    polars_out = normalise(pl.from_pandas(df))
    assert polars_out.mrr["customer_id"].to_list() == ["z", "z", "y"]
    assert polars_out.audit["line_id"].to_list() == ["a", "c", "b"]
    with pytest.raises(ltv.InvalidInputError, match=r"^row 1: line_id = missing"):
        normalise(df.assign(line_id=["a", None, "c"]))


def test_normalised_repr_and_html() -> None:
    # Three whole months of 300.00: three MRR rows of 100.00, no one-time rows, no pauses, three audit rows.
    lines = pd.DataFrame({"line_id": ["in_1"], "customer_id": ["A&B"], "amount": [300.0], "currency": ["USD"],
                          "service_start": ["2024-01-01"], "service_end": ["2024-04-01"], "kind": ["charge"]})
    for frame in (lines, pl.from_pandas(lines)):
        out = normalise(frame, day_count="whole_months")
        assert repr(out) == "Normalised(reporting_currency='USD', mrr_rows=3, audit_rows=3)"
        html = out._repr_html_()
        assert html.startswith("<div><b>Normalised</b> (reporting currency USD): 3 MRR rows, 0 one-time rows, "
                               "0 pauses, 3 audit rows<table")
        assert html.endswith("</table></div>")
        assert html.count("<td>100.0</td>") == 3 and "A&amp;B" in html and "A&B" not in html
