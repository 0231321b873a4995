"""RFM summary from a transaction log: ltv.purchase.rfm_summary against a plain pandas groupby, a polars
group_by implementation of the same summary, and lifetimes 0.11.3's summary_data_from_transaction_data.

Run (lifetimes, polars and psutil only in a benchmark environment, never in .venv):
    python benches/bench_rfm.py [--rows 10000000] [--customers 1000000] [--repeat 5] [--skip-lifetimes]

The data (generated here, fixed seed): `customers` customers, each with a first purchase in 2023 and
repeat purchases over the following days (geometric gaps, some customers buying several times a day), 
`rows` rows in all, in time order (as a log is exported); customer_id int64, date datetime64[ns] (with a
time of day), value float64. Every method computes the daily summary (purchases merged per day, values
summed) to the last transaction: frequency, recency (t_x), T and the mean value of the repeat days.

Each method runs in its own process (so peak memory is its own: the process's peak RSS minus its RSS after
loading the data), `repeat` times (lifetimes once), with 1 and 2 threads for ltv and polars
(RAYON_NUM_THREADS / POLARS_MAX_THREADS). The results are checked to agree with ltv's; the script prints
medians, ratios and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List

import numpy as np

COLUMNS = ("frequency", "recency", "T", "monetary_value")


def make_data(rows: int, customers: int, seed: int = 11) -> Dict[str, Any]:
    rng = np.random.default_rng(seed)
    # Rows per customer: 1 + geometric, scaled to `rows` in all.
    weights = rng.gamma(0.8, 1.0, customers)
    counts = 1 + rng.multinomial(rows - customers, weights / weights.sum())
    customer = np.repeat(np.arange(customers, dtype=np.int64) * 7 + 1000, counts)
    first = rng.integers(0, 365, customers)
    # Purchase days: the first, then geometric gaps (0 = again the same day).
    gaps = rng.geometric(0.08, rows) - 1
    starts = np.cumsum(counts) - counts
    gaps[starts] = 0
    day = np.cumsum(gaps)
    day = day - np.repeat(day[starts], counts) + np.repeat(first, counts)
    seconds = day * 86_400 + rng.integers(8 * 3600, 22 * 3600, rows)
    date = np.datetime64("2023-01-01T00:00:00", "ns") + seconds.astype("timedelta64[s]")
    value = np.round(rng.gamma(2.0, 15.0, rows), 2)
    order = np.argsort(date, kind="stable")
    return {"customer_id": customer[order], "date": date[order], "value": value[order]}


# --- the methods (each returns one row per customer, sorted by id: frequency, recency, T, monetary) ---------


def with_ltv(df: Any) -> Dict[str, Any]:
    from ltv.purchase import rfm_summary

    out = rfm_summary(df, value="value", unit="day")
    return {"customer": out.index.to_numpy(), "frequency": out["frequency"].to_numpy(),
            "recency": out["recency"].to_numpy(), "T": out["age"].to_numpy(),
            "monetary_value": out["monetary_value"].to_numpy()}


def with_pandas(df: Any) -> Dict[str, Any]:
    """The summary as one writes it in pandas: merge per customer and day, then per customer."""
    day = df["date"].dt.floor("D")
    end = day.max()
    g = df.assign(day=day).groupby(["customer_id", "day"], sort=False)["value"].sum().reset_index()
    g = g.sort_values(["customer_id", "day"])
    per = g.groupby("customer_id", sort=True)
    first, last = per["day"].min(), per["day"].max()
    n = per.size()
    total = per["value"].sum()
    first_value = per["value"].first()
    x = (n - 1).astype(np.float64)
    repeat = (total - first_value).where(x > 0, 0.0)
    monetary = (repeat / x.where(x > 0, 1.0)).to_numpy()
    return {"customer": n.index.to_numpy(), "frequency": x.to_numpy(),
            "recency": ((last - first).dt.days).to_numpy(dtype=np.float64),
            "T": ((end - first).dt.days).to_numpy(dtype=np.float64), "monetary_value": monetary}


def with_polars(df: Any) -> Dict[str, Any]:
    """The same summary in polars: group_by (customer, day), then group_by customer."""
    import polars as pl

    lf = df.lazy().with_columns(pl.col("date").dt.date().alias("day"))
    end = df.select(pl.col("date").dt.date().max()).item()
    per_day = lf.group_by("customer_id", "day").agg(pl.col("value").sum())
    first_day = pl.col("day").min()
    out = (
        per_day.group_by("customer_id")
        .agg(
            (pl.len() - 1).cast(pl.Float64).alias("frequency"),
            (pl.col("day").max() - first_day).dt.total_days().cast(pl.Float64).alias("recency"),
            (pl.lit(end) - first_day).dt.total_days().cast(pl.Float64).alias("T"),
            ((pl.col("value").sum() - pl.col("value").filter(pl.col("day") == first_day).sum()) / (pl.len() - 1))
            .alias("monetary_value"),
        )
        .with_columns(pl.col("monetary_value").fill_nan(0.0).fill_null(0.0))
        .sort("customer_id")
        .collect()
    )
    return {"customer": out["customer_id"].to_numpy(), **{c: out[c].to_numpy() for c in COLUMNS}}


def with_lifetimes(df: Any) -> Dict[str, Any]:
    from lifetimes.utils import summary_data_from_transaction_data

    out = summary_data_from_transaction_data(df, "customer_id", "date", monetary_value_col="value", freq="D")
    out = out.sort_index()
    return {"customer": out.index.to_numpy(), **{c: out[c].to_numpy() for c in COLUMNS}}


METHODS: Dict[str, Callable[[Any], Dict[str, Any]]] = {
    "ltv": with_ltv, "pandas": with_pandas, "polars": with_polars, "lifetimes": with_lifetimes,
}


def rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return float(line.split()[1]) / 1024
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def child(method: str, data_path: str, repeat: int, out_path: str) -> None:
    data = dict(np.load(data_path))
    if method == "polars":
        import polars as pl

        df: Any = pl.DataFrame(data)
    else:
        import pandas as pd

        df = pd.DataFrame(data)
    # Imports first, so that neither the time nor the peak memory counts them.
    warm = {"ltv": "ltv.purchase", "lifetimes": "lifetimes.utils", "polars": "polars", "pandas": "pandas"}[method]
    __import__(warm)
    # Reset the peak RSS (VmHWM) to the current RSS, so the peak is the method's own (Linux >= 4.0).
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    base = rss_mb()
    times: List[float] = []
    result: Dict[str, Any] = {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = METHODS[method](df)
        times.append(time.perf_counter() - t0)
    peak = peak_rss_mb()
    np.savez(out_path, **{k: np.asarray(v) for k, v in result.items()})
    print(json.dumps({"median_s": statistics.median(times), "times": times, "peak_mb": peak - base}))


def run(method: str, data_path: str, repeat: int, threads: int, tmp: str) -> Dict[str, Any]:
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads), POLARS_MAX_THREADS=str(threads))
    out_path = os.path.join(tmp, f"{method}-{threads}.npz")
    proc = subprocess.run(
        [sys.executable, __file__, "--child", method, "--data", data_path, "--repeat", str(repeat), "--out", out_path],
        env=env, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    report: Dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    report["result"] = dict(np.load(out_path))
    return report


def agree(ours: Dict[str, Any], theirs: Dict[str, Any]) -> str:
    np.testing.assert_array_equal(ours["customer"], theirs["customer"])
    worst = 0.0
    for c in COLUMNS:
        np.testing.assert_allclose(theirs[c], ours[c], rtol=1e-9, atol=1e-9, err_msg=c)
        worst = max(worst, float(np.max(np.abs(theirs[c] - ours[c]))))
    return f"agree (max abs diff {worst:.1e})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-lifetimes", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.repeat, args.out)
        return

    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        data_path = os.path.join(tmp, "data.npz")
        data = make_data(args.rows, args.customers)
        np.savez(data_path, **data)
        versions = {"python": sys.version.split()[0], "pandas": pd.__version__}
        for name in ("polars", "lifetimes", "ltv"):
            try:
                versions[name] = __import__(name).__version__
            except ImportError:
                versions[name] = "not installed"
        print(f"{args.rows:,} rows, {args.customers:,} customers, {os.cpu_count()} CPUs; "
              + ", ".join(f"{k} {v}" for k, v in versions.items()))
        plan = [("ltv", 1), ("ltv", 2), ("polars", 1), ("polars", 2), ("pandas", 1)]
        if not args.skip_lifetimes:
            plan.append(("lifetimes", 1))
        reports = {}
        for method, threads in plan:
            repeat = 1 if method == "lifetimes" else args.repeat
            reports[(method, threads)] = run(method, data_path, repeat, threads, tmp)
        ours = reports[("ltv", 2)]["result"]
        best = reports[("ltv", 2)]["median_s"]
        print(f"{'method':<28}{'threads':>8}{'median s':>11}{'vs ltv (2 thr)':>16}{'peak MB':>10}  check")
        for (method, threads), r in reports.items():
            if "error" in r:
                print(f"{method:<28}{threads:>8}  failed: {r['error']}")
                continue
            check = agree(ours, r["result"])
            print(f"{method:<28}{threads:>8}{r['median_s']:>11.3f}{r['median_s'] / best:>15.1f}x"
                  f"{r['peak_mb']:>10.0f}  {check}")


if __name__ == "__main__":
    main()
