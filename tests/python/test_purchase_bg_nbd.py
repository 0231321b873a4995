"""ltv.purchase: BG/NBD, MBG/NBD, Gamma-Gamma and the customer value from Python -- the mpmath vectors of
tests/vectors/purchase/bg_nbd.json (read by crates/ltv-models/tests/bg_nbd.rs too), the published CDNOW fits,
model files byte for byte, frames in and out, error classes and fields, and Hypothesis properties."""

from __future__ import annotations

import json
import math
import pathlib

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
from ltv.purchase import (
    BgNbdFit,
    BgNbdModel,
    GammaGammaFit,
    GammaGammaModel,
    MbgNbdFit,
    MbgNbdModel,
    customer_value,
)


@pytest.fixture(scope="module")
def vectors(repo_root: pathlib.Path) -> dict:
    return json.loads((repo_root / "tests" / "vectors" / "purchase" / "bg_nbd.json").read_text())


@pytest.fixture(scope="module")
def cdnow(repo_root: pathlib.Path) -> pd.DataFrame:
    df = pd.read_csv(repo_root / "crates" / "ltv-models" / "tests" / "data" / "cdnow_cbs_holdout.csv")
    df = df.rename(columns={"x": "frequency", "t_x": "recency", "T_cal": "age", "m_x": "monetary_value"})
    return df.set_index("customer_id")


MODELS = {"bg_nbd": BgNbdModel, "mbg_nbd": MbgNbdModel}


def test_vectors_vectorised(vectors: dict) -> None:
    groups: dict = {}
    for case in vectors["cases"]:
        groups.setdefault((case["model"], tuple(case["params"])), []).append(case)
    assert len(vectors["cases"]) == 240
    for (name, params), cases in groups.items():
        m = MODELS[name](r=params[0], alpha=params[1], a=params[2], b=params[3])
        cols = {k: np.array([c[k] for c in cases], dtype=float) for k in ("frequency", "recency", "age", "t")}
        hist = {k: cols[k] for k in ("frequency", "recency", "age")}
        checks = {
            "log_likelihood": m.customer_log_likelihood(**hist),
            "probability_alive": m.probability_alive(**hist),
            "expected_purchases": m.expected_purchases(t=cols["t"]),
            "conditional_expected_purchases": m.conditional_expected_purchases(t=cols["t"], **hist),
            "probability_alive_at": m.probability_alive_at(t=cols["t"], **hist),
        }
        for key, got in checks.items():
            want = np.array([c[key] for c in cases])
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, err_msg=f"{name} {params} {key}")
        for j, n in enumerate(cases[0]["n"]):
            got = m.probability_of_purchases(n=n, t=cols["t"])
            np.testing.assert_allclose(got, [c["probability_of_purchases"][j] for c in cases], rtol=1e-9, atol=1e-15)
            got = m.conditional_probability_of_purchases(n=n, t=cols["t"], **hist)
            want = [c["conditional_probability_of_purchases"][j] for c in cases]
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-15)


def test_cdnow_fit_reproduces_fader_hardie_lee(cdnow: pd.DataFrame, repo_root: pathlib.Path) -> None:
    fit = BgNbdFit.fit(cdnow)
    assert fit.converged and fit.n_customers == 2357
    assert {k: round(v, 3) for k, v in fit.params.items()} == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    assert round(fit.log_likelihood, 1) == -9582.4
    summary = fit.summary()
    assert list(summary.columns) == ["estimate", "std_err", "lower_95", "upper_95"]
    assert list(summary.index) == ["r", "alpha", "a", "b"]
    assert (summary["lower_95"] < summary["estimate"]).all() and (summary["estimate"] < summary["upper_95"]).all()
    # The model file: the committed one (written by the Rust writer) is what this fit writes, byte for byte,
    # and reads back to the same fit.
    text = (repo_root / "tests" / "vectors" / "purchase" / "bg_nbd_cdnow_fit.json").read_text().strip()
    assert fit.to_json() == text
    assert BgNbdFit.from_json(text) == fit and BgNbdFit.from_json(text).to_json() == text
    assert BgNbdModel.from_json(text) == fit.model
    # FHL 2005: the customer with x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
    published = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    value = published.conditional_expected_purchases(t=39, frequency=2, recency=30.43, age=38.86)
    assert round(value, 3) == vectors_published(repo_root)


