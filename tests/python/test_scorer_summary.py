"""LeadScorer.covariance, .std_err and .summary(): the covariance against an independent numpy computation of
(X' diag(w p (1 - p)) X + P / C)^-1 from the fitted coefficients, the closed-form standard error of a 2 x 2
table's log odds ratio, symmetry and positive definiteness (Hypothesis), the model file (version 2 keeps it,
version 1 still loads), the p-values against math.erfc, and the hostile cases (separable classes, collinear
one-hot columns with no penalty)."""

from __future__ import annotations

import json
import math
import pathlib
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
from ltv.scoring import LeadScorer

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "scorer"
Z_95 = 1.959963984540054


def leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "visits": [0.0, 1.0, 0.0, 2.0, 3.0, 1.0, 4.0, 5.0, 2.0, 0.0, 3.0, 1.0, 6.0, 2.0],
            "opens": [1.0, 0.0, 3.0, 2.0, 5.0, 1.0, 0.0, 7.0, 2.0, 4.0, 1.0, 3.0, 2.0, 0.5],
            "size": ["smb", "smb", "mid", "ent", "mid", "smb", "ent", "mid", "ent", "smb", "smb", "mid", "ent", "mid"],
            "converted": [0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0],
            "w": [1.0, 2.0, 0.5, 1.0, 1.5, 1.0, 3.0, 1.0, 0.25, 1.0, 2.0, 1.0, 1.0, 0.75],
        }
    )


def design(scorer: LeadScorer, df: pd.DataFrame) -> np.ndarray:
    """(1, z_1, ..., z_p) per row, from the scorer's standardization and categories."""
    columns: List[np.ndarray] = [np.ones(len(df))]
    for name in scorer.numeric:
        mean, scale = scorer.standardization[name]
        columns.append((df[name].to_numpy(dtype=float) - mean) / scale)
    for name, categories in scorer.categorical.items():
        columns.extend((df[name].to_numpy() == c).astype(float) for c in categories)
    return np.column_stack(columns)


def numpy_covariance(scorer: LeadScorer, df: pd.DataFrame, w: np.ndarray) -> np.ndarray:
    x = design(scorer, df)
    theta = np.concatenate([[scorer.intercept], scorer.coef])
    p = 1 / (1 + np.exp(-(x @ theta)))
    info = x.T @ (x * (w * p * (1 - p))[:, None])
    info += np.diag([0.0] + [1.0 / scorer.c] * len(scorer.coef))
    return np.linalg.inv(info)


@pytest.mark.parametrize(("c", "standardize", "weighted"), [(0.7, True, True), (3.0, False, True), (1.0, True, False)])
def test_covariance_is_the_numpy_inverse_information(c: float, standardize: bool, weighted: bool) -> None:
    df = leads()
    kw: Dict[str, Any] = {"sample_weight": "w"} if weighted else {}
    scorer = LeadScorer.fit(df, numeric=["visits", "opens"], categorical=["size"], c=c, standardize=standardize, **kw)
    want = numpy_covariance(scorer, df, df["w"].to_numpy() if weighted else np.ones(len(df)))
    got = scorer.covariance
    assert got.shape == (6, 6) and got.dtype == np.float64
    assert np.max(np.abs(got - want)) <= 1e-9 * np.max(np.abs(want))
    assert np.array_equal(scorer.std_err, np.sqrt(np.diag(got)))


