"""ltv.cohort as people use it, type-checked with ``mypy --strict`` (never run for its results)."""

from __future__ import annotations

from typing import Any, Dict

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import polars as pl

import ltv
import ltv.cohort
from ltv.cohort import CohortAnalysis, cohort_table


def from_pandas(df: pd.DataFrame) -> Dict[str, Any]:
    cohorts: CohortAnalysis = cohort_table(df, customer="account", period="month", revenue="mrr", unit="month")
    table: Any = cohorts.table
    grid: Any = cohorts.pivot("net_revenue_retention")
    ltv12: Any = cohorts.realised_ltv(gross_margin=0.8, periods=12)
    payback: Any = cohorts.payback(gross_margin=0.8, cac=1200.0)
    per_cohort: Any = cohorts.payback(gross_margin=0.8, cac={"2024-01": 900.0, "2024-02": 1100.0})
    value: Any = cohorts.realised_value(gross_margin=0.75)
    size: int = cohorts.customers + cohorts.never_paying_customers
    unit: ltv.cohort.PeriodUnit = cohorts.unit
    return {"table": table, "grid": grid, "ltv": ltv12, "payback": payback, "per": per_cohort, "v": value,
            "size": size, "unit": unit}


def from_arrays() -> Any:
    cohorts = ltv.cohort.cohort_table(
        customer=np.array([1, 1, 2]),
        period=np.array(["2024-01-01", "2024-02-01", "2024-01-01"], dtype="datetime64[D]"),
        revenue=[10.0, 12.0, 5.0],
        unit="week",
    )
    return cohorts.movements


def from_polars(df: pl.DataFrame) -> Any:
    try:
        return cohort_table(df).table
    except ltv.InvalidInputError as err:
        row: Any = err.row
        return row
