"""ltv.lifetimes: lifetimes 0.11.3's API on the native purchase models (our own tests).

Published figures: BG/NBD and Pareto/NBD on CDNOW (Fader, Hardie & Lee 2005, Marketing Science 24(2)), Gamma-Gamma
on CDNOW (Fader & Hardie 2013, note 025), BG/BB on the donations (Fader, Hardie & Shang 2010, Marketing Science
29(6)); every prediction equals the native API's number exactly (the facade holds no arithmetic).
"""

from __future__ import annotations

import doctest
import json
import pathlib
import types

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
import ltv.lifetimes as lifetimes
from ltv import purchase as native
from ltv.lifetimes import datasets, fitters, utils
from ltv.lifetimes.datasets import (
    load_cdnow_summary,
    load_cdnow_summary_data_with_monetary_value,
    load_dataset,
    load_donations,
    load_transaction_data,
)
from ltv.lifetimes.utils import (
    MAX_PATH_PERIODS,
    ConvergenceError,
    calculate_alive_path,
    calibration_and_holdout_data,
    expected_cumulative_transactions,
    summary_data_from_transaction_data,
)

CDNOW = load_cdnow_summary(index_col=[0])
F, R, T = CDNOW["frequency"], CDNOW["recency"], CDNOW["T"]
BG = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)
PNBD = dict(r=0.553, alpha=10.578, s=0.606, beta=11.669)


@pytest.fixture(scope="module")
def bgf() -> lifetimes.BetaGeoFitter:
    return lifetimes.BetaGeoFitter().fit(F, R, T)


@pytest.fixture(scope="module")
def pnbd() -> lifetimes.ParetoNBDFitter:
    return lifetimes.ParetoNBDFitter().fit(F, R, T)


@pytest.fixture(scope="module")
def ggf() -> lifetimes.GammaGammaFitter:
    data = load_cdnow_summary_data_with_monetary_value()
    repeat = data[data["frequency"] > 0]
    return lifetimes.GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])


@pytest.fixture(scope="module")
def bbf() -> lifetimes.BetaGeoBetaBinomFitter:
    d = load_donations()
    return lifetimes.BetaGeoBetaBinomFitter().fit(d["frequency"], d["recency"], d["periods"], weights=d["weights"])


def test_top_level_exports_the_fitters() -> None:
    for name in ("BetaGeoFitter", "ParetoNBDFitter", "GammaGammaFitter", "ModifiedBetaGeoFitter",
                 "BetaGeoBetaBinomFitter", "BaseFitter"):
        assert getattr(lifetimes, name) is getattr(fitters, name)
    assert issubclass(lifetimes.BetaGeoFitter, lifetimes.BaseFitter)


