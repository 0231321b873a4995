"""Simulated transaction logs from Python: ``simulate_transactions`` of BG/NBD, MBG/NBD, Pareto/NBD and BG/BB and
the Gamma-Gamma's ``simulate_transaction_values`` (one Rust implementation, crates/ltv-models/tests/
simulate_transactions.rs). A log summarised here by a pandas groupby is exactly ``simulate``'s summary for the
same seed; a log turned into dates goes through ``rfm_summary``; simulated values refit to the Gamma-Gamma; and
``expected_purchases_if_alive`` times P(alive) is the conditional expectation. Hostile input raises the exact
error kind naming the field and row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
from ltv.purchase import (
    BgBbModel,
    BgNbdFit,
    BgNbdModel,
    GammaGammaFit,
    GammaGammaModel,
    MbgNbdModel,
    ParetoNbdModel,
    rfm_summary,
)

PARAMS = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)
MODELS = [BgNbdModel(**PARAMS), MbgNbdModel(**PARAMS), ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)]


def _summary(log: dict, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(x, t_x) per customer from the log, by a pandas groupby (independent of the Rust drawing code)."""
    frame = pd.DataFrame(log)
    assert (frame.groupby("customer")["time"].first() == 0).all()
    assert frame["customer"].is_monotonic_increasing
    grouped = frame.groupby("customer")["time"]
    counts = grouped.size().reindex(range(n)).to_numpy()
    return counts - 1.0, grouped.max().reindex(range(n)).to_numpy()


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**64 - 1),
    ages=st.lists(st.floats(0.5, 80.0), min_size=1, max_size=40),
    which=st.sampled_from(range(3)),
)
def test_a_log_summarises_to_the_simulated_summary(seed: int, ages: list, which: int) -> None:
    m = MODELS[which]
    log = m.simulate_transactions(age=ages, seed=seed)
    assert log["customer"].dtype == np.int64 and log["time"].dtype == np.float64
    want = m.simulate(age=ages, seed=seed)
    x, t_x = _summary(log, len(ages))
    np.testing.assert_array_equal(x, want["frequency"])
    np.testing.assert_array_equal(t_x, want["recency"])
    assert (log["time"] <= np.asarray(ages)[log["customer"]]).all()


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**64 - 1), periods=st.lists(st.integers(1, 30), min_size=1, max_size=40))
def test_a_bg_bb_log_summarises_to_the_simulated_summary(seed: int, periods: list) -> None:
    m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    log = m.simulate_transactions(periods=periods, seed=seed)
    want = m.simulate(periods=periods, seed=seed)
    x, t_x = _summary(log, len(periods))
    np.testing.assert_array_equal(x, want["frequency"])
    np.testing.assert_array_equal(t_x, want["recency"])
    assert (log["time"] == np.round(log["time"])).all()


def test_a_bg_bb_log_as_years_goes_through_rfm_summary() -> None:
    m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    periods = [1 + i % 11 for i in range(300)]
    log = m.simulate_transactions(periods=periods, seed=3)
    year = 2025 - np.asarray(periods)[log["customer"]] + log["time"].astype(int)
    frame = pl.DataFrame({"customer_id": log["customer"], "date": [f"{y}-06-30" for y in year]})
    s = rfm_summary(frame, unit="month", unit_multiple=12, observation_end="2025-12-31")
    want = m.simulate(periods=periods, seed=3)
    assert isinstance(s, pl.DataFrame)
    np.testing.assert_array_equal(s["frequency"].to_numpy(), want["frequency"])
    np.testing.assert_array_equal(s["recency"].to_numpy(), want["recency"])
    np.testing.assert_array_equal(s["age"].to_numpy(), periods)


