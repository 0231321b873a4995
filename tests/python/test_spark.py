"""ltv.spark against the single-machine path, end to end on generated transactions: the Spark summary equals
ltv.purchase.rfm_summary, the Spark fit equals the native fit, the Spark scores equal the native scores per
customer. One local[2] session for the module (127.0.0.1, no UI, quiet log4j, UTC, 2 shuffle partitions).

PySpark and Java 17 are part of the test environment (scripts/venv.sh): a missing one is an error here,
never a skip.
"""

from __future__ import annotations

import doctest
import pathlib
import re
from typing import Any, Iterator

import numpy as np
import pandas as pd
import pytest
from pyspark.sql import SparkSession  # a missing pyspark fails the module (no importorskip)

import ltv
import ltv.spark
from ltv.purchase import BgBbFit, BgBbModel, BgNbdFit, BgNbdModel, GammaGammaFit, GammaGammaModel, MbgNbdFit, calibration_holdout, rfm_summary
from ltv.spark import _fit, _score, _session, _summary

# PySpark 4.3 warns that it does not fully support pandas 3 (the test environment's pandas) whenever it converts
# a pandas frame; the conversions used here (createDataFrame, toPandas) are checked value by value below.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

ROOT = pathlib.Path(__file__).resolve().parents[2]
N_CUSTOMERS = 1500
END_DAY = 19_000  # 2022-01-08