def vectors_published(repo_root: pathlib.Path) -> float:
    data = json.loads((repo_root / "tests" / "vectors" / "purchase" / "bg_nbd.json").read_text())
    return data["cdnow"]["published_conditional_expected_39_x2_tx30_43_T38_86"]


def test_weights_and_scalars_broadcast(cdnow: pd.DataFrame) -> None:
    grouped = cdnow.groupby(["frequency", "recency", "age"]).size().reset_index(name="weight")
    a = BgNbdFit.fit(cdnow)
    b = BgNbdFit.fit(grouped)
    for k in a.params:
        assert math.isclose(a.params[k], b.params[k], rel_tol=1e-10)
    assert math.isclose(a.log_likelihood, b.log_likelihood, rel_tol=1e-12)
    m = a.model
    assert isinstance(m.probability_alive(frequency=2, recency=30.0, age=38.0), float)
    out = m.conditional_expected_purchases(t=[10, 20, 30], frequency=2, recency=30.0, age=38.0)
    assert isinstance(out, np.ndarray) and np.all(np.diff(out) > 0)


def test_frames_in_frames_out(cdnow: pd.DataFrame) -> None:
    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    s = m.probability_alive(cdnow)
    assert isinstance(s, pd.Series) and s.index.equals(cdnow.index) and s.name == "probability_alive"
    p = m.probability_alive(pl.from_pandas(cdnow.reset_index()))
    assert isinstance(p, pl.Series) and p.len() == len(cdnow)
    np.testing.assert_array_equal(p.to_numpy(), s.to_numpy())
    # lifetimes' column name T is accepted for age.
    t_named = cdnow.rename(columns={"age": "T"})
    np.testing.assert_array_equal(m.probability_alive(t_named).to_numpy(), s.to_numpy())
    # Keyword Series keep their index too.
    s2 = m.conditional_expected_purchases(t=39, frequency=cdnow.frequency, recency=cdnow.recency, age=cdnow.age)
    assert isinstance(s2, pd.Series) and s2.index.equals(cdnow.index)


