"""Type stubs for the compiled module ``ltv._ltv`` (checked against the runtime by mypy.stubtest)."""

from decimal import Decimal
from typing import Any, Iterable as _Iterable, List as _List, Literal as _Literal, Optional, Optional as _Optional, Sequence, Tuple as _Tuple, Union, final, overload

import numpy as np
import numpy.typing as npt

_Number = Union[int, float, str, Decimal]
"""int, float, str or decimal.Decimal (bool and None are rejected); a stub-only alias."""

_Col = npt.NDArray[np.float64]

# The formula options (stub-only aliases; the strings are the core's `as_str` / `FromStr`).
_ChurnBasis = _Literal["logo", "gross_revenue", "net_revenue"]
_Timing = _Literal["start_of_period", "end_of_period", "end_of_period_survivors"]
_Period = _Literal["monthly", "annual"]
_Errors = _Literal["raise", "nan"]
_MrrMetric = _Literal[
    "ending_mrr", "gross_mrr_churn", "net_mrr_churn", "net_revenue_retention", "gross_revenue_retention", "quick_ratio"
]

__all__ = [
    "__version__",
    "LtvError",
    "InvalidInputError",
    "ZeroChurnError",
    "NegativeNetChurnError",
    "DivergenceError",
    "NotFiniteError",
    "LtvOverflowError",
    "UndefinedError",
    "DEFAULT_TARGET_RATIO",
    "DEFAULT_HEALTHY_MIN",
    "DEFAULT_HEALTHY_MAX",
    "DEFAULT_PAYBACK_TARGET_MONTHS",
    "DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE",
    "DEFAULT_DISCOUNT_AFTER_MONTHS",
    "DEFAULT_ZOMBIE_AFTER_DAYS",
    "DEFAULT_CHURN_BASIS",
    "DEFAULT_TIMING",
    "DEFAULT_RETENTION_PERIOD",
    "DEFAULT_ERRORS",
    "PARALLEL_MIN_ROWS",
    "LtvCacRatio",
    "CacPayback",
    "MrrMovements",
    "purchase_ltv",
    "subscription_ltv",
    "lifespan_from_churn",
    "saas_ltv",
    "monthly_churn_from_annual",
    "annual_to_monthly_rate",
    "discounted_ltv",
    "retention_cltv",
    "ltv_cac_ratio",
    "max_cac",
    "cac_payback_months",
    "lead_ltv",
    "net_lead_ltv",
    "present_value_lead_ltv",
    "lead_value",
    "is_zombie",
    "campaign_value",
    "bid_cap",
    "logo_churn_rate",
    "_disable_parallelism",
    "_vec_threads_spawned",
    "_vec_purchase_ltv",
    "_vec_subscription_ltv",
    "_vec_lifespan_from_churn",
    "_vec_saas_ltv",
    "_vec_monthly_churn_from_annual",
    "_vec_annual_to_monthly_rate",
    "_vec_discounted_ltv",
    "_vec_retention_cltv",
    "_vec_ltv_cac_ratio",
    "_vec_ltv_cac_band",
    "_vec_max_cac",
    "_vec_cac_payback_months",
    "_vec_lead_ltv",
    "_vec_net_lead_ltv",
    "_vec_present_value_lead_ltv",
    "_vec_lead_value",
    "_vec_campaign_value",
    "_vec_bid_cap",
    "_vec_logo_churn_rate",
    "_vec_mrr",
]

__version__: str

# Defaults of the formulas, from ltv-core (the signatures below use them; tests/python/test_defaults.py).
DEFAULT_TARGET_RATIO: int
DEFAULT_HEALTHY_MIN: int
DEFAULT_HEALTHY_MAX: int
DEFAULT_PAYBACK_TARGET_MONTHS: int
DEFAULT_LEAD_ANNUAL_DISCOUNT_RATE: Decimal
DEFAULT_DISCOUNT_AFTER_MONTHS: int
DEFAULT_ZOMBIE_AFTER_DAYS: int
DEFAULT_CHURN_BASIS: _ChurnBasis
DEFAULT_TIMING: _Timing
DEFAULT_RETENTION_PERIOD: _Period
DEFAULT_ERRORS: _Errors
PARALLEL_MIN_ROWS: int