def transactions(n: int, seed: int) -> pd.DataFrame:
    """A log drawn from a daily BG/NBD (the model's simulate): first purchase ``age`` days before the end,
    the last repeat purchase ``recency`` days after the first, the others uniform in between, at random
    times of day, several rows on some days (merged by the summary), values of a gamma distribution."""
    rng = np.random.default_rng(seed)
    age = rng.integers(1, 700, n).astype(np.float64)
    sim = BgNbdModel(r=0.9, alpha=40.0, a=0.7, b=2.5).simulate(age=age, seed=seed)
    x = np.asarray(sim["frequency"], dtype=np.int64)
    t_x = np.floor(np.asarray(sim["recency"]))
    rows = 1 + x + rng.integers(0, 2, n)  # an extra row on the first day for half the customers
    cust = np.repeat(np.arange(n), rows)
    starts = np.cumsum(rows) - rows
    within = np.arange(len(cust)) - starts[cust]
    offset = np.floor(rng.random(len(cust)) * (t_x[cust] + 1))
    offset[within == 0] = 0
    offset[(within == x[cust]) & (x[cust] > 0)] = t_x[cust][(within == x[cust]) & (x[cust] > 0)]
    offset[within > x[cust]] = 0
    day = END_DAY - age[cust] + offset
    seconds = day * 86_400 + rng.integers(0, 86_400, len(cust))
    return pd.DataFrame({
        "customer_id": cust * 7 + 3,
        "date": pd.to_datetime(seconds.astype(np.int64), unit="s"),
        "amount": np.round(rng.gamma(2.0, 20.0, len(cust)), 2),
    })


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = ltv.spark.local_session(cores=2, app_name="ltv-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    return transactions(N_CUSTOMERS, seed=11)


@pytest.fixture(scope="module")
def spark_log(spark: SparkSession, log: pd.DataFrame) -> Any:
    return spark.createDataFrame(log).cache()


def collected(df: Any, key: str = "customer_id") -> pd.DataFrame:
    return df.toArrow().to_pandas().set_index(key).sort_index()


def assert_same_summary(spark_out: pd.DataFrame, local: pd.DataFrame) -> None:
    assert list(spark_out.index) == list(local.index)
    for col in ("frequency", "recency", "age", "holdout_frequency", "holdout_duration"):
        if col in local:
            np.testing.assert_array_equal(spark_out[col].to_numpy(), local[col].to_numpy(), err_msg=col)
    for col in ("monetary_value", "holdout_monetary_value"):
        if col in local:  # sums of the same values in another order
            np.testing.assert_allclose(spark_out[col].to_numpy(), local[col].to_numpy(), rtol=1e-12, atol=0, err_msg=col)
    starts = pd.to_datetime(spark_out["first_purchase"])
    if starts.dt.tz is not None:  # Arrow hands Spark timestamps over in UTC (the session time zone)
        starts = starts.dt.tz_convert("UTC").dt.tz_localize(None)
    starts = starts.to_numpy().astype("datetime64[s]")
    np.testing.assert_array_equal(starts, local["first_purchase"].to_numpy().astype("datetime64[s]"))


@pytest.mark.parametrize(
    "options",
    [
        dict(unit="day"),
        dict(unit="week", observation_end="2021-11-30"),
        dict(unit="week", fractional=True, recency="since_last"),
        dict(unit="month", unit_multiple=3, observation_end="2021-12-31"),
        dict(unit="hour", unit_multiple=12, observation_end="2021-12-01 13:30:00"),
        dict(unit="day", unit_multiple=2, fractional=True),
    ],
    ids=["day", "week-end", "week-fractional-since-last", "quarter", "half-day", "2-day-fractional"],
)
def test_summary_equals_single_machine(spark_log: Any, log: pd.DataFrame, options: dict) -> None:
    local, local_counts = rfm_summary(log, value="amount", return_counts=True, **options)
    out, counts = ltv.spark.rfm_summary(spark_log, value="amount", return_counts=True, **options)
    assert counts == local_counts
    assert out.columns == ["customer_id", "frequency", "recency", "age", "monetary_value", "first_purchase"]
    assert_same_summary(collected(out), local)


def test_calibration_holdout_equals_single_machine(spark_log: Any, log: pd.DataFrame) -> None:
    options = dict(calibration_end="2021-06-30", unit="week", value="amount")
    local, local_counts = calibration_holdout(log, return_counts=True, **options)
    out, counts = ltv.spark.calibration_holdout(spark_log, return_counts=True, **options)
    assert counts == local_counts and counts["customers_first_in_holdout"] > 0
    assert_same_summary(collected(out), local)
    ended = ltv.spark.calibration_holdout(spark_log, observation_end="2021-10-31", **options)
    assert_same_summary(collected(ended), calibration_holdout(log, observation_end="2021-10-31", **options))


def test_summary_without_value_and_string_times(spark: SparkSession) -> None:
    rows = [("a", "2015-02-01"), ("a", "2015-02-06"), ("b", "2015-01-01"), ("c", "2015-01-01"), ("c", "2015-01-02"),
            ("c", "2015-01-05"), ("c", "2015-03-01")]
    local = rfm_summary(pd.DataFrame(rows, columns=["id", "day"]), customer="id", time="day", observation_end="2015-02-07")
    out = ltv.spark.rfm_summary(spark.createDataFrame(rows, ["id", "day"]), customer="id", time="day",
                                observation_end="2015-02-07")
    assert "monetary_value" not in out.columns
    assert_same_summary(collected(out, "id"), local)


def test_bad_rows_fail_the_job_naming_the_column(spark: SparkSession) -> None:
    frame = spark.createDataFrame([(1, "2015-02-01", 3.0), (1, "not a date", 1.0)], ["customer_id", "date", "amount"])
    with pytest.raises(Exception, match="date: a missing or unparseable time"):
        ltv.spark.rfm_summary(frame).collect()
    frame = spark.createDataFrame([(1, "2015-02-01", 3.0), (2, "2015-02-02", -1.0)], ["customer_id", "date", "amount"])
    with pytest.raises(Exception, match="amount: got -1.0"):
        ltv.spark.rfm_summary(frame, value="amount").collect()
    frame = spark.createDataFrame([(1, "2015-02-01"), (None, "2015-02-02")], "customer_id int, date string")
    with pytest.raises(Exception, match="customer_id: a missing customer id"):
        ltv.spark.rfm_summary(frame).collect()
    with pytest.raises(ltv.InvalidInputError, match="fractional"):
        ltv.spark.rfm_summary(frame, unit="month", fractional=True)
    with pytest.raises(ltv.MissingColumnError, match="pass value='<column>'") as missing:
        ltv.spark.rfm_summary(frame, value="amount")
    assert missing.value.field == "value" and missing.value.columns == ["customer_id", "date"]
    with pytest.raises(ltv.InvalidInputError, match="calibration_end"):
        ltv.spark.calibration_holdout(frame, calibration_end="2015-03-01", observation_end="2015-02-01")


@pytest.fixture(scope="module")
def weekly(spark_log: Any, log: pd.DataFrame) -> Any:
    return ltv.spark.rfm_summary(spark_log, value="amount", unit="week").cache()


def local_patterns(summary: pd.DataFrame, columns: list) -> pd.DataFrame:
    p = summary.groupby(columns).size().rename("weight").astype(np.float64).reset_index()
    return p.sort_values(columns).reset_index(drop=True)


def test_patterns_counts_and_guard(weekly: Any, log: pd.DataFrame) -> None:
    local = rfm_summary(log, value="amount", unit="week")
    p = ltv.spark.patterns(weekly)
    pd.testing.assert_frame_equal(p, local_patterns(local, ["frequency", "recency", "age"]))
    assert p["weight"].sum() == N_CUSTOMERS
    with pytest.raises(ltv.InvalidInputError, match="coarser unit") as err:
        ltv.spark.patterns(weekly, max_patterns=10)
    assert err.value.field == "max_patterns"


def test_fit_equals_native_fit(weekly: Any, log: pd.DataFrame) -> None:
    local = rfm_summary(log, value="amount", unit="week")
    p = local_patterns(local, ["frequency", "recency", "age"])
    for fit_class in (BgNbdFit, MbgNbdFit):
        spark_fit = ltv.spark.fit(fit_class, weekly)
        native = fit_class.fit(frequency=p["frequency"], recency=p["recency"], age=p["age"], weight=p["weight"])
        assert spark_fit.params == native.params and spark_fit.converged
        per_customer = fit_class.fit(local)  # one row per customer: the same optimum, summed in another order
        for name, value in per_customer.params.items():
            assert spark_fit.params[name] == pytest.approx(value, rel=1e-6)
    assert ltv.spark.fit(BgNbdModel, weekly).params == ltv.spark.fit(BgNbdFit, weekly).params
    # Gamma-Gamma: the Spark means are the single machine's to 1e-15 (sums in another order), so the bit-for-bit
    # comparison is with the native fit on the Spark summary's own pairs, and the per-customer fit agrees to 1e-6.
    repeat = local[local["frequency"] > 0]
    q = ltv.spark.patterns(weekly, columns=["frequency", "monetary_value"], repeat_only=True)
    assert q["weight"].sum() == len(repeat)
    spend = ltv.spark.fit(GammaGammaFit, weekly)
    assert spend.params == GammaGammaFit.fit(frequency=q["frequency"], monetary_value=q["monetary_value"], weight=q["weight"]).params
    assert spend.params == pytest.approx(GammaGammaFit.fit(repeat).params, rel=1e-6)
    cents = ltv.spark.fit(GammaGammaModel, weekly, spend_decimals=2)
    assert cents.params != spend.params and cents.params == pytest.approx(spend.params, rel=1e-3)
    with pytest.raises(TypeError, match="model_class"):
        ltv.spark.fit(dict, weekly)


def test_scores_equal_native_scores(weekly: Any, log: pd.DataFrame) -> None:
    local = rfm_summary(log, value="amount", unit="week")
    model = ltv.spark.fit(BgNbdFit, weekly)
    spend = ltv.spark.fit(GammaGammaFit, weekly)
    outputs = ["probability_alive", "conditional_expected_purchases", "probability_alive_at", "customer_value"]
    scored = ltv.spark.score(weekly, model, outputs=outputs, horizon=26, spend_model=spend)
    assert scored.columns == weekly.columns + outputs
    got = collected(scored)
    np.testing.assert_array_equal(got["probability_alive"], model.probability_alive(local).to_numpy())
    np.testing.assert_array_equal(got["conditional_expected_purchases"],
                                  model.conditional_expected_purchases(local, t=26).to_numpy())
    np.testing.assert_array_equal(got["probability_alive_at"], model.probability_alive_at(local, t=26).to_numpy())
    value = ltv.purchase.customer_value(model, frequency=got["frequency"], recency=got["recency"], age=got["age"],
                                        monetary_value=got["monetary_value"], spend_model=spend)
    np.testing.assert_array_equal(got["customer_value"], np.asarray(value))
    spent = collected(ltv.spark.score(weekly, spend, outputs=["conditional_expected_spend"]))
    np.testing.assert_array_equal(
        spent["conditional_expected_spend"],
        spend.conditional_expected_spend(frequency=got["frequency"], monetary_value=got["monetary_value"]))


def test_bg_bb_fit_and_score_equal_native(spark: SparkSession) -> None:
    """The BG/BB on Spark: the fit on the patterns with their counts is the native weighted fit bit for bit
    (and the per-customer fit to 1e-6), and the scores are the native ones per customer."""
    truth = BgBbModel(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
    data = truth.simulate(periods=[6] * 1500 + [4] * 500, seed=9)
    local = pd.DataFrame({"customer_id": np.arange(2000), **data})
    frame = spark.createDataFrame(local)
    fitted = ltv.spark.fit(BgBbFit, frame)
    p = local.groupby(["frequency", "recency", "periods"]).size().reset_index(name="weight")
    native = BgBbFit.fit(frequency=p["frequency"], recency=p["recency"], periods=p["periods"], weight=p["weight"])
    assert fitted.params == native.params and fitted.converged
    assert fitted.params == pytest.approx(BgBbFit.fit(local).params, rel=1e-6)
    assert ltv.spark.fit(BgBbModel, frame.withColumnRenamed("periods", "n_periods")).params == fitted.params
    outputs = ["probability_alive", "conditional_expected_transactions", "probability_of_no_transaction",
               "probability_alive_at", "customer_log_likelihood"]
    got = ltv.spark.score(frame, fitted, outputs=outputs, horizon=5).toArrow().to_pandas().sort_values("customer_id")
    hist = dict(frequency=got["frequency"], recency=got["recency"], periods=got["periods"])
    for name in outputs:
        kwargs = dict(t=5) if name not in ("probability_alive", "customer_log_likelihood") else {}
        want = getattr(fitted, name)(**kwargs, **hist)
        np.testing.assert_array_equal(got[name].to_numpy(), np.asarray(want), err_msg=name)
    with pytest.raises(ltv.InvalidInputError, match="outputs"):
        ltv.spark.score(frame, fitted, outputs=["conditional_expected_purchases"], horizon=5)
    with pytest.raises(ltv.InvalidInputError, match="outputs"):
        ltv.spark.score(frame, BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426),
                        outputs=["conditional_expected_transactions"], horizon=5)
    with pytest.raises(ltv.MissingColumnError, match="periods"):
        ltv.spark.fit(BgBbFit, frame.drop("periods"))


def test_score_errors_null_and_raise(spark: SparkSession) -> None:
    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    frame = spark.createDataFrame([(2.0, 30.43, 38.86), (1.0, 50.0, 38.86), (None, 0.0, 3.0)], "frequency double, recency double, age double")
    rows = ltv.spark.score(frame, m, outputs=["probability_alive"], errors="null").collect()
    assert [r.probability_alive is None for r in rows] == [False, True, True]
    assert rows[0].probability_alive == m.probability_alive(frequency=2.0, recency=30.43, age=38.86)
    with pytest.raises(Exception, match="recency"):
        ltv.spark.score(frame, m, outputs=["probability_alive"]).collect()
    with pytest.raises(TypeError, match="horizon"):
        ltv.spark.score(frame, m, outputs=["conditional_expected_purchases"])
    with pytest.raises(ltv.InvalidInputError, match="outputs"):
        ltv.spark.score(frame, m, outputs=["conditional_expected_spend"])


def test_a_bad_row_fails_the_job_naming_its_customer(spark: SparkSession) -> None:
    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    frame = spark.createDataFrame([("c1", 2.0, 30.43, 38.86), ("c2", 1.0, 50.0, 38.86)],
                                  "customer_id string, frequency double, recency double, age double")
    # The default: the customer_id column rfm_summary writes, when the frame has it.
    with pytest.raises(Exception, match=r"customer_id = 'c2': invalid recency at row \d"):  # the row of its Arrow batch
        ltv.spark.score(frame, m, outputs=["probability_alive"]).collect()
    renamed = frame.withColumnRenamed("customer_id", "who")
    with pytest.raises(Exception, match=r"who = 'c2': invalid recency"):
        ltv.spark.score(renamed, m, outputs=["probability_alive"], customer="who").collect()
    with pytest.raises(ltv.MissingColumnError, match="customer: column 'id'") as missing:
        ltv.spark.score(frame, m, outputs=["probability_alive"], customer="id")
    assert missing.value.field == "customer"
    # Nulls instead, where asked: the good row keeps its value.
    rows = ltv.spark.score(frame, m, outputs=["probability_alive"], errors="null").orderBy("customer_id").collect()
    assert rows[0].probability_alive == m.probability_alive(frequency=2.0, recency=30.43, age=38.86)
    assert rows[1].probability_alive is None


def test_a_batch_error_keeps_its_class_and_fields_and_gains_the_customer() -> None:
    from ltv.spark._score import _with_customer

    m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    with pytest.raises(ltv.InvalidInputError) as caught:
        m.probability_alive(frequency=[1.0, 1.0], recency=[0.5, 50.0], age=[38.0, 38.0])
    cols = {"customer_id": np.array([7, 8]), "frequency": np.array([1.0, 1.0])}
    named = _with_customer(caught.value, cols, "customer_id")
    assert type(named) is ltv.InvalidInputError and str(named).startswith("customer_id = 8: invalid recency at row 1")
    assert (named.field, named.row, named.customer) == ("recency", 1, 8)  # type: ignore[attr-defined]
    assert _with_customer(caught.value, cols, None) is caught.value  # no customer column: unchanged
    assert _with_customer(TypeError("no row"), cols, "customer_id").args == ("no row",)


def test_columns_match_vec(spark: SparkSession) -> None:
    arpu, churn = [500.0, 120.0, 80.0], [0.03, 0.015, 0.0]
    frame = spark.createDataFrame(list(zip(arpu, churn)), ["arpu", "churn"])
    out = ltv.spark.columns(frame, "saas_ltv", arpu="arpu", gross_margin=0.8, monthly_churn="churn", errors="null")
    got = [r.saas_ltv for r in out.collect()]
    expected = ltv.vec.saas_ltv(arpu=arpu[:2], gross_margin=0.8, monthly_churn=churn[:2])
    assert got[:2] == list(expected) and got[2] is None
    with pytest.raises(ltv.InvalidInputError, match="formula"):
        ltv.spark.columns(frame, "no_such_formula")


def test_docstrings_run(spark: SparkSession) -> None:
    for module in (ltv.spark, _summary, _fit, _score, _session):
        finder = doctest.DocTestFinder()
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        tests = [t for t in finder.find(module, globs={"spark": spark}) if t.examples]
        assert tests, module.__name__
        for t in tests:
            runner.run(t)
        assert runner.summarize(verbose=False).failed == 0, module.__name__


def test_readme_spark_section_runs(spark: SparkSession) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Spark", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```pycon\n(.*?)```", section, flags=re.S)
    assert blocks, "the README's Spark section has no example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for i, block in enumerate(blocks):
        runner.run(doctest.DocTestParser().get_doctest(block, {"spark": spark}, f"README Spark {i}", "README.md", 0))
    assert runner.summarize(verbose=False).failed == 0


