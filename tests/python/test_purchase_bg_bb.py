"""ltv.purchase: the BG/BB from Python -- the mpmath vectors of tests/vectors/purchase/bg_bb.json (read by
crates/ltv-models/tests/bg_bb.rs too), the published donations fit (Fader, Hardie & Shang 2010) and its
holdout, the model file byte for byte with the one Rust wrote, frames in and out, errors and properties."""

from __future__ import annotations

import json
import math
import pathlib
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile_inputs import COLUMNS, EXAMPLES, SCALARS, bounded, judge

import ltv
from ltv.purchase import BgBbFit, BgBbModel, GammaGammaModel

VECTORS = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "purchase"


@pytest.fixture(scope="module")
def vectors() -> dict:
    return json.loads((VECTORS / "bg_bb.json").read_text())


@pytest.fixture(scope="module")
def data_dir(repo_root: pathlib.Path) -> pathlib.Path:
    return repo_root / "crates" / "ltv-models" / "tests" / "data"


def test_vectors(vectors: dict) -> None:
    assert len(vectors["cases"]) == 8
    for case in vectors["cases"]:
        m = BgBbModel(**case["params"])
        hist = {k: case[k] for k in ("frequency", "recency", "periods")}
        checks = [
            (m.customer_log_likelihood(**hist), case["log_likelihood"], 1e-12, 1e-13),
            (m.probability_alive(**hist), case["probability_alive"], 1e-11, 0.0),
            (m.conditional_expected_transactions(t=case["t"], **hist), case["conditional_expected_transactions"], 1e-11, 0.0),
            (m.expected_transactions(t=case["t_new"]), case["expected_transactions"], 1e-12, 0.0),
            (m.discounted_expected_residual_transactions(discount_rate=case["discount_rate"], **hist), case["dert"], 1e-11, 0.0),
        ]
        for got, want, rel, abs_ in checks:
            assert isinstance(got, float)
            assert math.isclose(got, want, rel_tol=rel, abs_tol=abs_), (case, got, want)
        for pn in case["probability_of_transactions"]:
            got = m.probability_of_transactions(n=pn["n"], t=case["t_new"])
            assert math.isclose(got, pn["p"], rel_tol=1e-12, abs_tol=1e-16), (case, pn, got)


def test_donations_fit_reproduces_fader_hardie_shang(data_dir: pathlib.Path) -> None:
    donations = pd.read_csv(data_dir / "donations.csv")  # frequency, recency, periods, weights
    fit = BgBbFit.fit(donations)
    assert fit.converged and fit.n_customers == 11104
    published = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}
    assert {k: round(v, 3) for k, v in fit.params.items()} == published
    assert round(fit.log_likelihood, 1) == -33225.6
    assert list(fit.summary().index) == ["alpha", "beta", "gamma", "delta"]
    text = (VECTORS / "bg_bb_donations_fit.json").read_text().strip()
    assert fit.to_json() == text and BgBbFit.from_json(text) == fit and BgBbModel.from_json(text) == fit.model
    # The 5 holdout years: predicted against the 13,260 donations made.
    holdout = pd.read_csv(data_dir / "donations_rf_holdout.csv")
    per_donor = fit.conditional_expected_transactions(holdout, t=5)
    assert isinstance(per_donor, pd.Series) and per_donor.index.equals(holdout.index)
    predicted = float((per_donor * holdout["customers"]).sum())
    assert holdout["holdout_transactions"].sum() == 13260
    assert abs(predicted - 13260) < 0.05 * 13260
    polars = fit.probability_alive(pl.from_pandas(donations))
    assert isinstance(polars, pl.Series) and polars.len() == 22