def test_a_simulated_log_with_values_refits() -> None:
    """A BG/NBD log with Gamma-Gamma values, as dates, summarised by rfm_summary and fitted: the fits recover
    the parameters the log was drawn from (within 4 standard errors)."""
    truth, spend = BgNbdModel(r=0.8, alpha=4.0, a=0.5, b=3.0), GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    ages = np.full(30_000, 52.0)
    log = truth.simulate_transactions(age=ages, seed=11)
    value = spend.simulate_transaction_values(customer=pd.Series(log["customer"]), seed=12)
    assert value.shape == log["time"].shape and (value > 0).all()
    np.testing.assert_array_equal(value, spend.simulate_transaction_values(customer=log["customer"], seed=12))
    # Calendar times to the second, summarised in hours (purchases within one hour merge: rare at these
    # rates), so the BG/NBD's alpha comes back in hours: 168 per week.
    seconds = np.round((ages[log["customer"]] - log["time"]) * 7 * 24 * 3600).astype("timedelta64[s]")
    end = np.datetime64("2025-12-31T23:00:00")
    frame = pd.DataFrame({"customer_id": log["customer"], "date": end - seconds, "amount": value})
    s = rfm_summary(frame, value="amount", unit="hour", observation_end=end)
    fit = BgNbdFit.fit(s)
    table = fit.summary()
    for name, want in truth.params.items():
        scale = 168.0 if name == "alpha" else 1.0
        assert abs(fit.params[name] / scale - want) < 4 * table.loc[name, "std_err"] / scale, name
    repeat = s[s["frequency"] > 0]
    spend_fit = GammaGammaFit.fit(frequency=repeat["frequency"], monetary_value=repeat["monetary_value"])
    spend_table = spend_fit.summary()
    for name, want in spend.params.items():
        assert abs(spend_fit.params[name] - want) < 4 * spend_table.loc[name, "std_err"], name


@pytest.mark.parametrize("m", MODELS)
def test_expected_purchases_if_alive_times_p_alive_is_the_conditional_expectation(m: object) -> None:
    x = np.array([0.0, 1.0, 2.0, 7.0, 30.0])
    t_x = np.array([0.0, 3.5, 30.43, 11.0, 38.0])
    age = np.full(5, 38.86)
    live = m.expected_purchases_if_alive(t=[1.0, 12.0, 39.0, 52.0, 104.0], frequency=x, age=age)  # type: ignore[attr-defined]
    alive = m.probability_alive(frequency=x, recency=t_x, age=age)  # type: ignore[attr-defined]
    expected = m.conditional_expected_purchases(t=[1.0, 12.0, 39.0, 52.0, 104.0], frequency=x, recency=t_x, age=age)  # type: ignore[attr-defined]
    np.testing.assert_allclose(alive * live, expected, rtol=1e-12, atol=0)
    frame = pd.DataFrame({"frequency": x, "T": age}, index=list("abcde"))
    out = m.expected_purchases_if_alive(frame, t=12.0)  # type: ignore[attr-defined]
    assert isinstance(out, pd.Series) and list(out.index) == list("abcde") and out.name == "expected_purchases_if_alive"


def test_the_fit_classes_have_expected_purchases_if_alive() -> None:
    data = BgNbdModel(**PARAMS).simulate(age=[38.86] * 2000, seed=1)
    fit = BgNbdFit.fit(**data)
    assert fit.expected_purchases_if_alive(t=10.0, frequency=2, age=38.86) == fit.model.expected_purchases_if_alive(
        t=10.0, frequency=2, age=38.86
    )


@pytest.mark.parametrize("m", MODELS)
@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(t=1.0, frequency=[1.0, 1.5], age=10.0), "frequency"),
        (dict(t=1.0, frequency=[1.0, float("nan")], age=10.0), "frequency"),
        (dict(t=1.0, frequency=[1.0, -1.0], age=10.0), "frequency"),
        (dict(t=1.0, frequency=1.0, age=[10.0, float("inf")]), "age"),
        (dict(t=1.0, frequency=1.0, age=[10.0, -1.0]), "age"),
        (dict(t=[1.0, -1.0], frequency=1.0, age=10.0), "t"),
        (dict(t=[1.0, float("nan")], frequency=1.0, age=10.0), "t"),
    ],
)
def test_expected_purchases_if_alive_refuses_hostile_input(m: object, kwargs: dict, field: str) -> None:
    with pytest.raises(ltv.InvalidInputError) as e:
        m.expected_purchases_if_alive(**kwargs)  # type: ignore[attr-defined]
    assert e.value.field == field and e.value.row == 1


