"""mypy --strict on a realistic use of the sBG, cohort LTV and plot API."""

from __future__ import annotations

from typing import List, Optional, Tuple

import numpy as np
import numpy.typing as npt

from ltv.plot import retention_heatmap, survival_plot
from ltv.retention import DEFAULT_DISCOUNT_RATE, CohortLtv, SbgFit, SbgModel, cohort_ltv, cohort_ltv_frame

fit: SbgFit = SbgFit.fit(surviving=[1000, 631, 468, 382, 326, 289, 262, 241])
pooled: SbgFit = SbgFit.fit_cohorts(cohorts=[[1000, 631, 468], np.array([500, 400, 350])])
model: SbgModel = fit.model
alpha: float = fit.alpha + model.beta
se: Optional[float] = fit.std_err_alpha
ses: List[Optional[float]] = fit.std_err
names: Tuple[str, ...] = SbgModel.PARAMS
tag: str = SbgModel.TAG + str(SbgModel.FORMAT_VERSION)
same: SbgModel = SbgModel.from_params(params=model.params())
n: int = fit.n_customers + fit.n_cohorts + fit.iterations
ok: bool = fit.converged and fit == SbgFit.from_json(fit.to_json())
s1: float = model.survival(3)
curve: npt.NDArray[np.float64] = model.survival(np.arange(13))
curve2: npt.NDArray[np.float64] = model.survival_curve(periods=12)
r: npt.NDArray[np.float64] = model.retention([1, 2, 3])
p: float = model.churn_probability(2)
derl: float = model.discounted_expected_residual_lifetime(discount_rate=0.1, n=5)
del_: float = model.discounted_expected_lifetime(discount_rate=DEFAULT_DISCOUNT_RATE)
ll: float = model.log_likelihood(cohorts=[[1000, 631, 468]])
m2: SbgModel = SbgModel.from_json(SbgModel(alpha=1.0, beta=2.0).to_json())

result: CohortLtv = cohort_ltv(
    surviving_customers=[1000, 550, 400],
    active_customers=[1000, 550, 400],
    revenue=[1e5, 5.5e4, 4e4],
    gross_margin=0.8,
    growth="observed",
    horizon=36,
    model=fit,
)
value: float = result.ltv_per_customer + result.observed_value + result.projected_value
fitted: Optional[SbgFit] = result.fit
ages: npt.NDArray[np.int64] = result.projection()["age"]


def report(table: object) -> None:
    """The frame helper and the plots take a long cohort table (pandas or polars)."""
    cohort_ltv_frame(table, gross_margin=0.8, discount_rate=0.01, model="pooled")
    retention_heatmap(table, value="net_revenue_retention")
    survival_plot(observed=table, cohort="2024-01", model=model, horizon=24)
