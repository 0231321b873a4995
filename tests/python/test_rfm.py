"""ltv.purchase.rfm_summary / calibration_holdout: the cross-language vectors (tests/vectors/rfm/, also read by
crates/ltv-models/tests/rfm.rs), the worked check, the CDNOW calibration summary, pandas and polars in and out,
ids and time types, error cases, and Hypothesis properties."""

from __future__ import annotations

import datetime
import doctest
import json
import pathlib
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ltv
import ltv.purchase._rfm
from ltv.purchase import calibration_holdout, rfm_summary

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests" / "vectors" / "rfm" / "cases.json").read_text())


def _frame(case: Dict[str, Any], backend: str, time_kind: str = "strings") -> Any:
    data: Dict[str, Any] = {"customer_id": case["customer"]}
    if time_kind == "strings":
        data["date"] = case["time"]
    else:
        data["date"] = np.array([np.datetime64(t, "ns") if t is not None else np.datetime64("NaT") for t in case["time"]])
    if case.get("value") is not None:
        data["value"] = [np.nan if v is None else v for v in case["value"]]
    if backend == "polars":
        return pl.DataFrame(data)
    return pd.DataFrame(data)


def _opts(case: Dict[str, Any]) -> Dict[str, Any]:
    o = case["options"]
    return {"unit": o["unit"], "unit_multiple": o["unit_multiple"], "fractional": o["fractional"], "recency": o["recency"]}


def _check(out: Any, expected: Dict[str, Any], backend: str, names: List[str]) -> None:
    if backend == "polars":
        assert out.columns[0] == "customer_id"
        cols = {c: out[c].to_numpy() for c in out.columns}
        customers = cols["customer_id"].tolist()
    else:
        cols = {c: out[c].to_numpy() for c in out.columns}
        customers = out.index.tolist()
        assert out.index.name == "customer_id"
    assert customers == expected["customer"]
    for name in names:
        if expected.get(name) is None:
            assert name not in cols
            continue
        np.testing.assert_allclose(cols[name], expected[name], rtol=1e-12, atol=1e-12, err_msg=name)
    starts = np.asarray(cols["first_purchase"]).astype("datetime64[s]").astype(np.int64).tolist()
    assert starts == expected["first_period_start_seconds"]


SUMMARY = ["frequency", "recency", "age", "monetary_value"]
HOLDOUT = SUMMARY + ["holdout_frequency", "holdout_monetary_value"]


@pytest.mark.parametrize("backend", ["pandas", "polars"])
@pytest.mark.parametrize("time_kind", ["strings", "datetime64"])
@pytest.mark.parametrize("case", VECTORS["rfm_summary"], ids=lambda c: c["name"])
def test_vectors_rfm_summary(case: Dict[str, Any], backend: str, time_kind: str) -> None:
    value = "value" if case["value"] is not None else None
    end = case["options"]["observation_end"]
    out, counts = rfm_summary(
        _frame(case, backend, time_kind), value=value, observation_end=end, return_counts=True, **_opts(case)
    )
    _check(out, case["expected"], backend, SUMMARY)
    assert counts == {"rows_after_observation_end": case["expected"]["rows_after_observation_end"]}
    if backend == "pandas":
        assert out.attrs["rows_after_observation_end"] == case["expected"]["rows_after_observation_end"]


@pytest.mark.parametrize("backend", ["pandas", "polars"])
@pytest.mark.parametrize("case", VECTORS["calibration_holdout"], ids=lambda c: c["name"])
def test_vectors_calibration_holdout(case: Dict[str, Any], backend: str) -> None:
    value = "value" if case["value"] is not None else None
    out, counts = calibration_holdout(
        _frame(case, backend),
        value=value,
        calibration_end=case["calibration_end"],
        observation_end=case["observation_end"],
        return_counts=True,
        **_opts(case),
    )
    e = case["expected"]
    _check(out, e, backend, HOLDOUT)
    np.testing.assert_allclose(out["holdout_duration"].to_numpy(), e["holdout_duration"], rtol=1e-12)
    assert counts["customers_first_in_holdout"] == e["customers_first_in_holdout"]
    assert counts["rows_after_observation_end"] == e["rows_after_observation_end"]


