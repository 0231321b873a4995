"""ltv.purchase: the Gamma-Gamma simulator from Python (Fader, Hardie & Lee 2005; note 025): seeded, faithful
(a refit recovers the parameters it was drawn from), frequency 0 gives 0, errors name the field and row."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
from ltv.purchase import GammaGammaFit, GammaGammaModel


def test_simulate_is_seeded_and_refits_to_note_025() -> None:
    m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    frequency = np.arange(20000) % 7 + 1.0
    data = m.simulate(frequency=frequency, seed=11)
    assert sorted(data) == ["frequency", "monetary_value"]
    assert np.array_equal(data["frequency"], frequency)
    assert data["monetary_value"].dtype == np.float64 and np.all(data["monetary_value"] > 0)
    again = m.simulate(frequency=list(frequency), seed=11)
    assert np.array_equal(again["monetary_value"], data["monetary_value"])
    assert not np.array_equal(m.simulate(frequency=frequency, seed=12)["monetary_value"], data["monetary_value"])
    fit = GammaGammaFit.fit(**data)
    for name, want in m.params.items():
        assert abs(fit.params[name] - want) < 5 * fit.std_err[name], (name, fit.params, fit.std_err)


def test_simulate_zero_frequency_and_errors() -> None:
    m = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
    out = m.simulate(frequency=[0, 3, 0], seed=1)["monetary_value"]
    assert out[0] == 0.0 and out[2] == 0.0 and out[1] > 0
    for bad in (-1, 1.5, float("nan"), 2e7):
        with pytest.raises(ltv.InvalidInputError) as e:
            m.simulate(frequency=[1, bad])
        assert (e.value.field, e.value.row) == ("frequency", 1), bad
    with pytest.raises(ltv.InvalidInputError) as e:
        m.simulate(frequency=[1], seed=-1)
    assert e.value.field == "seed"
    with pytest.raises(TypeError):
        m.simulate(frequency=[1], seed=1.5)
    with pytest.raises(TypeError):
        m.simulate()  # type: ignore[call-arg]


@settings(max_examples=25, deadline=None)
@given(p=st.floats(0.05, 50), q=st.floats(0.05, 50), gamma=st.floats(0.05, 500), seed=st.integers(0, 2**64 - 1))
def test_simulated_spend_is_finite_and_positive(p: float, q: float, gamma: float, seed: int) -> None:
    out = GammaGammaModel(p=p, q=q, gamma=gamma).simulate(frequency=[1, 2, 10, 100], seed=seed)["monetary_value"]
    assert np.all(np.isfinite(out)) and np.all(out > 0)


def test_simulate_docstring_example_runs() -> None:
    """GammaGammaModel is not in the top-level ``ltv`` namespace, so test_docs does not collect its methods'
    docstrings: run the example of ``simulate`` here."""
    tests = doctest.DocTestFinder().find(GammaGammaModel.simulate, "GammaGammaModel.simulate", module=False, globs={})
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 3 and result.failed == 0


_X = np.array([1.0, 2.0, 3.0, 1.0, 4.0, 2.0])
_M = np.array([10.0, 25.0, 12.0, 40.0, 18.0, 30.0])


@pytest.mark.parametrize(
    "start,field",
    [
        ([float("nan"), 3.0, 10.0], "start.p"),
        ([5.0, float("inf"), 10.0], "start.q"),
        ([5.0, 3.0, -1.0], "start.gamma"),
        ([5.0, 3.0, 1e300], "start.gamma"),
        ([0.0, 3.0, 10.0], "start.p"),
    ],
)
def test_fit_start_out_of_range_is_an_error_naming_it(start: list, field: str) -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        GammaGammaFit.fit(frequency=_X, monetary_value=_M, start=start)
    assert info.value.field == field


@pytest.mark.parametrize("start", ["abc", [5.0, 3.0], [5.0, 3.0, 10.0, 1.0], [1j, 2.0, 3.0], {"p": 1.0}, 7.0])
def test_fit_start_of_the_wrong_kind_is_a_type_error_naming_it(start: object) -> None:
    with pytest.raises(TypeError, match="^start: expected three numbers"):
        GammaGammaFit.fit(frequency=_X, monetary_value=_M, start=start)  # type: ignore[arg-type]


@pytest.mark.parametrize("flag", [1, 0.0, "yes", [True], float("nan")])
def test_q_at_least_one_must_be_a_bool(flag: object) -> None:
    with pytest.raises(TypeError, match="^q_at_least_one: expected True or False"):
        GammaGammaFit.fit(frequency=_X, monetary_value=_M, q_at_least_one=flag)  # type: ignore[arg-type]


def test_q_at_least_one_refuses_a_start_below_one() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        GammaGammaFit.fit(frequency=_X, monetary_value=_M, start=[5.0, 0.5, 10.0], q_at_least_one=True)
    assert info.value.field == "start.q"
