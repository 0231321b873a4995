"""mypy --strict on a realistic use of the purchase, spend and customer-value API (ltv.purchase)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

import ltv
from ltv.purchase import (
    MAX_VALUE_MONTHS,
    BgNbdFit,
    BgNbdModel,
    GammaGammaFit,
    GammaGammaModel,
    MbgNbdFit,
    MbgNbdModel,
    customer_value,
)

frame = pd.DataFrame({"frequency": [0, 1, 2, 4, 7], "recency": [0, 10, 3, 30, 36], "age": [38.0] * 5})
fit: BgNbdFit = BgNbdFit.fit(frame, penalty=0.0)
weighted: BgNbdFit = ltv.BgNbdFit.fit(frequency=[0, 1, 2], recency=[0, 10, 3], age=38, weight=[600, 200, 150])
params: Dict[str, float] = fit.params
se: Dict[str, Optional[float]] = fit.std_err
ll: float = fit.log_likelihood
n: int = fit.n_customers + fit.iterations
ok: bool = fit.converged and fit == BgNbdFit.from_json(fit.to_json())
model: BgNbdModel = fit.model
names: Tuple[str, ...] = BgNbdModel.PARAMS
r: float = model.r + model.alpha + model.a + model.b
alive: Any = model.probability_alive(frame)
expected: Any = fit.conditional_expected_purchases(frame, t=39)
pmf: Any = model.probability_of_purchases(n=2, t=np.array([1.0, 10.0]))
none: Any = fit.probability_of_no_purchase(t=4, frequency=2, recency=30.0, age=38.0)
summary: Any = fit.summary()
mbg: MbgNbdModel = MbgNbdModel(r=0.24, alpha=4.4, a=0.79, b=2.4)
mfit: Optional[MbgNbdFit] = None
spend: GammaGammaModel = GammaGammaModel(p=6.25, q=3.74, gamma=15.44)
mean: float = spend.mean_spend()
gfit: Optional[GammaGammaFit] = None
value: Any = customer_value(
    mbg,
    frequency=[0, 2],
    recency=[0, 30.0],
    age=38.0,
    monetary_value=[0.0, 22.0],
    spend_model=spend,
    horizon_months=min(24, MAX_VALUE_MONTHS),
    time_unit="weeks",
    rate_period="annual",
    discount_rate=0.1,
    convention="lifetimes",
)
