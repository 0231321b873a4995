"""ltv.purchase: the Pareto/NBD from Python -- the mpmath vectors of tests/vectors/purchase/pareto_nbd.json
(read by crates/ltv-models/tests/pareto_nbd.rs too), the published CDNOW fit (Fader, Hardie & Lee 2005), the
model file byte for byte with the one Rust wrote, frames in and out, error classes and fields, and Hypothesis
properties."""

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
from ltv.purchase import ParetoNbdFit, ParetoNbdModel, customer_value

VECTORS = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "purchase"


@pytest.fixture(scope="module")
def vectors() -> dict:
    return json.loads((VECTORS / "pareto_nbd.json").read_text())


@pytest.fixture(scope="module")
def cdnow(repo_root: pathlib.Path) -> pd.DataFrame:
    df = pd.read_csv(repo_root / "crates" / "ltv-models" / "tests" / "data" / "cdnow_cbs_holdout.csv")
    df = df.rename(columns={"x": "frequency", "t_x": "recency", "T_cal": "age"})
    return df.set_index("customer_id")


def test_vectors(vectors: dict) -> None:
    assert len(vectors["cases"]) == 11
    for case in vectors["cases"]:
        m = ParetoNbdModel(**case["params"])
        hist = {k: case[k] for k in ("frequency", "recency", "age")}
        t = case["t"]
        checks = [
            (m.customer_log_likelihood(**hist), case["log_likelihood"], 1e-12, 1e-12),
            (m.probability_alive(**hist), case["probability_alive"], 1e-11, 1e-300),
            (m.conditional_expected_purchases(t=t, **hist), case["conditional_expected_purchases"], 1e-11, 1e-300),
            (m.expected_purchases(t=t), case["expected_purchases"], 1e-12, 0.0),
            (
                m.discounted_expected_residual_transactions(discount_rate=case["discount_rate"], **hist),
                case["dert"],
                1e-10,
                1e-300,
            ),
        ]
        for got, want, rel, abs_ in checks:
            assert isinstance(got, float)
            assert math.isclose(got, want, rel_tol=rel, abs_tol=abs_), (case, got, want)
        for pn in case["probability_of_purchases"]:
            got = m.probability_of_purchases(n=pn["n"], t=t)
            assert math.isclose(got, pn["p"], rel_tol=1e-10, abs_tol=1e-16), (case, pn, got)


def test_cdnow_fit_reproduces_fader_hardie_lee(cdnow: pd.DataFrame) -> None:
    fit = ParetoNbdFit.fit(cdnow)
    assert fit.converged and fit.n_customers == 2357
    published = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
    assert {k: round(v, 3) for k, v in fit.params.items()} == published
    assert round(fit.log_likelihood, 1) == -9595.0
    assert all(se is not None and se > 0 for se in fit.std_err.values())
    summary = fit.summary()
    assert list(summary.index) == ["r", "alpha", "s", "beta"]
    assert (summary["lower_95"] < summary["estimate"]).all() and (summary["estimate"] < summary["upper_95"]).all()
    # The model file Rust wrote (crates/ltv-models/tests/pareto_nbd.rs checks it too), byte for byte.
    text = (VECTORS / "pareto_nbd_cdnow_fit.json").read_text().strip()
    assert fit.to_json() == text
    assert ParetoNbdFit.from_json(text) == fit and ParetoNbdFit.from_json(text).to_json() == text
    assert ParetoNbdModel.from_json(text) == fit.model
    assert ParetoNbdModel.from_json(fit.model.to_json()) == fit.model


def test_weights_frames_and_shapes(cdnow: pd.DataFrame) -> None:
    grouped = cdnow.groupby(["frequency", "recency", "age"]).size().reset_index(name="weight")
    a = ParetoNbdFit.fit(cdnow)
    b = ParetoNbdFit.fit(grouped)
    for k in a.params:
        assert math.isclose(a.params[k], b.params[k], rel_tol=1e-8)
    m = a.model
    s = m.probability_alive(cdnow)
    assert isinstance(s, pd.Series) and s.index.equals(cdnow.index) and s.name == "probability_alive"
    p = m.probability_alive(pl.from_pandas(cdnow.reset_index()))
    assert isinstance(p, pl.Series) and p.len() == len(cdnow)
    np.testing.assert_array_equal(p.to_numpy(), s.to_numpy())
    out = m.conditional_expected_purchases(t=[10, 20, 30], frequency=2, recency=30.0, age=38.0)
    assert isinstance(out, np.ndarray) and np.all(np.diff(out) > 0)
    dert = m.discounted_expected_residual_transactions(cdnow, discount_rate=0.0029)
    assert isinstance(dert, pd.Series) and (dert > 0).all()
    probs = m.conditional_probability_of_purchases(n=np.arange(300), t=39, frequency=2, recency=30.43, age=38.86)
    assert math.isclose(probs.sum(), 1.0, abs_tol=1e-9)
    none = m.probability_of_no_purchase(t=39, frequency=2, recency=30.43, age=38.86)
    assert none == probs[0]
    assert ParetoNbdModel.TAG == "pareto_nbd" and ParetoNbdModel.PARAMS == ("r", "alpha", "s", "beta")


