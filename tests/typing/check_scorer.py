"""Lead scoring as a user types it, checked with ``mypy --strict`` (tests/python/test_typing.py); never run."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

import ltv
import ltv.scoring
from ltv.scoring import Evaluation, LeadScorer, train_test_split


def score_leads(leads: pd.DataFrame) -> Tuple[LeadScorer, Evaluation, Any]:
    train, test = train_test_split(leads, test_size=0.25, seed=7)
    scorer: LeadScorer = LeadScorer.fit(
        train,
        target="converted",
        numeric=["pricing_page_visits", "webinar_attended", "email_opens"],
        categorical=["company_size", "industry"],
        c=1.0,
        standardize=True,
        sample_weight=None,
        tol=1e-10,
        max_iter=100,
    )
    evaluation: Evaluation = scorer.evaluate(test, bins=10)
    auc: float = evaluation.auc
    loss: float = evaluation.log_loss
    rows: int = evaluation.n_rows + evaluation.n_positive
    values = scorer.lead_values(test, customer_ltv="customer_ltv")
    flat = scorer.lead_values(test, customer_ltv=20_000)
    print(auc, loss, rows, values, flat, scorer.predict_proba(test), scorer.decision_function(test))
    return scorer, evaluation, evaluation.calibration


def inspect(scorer: LeadScorer) -> Dict[str, Any]:
    coef: npt.NDArray[np.float64] = scorer.coef
    names: List[str] = scorer.coefficient_names
    categories: Dict[str, List[str]] = scorer.categorical
    scales: Dict[str, Tuple[float, float]] = scorer.standardization
    numeric: List[str] = scorer.numeric
    text: str = scorer.to_json()
    back: LeadScorer = LeadScorer.from_json(text)
    return {
        "coef": coef,
        "names": names,
        "categories": categories,
        "scales": scales,
        "numeric": numeric,
        "same": back == scorer,
        "intercept": scorer.intercept,
        "c": scorer.c,
        "target": scorer.target,
        "training": scorer.training,
        "table": scorer.coefficients,
    }


def from_arrays() -> npt.NDArray[np.float64]:
    data = {"visits": np.array([0.0, 3.0, 1.0, 5.0]), "converted": np.array([0.0, 1.0, 0.0, 1.0])}
    scorer = LeadScorer.fit(data, numeric=["visits"])
    try:
        scorer.predict_proba({"visits": [float("nan")]})
    except ltv.InvalidInputError as err:
        print(err.field, err.row)
    p: npt.NDArray[np.float64] = scorer.predict_proba(data)
    return p