def test_expected_purchases_if_alive_needs_both_columns() -> None:
    with pytest.raises(TypeError, match="age: missing"):
        BgNbdModel(**PARAMS).expected_purchases_if_alive(t=1.0, frequency=1.0)  # type: ignore[call-arg]
    with pytest.raises(ltv.InvalidInputError) as e:
        BgNbdModel(**PARAMS).expected_purchases_if_alive(t=1.0, frequency=[1.0, 2.0], age=[1.0, 2.0, 3.0])
    assert e.value.kind == "length_mismatch"


@pytest.mark.parametrize("m", MODELS)
@pytest.mark.parametrize("age", [float("nan"), float("inf"), -1.0, 0.0, 2e9])
def test_simulate_transactions_refuses_bad_ages(m: object, age: float) -> None:
    with pytest.raises(ltv.InvalidInputError) as e:
        m.simulate_transactions(age=[5.0, age], seed=1)  # type: ignore[attr-defined]
    assert (e.value.field, e.value.row) == ("age", 1)


@pytest.mark.parametrize("seed, kind", [(-1, ltv.InvalidInputError), (2**64, ltv.InvalidInputError), (1.5, TypeError), ("1", TypeError)])
def test_simulate_transactions_seed_is_checked(seed: object, kind: type) -> None:
    with pytest.raises(kind):
        BgNbdModel(**PARAMS).simulate_transactions(age=[5.0], seed=seed)  # type: ignore[arg-type]
    with pytest.raises(kind):
        BgBbModel(alpha=1.2, beta=0.75, gamma=0.66, delta=2.8).simulate_transactions(periods=[5], seed=seed)  # type: ignore[arg-type]
    with pytest.raises(kind):
        GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate_transaction_values(customer=[0], seed=seed)  # type: ignore[arg-type]


@pytest.mark.parametrize("periods", [[3, 2.5], [3, 0], [3, float("nan")], [3, 2e6]])
def test_bg_bb_simulate_transactions_refuses_bad_periods(periods: list) -> None:
    with pytest.raises(ltv.InvalidInputError) as e:
        BgBbModel(alpha=1.2, beta=0.75, gamma=0.66, delta=2.8).simulate_transactions(periods=periods, seed=1)
    assert (e.value.field, e.value.row) == ("periods", 1)


def test_a_runaway_simulation_is_refused_not_allocated() -> None:
    with pytest.raises(ltv.InvalidInputError) as e:
        BgNbdModel(r=1e6, alpha=1e-3, a=1e-3, b=1e6).simulate_transactions(age=[1e6] * 10, seed=1)
    assert e.value.field == "age" and e.value.row is None


@pytest.mark.parametrize(
    "customer, kind, row",
    [
        ([0, 0, 1, 0], ltv.InvalidInputError, 3),
        (np.array([0, -1]), ltv.InvalidInputError, 1),
        (pl.Series([0, 1, 1, 0]), ltv.InvalidInputError, 3),
        (np.array([2**63 + 1], dtype=np.uint64), ltv.InvalidInputError, 0),
        ([0.5, 1.0], TypeError, None),
        (["a", "b"], TypeError, None),
        (np.zeros((2, 2), dtype=np.int64), TypeError, None),
    ],
)
def test_simulate_transaction_values_refuses_hostile_customers(customer: object, kind: type, row: object) -> None:
    with pytest.raises(kind) as e:
        GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate_transaction_values(customer=customer, seed=1)
    if row is not None:
        assert (e.value.field, e.value.row) == ("customer", row)  # type: ignore[attr-defined]


def test_simulate_transaction_values_of_no_rows_is_empty() -> None:
    out = GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate_transaction_values(customer=np.array([], dtype=np.int64))
    assert out.shape == (0,) and out.dtype == np.float64


@pytest.mark.parametrize("m", MODELS)
def test_dert_of_a_column_is_each_customers_dert(m: object) -> None:
    """One discount rate over many customers (the live DERT once per distinct (x, T)) gives each customer's
    own DERT bit for bit, as a varying rate (row by row) does."""
    data = MODELS[0].simulate(age=[12.0] * 150 + [39.0] * 150, seed=4)
    got = m.discounted_expected_residual_transactions(discount_rate=0.01, **data)  # type: ignore[attr-defined]
    rows = list(zip(data["frequency"], data["recency"], data["age"]))[::37]
    for (x, tx, t), value in zip(rows, got[::37]):
        one = m.discounted_expected_residual_transactions(discount_rate=0.01, frequency=x, recency=tx, age=t)  # type: ignore[attr-defined]
        assert one == value
    varying = m.discounted_expected_residual_transactions(discount_rate=np.full(300, 0.01), **data)  # type: ignore[attr-defined]
    np.testing.assert_array_equal(varying, got)


