"""``variance_matrix_`` of every ltv.lifetimes fitter and ``ltv.purchase.covariance`` for every native family:
the diagonal is the squared standard errors (to 1e-12), the matrix symmetric and positive definite."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import ltv.lifetimes as lifetimes
from ltv import purchase as native
from ltv.lifetimes.datasets import load_cdnow_summary, load_cdnow_summary_data_with_monetary_value, load_donations

CDNOW = load_cdnow_summary(index_col=[0])
F, R, T = CDNOW["frequency"], CDNOW["recency"], CDNOW["T"]
SPEND = load_cdnow_summary_data_with_monetary_value()
REPEAT = SPEND[SPEND["frequency"] > 0]
DONATIONS = load_donations()


def _fitted(name: str, penalizer_coef: float) -> Any:
    weights = np.arange(1, len(F) + 1) % 3 + 1
    if name == "BetaGeoFitter":
        return lifetimes.BetaGeoFitter(penalizer_coef=penalizer_coef).fit(F, R, T)
    if name == "ModifiedBetaGeoFitter":
        return lifetimes.ModifiedBetaGeoFitter(penalizer_coef=penalizer_coef).fit(F, R, T, weights=weights)
    if name == "ParetoNBDFitter":
        return lifetimes.ParetoNBDFitter(penalizer_coef=penalizer_coef).fit(F, R, T, weights=weights)
    if name == "BetaGeoBetaBinomFitter":
        d = DONATIONS
        return lifetimes.BetaGeoBetaBinomFitter(penalizer_coef=penalizer_coef).fit(
            d["frequency"], d["recency"], d["periods"], weights=d["weights"]
        )
    return lifetimes.GammaGammaFitter(penalizer_coef=penalizer_coef).fit(REPEAT["frequency"], REPEAT["monetary_value"])


FITTERS = ["BetaGeoFitter", "ModifiedBetaGeoFitter", "ParetoNBDFitter", "BetaGeoBetaBinomFitter", "GammaGammaFitter"]


@pytest.mark.parametrize("penalizer_coef", [0.0, 0.001])
@pytest.mark.parametrize("name", FITTERS)
def test_variance_matrix_is_the_inverse_information(name: str, penalizer_coef: float) -> None:
    fitter = _fitted(name, penalizer_coef)
    v = fitter.variance_matrix_
    names = list(fitter._PARAMS)
    assert list(v.index) == names and list(v.columns) == names
    m = v.to_numpy()
    se = fitter.standard_errors_.to_numpy()
    np.testing.assert_allclose(np.diag(m), se**2, rtol=1e-12, atol=0)
    np.testing.assert_array_equal(m, m.T)
    assert np.all(np.linalg.eigvalsh(m) > 0)
    assert np.all(np.isfinite(m))


def test_native_covariance_per_family() -> None:
    pareto = native.ParetoNbdFit.fit(frequency=F, recency=R, age=T)
    cov = native.covariance(pareto, frequency=F, recency=R, age=T)
    assert cov.shape == (4, 4)
    np.testing.assert_allclose(np.sqrt(np.diag(cov)), [pareto.std_err[k] for k in ("r", "alpha", "s", "beta")],
                               rtol=1e-12)
    d = DONATIONS
    cols = dict(frequency=d["frequency"], recency=d["recency"], periods=d["periods"], weight=d["weights"])
    bb = native.BgBbFit.fit(**cols)
    cov = native.covariance(bb, **cols)
    np.testing.assert_allclose(np.sqrt(np.diag(cov)), [bb.std_err[k] for k in ("alpha", "beta", "gamma", "delta")],
                               rtol=1e-12)
    # The model and the fit give the same matrix.
    np.testing.assert_array_equal(native.covariance(bb.model, **cols), cov)
    spend = dict(frequency=REPEAT["frequency"], monetary_value=REPEAT["monetary_value"])
    gg = native.GammaGammaFit.fit(**spend)
    cov = native.covariance(gg, **spend)
    assert cov.shape == (3, 3)
    np.testing.assert_allclose(np.sqrt(np.diag(cov)), [gg.std_err[k] for k in ("p", "q", "gamma")], rtol=1e-12)


def test_covariance_errors() -> None:
    d = DONATIONS
    bb = native.BgBbFit.fit(frequency=d["frequency"], recency=d["recency"], periods=d["periods"], weight=d["weights"])
    with pytest.raises(ValueError, match="penalty"):
        native.covariance(bb, frequency=d["frequency"], recency=d["recency"], periods=d["periods"], penalty=-1.0)
    with pytest.raises(ValueError, match="penalty"):
        native.covariance(native.GammaGammaModel(p=6.25, q=3.74, gamma=15.44), frequency=[1, 2], monetary_value=[3.0, 4.0],
                          penalty=float("nan"))
    # A fitter without a fit, or a loaded model without its data, has no covariance.
    with pytest.raises(AttributeError, match="needs a fit"):
        lifetimes.GammaGammaFitter().variance_matrix_  # noqa: B018
