"""The vectorised API (``ltv.vec``, ``ltv.frame``): agreement with the exact scalar API, broadcasting, errors,
pandas and polars, the parallel path, and lazy imports."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv

# ---------------------------------------------------------------------------------------------------------
# Strategies: values on a decimal grid (a float whose shortest repr is the decimal, so the scalar API sees
# exactly the number the float path sees), mostly in range, sometimes out of range or not finite.


def grid(lo: float, hi: float, places: int) -> st.SearchStrategy[float]:
    scale = 10**places
    return st.integers(round(lo * scale), round(hi * scale)).map(lambda i: i / scale)


NON_FINITE = st.sampled_from([math.nan, math.inf, -math.inf])


def mostly(valid: st.SearchStrategy[float], *invalid: st.SearchStrategy[float]) -> st.SearchStrategy[float]:
    """``valid`` about three times in four; otherwise one of ``invalid`` or a non-finite value."""
    return st.one_of(valid, valid, valid, *invalid, NON_FINITE)


MONEY = mostly(st.one_of(grid(0, 10_000, 2), grid(0, 1_000_000, 0)), grid(-1_000, -0.01, 2))
SMALL_MONEY = mostly(grid(0, 1_000, 2), grid(-100, -0.01, 2))
FRACTION = mostly(grid(0, 1, 3), grid(1.001, 100, 1), grid(-1, -0.001, 3))
CHURN = mostly(grid(0, 1, 4), grid(1.0001, 100, 2), grid(-1, -0.0001, 4))
NET_CHURN = mostly(grid(-1, 1, 4), grid(1.0001, 100, 2), grid(-5, -1.0001, 4))
RATE = mostly(grid(0, 1, 4), grid(1.0001, 100, 2), grid(-1, -0.0001, 4))
MONTHS = mostly(grid(0, 600, 1), grid(-600, -0.1, 1))
DAYS = mostly(grid(0, 720, 0), grid(-720, -1, 0))
REAL = mostly(grid(0, 100, 2), grid(-100, -0.01, 2))  # purchase frequency, lifespan, time factor
RATIO = mostly(grid(0.01, 20, 2), grid(-5, 0, 2))  # > 0
BAND_RATIO = mostly(grid(0, 20, 2), grid(-5, -0.01, 2))  # >= 0
# Counts are whole numbers (the scalar API takes an int; fractional and NaN counts are tested on the float
# path alone, below), some negative and some past the 2^32 - 1 a count allows.
_WHOLE = st.integers(0, 10_000)
COUNT = st.one_of(_WHOLE, _WHOLE, _WHOLE, st.integers(-100, -1), st.integers(2**32, 2**33)).map(float)
_FEW = st.integers(0, 300)
CUSTOMERS = st.one_of(_FEW, _FEW, _FEW, st.integers(-10, -1)).map(float)
MRR = mostly(grid(0, 1_000, 0), grid(-100, -1, 0))

BASIS = st.sampled_from(["logo", "gross_revenue", "net_revenue"])
TIMING = st.sampled_from(["start_of_period", "end_of_period", "end_of_period_survivors"])
HORIZON = st.one_of(st.none(), st.integers(0, 600))


@dataclass
class Spec:
    """One ltv.vec function: its column strategies, its options, and its exact scalar counterpart."""

    columns: Callable[[Dict[str, Any]], Dict[str, st.SearchStrategy[float]]]
    options: st.SearchStrategy[Dict[str, Any]] = field(default_factory=lambda: st.just({}))
    scalar: Optional[Callable[..., Any]] = None
    # The size of the largest intermediate term, from the row and the exact result. float64 is accurate to
    # about 1e-16 of that, not of the result, where a formula subtracts nearly equal terms (1 - (1 - a)^(1/12),
    # LTV less costs, net MRR churn, c + d near 0): the float path must then agree to 1e-14 of it. Elsewhere
    # (0, the default) the agreement is a relative 1e-12 of the result.
    scale: Callable[[Dict[str, Any], float], float] = lambda row, exact: 0.0
    # The scalar counterpart names some fields differently.
    fields: Dict[str, str] = field(default_factory=dict)
    # Columns the scalar API takes as an int (counts).
    ints: frozenset[str] = frozenset()


def _mrr_columns(opts: Dict[str, Any]) -> Dict[str, st.SearchStrategy[float]]:
    return {k: MRR for k in ("starting_mrr", "new", "expansion", "contraction", "churned", "reactivation")}


def _mrr_scalar(metric: str) -> Callable[..., Any]:
    def call(**kw: Any) -> Any:
        return getattr(ltv.MrrMovements(**kw), metric)()

    return call


_MRR_AMOUNTS = ("starting_mrr", "new", "expansion", "contraction", "churned", "reactivation")


def _mrr_scale(metric: str) -> Callable[[Dict[str, Any], float], float]:
    def scale(row: Dict[str, Any], exact: float) -> float:
        total = sum(abs(row[k]) for k in _MRR_AMOUNTS)
        return total if metric == "ending_mrr" else total / row["starting_mrr"]

    return scale


def _discounted_options() -> st.SearchStrategy[Dict[str, Any]]:
    return st.fixed_dictionaries(
        {"timing": TIMING, "horizon_months": HORIZON, "churn_basis": BASIS, "annual": st.booleans()}
    )


def _discounted_columns(opts: Dict[str, Any]) -> Dict[str, st.SearchStrategy[float]]:
    rate = "annual_discount_rate" if opts["annual"] else "monthly_discount_rate"
    churn = NET_CHURN if opts["churn_basis"] == "net_revenue" else CHURN
    return {"monthly_margin": MONEY, "monthly_churn": churn, rate: RATE}


def _discounted_scale(row: Dict[str, Any], exact: float) -> float:
    # m k (1 - q^n) / (c + d) with q = (1 - c) / (1 + d): float64 loses digits in c + d (by (|c| + d) / |c + d|),
    # in q^n (n roundings), and in the survivors' 1 - c (by |c| / |1 - c|).
    c = row["monthly_churn"]
    d = row.get("monthly_discount_rate")
    if d is None:
        d = (1 + row["annual_discount_rate"]) ** (1 / 12) - 1
    spread = abs(c + d)
    condition = 1 + (abs(c) + d) / spread if spread else 1.0
    condition += row.get("horizon_months") or 0
    if row["timing"] == "end_of_period_survivors" and c != 1:
        condition += abs(c) / abs(1 - c)
    return abs(exact) * condition


SPECS: Dict[str, Spec] = {
    "purchase_ltv": Spec(
        columns=lambda o: {
            "average_purchase_value": MONEY,
            "purchase_frequency": REAL,
            "customer_lifespan": REAL,
            **({"gross_margin": FRACTION} if o["margin"] else {}),
        },
        options=st.fixed_dictionaries({"margin": st.booleans()}),
    ),
    "subscription_ltv": Spec(columns=lambda o: {"average_monthly_revenue": MONEY, "lifespan_months": MONTHS}),
    "lifespan_from_churn": Spec(
        columns=lambda o: {"monthly_churn": NET_CHURN if o["churn_basis"] == "net_revenue" else CHURN},
        options=st.fixed_dictionaries({"churn_basis": BASIS}),
    ),
    "saas_ltv": Spec(
        columns=lambda o: {
            "arpu": MONEY,
            "gross_margin": FRACTION,
            "monthly_churn": NET_CHURN if o["churn_basis"] == "net_revenue" else CHURN,
        },
        options=st.fixed_dictionaries({"churn_basis": BASIS}),
    ),
    "monthly_churn_from_annual": Spec(
        columns=lambda o: {"annual_churn": NET_CHURN if o["churn_basis"] == "net_revenue" else CHURN},
        options=st.fixed_dictionaries({"churn_basis": BASIS}),
        scale=lambda row, exact: 1 + (1 - row["annual_churn"]) ** (1 / 12),
    ),
    "annual_to_monthly_rate": Spec(
        columns=lambda o: {"annual_rate": RATE}, scale=lambda row, exact: 1 + (1 + row["annual_rate"]) ** (1 / 12)
    ),
    "discounted_ltv": Spec(columns=_discounted_columns, options=_discounted_options(), scale=_discounted_scale),
    "retention_cltv": Spec(
        columns=lambda o: {"revenue": MONEY, "gross_margin": FRACTION, "retention": FRACTION, "discount_rate": RATE},
        options=st.fixed_dictionaries(
            {"periods": st.integers(0, 60), "period": st.sampled_from(["annual", "monthly"]), "timing": TIMING}
        ),
    ),
    "ltv_cac_ratio": Spec(
        columns=lambda o: {"ltv": MONEY, "cac": MONEY},
        scalar=lambda **kw: ltv.ltv_cac_ratio(**kw).ratio,
    ),
    "ltv_cac_band": Spec(
        columns=lambda o: {"ratio": BAND_RATIO},
        options=st.tuples(grid(0.5, 5, 1), grid(0, 5, 1)).map(lambda t: {"healthy_min": t[0], "healthy_max": t[0] + t[1]}),
        scalar=lambda ratio, **kw: ltv.ltv_cac_ratio(ltv=ratio, cac=1, **kw).band,
        fields={"ratio": "ltv"},
    ),
    "max_cac": Spec(columns=lambda o: {"ltv": MONEY, "target_ratio": RATIO}),
    "cac_payback_months": Spec(
        columns=lambda o: {"cac": MONEY, "arpu": MONEY, "gross_margin": FRACTION, "target_months": MONTHS},
        scalar=lambda **kw: ltv.cac_payback_months(**kw).months,
    ),
    "lead_ltv": Spec(columns=lambda o: {"customer_ltv": MONEY, "conversion_rate": FRACTION}),
    "net_lead_ltv": Spec(
        columns=lambda o: {
            "customer_ltv": MONEY,
            "conversion_rate": FRACTION,
            "cac": SMALL_MONEY,
            "nurture_cost": SMALL_MONEY,
            "time_factor": REAL,
        },
        scale=lambda r, exact: r["customer_ltv"] * r["conversion_rate"] + (r["cac"] + r["nurture_cost"]) * r["time_factor"],
    ),
    "present_value_lead_ltv": Spec(
        columns=lambda o: {
            "customer_ltv": MONEY,
            "conversion_rate": FRACTION,
            "months_to_close": MONTHS,
            "annual_discount_rate": RATE,
            "discount_after_months": MONTHS,
        }
    ),
    "lead_value": Spec(
        columns=lambda o: {
            "customer_ltv": MONEY,
            "conversion_probability": FRACTION,
            "months_to_close": MONTHS,
            "days_since_engagement": DAYS,
            "annual_discount_rate": RATE,
            "discount_after_months": MONTHS,
            "zombie_after_days": DAYS,
        }
    ),
    "campaign_value": Spec(columns=lambda o: {"leads": COUNT, "lead_ltv": MONEY}, ints=frozenset({"leads"})),
    "bid_cap": Spec(columns=lambda o: {"lead_ltv": MONEY, "target_ratio": RATIO}),
    "logo_churn_rate": Spec(
        columns=lambda o: {"customers_at_start": CUSTOMERS, "customers_lost": CUSTOMERS},
        ints=frozenset({"customers_at_start", "customers_lost"}),
    ),
    **{
        metric: Spec(columns=_mrr_columns, scalar=_mrr_scalar(metric), scale=_mrr_scale(metric))
        for metric in (
            "ending_mrr",
            "gross_mrr_churn",
            "net_mrr_churn",
            "net_revenue_retention",
            "gross_revenue_retention",
            "quick_ratio",
        )
    },
}


def test_every_vec_function_has_a_spec() -> None:
    assert sorted(SPECS) == sorted(ltv.vec.__all__)


def _scalar_outcome(fn: Callable[..., Any], kwargs: Dict[str, Any]) -> Any:
    try:
        return fn(**kwargs)
    except ltv.LtvError as err:
        return err


def _vec_options(name: str, opts: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in opts.items() if k not in ("annual", "margin")}


@pytest.mark.parametrize("name", sorted(SPECS))
@given(data=st.data())
def test_vec_agrees_with_scalar(name: str, data: st.DataObject) -> None:
    spec = SPECS[name]
    opts = data.draw(spec.options, label="options")
    strategies = spec.columns(opts)
    n = data.draw(st.integers(1, 5), label="rows")
    columns = {k: data.draw(st.lists(s, min_size=n, max_size=n), label=k) for k, s in strategies.items()}
    options = _vec_options(name, opts)
    vec_fn = getattr(ltv.vec, name)
    scalar_fn = spec.scalar or getattr(ltv, name)
    arrays = {k: np.array(v, dtype=np.float64) for k, v in columns.items()}

    got = vec_fn(**arrays, **options, errors="nan")
    assert len(got) == n
    first_bad: Optional[int] = None
    first_err: Optional[ltv.LtvError] = None
    for i in range(n):
        row = {k: v[i] for k, v in columns.items()}
        scalar_row = {k: int(v) if k in spec.ints else v for k, v in row.items()}
        exact = _scalar_outcome(scalar_fn, {**scalar_row, **options})
        if isinstance(exact, ltv.LtvError):
            if first_bad is None:
                first_bad, first_err = i, exact
            assert got[i] is None if name == "ltv_cac_band" else math.isnan(got[i]), (i, row, exact, got[i])
            # The same row alone fails with the same class and field.
            with pytest.raises(ltv.LtvError) as info:
                vec_fn(**{k: [v] for k, v in row.items()}, **options)
            err = info.value
            assert type(err) is type(exact), (row, err, exact)
            assert spec.fields.get(err.field, err.field) == exact.field, (row, err, exact)
            assert err.kind == exact.kind and err.row == 0
        elif isinstance(exact, str):
            assert got[i] == exact, (row, got[i], exact)
        else:
            assert isinstance(exact, Decimal), exact
            value = float(got[i])
            assert math.isfinite(value), (row, value, exact)
            tol = 1e-14 * spec.scale({**row, **opts}, float(exact))
            assert math.isclose(value, float(exact), rel_tol=1e-12, abs_tol=tol), (row, value, exact)

    if first_err is None:
        raised = vec_fn(**arrays, **options)
        if got.dtype == object:  # band names
            assert raised.tolist() == got.tolist()
        else:
            assert np.array_equal(raised, got, equal_nan=True)
    else:
        with pytest.raises(ltv.LtvError) as info:
            vec_fn(**arrays, **options)
        err = info.value
        assert type(err) is type(first_err)
        assert err.row == first_bad
        assert spec.fields.get(err.field, err.field) == first_err.field
        assert str(err).startswith(f"row {first_bad}: {err.field}")


# ---------------------------------------------------------------------------------------------------------
# Broadcasting, lengths and errors=.


def test_scalars_broadcast_against_columns() -> None:
    out = ltv.vec.saas_ltv(arpu=[100.0, 200.0, 300.0], gross_margin=0.8, monthly_churn=0.05)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    np.testing.assert_allclose(out, [1600.0, 3200.0, 4800.0], rtol=1e-15)
    out = ltv.vec.saas_ltv(arpu=500, gross_margin=[0.8, 0.4], monthly_churn=np.array([0.03, 0.03]))
    np.testing.assert_allclose(out, [40000 / 3, 20000 / 3], rtol=1e-15)
    one = ltv.vec.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03)
    assert one.shape == (1,)
    # A one-row column broadcasts like a scalar.
    np.testing.assert_array_equal(
        ltv.vec.lead_ltv(customer_ltv=[1000.0], conversion_rate=[0.1, 0.2]), [100.0, 200.0]
    )
    # Defaults are scalars too.
    np.testing.assert_array_equal(ltv.vec.max_cac(ltv=[300.0, 600.0]), [100.0, 200.0])


def test_empty_columns_give_empty_results() -> None:
    out = ltv.vec.saas_ltv(arpu=np.array([]), gross_margin=0.8, monthly_churn=0.03)
    assert out.shape == (0,) and out.dtype == np.float64
    assert ltv.vec.lead_ltv(customer_ltv=[], conversion_rate=[]).shape == (0,)
    empty = pd.Series([], dtype=float, index=pd.Index([], dtype=object))
    assert len(ltv.vec.saas_ltv(arpu=empty, gross_margin=0.8, monthly_churn=0.03)) == 0


def test_mismatched_lengths_are_invalid_input_errors_naming_the_column() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.saas_ltv(arpu=[1.0, 2.0], gross_margin=[0.5, 0.5, 0.5], monthly_churn=0.03)
    assert (info.value.field, info.value.value) == ("gross_margin", "3 rows")
    assert str(info.value) == (
        "gross_margin = 3 rows is out of range: expected as many rows as the other columns (or 1 to broadcast)"
    )
    with pytest.raises(ltv.InvalidInputError, match="conversion_rate = 2 rows"):
        ltv.vec.lead_ltv(customer_ltv=[], conversion_rate=[0.1, 0.2])
    with pytest.raises(TypeError, match="^arpu: expected a 1-D column, got an array of 2 dimensions$"):
        ltv.vec.saas_ltv(arpu=np.ones((2, 2)), gross_margin=0.8, monthly_churn=0.03)


def test_errors_nan_marks_only_bad_rows() -> None:
    arpu = [500.0, -5.0, 500.0, 500.0, 500.0]
    churn = [0.03, 0.03, 0.0, 3.0, 0.015]
    out = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=churn, errors="nan")
    np.testing.assert_array_equal(np.isnan(out), [False, True, True, True, False])
    np.testing.assert_allclose(out[[0, 4]], [40000 / 3, 80000 / 3], rtol=1e-15)


def test_errors_raise_names_the_first_bad_row() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.saas_ltv(arpu=[500.0, 500.0, -5.0, -6.0], gross_margin=0.8, monthly_churn=[0.03, 0.03, 0.03, 0.0])
    err = info.value
    assert str(err) == "row 2: arpu = -5 is out of range: expected a value >= 0"
    assert (err.row, err.field, err.value, err.kind) == (2, "arpu", "-5", "invalid_input")
    with pytest.raises(ltv.ZeroChurnError) as info:
        ltv.vec.saas_ltv(arpu=500.0, gross_margin=0.8, monthly_churn=[0.03, 0.0])
    assert info.value.row == 1 and str(info.value).startswith("row 1: monthly_churn = 0: with zero churn")
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.saas_ltv(arpu=500.0, gross_margin=[0.8, 80.0], monthly_churn=0.03)
    assert str(info.value) == "row 1: gross_margin = 80 is out of range: expected a fraction in [0, 1]; did you mean 0.8?"


def test_errors_must_be_raise_or_nan() -> None:
    with pytest.raises(ltv.InvalidInputError, match=r"^errors = ignore is out of range: expected 'raise' or 'nan'$"):
        ltv.vec.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03, errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^errors: expected 'raise' or 'nan', got int$"):
        ltv.vec.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03, errors=1)  # type: ignore[arg-type]


def test_options_are_validated_once() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03, churn_basis="revenue", errors="nan")
    assert (info.value.field, info.value.row) == ("churn_basis", None)
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.discounted_ltv(monthly_margin=80, monthly_churn=0.05, monthly_discount_rate=0.01, horizon_months=-1)
    assert (info.value.field, info.value.value, info.value.row) == ("horizon_months", "-1", None)
    with pytest.raises(TypeError, match="exactly one of"):
        ltv.vec.discounted_ltv(monthly_margin=80, monthly_churn=0.05)
    with pytest.raises(ltv.InvalidInputError, match="^periods = -1 is out of range"):
        ltv.vec.retention_cltv(revenue=1, gross_margin=1, retention=0.5, discount_rate=0.1, periods=-1)
    with pytest.raises(TypeError, match=r"^periods: expected a whole number \(int\), got float"):
        ltv.vec.retention_cltv(revenue=1, gross_margin=1, retention=0.5, discount_rate=0.1, periods=1.5)


def test_counts_must_be_whole() -> None:
    out = ltv.vec.campaign_value(leads=[100.0, 1.5, -1.0, math.nan, 2.0**32], lead_ltv=50, errors="nan")
    assert out[0] == 5000.0 and np.isnan(out[1:]).all()
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.campaign_value(leads=[100.0, 1.5], lead_ltv=50)
    assert str(info.value) == "row 1: leads = 1.5 is out of range: expected a whole number from 0 to 4294967295"
    with pytest.raises(ltv.NotFiniteError, match="^row 0: customers_lost = NaN"):
        ltv.vec.logo_churn_rate(customers_at_start=10, customers_lost=[math.nan])
    np.testing.assert_array_equal(ltv.vec.logo_churn_rate(customers_at_start=np.array([200, 7]), customers_lost=[6, 7]), [0.03, 1.0])


# ---------------------------------------------------------------------------------------------------------
# Input types.


def test_int_lists_tuples_and_float32_work() -> None:
    expected = ltv.vec.saas_ltv(arpu=[0.0, 100.0, 200.0], gross_margin=0.5, monthly_churn=0.25)
    for arpu in (np.array([0, 100, 200]), np.array([0, 100, 200], dtype=np.int32), [0, 100, 200], (0, 100, 200),
                 np.array([0, 100, 200], dtype=np.float32), np.array([0, 100, 200], dtype=np.uint16)):
        np.testing.assert_array_equal(ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.5, monthly_churn=0.25), expected)
    # Decimal and string scalars, and a list of Decimals.
    np.testing.assert_array_equal(
        ltv.vec.saas_ltv(arpu=[Decimal("0"), Decimal("100"), Decimal("200")], gross_margin="0.5", monthly_churn=Decimal("0.25")),
        expected,
    )


def test_non_contiguous_arrays_work() -> None:
    base = np.arange(20, dtype=np.float64) * 10
    for arpu in (base[::2], base[::-1], np.arange(20)[::2], base.reshape(4, 5)[:, 1]):
        assert not arpu.flags.c_contiguous
        out = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.5, monthly_churn=0.25)
        np.testing.assert_array_equal(out, np.asarray(arpu, dtype=np.float64) * 2)


@pytest.mark.parametrize(
    "value",
    [
        np.array([True, False]),
        [True, False],
        True,
        np.bool_(False),
        pd.Series([True, False]),
        pd.Series([True, None], dtype="boolean"),
        pl.Series([True, False]),
    ],
    ids=["numpy", "list", "bool", "numpy-bool", "pandas", "pandas-nullable", "polars"],
)
def test_booleans_are_rejected(value: Any) -> None:
    with pytest.raises(TypeError, match="^arpu: expected"):
        ltv.vec.saas_ltv(arpu=value, gross_margin=0.8, monthly_churn=0.03)


def test_none_and_non_numbers_are_rejected() -> None:
    with pytest.raises(TypeError, match="^arpu: expected a number or a column of numbers, got NoneType"):
        ltv.vec.saas_ltv(arpu=None, gross_margin=0.8, monthly_churn=0.03)
    with pytest.raises(TypeError, match="^arpu: expected a number, got 'abc'"):
        ltv.vec.saas_ltv(arpu="abc", gross_margin=0.8, monthly_churn=0.03)
    with pytest.raises(TypeError, match="^arpu: expected numbers, got an array of"):
        ltv.vec.saas_ltv(arpu=np.array(["a", "b"]), gross_margin=0.8, monthly_churn=0.03)


def test_missing_values_are_bad_rows() -> None:
    for arpu in ([500.0, math.nan], [500, None], np.array([500.0, np.nan]), pd.Series([500.0, None]),
                 pd.Series([500, None], dtype="Int64"), pl.Series([500.0, None]), pl.Series([500, None])):
        with pytest.raises(ltv.NotFiniteError) as info:
            ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=0.03)
        assert (info.value.row, info.value.field, info.value.value) == (1, "arpu", "NaN")
        out = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=0.03, errors="nan")
        assert np.isclose(np.asarray(out)[0], 40000 / 3) and np.isnan(np.asarray(out)[1])
    with pytest.raises(ltv.NotFiniteError, match="^row 0: arpu = NaN is not a finite number$"):
        ltv.vec.saas_ltv(arpu=Decimal("sNaN"), gross_margin=0.8, monthly_churn=0.03)


# ---------------------------------------------------------------------------------------------------------
# pandas and polars.


def test_pandas_series_in_series_out() -> None:
    idx = pd.Index(["acme", "globex", "initech"], name="customer")
    arpu = pd.Series([500.0, 250.0, 100.0], index=idx)
    out = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=0.05)
    assert isinstance(out, pd.Series)
    assert out.index.equals(idx) and out.index.name == "customer"
    assert out.name == "saas_ltv"
    np.testing.assert_allclose(out.to_numpy(), [8000.0, 4000.0, 1600.0], rtol=1e-15)
    # Mixed with a numpy column and a scalar, the index still comes from the Series.
    mixed = ltv.vec.saas_ltv(arpu=arpu.to_numpy(), gross_margin=pd.Series([0.8, 0.8, 0.8], index=idx), monthly_churn=0.05)
    assert isinstance(mixed, pd.Series) and mixed.index.equals(idx)
    # A Series with only scalars around it is still one value per row.
    one = ltv.vec.saas_ltv(arpu=pd.Series([500.0], index=["x"]), gross_margin=0.8, monthly_churn=0.05)
    assert list(one.index) == ["x"]
    band = ltv.vec.ltv_cac_band(ratio=pd.Series([2.0, 4.0, 6.0], index=idx))
    assert band.tolist() == ["overspending", "healthy", "under_investing"] and band.index.equals(idx)


def test_pandas_errors_name_the_index_label() -> None:
    arpu = pd.Series([500.0, -5.0, -6.0], index=pd.Index([10, 20, 30]))
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=0.03)
    err = info.value
    assert str(err) == "row 1 (index 20): arpu = -5 is out of range: expected a value >= 0"
    assert (err.row, err.field, err.value, err.kind) == (1, "arpu", "-5", "invalid_input")
    assert getattr(err, "label") == 20
    with pytest.raises(ltv.NotFiniteError, match=r"^row 0 \(index 'a'\): arpu = NaN"):
        ltv.vec.saas_ltv(arpu=pd.Series([None, 1.0], index=["a", "b"]), gross_margin=0.8, monthly_churn=0.03)
    out = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=0.03, errors="nan")
    assert isinstance(out, pd.Series) and out.isna().tolist() == [False, True, True]


def test_pandas_indexes_must_agree() -> None:
    a = pd.Series([1.0, 2.0], index=[0, 1])
    b = pd.Series([0.5, 0.5], index=[1, 2])
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.saas_ltv(arpu=a, gross_margin=b, monthly_churn=0.03)
    assert info.value.field == "gross_margin"
    assert str(info.value) == (
        "gross_margin = a Series indexed [1, 2] is out of range: expected the index of arpu; align the columns first"
    )


def test_a_length_one_series_broadcasts_like_a_scalar() -> None:
    one = pd.Series([100.0], index=["a"])
    out = ltv.vec.saas_ltv(arpu=one, gross_margin=pd.Series([0.8, 0.7], index=["x", "y"]), monthly_churn=0.1)
    assert list(out.index) == ["x", "y"]
    np.testing.assert_allclose(out.to_numpy(), [800.0, 700.0])
    plain = ltv.vec.saas_ltv(arpu=one, gross_margin=[0.8, 0.7], monthly_churn=0.1)
    assert isinstance(plain, np.ndarray)
    np.testing.assert_allclose(plain, [800.0, 700.0])


def test_polars_series_in() -> None:
    out = ltv.vec.saas_ltv(arpu=pl.Series("arpu", [500, 250]), gross_margin=pl.Series([0.8, 0.8]), monthly_churn=0.05)
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, [8000.0, 4000.0], rtol=1e-15)
    out = ltv.vec.campaign_value(leads=pl.Series([100, 20], dtype=pl.UInt32), lead_ltv=pl.Series([50.0, 500.0]))
    np.testing.assert_array_equal(out, [5000.0, 10000.0])


def test_frame_helpers_on_pandas() -> None:
    df = pd.DataFrame(
        {
            "arpu": [500.0, 500.0, 120.0],
            "gross_margin": [0.8, 0.8, 0.7],
            "monthly_churn": [0.03, 0.015, 0.02],
            "churn": [0.03, 0.015, 0.02],
            "cac": [4000.0, 4000.0, 1000.0],
        },
        index=pd.Index(["a", "b", "c"], name="id"),
    )
    ltv_col = ltv.frame.saas_ltv(df)
    assert isinstance(ltv_col, pd.Series) and ltv_col.name == "saas_ltv" and ltv_col.index.equals(df.index)
    assert ltv_col.round(2).tolist() == [13333.33, 26666.67, 4200.0]
    pd.testing.assert_series_equal(ltv.frame.saas_ltv(df, monthly_churn="churn"), ltv_col)
    fixed = ltv.frame.saas_ltv(df, gross_margin=0.8, monthly_churn=0.03)
    assert fixed.round(2).tolist() == [13333.33, 13333.33, 3200.0]
    only_values = ltv.frame.saas_ltv(df, arpu=500, gross_margin=0.8, monthly_churn=0.03)
    assert only_values.index.equals(df.index) and only_values.round(2).tolist() == [13333.33] * 3

    df["ltv"] = ltv_col
    ratio = ltv.frame.ltv_cac_ratio(df)
    assert ratio.name == "ltv_cac_ratio" and ratio.round(4).tolist() == [3.3333, 6.6667, 4.2]
    assert ltv.frame.max_cac(df).round(2).tolist() == [4444.44, 8888.89, 1400.0]
    assert ltv.frame.max_cac(df, target_ratio=4).round(2).tolist() == [3333.33, 6666.67, 1050.0]
    payback = ltv.frame.cac_payback_months(df)
    np.testing.assert_allclose(payback.to_numpy(), [10.0, 10.0, 1000 / 84], rtol=1e-15)
    assert payback.name == "cac_payback_months"

    disc = ltv.frame.discounted_ltv(
        pd.DataFrame({"monthly_margin": [80.0], "monthly_churn": [0.05], "rate": [0.1]}), annual_discount_rate="rate"
    )
    assert disc.round(2).tolist() == [1390.93]
    disc = ltv.frame.discounted_ltv(pd.DataFrame({"m": [80.0], "c": [0.05]}), monthly_margin="m", monthly_churn="c",
                                    annual_discount_rate=0.1, timing="end_of_period")
    assert disc.round(2).tolist() == [1379.93]

    with pytest.raises(KeyError, match="arpu: column 'revenue' is not in the frame"):
        ltv.frame.saas_ltv(df, arpu="revenue")
    with pytest.raises(TypeError, match="expected a pandas or polars DataFrame"):
        ltv.frame.saas_ltv({"arpu": [1.0]})
    bad = df.assign(gross_margin=[0.8, 80.0, 0.7])
    with pytest.raises(ltv.InvalidInputError, match=r"^row 1 \(index 'b'\): gross_margin = 80"):
        ltv.frame.saas_ltv(bad)
    assert ltv.frame.saas_ltv(bad, errors="nan").isna().tolist() == [False, True, False]


def test_frame_helpers_on_polars() -> None:
    df = pl.DataFrame({"arpu": [500.0, 500.0], "gross_margin": [0.8, 0.8], "churn": [0.03, 0.015], "cac": [4000.0, 4000.0]})
    out = ltv.frame.saas_ltv(df, monthly_churn="churn")
    assert isinstance(out, pl.Series) and out.name == "saas_ltv" and out.len() == 2
    assert out.round(2).to_list() == [13333.33, 26666.67]
    const = ltv.frame.saas_ltv(df, arpu=500, gross_margin=0.8, monthly_churn=0.03)
    assert const.round(2).to_list() == [13333.33, 13333.33]
    df = df.with_columns(out.alias("ltv"))
    assert ltv.frame.ltv_cac_ratio(df).round(4).to_list() == [3.3333, 6.6667]
    leads = pl.DataFrame({"customer_ltv": [20000.0, 50000.0], "conversion_rate": [0.05, 0.03],
                          "months_to_close": [3.0, 24.0], "days_since_engagement": [30.0, 200.0]})
    assert ltv.frame.lead_ltv(leads).to_list() == [1000.0, 1500.0]
    leads = leads.with_columns(conversion_probability=leads["conversion_rate"])
    assert ltv.frame.lead_value(leads).round(2).to_list() == [1000.0, 0.0]
    assert ltv.frame.lead_value(leads, zombie_after_days=365).round(2).to_list() == [1000.0, 1239.67]
    assert ltv.frame.bid_cap(leads.with_columns(lead_ltv=pl.Series([1500.0, 300.0]))).to_list() == [500.0, 100.0]
    with pytest.raises(ltv.NotFiniteError, match="^row 1: arpu = NaN"):
        ltv.frame.saas_ltv(pl.DataFrame({"arpu": [1.0, None], "gross_margin": [0.5, 0.5], "monthly_churn": [0.1, 0.1]}))
    with pytest.raises(KeyError):
        ltv.frame.saas_ltv(df)  # no monthly_churn column


def test_other_frame_helpers() -> None:
    df = pd.DataFrame(
        {
            "average_purchase_value": [50.0],
            "purchase_frequency": [4.0],
            "customer_lifespan": [5.0],
            "average_monthly_revenue": [1000.0],
            "lifespan_months": [24.0],
            "revenue": [1000.0],
            "gross_margin": [0.3],
            "retention": [0.8],
            "discount_rate": [0.1],
            "customer_ltv": [50000.0],
            "conversion_rate": [0.03],
            "cac": [300.0],
        }
    )
    assert ltv.frame.purchase_ltv(df).tolist() == [1000.0]
    assert ltv.frame.purchase_ltv(df, gross_margin="gross_margin").tolist() == [300.0]
    assert ltv.frame.subscription_ltv(df).tolist() == [24000.0]
    assert ltv.frame.retention_cltv(df, periods=3).round(2).tolist() == [676.86]
    assert ltv.frame.net_lead_ltv(df, nurture_cost=100, time_factor=1.5).tolist() == [900.0]


# ---------------------------------------------------------------------------------------------------------
# ltv_cac_band.


def test_ltv_cac_band() -> None:
    out = ltv.vec.ltv_cac_band(ratio=[0.0, 2.99, 3.0, 4.0, 5.0, 5.01])
    assert out.dtype == object
    assert out.tolist() == ["overspending", "overspending", "healthy", "healthy", "healthy", "under_investing"]
    custom = ltv.vec.ltv_cac_band(ratio=[1.5, 2.5, 4.5], healthy_min=2, healthy_max=4)
    assert custom.tolist() == ["overspending", "healthy", "under_investing"]
    ratios = ltv.vec.ltv_cac_ratio(ltv=[13333.33, 8000.0, 32000.0], cac=4000)
    assert ltv.vec.ltv_cac_band(ratio=ratios).tolist() == ["healthy", "overspending", "under_investing"]
    assert ltv.vec.ltv_cac_band(ratio=[3.0, -1.0, math.nan], errors="nan").tolist() == ["healthy", None, None]
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.ltv_cac_band(ratio=[3.0, -1.0])
    assert (info.value.row, info.value.field) == (1, "ratio")
    with pytest.raises(ltv.InvalidInputError, match="^healthy_max = 3 is out of range: expected a value >= healthy_min$"):
        ltv.vec.ltv_cac_band(ratio=[3.0], healthy_min=5, healthy_max=3, errors="nan")
    with pytest.raises(ltv.InvalidInputError, match="^healthy_min = 0 is out of range"):
        ltv.vec.ltv_cac_band(ratio=[3.0], healthy_min=0)


# ---------------------------------------------------------------------------------------------------------
# The parallel path.

N_LARGE = 2_000_000  # above the 1,048,576-row threshold of the parallel path


@pytest.fixture(scope="module")
def large_inputs() -> Dict[str, np.ndarray]:
    rng = np.random.default_rng(20240601)
    return {
        "monthly_margin": np.round(rng.uniform(0, 500, N_LARGE), 2),
        "monthly_churn": np.round(rng.uniform(0.001, 0.2, N_LARGE), 4),
        "annual_discount_rate": np.round(rng.uniform(0, 0.3, N_LARGE), 3),
    }


def test_parallel_equals_serial(large_inputs: Dict[str, np.ndarray]) -> None:
    parallel = ltv.vec.discounted_ltv(**large_inputs, horizon_months=36)
    serial = ltv.vec.discounted_ltv(**large_inputs, horizon_months=36, parallel=False)
    assert parallel.shape == (N_LARGE,)
    np.testing.assert_array_equal(parallel, serial)
    saas = ltv.vec.saas_ltv(arpu=large_inputs["monthly_margin"], gross_margin=0.8, monthly_churn=large_inputs["monthly_churn"])
    np.testing.assert_array_equal(
        saas,
        ltv.vec.saas_ltv(arpu=large_inputs["monthly_margin"], gross_margin=0.8, monthly_churn=large_inputs["monthly_churn"], parallel=False),
    )
    # Spot-check rows against the exact scalar API.
    for i in (0, 1_048_575, 1_048_576, N_LARGE - 1):
        exact = ltv.discounted_ltv(
            monthly_margin=float(large_inputs["monthly_margin"][i]),
            monthly_churn=float(large_inputs["monthly_churn"][i]),
            annual_discount_rate=float(large_inputs["annual_discount_rate"][i]),
            horizon_months=36,
        )
        assert math.isclose(parallel[i], float(exact), rel_tol=1e-12)


def test_parallel_reports_the_first_bad_row(large_inputs: Dict[str, np.ndarray]) -> None:
    churn = large_inputs["monthly_churn"].copy()
    # Bad rows in several chunks (65,536 rows each), the first of them not in the first chunk to finish.
    bad_rows = [1_999_999, 1_500_000, 700_123, 700_124, 131_072 * 3 + 17]
    for row in bad_rows:
        churn[row] = 0.0
    churn[1_200_000] = -1.0  # a different error, later
    first = min(bad_rows)
    for _ in range(3):  # the chunks finish in a different order each time
        with pytest.raises(ltv.ZeroChurnError) as info:
            ltv.vec.saas_ltv(arpu=large_inputs["monthly_margin"], gross_margin=0.8, monthly_churn=churn)
        assert info.value.row == first
        assert str(info.value).startswith(f"row {first}: monthly_churn = 0")
    with pytest.raises(ltv.ZeroChurnError) as info:
        ltv.vec.saas_ltv(arpu=large_inputs["monthly_margin"], gross_margin=0.8, monthly_churn=churn, parallel=False)
    assert info.value.row == first
    nan_parallel = ltv.vec.saas_ltv(arpu=large_inputs["monthly_margin"], gross_margin=0.8, monthly_churn=churn, errors="nan")
    nan_serial = ltv.vec.saas_ltv(
        arpu=large_inputs["monthly_margin"], gross_margin=0.8, monthly_churn=churn, errors="nan", parallel=False
    )
    np.testing.assert_array_equal(nan_parallel, nan_serial)
    assert sorted(np.flatnonzero(np.isnan(nan_parallel)).tolist()) == sorted([*bad_rows, 1_200_000])
    # A pandas index names the first bad row's label in parallel mode too.
    index = pd.RangeIndex(N_LARGE) * 2
    with pytest.raises(ltv.ZeroChurnError, match=rf"^row {first} \(index {first * 2}\): "):
        ltv.vec.saas_ltv(arpu=pd.Series(large_inputs["monthly_margin"], index=index), gross_margin=0.8, monthly_churn=churn)


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.skipif(
    not os.path.isdir("/proc/self/task") and os.environ.get("CI") != "true",  # in CI a missing /proc fails
    reason="counts threads through /proc (Linux)",
)
def test_large_inputs_take_the_parallel_path_and_forked_children_do_not() -> None:
    # A fresh process: the engine's scoped worker threads are counted (`_vec_threads_spawned`), so the count
    # shows which path ran. A forked child must not start any (threads do not survive fork()).
    result = _run_python(
        """
        import os, sys
        import numpy as np
        import ltv

        def threads():
            return len(os.listdir("/proc/self/task"))

        n = 2_000_000
        arpu = np.full(n, 500.0)
        churn = np.full(n, 0.03)
        spawned = ltv._ltv._vec_threads_spawned
        start = threads()
        small = ltv.vec.saas_ltv(arpu=arpu[:1_000_000], gross_margin=0.8, monthly_churn=churn[:1_000_000])
        serial = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=churn, parallel=False)
        assert threads() == start and spawned() == 0, ("serial path started threads", start, threads(), spawned())

        pid = os.fork()
        if pid == 0:
            ok = threads() == 1
            child = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=churn)
            ok = ok and threads() == 1 and spawned() == 0 and np.array_equal(child, serial)
            os._exit(0 if ok else 3)
        _, status = os.waitpid(pid, 0)
        assert os.WEXITSTATUS(status) == 0, "forked child used threads or got a different result"

        parallel = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=churn)
        assert spawned() > 0, ("parallel path started no threads", start, spawned())
        assert np.array_equal(parallel, serial)
        print("ok", start, threads())
        """
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok")


# ---------------------------------------------------------------------------------------------------------
# Lazy imports.


def test_import_ltv_does_not_import_pandas_or_polars() -> None:
    result = _run_python(
        """
        import sys
        import numpy as np
        import ltv, ltv.vec, ltv.frame
        ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03)
        ltv.vec.saas_ltv(arpu=np.array([500.0]), gross_margin=0.8, monthly_churn=[0.03])
        try:
            ltv.vec.saas_ltv(arpu=[-1.0], gross_margin=0.8, monthly_churn=0.03)
        except ltv.LtvError:
            pass
        loaded = sorted(m for m in ("pandas", "polars") if m in sys.modules)
        print(",".join(loaded) or "none")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
