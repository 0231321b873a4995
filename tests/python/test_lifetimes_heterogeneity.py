"""The heterogeneity plots of ltv.lifetimes.plotting (the mixing Gamma and Beta densities) and their native
helpers: the helpers against mpmath (tests/vectors/distributions/distributions.json, read by the Rust tests too),
the plotted curve against the native density on lifetimes' grid, titles and labels."""

from __future__ import annotations

import io
import json
import math
import pathlib
from typing import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import ltv  # noqa: E402
from ltv import _ltv  # noqa: E402
from ltv.lifetimes import BetaGeoFitter, ParetoNBDFitter  # noqa: E402
from ltv.lifetimes.plotting import plot_dropout_rate_heterogeneity, plot_transaction_rate_heterogeneity  # noqa: E402

VECTORS = json.loads(
    (pathlib.Path(__file__).parents[1] / "vectors" / "distributions" / "distributions.json").read_text()
)


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


def _bgf(**params: float) -> BetaGeoFitter:
    bgf = BetaGeoFitter()
    bgf.params_ = pd.Series(params or {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
    return bgf


def test_native_helpers_match_mpmath() -> None:
    for c in VECTORS["gamma_ln_density"]:
        got = _ltv._gamma_density([c["x"]], shape=c["shape"], rate=c["rate"])[0]
        assert math.isclose(math.log(got), c["value"], rel_tol=1e-12, abs_tol=1e-12), c
    for c in VECTORS["beta_ln_density"]:
        got = _ltv._beta_density([c["x"]], a=c["a"], b=c["b"])[0]
        assert math.isclose(math.log(got), c["value"], rel_tol=1e-12, abs_tol=1e-12), c
    for c in VECTORS["gamma_quantile"]:
        assert math.isclose(_ltv._gamma_quantile(c["q"], shape=c["shape"], rate=c["rate"]), c["value"], rel_tol=1e-10), c
    for c in VECTORS["beta_quantile"]:
        assert math.isclose(_ltv._beta_quantile(c["q"], a=c["a"], b=c["b"]), c["value"], rel_tol=1e-10), c


def test_native_helpers_errors() -> None:
    with pytest.raises(ltv.LtvError, match="shape"):
        _ltv._gamma_density([1.0], shape=0.0, rate=1.0)
    with pytest.raises(ltv.LtvError, match="x"):
        _ltv._beta_density([1.5], a=1.0, b=1.0)
    with pytest.raises(ltv.LtvError, match="q"):
        _ltv._beta_quantile(1.0, a=1.0, b=1.0)
    with pytest.raises(ltv.LtvError):  # infinite density at 0 with shape < 1
        _ltv._gamma_density([0.0], shape=0.5, rate=1.0)


def test_transaction_rate_plot_is_the_native_gamma_density() -> None:
    fig, ax = plt.subplots()
    out = plot_transaction_rate_heterogeneity(_bgf(), ax=ax, color="C3")
    assert out is ax
    assert ax.get_title() == "mean: 0.055, var: 0.012"
    assert fig.get_suptitle() == "Heterogeneity in Transaction Rate"
    assert ax.get_xlabel() == "Transaction Rate" and ax.get_ylabel() == "Density"
    (line,) = ax.lines
    x, y = line.get_xdata(), line.get_ydata()
    upper = _ltv._gamma_quantile(0.99, shape=0.243, rate=4.414)
    # r < 1: lifetimes' 100-point grid over [0, q99] without the point 0 (an infinite density there).
    np.testing.assert_array_equal(x, np.linspace(0.0, upper, 100)[1:])
    np.testing.assert_array_equal(y, _ltv._gamma_density(x, shape=0.243, rate=4.414))
    assert np.all(np.isfinite(y)) and matplotlib.colors.same_color(line.get_color(), "C3")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dropout_plot_is_the_native_beta_density() -> None:
    ax = plot_dropout_rate_heterogeneity(_bgf(r=1.0, alpha=1.0, a=2.0, b=5.0), suptitle="p", xlabel="x", ylabel="y")
    assert ax.figure.get_suptitle() == "p" and ax.get_xlabel() == "x" and ax.get_ylabel() == "y"
    assert ax.get_title() == f"mean: {2 / 7:.3f}, var: {10 / 49 / 8:.3f}"
    (line,) = ax.lines
    x, y = line.get_xdata(), line.get_ydata()
    np.testing.assert_array_equal(x, np.linspace(0.0, _ltv._beta_quantile(0.99, a=2.0, b=5.0), 100))
    np.testing.assert_array_equal(y, _ltv._beta_density(x, a=2.0, b=5.0))
    assert y[0] == 0.0
    default = plot_dropout_rate_heterogeneity(_bgf())
    assert default.figure.get_suptitle() == "Heterogeneity in Dropout Probability"
    assert default.get_xlabel() == "Dropout Probability p"


def test_pareto_fitter_has_the_transaction_rate_plot() -> None:
    pnbd = ParetoNBDFitter()
    pnbd.params_ = pd.Series({"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669})
    assert plot_transaction_rate_heterogeneity(pnbd).get_title() == f"mean: {0.553 / 10.578:.3f}, var: {0.553 / 10.578**2:.3f}"


@given(st.floats(0.05, 50.0), st.floats(0.05, 50.0), st.floats(0.01, 0.98))
def test_quantiles_invert_the_density_mass(a: float, b: float, q: float) -> None:
    lo, hi = _ltv._beta_quantile(q, a=a, b=b), _ltv._beta_quantile(q + 0.01, a=a, b=b)
    assert 0.0 <= lo <= hi <= 1.0
    assert _ltv._gamma_quantile(q, shape=a, rate=b) <= _ltv._gamma_quantile(q + 0.01, shape=a, rate=b)


