"""Writes tests/vectors/leads/*.json: lead-valuation cases with expected values computed here, independently of
the Rust code, with Python's decimal module at 40 digits (a plain reference implementation used as an oracle).

Run: python tests/vectors/leads/generate.py
"""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal as D, getcontext

getcontext().prec = 40
HERE = pathlib.Path(__file__).parent


def s(x: D) -> str:
    return format(x.normalize(), "f") if x == x.to_integral_value() else str(+x)


def shrunk(c: int, n: int, k: D, p: D) -> D:
    return (D(c) + k * p) / (D(n) + k)


def pv_factor(months: D, after: D = D(12), rate: D = D("0.1")) -> D:
    if months <= after:
        return D(1)
    # (1 + a)^(months / 12) with a 40-digit decimal power
    return 1 / ((1 + rate) ** (months / 12))


def rounded(obj: object, places: int) -> object:
    """Numeric strings in ``obj`` rounded (half even) to ``places`` decimals; labels and kinds unchanged."""
    if isinstance(obj, dict):
        return {k: v if k in ("segment", "campaign", "max_segment", "min_segment", "kind", "ltv_basis")
                else rounded(v, places) for k, v in obj.items()}
    if isinstance(obj, list):
        return [rounded(v, places) for v in obj]
    if isinstance(obj, str):
        return s(D(obj).quantize(D(1).scaleb(-places)))
    return obj


def write(name: str, description: str, cases: list[dict]) -> None:
    for case in cases:
        if "places" in case:
            case["expected"] = rounded(case["expected"], case["places"])
    (HERE / f"{name}.json").write_text(json.dumps({"description": description, "cases": cases}, indent=2) + "\n")


def shrinkage_cases() -> list[dict]:
    cases = []
    for name, c, n, k, p in [
        ("3 leads 1 sale toward SaaS 1.7% with 20 pseudo-leads", 1, 3, "20", "0.017"),
        ("no leads is the prior", 0, 0, "20", "0.03"),
        ("100 leads 2 sales", 2, 100, "20", "0.017"),
        ("k 0 is the raw rate", 1, 4, "0", "0.017"),
        ("all converted", 5, 5, "10", "0.5"),
    ]:
        cases.append({
            "name": name, "function": "shrunk_conversion_rate", "places": 20,
            "inputs": {"conversions": c, "leads": n, "prior_strength": k, "prior_rate": p},
            "expected": {"rate": s(shrunk(c, n, D(k), D(p)))},
        })
    cases += [
        {"name": "more conversions than leads", "function": "shrunk_conversion_rate",
         "inputs": {"conversions": 4, "leads": 3, "prior_strength": "20", "prior_rate": "0.017"},
         "error": {"kind": "invalid_input", "field": "conversions"}},
        {"name": "no leads and no prior", "function": "shrunk_conversion_rate",
         "inputs": {"conversions": 0, "leads": 0, "prior_strength": "0", "prior_rate": "0.017"},
         "error": {"kind": "undefined", "field": "shrunk_conversion_rate"}},
        {"name": "prior rate typed as percent", "function": "shrunk_conversion_rate",
         "inputs": {"conversions": 1, "leads": 3, "prior_strength": "20", "prior_rate": "1.7"},
         "error": {"kind": "invalid_input", "field": "prior_rate"}},
        {"name": "negative prior strength", "function": "shrunk_conversion_rate",
         "inputs": {"conversions": 1, "leads": 3, "prior_strength": "-1", "prior_rate": "0.017"},
         "error": {"kind": "invalid_input", "field": "prior_strength"}},
    ]
    return cases


