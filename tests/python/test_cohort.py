"""ltv.cohort: the cross-language vectors, the same table through pandas, polars and arrays, period
encodings, a Hypothesis comparison against a pure-pandas oracle, and every error with its class and row."""

from __future__ import annotations

import datetime as dt
import json
import math
import pathlib
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
import ltv.cohort
from ltv.cohort import cohort_table

from conftest import REPO_ROOT

VECTOR_FILES = sorted((REPO_ROOT / "tests" / "vectors" / "cohort").glob("*.json"))
CASES = [case for path in VECTOR_FILES for case in json.loads(path.read_text())["cases"]]


def _close(got: Any, expected: Any) -> bool:
    if expected is None:
        return got is None or (isinstance(got, float) and math.isnan(got))
    if isinstance(expected, str) and len(expected) == 10 and expected[4] == "-":
        return bool(got == expected)
    if isinstance(expected, str):
        return got is not None and abs(float(got) - float(expected)) <= 1e-12 * (1 + abs(float(got)))
    return bool(got == expected)


def _rows(df: Any) -> List[List[Any]]:
    """A frame's rows with dates as 'YYYY-MM-DD' strings and missing values as None."""
    records = df.iter_rows() if isinstance(df, pl.DataFrame) else df.itertuples(index=False)
    out = []
    for rec in records:
        row = []
        for v in rec:
            if isinstance(v, (pd.Timestamp, dt.date)):
                row.append(v.strftime("%Y-%m-%d"))
            elif v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                row.append(None)
            elif isinstance(v, (np.integer, int)) and not isinstance(v, bool):
                row.append(int(v))
            else:
                row.append(float(v))
        out.append(row)
    return out


def _assert_rows(got: List[List[Any]], expected: List[List[Any]], what: str) -> None:
    assert len(got) == len(expected), what
    for g, e in zip(got, expected):
        assert len(g) == len(e), (what, g, e)
        for k, (x, y) in enumerate(zip(g, e)):
            assert _close(x, y), (what, k, g, e)


def _inputs(case: Dict[str, Any], kind: str) -> Tuple[Any, Dict[str, Any]]:
    customers = [r[0] for r in case["rows"]]
    periods = [r[1] for r in case["rows"]]
    revenue = [float(r[2]) for r in case["rows"]]
    if kind == "arrays":
        return None, {"customer": customers, "period": periods, "revenue": np.array(revenue)}
    if kind == "pandas":
        df = pd.DataFrame({"customer_id": customers, "period": periods, "revenue": revenue})
        return df, {}
    schema = {"customer_id": pl.String, "period": pl.String, "revenue": pl.Float64}
    return pl.DataFrame({"customer_id": customers, "period": periods, "revenue": revenue}, schema=schema), {}


@pytest.mark.parametrize("kind", ["arrays", "pandas", "polars"])
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors(case: Dict[str, Any], kind: str) -> None:
    data, columns = _inputs(case, kind)
    if "error" in case:
        err = case["error"]
        with pytest.raises(ltv.LtvError) as info:
            cohort_table(data, unit=case["unit"], **columns)
        assert (info.value.kind, info.value.field, info.value.row) == (err["kind"], err["field"], err["row"])
        assert type(info.value) is ltv.InvalidInputError
        return
    c = cohort_table(data, unit=case["unit"], **columns)
    x = case["expected"]
    assert (c.customers, c.never_paying_customers) == (x["customers"], x["never_paying_customers"])
    assert list(c.table.columns) == x["table_columns"]
    _assert_rows(_rows(c.table), x["table"], "table")
    assert list(c.movements.columns) == x["movement_columns"]
    _assert_rows(_rows(c.movements), x["movements"], "movements")
    payback = c.payback(gross_margin=float(case["gross_margin"]), cac=float(case["cac"]))
    assert list(payback.columns) == x["payback_columns"]
    _assert_rows(_rows(payback), x["payback"], "payback")
    for periods in (3, 12):
        ltv_frame = c.realised_ltv(gross_margin=float(case["gross_margin"]), periods=periods)
        _assert_rows([[r[0], r[2]] for r in _rows(ltv_frame)], x[f"realised_ltv_{periods}"], f"ltv {periods}")
    expected_type = pl.DataFrame if kind == "polars" else pd.DataFrame
    assert isinstance(c.table, expected_type) and isinstance(c.movements, expected_type)