def test_errors_have_exact_classes_and_fields() -> None:
    m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.probability_alive(frequency=[1, 3], recency=[1, 2], periods=6)
    assert (e.value.field, e.value.row) == ("recency", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.probability_alive(frequency=1, recency=1, periods=[6, 0])
    assert (e.value.field, e.value.row) == ("periods", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.conditional_expected_transactions(t=[1, 2.5], frequency=1, recency=1, periods=6)
    assert (e.value.field, e.value.row) == ("t", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        BgBbModel(alpha=1, beta=1, gamma=-1, delta=1)
    assert e.value.field == "gamma"
    with pytest.raises(ltv.InvalidInputError) as e:
        BgBbFit.fit(frequency=[1, 2], recency=[1, 1], periods=[3, 3])
    assert (e.value.field, e.value.row) == ("recency", 1)
    with pytest.raises(TypeError):
        m.probability_alive(frequency=1, recency=1)


@settings(max_examples=60, deadline=None)
@given(
    alpha=st.floats(0.05, 50),
    beta=st.floats(0.05, 50),
    gamma=st.floats(0.05, 50),
    delta=st.floats(0.05, 50),
    n=st.integers(1, 200),
    a=st.floats(0, 1),
    b=st.floats(0, 1),
)
def test_probabilities_bounded_and_expectations_rise(
    alpha: float, beta: float, gamma: float, delta: float, n: int, a: float, b: float
) -> None:
    recency = math.floor(a * n)
    frequency = 0 if recency == 0 else max(1, math.floor(b * recency))
    m = BgBbModel(alpha=alpha, beta=beta, gamma=gamma, delta=delta)
    p = m.probability_alive(frequency=frequency, recency=recency, periods=n)
    assert 0.0 <= p <= 1.0
    e = m.conditional_expected_transactions(t=[1, 5, 20], frequency=frequency, recency=recency, periods=n)
    assert np.all(np.isfinite(e)) and np.all(np.diff(e) >= 0) and e[0] <= 1.0
    total = m.probability_of_transactions(n=np.arange(31), t=30).sum()
    assert math.isclose(total, 1.0, abs_tol=1e-9)


# --- conditional distribution, P(alive) at later opportunities, simulation ---


@pytest.fixture(scope="module")
def conditional() -> dict:
    return json.loads((VECTORS / "bg_bb_conditional.json").read_text())


def test_conditional_vectors(conditional: dict) -> None:
    """tests/vectors/purchase/bg_bb_conditional.json (mpmath, lifetime enumeration; read by Rust too)."""
    assert len(conditional["cases"]) == 10
    for case in conditional["cases"]:
        m = BgBbModel(**case["params"])
        hist = {k: case[k] for k in ("frequency", "recency", "periods")}
        t = case["t"]
        for pk in case["conditional_probability_of_transactions"]:
            got = m.conditional_probability_of_transactions(n=pk["n"], t=t, **hist)
            assert isinstance(got, float)
            assert math.isclose(got, pk["p"], rel_tol=1e-10, abs_tol=1e-300), (case, pk, got)
        none = m.probability_of_no_transaction(t=t, **hist)
        assert math.isclose(none, case["probability_of_no_transaction"], rel_tol=1e-10), (case, none)
        mean = m.conditional_expected_transactions(t=t, **hist)
        assert math.isclose(mean, case["conditional_expected_transactions"], rel_tol=1e-10, abs_tol=1e-300)
        for pa in case["probability_alive_at"]:
            got = m.probability_alive_at(t=pa["t"], **hist)
            assert math.isclose(got, pa["p"], rel_tol=1e-10, abs_tol=1e-300), (case, pa, got)


def test_conditional_predictions_on_frames_and_columns(data_dir: pathlib.Path) -> None:
    donations = pd.read_csv(data_dir / "donations.csv")
    fit = BgBbFit.fit(donations)
    pmf = np.stack([fit.conditional_probability_of_transactions(donations, n=k, t=5).to_numpy() for k in range(6)])
    assert np.allclose(pmf.sum(axis=0), 1.0, rtol=0, atol=1e-12)
    mean = (np.arange(6)[:, None] * pmf).sum(axis=0)
    assert np.allclose(mean, fit.conditional_expected_transactions(donations, t=5).to_numpy(), rtol=1e-12, atol=0)
    none = fit.probability_of_no_transaction(donations, t=5)
    assert isinstance(none, pd.Series) and none.index.equals(donations.index)
    assert np.array_equal(none.to_numpy(), pmf[0])
    alive = fit.probability_alive_at(pl.from_pandas(donations), t=1)
    assert isinstance(alive, pl.Series)
    assert np.array_equal(alive.to_numpy(), fit.probability_alive(donations).to_numpy())
    # Columns: the horizon broadcasts against the history.
    m = fit.model
    later = m.probability_alive_at(t=[0, 1, 5, 30], frequency=2, recency=3, periods=6)
    assert isinstance(later, np.ndarray) and np.all(np.diff(later) < 0)
    assert m.probability_of_no_transaction(t=0, frequency=2, recency=3, periods=6) == 1.0
    assert m.conditional_probability_of_transactions(n=3, t=2, frequency=2, recency=3, periods=6) == 0.0


def test_conditional_errors_name_the_field() -> None:
    m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    hist = {"frequency": 2, "recency": 3, "periods": 6}
    for call in (
        lambda t: m.probability_alive_at(t=t, **hist),
        lambda t: m.probability_of_no_transaction(t=t, **hist),
        lambda t: m.conditional_probability_of_transactions(n=0, t=t, **hist),
    ):
        for bad in (-1, 2.5, 1_000_001):  # negative, not whole, beyond the cap of 1e6 opportunities
            with pytest.raises(ltv.InvalidInputError) as e:
                call(bad)
            assert e.value.field == "t", bad
        with pytest.raises(ltv.InvalidInputError) as e:
            call([1, -3])
        assert (e.value.field, e.value.row) == ("t", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.conditional_probability_of_transactions(n=-1, t=3, **hist)
    assert e.value.field == "n"
    with pytest.raises(ltv.InvalidInputError) as e:
        m.probability_alive_at(t=2, frequency=[1, 3], recency=[1, 2], periods=6)
    assert (e.value.field, e.value.row) == ("recency", 1)
    with pytest.raises(TypeError):
        m.probability_alive_at(t=2, frequency=1, recency=1)


def test_simulate_is_seeded_and_refits(data_dir: pathlib.Path) -> None:
    m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    data = m.simulate(periods=[6] * 20000, seed=7)
    assert sorted(data) == ["frequency", "periods", "recency"]
    assert all(isinstance(v, np.ndarray) and v.dtype == np.float64 and len(v) == 20000 for v in data.values())
    again = m.simulate(periods=np.full(20000, 6.0), seed=7)
    assert all(np.array_equal(data[k], again[k]) for k in data)
    assert not np.array_equal(m.simulate(periods=[6] * 2000, seed=8)["frequency"], data["frequency"][:2000])
    fit = BgBbFit.fit(**data)
    for name, want in m.params.items():
        assert abs(fit.params[name] - want) < 5 * fit.std_err[name], (name, fit.params, fit.std_err)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.simulate(periods=[6, 0])
    assert (e.value.field, e.value.row) == ("periods", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.simulate(periods=[1e6] * 1001)  # 1.001e9 opportunities in all: beyond the cap of 1e9
    assert (e.value.field, e.value.row) == ("periods", None)
    with pytest.raises(TypeError):
        m.simulate(periods=[6], seed=1.5)


def test_lifetimes_probability_alive_every_m() -> None:
    from ltv.lifetimes import BetaGeoBetaBinomFitter

    bbf = BetaGeoBetaBinomFitter()
    bbf.params_ = pd.Series({"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783})
    m = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    frequency, recency, n = pd.Series([0, 2, 6]), pd.Series([0, 3, 6]), pd.Series([6, 6, 6])
    for months in (0, 1, 2, 10):
        got = bbf.conditional_probability_alive(months, frequency, recency, n)
        assert isinstance(got, pd.Series) and got.name is None
        want = m.probability_alive_at(t=months, frequency=frequency, recency=recency, periods=n)
        assert np.array_equal(got.to_numpy(), want.to_numpy())
    with pytest.raises(ltv.InvalidInputError) as e:
        bbf.conditional_probability_alive(-1, 2, 3, 6)
    assert e.value.field == "t"


@settings(max_examples=60, deadline=None)
@given(
    alpha=st.floats(0.05, 50),
    beta=st.floats(0.05, 50),
    gamma=st.floats(0.05, 50),
    delta=st.floats(0.05, 50),
    n=st.integers(1, 200),
    a=st.floats(0, 1),
    b=st.floats(0, 1),
    t=st.integers(0, 30),
)
def test_conditional_distribution_sums_to_one(
    alpha: float, beta: float, gamma: float, delta: float, n: int, a: float, b: float, t: int
) -> None:
    recency = math.floor(a * n)
    frequency = 0 if recency == 0 else max(1, math.floor(b * recency))
    m = BgBbModel(alpha=alpha, beta=beta, gamma=gamma, delta=delta)
    hist = {"frequency": frequency, "recency": recency, "periods": n}
    pmf = m.conditional_probability_of_transactions(n=np.arange(t + 1), t=t, **hist)
    assert np.all((pmf >= 0) & (pmf <= 1)) and math.isclose(pmf.sum(), 1.0, abs_tol=1e-9)
    mean = float((np.arange(t + 1) * pmf).sum())
    want = m.conditional_expected_transactions(t=t, **hist)
    assert math.isclose(mean, want, rel_tol=1e-9, abs_tol=1e-9)
    alive = m.probability_alive_at(t=np.arange(t + 2), **hist)
    assert np.all(np.diff(alive) <= 0) and alive[1] == m.probability_alive(**hist)


@EXAMPLES
@given(data=st.data())
def test_new_predictions_and_simulators_hold_against_hostile_inputs(data: Any) -> None:
    """The contract of test_hostile_purchase.py (finite, or an ltv.LtvError naming a public field, or a
    TypeError; bounded in time) for the conditional distribution, P(alive) later and both simulators."""
    hostile = st.sampled_from(SCALARS + COLUMNS)
    model = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    discrete = dict(frequency=[0, 2, 5, 1], recency=[0, 4, 6, 3], periods=[6, 6, 6, 6])
    for method, extra in [("conditional_probability_of_transactions", {"n": 1, "t": 5}),
                          ("probability_of_no_transaction", {"t": 5}), ("probability_alive_at", {"t": 3})]:
        base = {**discrete, **extra}
        chosen = data.draw(st.lists(st.sampled_from(sorted(base)), min_size=1, max_size=2, unique=True))
        kwargs = {**base, **{name: data.draw(hostile) for name in chosen}}
        judge(bounded(lambda: getattr(model, method)(**kwargs)), chosen, sorted(base) + [method])
    for call, field in [(lambda v: model.simulate(periods=v, seed=1), "periods"),
                        (lambda v: GammaGammaModel(p=6.25, q=3.74, gamma=15.44).simulate(frequency=v, seed=1),
                         "frequency"),
                        (lambda v: model.simulate(periods=[6, 6], seed=v), "seed")]:
        value = data.draw(hostile)
        judge(bounded(lambda: call(value)), [field], [field, "simulate"])
