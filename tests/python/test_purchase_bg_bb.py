"""ltv.purchase: the BG/BB from Python -- the mpmath vectors of tests/vectors/purchase/bg_bb.json (read by
crates/ltv-models/tests/bg_bb.rs too), the published donations fit (Fader, Hardie & Shang 2010) and its
holdout, the model file byte for byte with the one Rust wrote, frames in and out, errors and properties."""

from __future__ import annotations

import json
import math
import pathlib

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
from ltv.purchase import BgBbFit, BgBbModel

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
