"""Every ltv_models::ModelError kind raised from Python: the exact exception class (bindings/ltv-py/src/errors.rs
maps each variant explicitly), and ``.kind``, ``.field``, ``.value`` and ``.row`` filled from the variant."""

from __future__ import annotations

from typing import Any, Callable, Optional, Type

import pandas as pd
import pytest

import ltv
from ltv.retention import SbgFit, SbgModel, cohort_ltv, cohort_ltv_frame

M = SbgModel(alpha=0.5, beta=1.0)
OK = dict(surviving_customers=[100, 60, 45], active_customers=[100, 60, 45], revenue=[10.0, 6.0, 4.5])

# kind: (call, exception class, field, value, row)
CASES: dict[str, tuple[Callable[[], Any], Type[ltv.LtvError], Optional[str], Optional[str], Optional[int]]] = {
    "invalid_parameter": (lambda: SbgModel(alpha=-1.5, beta=1), ltv.InvalidInputError, "alpha", "-1.5", None),
    "invalid_period": (lambda: M.retention(0), ltv.InvalidInputError, "t", "0", None),
    "infinite_lifetime": (lambda: M.expected_lifetime(), ltv.DivergenceError, "alpha", "0.5", None),
    "series_not_converged": (
        lambda: M.discounted_expected_lifetime(discount_rate=1e-9),
        ltv.DivergenceError,
        "discount_rate",
        "0.000000001",
        None,
    ),
    "no_cohorts": (lambda: SbgFit.fit_cohorts(cohorts=[]), ltv.InvalidInputError, "surviving", None, None),
    "cohort_too_short": (lambda: SbgFit.fit(surviving=[100]), ltv.InvalidInputError, "surviving", "1", None),
    "empty_cohort": (lambda: SbgFit.fit(surviving=[0, 0]), ltv.InvalidInputError, "surviving", "0", None),
    "increasing_surviving": (
        lambda: SbgFit.fit(surviving=[100, 90, 95]),
        ltv.InvalidInputError,
        "surviving",
        "95",
        2,
    ),
    "customer_count_overflow": (
        lambda: SbgFit.fit_cohorts(cohorts=[[2**53, 1, 0]] * 2049),
        ltv.LtvOverflowError,
        "surviving",
        None,
        None,
    ),
    "too_few_periods": (
        lambda: SbgFit.fit_cohorts(cohorts=[[100, 60], [50, 20]]),
        ltv.InvalidInputError,
        "surviving",
        None,
        None,
    ),
    "no_finite_maximum": (lambda: SbgFit.fit(surviving=[100, 100, 100]), ltv.UndefinedError, None, None, None),
    "unknown_model": (
        lambda: SbgModel.from_json('{"model": "bg_nbd", "format_version": 1}'),
        ltv.InvalidInputError,
        "model",
        "bg_nbd",
        None,
    ),
    "unsupported_format_version": (
        lambda: SbgModel.from_json('{"model": "sbg", "format_version": 2}'),
        ltv.InvalidInputError,
        "format_version",
        "2",
        None,
    ),
    "missing_fit": (lambda: SbgFit.from_json(M.to_json()), ltv.InvalidInputError, "fit", None, None),
    "json": (lambda: SbgModel.from_json("not json"), ltv.InvalidInputError, None, None, None),
    "invalid_data": (lambda: SbgFit.fit(surviving=[100, 90.5]), ltv.InvalidInputError, "surviving", None, 1),
    "length_mismatch": (
        lambda: cohort_ltv(surviving_customers=[100, 60], active_customers=[100], revenue=[1.0, 1.0], gross_margin=0.8),
        ltv.InvalidInputError,
        "active_customers",
        "1",
        None,
    ),
    "divergent_value": (
        lambda: cohort_ltv(**OK, gross_margin=0.8, discount_rate=0.01, growth=0.02, model=SbgModel(alpha=2.0, beta=3.0)),
        ltv.DivergenceError,
        "discount_rate",
        "0.01",
        None,
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_model_error_kind_has_its_class_field_value_and_row(kind: str) -> None:
    call, cls, field, value, row = CASES[kind]
    with pytest.raises(ltv.LtvError) as e:
        call()
    assert type(e.value) is cls, f"{kind}: {type(e.value).__name__}"
    err: Any = e.value
    assert (err.kind, err.field, err.value, err.row) == (kind, field, value, row)
    assert err.label is None


def test_every_kind_is_covered() -> None:
    kinds = {
        "invalid_parameter", "invalid_period", "infinite_lifetime", "series_not_converged", "no_cohorts",
        "cohort_too_short", "empty_cohort", "increasing_surviving", "customer_count_overflow", "too_few_periods",
        "no_finite_maximum", "unknown_model", "unsupported_format_version", "missing_fit", "json", "invalid_data",
        "length_mismatch", "divergent_value",
    }  # fmt: skip
    assert set(CASES) == kinds


def test_an_error_in_one_cohort_of_a_table_keeps_its_class_and_names_the_cohort_and_table_row() -> None:
    table = pd.DataFrame(
        {
            "cohort": ["b", "a", "a", "b"],
            "age": [0, 1, 0, 1],
            "surviving_customers": [50, 60, 100, 30],
            "active_customers": [50, 60, 100, 30],
            "revenue": [5.0, 6.0, 10.0, -3.0],
        }
    )
    with pytest.raises(ltv.InvalidInputError) as e:
        cohort_ltv_frame(table, gross_margin=0.8, model=SbgModel(alpha=1.0, beta=2.0), errors="raise")
    err: Any = e.value
    assert (err.kind, err.field, err.value, err.row) == ("invalid_data", "revenue", None, 3)
    assert str(err).startswith("cohort 'b' (table row 3): invalid revenue at row 1")
    with pytest.raises(ltv.DivergenceError) as d:
        cohort_ltv_frame(table.assign(revenue=5.0), gross_margin=0.8, growth=0.5, model=SbgModel(alpha=2.0, beta=3.0),
                         errors="raise")
    assert (d.value.kind, d.value.field, d.value.value) == ("divergent_value", "discount_rate", "0.0079741404289037")  # type: ignore[attr-defined]