def test_observation_end_before_every_purchase_is_an_error(spark: SparkSession) -> None:
    # Issue 15: an observation end before the first purchase is an ltv error naming observation_end (as the
    # single-machine summary), not an empty frame; the same in calibration_holdout. Day periods: 2015-01-01 is
    # day 16436, 2015-02-01 day 16467.
    frame = spark.createDataFrame([(1, "2015-02-01"), (2, "2015-03-01")], ["customer_id", "date"])
    with pytest.raises(ltv.InvalidInputError, match=r"observation_end.*first purchase \(period 16467; the observation end "
                       r"is period 16436\)") as err:
        ltv.spark.rfm_summary(frame, observation_end="2015-01-01")
    assert err.value.field == "observation_end"
    with pytest.raises(ltv.InvalidInputError, match="observation_end") as err:
        ltv.spark.calibration_holdout(frame, calibration_end="2014-12-01", observation_end="2015-01-31")
    assert err.value.field == "observation_end"
    # A calibration end before every purchase (the observation end after them): calibration_end, as the
    # single-machine calibration_holdout (which checks observation_end first, as above). 2014-12-01 is day 16405.
    with pytest.raises(ltv.InvalidInputError, match=r"first purchase \(period 16467; the calibration end is period 16405\)") as err:
        ltv.spark.calibration_holdout(frame, calibration_end="2014-12-01", observation_end="2015-03-31")
    assert err.value.field == "calibration_end"
    with pytest.raises(ltv.InvalidInputError) as single:
        ltv.purchase.calibration_holdout(pd.DataFrame({"customer_id": [1, 2], "date": ["2015-02-01", "2015-03-01"]}),
                                         calibration_end="2014-12-01", observation_end="2015-03-31")
    assert single.value.field == "calibration_end"
    # The first purchase's own period is allowed (inclusive end): one customer with age 0.
    rows = ltv.spark.rfm_summary(frame, observation_end="2015-02-01").collect()
    assert [tuple(r)[:4] for r in rows] == [(1, 0.0, 0.0, 0.0)]