def test_vector_files_exist() -> None:
    assert VECTOR_FILES and len(CASES) >= 7


# --- one table, three input kinds, many period encodings ---------------------------------------------------

ROWS = [
    ("A", "2024-02-03", 60.0),
    ("C", "2024-03-09", 150.0),
    ("A", "2024-01-31", 100.0),
    ("B", "2024-01-01", 50.0),
    ("D", "2024-01-20", 0.0),
    ("A", "2024-02-28", 40.0),
    ("B", "2024-02-10", 0.0),
    ("E", "2024-04-01", 80.0),
    ("C", "2024-02-14", 200.0),
    ("A", "2024-03-15", 120.0),
    ("E", "2024-02-29", 80.0),
    ("B", "2024-04-30", 50.0),
    ("A", "2024-04-02", 120.0),
    ("E", "2024-03-01", 80.0),
]


def _reference() -> ltv.cohort.CohortAnalysis:
    return cohort_table(customer=[r[0] for r in ROWS], period=[r[1] for r in ROWS], revenue=[r[2] for r in ROWS])


def _period_variants() -> Dict[str, Any]:
    dates = [r[1] for r in ROWS]
    d64 = np.array(dates, dtype="datetime64[D]")
    return {
        "strings": dates,
        "month strings": [d[:7] for d in dates],
        "datetime64[D]": d64,
        "datetime64[ns]": d64.astype("datetime64[ns]"),
        "pandas datetime": pd.Series(pd.to_datetime(dates)),
        "pandas period": pd.Series(pd.PeriodIndex(dates, freq="M")),
        "pandas tz datetime": pd.Series(pd.to_datetime(dates).tz_localize("Europe/Berlin")),
        "python dates": [dt.date.fromisoformat(d) for d in dates],
        "polars date": pl.Series(dates).str.to_date(),
        "polars datetime": pl.Series(dates).str.to_datetime(),
        "month indices": d64.astype("datetime64[M]").astype(np.int64),
    }


@pytest.mark.parametrize("variant", list(_period_variants()))
def test_period_encodings_agree(variant: str) -> None:
    period = _period_variants()[variant]
    c = cohort_table(customer=[r[0] for r in ROWS], period=period, revenue=[r[2] for r in ROWS])
    ref = _reference()
    assert isinstance(c.table, pl.DataFrame if variant.startswith("polars") else pd.DataFrame)
    assert _rows(c.table) == _rows(ref.table)


def test_pandas_polars_and_arrays_agree() -> None:
    ref = _reference()
    pdf = pd.DataFrame(ROWS, columns=["cid", "day", "amount"])
    from_pandas = cohort_table(pdf, customer="cid", period="day", revenue="amount")
    pldf = pl.DataFrame({k: pdf[k].tolist() for k in pdf.columns})
    from_polars = cohort_table(pldf, customer="cid", period="day", revenue="amount")
    for name in ("table", "movements"):
        expected = getattr(ref, name)
        pd.testing.assert_frame_equal(getattr(from_pandas, name), expected)
        polars_frame = getattr(from_polars, name)
        assert isinstance(polars_frame, pl.DataFrame)
        assert _rows(polars_frame) == _rows(expected)
    assert from_polars.table.schema["cohort"] == pl.Date
    assert from_polars.movements["net_revenue_retention"].null_count() == 1  # the first period: undefined
    assert math.isnan(from_pandas.movements["net_revenue_retention"].iloc[0])


