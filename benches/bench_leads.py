"""The lead segment table over 1M leads: ltv.leads.segment_table against a straightforward pandas groupby.

Run: .venv/bin/python benches/bench_leads.py [--rows 1000000] [--repeat 7] [--segments 20]

Side by side, in one run, on the same synthetic frame (seed 42):
  * ltv.leads.segment_table   validated (costs, LTVs, 0/1 flags, rows named in errors), exact same definitions
                              as the Rust core: shrinkage, lead LTV, LTV:CPL band, bid cap, warnings
  * ltv, encoding only        the part of that time spent in Python encoding (labels -> codes, columns -> float64)
  * pandas groupby            the same numbers with groupby/agg and vectorised arithmetic, no validation
Checks that both give the same numbers (rel 1e-9), then prints medians and the ratio. Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import timeit
from typing import Any, Callable, List

import numpy as np
import pandas as pd

import ltv.leads
from ltv._columns import column
from ltv.leads import _converted, _labels


def make_leads(rows: int, segments: int) -> pd.DataFrame:
    rng = np.random.default_rng(42)
    channel = rng.integers(0, segments, rows)
    rate = 0.01 + 0.15 * (channel / max(segments - 1, 1))
    converted = rng.random(rows) < rate
    ltv = np.where(converted, rng.lognormal(9.5, 0.6, rows), np.nan)
    return pd.DataFrame({
        "channel": pd.Series([f"ch{c:02d}" for c in range(segments)])[channel].to_numpy(),
        "converted": converted.astype(np.int64),
        "customer_ltv": ltv,
        "cost_per_lead": rng.uniform(20.0, 400.0, rows),
        "days_to_close": np.where(converted, rng.gamma(3.0, 20.0, rows), np.nan),
    })


def pandas_segment_table(df: pd.DataFrame, k: float = 20.0, target: float = 3.0) -> pd.DataFrame:
    """The oracle: the same definitions in plain pandas (blended prior, pooled LTV fallback)."""
    g = df.groupby("channel", sort=True)
    out = g.agg(leads=("converted", "size"), conversions=("converted", "sum"), avg_customer_ltv=("customer_ltv", "mean"),
                cost_per_lead=("cost_per_lead", "mean"), avg_days_to_close=("days_to_close", "mean"))
    prior = out.conversions.sum() / out.leads.sum()
    pooled = df.customer_ltv.mean()
    out["conversion_rate"] = out.conversions / out.leads
    out["shrunk_rate"] = (out.conversions + k * prior) / (out.leads + k)
    out["lead_ltv"] = out.shrunk_rate * out.avg_customer_ltv.fillna(pooled)
    out["ltv_cpl"] = out.lead_ltv / out.cost_per_lead
    out["ltv_cpl_band"] = np.select([out.ltv_cpl < 3, out.ltv_cpl > 5], ["overspending", "under_investing"], "healthy")
    out["bid_cap"] = out.lead_ltv / target
    return out.reset_index()


def encode_only(df: pd.DataFrame) -> Any:
    return (_labels(df["channel"], "segment"), _converted(df["converted"]), column("customer_ltv", df["customer_ltv"]),
            column("cost_per_lead", df["cost_per_lead"]), column("days_to_close", df["days_to_close"]))


def median_seconds(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm-up
    return statistics.median(timeit.repeat(fn, number=1, repeat=repeat))


def main(argv: List[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--segments", type=int, default=20)
    args = parser.parse_args(argv)

    df = make_leads(args.rows, args.segments)
    ours = ltv.leads.segment_table(df).table
    oracle = pandas_segment_table(df)
    cols = ["leads", "conversions", "conversion_rate", "shrunk_rate", "avg_customer_ltv", "lead_ltv", "cost_per_lead",
            "ltv_cpl", "bid_cap", "avg_days_to_close"]
    assert ours.segment.tolist() == oracle.channel.tolist()
    for c in cols:
        np.testing.assert_allclose(ours[c].to_numpy(float), oracle[c].to_numpy(float), rtol=1e-9, err_msg=c)
    assert ours.ltv_cpl_band.tolist() == oracle.ltv_cpl_band.tolist()

    t_ltv = median_seconds(lambda: ltv.leads.segment_table(df), args.repeat)
    t_enc = median_seconds(lambda: encode_only(df), args.repeat)
    t_pd = median_seconds(lambda: pandas_segment_table(df), args.repeat)
    print(f"segment table, {args.rows:,} leads, {args.segments} segments, median of {args.repeat} "
          f"({os.cpu_count()} cores, pandas {pd.__version__}); same numbers: yes (rel 1e-9)")
    print(f"  {'ltv.leads.segment_table':<28} {t_ltv * 1e3:9.1f} ms")
    print(f"  {'  of which encoding (Python)':<28} {t_enc * 1e3:9.1f} ms")
    print(f"  {'pandas groupby (no checks)':<28} {t_pd * 1e3:9.1f} ms")
    print(f"  ratio pandas / ltv: {t_pd / t_ltv:.2f}x")


if __name__ == "__main__":
    main()