def test_errors_have_exact_classes_and_fields(cdnow: pd.DataFrame) -> None:
    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.probability_alive(frequency=[1, 1.5], recency=[1, 1], age=[2, 2])
    assert (e.value.field, e.value.row) == ("frequency", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.conditional_expected_purchases(t=[1, -1], frequency=1, recency=1, age=2)
    assert (e.value.field, e.value.row) == ("t", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        BgNbdModel(r=0, alpha=1, a=1, b=1)
    assert e.value.field == "r"
    with pytest.raises(ltv.UndefinedError):
        BgNbdFit.fit(frequency=[0, 0], recency=[0, 0], age=[5, 9])
    with pytest.raises(ltv.InvalidInputError) as e:
        BgNbdFit.fit(cdnow, penalty=-1.0)
    assert e.value.field == "penalty"
    with pytest.raises(ltv.InvalidInputError) as e:
        m.probability_alive(frequency=[1, 2], recency=[1, 1, 1], age=2)
    assert e.value.field == "frequency" or e.value.field == "recency"
    with pytest.raises(TypeError):
        m.probability_alive(frequency=1, recency=1)
    with pytest.raises(KeyError):
        m.probability_alive(cdnow.drop(columns=["age"]))
    with pytest.raises(ltv.DivergenceError) as e:
        GammaGammaModel(p=6.0, q=0.9, gamma=15.0).mean_spend()
    assert e.value.field == "q"


def test_mbg_nbd_cdnow_and_one_time_buyers(cdnow: pd.DataFrame) -> None:
    fit = MbgNbdFit.fit(cdnow)
    assert fit.converged
    assert fit.model.probability_alive(frequency=0, recency=0, age=38.86) < 1.0
    assert MbgNbdFit.from_json(fit.to_json()).to_json() == fit.to_json()


def test_gamma_gamma_cdnow_note_025(cdnow: pd.DataFrame, repo_root: pathlib.Path) -> None:
    repeaters = cdnow[cdnow.frequency > 0]
    assert len(repeaters) == 946
    fit = GammaGammaFit.fit(repeaters)
    assert {k: round(v, 2) for k, v in fit.params.items()} == {"p": 6.25, "q": 3.74, "gamma": 15.44}
    text = (repo_root / "tests" / "vectors" / "purchase" / "gamma_gamma_cdnow_fit.json").read_text().strip()
    assert fit.to_json() == text and GammaGammaFit.from_json(text) == fit
    spend = fit.conditional_expected_spend(repeaters)
    assert isinstance(spend, pd.Series) and spend.index.equals(repeaters.index)
    with pytest.raises(ltv.InvalidInputError) as e:
        GammaGammaFit.fit(frequency=[1, 0], monetary_value=[5.0, 0.0])
    assert (e.value.field, e.value.row) == ("frequency", 1)


def test_customer_value_matches_mpmath(vectors: dict) -> None:
    for case in vectors["customer_value"]:
        p = case["params"]
        m = MODELS[case["model"]](r=p[0], alpha=p[1], a=p[2], b=p[3])
        got = customer_value(
            m,
            frequency=case["frequency"],
            recency=case["recency"],
            age=case["age"],
            spend=case["spend"],
            margin=case["margin"],
            discount_rate=case["discount_rate_monthly"],
            convention=case["convention"],
            time_unit="week",
        )
        assert math.isclose(got, case["value"], rel_tol=1e-10), case


def test_customer_value_with_a_spend_model(cdnow: pd.DataFrame) -> None:
    bg = BgNbdFit.fit(cdnow)
    gg = GammaGammaFit.fit(cdnow[cdnow.frequency > 0])
    values = customer_value(bg, cdnow, spend_model=gg, discount_rate=0.12, rate_period="annual", margin=0.3)
    assert isinstance(values, pd.Series) and values.index.equals(cdnow.index) and (values >= 0).all()
    spend = gg.conditional_expected_spend(cdnow)
    again = customer_value(bg, cdnow, spend=spend, discount_rate=0.12, rate_period="annual", margin=0.3)
    np.testing.assert_allclose(values.to_numpy(), again.to_numpy(), rtol=1e-15)
    with pytest.raises(ltv.InvalidInputError) as e:
        customer_value(bg, cdnow, spend=1.0, horizon_months=1201)
    assert e.value.field == "horizon_months"
    with pytest.raises(ltv.DivergenceError):
        customer_value(bg, cdnow, spend_model=GammaGammaModel(p=6.0, q=0.5, gamma=15.0))


@given(
    r=st.floats(0.01, 20),
    alpha=st.floats(0.1, 100),
    a=st.floats(0.05, 10),
    b=st.floats(0.05, 10),
    x=st.integers(0, 60),
    frac=st.floats(0, 1),
    age=st.floats(0.5, 100),
)
def test_probability_alive_is_a_probability_and_expectations_rise(
    r: float, alpha: float, a: float, b: float, x: int, frac: float, age: float
) -> None:
    recency = frac * age if x > 0 else 0.0
    for cls in (BgNbdModel, MbgNbdModel):
        m = cls(r=r, alpha=alpha, a=a, b=b)
        p = m.probability_alive(frequency=x, recency=recency, age=age)
        assert 0.0 <= p <= 1.0
        try:
            e = m.conditional_expected_purchases(t=[1.0, 10.0, 50.0], frequency=x, recency=recency, age=age)
        except ltv.DivergenceError:
            continue
        assert np.all(np.isfinite(e)) and np.all(np.diff(e) >= -1e-12 * e[:-1])


def test_simulation_is_seeded_and_recovers_the_parameters() -> None:
    truth = {"r": 0.6, "alpha": 5.0, "a": 0.9, "b": 3.0}
    ages = np.arange(20_000) % 30 + 10.0
    for model_cls, fit_cls in ((BgNbdModel, BgNbdFit), (MbgNbdModel, MbgNbdFit)):
        m = model_cls(**truth)
        data = m.simulate(age=ages, seed=5)
        again = m.simulate(age=ages, seed=5)
        assert all(np.array_equal(data[k], again[k]) for k in ("frequency", "recency", "age"))
        fit = fit_cls.fit(pd.DataFrame(data))
        for k, v in truth.items():
            assert abs(fit.params[k] - v) < 4 * fit.std_err[k], (k, fit.params, fit.std_err)
    with pytest.raises(ltv.InvalidInputError) as e:
        BgNbdModel(**truth).simulate(age=[10.0, -1.0])
    assert (e.value.field, e.value.row) == ("age", 1)


@pytest.fixture(scope="module")
def long_vectors(repo_root: pathlib.Path) -> dict:
    return json.loads((repo_root / "tests" / "vectors" / "purchase" / "bg_nbd_long.json").read_text())


def _long_model(vectors: dict, case: dict) -> BgNbdModel | MbgNbdModel:
    return MODELS[case["model"]](**vectors["params"][case["params"]])


def test_long_horizons_match_mpmath(long_vectors: dict) -> None:
    # tests/vectors/purchase/bg_nbd_long.json, read by crates/ltv-models/tests/bg_nbd_long.rs too.
    cases = long_vectors["long_horizon"]
    assert len(cases) == 168
    for case in cases:
        m = _long_model(long_vectors, case)
        got = float(m.conditional_expected_purchases(t=case["t"], frequency=case["x"], recency=case["tx"], age=case["T"]))
        assert got == pytest.approx(case["conditional_expected_purchases"], rel=1e-10), case


def test_dert_matches_mpmath_for_bg_nbd_and_mbg_nbd(long_vectors: dict) -> None:
    cases = long_vectors["dert"]
    assert len(cases) == 208
    groups: dict = {}
    for case in cases:
        groups.setdefault((case["model"], case["params"], case["discount_rate"]), []).append(case)
    for (_, _, rate), group in groups.items():
        m = _long_model(long_vectors, group[0])
        got = m.discounted_expected_residual_transactions(
            discount_rate=rate,
            frequency=[c["x"] for c in group],
            recency=[c["tx"] for c in group],
            age=[c["T"] for c in group],
        )
        np.testing.assert_allclose(got, [c["dert"] for c in group], rtol=1e-9)


def test_dert_on_fits_and_frames_and_its_errors(cdnow: pd.DataFrame) -> None:
    fit = BgNbdFit.fit(cdnow)
    rate = math.log(1.15) / 52
    dert = fit.discounted_expected_residual_transactions(cdnow.head(5), discount_rate=rate)
    assert isinstance(dert, pd.Series) and list(dert.index) == list(cdnow.index[:5])
    same = fit.model.discounted_expected_residual_transactions(cdnow.head(5), discount_rate=rate)
    np.testing.assert_array_equal(dert.to_numpy(), same.to_numpy())
    mbg = MbgNbdFit.fit(pl.from_pandas(cdnow.reset_index()))
    out = mbg.discounted_expected_residual_transactions(pl.from_pandas(cdnow.head(3).reset_index()), discount_rate=rate)
    assert isinstance(out, pl.Series) and out.len() == 3 and (out.to_numpy() > 0).all()
    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    assert round(float(m.discounted_expected_residual_transactions(discount_rate=rate, frequency=2, recency=30.43, age=38.86)), 3) == 5.17
    for bad in (0.0, -1.0, float("nan"), 5e-7, 2e9):
        with pytest.raises(ltv.InvalidInputError) as e:
            m.discounted_expected_residual_transactions(discount_rate=bad, frequency=2, recency=30.43, age=38.86)
        assert e.value.field == "discount_rate"
    with pytest.raises(ltv.InvalidInputError) as e:
        m.discounted_expected_residual_transactions(discount_rate=0.01, frequency=[2, 2], recency=[1, 40], age=38.86)
    assert (e.value.field, e.value.row) == ("recency", 1)


def test_pymc_marketing_convention_is_lifetimes_convention() -> None:
    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    hist = {"frequency": [0, 2, 7], "recency": [0, 30.43, 35.0], "age": [38.86, 38.86, 38.0], "spend": [35.0, 40.0, 12.5]}
    for unit in ("day", "week", "month", "hour"):
        for rate in (0.0, 0.01, 0.1):
            a = customer_value(m, **hist, time_unit=unit, discount_rate=rate, convention="lifetimes")
            b = customer_value(m, **hist, time_unit=unit, discount_rate=rate, convention="pymc_marketing")
            np.testing.assert_array_equal(a, b)
    # pymc-marketing without discounting: one step from 0 to 12 months of 4.345 weeks.
    once = m.conditional_expected_purchases(t=12 * 4.345, frequency=hist["frequency"], recency=hist["recency"], age=hist["age"])
    got = customer_value(m, **hist, discount_rate=0.0, convention="pymc_marketing")
    np.testing.assert_allclose(got, np.asarray(once) * np.asarray(hist["spend"]), rtol=1e-12)
    with pytest.raises(ltv.InvalidInputError) as e:
        customer_value(m, **hist, convention="pymc")  # type: ignore[arg-type]
    assert e.value.field == "convention"


@given(
    r=st.floats(0.05, 3.0), alpha=st.floats(0.5, 50.0), a=st.floats(0.2, 3.0), b=st.floats(0.3, 8.0),
    x=st.integers(0, 30), share=st.floats(0.0, 1.0), age=st.floats(1.0, 60.0), rate=st.floats(1e-3, 1.0),
)
def test_dert_falls_with_the_rate_and_is_bounded(
    r: float, alpha: float, a: float, b: float, x: int, share: float, age: float, rate: float
) -> None:
    m = BgNbdModel(r=r, alpha=alpha, a=a, b=b)
    tx = share * age if x > 0 else 0.0
    low, high = (float(m.discounted_expected_residual_transactions(discount_rate=d, frequency=x, recency=tx, age=age))
                 for d in (rate, 2 * rate))
    assert math.isfinite(low) and 0.0 <= high <= low * (1 + 1e-9)
    alive = float(m.probability_alive(frequency=x, recency=tx, age=age))
    assert low <= alive * (r + x) / ((alpha + age) * rate) * (1 + 1e-9)


def test_customer_value_with_continuous_discounting_is_dert_times_spend() -> None:
    from ltv.purchase import ParetoNbdModel

    hist = {"frequency": [0, 2, 7], "recency": [0, 30.43, 35.0], "age": [38.86, 38.86, 38.0]}
    month = 365.25 / 12 / 7
    for m in (BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426), ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669)):
        value = customer_value(m, **hist, spend=2.0, horizon_months=1200, discount_rate=0.05, rate_period="continuous")
        dert = m.discounted_expected_residual_transactions(discount_rate=0.05 / month, **hist)
        np.testing.assert_allclose(value, 2.0 * np.asarray(dert), rtol=1e-9)
    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    flat = customer_value(m, **hist, spend=1.0, discount_rate=0.0, rate_period="continuous")
    np.testing.assert_array_equal(flat, m.conditional_expected_purchases(t=12 * month, **hist))
    with pytest.raises(ltv.InvalidInputError) as e:
        customer_value(m, **hist, spend=1.0, rate_period="daily")  # type: ignore[arg-type]
    assert e.value.field == "rate_period"


