"""Cohort table: ltv.cohort.cohort_table against a straightforward pandas groupby/pivot implementation.

Run: .venv/bin/python benches/bench_cohort.py [--customers 1000000] [--months 10] [--repeat 5]

The data (generated here, fixed seed): customers x months rows (10 million by default), one row per customer
and month in period order, revenue 0 outside a customer's paying months: acquisition spread over the months,
heavy early churn, some expansion and reactivation. Both sides start from the same pandas DataFrame
(customer_id int64, period datetime64, revenue float64) and produce the cohort x age table (active customers,
revenue, logo retention, NRR, GRR); ltv also computes surviving customers, cumulative revenue and the
per-period MRR movements in the same call. The numbers are asserted to agree; the script prints the medians
and the ratio (target: ltv at least 5x faster).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any, Callable, List

import numpy as np
import pandas as pd

import ltv.cohort


def make_data(customers: int, months: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    acquired = rng.integers(0, months, customers)
    # Geometric lifetimes with heavy early churn: 30 % leave after one month, then 6 % a month.
    lifetime = np.where(rng.random(customers) < 0.3, 1, 1 + rng.geometric(0.06, customers))
    price = rng.choice(np.array([29.0, 99.0, 299.0]), customers, p=[0.6, 0.3, 0.1])
    month = np.arange(months)
    age = month[None, :] - acquired[:, None]
    paying = (age >= 0) & (age < lifetime[:, None])
    # Some churned customers come back two months later for good.
    back = (rng.random(customers) < 0.05)[:, None] & (age >= lifetime[:, None] + 2)
    growth = np.where(rng.random((customers, months)) < 0.05, 1.5, 1.0).cumprod(axis=1)
    revenue = np.where(paying | back, price[:, None] * growth, 0.0).round(2)
    periods = np.datetime64("2024-01", "M") + month
    # Period-major order, as a monthly billing export comes.
    return pd.DataFrame(
        {
            "customer_id": np.tile(np.arange(customers, dtype=np.int64), months),
            "period": np.repeat(periods.astype("datetime64[s]"), customers),
            "revenue": revenue.T.reshape(-1),
        }
    )


def with_ltv(df: pd.DataFrame) -> pd.DataFrame:
    table: pd.DataFrame = ltv.cohort.cohort_table(df).table
    return table


def with_pandas(df: pd.DataFrame) -> pd.DataFrame:
    """The same table, the way one writes it in pandas: group, find each customer's first paying month, pivot."""
    g = df.groupby(["customer_id", "period"], as_index=False, sort=False)["revenue"].sum()
    g = g[g["revenue"] > 0]
    month = g["period"].dt.year * 12 + g["period"].dt.month
    g = g.assign(month=month)
    first = g.groupby("customer_id")["month"].transform("min")
    g = g.assign(cohort=first, age=month - first)
    r0 = g["revenue"].where(g["age"] == 0).groupby(g["customer_id"]).transform("max")
    g = g.assign(capped=np.minimum(g["revenue"], r0))
    t = g.groupby(["cohort", "age"]).agg(
        active_customers=("customer_id", "size"), revenue=("revenue", "sum"), capped=("capped", "sum")
    )
    t = t.reset_index()
    base = t[t["age"] == 0].set_index("cohort")
    size = t["cohort"].map(base["active_customers"])
    start = t["cohort"].map(base["revenue"])
    t["cohort_size"] = size
    t["logo_retention"] = t["active_customers"] / size
    t["net_revenue_retention"] = t["revenue"] / start
    t["gross_revenue_retention"] = t["capped"] / start
    return t


def timed(fn: Callable[[pd.DataFrame], pd.DataFrame], df: pd.DataFrame, repeat: int) -> tuple[float, pd.DataFrame]:
    times: List[float] = []
    out: Any = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(df)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def check(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    # pandas has no row for an age at which nobody paid; ltv has every age (with zeros there).
    ours = ours[ours["active_customers"] > 0].reset_index(drop=True)
    months = ours["cohort"].dt.year * 12 + ours["cohort"].dt.month
    assert len(ours) == len(theirs), (len(ours), len(theirs))
    theirs = theirs.sort_values(["cohort", "age"]).reset_index(drop=True)
    np.testing.assert_array_equal(months.to_numpy(), theirs["cohort"].to_numpy())
    np.testing.assert_array_equal(ours["age"].to_numpy(), theirs["age"].to_numpy())
    for name in ("cohort_size", "active_customers"):
        np.testing.assert_array_equal(ours[name].to_numpy(), theirs[name].to_numpy(), err_msg=name)
    for name in ("revenue", "logo_retention", "net_revenue_retention", "gross_revenue_retention"):
        np.testing.assert_allclose(ours[name].to_numpy(), theirs[name].to_numpy(), rtol=1e-9, err_msg=name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    df = make_data(args.customers, args.months)
    paying = int((df["revenue"] > 0).sum())
    print(f"{len(df):,} rows ({args.customers:,} customers x {args.months} months, {paying:,} paying), "
          f"median of {args.repeat} runs, python {sys.version.split()[0]}, pandas {pd.__version__}")
    ltv_s, ours = timed(with_ltv, df, args.repeat)
    pandas_s, theirs = timed(with_pandas, df, args.repeat)
    check(ours, theirs)
    print(f"  ltv.cohort.cohort_table(df).table  {ltv_s:8.3f} s")
    print(f"  pandas groupby/pivot               {pandas_s:8.3f} s")
    print(f"  ratio (pandas / ltv)               {pandas_s / ltv_s:8.1f}x   (the tables agree: {len(theirs)} rows)")


if __name__ == "__main__":
    main()