def test_edge_cases_are_finite() -> None:
    m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    assert m.probability_alive(frequency=1000, recency=1, age=1000) == 0.0
    assert m.probability_alive(frequency=5, recency=38.86, age=38.86) == 1.0
    tiny = ParetoNbdModel(r=0.25, alpha=1e-6, s=0.8, beta=30.0)
    ll = tiny.customer_log_likelihood(frequency=[100, 300, 900], recency=50.0, age=52.0)
    assert np.all(np.isfinite(ll))


def test_errors_have_exact_classes_and_fields(cdnow: pd.DataFrame) -> None:
    m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.probability_alive(frequency=[1, 1.5], recency=[1, 1], age=[2, 2])
    assert (e.value.field, e.value.row) == ("frequency", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.conditional_expected_purchases(t=[1, -1], frequency=1, recency=1, age=2)
    assert (e.value.field, e.value.row) == ("t", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.discounted_expected_residual_transactions(discount_rate=0.0, frequency=1, recency=1, age=2)
    assert e.value.field == "discount_rate"
    with pytest.raises(ltv.InvalidInputError) as e:
        ParetoNbdModel(r=1, alpha=1, s=0, beta=1)
    assert e.value.field == "s"
    with pytest.raises(ltv.UndefinedError):
        ParetoNbdFit.fit(frequency=[0, 0], recency=[0, 0], age=[5, 9])
    with pytest.raises(ltv.InvalidInputError) as e:
        ParetoNbdFit.fit(cdnow, penalty=-1.0)
    assert e.value.field == "penalty"
    with pytest.raises(TypeError):
        m.probability_alive(frequency=1, recency=1)


@settings(max_examples=60, deadline=None)
@given(
    r=st.floats(0.01, 20),
    alpha=st.floats(0.1, 100),
    s=st.floats(0.05, 20),
    beta=st.floats(0.1, 100),
    x=st.integers(0, 300),
    frac=st.floats(0, 1),
    age=st.floats(0.5, 100),
    k=st.floats(0.1, 50),
)
def test_probabilities_bounded_monotone_and_unit_free(
    r: float, alpha: float, s: float, beta: float, x: int, frac: float, age: float, k: float
) -> None:
    recency = frac * age if x > 0 else 0.0
    m = ParetoNbdModel(r=r, alpha=alpha, s=s, beta=beta)
    p = m.probability_alive(frequency=x, recency=recency, age=age)
    assert 0.0 <= p <= 1.0
    e = m.conditional_expected_purchases(t=[1.0, 10.0, 50.0], frequency=x, recency=recency, age=age)
    assert np.all(np.isfinite(e)) and np.all(np.diff(e) >= 0)
    # Rescaling the time unit by k leaves the predictions unchanged.
    scaled = ParetoNbdModel(r=r, alpha=alpha * k, s=s, beta=beta * k)
    assert math.isclose(scaled.probability_alive(frequency=x, recency=recency * k, age=age * k), p, abs_tol=1e-9)
    e_k = scaled.conditional_expected_purchases(t=[k, 10 * k, 50 * k], frequency=x, recency=recency * k, age=age * k)
    np.testing.assert_allclose(e_k, e, rtol=1e-9, atol=1e-12)


def test_customer_value_accepts_the_pareto_nbd() -> None:
    m = ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)
    hist = {"frequency": [0, 2, 7], "recency": [0, 30.43, 35.0], "age": 38.86}
    # Undiscounted, spend 1: the value is the expected purchases over the 12 calendar months (52.18 weeks).
    value = customer_value(m, **hist, spend=1.0, discount_rate=0.0, time_unit="week")
    want = m.conditional_expected_purchases(t=365.25 / 7, **hist)
    np.testing.assert_allclose(value, want, rtol=1e-12)
    discounted = customer_value(m, **hist, spend=35.0, discount_rate=0.01)
    assert np.all(discounted < 35.0 * want) and np.all(discounted > 0)
