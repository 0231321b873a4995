"""ltv.spark against the single-machine path and the common lifetimes-in-Spark recipe, per stage.

    python benches/bench_spark.py --customers 200000 [--cores 2] [--memory 4g] [--no-lifetimes] [--dir DIR]

Generates a transaction log (a daily BG/NBD's simulate, about 7 rows a customer at the issue's ratio), then times:
  local:     ltv.purchase.rfm_summary (pandas) + BgNbdFit.fit on one row per customer + probability_alive and
             conditional_expected_purchases;
  ltv.spark: rfm_summary (Spark SQL) + fit on the patterns with counts + score (mapInArrow), on local[cores];
  recipe:    the same Spark SQL summary, toPandas, lifetimes' BetaGeoFitter on every customer, scoring in a
             pandas UDF (only where lifetimes is installed: the benchmark environment, requirements-bench.txt).
Outputs are asserted equal where they should be (summary; spark fit == native fit on the same patterns; scores).
The log is written once to Parquet (under --dir, default a temporary folder) and Spark reads it from there, as a
pipeline would (createDataFrame from a 70-million-row pandas frame would first copy it into the JVM's heap).
Peak memory: the Python driver's peak RSS (resource.getrusage) and the JVM's (VmHWM of /proc/<pid>/status) after
each stage; with local[cores] the executors run inside that JVM, the Python workers (mapInArrow, pandas UDF) are
separate short-lived processes not counted. Also times the fit alone against the pattern count (daily and weekly
units, one- and two-year windows). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from typing import Any, Dict

import numpy as np
import pandas as pd

import ltv.spark
from ltv.purchase import BgNbdFit, BgNbdModel, rfm_summary


def transactions(n: int, seed: int, days: int = 730) -> pd.DataFrame:
    """A daily log: first purchase ``age`` days before the end, the last repeat ``recency`` days after it, the
    others uniform in between (several on a day merge)."""
    rng = np.random.default_rng(seed)
    age = rng.integers(1, days, n).astype(np.float64)
    sim = BgNbdModel(r=1.2, alpha=60.0, a=0.5, b=4.0).simulate(age=age, seed=seed)
    x = np.asarray(sim["frequency"], dtype=np.int64)
    t_x = np.floor(np.asarray(sim["recency"]))
    rows = 1 + x
    cust = np.repeat(np.arange(n), rows)
    within = np.arange(len(cust)) - (np.cumsum(rows) - rows)[cust]
    offset = np.floor(rng.random(len(cust)) * (t_x[cust] + 1))
    offset[within == 0] = 0
    last = (within == x[cust]) & (x[cust] > 0)
    offset[last] = t_x[cust][last]
    day = (19_000 - age[cust] + offset).astype("int64")
    return pd.DataFrame({"customer_id": cust, "date": day.astype("datetime64[D]"),
                         "amount": np.round(rng.gamma(2.0, 20.0, len(cust)), 2)})


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


JVM_PID: Any = None


def jvm_peak_mb() -> Any:
    """The Spark JVM's peak resident set so far (VmHWM), MB, or None before the session starts."""
    if JVM_PID is None:
        return None
    with open(f"/proc/{JVM_PID}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def timed(stages: Dict[str, Any], name: str, f: Any) -> Any:
    t0 = time.perf_counter()
    out = f()
    stages[name] = {"seconds": round(time.perf_counter() - t0, 3), "driver_peak_rss_mb": round(peak_mb(), 1),
                    "jvm_peak_rss_mb": jvm_peak_mb()}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=200_000, help="customers (the issue's full run: 10,000,000)")
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--memory", default="4g", help="spark.driver.memory")
    ap.add_argument("--no-lifetimes", action="store_true", help="skip the lifetimes recipe")
    ap.add_argument("--dir", default=None, help="where the Parquet copy of the log goes (default: a temporary folder)")
    args = ap.parse_args()
    global JVM_PID
    log = transactions(args.customers, seed=1)
    result: Dict[str, Any] = {"customers": args.customers, "transactions": len(log), "cores": args.cores}
    folder = tempfile.mkdtemp(prefix="ltv-bench-spark-", dir=args.dir)
    path = os.path.join(folder, "log.parquet")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(log, preserve_index=False), path, row_group_size=1 << 22)

    local: Dict[str, Any] = {}
    summary = timed(local, "summary", lambda: rfm_summary(log, value="amount", unit="week"))
    native = timed(local, "fit", lambda: BgNbdFit.fit(summary))
    timed(local, "score", lambda: (native.probability_alive(summary), native.conditional_expected_purchases(summary, t=52)))
    result["local"] = local

    spark = ltv.spark.local_session(cores=args.cores, memory=args.memory, app_name="ltv-bench")
    JVM_PID = int(spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid())  # the benchmark only
    sp: Dict[str, Any] = {}
    frame = timed(sp, "load", lambda: spark.read.parquet(path).cache())
    timed(sp, "load_count", frame.count)
    s_summary = ltv.spark.rfm_summary(frame, value="amount", unit="week").cache()
    timed(sp, "summary", s_summary.count)
    s_fit = timed(sp, "fit", lambda: ltv.spark.fit(BgNbdFit, s_summary))
    scored = ltv.spark.score(s_summary, s_fit, outputs=["probability_alive", "conditional_expected_purchases"], horizon=52)
    timed(sp, "score", lambda: scored.write.format("noop").mode("overwrite").save())
    result["ltv_spark"] = sp

    p = ltv.spark.patterns(s_summary)
    same_patterns = BgNbdFit.fit(frequency=p["frequency"], recency=p["recency"], age=p["age"], weight=p["weight"])
    assert s_fit.params == same_patterns.params
    result["patterns"] = len(p)
    result["fit_params_rel_diff_vs_per_customer_fit"] = max(
        abs(s_fit.params[k] / native.params[k] - 1) for k in native.params)
    check = scored.toArrow().to_pandas().set_index("customer_id").sort_index()
    np.testing.assert_array_equal(check["frequency"], summary["frequency"])
    np.testing.assert_allclose(check["probability_alive"], s_fit.probability_alive(summary), rtol=0, atol=0)

    if not args.no_lifetimes:
        try:
            from lifetimes import BetaGeoFitter  # the benchmark environment only
        except ImportError:
            result["recipe"] = "skipped: lifetimes not installed (requirements-bench.txt)"
        else:
            from pyspark.sql import functions as F

            rc: Dict[str, Any] = {}
            pdf = timed(rc, "toPandas", lambda: s_summary.select("customer_id", "frequency", "recency", "age").toArrow().to_pandas())
            bgf = BetaGeoFitter()
            timed(rc, "fit", lambda: bgf.fit(pdf["frequency"], pdf["recency"], pdf["age"]))
            params = dict(bgf.params_)

            def alive(f: pd.Series, r: pd.Series, t: pd.Series) -> pd.Series:
                fitter = BetaGeoFitter()
                fitter.params_ = pd.Series(params)
                return pd.Series(fitter.conditional_probability_alive(f, r, t))

            udf = F.pandas_udf(alive, "double")
            out = s_summary.withColumn("probability_alive", udf("frequency", "recency", "age"))
            timed(rc, "score", lambda: out.write.format("noop").mode("overwrite").save())
            rc["params"] = params
            result["recipe"] = rc

    fit_cost: Dict[str, Any] = {}
    for unit in ("day", "week"):
        for window_days in (365, 730):
            from pyspark.sql import functions as F

            cut = frame.where(F.col("date") >= F.lit(str(np.datetime64(19_000 - window_days, "D"))).cast("date"))
            s = ltv.spark.rfm_summary(cut, value="amount", unit=unit)
            pats = ltv.spark.patterns(s)
            t0 = time.perf_counter()
            BgNbdFit.fit(frequency=pats["frequency"], recency=pats["recency"], age=pats["age"], weight=pats["weight"])
            fit_cost[f"{unit}_{window_days}d"] = {"patterns": len(pats), "fit_seconds": round(time.perf_counter() - t0, 3)}
    result["fit_vs_patterns"] = fit_cost
    spark.stop()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