class LtvError(ValueError):
    """Base class of every ltv error."""

    field: str
    value: Optional[str]
    kind: str
    row: Optional[int]
    label: Any
    """The pandas index label of ``row`` when the input was a pandas object, else ``None``."""

class InvalidInputError(LtvError): ...
class ZeroChurnError(LtvError): ...
class NegativeNetChurnError(LtvError): ...
class DivergenceError(LtvError): ...
class NotFiniteError(LtvError): ...
class LtvOverflowError(LtvError): ...
class UndefinedError(LtvError): ...

@final
class LtvCacRatio:
    @property
    def ratio(self) -> Decimal: ...
    @property
    def band(self) -> str: ...
    @property
    def healthy_min(self) -> Decimal: ...
    @property
    def healthy_max(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

@final
class CacPayback:
    @property
    def months(self) -> Decimal: ...
    @property
    def target_months(self) -> Decimal: ...
    @property
    def meets_target(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

@final
class MrrMovements:
    def __new__(
        cls,
        *,
        starting_mrr: _Number,
        new: _Number = 0,
        expansion: _Number = 0,
        contraction: _Number = 0,
        churned: _Number = 0,
        reactivation: _Number = 0,
    ) -> MrrMovements: ...
    @property
    def starting_mrr(self) -> Decimal: ...
    @property
    def new(self) -> Decimal: ...
    @property
    def expansion(self) -> Decimal: ...
    @property
    def contraction(self) -> Decimal: ...
    @property
    def churned(self) -> Decimal: ...
    @property
    def reactivation(self) -> Decimal: ...
    def ending_mrr(self) -> Decimal: ...
    def gross_mrr_churn(self) -> Decimal: ...
    def net_mrr_churn(self) -> Decimal: ...
    def net_revenue_retention(self) -> Decimal: ...
    def gross_revenue_retention(self) -> Decimal: ...
    def quick_ratio(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def purchase_ltv(
    *,
    average_purchase_value: _Number,
    purchase_frequency: _Number,
    customer_lifespan: _Number,
    gross_margin: Optional[_Number] = None,
) -> Decimal: ...
def subscription_ltv(*, average_monthly_revenue: _Number, lifespan_months: _Number) -> Decimal: ...
def lifespan_from_churn(*, monthly_churn: _Number, churn_basis: _ChurnBasis = "logo") -> Decimal: ...
def saas_ltv(*, arpu: _Number, gross_margin: _Number, monthly_churn: _Number, churn_basis: _ChurnBasis = "logo") -> Decimal: ...
def monthly_churn_from_annual(*, annual_churn: _Number, churn_basis: _ChurnBasis = "logo") -> Decimal: ...
def annual_to_monthly_rate(*, annual_rate: _Number) -> Decimal: ...
def discounted_ltv(
    *,
    monthly_margin: _Number,
    monthly_churn: _Number,
    annual_discount_rate: Optional[_Number] = None,
    monthly_discount_rate: Optional[_Number] = None,
    timing: _Timing = "start_of_period",
    horizon_months: Optional[int] = None,
    churn_basis: _ChurnBasis = "logo",
) -> Decimal: ...
def retention_cltv(
    *,
    revenue: _Number,
    gross_margin: _Number,
    retention: _Number,
    discount_rate: _Number,
    periods: int,
    period: _Period = "annual",
    timing: _Timing = "start_of_period",
) -> Decimal: ...
def ltv_cac_ratio(*, ltv: _Number, cac: _Number, healthy_min: _Number = 3, healthy_max: _Number = 5) -> LtvCacRatio: ...
def max_cac(*, ltv: _Number, target_ratio: _Number = 3) -> Decimal: ...
def cac_payback_months(*, cac: _Number, arpu: _Number, gross_margin: _Number, target_months: _Number = 18) -> CacPayback: ...
def lead_ltv(*, customer_ltv: _Number, conversion_rate: _Number) -> Decimal: ...
def net_lead_ltv(
    *, customer_ltv: _Number, conversion_rate: _Number, cac: _Number, nurture_cost: _Number = 0, time_factor: _Number = 1
) -> Decimal: ...
def present_value_lead_ltv(
    *,
    customer_ltv: _Number,
    conversion_rate: _Number,
    months_to_close: _Number,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
) -> Decimal: ...
def lead_value(
    *,
    customer_ltv: _Number,
    conversion_probability: _Number,
    months_to_close: _Number,
    days_since_engagement: _Number,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
    zombie_after_days: _Number = 180,
) -> Decimal: ...
def is_zombie(*, days_since_engagement: _Number, zombie_after_days: _Number = 180) -> bool: ...
def campaign_value(*, leads: int, lead_ltv: _Number) -> Decimal: ...
def bid_cap(*, lead_ltv: _Number, target_ratio: _Number = 3) -> Decimal: ...
def logo_churn_rate(*, customers_at_start: int, customers_lost: int) -> Decimal: ...

# Private column kernels behind ltv.vec (float64 arrays of length 1 or n; errors is "raise" or "nan").
def _disable_parallelism() -> None: ...
def _vec_threads_spawned() -> int: ...
def _vec_purchase_ltv(
    average_purchase_value: _Col,
    purchase_frequency: _Col,
    customer_lifespan: _Col,
    gross_margin: _Col,
    has_margin: bool,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_subscription_ltv(average_monthly_revenue: _Col, lifespan_months: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_lifespan_from_churn(monthly_churn: _Col, churn_basis: _ChurnBasis, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_saas_ltv(
    arpu: _Col, gross_margin: _Col, monthly_churn: _Col, churn_basis: _ChurnBasis, errors: _Errors, parallel: bool
) -> _Col: ...
def _vec_monthly_churn_from_annual(annual_churn: _Col, churn_basis: _ChurnBasis, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_annual_to_monthly_rate(annual_rate: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_discounted_ltv(
    monthly_margin: _Col,
    monthly_churn: _Col,
    annual_discount_rate: Optional[_Col],
    monthly_discount_rate: Optional[_Col],
    timing: _Timing,
    horizon_months: Optional[int],
    churn_basis: _ChurnBasis,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_retention_cltv(
    revenue: _Col,
    gross_margin: _Col,
    retention: _Col,
    discount_rate: _Col,
    periods: int,
    period: _Period,
    timing: _Timing,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_ltv_cac_ratio(ltv: _Col, cac: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_ltv_cac_band(ratio: _Col, healthy_min: float, healthy_max: float, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_max_cac(ltv: _Col, target_ratio: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_cac_payback_months(
    cac: _Col, arpu: _Col, gross_margin: _Col, target_months: _Col, errors: _Errors, parallel: bool
) -> _Col: ...
def _vec_lead_ltv(customer_ltv: _Col, conversion_rate: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_net_lead_ltv(
    customer_ltv: _Col,
    conversion_rate: _Col,
    cac: _Col,
    nurture_cost: _Col,
    time_factor: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_present_value_lead_ltv(
    customer_ltv: _Col,
    conversion_rate: _Col,
    months_to_close: _Col,
    annual_discount_rate: _Col,
    discount_after_months: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_lead_value(
    customer_ltv: _Col,
    conversion_probability: _Col,
    months_to_close: _Col,
    days_since_engagement: _Col,
    annual_discount_rate: _Col,
    discount_after_months: _Col,
    zombie_after_days: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...
def _vec_campaign_value(leads: _Col, lead_ltv: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_bid_cap(lead_ltv: _Col, target_ratio: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_logo_churn_rate(customers_at_start: _Col, customers_lost: _Col, errors: _Errors, parallel: bool) -> _Col: ...
def _vec_mrr(
    metric: _MrrMetric,
    starting_mrr: _Col,
    new: _Col,
    expansion: _Col,
    contraction: _Col,
    churned: _Col,
    reactivation: _Col,
    errors: _Errors,
    parallel: bool,
) -> _Col: ...

# --- leads ---

from typing import Literal as _Literal

_Codes = npt.NDArray[np.int64]

__all__ += [
    "LeadValuation",
    "AccountValuation",
    "explain_lead_value",
    "account_value",
    "shrunk_conversion_rate",
    "_leads_segment_table",
    "_leads_cohorts",
    "_leads_compare_campaigns",
    "_benchmarks",
    "_benchmark_find",
    "_defaults",
    "_invalid_input_error",
]

_RankBy = _Literal["total_value", "value_per_cost", "value_per_lead"]
_PeriodUnit = _Literal["month", "week", "day", "quarter", "year"]

@final
class LeadValuation:
    @property
    def value(self) -> Decimal: ...
    @property
    def base(self) -> Decimal: ...
    @property
    def discount_factor(self) -> Decimal: ...
    @property
    def nurture_cost(self) -> Decimal: ...
    @property
    def zombie(self) -> bool: ...
    def steps(self) -> list[dict[str, Any]]: ...
    def explain(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class AccountValuation:
    @property
    def stakeholders(self) -> int: ...
    @property
    def p_any(self) -> Decimal: ...
    @property
    def multiplier(self) -> Decimal: ...
    @property
    def p_uncapped(self) -> Decimal: ...
    @property
    def p_account(self) -> Decimal: ...
    @property
    def capped(self) -> bool: ...
    @property
    def zombie(self) -> bool: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def naive_sum(self) -> Decimal: ...
    @property
    def difference(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...

def explain_lead_value(
    *,
    customer_ltv: _Number,
    conversion_probability: _Number,
    months_to_close: _Number,
    days_since_engagement: _Number,
    nurture_cost: Optional[_Number] = None,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
    zombie_after_days: _Number = 180,
) -> LeadValuation: ...
def account_value(
    *,
    stakeholder_probabilities: _Iterable[_Number],
    account_ltv: _Number,
    months_to_close: _Number,
    days_since_engagement: _Number,
    committee_size: int = 3,
    committee_multiplier: _Number = 1.2,
    annual_discount_rate: _Number = 0.1,
    discount_after_months: _Number = 12,
    zombie_after_days: _Number = 180,
) -> AccountValuation: ...
def shrunk_conversion_rate(
    *, conversions: int, leads: int, prior_rate: _Number, prior_strength: _Number = 20
) -> Decimal: ...
def _leads_segment_table(
    labels: list[str],
    segment: _Codes,
    converted: _Col,
    customer_ltv: _Col,
    cost_per_lead: _Col,
    days_to_close: _Col,
    prior_strength: float,
    prior_rate: Optional[float],
    target_ratio: float,
    healthy_min: float,
    healthy_max: float,
    spread_threshold: float,
) -> dict[str, Any]: ...
def _leads_cohorts(
    labels: list[str],
    channel: _Codes,
    created: _Codes,
    converted: _Col,
    customer_ltv: _Col,
    prior_strength: float,
    prior_rate: Optional[float],
) -> dict[str, Any]: ...
def _leads_compare_campaigns(
    labels: list[str], campaign: _Codes, value: _Col, cost: _Col, rank_by: _RankBy
) -> dict[str, Any]: ...
def _benchmarks() -> list[dict[str, Any]]: ...
def _benchmark_find(metric: str, segment: str) -> dict[str, Any]: ...
def _defaults() -> dict[str, Any]: ...
def _invalid_input_error(field: str, value: str, row: Optional[int], allowed: str) -> InvalidInputError: ...
# --- sbg (retention models and cohort LTV) ---


__all__ += ["SbgModel", "SbgFit", "CohortLtv", "_cohort_ltv", "_cohort_ltv_table"]
__all__ += [
    "SBG_MIN_PARAMETER",
    "SBG_MAX_PARAMETER",
    "MAX_PERIODS",
    "MAX_TABLE_AGES",
    "MAX_FEATURE_MAGNITUDE",
    "MIN_FEATURE_SCALE",
    "MAX_COEFFICIENT",
    "MAX_SCORER_ITERATIONS",
    "MAX_SERIES_TERMS",
    "MAX_COHORT_CELLS",
]

SBG_MIN_PARAMETER: float
SBG_MAX_PARAMETER: float
MAX_PERIODS: int
MAX_TABLE_AGES: int
MAX_FEATURE_MAGNITUDE: float
MIN_FEATURE_SCALE: float
MAX_COEFFICIENT: float
MAX_SCORER_ITERATIONS: int
MAX_SERIES_TERMS: int
MAX_COHORT_CELLS: int

@final
class SbgModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, alpha: float, beta: float) -> SbgModel: ...
    def params(self) -> _List[float]: ...
    @staticmethod
    def from_params(*, params: Sequence[float]) -> SbgModel: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @overload
    def survival(self, t: int) -> float: ...
    @overload
    def survival(self, t: Union[Sequence[int], npt.NDArray[Any]]) -> npt.NDArray[np.float64]: ...
    def survival_curve(self, *, periods: int) -> npt.NDArray[np.float64]: ...
    @overload
    def retention(self, t: int) -> float: ...
    @overload
    def retention(self, t: Union[Sequence[int], npt.NDArray[Any]]) -> npt.NDArray[np.float64]: ...
    @overload
    def churn_probability(self, t: int) -> float: ...
    @overload
    def churn_probability(self, t: Union[Sequence[int], npt.NDArray[Any]]) -> npt.NDArray[np.float64]: ...
    def expected_lifetime(self) -> float: ...
    def discounted_expected_lifetime(self, *, discount_rate: float) -> float: ...
    def discounted_expected_residual_lifetime(self, *, discount_rate: float, n: int) -> float: ...
    def log_likelihood(self, *, cohorts: Sequence[Union[Sequence[int], npt.NDArray[Any]]]) -> float: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> SbgModel: ...

@final
class SbgFit:
    @staticmethod
    def fit(*, surviving: Union[Sequence[int], npt.NDArray[Any]]) -> SbgFit: ...
    @staticmethod
    def fit_cohorts(*, cohorts: Sequence[Union[Sequence[int], npt.NDArray[Any]]]) -> SbgFit: ...
    @property
    def model(self) -> SbgModel: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def std_err_alpha(self) -> Optional[float]: ...
    @property
    def std_err_beta(self) -> Optional[float]: ...
    @property
    def std_err(self) -> _List[Optional[float]]: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def n_cohorts(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> SbgFit: ...

@final
class CohortLtv:
    @property
    def cohort_size(self) -> int: ...
    @property
    def ages_observed(self) -> int: ...
    @property
    def observed_value(self) -> float: ...
    @property
    def projected_value(self) -> float: ...
    @property
    def ltv_per_customer(self) -> float: ...
    @property
    def model(self) -> SbgModel: ...
    @property
    def fit(self) -> Optional[SbgFit]: ...
    @property
    def growth_rate(self) -> float: ...
    @property
    def margin_per_active(self) -> float: ...
    def projection(self) -> dict[str, npt.NDArray[Any]]: ...

def _cohort_ltv(
    *,
    surviving_customers: Any,
    active_customers: Any,
    revenue: Any,
    gross_margin: float,
    discount_rate: float,
    horizon: Optional[int] = None,
    growth: Union[None, str, float] = None,
    model: Union[SbgModel, SbgFit, None] = None,
) -> CohortLtv: ...
def _cohort_ltv_table(
    *,
    cohort: Sequence[Any],
    age: Any,
    surviving_customers: Any,
    active_customers: Any,
    revenue: Any,
    gross_margin: float,
    discount_rate: float,
    horizon: Optional[int] = None,
    growth: Union[None, str, float] = None,
    model: Union[SbgModel, SbgFit, str, None] = None,
) -> _Tuple[_List[Any], _List[CohortLtv]]: ...
# --- cohort ---

__all__ += ["_CohortResult", "_cohort_analyse", "_cohort_parse_periods", "_cohort_days_to_periods", "_cohort_period_starts"]

_Int64 = npt.NDArray[np.int64]

@final
class _CohortResult:
    @property
    def unit(self) -> _PeriodUnit: ...
    @property
    def customers(self) -> int: ...
    @property
    def never_paying_customers(self) -> int: ...
    @property
    def period_range(self) -> tuple[int, int]: ...
    def table(self) -> dict[str, Any]: ...
    def movements(self) -> dict[str, Any]: ...
    def realised_value(self, gross_margin: float) -> dict[str, Any]: ...
    def realised_ltv(self, gross_margin: float, periods: int) -> dict[str, Any]: ...
    def payback(
        self,
        gross_margin: float,
        cac: Optional[float],
        cac_cohorts: Optional[_Int64] = None,
        cac_values: Optional[_Col] = None,
    ) -> dict[str, Any]: ...

def _cohort_analyse(customers: _Int64, periods: _Int64, revenue: _Col, unit: _PeriodUnit) -> _CohortResult: ...
def _cohort_parse_periods(values: list[str], unit: _PeriodUnit, rows: Optional[list[int]] = None) -> _Int64: ...
def _cohort_days_to_periods(days: _Int64, unit: _PeriodUnit) -> _Int64: ...
def _cohort_period_starts(periods: _Int64, unit: _PeriodUnit) -> _Int64: ...
# --- scorer ---

__all__ += ["_LeadScorer", "_scorer_disable_parallelism", "_scorer_holdout_mask", "_scorer_auc"]


@final
class _LeadScorer:
    @staticmethod
    def fit(
        numeric_names: _List[str],
        numeric: _List[_Col],
        categorical_names: _List[str],
        codes: _List[_Codes],
        categories: _List[_List[str]],
        target_name: str,
        target: _Col,
        sample_weight: _Optional[_Col],
        c: float,
        standardize: bool,
        tolerance: float,
        max_iterations: int,
    ) -> _LeadScorer: ...
    def predict_proba(
        self, numeric_names: _List[str], numeric: _List[_Col], categorical_names: _List[str], codes: _List[_Codes]
    ) -> _Col: ...
    def decision_function(
        self, numeric_names: _List[str], numeric: _List[_Col], categorical_names: _List[str], codes: _List[_Codes]
    ) -> _Col: ...
    def lead_values(
        self,
        numeric_names: _List[str],
        numeric: _List[_Col],
        categorical_names: _List[str],
        codes: _List[_Codes],
        customer_ltv: _Col,
    ) -> _Col: ...
    def evaluate(
        self,
        numeric_names: _List[str],
        numeric: _List[_Col],
        categorical_names: _List[str],
        codes: _List[_Codes],
        target: _Col,
        bins: int,
    ) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> _LeadScorer: ...
    @property
    def target(self) -> str: ...
    @property
    def numeric_features(self) -> _List[_Tuple[str, float, float]]: ...
    @property
    def categorical_features(self) -> _List[_Tuple[str, _List[str]]]: ...
    @property
    def feature_names(self) -> _List[str]: ...
    @property
    def coefficient_names(self) -> _List[str]: ...
    @property
    def coefficients(self) -> _Col: ...
    @property
    def intercept(self) -> float: ...
    @property
    def c(self) -> float: ...
    @property
    def standardized(self) -> bool: ...
    @property
    def training(self) -> dict[str, Any]: ...

def _scorer_disable_parallelism() -> None: ...
def _scorer_holdout_mask(n_rows: int, test_fraction: float, seed: int) -> npt.NDArray[np.bool_]: ...
def _scorer_auc(scores: _Col, target: _Col) -> float: ...

# --- purchase and spend models (ltv.purchase) ---

__all__ += ["BgNbdModel", "BgNbdFit", "MbgNbdModel", "MbgNbdFit", "GammaGammaModel", "GammaGammaFit", "_customer_value"]
__all__ += [
    "PURCHASE_MIN_PARAMETER",
    "PURCHASE_MAX_PARAMETER",
    "MAX_PURCHASE_COUNT",
    "MAX_FIT_ITERATIONS",
    "MAX_SIMULATED_CUSTOMERS",
    "MAX_SIMULATED_PURCHASES",
    "MAX_VALUE_MONTHS",
    "SPEND_MIN_PARAMETER",
    "SPEND_MAX_PARAMETER",
]

@final
class BgNbdModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, a: float, b: float) -> BgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def r(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def a(self) -> float: ...
    @property
    def b(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgNbdModel: ...

@final
class BgNbdFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        age: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> BgNbdFit: ...
    @property
    def model(self) -> BgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgNbdFit: ...

@final
class MbgNbdModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, a: float, b: float) -> MbgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def r(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def a(self) -> float: ...
    @property
    def b(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> MbgNbdModel: ...

@final
class MbgNbdFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        age: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> MbgNbdFit: ...
    @property
    def model(self) -> MbgNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> MbgNbdFit: ...

@final
class GammaGammaModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, p: float, q: float, gamma: float) -> GammaGammaModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def p(self) -> float: ...
    @property
    def q(self) -> float: ...
    @property
    def gamma(self) -> float: ...
    def conditional_expected_spend(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def mean_spend(self) -> float: ...
    def spend_variance(self) -> float: ...
    def simulate(self, *, frequency: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> GammaGammaModel: ...

@final
class GammaGammaFit:
    @staticmethod
    def fit(
        data: Any = None, *, frequency: Any = None, monetary_value: Any = None, weight: Any = None, penalty: float = 0.0
    ) -> GammaGammaFit: ...
    @property
    def model(self) -> GammaGammaModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def conditional_expected_spend(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, monetary_value: Any = None) -> Any: ...
    def mean_spend(self) -> float: ...
    def spend_variance(self) -> float: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> GammaGammaFit: ...

def _customer_value(
    model: Union[BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit],
    frequency: _Col,
    recency: _Col,
    age: _Col,
    spend: _Col,
    horizon_months: int,
    time_unit: str,
    discount_rate: float,
    rate_period: str,
    margin: float,
    convention: str,
) -> _Col: ...

PURCHASE_MIN_PARAMETER: float
PURCHASE_MAX_PARAMETER: float
MAX_PURCHASE_COUNT: int
MAX_FIT_ITERATIONS: int
MAX_SIMULATED_CUSTOMERS: int
MAX_SIMULATED_PURCHASES: int
MAX_VALUE_MONTHS: int
SPEND_MIN_PARAMETER: float
SPEND_MAX_PARAMETER: float

# --- Pareto/NBD and BG/BB (ltv.purchase) ---

__all__ += ["ParetoNbdModel", "ParetoNbdFit", "BgBbModel", "BgBbFit", "MAX_OPPORTUNITIES"]

@final
class ParetoNbdModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, r: float, alpha: float, s: float, beta: float) -> ParetoNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def r(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def s(self) -> float: ...
    @property
    def beta(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> ParetoNbdModel: ...
    def simulate(self, *, age: Any, seed: int = 0) -> dict[str, _Col]: ...

@final
class ParetoNbdFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        age: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> ParetoNbdFit: ...
    @property
    def model(self) -> ParetoNbdModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, age: Any = None) -> Any: ...
    def conditional_expected_purchases(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def conditional_probability_of_purchases(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_of_no_purchase(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, age: Any = None
    ) -> Any: ...
    def expected_purchases(self, *, t: Any) -> Any: ...
    def probability_of_purchases(self, *, n: Any, t: Any) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> ParetoNbdFit: ...

@final
class BgBbModel:
    TAG: str
    FORMAT_VERSION: int
    PARAMS: _Tuple[str, ...]
    def __new__(cls, *, alpha: float, beta: float, gamma: float, delta: float) -> BgBbModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @property
    def gamma(self) -> float: ...
    @property
    def delta(self) -> float: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def conditional_expected_transactions(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def expected_transactions(self, *, t: Any) -> Any: ...
    def probability_of_transactions(self, *, n: Any, t: Any) -> Any: ...
    def conditional_probability_of_transactions(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_of_no_transaction(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def simulate(self, *, periods: Any, seed: int = 0) -> dict[str, _Col]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgBbModel: ...

@final
class BgBbFit:
    @staticmethod
    def fit(
        data: Any = None,
        *,
        frequency: Any = None,
        recency: Any = None,
        periods: Any = None,
        weight: Any = None,
        penalty: float = 0.0,
        start: Optional[Sequence[float]] = None,
        max_iterations: int = 200,
    ) -> BgBbFit: ...
    @property
    def model(self) -> BgBbModel: ...
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def std_err(self) -> dict[str, Optional[float]]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def n_customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    def summary(self) -> Any: ...
    def customer_log_likelihood(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def probability_alive(self, data: Any = None, *, frequency: Any = None, recency: Any = None, periods: Any = None) -> Any: ...
    def conditional_expected_transactions(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def discounted_expected_residual_transactions(
        self, data: Any = None, *, discount_rate: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def expected_transactions(self, *, t: Any) -> Any: ...
    def probability_of_transactions(self, *, n: Any, t: Any) -> Any: ...
    def conditional_probability_of_transactions(
        self, data: Any = None, *, n: Any, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_of_no_transaction(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def probability_alive_at(
        self, data: Any = None, *, t: Any, frequency: Any = None, recency: Any = None, periods: Any = None
    ) -> Any: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> BgBbFit: ...

MAX_OPPORTUNITIES: float
# --- rfm (ltv.purchase._rfm) ---

__all__ += ["_rfm_summary", "_rfm_calibration_holdout"]

_TimeUnit = _Literal["day", "week", "month", "hour"]
_Recency = _Literal["since_first", "since_last"]

def _rfm_summary(
    customer: npt.NDArray[np.int64],
    time: npt.NDArray[np.int64],
    value: Optional[_Col],
    time_base: str,
    unit: _TimeUnit,
    unit_multiple: int,
    fractional: bool,
    recency: _Recency,
    observation_end: Optional[int],
) -> dict[str, Any]: ...
def _rfm_calibration_holdout(
    customer: npt.NDArray[np.int64],
    time: npt.NDArray[np.int64],
    value: Optional[_Col],
    time_base: str,
    calibration_end: int,
    observation_end: int,
    unit: _TimeUnit,
    unit_multiple: int,
    fractional: bool,
    recency: _Recency,
) -> dict[str, Any]: ...

# --- account health (ltv.health) ---

__all__ += [
    "_health_features",
    "_health_hazard",
    "_health_lift",
    "_health_risk_ltv",
    "_health_value_at_risk",
    "_health_synthetic",
]

def _health_features(
    account: _Int64,
    period: _Int64,
    revenue: _Col,
    metric_names: list[str],
    metrics: list[_Col],
    churned: npt.NDArray[np.bool_],
    horizon: int,
    window: int,
) -> tuple[list[str], list[_Col], _Col, npt.NDArray[np.bool_]]: ...
def _health_hazard(probability: _Col, horizon: int) -> _Col: ...
def _health_lift(values: _Col, label: _Col, edges: list[float], reference: int, z: float) -> list[dict[str, Any]]: ...
def _health_risk_ltv(
    revenue: _Col,
    hazard: _Col,
    margin: float,
    discount_rate: float,
    baseline_hazard: Optional[float],
    half_life: Optional[float],
) -> tuple[_Col, _Col]: ...
def _health_value_at_risk(
    revenue: _Col,
    probability: _Col,
    hazard: _Col,
    edges: list[float],
    reduction: float,
    margin: float,
    discount_rate: float,
    baseline_hazard: Optional[float],
    half_life: Optional[float],
) -> list[dict[str, Any]]: ...
def _health_synthetic(accounts: int, periods: int, seed: int) -> dict[str, Any]: ...
