"""Non-contractual purchase models ("buy till you die") and their data preparation.

Data preparation (:mod:`ltv.purchase._rfm`, on the Rust engine ``ltv_models::rfm_summary``):
:func:`rfm_summary` turns a transaction log into one row per customer (frequency x, recency t_x, age T,
monetary value), :func:`calibration_holdout` splits it into a calibration summary and holdout purchases.

>>> import pandas as pd
>>> from ltv.purchase import rfm_summary
>>> log = pd.DataFrame({"customer_id": [1, 1, 2], "date": ["2015-02-01", "2015-02-06", "2015-01-01"]})
>>> rfm_summary(log, observation_end="2015-02-07")[["frequency", "recency", "age"]].to_dict("list")
{'frequency': [1.0, 0.0], 'recency': [5.0, 0.0], 'age': [6.0, 37.0]}
"""

from __future__ import annotations

from ._rfm import RfmRecency, RfmUnit, TimeLike, calibration_holdout, rfm_summary

__all__ = ["RfmRecency", "RfmUnit", "TimeLike", "calibration_holdout", "rfm_summary"]