def test_large_a_and_b_are_valued_not_refused() -> None:
    # A fit on customers who rarely drop out gives a and b in the millions: the transformed 2F1 series of
    # E[X(t)] needed (a - 1) t / (alpha + t) terms and overflowed (NotComputable). References: mpmath, 30
    # digits, integrating E[X(t) | p] against the Beta(a, b) density (the Rust unit test uses the same).
    m = BgNbdModel(r=0.4741067406328779, alpha=2.861111762857466, a=6789951.072368102, b=9136478.371742813)
    assert float(m.expected_purchases(t=12.0)) == pytest.approx(0.9030503975778633, rel=1e-12)
    got = float(m.conditional_expected_purchases(t=12.0, frequency=2, recency=11.88, age=20.03))
    assert got == pytest.approx(0.28727960682191403, rel=1e-12)
    hist = {"frequency": [0, 2, 2], "recency": [0.0, 11.88, 11.88], "age": [20.03, 20.03, 20.03], "spend": [0.0, 40.0, 40.0]}
    value = np.asarray(customer_value(m, **hist, discount_rate=0.0, convention="pymc_marketing"))
    once = m.conditional_expected_purchases(t=12 * 4.345, frequency=hist["frequency"], recency=hist["recency"], age=hist["age"])
    np.testing.assert_allclose(value, np.asarray(once) * np.asarray(hist["spend"]), rtol=1e-12)
    assert np.isfinite(value).all() and value[1] > 0 and value[1] == value[2]
