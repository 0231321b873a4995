"""mypy --strict on a realistic use of the cohort heatmap, the MRR-movements chart, period labels, the calibration
plot and the attribution chart."""

from __future__ import annotations

import datetime
from typing import Any, List

import ltv
from ltv.cohort import CohortAnalysis, cohort_table
import ltv.attribution
from ltv.plot import attribution_plot, calibration_plot, cohort_heatmap, mrr_movements_plot, period_label, retention_heatmap

analysis: CohortAnalysis = cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
heatmap: Any = cohort_heatmap(analysis, max_age=12, age_zero="grey", annotate=None, cell_format="{:.1%}", cmap="Blues")
weekly: Any = retention_heatmap(analysis.table, value="net_revenue_retention", unit="month", age_zero="scale", ax=heatmap)
chart: Any = mrr_movements_plot(analysis, ax=None)
months: List[ltv.MrrMovements] = [ltv.MrrMovements(starting_mrr=100, new=10, churned=5)]
chart = mrr_movements_plot(months)
chart = mrr_movements_plot(analysis.movements, unit="month")
label: str = period_label(datetime.date(2024, 1, 15), "week")
touchpoints: Any = {"journey": [1, 1], "timestamp": [0, 7], "channel": ["ads", "email"]}
outcomes: Any = {"journey": [1], "converted": [1], "value": [10.0]}
credit: ltv.attribution.Attribution = ltv.attribution.attribute(touchpoints, outcomes, models=["linear", "markov"])
bars: Any = attribution_plot(credit, models=["linear"], metric="conversions", orientation="vertical", order="channel")
bars = attribution_plot(credit, ax=bars)
table: Any = {"count": [10], "mean_predicted": [0.5], "observed_rate": [0.4]}
reliability: Any = calibration_plot(table, counts="text", extent="data", outcome="churn", label="holdout", ax=None)
reliability = calibration_plot(table, counts="bars", extent="unit")