@pytest.mark.parametrize("module", [lifetimes, fitters, utils, datasets], ids=lambda m: m.__name__)
def test_submodule_doctests(module: types.ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0 and result.failed == 0


# --- published values through this API ---


def test_bg_nbd_cdnow_published(bgf: lifetimes.BetaGeoFitter) -> None:
    assert list(bgf.params_.index) == ["r", "alpha", "a", "b"]
    assert bgf.params_.round(3).to_dict() == BG
    assert repr(bgf) == "<lifetimes.BetaGeoFitter: fitted with 2357 subjects, a: 0.79, alpha: 4.41, b: 2.43, r: 0.24>"


def test_pareto_nbd_cdnow_published(pnbd: lifetimes.ParetoNBDFitter) -> None:
    p = pnbd.params_
    assert list(p.index) == ["r", "alpha", "s", "beta"]
    assert (round(p["r"], 3), round(p["alpha"], 3), round(p["s"], 3)) == (0.553, 10.578, 0.606)
    assert round(p["beta"], 2) == 11.67  # FHL 2005 print 11.669; the maximum is 11.6679


def test_gamma_gamma_cdnow_published(ggf: lifetimes.GammaGammaFitter) -> None:
    p = ggf.params_
    assert list(p.index) == ["p", "q", "v"]
    assert (round(p["p"], 2), round(p["q"], 2)) == (6.25, 3.74)
    assert abs(p["v"] - 15.44) < 0.01  # note 025 prints 15.44; the maximum is 15.4477
    assert list(ggf.data.columns) == ["monetary_value", "frequency", "weights"]


def test_bg_bb_donations_published(bbf: lifetimes.BetaGeoBetaBinomFitter) -> None:
    assert bbf.params_.round(3).to_dict() == dict(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    assert list(bbf.data.columns) == ["frequency", "recency", "n_periods", "weights"]


# --- fit outputs ---


def test_summary_and_errors_are_the_native_fits(bgf: lifetimes.BetaGeoFitter) -> None:
    fit = native.BgNbdFit.fit(frequency=F, recency=R, age=T)
    s = bgf.summary
    assert list(s.columns) == ["coef", "se(coef)", "lower 95% bound", "upper 95% bound"]
    assert list(s.index) == ["r", "alpha", "a", "b"]
    assert s["se(coef)"].to_dict() == fit.std_err
    assert bgf.standard_errors_.to_dict() == fit.std_err
    ci = bgf.confidence_intervals_
    assert list(ci.columns) == ["lower 95% bound", "upper 95% bound"]
    assert (ci["lower 95% bound"] < bgf.params_).all() and (ci["upper 95% bound"] > bgf.params_).all()
    v = bgf.variance_matrix_
    assert list(v.index) == ["r", "alpha", "a", "b"] and list(v.columns) == ["r", "alpha", "a", "b"]
    np.testing.assert_allclose(np.sqrt(np.diag(v.to_numpy())), bgf.standard_errors_.to_numpy(), rtol=1e-12)
    np.testing.assert_array_equal(v.to_numpy(), v.to_numpy().T)
    np.testing.assert_array_equal(v.to_numpy(), native.covariance(fit, frequency=F, recency=R, age=T))
    # A penalised, weighted MBG/NBD fit: the covariance of the penalised objective it maximised.
    weights = np.arange(1, len(F) + 1) % 3 + 1
    mbgf = lifetimes.ModifiedBetaGeoFitter(penalizer_coef=0.01).fit(F, R, T, weights=weights)
    np.testing.assert_allclose(np.sqrt(np.diag(mbgf.variance_matrix_.to_numpy())), mbgf.standard_errors_.to_numpy(),
                               rtol=1e-12)
    # params_ set by hand have no covariance (the other fitters: tests/python/test_lifetimes_variance.py).
    by_hand = lifetimes.BetaGeoFitter()
    by_hand.params_ = bgf.params_
    with pytest.raises(AttributeError, match="needs a fit"):
        by_hand.variance_matrix_  # noqa: B018
    with pytest.raises(TypeError, match="BG/NBD, MBG/NBD or Pareto/NBD"):
        native.covariance("r, alpha, a, b", frequency=F, recency=R, age=T)  # type: ignore[arg-type]


def test_data_and_index(bgf: lifetimes.BetaGeoFitter) -> None:
    assert list(bgf.data.columns) == ["frequency", "recency", "T", "weights"]
    assert (bgf.data["weights"] == 1).all() and len(bgf.data) == 2357
    fitted = lifetimes.BetaGeoFitter().fit(F, R, T, index=CDNOW.index)
    assert fitted.data.index.equals(CDNOW.index)


def test_weights_give_the_same_fit_as_rows() -> None:
    grouped = CDNOW.groupby(["frequency", "recency", "T"]).size().rename("weights").reset_index()
    a = lifetimes.BetaGeoFitter().fit(grouped["frequency"], grouped["recency"], grouped["T"], weights=grouped["weights"])
    b = lifetimes.BetaGeoFitter().fit(F, R, T)
    assert np.allclose(a.params_, b.params_, rtol=1e-6)


def test_penalizer_is_the_native_penalty() -> None:
    f = lifetimes.BetaGeoFitter(penalizer_coef=0.1).fit(F, R, T)
    n = native.BgNbdFit.fit(frequency=F, recency=R, age=T, penalty=0.1)
    assert f.params_.to_dict() == n.params


def test_initial_params_and_ignored_options() -> None:
    f = lifetimes.ParetoNBDFitter().fit(F, R, T, initial_params=[0.5, 10, 0.5, 10], tol=1e-6,
                                        fit_method="BFGS", maxiter=10, verbose=True)
    assert round(f.params_["r"], 3) == 0.553
    with pytest.raises(ValueError, match="iterative_fitting"):
        lifetimes.ParetoNBDFitter().fit(F, R, T, iterative_fitting=0)
    # lifetimes refuses both (a fixed start leaves nothing to iterate over).
    with pytest.raises(ValueError, match="iterative_fitting and initial_params"):
        lifetimes.ParetoNBDFitter().fit(F, R, T, iterative_fitting=3, initial_params=[0.5, 10, 0.5, 10])


def test_initial_params_are_on_lifetimes_scale() -> None:
    # BG/NBD and MBG/NBD: lifetimes optimises log-parameters, so initial_params are logs; Pareto/NBD: the
    # parameters themselves. The native start receives the parameters themselves.
    import math

    logs = [math.log(0.3), math.log(5.0), math.log(0.9), math.log(2.0)]
    for cls, fit in ((lifetimes.BetaGeoFitter, native.BgNbdFit), (lifetimes.ModifiedBetaGeoFitter, native.MbgNbdFit)):
        f = cls().fit(F, R, T, initial_params=logs)
        n = fit.fit(frequency=F, recency=R, age=T, start=[0.3, 5.0, 0.9, 2.0])
        assert f.params_.to_dict() == n.params
    p = lifetimes.ParetoNBDFitter().fit(F, R, T, initial_params=[0.5, 10.0, 0.5, 10.0])
    n = native.ParetoNbdFit.fit(frequency=F, recency=R, age=T, start=[0.5, 10.0, 0.5, 10.0])
    assert p.params_.to_dict() == n.params


def test_pareto_penalty_is_lifetimes_scaling() -> None:
    # lifetimes 0.11.3's Pareto/NBD: -sum(w ll) / mean(w) + c sum(params**2) = the native objective
    # (mean log-likelihood per customer minus penalty * sum(params**2)) with penalty = c / rows.
    weights = np.arange(1, len(F) + 1) % 3 + 1
    f = lifetimes.ParetoNBDFitter(penalizer_coef=50.0).fit(F, R, T, weights=weights)
    n = native.ParetoNbdFit.fit(frequency=F, recency=R, age=T, weight=weights.astype(float), penalty=50.0 / len(F))
    assert f.params_.to_dict() == n.params
    # BG/NBD: lifetimes' mean per customer, the native penalty unchanged, also with weights.
    g = lifetimes.BetaGeoFitter(penalizer_coef=0.1).fit(F, R, T, weights=weights)
    m = native.BgNbdFit.fit(frequency=F, recency=R, age=T, weight=weights.astype(float), penalty=0.1)
    assert g.params_.to_dict() == m.params


def test_unload_params(bgf: lifetimes.BetaGeoFitter) -> None:
    assert bgf._unload_params("b", "r") == [bgf.params_["b"], bgf.params_["r"]]
    with pytest.raises(ValueError, match="not been fit"):
        lifetimes.BetaGeoFitter()._unload_params("r")
    assert repr(lifetimes.BetaGeoFitter()) == "<lifetimes.BetaGeoFitter>"


def test_convergence_error_is_lifetimes_and_ltv() -> None:
    assert issubclass(ConvergenceError, ValueError) and issubclass(ConvergenceError, ltv.LtvError)


def test_q_constraint(ggf: lifetimes.GammaGammaFitter) -> None:
    data = load_cdnow_summary_data_with_monetary_value()
    repeat = data[data["frequency"] > 0]
    constrained = lifetimes.GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"], q_constraint=True)
    assert constrained.params_.to_dict() == ggf.params_.to_dict()


def _low_q_spend() -> tuple[np.ndarray, np.ndarray]:
    """Repeat buyers' mean spend drawn from Gamma-Gamma with q = 0.7 (the unconstrained maximum is at q < 1)."""
    frequency = np.array([1.0 + i % 5 for i in range(3000)])
    drawn = native.GammaGammaModel(p=4.0, q=0.7, gamma=10.0).simulate(frequency=frequency, seed=5)
    return frequency, np.asarray(drawn["monetary_value"], dtype=float)


def test_q_constraint_gives_the_maximum_on_q_equal_one() -> None:
    x, m = _low_q_spend()
    free = lifetimes.GammaGammaFitter().fit(x, m)
    assert free.params_["q"] < 1.0
    bound = lifetimes.GammaGammaFitter().fit(x, m, q_constraint=True)
    assert bound.params_["q"] == 1.0
    n = native.GammaGammaFit.fit(frequency=x, monetary_value=m, q_at_least_one=True)
    assert bound.params_.to_dict() == {"p": n.params["p"], "q": 1.0, "v": n.params["gamma"]}
    assert n.std_err["q"] is None and n.std_err["p"] is not None

    # Karush-Kuhn-Tucker, by central differences of the total log-likelihood (the native per-customer one):
    # stationary in p and v, falling in q into the feasible side.
    def ll(p: float, q: float, v: float) -> float:
        model = native.GammaGammaModel(p=p, q=q, gamma=v)
        return float(np.sum(model.customer_log_likelihood(frequency=x, monetary_value=m)))

    p, v, h = bound.params_["p"], bound.params_["v"], 1e-5
    assert abs((ll(p * (1 + h), 1.0, v) - ll(p * (1 - h), 1.0, v)) / (2 * h * p)) < 1e-3
    assert abs((ll(p, 1.0, v * (1 + h)) - ll(p, 1.0, v * (1 - h))) / (2 * h * v)) < 1e-3
    assert ll(p, 1.0 + h, v) < ll(p, 1.0, v)
    with pytest.raises(TypeError, match="q_at_least_one"):
        native.GammaGammaFit.fit(frequency=x, monetary_value=m, q_at_least_one=1)  # type: ignore[arg-type]


def test_gamma_gamma_initial_params_are_logs() -> None:
    data = load_cdnow_summary_data_with_monetary_value()
    repeat = data[data["frequency"] > 0]
    plain = lifetimes.GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    started = lifetimes.GammaGammaFitter().fit(
        repeat["frequency"], repeat["monetary_value"], initial_params=np.log([5.0, 3.0, 12.0])
    )
    for name in ("p", "q", "v"):
        assert started.params_[name] == pytest.approx(plain.params_[name], rel=1e-6)
    with pytest.raises(ltv.InvalidInputError, match="start.q"):
        lifetimes.GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"], initial_params=[1.0, -40.0, 2.0])


def test_bg_bb_penalty_is_lifetimes_scaling() -> None:
    # lifetimes' BG/BB objective, -sum(w * ll) / rows + c * sum(params**2): its optimum is stationary.
    d = load_donations()
    c = 0.05
    f = lifetimes.BetaGeoBetaBinomFitter(penalizer_coef=c).fit(d["frequency"], d["recency"], d["periods"], d["weights"])
    cols = {k: d[k].to_numpy(dtype=float) for k in ("frequency", "recency", "periods")}
    w = d["weights"].to_numpy(dtype=float)

    def objective(theta: np.ndarray) -> float:
        model = native.BgBbModel(alpha=theta[0], beta=theta[1], gamma=theta[2], delta=theta[3])
        return float(-np.sum(w * model.customer_log_likelihood(**cols)) / len(w) + c * np.sum(theta**2))

    theta = np.array([f.params_[k] for k in ("alpha", "beta", "gamma", "delta")])
    for k in range(4):
        step = np.zeros(4)
        step[k] = 1e-6 * theta[k]
        slope = (objective(theta + step) - objective(theta - step)) / (2 * step[k])
        assert abs(slope) < 1e-4, (k, slope)


# --- predictions equal the native API's ---


@pytest.mark.parametrize("cls,model", [(lifetimes.BetaGeoFitter, native.BgNbdModel),
                                       (lifetimes.ModifiedBetaGeoFitter, native.MbgNbdModel)])
def test_bg_family_predictions_equal_native(cls: type, model: type) -> None:
    f = cls()
    f.params_ = pd.Series(BG)
    m = model(**BG)
    got = f.conditional_expected_number_of_purchases_up_to_time(39, F, R, T)
    assert isinstance(got, pd.Series) and got.index.equals(CDNOW.index)
    assert np.array_equal(got, m.conditional_expected_purchases(t=39, frequency=F, recency=R, age=T))
    assert np.array_equal(f.predict(39, F, R, T), got)
    alive = f.conditional_probability_alive(F, R, T)
    assert isinstance(alive, np.ndarray)
    assert np.array_equal(alive, m.probability_alive(frequency=F, recency=R, age=T))
    assert f.conditional_probability_alive(0, 0, 10).shape == (1,)
    assert np.array_equal(f.expected_number_of_purchases_up_to_time([1, 10, 39]), m.expected_purchases(t=[1, 10, 39]))
    # lifetimes' order (t, n)
    assert f.probability_of_n_purchases_up_to_time(10, 2) == m.probability_of_purchases(n=2, t=10)


def test_pareto_predictions_equal_native() -> None:
    f = lifetimes.ParetoNBDFitter()
    f.params_ = pd.Series(PNBD)
    m = native.ParetoNbdModel(**PNBD)
    assert np.array_equal(f.predict(39, F, R, T), m.conditional_expected_purchases(t=39, frequency=F, recency=R, age=T))
    assert np.array_equal(f.conditional_probability_alive(F, R, T), m.probability_alive(frequency=F, recency=R, age=T))
    assert np.array_equal(f.expected_number_of_purchases_up_to_time([1, 39]), m.expected_purchases(t=[1, 39]))
    # lifetimes' order (n, t, frequency, recency, T)
    got = f.conditional_probability_of_n_purchases_up_to_time(1, 39, 2, 30.43, 38.86)
    assert got == m.conditional_probability_of_purchases(n=1, t=39, frequency=2, recency=30.43, age=38.86)
    # no NaN where recency equals T (lifetimes' known failure on current scipy)
    assert np.isfinite(f.conditional_probability_alive(5, 38.86, 38.86))
    # lifetimes 0.11.3 on scipy 1.17 returns NaN for both at x = 200, recency = T
    assert f.conditional_probability_alive(200, 38.86, 38.86) == 1.0
    assert np.isfinite(f.predict(39, 200, 38.86, 38.86)) and round(float(f.predict(39, 200, 38.86, 38.86)), 2) == 131.51
    assert round(float(f.conditional_probability_alive(2, 30.43, 38.86)), 3) == 0.869


def test_probability_alive_matrix(bgf: lifetimes.BetaGeoFitter) -> None:
    z = bgf.conditional_probability_alive_matrix(max_frequency=4, max_recency=6)
    assert z.shape == (7, 5)
    m = native.BgNbdModel(**bgf.params_.to_dict())
    assert z[3, 2] == m.probability_alive(frequency=2, recency=3, age=6)
    assert (z[:, 0] == 1).all()
    assert bgf.conditional_probability_alive_matrix().shape == (int(T.max()) + 1, int(F.max()) + 1)


def test_bg_bb_predictions_equal_native(bbf: lifetimes.BetaGeoBetaBinomFitter) -> None:
    m = native.BgBbModel(**bbf.params_.to_dict())
    d = load_donations()
    got = bbf.conditional_expected_number_of_purchases_up_to_time(5, d["frequency"], d["recency"], d["periods"])
    assert np.array_equal(got, m.conditional_expected_transactions(t=5, frequency=d["frequency"],
                                                                    recency=d["recency"], periods=d["periods"]))
    assert bbf.predict(5, 6, 6, 6) == m.conditional_expected_transactions(t=5, frequency=6, recency=6, periods=6)
    alive = bbf.conditional_probability_alive(1, 6, 6, 6)  # FHS 2010 eq. 11: alive at the next opportunity
    assert alive == m.probability_alive(frequency=6, recency=6, periods=6)
    # Every m (FHS 2010 eq. 11 carried m opportunities on): the native probability_alive_at.
    later = bbf.conditional_probability_alive(np.array([0, 3]), 6, 6, 6)
    assert np.array_equal(later, m.probability_alive_at(t=np.array([0, 3]), frequency=6, recency=6, periods=6))
    table = bbf.expected_number_of_transactions_in_first_n_periods(6)
    assert list(table.columns) == ["model"] and table.index.name == "frequency"
    assert list(table.index) == list(range(7))
    expected = np.asarray(m.probability_of_transactions(n=np.arange(7.0), t=6)) * 11104
    assert np.array_equal(table["model"].to_numpy(), expected)


def test_gamma_gamma_profit_and_clv(ggf: lifetimes.GammaGammaFitter, bgf: lifetimes.BetaGeoFitter) -> None:
    data = load_cdnow_summary_data_with_monetary_value()
    spend = native.GammaGammaModel(p=ggf.params_["p"], q=ggf.params_["q"], gamma=ggf.params_["v"])
    profit = ggf.conditional_expected_average_profit(data["frequency"], data["monetary_value"])
    assert np.array_equal(profit, spend.conditional_expected_spend(frequency=data["frequency"],
                                                                   monetary_value=data["monetary_value"]))
    assert len(ggf.conditional_expected_average_profit()) == len(ggf.data)
    clv = ggf.customer_lifetime_value(bgf, data["frequency"], data["recency"], data["T"], data["monetary_value"],
                                      time=12, discount_rate=0.01, freq="W")
    assert clv.name == "clv" and clv.index.equals(data.index)
    want = native.customer_value(native.BgNbdModel(**bgf.params_.to_dict()), frequency=data["frequency"],
                                 recency=data["recency"], age=data["T"], monetary_value=data["monetary_value"],
                                 spend_model=spend, horizon_months=12, time_unit="week", discount_rate=0.01,
                                 convention="lifetimes")
    assert np.array_equal(clv.to_numpy(), np.asarray(want))
    with pytest.raises(ValueError, match="freq"):
        ggf.customer_lifetime_value(bgf, 1, 1, 2, 10.0, freq="Y")
    pnbd = lifetimes.ParetoNBDFitter()
    pnbd.params_ = pd.Series(PNBD)
    clv_p = ggf.customer_lifetime_value(pnbd, data["frequency"], data["recency"], data["T"], data["monetary_value"],
                                        freq="W")
    want_p = native.customer_value(native.ParetoNbdModel(**PNBD), frequency=data["frequency"], recency=data["recency"],
                                   age=data["T"], monetary_value=data["monetary_value"], spend_model=spend,
                                   time_unit="week", convention="lifetimes")
    assert np.array_equal(clv_p.to_numpy(), np.asarray(want_p))


def test_params_set_by_hand() -> None:
    f = lifetimes.BetaGeoFitter()
    f.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
    assert round(float(f.predict(39, 2, 30.43, 38.86)), 3) == 1.226
    f.params_["r"] = 0.5
    assert f.predict(39, 2, 30.43, 38.86) == native.BgNbdModel(**{**BG, "r": 0.5}).conditional_expected_purchases(
        t=39, frequency=2, recency=30.43, age=38.86)
    with pytest.raises(AttributeError):
        f.summary  # noqa: B018  (no fit, no standard errors)


# --- save / load ---


def test_save_load_round_trip(tmp_path: pathlib.Path, bgf: lifetimes.BetaGeoFitter) -> None:
    path = tmp_path / "bgf.json"
    bgf.save_model(str(path), save_data=False)
    document = json.loads(path.read_text())
    assert document["model"] == "bg_nbd" and "fit" in document
    loaded = lifetimes.BetaGeoFitter()
    loaded.load_model(str(path))
    assert loaded.params_.to_dict() == bgf.params_.to_dict()
    assert loaded.summary.equals(bgf.summary)
    assert loaded.predict(39, 2, 30.43, 38.86) == bgf.predict(39, 2, 30.43, 38.86)


def test_save_load_hand_set_params(tmp_path: pathlib.Path) -> None:
    g = lifetimes.GammaGammaFitter()
    g.params_ = pd.Series({"p": 6.25, "q": 3.74, "v": 15.44})
    path = tmp_path / "gg.json"
    g.save_model(str(path))
    assert "fit" not in json.loads(path.read_text())
    h = lifetimes.GammaGammaFitter()
    h.load_model(str(path))
    assert h.params_.to_dict() == {"p": 6.25, "q": 3.74, "v": 15.44}
    # a native model file loads too
    path.write_text(native.ParetoNbdModel(**PNBD).to_json())
    p = lifetimes.ParetoNBDFitter()
    p.load_model(str(path))
    assert p.params_.to_dict() == PNBD


# --- utils ---


def test_summary_from_transactions() -> None:
    log = load_transaction_data()
    summary = summary_data_from_transaction_data(log, "id", "date")
    assert summary.index.name == "id" and list(summary.columns) == ["frequency", "recency", "T"]
    assert len(summary) == 5000 and summary["frequency"].sum() == 9270


def test_summary_freq_multiplier_reproduces_the_cdnow_summary() -> None:
    raw = load_dataset("CDNOW_sample.txt", header=None, sep=r"\s+", names=["master", "id", "date", "cds", "amount"],
                       dtype={"date": str})
    summary = summary_data_from_transaction_data(raw, "id", "date", "amount", datetime_format="%Y%m%d",
                                                 observation_period_end="1997-09-30", freq="D", freq_multiplier=7)
    cal = raw[raw["date"] <= "19970930"]
    assert len(summary) == cal["id"].nunique() == 2357
    expected = CDNOW.loc[summary.index]
    assert np.allclose(summary["T"].round(2), expected["T"]) and np.allclose(summary["recency"].round(2), expected["recency"])
    assert (summary["frequency"] == expected["frequency"]).all()
    weekly = summary_data_from_transaction_data(raw, "id", "date", datetime_format="%Y%m%d",
                                                observation_period_end="1997-09-30", freq="W")
    assert weekly["T"].max() == 39.0
    monthly = summary_data_from_transaction_data(raw, "id", "date", datetime_format="%Y%m%d",
                                                 observation_period_end="1997-09-30", freq="M")
    assert monthly["T"].max() == 8.0


def test_include_first_transaction() -> None:
    log = pd.DataFrame({"id": [1, 1, 1, 2], "date": ["2020-01-01", "2020-01-01", "2020-01-05", "2020-01-03"],
                        "v": [1.0, 2.0, 6.0, 5.0]})
    plain = summary_data_from_transaction_data(log, "id", "date", "v")
    first = summary_data_from_transaction_data(log, "id", "date", "v", include_first_transaction=True)
    assert plain.to_dict("list") == {"frequency": [1.0, 0.0], "recency": [4.0, 0.0], "T": [4.0, 2.0],
                                     "monetary_value": [6.0, 0.0]}
    assert first.to_dict("list") == {"frequency": [2.0, 1.0], "recency": [4.0, 0.0], "T": [4.0, 2.0],
                                     "monetary_value": [4.5, 5.0]}


def test_calibration_and_holdout_cdnow() -> None:
    raw = load_dataset("CDNOW_sample.txt", header=None, sep=r"\s+", names=["master", "id", "date", "cds", "amount"],
                       dtype={"date": str})
    split = calibration_and_holdout_data(raw, "id", "date", "1997-09-30", "1998-06-30", freq="D", freq_multiplier=7,
                                         datetime_format="%Y%m%d", monetary_value_col="amount")
    assert split.index.name == "id"
    assert list(split.columns) == ["frequency_cal", "recency_cal", "T_cal", "monetary_value_cal", "frequency_holdout",
                                   "monetary_value_holdout", "duration_holdout"]
    assert len(split) == 2357 and split["frequency_cal"].sum() == 2457 and split["frequency_holdout"].sum() == 1882
    assert split["duration_holdout"].round(2).unique().tolist() == [39.0]
    with pytest.raises(ValueError, match="calibration_period_end"):
        calibration_and_holdout_data(raw, "id", "date", "1998-07-30", "1998-06-30", datetime_format="%Y%m%d")


def test_example_transactions_fit_and_tracking() -> None:
    log = load_transaction_data()
    summary = summary_data_from_transaction_data(log, "id", "date")
    bgf = lifetimes.BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    # the fit lifetimes' own tests use on this log (r 0.1639, alpha 1.864, a 1.850, b 3.181)
    assert bgf.params_.round(3).to_dict() == {"r": 0.164, "alpha": 1.864, "a": 1.85, "b": 3.181}
    tracking = expected_cumulative_transactions(bgf, log, "date", "id", 364)
    assert list(tracking.columns) == ["actual", "predicted"] and len(tracking) == 364
    assert tracking["actual"].iloc[-1] == 9265  # repeat purchase days before the last day of 2014 (9270 in all)
    # every customer's first day falls before day 364: the last row is the sum of E[X(T)] over customers
    ages = summary["T"].to_numpy()
    assert tracking["predicted"].iloc[-1] == pytest.approx(float(bgf.expected_number_of_purchases_up_to_time(ages).sum()),
                                                           rel=1e-12)
    weekly = expected_cumulative_transactions(bgf, log, "date", "id", 28, freq_multiplier=7, set_index_date=True)
    assert len(weekly) == 4 and isinstance(weekly.index, pd.PeriodIndex)
    with pytest.raises(ValueError, match="t: expected"):
        expected_cumulative_transactions(bgf, log, "date", "id", MAX_PATH_PERIODS + 1)


def test_alive_path() -> None:
    bgf = lifetimes.BetaGeoFitter()
    bgf.params_ = pd.Series(BG)
    one = pd.DataFrame({"date": ["2014-01-01", "2014-01-04", "2014-01-04", "2014-01-10"]})
    path = calculate_alive_path(bgf, one, "date", 12)
    assert len(path) == 13 and path.iloc[0] == 1.0 and (path.iloc[1:3] == 1.0).all()  # no repeat yet: 1 (BG/NBD)
    m = native.BgNbdModel(**BG)
    assert path.iloc[5] == m.probability_alive(frequency=1, recency=3, age=5)
    assert path.iloc[12] == m.probability_alive(frequency=2, recency=9, age=12)
    with pytest.raises(ValueError, match="t: expected"):
        calculate_alive_path(bgf, one, "date", 0)


def test_unknown_freq() -> None:
    log = pd.DataFrame({"id": [1], "date": ["2020-01-01"]})
    with pytest.raises(ValueError, match="freq"):
        summary_data_from_transaction_data(log, "id", "date", freq="min")


# --- datasets ---


def test_datasets() -> None:
    assert load_cdnow_summary().columns.tolist() == ["ID", "frequency", "recency", "T"]
    mv = load_cdnow_summary_data_with_monetary_value()
    assert mv.index.name == "customer_id" and mv.columns.tolist() == ["frequency", "recency", "T", "monetary_value"]
    assert load_donations().columns.tolist() == ["frequency", "recency", "periods", "weights"]
    assert load_transaction_data().columns.tolist() == ["date", "id"] and len(load_transaction_data()) == 15273
    assert load_dataset("donations.csv", usecols=["weights"]).shape == (22, 1)
    with pytest.raises(FileNotFoundError, match="filename"):
        load_dataset("nope.csv")


# --- property: the facade is the native model ---


@given(
    r=st.floats(0.05, 5), alpha=st.floats(0.5, 20), a=st.floats(0.05, 5), b=st.floats(0.05, 5),
    x=st.integers(0, 30), tx=st.floats(0, 1), age=st.floats(1, 100), t=st.floats(0.1, 100),
)
def test_property_bg_nbd_facade_is_native(r: float, alpha: float, a: float, b: float, x: int, tx: float, age: float,
                                          t: float) -> None:
    f = lifetimes.BetaGeoFitter()
    f.params_ = pd.Series(dict(r=r, alpha=alpha, a=a, b=b))
    m = native.BgNbdModel(r=r, alpha=alpha, a=a, b=b)
    rec = tx * age if x > 0 else 0.0
    assert f.predict(t, x, rec, age) == m.conditional_expected_purchases(t=t, frequency=x, recency=rec, age=age)
    assert f.conditional_probability_alive(x, rec, age)[0] == m.probability_alive(frequency=x, recency=rec, age=age)
    assert f.probability_of_n_purchases_up_to_time(t, x) == m.probability_of_purchases(n=x, t=t)


# --- plotting (headless) ---


def test_plots_titles_and_labels(bgf: lifetimes.BetaGeoFitter) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ltv.lifetimes import plotting

    try:
        ax = plotting.plot_probability_alive_matrix(bgf)
        assert ax.get_title() == "Probability Customer is Alive,\nby Frequency and Recency of a Customer"
        assert ax.get_xlabel() == "Customer's Historical Frequency" and ax.get_ylabel() == "Customer's Recency"
        assert np.array_equal(ax.get_images()[0].get_array(), bgf.conditional_probability_alive_matrix())
        plt.close("all")
        ax = plotting.plot_frequency_recency_matrix(bgf, T=5, max_frequency=10, max_recency=20)
        assert ax.get_title().startswith("Expected Number of Future Purchases for 5 Units of Time,")
        plt.close("all")
        ax = plotting.plot_expected_repeat_purchases(bgf, label="BG/NBD")
        assert ax.get_title() == "Expected Number of Repeat Purchases per Customer"
        assert ax.get_xlabel() == "Time Since First Purchase" and len(ax.get_lines()) == 2
        plt.close("all")
        raw = load_dataset("CDNOW_sample.txt", header=None, sep=r"\s+",
                           names=["master", "id", "date", "cds", "amount"], dtype={"date": str})
        split = calibration_and_holdout_data(raw, "id", "date", "1997-09-30", "1998-06-30", freq="D",
                                             freq_multiplier=7, datetime_format="%Y%m%d")
        ax = plotting.plot_calibration_purchases_vs_holdout_purchases(bgf, split)
        assert ax.get_title() == "Actual Purchases in Holdout Period vs Predicted Purchases"
        assert ax.get_ylabel() == "Average of Purchases in Holdout Period"
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["frequency_holdout", "model_predictions"]
        plt.close("all")
        log = load_transaction_data()
        ax = plotting.plot_history_alive(bgf, 100, log[log["id"] == 35], "date")
        assert ax.get_title() == "History of P_alive" and ax.get_ylabel() == "P_alive"
        plt.close("all")
        ax = plotting.plot_cumulative_transactions(bgf, log, "date", "id", 60, 40)
        assert ax.get_title() == "Tracking Cumulative Transactions" and ax.get_ylabel() == "Cumulative Transactions"
        plt.close("all")
        np.random.seed(5)
        ax = plotting.plot_period_transactions(bgf)
        assert ax.get_title() == "Frequency of Repeat Transactions" and ax.get_ylabel() == "Customers"
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Actual", "Model"]
        plt.close("all")
        ax = plotting.plot_incremental_transactions(bgf, log, "date", "id", 60, 40)
        assert ax.get_title() == "Tracking Daily Transactions" and ax.get_xlabel() == "day"
    finally:
        plt.close("all")


# --- generate_data: the draws follow the models (fixed seed, 5 standard errors) ---


def _close(sample: np.ndarray, expected: float) -> bool:
    return bool(abs(sample.mean() - expected) < 5 * sample.std() / np.sqrt(len(sample)))


def test_simulators_match_the_models() -> None:
    from ltv.lifetimes import generate_data as gen

    np.random.seed(11)
    n = 40_000
    bg = gen.beta_geometric_nbd_model(38.86, **BG, size=n)
    assert list(bg.columns) == ["frequency", "recency", "T", "lambda", "p", "alive"] and bg.index.name == "customer_id"
    assert _close(bg["frequency"].to_numpy(), native.BgNbdModel(**BG).expected_purchases(t=38.86))
    assert (bg["recency"] <= bg["T"]).all() and (bg.loc[bg["frequency"] == 0, "recency"] == 0).all()
    mbg = gen.modified_beta_geometric_nbd_model(38.86, **BG, size=n)
    assert _close(mbg["frequency"].to_numpy(), native.MbgNbdModel(**BG).expected_purchases(t=38.86))
    pn = gen.pareto_nbd_model(38.86, **PNBD, size=n)
    assert list(pn.columns) == ["frequency", "recency", "T", "lambda", "mu", "alive"]
    assert _close(pn["frequency"].to_numpy(), native.ParetoNbdModel(**PNBD).expected_purchases(t=38.86))
    bb_params = dict(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    bb = gen.beta_geometric_beta_binom_model(6, *bb_params.values(), size=n)
    assert list(bb.columns) == ["frequency", "recency", "n_periods", "p", "theta", "alive"]
    assert _close(bb["frequency"].to_numpy(), native.BgBbModel(**bb_params).expected_transactions(t=6))
    share = (bb["frequency"] == 6).mean()
    assert abs(share - native.BgBbModel(**bb_params).probability_of_transactions(n=6, t=6)) < 0.01
    with pytest.raises(ValueError, match="size"):
        gen.beta_geometric_nbd_model(10, **BG, size=0)
    with pytest.raises(ValueError, match="T:"):
        gen.pareto_nbd_model([10, 20], **PNBD, size=3)


def test_generate_new_data(bgf: lifetimes.BetaGeoFitter, bbf: lifetimes.BetaGeoBetaBinomFitter) -> None:
    np.random.seed(2)
    sim = bgf.generate_new_data(size=len(bgf.data))
    assert len(sim) == 2357 and (sim["T"].to_numpy() == bgf.data["T"].to_numpy()).all()
    assert bbf.generate_new_data(size=11104)["n_periods"].eq(6).all()


def test_transactional_simulator_round_trips_through_the_summary() -> None:
    from ltv.lifetimes import generate_data as gen

    np.random.seed(4)
    log = gen.beta_geometric_nbd_model_transactional_data(30, **BG, observation_period_end="2019-01-01", size=3000)
    assert list(log.columns) == ["customer_id", "date"] and log["customer_id"].nunique() == 3000
    assert log["date"].max() <= pd.Timestamp("2019-01-01")
    summary = summary_data_from_transaction_data(log, "customer_id", "date", observation_period_end="2019-01-01")
    assert (summary["T"] == 30).all()
    assert _close(summary["frequency"].to_numpy(), native.BgNbdModel(**BG).expected_purchases(t=30))


@pytest.mark.parametrize("bad", [0, -7, 0.0, float("nan"), float("inf")])
def test_freq_multiplier_must_be_positive(bad: float) -> None:
    # lifetimes divides by it: 0 gave infinite recency and T; a negative one, negative ages.
    from ltv.lifetimes.datasets import load_transaction_data
    from ltv.lifetimes.utils import calibration_and_holdout_data, summary_data_from_transaction_data

    log = load_transaction_data().head(50)
    with pytest.raises(ltv.LtvError) as err:
        summary_data_from_transaction_data(log, "id", "date", freq_multiplier=bad)
    assert err.value.field == "freq_multiplier"
    with pytest.raises(ltv.LtvError) as err:
        calibration_and_holdout_data(log, "id", "date", calibration_period_end="2014-06-01",
                                     observation_period_end="2014-12-31", freq_multiplier=bad)
    assert err.value.field == "freq_multiplier"
