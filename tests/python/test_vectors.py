"""Cross-language test vectors (tests/vectors/*.json) through the Python API.

Every case runs through the exact scalar API (``Decimal`` inputs and results), and, where ``ltv.vec`` has a
counterpart, through the vectorised float64 API as well:

- a valued case must agree with the scalar result to a relative 1e-9;
- an error case must raise the same class, kind and field for row 0 with ``errors="raise"`` (the message
  starts with ``"row 0: "``; it is compared in full for ``f64_only`` cases, whose message is the float path's
  own, while elsewhere float64 writes the values differently: 0.1 where Decimal writes 0.10) and give NaN
  with ``errors="nan"``. Two kinds of error are not row errors: an invalid *option*
  (``healthy_min``, ``horizon_months``, ...) is one value for every row, so it raises in both modes without a
  row; and an ``overflow`` is the limit of ``Decimal`` (about 7.9e28), which float64 does not share (the
  vector files say so), so the float path must either raise the same error or give a finite value, never an
  infinity or NaN.

Format of a case: ``{"name", "function", "inputs", "expected" | "error": {"kind", "field", "message"?},
"places"?, "f64_only"?, "decimal_only"?, "note"?}`` (see tests/vectors/generate.py). Decimal inputs are JSON
strings, counts JSON integers, enums strings. ``f64_only`` cases hold a non-finite float, so their inputs are
passed as ``float``; ``decimal_only`` cases need more precision than a float has and skip the float path.
"""

from __future__ import annotations

import json
import math
import pathlib
from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation, localcontext
from typing import Any, Callable, Dict, List, Optional

import numpy as np
import pytest

import ltv
from conftest import REPO_ROOT

VECTOR_DIR = REPO_ROOT / "tests" / "vectors"
VECTOR_FILES = sorted(VECTOR_DIR.glob("*.json"))

ERROR_CLASSES: Dict[str, type] = {
    "invalid_input": ltv.InvalidInputError,
    "zero_churn": ltv.ZeroChurnError,
    "negative_net_churn": ltv.NegativeNetChurnError,
    "divergent": ltv.DivergenceError,
    "not_finite": ltv.NotFiniteError,
    "overflow": ltv.LtvOverflowError,
    "undefined": ltv.UndefinedError,
}

# Inputs that are enum names, passed through as strings.
ENUM_INPUTS = {"churn_basis", "timing", "period"}
# Inputs that are one value for every row in ltv.vec (keyword options, not columns).
VEC_OPTIONS = {"churn_basis", "timing", "period", "horizon_months", "periods", "healthy_min", "healthy_max"}
CASE_KEYS = {"name", "function", "inputs", "expected", "error", "places", "f64_only", "decimal_only", "note"}

MRR_PREFIX = "MrrMovements."
MRR_METHODS = {
    "ending_mrr",
    "gross_mrr_churn",
    "net_mrr_churn",
    "net_revenue_retention",
    "gross_revenue_retention",
    "quick_ratio",
}


def _load() -> List[Any]:
    params = []
    for path in VECTOR_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data.get("description"), str) and data["description"], f"{path.name}: no description"
        assert isinstance(data.get("cases"), list) and data["cases"], f"{path.name}: no cases"
        for i, case in enumerate(data["cases"]):
            params.append(pytest.param(case, id=f"{path.stem}:{i}:{case.get('name', '?')}"))
    return params


CASES = _load()
# With no vector files, one case that fails (not an empty, skipped parametrisation).
NO_VECTORS = pytest.param(None, id="no-vector-files")


def test_vector_files_exist() -> None:
    assert VECTOR_FILES, f"no test vectors in {VECTOR_DIR}"
    assert CASES, f"the vector files in {VECTOR_DIR} hold no cases"


def test_case_names_are_unique() -> None:
    names = [p.id for p in CASES]
    assert len(names) == len(set(names))


# ---------------------------------------------------------------------------------------------------------
# Inputs and calls.


