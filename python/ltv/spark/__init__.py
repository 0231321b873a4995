"""The purchase models and the column formulas on Apache Spark (``pip install 'ltv[spark]'``: PySpark 3.5 or
4.x and Java 17), for customer bases that outgrow one machine:

- :func:`rfm_summary` / :func:`calibration_holdout`: a transaction log to one row per customer, as lazy
  Spark DataFrames built from Spark SQL expressions (no Python UDF), with the numbers of
  :func:`ltv.purchase.rfm_summary`;
- :func:`patterns` / :func:`fit`: the distinct ``(frequency, recency, age)`` histories with their counts,
  collected through Arrow (with a guard on their number), fitted with the native fitter, counts as weights:
  the ordinary fit and model file;
- :func:`score`: predictions for every customer with the Rust kernels on Arrow batches (``mapInArrow``);
  :func:`columns`: any ``ltv.vec`` formula the same way.

DataFrame API and ``mapInArrow`` only (no ``sparkContext``): a Spark Connect session works as a classic one.

The keywords are those of :func:`ltv.purchase.rfm_summary` (lifetimes' ``customer_id_col``,
``datetime_col``, ``monetary_value_col``, ``observation_period_end``, ``freq`` are ``customer``, ``time``,
``value``, ``observation_end``, ``unit``). :func:`local_session` starts a quiet ``local[2]`` session; the
README's "Spark" section runs the three calls end to end.

>>> import ltv.spark
>>> ltv.spark.OUTPUTS[:3]
('probability_alive', 'conditional_expected_purchases', 'probability_of_no_purchase')
"""

from __future__ import annotations

from ._fit import MAX_PATTERNS, fit, patterns
from ._score import OUTPUTS, Errors, Output, columns, score
from ._session import local_session
from ._summary import MAX_VALUE, calibration_holdout, rfm_summary

__all__ = [
    "MAX_PATTERNS",
    "MAX_VALUE",
    "OUTPUTS",
    "Errors",
    "Output",
    "calibration_holdout",
    "columns",
    "fit",
    "local_session",
    "patterns",
    "rfm_summary",
    "score",
]