@pytest.mark.parametrize("backend", ["pandas", "polars"])
@pytest.mark.parametrize("case", VECTORS["errors"], ids=lambda c: c["name"])
def test_vector_errors(case: Dict[str, Any], backend: str) -> None:
    frame = _frame(case, backend)
    value = "value" if case["value"] is not None else None
    with pytest.raises(ltv.InvalidInputError) as info:
        if "calibration_end" in case:
            calibration_holdout(
                frame, value=value, calibration_end=case["calibration_end"], observation_end=case["observation_end"]
            )
        else:
            rfm_summary(frame, value=value, observation_end=case.get("observation_end"))
    assert (info.value.field, info.value.row) == (case["field"], case["row"]), str(info.value)


def test_worked_check_and_since_last() -> None:
    log = pd.DataFrame(
        {
            "id": [1, 1, 2, 3, 3, 3],
            "when": pd.to_datetime(["2015-02-01", "2015-02-06", "2015-01-01", "2015-01-01", "2015-01-02", "2015-01-05"]),
        }
    )
    out = rfm_summary(log, customer="id", time="when", observation_end=pd.Timestamp("2015-02-07"))
    assert list(out[["frequency", "recency", "age"]].itertuples(index=False, name=None)) == [
        (1.0, 5.0, 6.0),
        (0.0, 0.0, 37.0),
        (2.0, 4.0, 37.0),
    ]
    last = rfm_summary(log, customer="id", time="when", observation_end="2015-02-07", recency="since_last")
    assert last["recency"].tolist() == [1.0, 37.0, 33.0]
    # polars Date and Datetime with a time zone, string ids.
    p = pl.DataFrame({"customer_id": ["x", "x", "y"], "date": [pl.date(2015, 2, 1), pl.date(2015, 2, 6), pl.date(2015, 1, 1)]})
    p = p.with_columns(pl.col("date"))
    days = pl.DataFrame(
        {"customer_id": ["x", "x", "y"], "date": pl.Series(["2015-02-01", "2015-02-06", "2015-01-01"]).str.to_date()}
    )
    out_days = rfm_summary(days, observation_end="2015-02-07")
    assert out_days.rows() == [
        ("x", 1.0, 5.0, 6.0, datetime.date(2015, 2, 1)),
        ("y", 0.0, 0.0, 37.0, datetime.date(2015, 1, 1)),
    ]
    tz = days.with_columns(pl.col("date").cast(pl.Datetime("us")).dt.replace_time_zone("Europe/Berlin"))
    assert rfm_summary(tz, observation_end="2015-02-07")["age"].to_list() == [6.0, 37.0]


def test_cdnow_calibration_summary() -> None:
    cdnow = pd.read_csv(
        ROOT / "tests" / "data" / "CDNOW_sample.txt",
        sep=r"\s+",
        header=None,
        names=["master", "customer_id", "date", "cds", "amount"],
        dtype={"date": str},
    )
    cdnow["date"] = pd.to_datetime(cdnow["date"], format="%Y%m%d")
    split, counts = calibration_holdout(
        cdnow,
        calibration_end="1997-09-30",
        observation_end="1998-06-30",
        unit="week",
        fractional=True,
        value="amount",
        return_counts=True,
    )
    assert len(split) == 2357 and counts == {"rows_after_observation_end": 0, "customers_first_in_holdout": 0}
    assert split["frequency"].sum() == 2457 and split["holdout_frequency"].sum() == 1882
    assert (split["frequency"] > 0).sum() == 946
    assert split.loc[1, ["frequency", "recency", "age"]].tolist() == [2.0, 213 / 7, 272 / 7]
    assert split["holdout_duration"].iloc[0] == 39.0


def test_ids_and_order() -> None:
    # Negative and huge integer ids, and mixed string ids: one row each, ordered by id.
    log = pd.DataFrame({"customer_id": [-5, 2**62, -5, 7], "date": ["2024-01-01", "2024-01-03", "2024-01-04", "2024-01-02"]})
    out = rfm_summary(log)
    assert out.index.tolist() == [-5, 7, 2**62]
    assert out["frequency"].tolist() == [1.0, 0.0, 0.0]
    strings = log.assign(customer_id=["b", "a", "b", "c"])
    assert rfm_summary(strings).index.tolist() == ["a", "b", "c"]