def test_integer_customer_ids_sparse_and_dense_agree() -> None:
    periods = [r[1] for r in ROWS]
    revenue = [r[2] for r in ROWS]
    letters = sorted({r[0] for r in ROWS})
    dense = np.array([letters.index(r[0]) for r in ROWS])
    sparse = dense * 10**12 - 7
    a = cohort_table(customer=dense, period=periods, revenue=revenue)
    b = cohort_table(customer=sparse, period=periods, revenue=revenue)
    c = cohort_table(customer=pl.Series(sparse), period=periods, revenue=revenue)
    pd.testing.assert_frame_equal(a.table, _reference().table)
    pd.testing.assert_frame_equal(b.table, a.table)
    assert _rows(c.table) == _rows(a.table)


def test_weeks_and_days() -> None:
    # 2024-03-11 is a Monday; the 17th is the Sunday of the same ISO week.
    c = cohort_table(customer=[1, 1, 1], period=["2024-03-11", "2024-03-17", "2024-03-18"], revenue=[1, 2, 4], unit="week")
    assert _rows(c.table[["cohort", "age", "revenue"]]) == [["2024-03-11", 0, 3.0], ["2024-03-11", 1, 4.0]]
    d = cohort_table(customer=[1, 1], period=["2024-02-28", "2024-03-01"], revenue=[1, 2], unit="day")
    assert _rows(d.table[["cohort", "age", "active_customers"]]) == [
        ["2024-02-28", 0, 1],
        ["2024-02-28", 1, 0],
        ["2024-02-28", 2, 1],
    ]
    assert d.table["surviving_customers"].tolist() == [1, 1, 1]
    assert _rows(d.movements[["period", "churned_customers", "reactivated_customers"]]) == [
        ["2024-02-28", 0, 0],
        ["2024-02-29", 1, 0],
        ["2024-03-01", 0, 1],
    ]


def test_pivot_and_value() -> None:
    ref = _reference()
    grid = ref.pivot("net_revenue_retention")
    assert list(grid.columns) == [0, 1, 2, 3]
    assert grid.index.strftime("%Y-%m").tolist() == ["2024-01", "2024-02"]
    assert grid.iloc[0].round(6).tolist() == [1.0, 0.666667, 0.8, 1.133333]
    assert math.isnan(grid.iloc[1, 3])
    polars_grid = cohort_table(pl.DataFrame(ROWS, schema=["customer_id", "period", "revenue"], orient="row")).pivot()
    assert polars_grid.columns == ["cohort", "0", "1", "2", "3"]
    assert polars_grid["3"].to_list() == [1.0, None]
    value = ref.realised_value(gross_margin=0.8)
    assert value["cumulative_margin_per_customer"].round(9).tolist() == [60, 100, 148, 216, 112, 204, 236]
    ltv24 = ref.realised_ltv(gross_margin=0.8, periods=24)
    assert ltv24["ltv"].isna().all() and ltv24["cohort_size"].tolist() == [2, 2]
    per_cohort = ref.payback(gross_margin=0.8, cac={"2024-01": 60, dt.date(2024, 2, 1): 500})
    assert per_cohort["payback_age"].tolist() == [0, pd.NA]
    assert str(per_cohort["payback_age"].dtype) == "Int64"
    assert per_cohort["cac"].tolist() == [60.0, 500.0]
    series_cac = ref.payback(gross_margin=0.8, cac=pd.Series({"2024-01": 150.0, "2024-02": 150.0}))
    assert series_cac["payback_age"].tolist() == [3, 1]
    assert "customers=5" in repr(ref) and "never_paying_customers=1" in repr(ref)


def test_numpy_backend_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _reference().table
    monkeypatch.setattr(ltv.cohort, "has_pandas", lambda: False)
    c = cohort_table(customer=[r[0] for r in ROWS], period=[r[1] for r in ROWS], revenue=[r[2] for r in ROWS])
    assert isinstance(c.table, dict)
    np.testing.assert_array_equal(c.table["active_customers"], reference["active_customers"].to_numpy())
    assert c.table["cohort"].dtype == np.dtype("datetime64[D]")
    grid = c.pivot("logo_retention")
    assert grid.shape == (2, 4) and np.isnan(grid[1, 3])