def _decimal(key: str, text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        pytest.fail(f"input {key}={text!r} is neither an enum ({sorted(ENUM_INPUTS)}) nor a decimal string")


def scalar_inputs(case: Dict[str, Any]) -> Dict[str, Any]:
    """JSON inputs as Python arguments: decimal strings as Decimal (float for f64_only cases)."""
    out: Dict[str, Any] = {}
    for key, value in case["inputs"].items():
        if key in ENUM_INPUTS:
            assert isinstance(value, str), f"{key} must be a string"
            out[key] = value
        elif isinstance(value, str):
            out[key] = float(value) if case.get("f64_only") else _decimal(key, value)
        elif isinstance(value, int) and not isinstance(value, bool):
            out[key] = value
        else:
            pytest.fail(f"input {key}={value!r}: expected a decimal string, an int or an enum string")
    return out


def scalar_function(function: str) -> Callable[..., Any]:
    """The scalar callable a vector names; an unknown name fails the test."""
    if function.startswith(MRR_PREFIX):
        method = function[len(MRR_PREFIX) :]
        if method not in MRR_METHODS:
            pytest.fail(f"unknown MrrMovements method {method!r} in {function!r}")

        def call(**kwargs: Any) -> Any:
            return getattr(ltv.MrrMovements(**kwargs), method)()

        return call
    if function not in ltv.__all__ or function[:1].isupper() or function in ("vec", "frame", "__version__"):
        pytest.fail(f"unknown function {function!r}: not a top-level ltv function")
    fn = getattr(ltv, function)
    assert callable(fn)
    return fn  # type: ignore[no-any-return]


def vec_inputs(case: Dict[str, Any]) -> Dict[str, Any]:
    """JSON inputs for ltv.vec: columns as one-row float lists, options as they are."""
    out: Dict[str, Any] = {}
    for key, value in case["inputs"].items():
        if key in VEC_OPTIONS:
            out[key] = float(value) if key.startswith("healthy_") else value
        else:
            out[key] = [float(value)]
    return out


def has_vec_counterpart(function: str) -> bool:
    if function.startswith(MRR_PREFIX):
        return function[len(MRR_PREFIX) :] in MRR_METHODS
    return function in ltv.vec.__all__


def vec_call(function: str, inputs: Dict[str, Any], errors: str) -> Any:
    """The ltv.vec counterpart of a vector's function on one row: a float, or a dict for struct results."""
    kwargs = dict(inputs)
    if function.startswith(MRR_PREFIX):
        out = getattr(ltv.vec, function[len(MRR_PREFIX) :])(**kwargs, errors=errors)
        assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == (1,)
        return float(out[0])
    if function == "ltv_cac_ratio":
        bands = {k: kwargs.pop(k) for k in ("healthy_min", "healthy_max") if k in kwargs}
        ratio = ltv.vec.ltv_cac_ratio(**kwargs, errors=errors)
        band = ltv.vec.ltv_cac_band(ratio=ratio, **bands, errors=errors)
        return {"ratio": float(ratio[0]), "band": band[0]}
    if function == "cac_payback_months":
        return {"months": float(ltv.vec.cac_payback_months(**kwargs, errors=errors)[0])}
    out = getattr(ltv.vec, function)(**kwargs, errors=errors)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == (1,)
    return float(out[0])


# ---------------------------------------------------------------------------------------------------------
# Comparisons.


def _round(x: Decimal, places: int) -> Decimal:
    with localcontext(Context(prec=100)):
        return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def assert_value(result: Any, expected: Any, places: Optional[int], where: str) -> None:
    if isinstance(expected, bool):
        assert type(result) is bool, f"{where}: expected a bool, got {result!r}"
        assert result is expected, f"{where}: {result!r} != {expected!r}"
    elif isinstance(expected, dict):
        assert hasattr(result, "to_dict"), f"{where}: expected a result class, got {result!r}"
        fields = result.to_dict()
        for key, value in expected.items():
            assert key in fields, f"{where}: {type(result).__name__} has no field {key!r}"
            assert getattr(result, key) == fields[key], f"{where}: .{key} and to_dict() disagree"
            assert_value(fields[key], value, places, f"{where}.{key}")
    elif isinstance(expected, str) and isinstance(result, str):
        assert result == expected, f"{where}: {result!r} != {expected!r}"
    elif isinstance(expected, str):
        assert type(result) is Decimal, f"{where}: expected a Decimal, got {type(result).__name__} {result!r}"
        want = Decimal(expected)
        if places is None:
            assert result == want, f"{where}: {result} != {want}"
        else:
            assert _round(result, places) == _round(want, places), f"{where}: {result} != {want} to {places} places"
    else:
        pytest.fail(f"{where}: unsupported expected value {expected!r}")


def assert_close(vec_value: Any, exact: Any, where: str) -> None:
    """A float result against the exact scalar result, to a relative 1e-9."""
    if isinstance(exact, Decimal):
        assert isinstance(vec_value, float) and math.isfinite(vec_value), f"{where}: {vec_value!r}"
        assert math.isclose(vec_value, float(exact), rel_tol=1e-9, abs_tol=1e-12), f"{where}: {vec_value} vs {exact}"
    elif isinstance(exact, str):
        assert vec_value == exact, f"{where}: {vec_value!r} != {exact!r}"
    elif hasattr(exact, "to_dict"):
        assert isinstance(vec_value, dict)
        fields = exact.to_dict()
        for key, value in vec_value.items():
            assert_close(value, fields[key], f"{where}.{key}")
    else:
        pytest.fail(f"{where}: no float comparison for {exact!r}")


def check_case_shape(case: Dict[str, Any]) -> None:
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)}"
    assert ("expected" in case) != ("error" in case), "a case has exactly one of expected and error"
    if "error" in case:
        err = case["error"]
        assert err["kind"] in ERROR_CLASSES, f"unknown error kind {err['kind']!r}"
        assert isinstance(err["field"], str) and err["field"]
        assert set(err) <= {"kind", "field", "message"}
    if "places" in case:
        assert isinstance(case["places"], int) and case["places"] >= 0
    assert not (case.get("f64_only") and case.get("decimal_only")), "a case is f64_only or decimal_only, not both"