def lead_cases() -> list[dict]:
    cases = []
    for name, p, ltv, m, days, nurture in [
        ("seed: 5% x 20000 closing in 3 months", "0.05", "20000", "3", "30", None),
        ("seed: 3% x 50000 closing in 24 months is discounted", "0.03", "50000", "24", "10", None),
        ("12 months exactly is not discounted", "0.03", "50000", "12", "10", None),
        ("net of nurture cost", "0.05", "20000", "24", "30", "100"),
        ("net value may be negative", "0.01", "1000", "2", "5", "50"),
        ("zombie at 180 days", "0.05", "20000", "3", "180", None),
        ("179 days is alive", "0.05", "20000", "3", "179", "10"),
    ]:
        base = D(p) * D(ltv)
        factor = pv_factor(D(m))
        value = base * factor - (D(nurture) if nurture else 0)
        zombie = D(days) >= 180
        inputs = {"conversion_probability": p, "customer_ltv": ltv, "months_to_close": m, "days_since_engagement": days}
        if nurture:
            inputs["nurture_cost"] = nurture
        cases.append({
            "name": name, "function": "explain_lead_value", "inputs": inputs, "places": 10,
            "expected": {"value": s(D(0) if zombie else value), "base": s(base), "discount_factor": s(factor),
                         "zombie": zombie},
        })
    cases.append({"name": "probability typed as percent", "function": "explain_lead_value",
                  "inputs": {"conversion_probability": "5", "customer_ltv": "20000", "months_to_close": "3",
                             "days_since_engagement": "30"},
                  "error": {"kind": "invalid_input", "field": "conversion_probability"}})
    cases.append({"name": "negative months", "function": "explain_lead_value",
                  "inputs": {"conversion_probability": "0.05", "customer_ltv": "20000", "months_to_close": "-1",
                             "days_since_engagement": "30"},
                  "error": {"kind": "invalid_input", "field": "months_to_close"}})
    return cases


def account_cases() -> list[dict]:
    cases = []
    for name, ps, ltv, m, days, mult in [
        ("three stakeholders get the committee multiplier", ["0.2", "0.3", "0.5"], "100000", "6", "10", "1.2"),
        ("two stakeholders: no multiplier", ["0.2", "0.3"], "100000", "6", "10", "1.2"),
        ("capped at 1 and reported", ["0.9", "0.9", "0.9"], "100000", "6", "10", "1.2"),
        ("discounted beyond 12 months", ["0.4", "0.1", "0.1", "0.2"], "250000", "18", "10", "1.2"),
        ("zombie account", ["0.5"], "100000", "6", "200", "1.2"),
    ]:
        none = D(1)
        for p in ps:
            none *= 1 - D(p)
        p_any = 1 - none
        m_used = D(mult) if len(ps) >= 3 else D(1)
        unc = p_any * m_used
        p_acc = min(unc, D(1))
        zombie = D(days) >= 180
        f = D(0) if zombie else pv_factor(D(m))
        value = p_acc * D(ltv) * f
        naive = sum((D(p) * D(ltv) * f for p in ps), D(0))
        cases.append({
            "name": name, "function": "account_value", "places": 10,
            "inputs": {"stakeholder_probabilities": ps, "account_ltv": ltv, "months_to_close": m,
                       "days_since_engagement": days, "committee_multiplier": mult},
            "expected": {"p_any": s(p_any), "p_account": s(p_acc), "capped": unc > 1, "value": s(value),
                         "naive_sum": s(naive), "difference": s(naive - value)},
        })
    cases.append({"name": "no stakeholders", "function": "account_value",
                  "inputs": {"stakeholder_probabilities": [], "account_ltv": "1000", "months_to_close": "1",
                             "days_since_engagement": "1"},
                  "error": {"kind": "invalid_input", "field": "stakeholder_probabilities"}})
    cases.append({"name": "multiplier below 1", "function": "account_value",
                  "inputs": {"stakeholder_probabilities": ["0.5"], "account_ltv": "1000", "months_to_close": "1",
                             "days_since_engagement": "1", "committee_multiplier": "0.5"},
                  "error": {"kind": "invalid_input", "field": "committee_multiplier"}})
    return cases


