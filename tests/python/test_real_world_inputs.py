"""Real-world inputs (issue 13): period spellings and units, missing columns, yes/no conversion flags, cost
without a cost column or as spend per channel, a cohort table with a bad cohort, metric names.

Expected periods come from an independent oracle (Python's datetime calendar), not from the code under test."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Dict, List

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
import ltv.cohort
import ltv.frame
import ltv.leads
import ltv.plot
from ltv.cohort import METRICS, cohort_table
from ltv.retention import SbgFit, SbgModel, cohort_ltv_frame

EPOCH = dt.date(1970, 1, 1)
UNITS = ("day", "week", "month", "quarter", "year")


def oracle_index(day: dt.date, unit: str) -> int:
    """The period index of ``day`` from the definitions (months since 1970-01, ISO weeks since Monday
    1969-12-29, days since 1970-01-01, quarters since 1970-Q1, years since 1970)."""
    if unit == "day":
        return (day - EPOCH).days
    if unit == "week":
        return ((day - EPOCH).days + 3) // 7
    if unit == "month":
        return (day.year - 1970) * 12 + day.month - 1
    if unit == "quarter":
        return (day.year - 1970) * 4 + (day.month - 1) // 3
    return day.year - 1970


def oracle_start(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def spellings(day: dt.date, unit: str) -> List[Any]:
    """Every accepted way to write the period of ``unit`` holding ``day`` (as this unit accepts it)."""
    y, m, d = day.year, day.month, day.day
    out: List[Any] = [
        f"{y:04}-{m:02}-{d:02}", f"{y:04}/{m:02}/{d:02}", f"{y:04}-{m}-{d}", f"{y:04}-{m:02}-{d:02} 00:00:00",
        f"{y:04}-{m:02}-{d:02}T13:45:10Z", f"{y:04}-{m:02}-{d:02} 23:59:59.123+02:00", f" {y:04}-{m:02}-{d:02} ",
        day, dt.datetime(y, m, d, 15, 30), pd.Timestamp(y, m, d), np.datetime64(day.isoformat(), "D"),
    ]
    if unit == "week":
        iso = day.isocalendar()
        out += [f"{iso[0]:04}-W{iso[1]:02}", f"{iso[0]:04}w{iso[1]:02}"]
    if unit in ("month", "quarter", "year"):
        out += [f"{y:04}-{m:02}", f"{y:04}-{m}", f"{y:04}/{m:02}", f"{MONTHS[m - 1]} {y:04}",
                f"{LONG_MONTHS[m - 1].upper()} {y:04}", f"{MONTHS[m - 1].lower()}-{y:04}", f"{y:04} {MONTHS[m - 1]}",
                pd.Period(f"{y:04}-{m:02}", freq="M")]
    if unit in ("quarter", "year"):
        q = (m - 1) // 3 + 1
        out += [f"{y:04}Q{q}", f"{y:04}-Q{q}", f"{y:04} q{q}", f"Q{q} {y:04}", f"q{q}-{y:04}"]
    if unit == "year":
        out += [f"{y:04}"]
    return out


def _index(value: Any, unit: str) -> int:
    return int(ltv.cohort._period_index([value], unit)[0])  # type: ignore[arg-type]


# --- 1. periods ---------------------------------------------------------------------------------------------


@given(day=st.dates(dt.date(1000, 1, 1), dt.date(9998, 12, 31)), unit=st.sampled_from(UNITS))
def test_every_spelling_of_a_period_parses_to_that_period(day: dt.date, unit: str) -> None:
    expected = oracle_index(day, unit)
    for spelling in spellings(day, unit):
        assert _index(spelling, unit) == expected, (spelling, unit)


@given(day=st.dates(dt.date(1000, 1, 1), dt.date(9998, 12, 31)), unit=st.sampled_from(UNITS))
def test_formatting_a_cohort_and_reading_it_back_gives_the_same_cohort(day: dt.date, unit: str) -> None:
    c = cohort_table(customer=[1], period=[day], revenue=[1.0], unit=unit)  # type: ignore[arg-type]
    start = c.table["cohort"].iloc[0].date()
    assert start == oracle_start(day, unit)
    for spelling in spellings(start, unit):  # the cohort's label, written any accepted way, is that cohort
        assert _index(spelling, unit) == oracle_index(start, unit), spelling
    cac = c.payback(gross_margin=1.0, cac={spellings(start, unit)[-1]: 0.5})
    assert cac["payback_age"].tolist() == [0]


def test_columns_of_every_kind_give_the_same_cohorts() -> None:
    strings = ["2024-01-15", "2024-02-03", "2024-03-31", "2024-05-01"]
    days = np.array(strings, dtype="datetime64[D]")
    kinds = {
        "datetime64[D]": days,
        "datetime64[ns]": days.astype("datetime64[ns]"),
        "pandas datetime": pd.Series(pd.to_datetime(strings)),
        "pandas tz": pd.Series(pd.to_datetime(strings)).dt.tz_localize("Europe/Berlin"),
        "Timestamps": [pd.Timestamp(s) for s in strings],
        "dates": [dt.date.fromisoformat(s) for s in strings],
        "datetime strings": [f"{s} 00:00:00" for s in strings],
        "slashes": [s.replace("-", "/") for s in strings],
        "pandas string dtype": pd.Series([f"{s} 10:00" for s in strings], dtype="string"),
        "polars strings": pl.Series([f"{s} 00:00:00" for s in strings]),
        "polars dates": pl.Series(days),
    }
    for unit in UNITS:
        expected = [oracle_start(dt.date.fromisoformat(s), unit) for s in strings]
        for name, column in kinds.items():
            c = cohort_table(customer=[1, 2, 3, 4], period=column, revenue=[1.0] * 4, unit=unit)  # type: ignore[arg-type]
            got = sorted({x.date() if hasattr(x, "date") else x for x in c.table["cohort"].to_list()})
            assert got == sorted(set(expected)), (name, unit)


def test_month_spellings_mixed_in_one_column() -> None:
    c = cohort_table(customer=[1, 1, 1, 1], period=["Jan 2024", "2024-2", "2024/03", "2024-04-09 00:00:00"],
                     revenue=[1.0] * 4)
    assert c.table["age"].tolist() == [0, 1, 2, 3]
    assert str(c.table["cohort"].iloc[0].date()) == "2024-01-01"


def test_quarter_and_year_units() -> None:
    df = pd.DataFrame({"customer_id": [1, 1, 2, 1], "period": ["2024-01-31", "2024Q2", "Q2 2024", "2025-03"],
                       "revenue": [10.0, 10.0, 5.0, 10.0]})
    q = cohort_table(df, unit="quarter")
    assert q.unit == "quarter"
    assert q.table[["cohort", "age", "active_customers"]].astype(str).values.tolist() == [
        ["2024-01-01", "0", "1"], ["2024-01-01", "1", "1"], ["2024-01-01", "2", "0"], ["2024-01-01", "3", "0"],
        ["2024-01-01", "4", "1"], ["2024-04-01", "0", "1"], ["2024-04-01", "1", "0"], ["2024-04-01", "2", "0"],
        ["2024-04-01", "3", "0"],
    ]
    y = cohort_table(df.assign(period=["2024-01-31", "2024", "2025-06", "2025-Q4"]), unit="year")
    assert y.table[["cohort", "age", "revenue"]].astype(str).values.tolist() == [
        ["2024-01-01", "0", "20.0"], ["2024-01-01", "1", "10.0"], ["2025-01-01", "0", "5.0"]]
    assert "periods=2024-01-01..2025-01-01" in repr(y)
    # Integer period indices of the new units: quarters since 1970-Q1, years since 1970.
    assert cohort_table(customer=[1], period=[217], revenue=[1.0], unit="quarter").table["cohort"].astype(str).tolist() == ["2024-04-01"]
    assert cohort_table(customer=[1], period=[54], revenue=[1.0], unit="year").table["cohort"].astype(str).tolist() == ["2024-01-01"]


@pytest.mark.parametrize("bad", ["2024-13", "Jan 24", "2024-02-30", "Foo 2024", "2024-Q5", "2024-W54", "24-03", "03/2024",
                                 "2024-03-15 25:00", "", "next month"])
def test_an_unparseable_period_says_cannot_parse_and_lists_the_forms(bad: str) -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        cohort_table(customer=[1, 2], period=["2024-01", bad], revenue=[1.0, 2.0])
    err = info.value
    assert (err.field, err.row, err.kind) == ("period", 1, "invalid_input")
    assert "cannot parse" in str(err) and "out of range" not in str(err)
    assert "'Mar 2024'" in str(err) and "'2024Q1'" in str(err) and "'2024-03-15 00:00:00'" in str(err)
    assert str(err).startswith(f"row 1: period = {bad!r}: cannot parse")


def test_non_string_periods_that_are_not_dates_cannot_be_parsed() -> None:
    for bad in (1.5, True):
        with pytest.raises((ltv.InvalidInputError, TypeError)) as info:
            cohort_table(customer=[1, 2], period=["2024-01", bad], revenue=[1.0, 2.0])
        assert "period" in str(info.value)


def test_a_period_coarser_than_the_unit_is_refused_naming_the_unit() -> None:
    for period, unit in (("2024-03", "week"), ("Mar 2024", "day"), ("2024Q1", "month"), ("2024", "quarter"),
                         ("2024-W10", "month"), ("2024-W10", "day")):
        with pytest.raises(ltv.InvalidInputError) as info:
            cohort_table(customer=[1], period=[period], revenue=[1.0], unit=unit)  # type: ignore[arg-type]
        assert (info.value.field, info.value.row) == ("period", 0)
        assert f"unit={unit!r}" in str(info.value)


def test_referring_back_to_a_cohort_takes_every_spelling() -> None:
    c = cohort_table(customer=[1, 1, 2, 2, 3], period=["2024-01", "2024-02", "2024-02", "2024-03", "2024-03"],
                     revenue=[10.0, 10.0, 10.0, 10.0, 10.0])
    spelled = {"Jan 2024": 5.0, pd.Timestamp("2024-02-01"): 5.0, dt.date(2024, 3, 1): 50.0}
    assert c.payback(gross_margin=1.0, cac=spelled)["payback_age"].astype(object).fillna(-1).tolist() == [0, 0, -1]
    # CohortAnalysis.cohort: the rows of one cohort, by any spelling of it or of a day inside it.
    for name in ("2024-02", "Feb 2024", "2024-02-17 08:00:00", "2024/02/29", pd.Timestamp("2024-02-01"),
                 dt.date(2024, 2, 3), np.datetime64("2024-02-01"), pd.Period("2024-02", freq="M"), 649):
        assert c.cohort(name)[["age", "cohort_size"]].values.tolist() == [[0, 1], [1, 1]], name
    with pytest.raises(KeyError, match="no cohort 'Dec 2023' .*cohorts: "):
        c.cohort("Dec 2023")
    with pytest.raises(ltv.InvalidInputError, match="cannot parse"):
        c.cohort("Febr 2024")
    # The plot helper looks a cohort up by any spelling of it (the table holds datetimes).
    for name in ("2024-02", "Feb 2024", "2024-02-01 00:00:00", pd.Timestamp("2024-02-01"), dt.date(2024, 2, 1),
                 np.datetime64("2024-02-01"), pd.Period("2024-02", freq="M")):
        ax = ltv.plot.survival_plot(observed=c.table, cohort=name, model=SbgModel(alpha=1.0, beta=1.0))
        assert ax.get_lines()[0].get_ydata().tolist() == [1.0, 1.0]
        plt.close("all")
    with pytest.raises(KeyError, match="'Dec 2023' is not in the table .cohorts: "):
        ltv.plot.survival_plot(observed=c.table, cohort="Dec 2023")
    # Polars tables hold dates: the same lookups.
    pc = cohort_table(pl.DataFrame({"customer_id": [1, 1], "period": ["2024-01", "2024-02"], "revenue": [1.0, 1.0]}))
    assert pc.cohort("Jan 2024")["age"].to_list() == [0, 1]
    ax = ltv.plot.survival_plot(observed=pc.table, cohort="Jan 2024", model=SbgModel(alpha=1.0, beta=1.0))
    assert ax.get_lines()[0].get_ydata().tolist() == [1.0, 1.0]
    plt.close("all")


# --- 2. missing columns -------------------------------------------------------------------------------------


def _leads() -> pd.DataFrame:
    return pd.DataFrame({"channel": ["ads", "ads", "seo", "seo"], "converted": [1, 0, 1, 0],
                         "customer_ltv": [1000.0, None, 500.0, None], "cost_per_lead": [10.0] * 4,
                         "days_to_close": [10.0, None, 20.0, None], "created": ["2024-01-05"] * 4,
                         "campaign": ["a", "a", "b", "b"], "value": [1.0] * 4})


def _purchases() -> pd.DataFrame:
    return pd.DataFrame({"frequency": [0, 2, 5], "recency": [0.0, 10.0, 30.0], "age": [40.0, 40.0, 40.0],
                         "monetary_value": [0.0, 20.0, 30.0], "periods": [6, 6, 6]})


MISSING: List[Any] = [
    ("customer", "pass customer='<column>'",
     lambda: cohort_table(pd.DataFrame({"cust_id": [1], "period": ["2024-01"], "revenue": [1.0]}))),
    ("revenue", "pass revenue='<column>'",
     lambda: cohort_table(pd.DataFrame({"customer_id": [1], "period": ["2024-01"], "x": [1.0]}), revenue="amount")),
    ("arpu", "pass arpu='<column>'",
     lambda: ltv.frame.saas_ltv(pd.DataFrame({"a": [1.0]}), arpu="revenue", gross_margin=0.8, monthly_churn=0.05)),
    ("converted", "pass converted='<column>'", lambda: ltv.leads.segment_table(_leads(), converted="won")),
    ("cost_per_lead", "pass cost_per_lead='<column>'",
     lambda: ltv.leads.segment_table(_leads().drop(columns="cost_per_lead"))),
    ("spend", "pass spend='<column>'", lambda: ltv.leads.segment_table(_leads(), spend="budget")),
    ("created", "pass created='<column>'", lambda: ltv.leads.lead_cohorts(_leads().drop(columns="created"))),
    ("campaign", "pass campaign='<column>'",
     lambda: ltv.leads.compare_campaigns(_leads().drop(columns="campaign"), value="value")),
    ("revenue", "the table needs the columns",
     lambda: cohort_ltv_frame(pd.DataFrame({"cohort": ["a"], "age": [0], "surviving_customers": [1],
                                            "active_customers": [1]}), gross_margin=0.5)),
    ("churn", "the table needs a 'churn' column",
     lambda: ltv.plot.retention_heatmap(pd.DataFrame({"cohort": ["2024-01"], "age": [0], "x": [1.0]}), value="churn")),
    ("age", "pass age=<values>",
     lambda: ltv.purchase.BgNbdModel(r=1, alpha=1, a=1, b=1).probability_alive(_purchases().drop(columns="age"))),
    ("monetary_value", "pass monetary_value=<values>",
     lambda: ltv.purchase.GammaGammaFit.fit(_purchases().drop(columns="monetary_value"))),
    ("periods", "pass periods=<values>",
     lambda: ltv.purchase.BgBbModel(alpha=1, beta=1, gamma=1, delta=1).probability_alive(_purchases().drop(columns="periods"))),
    ("clicks", "pass the name of one of these columns",
     lambda: ltv.LeadScorer.fit(pd.DataFrame({"converted": [0, 1]}), numeric=["clicks"], categorical=[])),
]


@pytest.mark.parametrize("field, hint, call", MISSING, ids=[f"{m[0]}-{i}" for i, m in enumerate(MISSING)])
def test_a_missing_column_is_an_ltv_error_and_a_key_error(field: str, hint: str, call: Callable[[], Any]) -> None:
    with pytest.raises(ltv.MissingColumnError) as info:
        call()
    err = info.value
    assert isinstance(err, KeyError) and isinstance(err, ltv.InvalidInputError) and isinstance(err, ltv.LtvError)
    assert isinstance(err, ValueError)
    assert (err.field, err.kind, err.row) == (field, "missing_column", None)
    assert "is not in the frame (columns: [" in str(err) and hint in str(err)
    assert str(err) == err.args[0]  # not KeyError's quoted repr
    assert isinstance(err.columns, list) and err.value in str(err)


def test_missing_column_message_names_the_keyword_and_lists_the_columns() -> None:
    with pytest.raises(KeyError) as info:  # the README's guarantee: a lookup miss is a KeyError
        cohort_table(pd.DataFrame({"cust_id": [1], "period": ["2024-01"], "revenue": [1.0]}))
    assert str(info.value) == ("customer: column 'customer_id' is not in the frame (columns: ['cust_id', 'period', "
                               "'revenue']); pass customer='<column>'")
    wide = pd.DataFrame({f"c{i}": [1] for i in range(40)})
    with pytest.raises(ltv.MissingColumnError, match=r"'c29'\] and 10 more\); pass customer="):
        cohort_table(wide)
    polars = pl.DataFrame({"cust_id": [1], "period": ["2024-01"], "revenue": [1.0]})
    with pytest.raises(ltv.MissingColumnError, match=r"columns: \['cust_id', 'period', 'revenue'\]"):
        cohort_table(polars)


# --- 3. yes/no conversion flags -----------------------------------------------------------------------------

FLAGS: Dict[str, List[Any]] = {
    "ints": [1, 0, 0, 1, 0],
    "floats": [1.0, 0.0, 0.0, 1.0, 0.0],
    "bools": [True, False, False, True, False],
    "yes/no": ["yes", "no", "No", "YES", " no "],
    "true/false": ["true", "false", "FALSE", "True", "false"],
    "y/n": ["y", "n", "N", "Y", "n"],
    "t/f": ["t", "f", "F", "T", "f"],
    "text digits": ["1", "0", "0", "1.0", "0.0"],
    "mixed": [True, "no", 0, "Yes", 0.0],
}


def _flag_frame(flags: Any) -> pd.DataFrame:
    return pd.DataFrame({"channel": ["a", "a", "b", "b", "b"], "converted": flags,
                         "customer_ltv": [100.0, None, None, 300.0, None], "cost_per_lead": [1.0] * 5})


@pytest.mark.parametrize("name", sorted(FLAGS))
def test_boolean_like_conversion_flags_give_the_same_table(name: str) -> None:
    expected = ltv.leads.segment_table(_flag_frame(FLAGS["ints"]), days_to_close=None).table
    for frame in (_flag_frame(FLAGS[name]), _flag_frame(pd.Series(list(FLAGS[name]), dtype="category"))):
        got = ltv.leads.segment_table(frame, days_to_close=None).table
        pd.testing.assert_frame_equal(got, expected)
    if name != "mixed":
        polars = pl.DataFrame({c: _flag_frame(FLAGS[name])[c].tolist() for c in ("channel", "customer_ltv", "cost_per_lead")})
        polars = polars.with_columns(pl.Series("converted", FLAGS[name]))
        got_pl = ltv.leads.segment_table(polars, days_to_close=None).table
        assert got_pl["lead_ltv"].to_list() == expected["lead_ltv"].tolist()


def test_nullable_boolean_and_string_dtypes_and_lead_cohorts() -> None:
    expected = ltv.leads.segment_table(_flag_frame(FLAGS["ints"]), days_to_close=None).table
    for column in (pd.Series(FLAGS["bools"], dtype="boolean"), pd.Series(FLAGS["yes/no"], dtype="string"),
                   pd.Series(FLAGS["ints"], dtype="Int64")):
        got = ltv.leads.segment_table(_flag_frame(column), days_to_close=None).table
        pd.testing.assert_frame_equal(got, expected)
    df = _flag_frame(FLAGS["yes/no"]).assign(created=["2024-01-02"] * 5)
    assert ltv.leads.lead_cohorts(df)["conversions"].tolist() == [1, 1]


def test_a_flag_that_is_not_yes_or_no_names_column_value_and_row() -> None:
    df = _flag_frame(["yes", "no", "maybe", "yes", "no"]).rename(columns={"converted": "won"})
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(df, converted="won", days_to_close=None)
    err = info.value
    assert (err.field, err.row, err.value) == ("converted", 2, "'maybe'")
    assert "column 'won'" in str(err) and "'maybe'" in str(err) and str(err).startswith("row 2: converted")
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(_flag_frame([1, 0, 2, 1, 0]), days_to_close=None)
    assert (info.value.field, info.value.row) == ("converted", 2)
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(_flag_frame(["yes", None, "no", "yes", "no"]), days_to_close=None)
    assert (info.value.field, info.value.row) == ("converted", 1)
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(_flag_frame(["yes", "no", [1], "yes", "no"]), days_to_close=None)
    assert (info.value.field, info.value.row) == ("converted", 2)


@given(flags=st.lists(st.booleans(), min_size=2, max_size=30), data=st.data())
def test_any_spelling_of_the_flags_is_the_same_table(flags: List[bool], data: Any) -> None:
    flags[0] = True  # at least one conversion
    yes = ["yes", "YES", "y", "Y", "true", "True", "t", "1", "1.0", 1, 1.0, True]
    no = ["no", "No", "n", "N", "false", "FALSE", "f", "0", "0.0", 0, 0.0, False]
    spelled = [data.draw(st.sampled_from(yes if f else no)) for f in flags]
    base = pd.DataFrame({"channel": ["a", "b"] * (len(flags) // 2) + ["a"] * (len(flags) % 2),
                         "customer_ltv": [100.0 if f else None for f in flags], "cost_per_lead": [1.0] * len(flags)})
    expected = ltv.leads.segment_table(base.assign(converted=[int(f) for f in flags]), days_to_close=None).table
    got = ltv.leads.segment_table(base.assign(converted=spelled), days_to_close=None).table
    pd.testing.assert_frame_equal(got, expected)


# --- 4. cost optional, spend per channel --------------------------------------------------------------------


def test_segment_table_without_cost_values_leads_and_bid_caps() -> None:
    df = _leads()
    with_cost = ltv.leads.segment_table(df)
    without = ltv.leads.segment_table(df.drop(columns="cost_per_lead"), cost_per_lead=None)
    same = ["segment", "leads", "conversions", "conversion_rate", "shrunk_rate", "lead_ltv", "bid_cap",
            "avg_days_to_close"]
    pd.testing.assert_frame_equal(without.table[same], with_cost.table[same])
    assert list(without.table.columns) == list(with_cost.table.columns)
    assert without.table["cost_per_lead"].isna().all() and without.table["ltv_cpl"].isna().all()
    assert without.table["ltv_cpl_band"].isna().all() and without.table["cost_per_lead"].dtype == np.float64
    assert np.isnan(without.overall["cost_per_lead"]) and without.overall["ltv_cpl_band"] is None
    assert without.overall["bid_cap"] == with_cost.overall["bid_cap"]
    polars = ltv.leads.segment_table(pl.DataFrame({c: df[c].tolist() for c in df.columns if c != "cost_per_lead"}),
                                     cost_per_lead=None)
    assert polars.table["cost_per_lead"].dtype == pl.Float64 and polars.table["cost_per_lead"].null_count() == 2
    assert polars.table["ltv_cpl_band"].dtype == pl.String
    assert polars.table["bid_cap"].to_list() == with_cost.table["bid_cap"].tolist()


def test_spend_per_channel_is_cost_per_lead_spend_over_leads() -> None:
    df = pd.DataFrame({"channel": ["ads"] * 3 + ["seo"] * 2, "converted": [1, 0, 0, 1, 0],
                       "customer_ltv": [900.0, None, None, 600.0, None]})
    by_mapping = ltv.leads.segment_table(df, spend={"ads": 300, "seo": 50.0}, days_to_close=None)
    per_lead = ltv.leads.segment_table(df.assign(cost_per_lead=[100.0] * 3 + [25.0] * 2), days_to_close=None)
    pd.testing.assert_frame_equal(by_mapping.table, per_lead.table)
    assert by_mapping.table["cost_per_lead"].tolist() == [100.0, 25.0]
    assert by_mapping.overall["cost_per_lead"] == 350 / 5  # total spend / total leads
    by_column = ltv.leads.segment_table(df.assign(budget=[300.0] * 3 + [50.0] * 2), spend="budget", days_to_close=None)
    pd.testing.assert_frame_equal(by_column.table, per_lead.table)
    series = ltv.leads.segment_table(df, spend=pd.Series({"ads": 300.0, "seo": 50.0}), days_to_close=None)
    pd.testing.assert_frame_equal(series.table, per_lead.table)
    # Spend not divisible exactly: divided once, in Rust (100 / 3, not the sum of thirds).
    third = ltv.leads.segment_table(df, spend={"ads": 100, "seo": 1}, days_to_close=None)
    assert third.table["cost_per_lead"].tolist() == [100 / 3, 1 / 2]


def test_spend_errors_name_spend_and_the_segment() -> None:
    df = pd.DataFrame({"channel": ["ads", "ads", "seo"], "converted": [1, 0, 1], "customer_ltv": [1.0, None, 1.0]})
    kw: Any = dict(days_to_close=None)
    with pytest.raises(ltv.InvalidInputError, match="none for \\['seo'\\]") as info:
        ltv.leads.segment_table(df, spend={"ads": 1}, **kw)
    assert info.value.field == "spend"
    with pytest.raises(ltv.InvalidInputError, match="segments: \\['ads', 'seo'\\]") as info:
        ltv.leads.segment_table(df, spend={"ads": 1, "seo": 1, "tv": 5}, **kw)
    assert info.value.field == "spend"
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.leads.segment_table(df, spend={"ads": -5, "seo": 1}, **kw)
    assert (info.value.field, info.value.row) == ("spend", None)
    assert str(info.value).startswith("segment 'ads': spend = -5")
    with pytest.raises(ltv.NotFiniteError) as not_finite:
        ltv.leads.segment_table(df, spend={"ads": 1, "seo": float("nan")}, **kw)
    assert not_finite.value.field == "spend" and "segment 'seo'" in str(not_finite.value)
    with pytest.raises(TypeError, match="spend"):
        ltv.leads.segment_table(df, spend={"ads": "x", "seo": 1}, **kw)
    with pytest.raises(TypeError, match="spend"):
        ltv.leads.segment_table(df, spend=5, **kw)  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match="the same spend on every row of segment 'ads'") as info:
        ltv.leads.segment_table(df.assign(budget=[1.0, 2.0, 3.0]), spend="budget", **kw)
    assert (info.value.field, info.value.row) == ("spend", 1)


@given(spend=st.lists(st.one_of(st.just(0.0), st.floats(1e-6, 1e9)), min_size=2, max_size=2), sizes=st.lists(st.integers(1, 20), min_size=2, max_size=2))
def test_spend_mapping_matches_its_oracle(spend: List[float], sizes: List[int]) -> None:
    channels = ["a"] * sizes[0] + ["b"] * sizes[1]
    df = pd.DataFrame({"channel": channels, "converted": [1] * len(channels), "customer_ltv": [50.0] * len(channels)})
    t = ltv.leads.segment_table(df, spend={"a": spend[0], "b": spend[1]}, days_to_close=None)
    assert t.table["cost_per_lead"].tolist() == [spend[0] / sizes[0], spend[1] / sizes[1]]
    assert t.overall["cost_per_lead"] == pytest.approx((spend[0] + spend[1]) / len(channels), rel=1e-15, abs=0)


# --- 5. one bad cohort does not sink the table --------------------------------------------------------------


def _cohorts(extra: Any = ()) -> pd.DataFrame:
    rows = []
    for cohort, surviving in [("2024-01", [1000, 631, 468, 382, 326]), ("2024-02", [800, 560, 430, 360]),
                              ("2024-03", [500, 400, 340]), *extra]:
        for age, s in enumerate(surviving):
            rows.append({"cohort": cohort, "age": age, "surviving_customers": s, "active_customers": s,
                         "revenue": 50.0 * s})
    return pd.DataFrame(rows)


def test_a_cohort_that_cannot_be_valued_is_reported_and_the_others_valued() -> None:
    clean = cohort_ltv_frame(_cohorts(), gross_margin=0.8, discount_rate=0.01)
    table = _cohorts([("2024-04", [300]), ("2024-05", [200, 250])])  # age 0 only; surviving grows
    out = cohort_ltv_frame(table, gross_margin=0.8, discount_rate=0.01)
    assert out["cohort"].tolist() == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert out["status"].tolist() == ["ok", "ok", "ok", "failed", "failed"]
    valued = out.iloc[:3].drop(columns="reason").astype({"cohort_size": "int64", "ages_observed": "int64"})
    pd.testing.assert_frame_equal(valued, clean.drop(columns="reason"))
    assert out["ltv_per_customer"].iloc[3:].isna().all() and out["cohort_size"].iloc[3:].isna().all()
    assert str(out["cohort_size"].dtype) == "Int64"
    young, growing = out["reason"].iloc[3], out["reason"].iloc[4]
    assert young.startswith("cohort '2024-04'") and "pass fallback='pooled'" in young
    row = int(table.index[(table["cohort"] == "2024-05") & (table["age"] == 1)][0])
    assert growing.startswith("cohort '2024-05'") and f"row {row}" in growing  # a row of the whole table
    # With the fallback: valued from the model fitted on the cohorts that could be valued.
    pooled = cohort_ltv_frame(table, gross_margin=0.8, discount_rate=0.01, fallback="pooled")
    assert pooled["status"].tolist() == ["ok", "ok", "ok", "pooled_fallback", "failed"]
    fit = SbgFit.fit_cohorts(cohorts=[[1000, 631, 468, 382, 326], [800, 560, 430, 360], [500, 400, 340]])
    assert (pooled["alpha"].iloc[3], pooled["beta"].iloc[3]) == (fit.alpha, fit.beta)
    assert pooled["ltv_per_customer"].iloc[3] == pytest.approx(
        40.0 * fit.model.discounted_expected_lifetime(discount_rate=0.01), rel=1e-12)
    assert pooled["reason"].iloc[3] == young.split("; pass fallback")[0]  # why its own fit failed
    assert "from the pooled fit" in pooled["reason"].iloc[4]  # bad data: no model values it
    assert pooled["reason"].iloc[:3].isna().all()


def test_report_with_pooled_and_given_models_and_polars() -> None:
    table = _cohorts([("2024-05", [200, 250])])
    pooled = cohort_ltv_frame(table, gross_margin=0.8, discount_rate=0.01, model="pooled")
    clean = cohort_ltv_frame(_cohorts(), gross_margin=0.8, discount_rate=0.01, model="pooled")
    assert pooled["status"].tolist() == ["ok"] * 3 + ["failed"]
    assert pooled["ltv_per_customer"].iloc[:3].tolist() == clean["ltv_per_customer"].tolist()
    assert "fallback" not in pooled["reason"].iloc[3]  # the pooled model could not help: no hint
    given_model = cohort_ltv_frame(table, gross_margin=0.8, discount_rate=0.01, model=SbgModel(alpha=1, beta=2))
    assert given_model["status"].tolist() == ["ok"] * 3 + ["failed"]
    polars = cohort_ltv_frame(pl.DataFrame({c: table[c].tolist() for c in table.columns}), gross_margin=0.8,
                              discount_rate=0.01)
    assert polars["status"].to_list() == ["ok"] * 3 + ["failed"]
    assert polars["ltv_per_customer"].null_count() == 1 and polars["cohort_size"].dtype == pl.Int64
    assert polars["reason"].to_list()[:3] == [None] * 3


def test_a_reason_names_the_row_of_the_whole_table() -> None:
    table = _cohorts([("2024-05", [200, 250]), ("2024-06", [100, 80, 60])])
    table = table[~((table["cohort"] == "2024-06") & (table["age"] == 1))].sample(frac=1.0, random_state=7)
    out = cohort_ltv_frame(table, gross_margin=0.8, model=SbgModel(alpha=1, beta=1))
    assert out["status"].tolist() == ["ok"] * 3 + ["failed"] * 2
    for cohort in ("2024-05", "2024-06"):  # each alone, as errors="raise" reports it on the whole table
        others = table[~table["cohort"].isin({"2024-05", "2024-06"} - {cohort})]
        with pytest.raises(ltv.InvalidInputError) as info:
            cohort_ltv_frame(others, gross_margin=0.8, model=SbgModel(alpha=1, beta=1), errors="raise")
        row = int(info.value.row)  # type: ignore[attr-defined]
        position = others.index[row]  # the same table row, found in the shuffled full table
        expected = str(info.value).replace(f"row {row}", f"row {table.index.get_loc(position)}", 1)
        assert out.loc[out["cohort"] == cohort, "reason"].item() == expected


def test_errors_raise_and_errors_that_are_not_one_cohorts() -> None:
    table = _cohorts([("2024-04", [300])])
    with pytest.raises(ltv.InvalidInputError) as info:
        cohort_ltv_frame(table, gross_margin=0.8, errors="raise")
    assert "cohort '2024-04'" in str(info.value) and "pass fallback='pooled'" in str(info.value)
    with pytest.raises(ltv.InvalidInputError) as info:
        cohort_ltv_frame(table, gross_margin=80)
    assert info.value.field == "gross_margin"
    with pytest.raises(ltv.InvalidInputError) as info:
        cohort_ltv_frame(table.assign(cohort=[None] + table["cohort"].tolist()[1:]), gross_margin=0.8)
    assert info.value.field == "cohort"
    with pytest.raises(ltv.InvalidInputError, match="'report' or 'raise'"):
        cohort_ltv_frame(table, gross_margin=0.8, errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ltv.InvalidInputError, match="'pooled'"):
        cohort_ltv_frame(table, gross_margin=0.8, fallback="alone")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="errors"):
        cohort_ltv_frame(table, gross_margin=0.8, errors=None)  # type: ignore[arg-type]


# --- 6. metric names ----------------------------------------------------------------------------------------


def test_pivot_metrics_are_checked_against_the_valid_names() -> None:
    c = cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5.0, 5.0, 7.0])
    for metric in METRICS:
        assert c.pivot(metric).shape == (2, 2)  # type: ignore[arg-type]
    assert set(METRICS) == set(c.table.columns) - {"cohort", "age"}
    with pytest.raises(ltv.InvalidInputError) as info:
        c.pivot("retention")  # type: ignore[arg-type]
    assert info.value.field == "metric" and all(repr(m) in str(info.value) for m in METRICS)
    for bad in ("cohort", "age"):
        with pytest.raises(ltv.InvalidInputError):
            c.pivot(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="metric"):
        c.pivot(3)  # type: ignore[arg-type]
    p = cohort_table(pl.DataFrame({"customer_id": [1], "period": ["2024-01"], "revenue": [1.0]}))
    with pytest.raises(ltv.InvalidInputError, match="'logo_retention'"):
        p.pivot("churn")  # type: ignore[arg-type]


@given(
    drops=st.lists(st.lists(st.integers(1, 200), min_size=2, max_size=6), min_size=1, max_size=4),
    bad=st.lists(st.sampled_from(["young", "growing", "gap"]), min_size=1, max_size=3),
    pooled=st.booleans(),
)
def test_bad_cohorts_never_change_the_values_of_the_good_ones(drops: List[List[int]], bad: List[str], pooled: bool) -> None:
    good = []
    for i, d in enumerate(drops):
        surviving = [1000]
        for x in d:
            surviving.append(surviving[-1] - x)
        good.append((f"2023-{i + 1:02}", surviving))
    spoiled = {"young": [300], "growing": [200, 250, 100], "gap": [100, 80, 60]}
    rows = [{"cohort": c, "age": a, "surviving_customers": n, "active_customers": n, "revenue": 50.0 * n}
            for c, surviving in good + [(f"2024-{j + 1:02}", spoiled[kind]) for j, kind in enumerate(bad)]
            for a, n in enumerate(surviving)]
    table = pd.DataFrame(rows)
    gaps = [f"2024-{j + 1:02}" for j, kind in enumerate(bad) if kind == "gap"]
    table = table[~(table["cohort"].isin(gaps) & (table["age"] == 1))].sample(frac=1.0, random_state=1)
    clean_rows = table[table["cohort"].str.startswith("2023")]
    model = "pooled" if pooled else None
    try:
        clean = cohort_ltv_frame(clean_rows, gross_margin=0.8, discount_rate=0.01, model=model, errors="raise")
    except ltv.LtvError:
        return  # the good cohorts themselves cannot be valued this way (e.g. a fit without a finite maximum)
    out = cohort_ltv_frame(table, gross_margin=0.8, discount_rate=0.01, model=model)
    valued = out[out["cohort"].str.startswith("2023")]
    assert valued["status"].tolist() == ["ok"] * len(good)
    assert valued["ltv_per_customer"].tolist() == clean["ltv_per_customer"].tolist()
    rest = out[~out["cohort"].str.startswith("2023")]
    expected_failed = [kind != "young" or not pooled for kind in bad]
    assert (rest["status"] == "failed").tolist() == expected_failed
    assert rest.loc[rest["status"] == "failed", "reason"].str.contains("cohort '2024-").all()
