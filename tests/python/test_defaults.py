"""The formula defaults live once, as ``pub const``s in ltv-core exported by ``ltv._ltv``: the runtime
signatures (``__text_signature__``), the stubs and ``ltv.vec`` must all use them."""

from __future__ import annotations

import ast
import inspect
import pathlib
from decimal import Decimal
from typing import Any, Dict, List, Tuple

import pytest

import ltv
import ltv.vec
from ltv import _ltv

# (function, parameter, constant): every scalar (ltv._ltv) and column (ltv.vec) function with that parameter.
DEFAULTS: List[Tuple[str, str, str]] = [
    ("max_cac", "target_ratio", "DEFAULT_TARGET_RATIO"),
    ("bid_cap", "target_ratio", "DEFAULT_TARGET_RATIO"),
    ("ltv_cac_ratio", "healthy_min", "DEFAULT_HEALTHY_MIN"),
    ("ltv_cac_ratio", "healthy_max", "DEFAULT_HEALTHY_MAX"),
    ("ltv_cac_band", "healthy_min", "DEFAULT_HEALTHY_MIN"),
    ("ltv_cac_band", "healthy_max", "DEFAULT_HEALTHY_MAX"),
    ("cac_payback_months", "target_months", "DEFAULT_PAYBACK_TARGET_MONTHS"),
    ("present_value_lead_ltv", "annual_discount_rate", "DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE"),
    ("present_value_lead_ltv", "discount_after_months", "DEFAULT_DISCOUNT_AFTER_MONTHS"),
    ("lead_value", "annual_discount_rate", "DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE"),
    ("lead_value", "discount_after_months", "DEFAULT_DISCOUNT_AFTER_MONTHS"),
    ("lead_value", "zombie_after_days", "DEFAULT_ZOMBIE_AFTER_DAYS"),
    ("is_zombie", "zombie_after_days", "DEFAULT_ZOMBIE_AFTER_DAYS"),
    ("saas_ltv", "churn_basis", "DEFAULT_CHURN_BASIS"),
    ("lifespan_from_churn", "churn_basis", "DEFAULT_CHURN_BASIS"),
    ("monthly_churn_from_annual", "churn_basis", "DEFAULT_CHURN_BASIS"),
    ("discounted_ltv", "churn_basis", "DEFAULT_CHURN_BASIS"),
    ("discounted_ltv", "timing", "DEFAULT_TIMING"),
    ("retention_cltv", "timing", "DEFAULT_TIMING"),
    ("retention_cltv", "period", "DEFAULT_RETENTION_PERIOD"),
]


def _same(default: Any, constant: Any) -> bool:
    if isinstance(constant, Decimal):
        return Decimal(str(default)) == constant
    return bool(default == constant) and type(default) is type(constant)


def _stub_defaults(repo_root: pathlib.Path) -> Dict[str, Dict[str, Any]]:
    tree = ast.parse((repo_root / "python" / "ltv" / "_ltv.pyi").read_text())
    out: Dict[str, Dict[str, Any]] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            args = node.args.kwonlyargs
            out[node.name] = {
                a.arg: ast.literal_eval(d) for a, d in zip(args, node.args.kw_defaults) if d is not None
            }
    return out


@pytest.mark.parametrize(("fn", "param", "constant"), DEFAULTS)
def test_defaults_agree_with_the_core_constants(
    repo_root: pathlib.Path, fn: str, param: str, constant: str
) -> None:
    value = getattr(_ltv, constant)
    places = 0
    if hasattr(_ltv, fn) and param in inspect.signature(getattr(_ltv, fn)).parameters:
        places += 1
        runtime = inspect.signature(getattr(_ltv, fn)).parameters[param].default
        assert _same(runtime, value), (fn, param, runtime, value)
        stub = _stub_defaults(repo_root)[fn][param]
        assert _same(stub, value), (fn, param, stub, value)
    if hasattr(ltv.vec, fn) and param in inspect.signature(getattr(ltv.vec, fn)).parameters:
        places += 1
        column = inspect.signature(getattr(ltv.vec, fn)).parameters[param].default
        assert _same(column, value), (fn, param, column, value)
    assert places, fn


def test_errors_default_and_parallel_threshold() -> None:
    assert _ltv.DEFAULT_ERRORS == "raise" and _ltv.PARALLEL_MIN_ROWS == 1 << 20
    for name in ltv.vec.__all__:
        assert inspect.signature(getattr(ltv.vec, name)).parameters["errors"].default == _ltv.DEFAULT_ERRORS, name
