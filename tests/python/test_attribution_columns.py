"""ltv.attribution's column path: float values in whole cents travel as integer units (no Decimal per row) and
give exactly the credits of the same values as ``Decimal``; finer floats fall back to exact decimals; journey
labels are made only for a message; timezone-aware timestamps are converted to UTC (pandas and polars), and
naive and aware timestamps mixed are an error naming the column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, List

import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ltv
import ltv.attribution as attribution

MODELS = list(attribution.MODELS)


@st.composite
def journeys(draw: Any, places: int) -> Any:
    k = draw(st.integers(1, 5))
    n = draw(st.integers(1, 12))
    rows: List[Any] = []
    values: List[Decimal] = []
    for j in range(n):
        for _ in range(draw(st.integers(1, 6))):
            rows.append((f"j{j}", draw(st.integers(0, 40)), f"c{draw(st.integers(0, k - 1))}"))
        units = draw(st.one_of(st.just(0), st.integers(1, 10**9)))
        values.append(Decimal(units).scaleb(-places))
    return rows, values


def _frames(rows: Any, values: Any, as_float: bool) -> Any:
    tp = pd.DataFrame(rows, columns=["journey", "timestamp", "channel"])
    out = pd.DataFrame({
        "journey": [f"j{j}" for j in range(len(values))],
        "converted": [v > 0 for v in values],
        "value": [float(v) for v in values] if as_float else values,
    })
    return tp, out


@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=journeys(2))
def test_whole_cent_floats_credit_exactly_as_decimals(data: Any) -> None:
    rows, values = data
    floats = attribution.attribute(*_frames(rows, values, True), models=MODELS, per_journey=True)
    exact = attribution.attribute(*_frames(rows, values, False), models=MODELS, per_journey=True)
    for m in MODELS:
        assert list(floats.channels[f"{m}_value"]) == [float(x) for x in exact.channels[f"{m}_value"]], m
        assert list(floats.journeys[f"{m}_value"]) == [float(x) for x in exact.journeys[f"{m}_value"]], m
    assert floats.value == exact.value


@settings(max_examples=30, deadline=None, derandomize=True)
@given(data=journeys(3))
def test_floats_finer_than_cents_fall_back_to_exact_decimals(data: Any) -> None:
    rows, values = data
    floats = attribution.attribute(*_frames(rows, values, True), models=["linear", "time_decay"], per_journey=True)
    exact = attribution.attribute(*_frames(rows, values, False), models=["linear", "time_decay"], per_journey=True)
    for m in ("linear", "time_decay"):
        assert list(floats.journeys[f"{m}_value"]) == [float(x) for x in exact.journeys[f"{m}_value"]], m


def test_whole_number_floats_are_credited_in_cents() -> None:
    # 10 over three equal touches: 3.34, 3.33, 3.33 (largest remainder, the extra cent to the first channel).
    tp = pd.DataFrame({"journey": [7, 7, 7], "timestamp": [0, 1, 2], "channel": ["a", "b", "c"]})
    out = pd.DataFrame({"journey": [7], "converted": [True], "value": [10.0]})
    r = attribution.attribute(tp, out, models=["linear"], per_journey=True)
    assert list(r.channels["linear_value"]) == [3.34, 3.33, 3.33]
    assert list(r.journeys["journey"]) == [7, 7, 7]
    assert r.value == Decimal("10")


def test_messages_name_the_journey_by_its_label() -> None:
    tp = pd.DataFrame({"journey": ["lead-1", "lead-7"], "timestamp": [0.0, 9.0], "channel": ["ads", "ads"]})
    out = pd.DataFrame({"journey": ["lead-1", "lead-7"], "converted": [True, True], "value": [1.0, 2.0],
                        "closed": [1.0, 5.0]})
    with pytest.raises(ltv.InvalidInputError) as info:
        attribution.attribute(tp, out, models=["linear"], conversion_time="closed")
    assert str(info.value) == ("row 1: touchpoints.timestamp = 9 (journey 'lead-7' converted at 5) is out of range: "
                               "expected at or before the journey's conversion time")
    assert info.value.row == 1


def test_polars_journey_labels_come_back() -> None:
    tp = pl.DataFrame({"journey": [10, 10, 20], "timestamp": [0.0, 1.0, 0.0], "channel": ["a", "b", "a"]})
    out = pl.DataFrame({"journey": [20, 10], "converted": [True, True], "value": [3.0, 1.0]})
    r = attribution.attribute(tp, out, models=["first_touch"], per_journey=True)
    assert r.journeys["journey"].to_list() == [10, 10, 20]
    assert r.journeys["first_touch_value"].to_list() == [1.0, 0.0, 3.0]


# Timezones: every timestamp is converted to UTC before days are counted.

def _decay(tp: Any, out: Any, **kw: Any) -> List[Any]:
    r = attribution.attribute(tp, out, models=["time_decay"], **kw)
    col = r.channels["time_decay_value"]
    return list(col.to_list() if hasattr(col, "to_list") else col)


def test_pandas_aware_timestamps_count_days_in_utc() -> None:
    # a at 00:00 UTC on Jan 1, b at 09:00 Tokyo (+09:00) on Jan 8 = 00:00 UTC: 7 days apart, one half-life, so
    # b weighs 1 and a 1/2 of 3.00 -> 1.00 and 2.00 (local wall clocks would put them 7 days 9 hours apart).
    stamps = [pd.Timestamp("2024-01-01 00:00", tz="UTC"), pd.Timestamp("2024-01-08 09:00", tz="Asia/Tokyo")]
    out = pd.DataFrame({"journey": ["j"], "converted": [True], "value": [3.0]})
    tokyo = pd.DataFrame({"journey": ["j", "j"], "timestamp": pd.to_datetime(pd.Series(stamps, dtype=object), utc=True).dt.tz_convert("Asia/Tokyo"),
                          "channel": ["a", "b"]})
    assert str(tokyo["timestamp"].dtype).startswith("datetime64") and "Asia/Tokyo" in str(tokyo["timestamp"].dtype)
    assert _decay(tokyo, out) == [1.0, 2.0]
    # The same instants as Python datetimes of two different zones (an object column).
    objects = pd.DataFrame({"journey": ["j", "j"], "channel": ["a", "b"],
                            "timestamp": pd.Series([s.to_pydatetime() for s in stamps], dtype=object)})
    assert _decay(objects, out) == [1.0, 2.0]


def test_aware_conversion_time_across_a_dst_change() -> None:
    # Berlin leaves summer time at 03:00 CEST on 2024-10-27: the touch at 02:30 CET (01:30 UTC) comes after
    # the conversion at 02:45 CEST (00:45 UTC) although its wall clock reads earlier.
    touch = pd.Series([pd.Timestamp("2024-10-27 01:30", tz="UTC")]).dt.tz_convert("Europe/Berlin")
    closed = pd.Series([pd.Timestamp("2024-10-27 00:45", tz="UTC")]).dt.tz_convert("Europe/Berlin")
    assert touch.dt.strftime("%H:%M").iloc[0] == "02:30" and closed.dt.strftime("%H:%M").iloc[0] == "02:45"
    tp = pd.DataFrame({"journey": ["j"], "timestamp": touch, "channel": ["a"]})
    out = pd.DataFrame({"journey": ["j"], "converted": [True], "value": [1.0], "closed": closed})
    with pytest.raises(ltv.InvalidInputError, match="row 0: touchpoints.timestamp") as info:
        attribution.attribute(tp, out, models=["linear"], conversion_time="closed")
    assert info.value.field == "touchpoints.timestamp"
    fine = out.assign(closed=closed + pd.Timedelta(hours=1))
    assert attribution.attribute(tp, fine, models=["linear"], conversion_time="closed").conversions == 1


def test_polars_aware_timestamps_count_days_in_utc() -> None:
    tp = pl.DataFrame({
        "journey": ["j", "j"], "channel": ["a", "b"],
        "timestamp": [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 8)],
    }).with_columns(pl.col("timestamp").dt.replace_time_zone("UTC"))
    tp = tp.with_columns(pl.col("timestamp").dt.convert_time_zone("Asia/Tokyo"))
    assert tp["timestamp"].dtype == pl.Datetime("us", "Asia/Tokyo")
    out = pl.DataFrame({"journey": ["j"], "converted": [True], "value": [3.0]})
    assert _decay(tp, out) == [1.0, 2.0]
    # Naive polars timestamps on the same wall clocks as Tokyo's: 7 days apart as written.
    naive = tp.with_columns(pl.col("timestamp").dt.replace_time_zone(None))
    assert _decay(naive, out) == [1.0, 2.0]


def test_naive_and_aware_mixed_is_an_error_naming_the_column() -> None:
    stamps = [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)]
    tp = pd.DataFrame({"journey": ["j", "j"], "channel": ["a", "b"], "timestamp": pd.Series(stamps, dtype=object)})
    out = pd.DataFrame({"journey": ["j"], "converted": [True], "value": [1.0]})
    with pytest.raises(ltv.InvalidInputError, match="row 1: touchpoints.timestamp") as info:
        attribution.attribute(tp, out, models=["linear"])
    assert info.value.field == "touchpoints.timestamp" and info.value.row == 1
    assert "naive and timezone-aware mixed" in str(info.value)
    # Across the two tables: aware touchpoints, a naive conversion time.
    aware = tp.assign(timestamp=pd.to_datetime(["2024-01-01", "2024-01-02"]).tz_localize("UTC"))
    with pytest.raises(ltv.InvalidInputError, match="outcomes.conversion_time") as info:
        attribution.attribute(aware, out.assign(closed=pd.to_datetime(["2024-01-03"])), models=["linear"],
                              conversion_time="closed")
    assert info.value.field == "outcomes.conversion_time"
    both = out.assign(closed=pd.to_datetime(["2024-01-03"]).tz_localize("America/New_York"))
    assert attribution.attribute(aware, both, models=["linear"], conversion_time="closed").conversions == 1