@pytest.mark.parametrize(("a", "b", "c", "d"), [(30, 10, 20, 40), (7, 3, 2, 11), (120, 80, 95, 105)])
def test_almost_unpenalised_standard_errors_are_the_2x2_tables(a: int, b: int, c: int, d: int) -> None:
    # Exposed: a converted, b not; unexposed: c and d. The MLE slope is ln(a d / (b c)) with standard error
    # sqrt(1/a + 1/b + 1/c + 1/d) exactly; the intercept ln(c / d) with sqrt(1/c + 1/d) (Agresti §3.1.3).
    table = {"exposed": [1, 1, 0, 0], "converted": [1, 0, 1, 0], "leads": [a, b, c, d]}
    expanded = pd.DataFrame(table).loc[lambda t: t.index.repeat(t["leads"])]
    for scorer in (
        LeadScorer.fit(table, numeric=["exposed"], sample_weight="leads", c=1e12, standardize=False),
        LeadScorer.fit(expanded, numeric=["exposed"], c=1e12, standardize=False),
    ):
        s = scorer.summary()
        assert s.index.tolist() == ["(intercept)", "exposed"]
        assert s.loc["exposed", "estimate"] == pytest.approx(math.log(a * d / (b * c)), rel=0, abs=1e-9)
        assert s.loc["exposed", "std_err"] == pytest.approx(math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), rel=1e-9)
        assert s.loc["(intercept)", "std_err"] == pytest.approx(math.sqrt(1 / c + 1 / d), rel=1e-9)


def test_summary_columns_follow_from_the_covariance() -> None:
    df = leads()
    scorer = LeadScorer.fit(df, numeric=["visits", "opens"], categorical=["size"], c=2.0)
    s = scorer.summary()
    assert list(s.columns) == ["estimate", "std_err", "lower_95", "upper_95", "z", "p_value"]
    assert s.index.name == "parameter"
    assert s.index.tolist() == ["(intercept)", *scorer.coefficient_names]
    assert s["estimate"].tolist() == [scorer.intercept, *scorer.coef.tolist()]
    assert s["std_err"].tolist() == scorer.std_err.tolist()
    assert (s["lower_95"] == s["estimate"] - Z_95 * s["std_err"]).all()
    assert (s["upper_95"] == s["estimate"] + Z_95 * s["std_err"]).all()
    assert (s["z"] == s["estimate"] / s["std_err"]).all()
    for z, p in zip(s["z"], s["p_value"]):
        assert p == pytest.approx(math.erfc(abs(z) / math.sqrt(2)), rel=1e-13)
    # SbgFit.summary's columns are the first four.
    sbg = ltv.SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241]).summary()
    assert list(sbg.columns) == list(s.columns[:4])


@st.composite
def tables(draw: Any) -> Dict[str, Any]:
    n = draw(st.integers(8, 30))
    x = draw(st.lists(st.floats(-5, 5, allow_nan=False), min_size=n, max_size=n))
    g = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n, max_size=n))
    y = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    w = draw(st.lists(st.floats(0.1, 3.0), min_size=n, max_size=n))
    y[0], y[1] = 0, 1
    return {"x": x, "g": g, "converted": y, "w": w, "c": draw(st.floats(0.01, 1000.0))}


@settings(derandomize=True, max_examples=40)
@given(tables())
def test_covariance_is_symmetric_positive_definite_and_survives_the_file(t: Dict[str, Any]) -> None:
    c = t.pop("c")
    scorer = LeadScorer.fit(t, numeric=["x"], categorical=["g"], c=c, sample_weight="w")
    cov = scorer.covariance
    assert np.array_equal(cov, cov.T)
    assert np.all(np.linalg.eigvalsh(cov) > 0)
    np.linalg.cholesky(cov)
    back = LeadScorer.from_json(scorer.to_json())
    assert np.array_equal(back.covariance, cov) and back == scorer
    s = scorer.summary()
    assert ((s["lower_95"] < s["estimate"]) & (s["estimate"] < s["upper_95"])).all()
    assert s["p_value"].between(0, 1).all()


def test_the_model_file_is_version_2_with_the_lower_triangle() -> None:
    scorer = LeadScorer.fit(leads(), numeric=["visits"], categorical=["size"], c=1.5)
    doc = json.loads(scorer.to_json())
    assert doc["format_version"] == 2
    rows = doc["covariance"]
    assert [len(r) for r in rows] == [1, 2, 3, 4, 5]
    cov = scorer.covariance
    assert all(rows[i][j] == cov[i, j] for i in range(5) for j in range(i + 1))


