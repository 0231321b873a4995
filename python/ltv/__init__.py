"""ltv: customer and lead lifetime value (LTV) and unit economics.

Exact one value at a time (``decimal.Decimal`` in and out, the same Rust code as the ``ltv-core`` crate)
and fast over whole columns (:mod:`ltv.vec`, :mod:`ltv.frame`). Cohort tables (:mod:`ltv.cohort`), the
shifted-beta-geometric retention model and cohort LTV (:mod:`ltv.retention`, plots in :mod:`ltv.plot`), lead
valuation (:mod:`ltv.leads`, reference figures in :mod:`ltv.benchmarks`) and predictive lead scoring
(:mod:`ltv.scoring`) build on the same Rust crates.

>>> import ltv
>>> from decimal import Decimal
>>> ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03).quantize(Decimal("0.01"))
Decimal('13333.33')

Inputs: ``int``, ``float``, ``str`` or ``decimal.Decimal``. A float goes through its shortest repr (0.03 is
``Decimal("0.03")``); a value finer than 28 decimal places is rounded to 28 places (half to even), and a non-zero
value that would round to 0 (``5e-324``) is an :class:`InvalidInputError`. ``bool`` and
``None`` raise ``TypeError``; NaN and infinities raise :class:`NotFiniteError`. Every error that an input
cannot be valued is an :class:`LtvError` (a ``ValueError``) subclass with ``.field``, ``.value`` and ``.kind``.
A column name that is not in the frame is a :class:`MissingColumnError`: an :class:`InvalidInputError` that is
also a ``KeyError``, naming the keyword that maps the column and listing the frame's columns.

Every function here takes keyword arguments only. Functions that take a whole table (a pandas or polars
DataFrame) live in their module and take the table as their one positional argument:
``ltv.frame.saas_ltv(df, ...)``, ``ltv.cohort.cohort_table(df)``, ``ltv.retention.cohort_ltv_frame(table, ...)``,
``ltv.leads.segment_table(df)``, ``ltv.leads.compare_campaigns(df)``, ``ltv.leads.lead_cohorts(df)``,
``ltv.scoring.train_test_split(df)``.
"""

from __future__ import annotations

import os as _os
import typing as _typing

from . import _ltv
from ._ltv import (
    CacPayback,
    DivergenceError,
    InvalidInputError,
    LtvCacRatio,
    LtvError,
    LtvOverflowError,
    MrrMovements,
    NegativeNetChurnError,
    NotFiniteError,
    UndefinedError,
    ZeroChurnError,
    __version__,
    annual_to_monthly_rate,
    bid_cap,
    cac_payback_months,
    campaign_value,
    discounted_ltv,
    is_zombie,
    lead_ltv,
    lead_value,
    lifespan_from_churn,
    logo_churn_rate,
    ltv_cac_ratio,
    max_cac,
    monthly_churn_from_annual,
    net_lead_ltv,
    present_value_lead_ltv,
    purchase_ltv,
    retention_cltv,
    saas_ltv,
    subscription_ltv,
)
from ._columns import MissingColumnError
from . import benchmarks, billing, cohort, frame, health, leads, plot, purchase, retention, scoring, vec
from . import attribution, channels
from .cohort import CohortAnalysis
from .leads import (
    AccountValuation,
    LeadValuation,
    SegmentTable,
    account_value,
    explain_lead_value,
    shrunk_conversion_rate,
    value_account,
    value_lead,
)
from .purchase import BgBbFit, BgBbModel, ParetoNbdFit, ParetoNbdModel
from .purchase import BgNbdFit, BgNbdModel, MbgNbdFit, MbgNbdModel
from .retention import CohortLtv, SbgFit, SbgModel, cohort_ltv
from .scoring import Evaluation, LeadScorer

__all__ = [
    # Errors.
    "LtvError",
    "InvalidInputError",
    "MissingColumnError",
    "ZeroChurnError",
    "NegativeNetChurnError",
    "DivergenceError",
    "NotFiniteError",
    "LtvOverflowError",
    "UndefinedError",
    # Result classes.
    "LtvCacRatio",
    "CacPayback",
    "MrrMovements",
    # Customer LTV.
    "purchase_ltv",
    "subscription_ltv",
    "lifespan_from_churn",
    "saas_ltv",
    "discounted_ltv",
    "retention_cltv",
    # Rates.
    "monthly_churn_from_annual",
    "annual_to_monthly_rate",
    "logo_churn_rate",
    # Unit economics.
    "ltv_cac_ratio",
    "max_cac",
    "cac_payback_months",
    # Leads.
    "lead_ltv",
    "net_lead_ltv",
    "present_value_lead_ltv",
    "lead_value",
    "is_zombie",
    "campaign_value",
    "bid_cap",
    # Cohorts (ltv.cohort).
    "CohortAnalysis",
    # Retention models and cohort LTV (ltv.retention).
    "SbgModel",
    "SbgFit",
    "CohortLtv",
    "cohort_ltv",
    # Purchase models (ltv.purchase).
    "BgNbdModel",
    "BgNbdFit",
    "MbgNbdModel",
    "MbgNbdFit",
    "ParetoNbdModel",
    "ParetoNbdFit",
    "BgBbModel",
    "BgBbFit",
    # Lead valuation (ltv.leads).
    "SegmentTable",
    "shrunk_conversion_rate",
    "explain_lead_value",
    "LeadValuation",
    "account_value",
    "AccountValuation",
    # Predictive lead scoring (ltv.scoring).
    "LeadScorer",
    "Evaluation",
    # Modules.
    "vec",
    "frame",
    "cohort",
    "billing",
    "retention",
    "purchase",
    "plot",
    "leads",
    "channels",
    "benchmarks",
    "scoring",
    "attribution",
    "health",
    "__version__",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


if _typing.TYPE_CHECKING:
    from .leads import SegmentReport
else:

    def __getattr__(name: str) -> _typing.Any:
        if name == "SegmentReport":  # deprecated: renamed SegmentTable (warns, as ltv.leads.SegmentReport)
            return getattr(leads, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if hasattr(_os, "register_at_fork"):
    # rayon's thread pool does not survive fork(): run single-threaded in forked children.
    _os.register_at_fork(after_in_child=_ltv._disable_parallelism)
