"""A realistic use of the lead-valuation API, type-checked with ``mypy --strict`` (never run for its results)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, List

import ltv
import ltv.benchmarks
import ltv.leads


def one_lead() -> str:
    v: ltv.leads.LeadValuation = ltv.leads.explain_lead_value(
        customer_ltv=Decimal("20000"),
        conversion_probability=0.05,
        months_to_close=24,
        days_since_engagement=30,
        nurture_cost="100",
    )
    value: Decimal = v.value
    factor: Decimal = v.discount_factor
    zombie: bool = v.zombie
    steps: List[Dict[str, Any]] = v.steps()
    return f"{value} {factor} {zombie} {len(steps)}\n{v.explain()}"


def one_account() -> Decimal:
    a: ltv.AccountValuation = ltv.account_value(
        stakeholder_probabilities=[0.2, "0.3", Decimal("0.5")],
        account_ltv=100_000,
        months_to_close=6,
        days_since_engagement=10,
        committee_size=3,
        committee_multiplier=1.2,
    )
    capped: bool = a.capped
    return a.value - a.naive_sum if capped else a.difference


def tables(df: Any) -> List[str]:
    prior: Decimal = ltv.benchmarks.conversion_rate("saas")
    report: ltv.leads.SegmentTable = ltv.leads.segment_table(df, segment="channel", prior_rate=prior, prior_strength=20)
    messages = [str(w["message"]) for w in report.warnings]
    cohorts = ltv.leads.lead_cohorts(df, channel="channel", created="created")
    rank_by: ltv.leads.RankBy = "value_per_cost"
    ranked = ltv.leads.compare_campaigns(df, conversion_probability="p", customer_ltv="customer_ltv", rank_by=rank_by)
    rate: Decimal = ltv.leads.shrunk_conversion_rate(conversions=1, leads=3, prior_rate=prior)
    figures: List[Dict[str, Any]] = ltv.benchmarks.figures()
    cpl: Decimal = ltv.benchmarks.cost_per_lead("technology")
    ratio: Decimal = ltv.benchmarks.median_ltv_cac("smb")
    return messages + [str(len(cohorts)), str(len(ranked)), str(rate), str(len(figures)), str(cpl), str(ratio)]