# --- errors ------------------------------------------------------------------------------------------------


def _raises(cls: type, row: Optional[int], field: str, **kwargs: Any) -> ltv.LtvError:
    with pytest.raises(ltv.LtvError) as info:
        cohort_table(**kwargs)
    err = info.value
    assert type(err) is cls, (type(err), err)
    assert (err.row, err.field) == (row, field), err
    if row is not None:
        assert str(err).startswith(f"row {row}: "), str(err)
    return err


def test_negative_revenue_names_the_row() -> None:
    # b's rows in January sum to -1: the error names the first of them.
    err = _raises(
        ltv.InvalidInputError, 1, "revenue", customer=["a", "b", "b"], period=["2024-01"] * 3, revenue=[5.0, 1.0, -2.0]
    )
    assert err.kind == "invalid_input" and "revenue = -1 " in str(err)
    _raises(ltv.InvalidInputError, 2, "revenue", customer=["a", "b", "b"], period=["2024-01"] * 2 + ["2024-02"], revenue=[5.0, 1.0, -2.0])
    # A refund that leaves the period's total at or above 0 is fine.
    cohort_table(customer=["a", "a"], period=["2024-01"] * 2, revenue=[5.0, -5.0])


def test_empty_unparseable_mismatched_nan_missing() -> None:
    _raises(ltv.InvalidInputError, None, "revenue", customer=[], period=[], revenue=[])
    err = _raises(
        ltv.InvalidInputError, 3, "period", customer=[1, 1, 2, 2], period=["2024-01", "2024-02", "2024-01", "Jan 24"],
        revenue=[1, 2, 3, 4],
    )
    assert "'Jan 24'" in str(err)
    _raises(ltv.InvalidInputError, None, "period", customer=[1, 2, 3], period=["2024-01"] * 2, revenue=[1, 2, 3])
    _raises(ltv.InvalidInputError, None, "revenue", customer=[1, 2], period=["2024-01"] * 2, revenue=[1.0])
    _raises(ltv.NotFiniteError, 1, "revenue", customer=[1, 2], period=["2024-01"] * 2, revenue=[1.0, float("nan")])
    _raises(ltv.NotFiniteError, 0, "revenue", customer=pd.Series([1]), period=["2024-01"], revenue=pd.Series([None], dtype="Float64"))
    _raises(ltv.InvalidInputError, 1, "customer", customer=["a", None], period=["2024-01"] * 2, revenue=[1.0, 2.0])
    _raises(ltv.InvalidInputError, 0, "customer", customer=pl.Series([None, "a"]), period=["2024-01"] * 2, revenue=[1.0, 2.0])
    nat = np.array(["2024-01-01", "NaT"], dtype="datetime64[D]")
    _raises(ltv.InvalidInputError, 1, "period", customer=[1, 2], period=nat, revenue=[1.0, 2.0])
    _raises(ltv.InvalidInputError, 1, "period", customer=[1, 2], period=["2024-01", None], revenue=[1.0, 2.0])
    _raises(ltv.InvalidInputError, 1, "period", customer=[1, 2], period=np.array([0, 10**9]), revenue=[1.0, 2.0])
    _raises(ltv.InvalidInputError, 1, "period", customer=[1, 2], period=pd.Series([650, None], dtype="Int64"), revenue=[1.0, 2.0])
    _raises(ltv.InvalidInputError, 2, "customer", customer=pd.Series([1, 2, None], dtype="Int64"), period=["2024-01"] * 3, revenue=[1.0] * 3)
    _raises(ltv.InvalidInputError, 1, "period", customer=[1, 2], period=pl.Series([650, None]), revenue=[1.0, 2.0])
    _raises(ltv.InvalidInputError, 0, "period", customer=[1, 2], period=pl.Series([None, "2024-01"]), revenue=[1.0, 2.0])
    _raises(ltv.InvalidInputError, 0, "period", customer=[1], period=["2024-03"], revenue=[1.0], unit="week")
    _raises(ltv.InvalidInputError, None, "unit", customer=[1], period=["2024-03"], revenue=[1.0], unit="hour")


