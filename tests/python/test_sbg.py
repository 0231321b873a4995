"""The sBG model from Python: published values, arrays, parameter recovery, JSON, error kinds.

The Rust tests (crates/ltv-models/tests) cover the recursions against their definitions, the fit's
optimality and its malformed-data errors in depth; these check that the binding carries all of it through.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
from ltv.retention import SbgFit, SbgModel

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]


@pytest.mark.parametrize(
    ("alpha", "beta", "expected"),
    [
        (3.80, 15.20, [3.31, 3.45, 3.59, 3.72, 3.84]),
        (1 / 15, 4 / 15, [7.68, 9.46, 9.86, 10.06, 10.19]),
    ],
)
def test_fader_hardie_2010_table_3_derl(alpha: float, beta: float, expected: list[float]) -> None:
    model = SbgModel(alpha=alpha, beta=beta)
    got = [round(model.discounted_expected_residual_lifetime(discount_rate=0.10, n=n), 2) for n in range(1, 6)]
    assert got == expected


@pytest.mark.parametrize(
    ("surviving", "alpha", "beta"), [(REGULAR, 0.704, 1.182), (HIGH_END, 0.668, 3.806)], ids=["regular", "high_end"]
)
def test_fader_hardie_2007_fits(surviving: list[int], alpha: float, beta: float) -> None:
    fit = SbgFit.fit(surviving=surviving)
    assert (round(fit.alpha, 3), round(fit.beta, 3)) == (alpha, beta)
    assert fit.model == SbgModel(alpha=fit.alpha, beta=fit.beta)
    assert fit.converged and fit.n_customers == 1000 and fit.n_cohorts == 1 and fit.iterations >= 1
    assert fit.std_err_alpha is not None and fit.std_err_beta is not None
    assert 0 < fit.std_err_alpha < 1 and 0 < fit.std_err_beta < 1
    assert fit.log_likelihood == pytest.approx(fit.model.log_likelihood(cohorts=[surviving]), abs=0, rel=0)
    # numpy input gives the same fit as a list.
    assert SbgFit.fit(surviving=np.array(surviving, dtype=np.int64)) == fit
    assert SbgFit.fit(surviving=np.array(surviving, dtype=np.float64)) == fit


def test_regular_fit_has_the_documented_values() -> None:
    # The JSON example of the crate documentation.
    fit = SbgFit.fit(surviving=REGULAR)
    assert fit.alpha == 0.7040772984735147 and fit.beta == 1.182043026209472
    assert fit.log_likelihood == -1680.265188463287 and fit.iterations == 5


def test_fit_cohorts_pools_cohorts_of_different_lengths() -> None:
    both = SbgFit.fit_cohorts(cohorts=[REGULAR, HIGH_END[:5]])
    assert both.n_cohorts == 2 and both.n_customers == 2000
    assert both.log_likelihood == pytest.approx(
        both.model.log_likelihood(cohorts=[REGULAR]) + both.model.log_likelihood(cohorts=[HIGH_END[:5]]), rel=1e-12
    )
    assert SbgFit.fit_cohorts(cohorts=[REGULAR]) == SbgFit.fit(surviving=REGULAR)


def test_predictions_match_the_closed_forms() -> None:
    m = SbgModel(alpha=0.704, beta=1.182)
    assert round(m.survival(1), 3) == 0.627 and round(m.retention(2), 3) == 0.756
    assert m.survival(0) == 1.0
    assert m.churn_probability(1) == pytest.approx(0.704 / (0.704 + 1.182), rel=1e-15)
    assert m.retention(3) == pytest.approx((1.182 + 2) / (0.704 + 1.182 + 2), rel=1e-15)
    m2 = SbgModel(alpha=3.0, beta=5.0)
    assert m2.expected_lifetime() == pytest.approx((3 + 5 - 1) / (3 - 1), rel=1e-15)
    assert m2.discounted_expected_lifetime(discount_rate=0) == m2.expected_lifetime()
    del_ = m.discounted_expected_lifetime(discount_rate=0.1)
    assert m.discounted_expected_residual_lifetime(discount_rate=0.1, n=1) == pytest.approx((del_ - 1) * 1.1, rel=1e-12)


def test_array_inputs_give_arrays_of_the_same_shape() -> None:
    m = SbgModel(alpha=0.668, beta=3.806)
    t = np.arange(0, 13)
    s = m.survival(t)
    assert isinstance(s, np.ndarray) and s.dtype == np.float64 and s.shape == (13,)
    assert s.tolist() == [m.survival(int(i)) for i in t]
    grid = np.array([[1, 2], [3, 12]])
    for method in (m.survival, m.retention, m.churn_probability):
        out = method(grid)
        assert out.shape == (2, 2)
        assert out.ravel().tolist() == [method(int(i)) for i in grid.ravel()]
    assert m.retention([1, 2, 3]).tolist() == [m.retention(1), m.retention(2), m.retention(3)]
    assert m.survival(np.array([5.0, 2.0])).tolist() == [m.survival(5), m.survival(2)]  # whole floats are fine
    assert m.survival(np.array([], dtype=np.int64)).shape == (0,)
    assert isinstance(m.survival(np.int64(3)), float)
    assert m.survival_curve(periods=12).tolist() == s.tolist()
    assert m.survival_curve(periods=0).tolist() == [1.0]
    # Churn probabilities of all lifetimes sum to 1 - S(t).
    assert m.churn_probability(np.arange(1, 25)).sum() == pytest.approx(1 - m.survival(24), rel=1e-12)


def test_repr_and_equality() -> None:
    m = SbgModel(alpha=0.5, beta=2.0)
    assert repr(m) == "SbgModel(alpha=0.5, beta=2.0)"
    assert m == SbgModel(alpha=0.5, beta=2.0) and m != SbgModel(alpha=0.5, beta=2.5)
    fit = SbgFit.fit(surviving=REGULAR)
    assert repr(fit) == (
        "SbgFit(alpha=0.7040772984735147, beta=1.182043026209472, log_likelihood=-1680.265188463287, "
        "n_customers=1000, n_cohorts=1, converged=True)"
    )
    assert fit != SbgFit.fit(surviving=HIGH_END)


def test_json_round_trips_exactly() -> None:
    fit = SbgFit.fit(surviving=HIGH_END)
    text = fit.to_json()
    assert SbgFit.from_json(text) == fit
    assert SbgModel.from_json(text) == fit.model  # a model reads a fit file, keeping the parameters
    m = SbgModel(alpha=0.1 + 0.2, beta=1e-8)
    assert SbgModel.from_json(m.to_json()) == m
    assert m.to_json() == '{"model":"sbg","format_version":1,"alpha":0.30000000000000004,"beta":1e-8}'


def _error(excinfo: pytest.ExceptionInfo[ltv.LtvError]) -> tuple[str, object, object]:
    err = excinfo.value
    return err.kind, err.field, err.row  # type: ignore[attr-defined]


def test_error_kinds() -> None:
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgModel(alpha=0, beta=1)
    assert _error(e) == ("invalid_parameter", "alpha", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgModel(alpha=1, beta=math.nan)
    assert _error(e) == ("invalid_parameter", "beta", None)
    with pytest.raises(TypeError, match="alpha"):
        SbgModel(alpha=True, beta=1)
    with pytest.raises(TypeError):
        SbgModel(0.5, 1.0)  # type: ignore[misc]  # keyword-only

    m = SbgModel(alpha=0.5, beta=1.0)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.retention(0)
    assert _error(e) == ("invalid_period", "t", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.churn_probability([1, 2, 0])
    assert _error(e) == ("invalid_data", "t", 2)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.survival([1, -1])
    assert _error(e) == ("invalid_data", "t", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.survival(np.array([1.5]))
    assert _error(e) == ("invalid_data", "t", 0)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.survival(-3)
    assert _error(e) == ("invalid_data", "t", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.survival_curve(periods=-1)
    assert _error(e) == ("invalid_data", "periods", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.survival_curve(periods=10**9)
    assert _error(e) == ("invalid_data", "periods", None)
    with pytest.raises(TypeError, match="periods"):
        m.survival_curve(periods=2.0)  # type: ignore[arg-type]
    with pytest.raises(ltv.DivergenceError) as e:
        m.expected_lifetime()
    assert _error(e) == ("infinite_lifetime", "alpha", None)
    with pytest.raises(ltv.DivergenceError) as e:
        m.discounted_expected_lifetime(discount_rate=0)
    assert e.value.kind == "infinite_lifetime"  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError) as e:
        m.discounted_expected_residual_lifetime(discount_rate=-0.1, n=1)
    assert _error(e) == ("invalid_parameter", "discount_rate", None)
    with pytest.raises(ltv.InvalidInputError) as e:
        m.discounted_expected_residual_lifetime(discount_rate=0.1, n=0)
    assert _error(e) == ("invalid_period", "n", None)
    with pytest.raises(TypeError, match="n"):
        m.discounted_expected_residual_lifetime(discount_rate=0.1, n=1.5)  # type: ignore[arg-type]

    with pytest.raises(ltv.InvalidInputError) as e:
        SbgFit.fit(surviving=[100, 90, 95])
    assert _error(e) == ("increasing_surviving", "surviving", 2)
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgFit.fit(surviving=[100, 90.5])
    assert _error(e) == ("invalid_data", "surviving", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgFit.fit_cohorts(cohorts=[[10, 5], [10, -1]])
    assert _error(e) == ("invalid_data", "cohorts[1]", 1)
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgFit.fit_cohorts(cohorts=[])
    assert e.value.kind == "no_cohorts"  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgFit.fit(surviving=[100])
    assert e.value.kind == "cohort_too_short"  # type: ignore[attr-defined]
    with pytest.raises(ltv.UndefinedError) as e:
        SbgFit.fit(surviving=[100, 100, 100])
    assert e.value.kind == "no_finite_maximum"  # type: ignore[attr-defined]
    with pytest.raises(ltv.UndefinedError) as e:
        SbgFit.fit(surviving=[1000, 900, 810, 729])  # constant retention: no heterogeneity
    assert e.value.kind == "no_finite_maximum"  # type: ignore[attr-defined]

    with pytest.raises(ltv.InvalidInputError) as e:
        SbgModel.from_json('{"model":"bg","format_version":1,"alpha":1,"beta":1}')
    assert e.value.kind == "unknown_model"  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgFit.from_json(SbgModel(alpha=1, beta=1).to_json())
    assert e.value.kind == "missing_fit"  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgModel.from_json("{")
    assert e.value.kind == "json"  # type: ignore[attr-defined]


def _simulate(alpha: float, beta: float, customers: int, periods: int, seed: int) -> list[int]:
    """Survival counts of a simulated cohort: each customer's churn probability theta ~ Beta(alpha, beta), and a
    geometric lifetime given theta (the oracle: numpy's samplers, not the model's formulas)."""
    rng = np.random.default_rng(seed)
    theta = rng.beta(alpha, beta, size=customers)
    lifetime = rng.geometric(np.clip(theta, 1e-300, 1.0))  # periods paid, >= 1
    return [int((lifetime > t).sum()) for t in range(periods + 1)]


@settings(derandomize=True, max_examples=40)
@given(
    alpha=st.sampled_from([0.5, 1.0, 2.0, 4.0]),
    beta=st.sampled_from([1.0, 3.0, 8.0]),
    customers=st.integers(min_value=2_000, max_value=5_000),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_parameter_recovery(alpha: float, beta: float, customers: int, seed: int) -> None:
    surviving = _simulate(alpha, beta, customers, 12, seed)
    fit = SbgFit.fit(surviving=surviving)
    assert fit.converged
    assert fit.std_err_alpha is not None and fit.std_err_beta is not None
    z_alpha = (fit.alpha - alpha) / fit.std_err_alpha
    z_beta = (fit.beta - beta) / fit.std_err_beta
    assert abs(z_alpha) < 3.5 and abs(z_beta) < 3.5, (z_alpha, z_beta)