# ---------------------------------------------------------------------------------------------------------
# The tests.


@pytest.mark.parametrize("case", CASES or [NO_VECTORS])
def test_scalar(case: Optional[Dict[str, Any]]) -> None:
    if case is None:
        pytest.fail(f"no test vectors in {VECTOR_DIR}")
    check_case_shape(case)
    fn = scalar_function(case["function"])
    kwargs = scalar_inputs(case)
    if "error" in case:
        expected = case["error"]
        with pytest.raises(ltv.LtvError) as info:
            fn(**kwargs)
        err = info.value
        assert type(err) is ERROR_CLASSES[expected["kind"]], f"{type(err).__name__}: {err}"
        assert err.kind == expected["kind"]
        assert err.field == expected["field"]
        assert err.row is None
        if "message" in expected:
            assert str(err) == expected["message"]
    else:
        result = fn(**kwargs)
        assert_value(result, case["expected"], case.get("places"), case["function"])


# ``decimal_only`` cases need more precision than a float has (as a float, 1.0000000000000000000000000001 is 1):
# they skip the float path.
VEC_CASES = [
    p for p in CASES if has_vec_counterpart(p.values[0]["function"]) and not p.values[0].get("decimal_only")
]


@pytest.mark.parametrize("case", VEC_CASES or [NO_VECTORS])
def test_vec(case: Optional[Dict[str, Any]]) -> None:
    if case is None:
        pytest.fail(f"no test vectors with an ltv.vec counterpart in {VECTOR_DIR}")
    function = case["function"]
    inputs = vec_inputs(case)
    if "expected" in case:
        exact = scalar_function(function)(**scalar_inputs(case))
        for errors in ("raise", "nan"):
            assert_close(vec_call(function, inputs, errors), exact, f"{function} errors={errors}")
        return

    expected = case["error"]
    cls = ERROR_CLASSES[expected["kind"]]
    if expected["kind"] == "overflow":
        # The float path shares Decimal's range (about 7.9e28): the same overflow, on row 0.
        with pytest.raises(ltv.LtvOverflowError) as overflow:
            vec_call(function, inputs, "raise")
        assert str(overflow.value).startswith("row 0: ") and overflow.value.row == 0
        value = vec_call(function, inputs, "nan")
        values = value.values() if isinstance(value, dict) else [value]
        assert all(math.isnan(v) for v in values if isinstance(v, float)), value
        return

    if expected["field"] in VEC_OPTIONS:
        # An option is one value for every row: it raises up front, whatever errors= says.
        for errors in ("raise", "nan"):
            with pytest.raises(ltv.LtvError) as info:
                vec_call(function, inputs, errors)
            err = info.value
            assert type(err) is cls, f"{type(err).__name__}: {err}"
            assert (err.field, err.kind, err.row) == (expected["field"], expected["kind"], None)
            if "message" in expected:
                assert str(err) == expected["message"]
        return

    with pytest.raises(ltv.LtvError) as info:
        vec_call(function, inputs, "raise")
    err = info.value
    assert type(err) is cls, f"{type(err).__name__}: {err}"
    assert str(err).startswith("row 0: "), str(err)
    assert (err.field, err.kind, err.row) == (expected["field"], expected["kind"], 0)
    if "message" in expected and case.get("f64_only"):
        # Only an f64_only message is the float path's own: elsewhere the values in it are written as
        # float64 prints them (0.1, not the 0.10 of Decimal("10") / 100).
        assert str(err) == "row 0: " + expected["message"]

    value = vec_call(function, inputs, "nan")
    if isinstance(value, dict):
        assert math.isnan(value["ratio"] if "ratio" in value else value["months"]), value
        if "band" in value:
            assert value["band"] is None
    else:
        assert math.isnan(value), value