def segment_oracle(labels, leads, k, prior_rate, target, spread):
    n_all = len(leads)
    c_all = sum(1 for l in leads if l[1])
    pooled = sum(D(l[2]) for l in leads if l[1]) / c_all
    prior = D(prior_rate) if prior_rate is not None else D(c_all) / D(n_all)
    rows = []
    for i, lab in enumerate(labels):
        mine = [l for l in leads if l[0] == i]
        if not mine:
            continue
        n = len(mine)
        conv = [l for l in mine if l[1]]
        c = len(conv)
        sr = shrunk(c, n, D(k), prior)
        avg = sum(D(l[2]) for l in conv) / c if c else None
        lead_ltv = sr * (avg if avg is not None else pooled)
        cpl = sum(D(l[3]) for l in mine) / n
        days = [D(l[4]) for l in conv if l[4] is not None]
        rows.append({
            "segment": lab, "leads": n, "conversions": c, "conversion_rate": s(D(c) / D(n)), "shrunk_rate": s(sr),
            "avg_customer_ltv": s(avg) if avg is not None else None,
            "ltv_basis": "segment" if c else "pooled", "lead_ltv": s(lead_ltv), "cost_per_lead": s(cpl),
            "ltv_cpl": s(lead_ltv / cpl) if cpl > 0 else None, "bid_cap": s(lead_ltv / D(target)),
            "avg_days_to_close": s(sum(days) / len(days)) if days else None,
        })
    warnings = []
    pos = [r for r in rows if D(r["lead_ltv"]) > 0]
    zeros = [r for r in rows if D(r["lead_ltv"]) == 0]
    if pos and zeros:
        warnings.append({"kind": "lead_ltv_spread", "max_segment": max(pos, key=lambda r: D(r["lead_ltv"]))["segment"],
                         "min_segment": zeros[0]["segment"], "ratio": None})
    elif len(pos) >= 2:
        mx = max(pos, key=lambda r: D(r["lead_ltv"]))
        mn = min(pos, key=lambda r: D(r["lead_ltv"]))
        ratio = D(mx["lead_ltv"]) / D(mn["lead_ltv"])
        if ratio >= D(spread):
            warnings.append({"kind": "lead_ltv_spread", "max_segment": mx["segment"], "min_segment": mn["segment"],
                             "ratio": s(ratio)})
    warnings += [{"kind": "no_conversions", "segment": r["segment"]} for r in rows if r["ltv_basis"] == "pooled"]
    return {"prior_rate": s(prior), "rows": rows, "warnings": warnings}


def segment_cases() -> list[dict]:
    cases = []
    tables = {
        "two channels, shrunk toward the blended rate": (
            ["ads", "referral"],
            [[0, True, "10000", "100", "30"], [0, True, "10000", "100", "40"]] + [[0, False, None, "100", None]] * 8
            + [[1, True, "10000", "100", "20"], [1, False, None, "100", None], [1, False, None, "100", None]],
            "20", None, "3", "10"),
        "spread of 50x is a warning, no shrinkage": (
            ["a", "b"],
            [[0, True, "50000", "10", None], [0, False, None, "10", None],
             [1, True, "1000", "10", None], [1, False, None, "10", None]],
            "0", None, "3", "10"),
        "zero conversions use the pooled LTV, benchmark prior": (
            ["events", "webinar", "zero_cost"],
            [[0, True, "30000", "400", "90"], [0, False, None, "400", None], [0, False, None, "400", None],
             [1, False, None, "50", None], [1, False, None, "50", None],
             [2, True, "6000", "0", "15"], [2, False, None, "0", None]],
            "10", "0.017", "4", "10"),
        "zero lead LTV next to positive: unbounded spread": (
            ["good", "dead"],
            [[0, True, "2000", "20", "10"], [0, False, None, "20", None], [1, False, None, "20", None]],
            "0", None, "3", "10"),
    }
    for name, (labels, leads, k, prior, target, spread) in tables.items():
        inputs = {"labels": labels, "leads": leads, "prior_strength": k, "prior_rate": prior,
                  "target_ratio": target, "spread_threshold": spread}
        cases.append({"name": name, "function": "segment_table", "inputs": inputs, "places": 20,
                      "expected": segment_oracle(labels, leads, k, prior, target, spread)})
    cases += [
        {"name": "converted lead without customer LTV", "function": "segment_table",
         "inputs": {"labels": ["a"], "leads": [[0, False, None, "1", None], [0, True, None, "1", None]],
                    "prior_strength": "20", "prior_rate": None, "target_ratio": "3", "spread_threshold": "10"},
         "error": {"kind": "invalid_input", "field": "customer_ltv", "row": 1}},
        {"name": "negative cost per lead", "function": "segment_table",
         "inputs": {"labels": ["a"], "leads": [[0, True, "5", "1", None], [0, False, None, "1", None],
                                                [0, False, None, "-3", None]],
                    "prior_strength": "20", "prior_rate": None, "target_ratio": "3", "spread_threshold": "10"},
         "error": {"kind": "invalid_input", "field": "cost_per_lead", "row": 2}},
        {"name": "no conversion at all", "function": "segment_table",
         "inputs": {"labels": ["a"], "leads": [[0, False, None, "1", None]],
                    "prior_strength": "20", "prior_rate": None, "target_ratio": "3", "spread_threshold": "10"},
         "error": {"kind": "undefined", "field": "avg_customer_ltv"}},
    ]
    return cases