def test_a_format_version_1_file_still_loads_and_is_written_back_unchanged() -> None:
    text = (VECTORS / "format_version_1.json").read_text()
    scorer = LeadScorer.from_json(text)
    assert json.loads(scorer.to_json()) == json.loads(text)
    for get in (lambda: scorer.covariance, lambda: scorer.std_err, scorer.summary):
        with pytest.raises(ltv.InvalidInputError) as e:
            get()
        assert (e.value.kind, e.value.field) == ("invalid_data", "covariance")  # type: ignore[attr-defined]
        assert "format version 1" in str(e.value)
    html = scorer._repr_html_()
    assert "format version 1" in html and "std_err" not in html
    # And it still scores (the cross-language vector's leads).
    doc = json.loads((VECTORS / "rust_trained.json").read_text())
    p = scorer.predict_proba({k: np.asarray(v) for k, v in doc["leads"].items()})
    assert p.tolist() == doc["expected_probabilities"]


def test_bad_covariances_in_a_file_are_errors() -> None:
    doc = json.loads(LeadScorer.fit(leads(), numeric=["visits"], c=1.5).to_json())

    def error(edit: Dict[str, Any]) -> Any:
        with pytest.raises(ltv.InvalidInputError) as e:
            LeadScorer.from_json(json.dumps({**doc, **edit}))
        return e.value

    assert error({"covariance": [[1.0], [5.0, 1.0]]}).field == "covariance"  # not positive definite
    assert error({"covariance": [[1.0], [0.0, -1.0]]}).field == "covariance"
    assert error({"covariance": [[1.0], [0.0, 1.0], [0.0, 0.0, 1.0]]}).field == "covariance"  # wrong size
    e = error({"covariance": [[1.0], [0.0]]})
    assert (e.field, e.row) == ("covariance", 1)
    assert error({"format_version": 1}).kind == "json"  # version 1 has no covariance key
    without = {k: v for k, v in doc.items() if k != "covariance"}
    with pytest.raises(ltv.InvalidInputError, match="missing field `covariance`"):
        LeadScorer.from_json(json.dumps(without))


def test_separable_classes_with_a_weak_penalty_have_finite_huge_standard_errors() -> None:
    data = {"x": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0], "converted": [0, 0, 0, 1, 1, 1]}
    for c in (1e4, 1e8, 1e100, 1e300):
        s = LeadScorer.fit(data, numeric=["x"], c=c).summary()
        slope = s.loc["x"]
        assert np.isfinite(s.to_numpy()).all()
        assert slope["std_err"] > slope["estimate"] > 10
        assert slope["lower_95"] < 0 and slope["p_value"] > 0.5


def test_collinear_indicators_with_no_penalty_have_no_covariance() -> None:
    data = {"g": ["a", "a", "b", "b", "c", "c"], "converted": [0, 1, 0, 1, 1, 0]}
    assert LeadScorer.fit(data, categorical=["g"], c=1e8).std_err[0] > 1e3  # grows like sqrt(C)
    scorer = LeadScorer.fit(data, categorical=["g"], c=1e100)
    for get in (lambda: scorer.covariance, lambda: scorer.std_err, scorer.summary):
        with pytest.raises(ltv.UndefinedError) as e:
            get()
        assert e.value.kind == "no_finite_maximum"  # type: ignore[attr-defined]
        assert "smaller C" in str(e.value)
    assert "smaller C" in scorer._repr_html_()
    text = scorer.to_json()
    assert json.loads(text)["covariance"] is None and LeadScorer.from_json(text) == scorer


def test_repr_html_shows_the_estimates_with_standard_errors() -> None:
    scorer = LeadScorer.fit(leads(), numeric=["visits"], categorical=["size"], c=1.5)
    html = scorer._repr_html_()
    for word in ("(intercept)", "size=ent", "std_err", "lower_95", "upper_95", "p_value", f"{scorer.std_err[1]:.6f}"):
        assert word in html, word