# ---------------------------------------------------------------------------------------------------------
# The harness itself: it must fail, not skip, on what it cannot check.


def test_unknown_function_fails() -> None:
    with pytest.raises(pytest.fail.Exception, match="unknown function"):
        scalar_function("no_such_ltv_function")
    with pytest.raises(pytest.fail.Exception, match="unknown MrrMovements method"):
        scalar_function("MrrMovements.no_such_metric")
    with pytest.raises(pytest.fail.Exception, match="unknown function"):
        scalar_function("LtvCacRatio")


def test_empty_vector_folder_fails(tmp_path: pathlib.Path) -> None:
    """The collection-time fallback: no files means one failing case, never an empty (skipped) set."""
    assert sorted(tmp_path.glob("*.json")) == []
    with pytest.raises(pytest.fail.Exception, match="no test vectors"):
        test_scalar(None)
    with pytest.raises(pytest.fail.Exception, match="no test vectors"):
        test_vec(None)


def test_comparison_rounds_half_even_and_checks_types() -> None:
    assert_value(Decimal("2.345"), "2.34", 2, "x")  # half to even
    assert_value(Decimal("0.20"), "0.2", None, "x")  # numeric equality
    with pytest.raises(AssertionError):
        assert_value(Decimal("2.355"), "2.35", 2, "x")
    with pytest.raises(AssertionError):
        assert_value(2.34, "2.34", None, "x")  # a float is not a Decimal result
    with pytest.raises(AssertionError):
        assert_value(Decimal("1"), True, None, "x")
    # Rounding huge values to many places needs more than the default 28 digits of context.
    big = Decimal("79228162514264337593543950335")
    assert_value(big, "79228162514264337593543950335", 20, "x")
