"""Hostile input (issue 10), the model slice: ltv.retention and ltv.scoring.

Every call either returns finite numbers or raises an ``ltv.LtvError`` subclass (naming ``.field``, and
``.value`` / ``.row`` where meaningful) or a ``TypeError`` naming the parameter; nothing allocates past the
documented caps, hangs, or aborts. A thread-based guard bounds each call so a regression cannot hang CI.
"""

from __future__ import annotations

import json
import math
import threading
from typing import Any, Callable, TypeVar

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ltv
from ltv.retention import (
    MAX_PARAMETER,
    MAX_PERIODS,
    MAX_SERIES_TERMS,
    MAX_TABLE_AGES,
    MIN_PARAMETER,
    SbgFit,
    SbgModel,
    cohort_ltv,
    cohort_ltv_frame,
)
from ltv.scoring import (
    MAX_COEFFICIENT,
    MAX_FEATURE_MAGNITUDE,
    MAX_SCORER_ITERATIONS,
    MIN_FEATURE_SCALE,
    LeadScorer,
    train_test_split,
)

T = TypeVar("T")

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


def bounded(seconds: float, f: Callable[[], T]) -> T:
    """Runs ``f`` in a daemon thread and fails the test if it takes longer than ``seconds`` (the GIL is
    released by the Rust side for long work, and the O(1) paths return at once)."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = f()
        except BaseException as err:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"call did not return within {seconds} s")
    if "error" in result:
        raise result["error"]
    return result["value"]  # type: ignore[no-any-return]


def typed(f: Callable[[], Any], seconds: float = 5.0) -> Any:
    """Calls ``f``; only ltv errors (with .field) and TypeErrors (naming a parameter) may escape."""
    try:
        return bounded(seconds, f)
    except ltv.LtvError as err:
        assert hasattr(err, "field") and hasattr(err, "kind") and hasattr(err, "row"), err
        return err
    except TypeError as err:
        assert ":" in str(err) or "argument" in str(err), err
        return err


# --- Resource exhaustion --------------------------------------------------------------------------------


def test_huge_t_is_closed_form_and_fast() -> None:
    m = SbgModel(alpha=0.7, beta=1.2)
    s = bounded(1.0, lambda: m.survival(2**31))
    assert 0.0 < s < 1e-5 and math.isfinite(s)
    assert math.isfinite(bounded(1.0, lambda: m.churn_probability(2**32 - 1)))
    # The recursion and the closed form agree where they meet.
    curve = m.survival_curve(periods=3000)
    assert abs(m.survival(3000) - curve[3000]) <= 1e-12 * curve[3000]


def test_horizons_and_curves_are_capped() -> None:
    m = SbgModel(alpha=0.7, beta=1.2)
    with pytest.raises(ltv.InvalidInputError) as e:
        bounded(2.0, lambda: cohort_ltv(
            surviving_customers=[100, 60], active_customers=[100, 60], revenue=[10.0, 6.0],
            gross_margin=0.8, discount_rate=0.01, model=m, horizon=2**32 - 1,
        ))
    assert e.value.field == "horizon" and float(e.value.value) == 2**32 - 1  # type: ignore[attr-defined]
    for horizon in (-1, 2**70):
        with pytest.raises(ltv.InvalidInputError) as e:
            cohort_ltv(surviving_customers=[100, 60], active_customers=[100, 60], revenue=[10.0, 6.0],
                       gross_margin=0.8, discount_rate=0.01, model=m, horizon=horizon)
        assert e.value.field == "horizon"  # type: ignore[attr-defined]
    for bad in (1.5, True, "36"):
        with pytest.raises(TypeError, match="horizon"):
            cohort_ltv(surviving_customers=[100, 60], active_customers=[100, 60], revenue=[10.0, 6.0],
                       gross_margin=0.8, discount_rate=0.01, model=m, horizon=bad)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match=f"at most MAX_PERIODS = {MAX_PERIODS}") as e:
        bounded(1.0, lambda: m.survival_curve(periods=MAX_PERIODS + 1))
    assert e.value.field == "periods"  # type: ignore[attr-defined]
    assert len(m.survival_curve(periods=1000)) == 1001
    assert MAX_TABLE_AGES >= MAX_PERIODS
    # The DEL series is capped too: a tiny discount rate is an error, within about a second.
    with pytest.raises(ltv.DivergenceError) as e:
        bounded(5.0, lambda: m.discounted_expected_lifetime(discount_rate=1e-9))
    assert e.value.field == "discount_rate" and float(e.value.value) == 1e-9  # type: ignore[attr-defined]
    assert MAX_SERIES_TERMS == 10_000_000


def test_tiny_alpha_does_not_trip_a_debug_assertion() -> None:
    m = SbgModel(alpha=MIN_PARAMETER, beta=1.0)
    for n in (1, 10**6, 2**32 - 1):
        assert math.isfinite(m.discounted_expected_residual_lifetime(discount_rate=0.1, n=n))


# --- Parameters and files that validate but compute garbage --------------------------------------------


@pytest.mark.parametrize(
    ("alpha", "beta", "field"),
    [(1.7976931348623157e308, 1.0, "alpha"), (1.0, 1e300, "beta"), (1e-17, 1.0, "alpha"), (1.0, 5e-324, "beta")],
)
def test_parameters_outside_the_domain(alpha: float, beta: float, field: str) -> None:
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgModel(alpha=alpha, beta=beta)
    assert e.value.field == field  # type: ignore[attr-defined]
    assert float(e.value.value) == (alpha if field == "alpha" else beta)  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError):
        SbgModel.from_json(json.dumps({"model": "sbg", "format_version": 1, "alpha": alpha, "beta": beta}))
    assert SbgModel(alpha=MIN_PARAMETER, beta=MAX_PARAMETER).beta == MAX_PARAMETER


def test_duplicate_keys_are_rejected() -> None:
    with pytest.raises(ltv.InvalidInputError, match="duplicate key `alpha`") as e:
        SbgModel.from_json('{"model":"sbg","format_version":1,"alpha":1,"alpha":2,"beta":1}')
    assert e.value.kind == "json"  # type: ignore[attr-defined]
    text = SbgFit.fit(surviving=REGULAR).to_json().replace('"converged":true', '"converged":true,"converged":false')
    with pytest.raises(ltv.InvalidInputError, match="duplicate key `converged`"):
        SbgFit.from_json(text)
    scorer = _scorer().to_json().replace('"intercept":', '"intercept":0.5,"intercept":', 1)
    with pytest.raises(ltv.InvalidInputError, match="duplicate key `intercept`"):
        LeadScorer.from_json(scorer)


def _scorer() -> LeadScorer:
    data = {"x": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], "converted": [0, 0, 1, 0, 1, 0, 1, 1]}
    return LeadScorer.fit(data, numeric=["x"])


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("coefficients", 0), 1e300, "coefficients"),
        (("intercept",), -1e200, "intercept"),
        (("features", 0, "scale"), 5e-324, "features.scale"),
        (("features", 0, "mean"), 1e200, "features.mean"),
    ],
)
def test_scorer_files_that_would_score_garbage(path: tuple[Any, ...], value: float, field: str) -> None:
    doc = json.loads(_scorer().to_json())
    cursor = doc
    for key in path[:-1]:
        cursor = cursor[key]
    cursor[path[-1]] = value
    with pytest.raises(ltv.InvalidInputError) as e:
        LeadScorer.from_json(json.dumps(doc))
    assert e.value.field == field and float(e.value.value) == value  # type: ignore[attr-defined]
    assert MAX_COEFFICIENT >= 1e100 and MIN_FEATURE_SCALE <= 1e-100


def test_huge_features_are_errors_not_dropped() -> None:
    data = {"x": [0.0, 1.0, 2.0, 1e153, 4.0, 5.0], "converted": [0, 0, 1, 0, 1, 1]}
    with pytest.raises(ltv.InvalidInputError) as e:
        LeadScorer.fit(data, numeric=["x"])
    assert (e.value.field, e.value.row) == ("x", 3)  # type: ignore[attr-defined]
    scorer = _scorer()
    with pytest.raises(ltv.InvalidInputError) as e:
        scorer.predict_proba({"x": [1.0, 2 * MAX_FEATURE_MAGNITUDE]})
    assert (e.value.field, e.value.row) == ("x", 1)  # type: ignore[attr-defined]


# --- Foreign exceptions ------------------------------------------------------------------------------


def test_wrong_kinds_of_columns_are_type_errors_naming_the_parameter() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"a": [100, 60], "b": [100, 60]})
    with pytest.raises(TypeError, match="surviving"):
        SbgFit.fit(surviving=frame)
    for bad in ([1000, True, 500], [1000.0, 1 + 2j], [[1000, 600], [500, 400]], "1000",
                np.array(["2024-01-01", "2024-02-01"], dtype="datetime64[D]"), np.array([True, False])):
        with pytest.raises(TypeError, match="surviving"):
            SbgFit.fit(surviving=bad)
    with pytest.raises(ltv.InvalidInputError) as e:
        SbgFit.fit(surviving=np.ma.masked_array([1000, 600, 400], mask=[0, 1, 0]))
    assert e.value.field == "surviving"  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="x"):
        LeadScorer.fit({"x": [1 + 1j, 2.0, 3.0, 4.0], "converted": [0, 1, 0, 1]}, numeric=["x"])
    with pytest.raises(TypeError, match="x"):
        LeadScorer.fit({"x": np.array(["2024-01-01"] * 4, dtype="datetime64[D]"), "converted": [0, 1, 0, 1]},
                       numeric=["x"])
    with pytest.raises(TypeError, match="model"):
        cohort_ltv(surviving_customers=[100, 60], active_customers=[100, 60], revenue=[10.0, 6.0],
                   gross_margin=0.8, model=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="params"):
        SbgModel.from_params(params=[True, 1.0])
    for bad_number in (1 + 0j, np.complex128(0.5), np.bool_(True)):
        with pytest.raises(TypeError, match="alpha"):
            SbgModel(alpha=bad_number, beta=1.0)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="gross_margin"):
            cohort_ltv(surviving_customers=[100, 60], active_customers=[100, 60], revenue=[10.0, 6.0],
                       gross_margin=bad_number, model=SbgModel(alpha=0.7, beta=1.2))  # type: ignore[arg-type]


def test_counts_and_options_out_of_range_are_ltv_errors() -> None:
    data = {"x": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], "converted": [0, 0, 1, 0, 1, 0, 1, 1]}
    with pytest.raises(ltv.InvalidInputError) as e:
        LeadScorer.fit(data, numeric=["x"], max_iter=2**40)
    assert e.value.field == "max_iter"  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError) as e:
        LeadScorer.fit(data, numeric=["x"], max_iter=MAX_SCORER_ITERATIONS + 1)
    assert e.value.field == "max_iter"  # type: ignore[attr-defined]
    fit = bounded(10.0, lambda: LeadScorer.fit(data, numeric=["x"], max_iter=MAX_SCORER_ITERATIONS, tol=1e-300))
    assert fit.training["iterations"] <= MAX_SCORER_ITERATIONS
    with pytest.raises(TypeError, match="c"):
        LeadScorer.fit(data, numeric=["x"], c="1.0")  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError) as e:
        _scorer().evaluate(data, bins=-1)
    assert e.value.field == "bins"  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError) as e:
        train_test_split(data, seed=2**64)
    assert e.value.field == "seed"  # type: ignore[attr-defined]
    with pytest.raises(ltv.InvalidInputError) as e:
        LeadScorer.fit({"x": [1.0, 2.0], "converted": [0, 1, 1]}, numeric=["x"])
    assert e.value.field == "data"  # type: ignore[attr-defined]
    # A lone surrogate in a model file: an ltv error, not a UnicodeEncodeError.
    with pytest.raises(ltv.InvalidInputError):
        SbgModel.from_json('{"model":"sbg\udc80"}')
    with pytest.raises(TypeError, match="text"):
        SbgModel.from_json(b"{}")  # type: ignore[arg-type]


def test_cohort_frame_rejects_date_columns() -> None:
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame({
        "cohort": ["a", "a"], "age": pd.to_datetime(["2024-01-01", "2024-02-01"]),
        "surviving_customers": [100, 60], "active_customers": [100, 60], "revenue": [10.0, 6.0],
    })
    with pytest.raises(TypeError, match="age"):
        cohort_ltv_frame(table, gross_margin=0.8, model=SbgModel(alpha=0.7, beta=1.2))


# --- Hypothesis: hostile parameters, periods and files ------------------------------------------------

_HOSTILE_FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 5e-324, 1e-308, 1e-17, 1e-8, 1e8, 1e17, 1.7976931348623157e308, math.nan]),
    st.floats(min_value=MIN_PARAMETER, max_value=MAX_PARAMETER),
)
_HOSTILE_T = st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.integers(0, 2**32 - 1))
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _finite_or_typed(value: Any) -> None:
    if isinstance(value, BaseException):
        return
    assert math.isfinite(value), value


@_SETTINGS
@given(alpha=_HOSTILE_FLOATS, beta=_HOSTILE_FLOATS, t=_HOSTILE_T, d=_HOSTILE_FLOATS)
def test_hostile_sbg_calls(alpha: float, beta: float, t: int, d: float) -> None:
    m = typed(lambda: SbgModel(alpha=alpha, beta=beta))
    if isinstance(m, BaseException):
        return
    for call in (
        lambda: m.survival(t),
        lambda: m.retention(t),
        lambda: m.churn_probability(t),
        lambda: m.expected_lifetime(),
        lambda: m.discounted_expected_lifetime(discount_rate=d),
        lambda: m.discounted_expected_residual_lifetime(discount_rate=d, n=t),
    ):
        _finite_or_typed(typed(call, seconds=2.0))
    curve = typed(lambda: m.survival_curve(periods=t), seconds=2.0)
    if not isinstance(curve, BaseException):
        assert len(curve) == t + 1 and np.isfinite(curve).all()


@_SETTINGS
@given(data=st.data())
def test_corrupted_model_files(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(["sbg_fit", "scorer"]))
    text = SbgFit.fit(surviving=REGULAR).to_json() if kind == "sbg_fit" else _scorer().to_json()
    edit = data.draw(st.sampled_from(["byte", "duplicate", "number"]))
    if edit == "byte":
        i = data.draw(st.integers(0, len(text) - 1))
        text = text[:i] + data.draw(st.characters()) + text[i + 1:]
    elif edit == "duplicate":
        key = data.draw(st.sampled_from(['"alpha":', '"intercept":', '"fit":', '"model":', '"beta":']))
        text = text.replace(key, key + "1," + key, 1)
    else:
        number = data.draw(st.sampled_from(["1e308", "-1e308", "5e-324", "1e400", "-0", "1e-17", "NaN"]))
        import re

        matches = list(re.finditer(r"-?\d+(\.\d+)?(e-?\d+)?", text))
        match = matches[data.draw(st.integers(0, len(matches) - 1))]
        text = text[: match.start()] + number + text[match.end():]
    reader = SbgFit.from_json if kind == "sbg_fit" else LeadScorer.from_json
    result = typed(lambda: reader(text))  # type: ignore[operator]
    if isinstance(result, SbgFit):
        assert math.isfinite(result.model.survival(10)) and math.isfinite(result.model.survival(2**31))
    elif isinstance(result, LeadScorer):
        p = result.predict_proba({name: [0.0, 1.0] for name in result.numeric})
        assert np.isfinite(np.asarray(p)).all()
