"""mypy --strict on a realistic use of the cohort heatmap, the MRR-movements chart and period labels."""

from __future__ import annotations

import datetime
from typing import Any, List

import ltv
from ltv.cohort import CohortAnalysis, cohort_table
from ltv.plot import cohort_heatmap, mrr_movements_plot, period_label, retention_heatmap

analysis: CohortAnalysis = cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
heatmap: Any = cohort_heatmap(analysis, max_age=12, age_zero="grey", annotate=None, cell_format="{:.1%}", cmap="Blues")
weekly: Any = retention_heatmap(analysis.table, value="net_revenue_retention", unit="month", age_zero="scale", ax=heatmap)
chart: Any = mrr_movements_plot(analysis, ax=None)
months: List[ltv.MrrMovements] = [ltv.MrrMovements(starting_mrr=100, new=10, churned=5)]
chart = mrr_movements_plot(months)
chart = mrr_movements_plot(analysis.movements, unit="month")
label: str = period_label(datetime.date(2024, 1, 15), "week")
