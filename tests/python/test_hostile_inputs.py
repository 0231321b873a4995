"""Hostile input (issue 10), the formula and table slice: every public function of ``ltv``, ``ltv.vec``,
``ltv.frame``, ``ltv.cohort``, ``ltv.leads`` and ``ltv.benchmarks`` (the models have ``test_hostile_models.py``).

The contract checked for every call, whatever the input: it returns finite numbers, or raises an
``ltv.LtvError`` subclass whose ``.field`` is a public parameter or column name (never an internal function's),
or a ``TypeError`` whose message names the parameter, or (a missing frame column only) a ``KeyError`` naming
the column. No other exception, no NaN or infinity in a result, no call running past a bound.

Hypothesis draws which arguments to spoil and with what, from strategies for each class of hostile input found
in issue 10: values of the wrong kind (complex, dates, durations, booleans, strings, nested lists, mappings,
DataFrames), non-finite and extreme numbers (NaN, infinities, 1e308, 5e-324, ints past any range, values that
round to 0), strings that are not valid Unicode, and option arguments of the wrong type.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from decimal import Decimal
from typing import Any, Callable, Dict, List, Tuple

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ltv

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
BOUND_S = 20.0  # far above any call's cost: a regression to a hang fails instead of freezing CI

# ---------------------------------------------------------------------------------------------------------
# Hostile values, by class.

SCALARS: List[Any] = [
    None, True, False, np.bool_(True), 1 + 2j, np.complex128(1j), math.nan, math.inf, -math.inf, 1e308, -1e308,
    1.7976931348623157e308, 5e-324, -5e-324, 1.77e-34, 0.0, -0.0, -1, -1.5, 10**400, -(10**400), 2**64, 2**31,
    "abc", "", " ", "\ud800", "1e999", "-inf", "NaN", "1" * 200, Decimal("NaN"), Decimal("sNaN"), Decimal("1E+400"),
    Decimal("-1E-400"), np.datetime64("2024-01-01"), np.timedelta64(3, "D"), dt.date(2024, 1, 1),
    dt.datetime(2024, 1, 1), dt.timedelta(days=1), b"12", object(), np.float32(np.nan), np.int64(-(2**63)),
]
COLUMNS: List[Any] = [
    [], [1.0, True], [1, "2"], [[1.0, 2.0], [3.0]], [[1.0], [2.0]], [1 + 1j], [None, 1.0], [10**400], [math.nan],
    {"a": 1.0}, {1.0, 2.0}, "12", np.array(["2024-01-01"], dtype="datetime64[D]"), np.array([1], dtype="timedelta64[s]"),
    np.array([1 + 1j]), np.array([True, False]), np.array([["x"]]), np.ones((2, 2)), np.ma.array([1.0, 2.0], mask=[0, 1]),
    np.array([1.0, np.inf]), pd.Series([1.0]), pd.Series(pd.to_datetime(["2024-01-01"])), pd.Series(["a", "b"]),
    pd.Series([1.0, None], dtype="Float64"), pd.DataFrame({"a": [1.0]}), pl.Series([dt.date(2024, 1, 1)]),
    pl.Series([True]), pl.Series(["x"]), pl.DataFrame({"a": [1.0]}), np.array([1.0, 2.0, 3.0])[::-2],
]
OPTIONS: List[Any] = [1.5, None, True, b"logo", "\ud800", "LOGO", "", ["logo"], 0]

CELLS: List[Any] = [None, math.nan, math.inf, -1.0, 1e308, True, "x", "\ud800", 1 + 1j, 10**400, dt.date(2024, 1, 1),
                    dt.timedelta(days=1), [1], {"a": 1}, b"x", Decimal("NaN"), "2024-13", "1e999", -(2**70), 5e-324]
hostile = st.sampled_from(SCALARS + COLUMNS)


def bounded(fn: Callable[[], Any]) -> Tuple[str, Any]:
    """Runs ``fn`` in a thread: ("ok", result) or ("raised", exception); a call past BOUND_S fails the test."""
    box: Dict[str, Any] = {}

    def target() -> None:
        try:
            box["ok"] = fn()
        except BaseException as e:  # noqa: BLE001 - every exception is judged below
            box["raised"] = e

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(BOUND_S)
    assert not t.is_alive(), f"call still running after {BOUND_S} s"
    return ("raised", box["raised"]) if "raised" in box else ("ok", box.get("ok"))


def finite(x: Any) -> bool:
    """Whether every number in a result is finite (Decimals, floats, arrays, Series, frames, result objects)."""
    if x is None or isinstance(x, (bool, str)):
        return True
    if isinstance(x, Decimal):
        return x.is_finite()
    if isinstance(x, (int, np.integer)):
        return True
    if isinstance(x, (float, np.floating)):
        return math.isfinite(x)
    if isinstance(x, np.ndarray):
        return x.dtype.kind not in "fc" or bool(np.isfinite(x).all())
    if isinstance(x, pd.Series):
        return finite(x.to_numpy(dtype=float, na_value=0.0)) if x.dtype.kind in "fiu" else True
    if isinstance(x, pd.DataFrame):
        # A table's missing values (no data for a segment) are NaN by design: only infinities are wrong.
        numeric = x.select_dtypes("number").to_numpy(dtype=float, na_value=0.0)
        return not np.isinf(numeric).any()
    if isinstance(x, pl.DataFrame):
        return not any(np.isinf(x[c].to_numpy()).any() for c in x.columns if x[c].dtype.is_float())
    if isinstance(x, (list, tuple)):
        return all(finite(v) for v in x)
    if isinstance(x, dict):
        return all(finite(v) for v in x.values())
    if hasattr(x, "to_dict"):
        return finite(x.to_dict())
    return True


def judge(outcome: Tuple[str, Any], spoiled: List[str], public: List[str]) -> None:
    """The contract of the module docstring."""
    kind, value = outcome
    if kind == "ok":
        assert finite(value), f"non-finite result {value!r} for spoiled {spoiled}"
        return
    err = value
    if isinstance(err, ltv.LtvError):
        field = getattr(err, "field", None)
        assert field is None or not str(field).startswith("_"), f"internal name as field: {err!r}"
        # A field is a public name, or a combination of them ("churned + contraction", "features.scale").
        names = re.findall(r"[A-Za-z_]\w*", str(field or ""))
        assert field is None or names[:1] and names[0] in public, f"field {field!r} not public: {err}"
        assert len(str(err)) < 400, f"unbounded message: {str(err)[:100]}..."
        return
    if isinstance(err, TypeError):
        text = str(err)
        assert any(name in text for name in spoiled + public), f"TypeError naming no parameter: {text!r}"
        assert "'float' object is not an instance" not in text
        return
    if isinstance(err, KeyError) and not isinstance(err, ltv.LtvError):
        # A lookup by key (a frame column, a benchmark) names what was looked up.
        assert "column" in str(err) or "no such benchmark" in str(err), f"bare KeyError: {err!r}"
        return
    raise AssertionError(f"{type(err).__name__} escaped for spoiled {spoiled}: {err!r}") from err


# ---------------------------------------------------------------------------------------------------------
# Valid calls, one per public function: the hostile tests spoil one or two of their arguments.

SCALAR_CALLS: Dict[str, Tuple[Callable[..., Any], Dict[str, Any]]] = {
    "purchase_ltv": (ltv.purchase_ltv, dict(average_purchase_value=50, purchase_frequency=4, customer_lifespan=3, gross_margin=0.6)),
    "subscription_ltv": (ltv.subscription_ltv, dict(average_monthly_revenue=100, lifespan_months=24)),
    "lifespan_from_churn": (ltv.lifespan_from_churn, dict(monthly_churn=0.05, churn_basis="logo")),
    "saas_ltv": (ltv.saas_ltv, dict(arpu=100, gross_margin=0.8, monthly_churn=0.05, churn_basis="logo")),
    "discounted_ltv": (ltv.discounted_ltv, dict(monthly_margin=80, monthly_churn=0.05, annual_discount_rate=0.1,
                                                timing="end_of_period", horizon_months=36, churn_basis="logo")),
    "retention_cltv": (ltv.retention_cltv, dict(revenue=1000, gross_margin=0.7, retention=0.8, discount_rate=0.1,
                                                periods=5, period="annual", timing="start_of_period")),
    "monthly_churn_from_annual": (ltv.monthly_churn_from_annual, dict(annual_churn=0.3, churn_basis="logo")),
    "annual_to_monthly_rate": (ltv.annual_to_monthly_rate, dict(annual_rate=0.1)),
    "logo_churn_rate": (ltv.logo_churn_rate, dict(customers_at_start=100, customers_lost=5)),
    "ltv_cac_ratio": (ltv.ltv_cac_ratio, dict(ltv=3000, cac=1000, healthy_min=3, healthy_max=5)),
    "max_cac": (ltv.max_cac, dict(ltv=3000, target_ratio=3)),
    "cac_payback_months": (ltv.cac_payback_months, dict(cac=1000, arpu=100, gross_margin=0.8, target_months=18)),
    "lead_ltv": (ltv.lead_ltv, dict(customer_ltv=5000, conversion_rate=0.1)),
    "net_lead_ltv": (ltv.net_lead_ltv, dict(customer_ltv=5000, conversion_rate=0.1, cac=100, nurture_cost=10, time_factor=0.9)),
    "present_value_lead_ltv": (ltv.present_value_lead_ltv, dict(customer_ltv=5000, conversion_rate=0.1, months_to_close=6,
                                                                annual_discount_rate=0.1, discount_after_months=3)),
    "lead_value": (ltv.lead_value, dict(customer_ltv=5000, conversion_probability=0.2, months_to_close=6,
                                        days_since_engagement=10, annual_discount_rate=0.1, discount_after_months=3,
                                        zombie_after_days=180)),
    "is_zombie": (ltv.is_zombie, dict(days_since_engagement=10, zombie_after_days=180)),
    "campaign_value": (ltv.campaign_value, dict(leads=100, lead_ltv=50)),
    "bid_cap": (ltv.bid_cap, dict(lead_ltv=50, target_ratio=3)),
    "explain_lead_value": (ltv.explain_lead_value, dict(customer_ltv=5000, conversion_probability=0.2, months_to_close=6,
                                                        days_since_engagement=10, nurture_cost=5)),
    "account_value": (ltv.account_value, dict(stakeholder_probabilities=[0.2, 0.4], account_ltv=50000, months_to_close=6,
                                              days_since_engagement=10, committee_size=3, committee_multiplier=1.2)),
    "shrunk_conversion_rate": (ltv.shrunk_conversion_rate, dict(conversions=3, leads=40, prior_rate=0.05, prior_strength=20)),
    "MrrMovements": (ltv.MrrMovements, dict(starting_mrr=1000, new=100, expansion=50, contraction=20, churned=30, reactivation=5)),
}

VEC_CALLS: Dict[str, Dict[str, Any]] = {
    "purchase_ltv": dict(average_purchase_value=[50.0, 60.0], purchase_frequency=4, customer_lifespan=3, gross_margin=0.6),
    "subscription_ltv": dict(average_monthly_revenue=[100.0, 90.0], lifespan_months=24),
    "lifespan_from_churn": dict(monthly_churn=[0.05, 0.1], churn_basis="logo"),
    "saas_ltv": dict(arpu=[100.0, 50.0], gross_margin=0.8, monthly_churn=0.05, churn_basis="logo"),
    "discounted_ltv": dict(monthly_margin=[80.0, 40.0], monthly_churn=0.05, annual_discount_rate=0.1, timing="end_of_period",
                           horizon_months=36, churn_basis="logo"),
    "retention_cltv": dict(revenue=[1000.0, 500.0], gross_margin=0.7, retention=0.8, discount_rate=0.1, periods=5,
                           period="annual", timing="start_of_period"),
    "monthly_churn_from_annual": dict(annual_churn=[0.3, 0.2], churn_basis="logo"),
    "annual_to_monthly_rate": dict(annual_rate=[0.1, 0.2]),
    "logo_churn_rate": dict(customers_at_start=[100.0, 50.0], customers_lost=5),
    "ltv_cac_ratio": dict(ltv=[3000.0, 100.0], cac=1000),
    "ltv_cac_band": dict(ratio=[3.5, 1.0], healthy_min=3, healthy_max=5),
    "max_cac": dict(ltv=[3000.0, 600.0], target_ratio=3),
    "cac_payback_months": dict(cac=[1000.0, 10.0], arpu=100, gross_margin=0.8, target_months=18),
    "lead_ltv": dict(customer_ltv=[5000.0, 10.0], conversion_rate=0.1),
    "net_lead_ltv": dict(customer_ltv=[5000.0, 10.0], conversion_rate=0.1, cac=100, nurture_cost=10, time_factor=0.9),
    "present_value_lead_ltv": dict(customer_ltv=[5000.0, 10.0], conversion_rate=0.1, months_to_close=6),
    "lead_value": dict(customer_ltv=[5000.0, 10.0], conversion_probability=0.2, months_to_close=6, days_since_engagement=10),
    "campaign_value": dict(leads=[100.0, 10.0], lead_ltv=50),
    "bid_cap": dict(lead_ltv=[50.0, 10.0], target_ratio=3),
    **{m: dict(starting_mrr=[1000.0, 100.0], new=100, expansion=50, contraction=20, churned=30, reactivation=5)
       for m in ("ending_mrr", "gross_mrr_churn", "net_mrr_churn", "net_revenue_retention", "gross_revenue_retention",
                 "quick_ratio")},
}
OPTION_NAMES = {"churn_basis", "timing", "period", "errors"}


def spoil(draw: Any, base: Dict[str, Any], values: Any) -> Tuple[Dict[str, Any], List[str]]:
    names = sorted(base)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    kwargs = dict(base)
    for name in chosen:
        kwargs[name] = draw(st.sampled_from(OPTIONS) if name in OPTION_NAMES else values)
    return kwargs, chosen


@pytest.mark.parametrize("name", sorted(SCALAR_CALLS))
@EXAMPLES
@given(data=st.data())
def test_every_scalar_function_holds_against_hostile_arguments(name: str, data: Any) -> None:
    fn, base = SCALAR_CALLS[name]
    assert bounded(lambda: fn(**base))[0] == "ok"
    kwargs, spoiled = spoil(data.draw, base, hostile)
    # A result's own name is its field when the result itself is out of range (an overflow, "undefined").
    judge(bounded(lambda: fn(**kwargs)), spoiled, sorted(base) + [name])


@pytest.mark.parametrize("name", sorted(VEC_CALLS))
@EXAMPLES
@given(data=st.data(), errors=st.sampled_from(["raise", "nan"]))
def test_every_column_function_holds_against_hostile_columns(name: str, data: Any, errors: str) -> None:
    fn = getattr(ltv.vec, name)
    base = VEC_CALLS[name]
    assert bounded(lambda: fn(**base))[0] == "ok"
    kwargs, spoiled = spoil(data.draw, base, hostile)
    outcome = bounded(lambda: fn(**kwargs, errors=errors))
    if errors == "nan" and outcome[0] == "ok" and np.asarray(outcome[1]).dtype.kind == "f":
        # Bad rows are NaN by request; every other value is finite.
        values = np.asarray(outcome[1], dtype=float)
        outcome = ("ok", values[~np.isnan(values)])
    judge(outcome, spoiled, sorted(base) + ["errors", name])


FRAME = pd.DataFrame({"arpu": [100.0, 50.0], "gross_margin": [0.8, 0.7], "monthly_churn": [0.05, 0.02]})


@EXAMPLES
@given(column=st.sampled_from(["arpu", "gross_margin", "monthly_churn"]), cell=st.sampled_from(CELLS),
       backend=st.sampled_from(["pandas", "polars"]))
def test_frame_functions_hold_against_hostile_column_contents(column: str, cell: Any, backend: str) -> None:
    columns: Dict[str, List[Any]] = {k: list(v) for k, v in FRAME.to_dict("list").items()}
    columns[column][0] = cell
    try:
        df = pd.DataFrame(columns) if backend == "pandas" else pl.DataFrame(columns, strict=False)
    except BaseException as e:  # noqa: BLE001 - the frame library refused the cell itself (polars may panic)
        if isinstance(e, KeyboardInterrupt):
            raise
        return
    judge(bounded(lambda: ltv.frame.saas_ltv(df)), [column], ["arpu", "gross_margin", "monthly_churn", "df", "saas_ltv"])


@EXAMPLES
@given(spoiled=st.sampled_from(["arpu", "gross_margin", "monthly_churn"]), value=hostile)
def test_frame_functions_hold_against_hostile_column_arguments(spoiled: str, value: Any) -> None:
    outcome = bounded(lambda: ltv.frame.saas_ltv(FRAME, **{spoiled: value}))
    judge(outcome, [spoiled], ["arpu", "gross_margin", "monthly_churn", "df", "saas_ltv"])


@EXAMPLES
@given(df=st.sampled_from([None, 1.5, "arpu", [1, 2], {"arpu": "x"}, np.ones(3), pd.Series([1.0]), pl.Series([1.0])]))
def test_frame_functions_refuse_what_is_not_a_frame(df: Any) -> None:
    judge(bounded(lambda: ltv.frame.saas_ltv(df)), ["df"], ["df", "arpu", "gross_margin", "monthly_churn"])


# ---------------------------------------------------------------------------------------------------------
# Tables: cohort_table, segment_table, lead_cohorts, compare_campaigns.

COHORT_ROWS = {"customer_id": ["a", "a", "b", "b", "c"], "period": ["2024-01", "2024-02", "2024-01", "2024-03", "2024-02"],
               "revenue": [10.0, 12.0, 5.0, 5.0, 7.0]}
LEAD_ROWS = {"channel": ["ads"] * 4 + ["seo"] * 2, "converted": [1, 0, 0, 1, 1, 0],
             "customer_ltv": [1000.0, None, None, 800.0, 500.0, None], "cost_per_lead": [10.0] * 6,
             "days_to_close": [30.0, None, None, 20.0, 10.0, None],
             "created": ["2026-01-03", "2026-01-20", "2026-02-01", "2026-02-11", "2026-01-05", "2026-02-05"]}
CAMPAIGN_ROWS = {"campaign": ["b", "a", "a", "c"], "p": [0.1, 0.2, 0.2, 0.5], "ltv": [1000.0] * 4,
                 "cost_per_lead": [10.0, 10.0, 10.0, 0.0]}

TABLES: Dict[str, Tuple[Callable[..., Any], Dict[str, List[Any]], Dict[str, Any]]] = {
    "cohort_table": (ltv.cohort.cohort_table, COHORT_ROWS, {}),
    "segment_table": (ltv.leads.segment_table, LEAD_ROWS, {}),
    "lead_cohorts": (ltv.leads.lead_cohorts, LEAD_ROWS, {}),
    "compare_campaigns": (ltv.leads.compare_campaigns, CAMPAIGN_ROWS, dict(conversion_probability="p", customer_ltv="ltv")),
}
TABLE_OPTIONS: Dict[str, Dict[str, List[Any]]] = {
    "cohort_table": {"unit": ["month", "week", "day", "quarter", "year", "hour", 1.5, None, "\ud800"]},
    "segment_table": {"prior_strength": [20, -1, math.nan, 10**400, "x", None, True], "prior_rate": ["blended", "saas", 1.5, -0.1, "mars", None, "\ud800"]},
    "lead_cohorts": {"prior_strength": [0, -1, math.inf, "x"], "prior_rate": ["blended", 2.0, "\ud800", None]},
    "compare_campaigns": {"rank_by": ["total_value", "value_per_cost", "x", 1.5, None, "\ud800"]},
}


@pytest.mark.parametrize("name", sorted(TABLES))
@EXAMPLES
@given(data=st.data(), backend=st.sampled_from(["pandas", "polars", "dict"]))
def test_every_table_function_holds_against_hostile_cells_and_options(name: str, data: Any, backend: str) -> None:
    fn, rows, extra = TABLES[name]
    columns = {k: list(v) for k, v in rows.items()}
    column = data.draw(st.sampled_from(sorted(columns)))
    row = data.draw(st.integers(0, len(columns[column]) - 1))
    columns[column][row] = data.draw(st.sampled_from(CELLS))
    kwargs = dict(extra)
    for option, values in TABLE_OPTIONS[name].items():
        if data.draw(st.booleans()):
            kwargs[option] = data.draw(st.sampled_from(values))
    frame: Any = columns
    try:
        if backend == "pandas":
            frame = pd.DataFrame(columns)
        elif backend == "polars":
            frame = pl.DataFrame(columns, strict=False)
    except BaseException as e:  # noqa: BLE001 - the frame library refused the cell itself (polars may panic)
        if isinstance(e, KeyboardInterrupt):
            raise
        return
    public = sorted(rows) + sorted(TABLE_OPTIONS[name]) + ["customer", "period", "revenue", "segment", "created",
                                                           "converted", "customer_ltv", "cost", "cost_per_lead",
                                                           "days_to_close", "channel", "campaign", "value",
                                                           "conversion_probability", "df", "data", "lead_ltv",
                                                           "quick_ratio", "net_revenue_retention",
                                                           "gross_revenue_retention", "net_mrr_churn", "gross_mrr_churn"]
    judge(bounded(lambda: fn(frame, **kwargs)), [column, *kwargs], public)


@EXAMPLES
@given(spoiled=st.sampled_from(["customer", "period", "revenue"]), value=hostile)
def test_cohort_table_holds_against_hostile_column_arguments(spoiled: str, value: Any) -> None:
    kwargs: Dict[str, Any] = {"customer": COHORT_ROWS["customer_id"], "period": COHORT_ROWS["period"],
                              "revenue": COHORT_ROWS["revenue"]}
    kwargs[spoiled] = value
    judge(bounded(lambda: ltv.cohort.cohort_table(**kwargs)), [spoiled], ["customer", "period", "revenue", "unit", "data"])


@EXAMPLES
@given(metric=st.sampled_from(["conversion_rate", "cost_per_lead", "x", "", "\ud800", 1.5, None]),
       segment=st.sampled_from(["saas", "b2b", "", "\ud800", 3, None, "x" * 500]))
def test_benchmark_lookups_hold(metric: Any, segment: Any) -> None:
    judge(bounded(lambda: ltv.benchmarks.find(metric, segment)), ["metric", "segment"], ["metric", "segment"])
    judge(bounded(lambda: ltv.benchmarks.conversion_rate(segment)), ["segment"], ["segment"])
    judge(bounded(lambda: ltv.benchmarks.cost_per_lead(segment)), ["industry", "segment"], ["industry", "segment"])
    judge(bounded(lambda: ltv.benchmarks.median_ltv_cac(segment)), ["segment"], ["segment"])


# ---------------------------------------------------------------------------------------------------------
# Regressions, one per class of issue 10 (the exact error kind and field).


def test_regression_values_of_the_wrong_kind_are_type_errors_naming_the_field() -> None:
    for bad in ([1 + 2j], np.array(["2024-01-01"], dtype="datetime64[D]"), pd.Series(pd.to_datetime(["2024-01-01"])),
                pl.Series([dt.date(2024, 1, 1)]), [1.0, True], [[1.0, 2.0], [3.0]], ["100"], pd.DataFrame({"a": [1.0]}),
                np.timedelta64(1, "D"), np.complex128(1j)):
        with pytest.raises(TypeError, match="^arpu: "):
            ltv.vec.saas_ltv(arpu=bad, gross_margin=0.8, monthly_churn=0.03)


def test_regression_options_of_the_wrong_type_name_the_parameter() -> None:
    with pytest.raises(TypeError, match=r"^timing: expected 'start_of_period', 'end_of_period' or 'end_of_period_survivors', got float$"):
        ltv.retention_cltv(revenue=5, gross_margin=0.5, retention=0.9, discount_rate=0.1, periods=3, timing=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^churn_basis: "):
        ltv.vec.saas_ltv(arpu=1.0, gross_margin=0.5, monthly_churn=0.1, churn_basis=None)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu=1, gross_margin=0.5, monthly_churn=0.1, churn_basis="\ud800")  # type: ignore[arg-type]
    assert info.value.field == "churn_basis"


def test_regression_lone_surrogates_and_huge_ints_are_ltv_errors() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu="\ud800", gross_margin=0.5, monthly_churn=0.1)
    assert info.value.field == "arpu"
    with pytest.raises(ltv.InvalidInputError) as huge:
        ltv.vec.saas_ltv(arpu=[1.0, 10**400], gross_margin=0.5, monthly_churn=0.1)
    assert (huge.value.field, huge.value.row) == ("arpu", 1)
    assert "(401 characters)" in str(huge.value)


def test_regression_labels_that_print_alike_are_refused_in_every_table() -> None:
    scorer_data = pd.DataFrame({"x": [1.0, 2, 3, 4, 5, 6], "c": [1, "1", 1, "1", 2, 2], "y": [1, 0, 1, 0, 1, 0]})
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.LeadScorer.fit(scorer_data, numeric=["x"], categorical=["c"], target="y")
    assert (info.value.field, info.value.row) == ("c", 1)
    leads = pd.DataFrame({**LEAD_ROWS, "channel": [1, "1", 1, "1", 2, 2]})
    with pytest.raises(ltv.InvalidInputError) as seg:
        ltv.leads.segment_table(leads)
    assert (seg.value.field, seg.value.row) == ("segment", 1)


def test_regression_dates_are_not_read_from_numbers_or_booleans() -> None:
    for created in ([1, 2, 3, 4, 5, 6], [True] * 6, pl.Series([1, 2, 3, 4, 5, 6])):
        frame: Any = pl.DataFrame({**LEAD_ROWS, "created": created}) if isinstance(created, pl.Series) else pd.DataFrame({**LEAD_ROWS, "created": created})
        with pytest.raises(TypeError, match="^created: expected dates or ISO date strings"):
            ltv.leads.lead_cohorts(frame)
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.lead_cohorts(pd.DataFrame({**LEAD_ROWS, "created": ["2026-01-03", "someday"] + LEAD_ROWS["created"][2:]}))
    assert (info.value.field, info.value.row) == ("created", 1)
    with pytest.raises(TypeError, match="^period: "):
        ltv.cohort.cohort_table(customer=[1, 2], period=np.array([True, False]), revenue=[1.0, 2.0])
    with pytest.raises(TypeError, match="^customer: expected a column"):
        ltv.cohort.cohort_table(customer="ab", period=["2024-01", "2024-02"], revenue=[1.0, 2.0])


def test_regression_a_cohort_table_past_its_cap_is_refused_before_allocating() -> None:
    assert ltv.cohort.MAX_COHORT_CELLS == 10_000_000
    n = 4_500  # daily cohorts, each with a purchase on the last day: n (n + 1) / 2 > 10 million cells
    days = np.concatenate([np.arange(n), np.full(n, n - 1)]).astype("datetime64[D]")
    customers = np.concatenate([np.arange(n), np.arange(n)])
    outcome = bounded(lambda: ltv.cohort.cohort_table(customer=customers, period=days, revenue=np.ones(2 * n), unit="day"))
    assert outcome[0] == "raised" and isinstance(outcome[1], ltv.InvalidInputError)
    assert outcome[1].field == "period" and "MAX_COHORT_CELLS" in str(outcome[1])


# ---------------------------------------------------------------------------------------------------------
# Precision cliffs: the float64 column path agrees with the exact path over the whole accepted domain.


def log_uniform(low_exp: float) -> Any:
    """Rates log-uniform from 10**low_exp to 1 (the smallest accepted non-zero input is above 5e-29)."""
    return st.floats(min_value=low_exp, max_value=-1e-9).map(lambda e: 10.0**e)


def held(rate: float) -> Tuple[Decimal, float]:
    """The value both paths are given: the float's exact binary value to the 28 decimal places a Decimal
    holds (what the exact path computes with; below 1e-16 that keeps fewer than 12 significant digits of the
    float, so the float path gets this same value back as a float)."""
    exact = Decimal(rate).quantize(Decimal("1e-28"))
    return exact, float(exact)


def close_to_exact(fast: float, exact: Decimal, rates: Decimal = Decimal(1)) -> bool:
    """1e-12 relative, or within the exact result's last place (a Decimal holds 28 decimal places, so an
    exact result below about 1e-16 has fewer than 12 significant digits of its own). ``rates``: the sum of the
    rates a result divides by, when the exact path holds one of them rounded to 28 places (an annual rate
    converted to monthly): that rounding moves the exact result by up to 1e-28 / rates relative."""
    tol = Decimal("1e-12") + Decimal("1e-28") / rates
    return abs(Decimal(repr(fast)) - exact) <= max(tol * abs(exact), Decimal("1e-27"))


PRECISION = settings(max_examples=300, deadline=None, derandomize=True)


@PRECISION
@given(rate=log_uniform(-28.0))
def test_rate_conversions_agree_with_the_exact_path_down_to_the_smallest_rate(rate: float) -> None:
    d, f = held(rate)
    for fast, exact in [
        (ltv.vec.annual_to_monthly_rate(annual_rate=f)[0], ltv.annual_to_monthly_rate(annual_rate=d)),
        (ltv.vec.monthly_churn_from_annual(annual_churn=f)[0], ltv.monthly_churn_from_annual(annual_churn=d)),
    ]:
        assert close_to_exact(float(fast), exact), (rate, fast, exact)


@PRECISION
@given(churn=log_uniform(-28.0), discount=log_uniform(-28.0), annual=st.booleans(),
       timing=st.sampled_from(["start_of_period", "end_of_period", "end_of_period_survivors"]))
def test_discounted_ltv_agrees_with_the_exact_path_down_to_the_smallest_rates(
    churn: float, discount: float, annual: bool, timing: str
) -> None:
    (c_d, c_f), (d_d, d_f) = held(churn), held(discount)
    key = "annual_discount_rate" if annual else "monthly_discount_rate"
    kwargs: Dict[str, Any] = dict(monthly_margin=100, timing=timing, horizon_months=None)
    try:
        exact = ltv.discounted_ltv(**kwargs, monthly_churn=c_d, **{key: d_d})
    except ltv.LtvOverflowError:
        # Both rates so small that the value passes the Decimal range (about 7.9e28): the same error.
        with pytest.raises(ltv.LtvOverflowError):
            ltv.vec.discounted_ltv(**kwargs, monthly_churn=c_f, **{key: d_f})
        return
    fast = ltv.vec.discounted_ltv(**kwargs, monthly_churn=c_f, **{key: d_f})[0]
    monthly = ltv.annual_to_monthly_rate(annual_rate=d_d) if annual else d_d
    assert close_to_exact(float(fast), exact, c_d + monthly if annual else Decimal(1)), (kwargs, fast, exact)


@PRECISION
@given(churn=log_uniform(-20.0))
def test_saas_ltv_and_lifespan_agree_with_the_exact_path_for_tiny_churn(churn: float) -> None:
    d, f = held(churn)
    exact_ltv = ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=d)
    assert close_to_exact(float(ltv.vec.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=f)[0]), exact_ltv)
    exact_life = ltv.lifespan_from_churn(monthly_churn=d)
    assert close_to_exact(float(ltv.vec.lifespan_from_churn(monthly_churn=f)[0]), exact_life)