def campaign_cases() -> list[dict]:
    def oracle(labels, leads, rank_by):
        rows = []
        for i, lab in enumerate(labels):
            mine = [l for l in leads if l[0] == i]
            if not mine:
                continue
            tv = sum(D(l[1]) for l in mine)
            cost = sum(D(l[2]) for l in mine)
            rows.append({"campaign": lab, "leads": len(mine), "total_value": s(tv), "value_per_lead": s(tv / len(mine)),
                         "cost": s(cost), "value_per_cost": s(tv / cost) if cost > 0 else None})
        def key(r):
            v = {"total_value": r["total_value"], "value_per_lead": r["value_per_lead"],
                 "value_per_cost": r["value_per_cost"]}[rank_by]
            return (v is None, -D(v) if v is not None else 0, r["campaign"])
        rows.sort(key=key)
        for i, r in enumerate(rows):
            r["rank"] = i + 1
        return rows
    cases = []
    leads = [[0, "100", "10"], [0, "100", "10"], [0, "100", "10"], [1, "500", "100"], [1, "500", "100"],
             [2, "300", "0"], [3, "1000", "50"]]
    labels = ["ads", "webinar", "zz_free", "aa_tie"]
    for rank_by in ["total_value", "value_per_cost", "value_per_lead"]:
        cases.append({"name": f"ranked by {rank_by}, ties by name", "function": "compare_campaigns", "places": 20,
                      "inputs": {"labels": labels, "leads": leads, "rank_by": rank_by},
                      "expected": {"rows": oracle(labels, leads, rank_by)}})
    cases.append({"name": "negative cost", "function": "compare_campaigns",
                  "inputs": {"labels": ["a"], "leads": [[0, "1", "1"], [0, "1", "-1"]], "rank_by": "total_value"},
                  "error": {"kind": "invalid_input", "field": "cost", "row": 1}})
    return cases


def main() -> None:
    write("shrinkage", "Beta-binomial shrunk conversion rate (conversions + k p) / (leads + k).", shrinkage_cases())
    write("lead_value", "One lead valued step by step: base P x LTV, discount beyond 12 months at 10 %/yr, "
          "minus nurture cost, 0 at 180 days without engagement.", lead_cases())
    write("account", "Account value: 1 - prod(1 - p_i), x committee multiplier from 3 stakeholders, capped at 1; "
          "naive sum of lead values alongside.", account_cases())
    write("segments", "Segment table: leads are [segment, converted, customer_ltv, cost_per_lead, days_to_close].",
          segment_cases())
    write("campaigns", "Campaign comparison: leads are [campaign, value, cost].", campaign_cases())


if __name__ == "__main__":
    main()
