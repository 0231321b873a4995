"""A short, realistic use of the public API, type-checked with ``mypy --strict`` (tests/python/test_typing.py).

It is never run for its results; it must type-check, so that the stubs (python/ltv/_ltv.pyi) and the inline
annotations of ltv.vec and ltv.frame keep describing the API people use.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Dict, List, Optional

import numpy as np
import numpy.typing as npt
import polars as pl

import ltv
import ltv.frame
import ltv.vec

CENT = Decimal("0.01")


def cents(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_EVEN)


def unit_economics(arpu: Decimal, gross_margin: float, monthly_churn: str, cac: int) -> Dict[str, Any]:
    """One customer segment, exactly."""
    value: Decimal = ltv.saas_ltv(arpu=arpu, gross_margin=gross_margin, monthly_churn=monthly_churn)
    discounted: Decimal = ltv.discounted_ltv(
        monthly_margin=arpu * Decimal(str(gross_margin)),
        monthly_churn=monthly_churn,
        annual_discount_rate=0.1,
        timing="end_of_period",
        horizon_months=60,
    )
    ratio: ltv.LtvCacRatio = ltv.ltv_cac_ratio(ltv=value, cac=cac, healthy_min=3, healthy_max=5)
    payback: ltv.CacPayback = ltv.cac_payback_months(cac=cac, arpu=arpu, gross_margin=gross_margin)
    band: str = ratio.band
    meets: bool = payback.meets_target
    return {
        "ltv": cents(value),
        "discounted_ltv": cents(discounted),
        "ltv_cac": cents(ratio.ratio),
        "band": band,
        "max_cac": cents(ltv.max_cac(ltv=value, target_ratio=3)),
        "payback_months": payback.months,
        "meets_target": meets,
        "ratio_fields": ratio.to_dict(),
        "html": payback._repr_html_(),
    }


def leads() -> List[Decimal]:
    lead: Decimal = ltv.lead_ltv(customer_ltv=20_000, conversion_rate=Decimal("0.05"))
    zombie: bool = ltv.is_zombie(days_since_engagement=200)
    today = Decimal(0) if zombie else ltv.lead_value(
        customer_ltv=20_000, conversion_probability=0.05, months_to_close=18, days_since_engagement=30
    )
    return [lead, today, ltv.campaign_value(leads=100, lead_ltv=lead), ltv.bid_cap(lead_ltv=lead)]


def mrr() -> Optional[Decimal]:
    month = ltv.MrrMovements(starting_mrr=100_000, new=12_000, expansion=6_000, churned=2_500)
    nrr: Decimal = month.net_revenue_retention()
    starting: Decimal = month.starting_mrr
    try:
        return month.quick_ratio() + nrr - starting
    except ltv.UndefinedError:
        return None


def describe(err: ltv.LtvError) -> str:
    value: Optional[str] = err.value
    row: Optional[int] = err.row
    return f"{err.kind} in {err.field} (value {value}, row {row}): {err}"


def safe_saas(arpu: float, gross_margin: float, monthly_churn: float) -> Optional[Decimal]:
    try:
        return ltv.saas_ltv(arpu=arpu, gross_margin=gross_margin, monthly_churn=monthly_churn)
    except (ltv.ZeroChurnError, ltv.NegativeNetChurnError):
        return None
    except ltv.InvalidInputError as err:
        print(describe(err))
        raise


def columns() -> npt.NDArray[np.float64]:
    arpu = np.array([500.0, 250.0, 99.0])
    churn = np.array([0.03, 0.02, 0.0])
    values: npt.NDArray[np.float64] = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=churn, errors="nan")
    ratios = ltv.vec.ltv_cac_ratio(ltv=values, cac=[4000.0, 2000.0, 500.0], errors="nan")
    bands = ltv.vec.ltv_cac_band(ratio=ratios, healthy_min=3, healthy_max=5, errors="nan")
    print(bands.tolist())
    return values


def frames() -> pl.Series:
    df = pl.DataFrame({"arpu": [500.0, 250.0], "gross_margin": [0.8, 0.8], "churn": [0.03, 0.015]})
    out = ltv.frame.saas_ltv(df, monthly_churn="churn", errors="raise")
    assert isinstance(out, pl.Series)
    return out


if __name__ == "__main__":
    print(unit_economics(Decimal("500"), 0.8, "0.03", 4000), leads(), mrr(), columns(), frames())