@pytest.mark.parametrize("m", MODELS)
def test_dert_of_a_column_names_the_row(m: object) -> None:
    with pytest.raises(ltv.InvalidInputError) as e:
        m.discounted_expected_residual_transactions(discount_rate=0.01, frequency=[1, 2, 1.5], recency=[3, 4, 4], age=10)  # type: ignore[attr-defined]
    assert (e.value.field, e.value.row) == ("frequency", 2)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.discounted_expected_residual_transactions(discount_rate=float("nan"), frequency=[1, 2], recency=[3, 4], age=10)  # type: ignore[attr-defined]
    assert (e.value.field, e.value.row) == ("discount_rate", 0)


BAD_TYPES = [True, "five", 1 + 2j, np.datetime64("2025-01-01"), [1.0, "x"], {"a": 1.0}]


@pytest.mark.parametrize("bad", BAD_TYPES)
def test_new_methods_refuse_values_that_are_not_numbers(bad: object) -> None:
    """Booleans, strings, complex numbers, dates and mappings are a TypeError naming the argument, never read
    as numbers."""
    bg = BgNbdModel(**PARAMS)
    with pytest.raises(TypeError, match="age"):
        bg.simulate_transactions(age=bad, seed=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="periods"):
        BgBbModel(alpha=1.2, beta=0.75, gamma=0.66, delta=2.8).simulate_transactions(periods=bad, seed=1)  # type: ignore[arg-type]
    for field, kwargs in (("t", dict(t=bad, frequency=1.0, age=10.0)), ("frequency", dict(t=1.0, frequency=bad, age=10.0)),
                          ("age", dict(t=1.0, frequency=1.0, age=bad))):
        with pytest.raises(TypeError, match=field):
            bg.expected_purchases_if_alive(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="discount_rate"):
        bg.discounted_expected_residual_transactions(discount_rate=bad, frequency=[1.0], recency=[0.5], age=[3.0])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="customer"):
        GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate_transaction_values(customer=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("m", MODELS)
def test_huge_horizons_and_empty_columns(m: object) -> None:
    """A horizon past 1e9 is an error naming t; an empty column gives an empty result; the longest allowed horizon
    gives a finite value or an error naming t, never a hang or a NaN."""
    for t in (1e10, float("inf"), -1e-300):
        with pytest.raises(ltv.InvalidInputError) as e:
            m.expected_purchases_if_alive(t=[1.0, t], frequency=1.0, age=10.0)  # type: ignore[attr-defined]
        assert (e.value.field, e.value.row) == ("t", 1)
    try:
        value = m.expected_purchases_if_alive(t=1e9, frequency=3.0, age=10.0)  # type: ignore[attr-defined]
        assert np.isfinite(value) and value >= 0
    except ltv.LtvError as err:
        assert getattr(err, "field", None) == "t"
    for simulate in ("simulate", "simulate_transactions"):  # no customers: an error naming the argument
        with pytest.raises(ltv.InvalidInputError) as e:
            getattr(m, simulate)(age=np.array([]), seed=1)
        assert (e.value.field, e.value.row) == ("age", None)
        with pytest.raises(ltv.InvalidInputError) as e:
            getattr(BgBbModel(alpha=1.2, beta=0.75, gamma=0.66, delta=2.8), simulate)(periods=[], seed=1)
        assert (e.value.field, e.value.row) == ("periods", None)
    assert m.expected_purchases_if_alive(t=np.array([]), frequency=np.array([]), age=np.array([])).shape == (0,)  # type: ignore[attr-defined]
    assert m.discounted_expected_residual_transactions(  # type: ignore[attr-defined]
        discount_rate=np.array([]), frequency=np.array([]), recency=np.array([]), age=np.array([])).shape == (0,)
