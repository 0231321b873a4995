"""Hostile input for the modules that came after issue 10: ``ltv.attribution``, ``ltv.channels``,
``ltv.billing`` and ``ltv.health``, under the same contract as ``test_hostile_inputs.py`` (whose judge, time
bound and hostile values this file reuses).

The contract, for every call: it returns finite numbers (a table's missing values aside), or raises an
``ltv.LtvError`` whose ``.field`` is a public name (a column keyword, a table name such as ``touchpoints``, or
an option), or a ``TypeError`` naming the argument, or an ``ltv.MissingColumnError``. Nothing else escapes, no
call runs past the bound.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, Callable, Dict, List, Tuple

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
import ltv.attribution
import ltv.billing
import ltv.channels
import ltv.health
from test_hostile_inputs import CELLS, EXAMPLES, SCALARS, bounded, judge

Rows = Dict[str, List[Any]]

# ---------------------------------------------------------------------------------------------------------
# Valid inputs: the hostile tests spoil one cell, one column or one option of them.

TOUCHPOINTS: Rows = {"journey": [1, 1, 2, 3], "timestamp": [0.0, 7.0, 1.0, 2.0],
                     "channel": ["ads", "email", "ads", "direct"]}
OUTCOMES: Rows = {"journey": [1, 2, 3], "converted": [1, 1, 0], "value": [10.0, 5.0, 0.0]}

CUSTOMERS: Rows = {"customer_id": ["a", "b", "c"], "channel": ["ads", "seo", "ads"],
                   "acquired_at": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-02-01"]).tolist(),
                   "customer_ltv": [100.0, 50.0, 80.0]}
TRANSACTIONS: Rows = {"customer_id": ["a", "b", "a", "c"],
                      "date": pd.to_datetime(["2024-01-10", "2024-02-10", "2024-03-01", "2024-02-02"]).tolist(),
                      "revenue": [10.0, 20.0, 5.0, 8.0]}
COSTS: Rows = {"channel": ["ads", "seo"], "spend": [30.0, 20.0]}

LINES: Rows = {
    "line_id": ["in_1", "in_2", "in_3", "cn_1"],
    "customer_id": ["A", "A", "B", "A"],
    "amount": [100.0, 1200.0, 50.0, 20.0],
    "currency": ["USD", "USD", "USD", "USD"],
    "service_start": ["2024-01-01", "2024-02-01", "2024-01-15", "2024-02-01"],
    "service_end": ["2024-02-01", "2025-02-01", "2024-02-15", "2024-03-01"],
    "kind": ["charge", "charge", "charge", "credit_note"],
    "credits": [None, None, None, "in_1"],
}

PANEL: Rows = {
    "account": [1] * 4 + [2] * 4,
    "period": [0, 1, 2, 3] * 2,
    "mrr": [100.0, 100.0, 90.0, 0.0, 50.0, 55.0, 60.0, 60.0],
    "logins": [10.0, 8.0, 2.0, 0.0, 5.0, 6.0, 7.0, 7.0],
    "churned": [False, False, False, True, False, False, False, False],
}


def _frame(rows: Rows, backend: str) -> Any:
    return pd.DataFrame(rows) if backend == "pandas" else pl.DataFrame(rows, strict=False)


def _spoiled(rows: Rows, data: Any) -> Tuple[Rows, str]:
    columns = {k: list(v) for k, v in rows.items()}
    column = data.draw(st.sampled_from(sorted(columns)))
    row = data.draw(st.integers(0, len(columns[column]) - 1))
    columns[column][row] = data.draw(st.sampled_from(CELLS))
    return columns, column


def _built(rows: Rows, backend: str) -> Any:
    """The frame, or None when the frame library itself refuses the cell (polars may even panic)."""
    try:
        return _frame(rows, backend)
    except BaseException as e:  # noqa: BLE001 - the frame library's own refusal is not ours to judge
        if isinstance(e, KeyboardInterrupt):
            raise
        return None


def _valid(call: Callable[[], Any]) -> None:
    kind, value = bounded(call)
    assert kind == "ok", value


# ---------------------------------------------------------------------------------------------------------
# ltv.attribution.attribute

ATTRIBUTION_PUBLIC = ["touchpoints", "outcomes", "journey", "timestamp", "channel", "cost", "converted", "value",
                      "conversion_time", "costs", "models", "direct_channel", "half_life_days", "first_share",
                      "last_share", "decimals", "per_journey"]
ATTRIBUTION_OPTIONS: Dict[str, List[Any]] = {
    "models": [["linear", "mars"], "linear", [], [1.5], None, ["\ud800"], [b"linear"], ("first_touch",)],
    "half_life_days": SCALARS,
    "first_share": SCALARS,
    "last_share": SCALARS,
    "decimals": SCALARS,
    "direct_channel": [None, 1.5, "", "\ud800", ["direct"]],
    "per_journey": [None, 1.5, "yes", np.bool_(True), 2],
    "costs": [{"ads": math.nan}, {"ads": -1.0}, {"mars": 1.0}, {1: 1.0}, {"ads": "x"}, {"ads": 1 + 1j}, [1.0], "ads"],
}


def _attribute(tp: Any, out: Any, **options: Any) -> Any:
    result = ltv.attribution.attribute(tp, out, **options)
    return result.channels


@pytest.mark.parametrize("table", ["touchpoints", "outcomes"])
@EXAMPLES
@given(data=st.data(), backend=st.sampled_from(["pandas", "polars"]))
def test_attribution_holds_against_hostile_cells(table: str, data: Any, backend: str) -> None:
    _valid(lambda: _attribute(_frame(TOUCHPOINTS, backend), _frame(OUTCOMES, backend)))
    rows, column = _spoiled(TOUCHPOINTS if table == "touchpoints" else OUTCOMES, data)
    spoiled = _built(rows, backend)
    if spoiled is None:
        return
    tp, out = (spoiled, _frame(OUTCOMES, backend)) if table == "touchpoints" else (_frame(TOUCHPOINTS, backend), spoiled)
    judge(bounded(lambda: _attribute(tp, out)), [column, table], ATTRIBUTION_PUBLIC)


@EXAMPLES
@given(data=st.data())
def test_attribution_holds_against_hostile_options(data: Any) -> None:
    option = data.draw(st.sampled_from(sorted(ATTRIBUTION_OPTIONS)))
    value = data.draw(st.sampled_from(ATTRIBUTION_OPTIONS[option]))
    tp, out = pd.DataFrame(TOUCHPOINTS), pd.DataFrame(OUTCOMES)
    judge(bounded(lambda: _attribute(tp, out, **{option: value})), [option], ATTRIBUTION_PUBLIC)


@EXAMPLES
@given(which=st.sampled_from(["touchpoints", "outcomes"]),
       value=st.sampled_from([None, 1.5, "frame", [1, 2], {"journey": 1}, np.ones(3), pd.Series([1.0])]))
def test_attribution_refuses_what_is_not_a_table(which: str, value: Any) -> None:
    tp, out = pd.DataFrame(TOUCHPOINTS), pd.DataFrame(OUTCOMES)
    args = (value, out) if which == "touchpoints" else (tp, value)
    judge(bounded(lambda: _attribute(*args)), [which], ATTRIBUTION_PUBLIC)


# ---------------------------------------------------------------------------------------------------------
# ltv.channels.channel_roas

ROAS_PUBLIC = ["customers", "transactions", "costs", "channel", "customer_id", "acquired_at", "customer_ltv", "date",
               "revenue", "spend", "gross_margin", "window_days", "short_roas_below", "ltv_roas_at_least", "channel_roas"]
ROAS_TABLES = {"customers": CUSTOMERS, "transactions": TRANSACTIONS, "costs": COSTS}


def _roas(tables: Dict[str, Any], **options: Any) -> Any:
    return ltv.channels.channel_roas(tables["customers"], transactions=tables["transactions"], costs=tables["costs"],
                                     **options)


@pytest.mark.parametrize("table", sorted(ROAS_TABLES))
@EXAMPLES
@given(data=st.data(), backend=st.sampled_from(["pandas", "polars"]))
def test_channel_roas_holds_against_hostile_cells(table: str, data: Any, backend: str) -> None:
    tables = {k: _frame(v, backend) for k, v in ROAS_TABLES.items()}
    _valid(lambda: _roas(tables))
    rows, column = _spoiled(ROAS_TABLES[table], data)
    spoiled = _built(rows, backend)
    if spoiled is None:
        return
    tables[table] = spoiled
    judge(bounded(lambda: _roas(tables)), [column, table], ROAS_PUBLIC)


@EXAMPLES
@given(option=st.sampled_from(["gross_margin", "window_days", "short_roas_below", "ltv_roas_at_least"]),
       value=st.sampled_from(SCALARS))
def test_channel_roas_holds_against_hostile_options(option: str, value: Any) -> None:
    tables = {k: pd.DataFrame(v) for k, v in ROAS_TABLES.items()}
    judge(bounded(lambda: _roas(tables, **{option: value})), [option], ROAS_PUBLIC)


# ---------------------------------------------------------------------------------------------------------
# ltv.billing.normalise

BILLING_PUBLIC = ["data", "df", "lines", "mrr", "customer", "customer_id", "line_id", "amount", "currency", "service_start",
                  "service_end", "kind", "plan", "quantity", "discount", "credits", "issued", "rates",
                  "reporting_currency", "day_count", "credit_applies_to", "rate_date", "decimal_places", "exact"]
BILLING_OPTIONS: Dict[str, List[Any]] = {
    "day_count": ["actual_days", "thirty_360", "whole_months", "mars", 1.5, None, "\ud800"],
    "credit_applies_to": ["service_period", "issue_month", "x", 0, None],
    "rate_date": ["invoice_date", "service_start", "x", 1.5],
    "decimal_places": SCALARS,
    "exact": [None, 1.5, "yes", 2, np.bool_(False)],
    "reporting_currency": [None, "EUR", 1.5, "", "\ud800"],
}


def _normalise(df: Any, **options: Any) -> Any:
    out = ltv.billing.normalise(df, credits="credits", **options)
    return out.mrr


@EXAMPLES
@given(data=st.data(), backend=st.sampled_from(["pandas", "polars"]))
def test_billing_holds_against_hostile_cells(data: Any, backend: str) -> None:
    _valid(lambda: _normalise(_frame(LINES, backend)))
    rows, column = _spoiled(LINES, data)
    df = _built(rows, backend)
    if df is None:
        return
    judge(bounded(lambda: _normalise(df)), [column], BILLING_PUBLIC)


@EXAMPLES
@given(data=st.data())
def test_billing_holds_against_hostile_options(data: Any) -> None:
    option = data.draw(st.sampled_from(sorted(BILLING_OPTIONS)))
    value = data.draw(st.sampled_from(BILLING_OPTIONS[option]))
    judge(bounded(lambda: _normalise(pd.DataFrame(LINES), **{option: value})), [option], BILLING_PUBLIC)


def test_billing_amounts_of_every_exact_kind_are_accepted() -> None:
    # Decimal and string amounts are exact; they value the same as the floats here (whole cents).
    floats = _normalise(pd.DataFrame(LINES))
    for amounts in ([Decimal(str(a)) for a in LINES["amount"]], [f"{a:.2f}" for a in LINES["amount"]]):
        rows = dict(LINES, amount=amounts)
        got = _normalise(pd.DataFrame(rows))
        assert [float(v) for v in got["mrr"]] == [float(v) for v in floats["mrr"]]


# ---------------------------------------------------------------------------------------------------------
# ltv.health.features

HEALTH_PUBLIC = ["panel", "data", "df", "account", "period", "mrr", "revenue", "metrics", "logins", "churned", "churn",
                 "horizon", "window", "reference", "static", "features"]


def _features(df: Any) -> Any:
    return ltv.health.features(df, account="account", period="period", revenue="mrr", metrics=["logins"],
                               churn="churned")


@EXAMPLES
@given(data=st.data(), backend=st.sampled_from(["pandas", "polars"]))
def test_health_features_hold_against_hostile_cells(data: Any, backend: str) -> None:
    _valid(lambda: _features(_frame(PANEL, backend)))
    rows, column = _spoiled(PANEL, data)
    df = _built(rows, backend)
    if df is None:
        return
    judge(bounded(lambda: _features(df)), [column], HEALTH_PUBLIC)
