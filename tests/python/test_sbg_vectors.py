"""The cross-language sBG vectors (tests/vectors/sbg/): model files written by Python and by Rust, read here
to the identical floats, written back byte for byte, refitted, and their predictions reproduced exactly.
crates/ltv-models/tests/sbg_vectors.rs runs the same cases from Rust."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ltv.retention import SbgFit, SbgModel

from conftest import REPO_ROOT

DIR = REPO_ROOT / "tests" / "vectors" / "sbg"
CASES: list[dict[str, Any]] = json.loads((DIR / "cases.json").read_text())["cases"]


def test_both_writers_are_covered() -> None:
    assert {c["writer"] for c in CASES} == {"python", "rust"}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    text = (DIR / case["file"]).read_text().rstrip("\n")
    model: SbgModel
    if case["kind"] == "fit":
        fit = SbgFit.from_json(text)
        assert fit.to_json() == text
        if case["cohorts"] is not None:
            assert SbgFit.fit_cohorts(cohorts=case["cohorts"]) == fit
            assert SbgFit.fit_cohorts(cohorts=case["cohorts"]).to_json() == text
        model = fit.model
    else:
        model = SbgModel.from_json(text)
        assert model.to_json() == text
    assert (model.alpha, model.beta) == (case["alpha"], case["beta"])
    t = case["t"]
    assert model.survival(t).tolist() == case["survival"]
    assert [model.survival(i) for i in t] == case["survival"]
    assert model.retention(t[1:]).tolist() == case["retention"]
    assert model.churn_probability(t[1:]).tolist() == case["churn_probability"]
    d = case["discount_rate"]
    assert model.discounted_expected_lifetime(discount_rate=d) == case["del"]
    derl = [model.discounted_expected_residual_lifetime(discount_rate=d, n=n) for n in case["derl_n"]]
    assert derl == case["derl"]


def test_files_are_one_line() -> None:
    for case in CASES:
        lines = (DIR / case["file"]).read_text().splitlines()
        assert len(lines) == 1 and lines[0].startswith('{"model":"sbg","format_version":1,')