def test_option_errors() -> None:
    ref = _reference()
    with pytest.raises(ltv.InvalidInputError) as info:
        ref.payback(gross_margin=80, cac=100)
    assert info.value.field == "gross_margin" and "did you mean 0.8?" in str(info.value)
    with pytest.raises(ltv.InvalidInputError) as info:
        ref.payback(gross_margin=0.8, cac={"2024-01": 100})
    assert info.value.field == "cac"
    with pytest.raises(ltv.InvalidInputError) as info:
        ref.payback(gross_margin=0.8, cac=-1)
    assert info.value.field == "cac"
    with pytest.raises(ltv.InvalidInputError) as info:
        ref.realised_ltv(gross_margin=0.8, periods=0)
    assert info.value.field == "periods"
    with pytest.raises(ltv.MissingColumnError, match="revenue: column 'spend' is not in the frame .*; pass revenue='<column>'$"):
        cohort_table(pd.DataFrame(ROWS, columns=["customer_id", "period", "x"]), revenue="spend")
    with pytest.raises(TypeError, match="DataFrame"):
        cohort_table([1, 2, 3])


# --- Hypothesis against a pure-pandas oracle ---------------------------------------------------------------


def oracle(customers: List[int], months: List[int], revenue: List[float]) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """The cohort table and the movements, straight from the definitions (slow, obvious pandas)."""
    df = pd.DataFrame({"c": customers, "p": months, "r": revenue})
    first, last = int(df.p.min()), int(df.p.max())
    grid = df.pivot_table(index="c", columns="p", values="r", aggfunc="sum").reindex(
        columns=range(first, last + 1), fill_value=0.0
    ).fillna(0.0)
    paying = grid > 0
    acquired = paying.idxmax(axis=1)[paying.any(axis=1)]
    rows = []
    for cohort in sorted(acquired.unique()):
        members = grid.loc[acquired.index[acquired == cohort]]
        size = len(members)
        r0 = members[cohort]
        last_paid = members.apply(lambda s: s[s > 0].index.max(), axis=1)
        cumulative = 0.0
        for age in range(last - cohort + 1):
            col = members[cohort + age]
            cumulative += col.sum()
            rows.append({
                "cohort": cohort,
                "age": age,
                "cohort_size": size,
                "active_customers": int((col > 0).sum()),
                "surviving_customers": int((last_paid >= cohort + age).sum()),
                "revenue": col.sum(),
                "logo_retention": (col > 0).sum() / size,
                "net_revenue_retention": col.sum() / r0.sum(),
                "gross_revenue_retention": np.minimum(col, r0).sum() / r0.sum(),
                "cumulative_revenue_per_customer": cumulative / size,
            })
    moves = []
    for t in range(first, last + 1):
        cur = grid[t]
        prev = grid[t - 1] if t > first else cur * 0
        before = (grid.loc[:, first : t - 1] > 0).any(axis=1) if t > first else cur < 0
        both = (prev > 0) & (cur > 0)
        moves.append({
            "starting_mrr": prev.sum(),
            "new_mrr": cur[(cur > 0) & ~before].sum(),
            "expansion_mrr": (cur - prev)[both & (cur > prev)].sum(),
            "contraction_mrr": (prev - cur)[both & (cur < prev)].sum(),
            "churned_mrr": prev[(prev > 0) & (cur == 0)].sum(),
            "reactivation_mrr": cur[(cur > 0) & (prev == 0) & before].sum(),
            "ending_mrr": cur.sum(),
            "churned_customers": int(((prev > 0) & (cur == 0)).sum()),
            "active_customers": int((cur > 0).sum()),
        })
    return pd.DataFrame(rows), pd.DataFrame(moves)


