"""Hostile input (issue 10) for the purchase models of issue 11 (``ltv.purchase``): the same contract as
``test_hostile_inputs.py`` (finite results, or an ``ltv.LtvError`` naming a public field, or a ``TypeError``
naming the parameter; every call bounded in time) for every constructor, fit, prediction, the customer value
and the RFM summaries, with Hypothesis drawing the hostile values.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Tuple

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_hostile_inputs import CELLS, COLUMNS, EXAMPLES, SCALARS, bounded, judge

import ltv
from ltv.purchase import (
    BgBbFit,
    BgBbModel,
    BgNbdFit,
    BgNbdModel,
    GammaGammaFit,
    GammaGammaModel,
    MbgNbdFit,
    MbgNbdModel,
    ParetoNbdFit,
    ParetoNbdModel,
    calibration_holdout,
    customer_value,
    rfm_summary,
)

hostile = st.sampled_from(SCALARS + COLUMNS)

HISTORY = dict(frequency=[0, 2, 5, 1], recency=[0.0, 10.0, 30.0, 3.0], age=[38.0, 38.0, 38.0, 20.0])
DISCRETE = dict(frequency=[0, 2, 5, 1], recency=[0, 4, 6, 3], periods=[6, 6, 6, 6])
SPEND = dict(frequency=[1, 2, 5, 3], monetary_value=[20.0, 35.0, 50.0, 12.0])

CONTINUOUS = {
    "BgNbd": (BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426), BgNbdFit, dict(r=0.243, alpha=4.414, a=0.793, b=2.426)),
    "MbgNbd": (MbgNbdModel(r=0.5, alpha=5.0, a=0.8, b=2.5), MbgNbdFit, dict(r=0.5, alpha=5.0, a=0.8, b=2.5)),
    "ParetoNbd": (ParetoNbdModel(r=0.553, alpha=10.578, s=0.606, beta=11.669), ParetoNbdFit,
                  dict(r=0.553, alpha=10.578, s=0.606, beta=11.669)),
}
CONTINUOUS_METHODS: Dict[str, Dict[str, Any]] = {
    "customer_log_likelihood": {},
    "probability_alive": {},
    "conditional_expected_purchases": {"t": 39.0},
    "probability_of_no_purchase": {"t": 10.0},
    "probability_alive_at": {"t": 10.0},
    "conditional_probability_of_purchases": {"n": 2, "t": 39.0},
}


def spoil(draw: Any, base: Dict[str, Any]) -> Tuple[Dict[str, Any], List[str]]:
    chosen = draw(st.lists(st.sampled_from(sorted(base)), min_size=1, max_size=2, unique=True))
    kwargs = dict(base)
    for name in chosen:
        kwargs[name] = draw(hostile)
    return kwargs, chosen


def call(fn: Callable[..., Any], kwargs: Dict[str, Any], spoiled: List[str], public: List[str]) -> None:
    judge(bounded(lambda: fn(**kwargs)), spoiled, public)


@pytest.mark.parametrize("name", sorted(CONTINUOUS))
@EXAMPLES
@given(data=st.data())
def test_continuous_models_hold_against_hostile_parameters_and_histories(name: str, data: Any) -> None:
    model, fit_cls, params = CONTINUOUS[name]
    cls = type(model)
    kwargs, spoiled = spoil(data.draw, params)
    call(cls, kwargs, spoiled, sorted(params))
    method = data.draw(st.sampled_from(sorted(CONTINUOUS_METHODS)))
    base = {**HISTORY, **CONTINUOUS_METHODS[method]}
    if method not in getattr(model, "__class__").__dict__ and not hasattr(model, method):
        pytest.fail(f"{name} lacks {method}")
    if not hasattr(model, method):
        return
    kwargs, spoiled = spoil(data.draw, base)
    call(getattr(model, method), kwargs, spoiled, sorted(base) + [method])
    t = data.draw(hostile)
    call(model.expected_purchases, {"t": t}, ["t"], ["t", "expected_purchases"])
    kwargs, spoiled = spoil(data.draw, {**HISTORY, "weight": [1.0, 2.0, 1.0, 1.0], "penalty": 0.0, "max_iterations": 50})
    call(fit_cls.fit, kwargs, spoiled, sorted(HISTORY) + ["weight", "penalty", "max_iterations", "start"])


@EXAMPLES
@given(data=st.data())
def test_bg_bb_holds_against_hostile_parameters_and_histories(data: Any) -> None:
    params = dict(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    kwargs, spoiled = spoil(data.draw, params)
    call(BgBbModel, kwargs, spoiled, sorted(params))
    model = BgBbModel(**params)
    for method, extra in [("probability_alive", {}), ("conditional_expected_transactions", {"t": 5}),
                          ("customer_log_likelihood", {})]:
        base = {**DISCRETE, **extra}
        kwargs, spoiled = spoil(data.draw, base)
        call(getattr(model, method), kwargs, spoiled, sorted(base) + [method])
    call(model.expected_transactions, {"t": data.draw(hostile)}, ["t"], ["t", "expected_transactions"])
    kwargs, spoiled = spoil(data.draw, {**DISCRETE, "weight": [100.0, 20.0, 5.0, 40.0]})
    call(BgBbFit.fit, kwargs, spoiled, sorted(DISCRETE) + ["weight", "penalty", "max_iterations", "start"])


@EXAMPLES
@given(data=st.data())
def test_gamma_gamma_and_customer_value_hold_against_hostile_inputs(data: Any) -> None:
    params = dict(p=6.25, q=3.74, gamma=15.44)
    kwargs, spoiled = spoil(data.draw, params)
    call(GammaGammaModel, kwargs, spoiled, sorted(params))
    spend = GammaGammaModel(**params)
    kwargs, spoiled = spoil(data.draw, SPEND)
    call(spend.conditional_expected_spend, kwargs, spoiled, sorted(SPEND) + ["conditional_expected_spend"])
    kwargs, spoiled = spoil(data.draw, SPEND)
    call(GammaGammaFit.fit, kwargs, spoiled, sorted(SPEND) + ["weight", "penalty", "max_iterations", "start"])
    base = {**HISTORY, "spend": 30.0, "horizon_months": 12, "discount_rate": 0.01, "margin": 1.0,
            "time_unit": "week", "rate_period": "monthly", "convention": "calendar"}
    kwargs, spoiled = spoil(data.draw, base)
    model = CONTINUOUS["BgNbd"][0]
    call(lambda **k: customer_value(model, **k), kwargs, spoiled, sorted(base) + ["customer_value"])


LOG = {"customer_id": [1, 1, 2, 3, 3, 3], "date": ["2015-02-01", "2015-02-06", "2015-01-01", "2015-01-01", "2015-01-02",
                                                   "2015-01-05"], "value": [10.0, 12.0, 5.0, 3.0, 4.0, 6.0]}
RFM_OPTIONS: Dict[str, List[Any]] = {
    "unit": ["day", "week", "month", "hour", "days", 1.5, None, "\ud800"],
    "unit_multiple": [1, 2, 0, -1, 10**30, 1.5, "2", None],
    "recency": ["since_first", "since_last", "x", None, 3],
    "observation_end": ["2015-02-07", "2014-01-01", "not a date", 1.5, None, "\ud800", np.datetime64("2015-03-01")],
}


@EXAMPLES
@given(data=st.data(), backend=st.sampled_from(["pandas", "polars"]))
def test_rfm_summaries_hold_against_hostile_cells_and_options(data: Any, backend: str) -> None:
    import polars as pl

    columns = {k: list(v) for k, v in LOG.items()}
    column = data.draw(st.sampled_from(sorted(columns)))
    row = data.draw(st.integers(0, len(columns[column]) - 1))
    columns[column][row] = data.draw(st.sampled_from(CELLS))
    kwargs: Dict[str, Any] = {"value": "value"}
    for option, values in RFM_OPTIONS.items():
        if data.draw(st.booleans()):
            kwargs[option] = data.draw(st.sampled_from(values))
    try:
        frame: Any = pd.DataFrame(columns) if backend == "pandas" else pl.DataFrame(columns, strict=False)
    except BaseException as e:  # noqa: BLE001 - the frame library refused the cell itself (polars may panic)
        if isinstance(e, KeyboardInterrupt):
            raise
        return
    public = sorted(LOG) + sorted(RFM_OPTIONS) + ["customer", "time", "transactions", "calibration_end"]
    judge(bounded(lambda: rfm_summary(frame, **kwargs)), [column, *kwargs], public)
    judge(bounded(lambda: calibration_holdout(frame, calibration_end="2015-01-31", **kwargs)), [column, *kwargs], public)


@EXAMPLES
@given(text=st.sampled_from(["", "{}", "[]", "null", '{"model":"bg_nbd"}', '{"model":"bg_nbd","format_version":1}',
                             '{"model":"bg_nbd","format_version":1,"r":1,"alpha":1,"a":1,"b":1,"r":2}', "\ud800",
                             '{"model":"bg_nbd","format_version":1,"r":1e308,"alpha":1,"a":1,"b":1}', "x" * 10_000]),
       which=st.sampled_from([BgNbdModel, BgNbdFit, MbgNbdModel, ParetoNbdModel, BgBbModel, GammaGammaModel,
                              GammaGammaFit, ParetoNbdFit, BgBbFit, MbgNbdFit]))
def test_model_files_hold_against_hostile_text(text: str, which: Any) -> None:
    judge(bounded(lambda: which.from_json(text)), ["text"], ["text", "json", "model", "format_version", "r", "alpha",
                                                               "a", "b", "s", "beta", "gamma", "delta", "p", "q", "fit"])


# ---------------------------------------------------------------------------------------------------------
# One regression test per class found (the Hypothesis tests above find them; these pin each one).

FIT = dict(frequency=[0, 2, 5, 1], recency=[0.0, 10.0, 30.0, 3.0], age=[38.0, 38.0, 38.0, 20.0])


@pytest.mark.parametrize("value", [None, -1, 10**30, 1.5, "2", True])
def test_fit_options_are_named_in_every_error(value: Any) -> None:
    # pyo3's own extraction: "'NoneType' object cannot be interpreted as an integer", OverflowError.
    for fit, data in [(BgNbdFit, FIT), (ParetoNbdFit, FIT), (BgBbFit, DISCRETE)]:
        with pytest.raises((TypeError, ltv.LtvError), match="max_iterations"):
            fit.fit(**data, max_iterations=value)
        if value is None or isinstance(value, (str, bool)):
            with pytest.raises(TypeError, match="penalty"):
                fit.fit(**data, penalty=value)
    with pytest.raises(TypeError, match="penalty"):
        GammaGammaFit.fit(**SPEND, penalty=None)


def test_fit_defaults_are_unchanged() -> None:
    import inspect

    sig = inspect.signature(BgNbdFit.fit)
    assert sig.parameters["penalty"].default == 0.0 and sig.parameters["max_iterations"].default == 200
    assert inspect.signature(GammaGammaFit.fit).parameters["penalty"].default == 0.0


@pytest.mark.parametrize("option", ["time_unit", "rate_period", "convention"])
@pytest.mark.parametrize("value", [1.5, None, "\ud800"])
def test_customer_value_options_are_named(option: str, value: Any) -> None:
    model = CONTINUOUS["BgNbd"][0]
    kind = ltv.LtvError if isinstance(value, str) else TypeError
    with pytest.raises(kind, match=option):
        customer_value(model, **HISTORY, spend=30.0, **{option: value})


@pytest.mark.parametrize("value", [-1, 2**40, 1.5, None, np.array([12])])
def test_customer_value_horizon_is_named(value: Any) -> None:
    with pytest.raises((TypeError, ltv.LtvError), match="horizon_months"):
        customer_value(CONTINUOUS["BgNbd"][0], **HISTORY, spend=30.0, horizon_months=value)


@pytest.mark.parametrize("field", ["margin", "spend"])
def test_customer_value_that_overflows_is_an_error_not_inf(field: str) -> None:
    kwargs: Dict[str, Any] = {"spend": 30.0, field: 1e308}
    with pytest.raises(ltv.LtvError, match=field) as info:
        customer_value(CONTINUOUS["BgNbd"][0], **HISTORY, **kwargs)
    assert "1e308" in str(info.value) and len(str(info.value)) < 300


@pytest.mark.parametrize("cls, params, field", [
    (BgNbdModel, dict(r=0.243, alpha=4.414, a=1e308, b=2.426), "a"),
    (GammaGammaModel, dict(p=6.25, q=3.74, gamma=1e308), "gamma"),
    (BgBbModel, dict(alpha=1.204, beta=0.750, gamma=0.657, delta=5e-324), "delta"),
])
def test_messages_show_extreme_numbers_bounded(cls: Any, params: Dict[str, Any], field: str) -> None:
    with pytest.raises(ltv.LtvError, match=field) as info:
        cls(**params)
    text = str(info.value)
    assert len(text) < 200 and ("1e308" in text or "5e-324" in text), text


def test_history_messages_show_extreme_numbers_bounded() -> None:
    model = CONTINUOUS["BgNbd"][0]
    with pytest.raises(ltv.LtvError, match="recency") as info:
        model.probability_alive(frequency=1, recency=10.0, age=5e-324)
    assert "5e-324" in str(info.value) and len(str(info.value)) < 200
    with pytest.raises(ltv.LtvError, match="recency") as info:
        BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783).probability_alive(
            frequency=0, recency=1e308, periods=6)
    assert "1e308" in str(info.value) and len(str(info.value)) < 200


@pytest.mark.parametrize("column", [[[1.0, 2.0], [3.0]], [[1.0], [2.0]], "12x", {"a": 1.0}])
def test_nested_and_wrong_kind_columns_are_type_errors(column: Any) -> None:
    model = CONTINUOUS["BgNbd"][0]
    with pytest.raises((TypeError, ltv.LtvError), match="frequency"):
        model.probability_alive(frequency=column, recency=0.0, age=38.0)
    bb = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    with pytest.raises((TypeError, ltv.LtvError), match="frequency"):
        bb.probability_alive(frequency=column, recency=0, periods=6)
    with pytest.raises((TypeError, ltv.LtvError), match="frequency"):
        GammaGammaModel(p=6.25, q=3.74, gamma=15.44).conditional_expected_spend(frequency=column, monetary_value=20.0)


@pytest.mark.parametrize("option, value, kind", [
    ("unit", 1.5, TypeError), ("unit", "\ud800", ltv.LtvError), ("recency", None, TypeError),
    ("unit_multiple", 10**30, ltv.LtvError), ("unit_multiple", -1, ltv.LtvError), ("unit_multiple", "2", TypeError),
    ("fractional", "yes", TypeError),
])
def test_rfm_options_are_named(option: str, value: Any, kind: Any) -> None:
    frame = pd.DataFrame(LOG)
    with pytest.raises(kind, match=option):
        rfm_summary(frame, **{option: value})
    with pytest.raises(kind, match=option):
        calibration_holdout(frame, calibration_end="2015-01-31", **{option: value})


@pytest.mark.parametrize("backend", ["pandas", "polars"])
@pytest.mark.parametrize("cell", [5, 1.5, True])
def test_numbers_in_a_date_column_are_not_read_as_epochs(backend: str, cell: Any) -> None:
    import polars as pl

    columns = {k: list(v) for k, v in LOG.items()}
    columns["date"][2] = cell
    if backend == "pandas":
        frame: Any = pd.DataFrame(columns)
    else:  # an Object column keeps the number a number (strict=False would make it the string "5")
        frame = pl.DataFrame({**columns, "date": pl.Series("date", columns["date"], dtype=pl.Object)})
    with pytest.raises(ltv.LtvError, match="time") as info:
        rfm_summary(frame)
    assert info.value.row == 2


@pytest.mark.parametrize("seed, kind", [(None, TypeError), (1.5, TypeError), (True, TypeError), ("1", TypeError),
                                        (-1, ltv.LtvError), (2**64, ltv.LtvError), (10**400, ltv.LtvError)])
def test_simulate_seed_is_named(seed: Any, kind: Any) -> None:
    # pyo3's u64 extraction: OverflowError for -1, a TypeError naming no parameter for None.
    with pytest.raises(kind, match="seed"):
        BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426).simulate(age=[30.0], seed=seed)


def test_simulate_signature_is_unchanged() -> None:
    import inspect

    assert str(inspect.signature(BgNbdModel.simulate)) == "(self, /, *, age, seed=0)"
    assert len(BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426).simulate(age=[30.0] * 3, seed=2**64 - 1)["age"]) == 3