def test_errors() -> None:
    log = pd.DataFrame({"customer_id": [1, 2], "date": ["2024-01-01", "2024-13-01"]})
    with pytest.raises(ltv.InvalidInputError) as info:
        rfm_summary(log)
    assert (info.value.field, info.value.row) == ("time", 1)
    good = pd.DataFrame({"customer_id": [1, 2], "date": ["2024-01-01", "2024-01-02"], "v": [1.0, float("inf")]})
    with pytest.raises(ltv.InvalidInputError) as info:
        rfm_summary(good, value="v")
    assert (info.value.field, info.value.row) == ("value", 1)
    with pytest.raises(ltv.InvalidInputError) as info:
        rfm_summary(good, unit_multiple=0)
    assert info.value.field == "unit_multiple"
    with pytest.raises(ltv.InvalidInputError) as info:
        rfm_summary(good, unit="month", fractional=True)
    assert info.value.field == "fractional"
    with pytest.raises(ltv.InvalidInputError) as info:
        rfm_summary(good, observation_end="not a date")
    assert info.value.field == "observation_end"
    with pytest.raises(ltv.MissingColumnError) as missing:  # an InvalidInputError and a KeyError
        rfm_summary(good, customer="missing")
    assert missing.value.field == "customer" and missing.value.value == "missing"
    assert "pass customer='<column>'" in str(missing.value) and "date" in str(missing.value)
    with pytest.raises(TypeError):
        rfm_summary({"customer_id": [1], "date": ["2024-01-01"]})
    with pytest.raises(TypeError):
        rfm_summary(pd.DataFrame({"customer_id": [1], "date": [3]}))


def test_doctests_of_the_private_module() -> None:
    result = doctest.testmod(ltv.purchase._rfm, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# --- properties ----------------------------------------------------------------------------------------------

rows = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 300), st.integers(0, 400).map(lambda v: v / 4)), min_size=1, max_size=60
)
units = st.sampled_from([("day", 1, False), ("day", 3, False), ("week", 1, False), ("week", 1, True), ("month", 1, False), ("hour", 5, False)])


def _log(data: List[Any]) -> pd.DataFrame:
    base = np.datetime64("2023-12-30T00:00", "m")
    return pd.DataFrame(
        {
            "customer_id": [c for c, _, _ in data],
            "date": np.array([base + np.timedelta64(t * 397, "m") for _, t, _ in data]),
            "value": [v for _, _, v in data],
        }
    )


@given(rows, units, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(data: List[Any], unit: Any, rnd: Any) -> None:
    u, k, frac = unit
    shuffled = list(data)
    rnd.shuffle(shuffled)
    a = rfm_summary(_log(data), value="value", unit=u, unit_multiple=k, fractional=frac)
    b = rfm_summary(_log(shuffled), value="value", unit=u, unit_multiple=k, fractional=frac)
    pd.testing.assert_frame_equal(a, b)


@given(rows, units)
def test_bounds_and_merging(data: List[Any], unit: Any) -> None:
    u, k, frac = unit
    a = rfm_summary(_log(data), value="value", unit=u, unit_multiple=k, fractional=frac)
    assert ((a["recency"] >= 0) & (a["recency"] <= a["age"])).all()
    counts = pd.Series([c for c, _, _ in data]).value_counts()
    assert (a["frequency"] <= counts.loc[a.index] - 1).all()
    doubled = rfm_summary(_log(data + data), value="value", unit=u, unit_multiple=k, fractional=frac)
    pd.testing.assert_frame_equal(a[["frequency", "recency", "age"]], doubled[["frequency", "recency", "age"]])
    np.testing.assert_array_equal(2 * a["monetary_value"].to_numpy(), doubled["monetary_value"].to_numpy())


@given(rows, units, st.integers(0, 300))
def test_calibration_and_holdout_add_up(data: List[Any], unit: Any, cut: int) -> None:
    u, k, frac = unit
    log = _log(data)
    first, last = log["date"].min(), log["date"].max()
    cal = min(max(np.datetime64("2023-12-30T00:00", "m") + np.timedelta64(cut * 397, "m"), first.to_datetime64()), last.to_datetime64())
    full = rfm_summary(log, unit=u, unit_multiple=k, fractional=frac)
    split, counts = calibration_holdout(
        log, calibration_end=cal, observation_end=last, unit=u, unit_multiple=k, fractional=frac, return_counts=True
    )
    assert len(split) + counts["customers_first_in_holdout"] == len(full)
    joined = full.loc[split.index]
    np.testing.assert_array_equal(split["frequency"] + 1 + split["holdout_frequency"], joined["frequency"] + 1)
    np.testing.assert_allclose(split["age"] + split["holdout_duration"], joined["age"], atol=1e-9)