@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 5), st.one_of(st.just(0), st.integers(0, 50_000))),
        min_size=1,
        max_size=40,
    )
)
def test_matches_pandas_oracle(rows: List[Tuple[int, int, int]]) -> None:
    customers = [r[0] for r in rows]
    months = [648 + r[1] for r in rows]
    revenue = [r[2] / 100 for r in rows]
    table, moves = oracle(customers, months, revenue)
    c = cohort_table(customer=np.array(customers), period=np.array(months), revenue=revenue)
    got = c.table
    assert len(got) == len(table)
    if len(table):
        expected_cohorts = (np.array(table["cohort"], dtype=np.int64)).astype("datetime64[M]").astype("datetime64[s]")
        np.testing.assert_array_equal(got["cohort"].to_numpy(), expected_cohorts)
        for name in table.columns[1:]:
            np.testing.assert_allclose(got[name].to_numpy(dtype=float), table[name].to_numpy(dtype=float), rtol=1e-12, atol=1e-9, err_msg=name)
    assert c.never_paying_customers == len(set(customers)) - (table["cohort_size"][table["age"] == 0].sum() if len(table) else 0)
    for name in moves.columns:
        np.testing.assert_allclose(c.movements[name].to_numpy(dtype=float), moves[name].to_numpy(dtype=float), rtol=1e-12, atol=1e-9, err_msg=name)
    logo = c.table["logo_retention"]
    assert ((logo >= 0) & (logo <= 1)).all()


def test_calendar_arithmetic_is_rusts() -> None:
    # Day counts -> period indices and back, by ltv_core::cohort::PeriodUnit (index_of_day / start_day).
    from ltv import _ltv

    days = np.array(["1969-12-28", "1969-12-29", "1970-01-01", "2024-02-29", "2024-03-17", "0001-01-01",
                     "9999-12-31"], dtype="datetime64[D]").astype(np.int64)
    months = _ltv._cohort_days_to_periods(days, "month")
    weeks = _ltv._cohort_days_to_periods(days, "week")
    assert months.tolist() == [-1, -1, 0, 649, 650, (1 - 1970) * 12, (9999 - 1970) * 12 + 11]
    assert weeks.tolist()[:5] == [-1, 0, 0, 2826, 2828]
    assert _ltv._cohort_days_to_periods(days, "day").tolist() == days.tolist()
    starts = _ltv._cohort_period_starts(weeks, "week").astype("datetime64[D]").astype(str).tolist()
    assert starts[:5] == ["1969-12-22", "1969-12-29", "1969-12-29", "2024-02-26", "2024-03-11"]
    assert _ltv._cohort_period_starts(months[:5], "month").astype("datetime64[D]").astype(str).tolist() == [
        "1969-12-01", "1969-12-01", "1970-01-01", "2024-02-01", "2024-03-01"]
    with pytest.raises(ltv.InvalidInputError) as info:
        _ltv._cohort_days_to_periods(np.array([0, 10**9], dtype=np.int64), "week")
    assert (info.value.field, info.value.row) == ("period", 1)
    with pytest.raises(ltv.InvalidInputError) as info:
        _ltv._cohort_period_starts(np.array([0], dtype=np.int64), "hour")
    assert info.value.field == "unit"
    assert str(info.value) == "unit = 'hour' is out of range: expected 'month', 'week', 'day', 'quarter' or 'year'"
    # Through the public API: dates of every kind land in the same periods as their strings.
    c = cohort_table(customer=[1, 1, 2], period=np.array(["1969-12-31", "1970-01-05", "1970-01-01"], dtype="datetime64[D]"),
                     revenue=[1.0, 2.0, 3.0], unit="week")
    assert c.table["cohort"].astype(str).tolist() == ["1969-12-29", "1969-12-29"]
    with pytest.raises(ltv.InvalidInputError) as info:
        cohort_table(customer=[1], period=np.array(["2024-01-01"], dtype="datetime64[D]"), revenue=[1.0],
                     unit="hour")
    assert info.value.field == "unit"
