"""The lead-valuation vectors (tests/vectors/leads/*.json, shared with the Rust runner) through the Python API:
exact Decimal for the one-lead, account and shrinkage functions; the f64 column path for the tables
(``ltv.leads.segment_table`` and ``ltv.leads.compare_campaigns``), within 1e-9 relative."""

from __future__ import annotations

import json
import math
import pathlib
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Dict, List

import pandas as pd
import pytest

import ltv
import ltv.leads

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "leads"
LABEL_KEYS = {"segment", "campaign", "max_segment", "min_segment", "kind", "ltv_basis"}


def _cases() -> List[Any]:
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            out.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return out


CASES = _cases()


def test_every_file_has_cases() -> None:
    assert {p.stem for p in VECTORS.glob("*.json")} == {"shrinkage", "lead_value", "account", "segments", "campaigns"}
    assert len(CASES) >= 36


def _q(x: Decimal, places: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _close(got: Any, expected: Any, path: str) -> None:
    if isinstance(expected, dict):
        for k, v in expected.items():
            if k in LABEL_KEYS:
                assert got[k] == v, f"{path}.{k}"
            else:
                _close(got[k], v, f"{path}.{k}")
    elif isinstance(expected, list):
        assert len(got) == len(expected), path
        for i, (g, e) in enumerate(zip(got, expected)):
            _close(g, e, f"{path}[{i}]")
    elif expected is None:
        assert got is None or (isinstance(got, float) and math.isnan(got)), f"{path}: {got!r}"
    elif isinstance(expected, str):
        assert got is not None and not (isinstance(got, float) and math.isnan(got)), path
        assert float(got) == pytest.approx(float(expected), rel=1e-9, abs=1e-12), path
    else:
        assert got == expected, path


def _scalar(case: Dict[str, Any]) -> Dict[str, Any]:
    f, i = case["function"], case["inputs"]
    if f == "shrunk_conversion_rate":
        return {"rate": ltv.leads.shrunk_conversion_rate(**i)}
    if f == "explain_lead_value":
        v = ltv.leads.explain_lead_value(**i)
        return {"value": v.value, "base": v.base, "discount_factor": v.discount_factor, "zombie": v.zombie}
    a = ltv.leads.account_value(**i)
    return a.to_dict()


def _table(case: Dict[str, Any]) -> Dict[str, Any]:
    i = case["inputs"]
    if case["function"] == "segment_table":
        labels = i["labels"]
        df = pd.DataFrame(
            [[labels[s], c, ltv_, float(cost), days] for s, c, ltv_, cost, days in i["leads"]],
            columns=["channel", "converted", "customer_ltv", "cost_per_lead", "days_to_close"],
        ).astype({"customer_ltv": float, "days_to_close": float})
        r = ltv.leads.segment_table(
            df,
            prior_strength=float(i["prior_strength"]),
            prior_rate="blended" if i["prior_rate"] is None else float(i["prior_rate"]),
            target_ratio=float(i["target_ratio"]),
            spread_threshold=float(i["spread_threshold"]),
        )
        rows = r.table.to_dict("records")
        warnings = [
            {"kind": w["kind"], "segment": w["segment"]} if w["kind"] == "no_conversions"
            else {"kind": w["kind"], "max_segment": w["max_segment"], "min_segment": w["min_segment"], "ratio": w["ratio"]}
            for w in r.warnings
        ]
        return {"prior_rate": r.prior_rate, "rows": rows, "warnings": warnings}
    labels = i["labels"]
    df = pd.DataFrame([[labels[c], float(v), float(k)] for c, v, k in i["leads"]], columns=["campaign", "value", "cost"])
    out = ltv.leads.compare_campaigns(df, value="value", cost="cost", rank_by=i["rank_by"])
    return {"rows": out.to_dict("records")}


@pytest.mark.parametrize("case", CASES)
def test_vector(case: Dict[str, Any]) -> None:
    is_table = case["function"] in ("segment_table", "compare_campaigns")
    run = _table if is_table else _scalar
    if "error" in case:
        with pytest.raises(ltv.LtvError) as info:
            run(case)
        err = case["error"]
        assert info.value.kind == err["kind"]
        assert info.value.field == err["field"]
        if "row" in err:
            assert info.value.row == err["row"]
        return
    got = run(case)
    if is_table:
        expected = dict(case["expected"])
        if case["function"] == "segment_table":
            # Python orders segments by label (sorted); the vectors list them in label-index order.
            expected["rows"] = sorted(expected["rows"], key=lambda r: str(r["segment"]))
        _close(got, expected, case["name"])
        return
    places = case["places"]
    for k, v in case["expected"].items():
        if isinstance(v, bool):
            assert got[k] is v, k
        else:
            assert _q(got[k], places) == Decimal(v), (k, got[k], v)
