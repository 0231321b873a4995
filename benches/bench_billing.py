"""Billing exports to MRR: ltv.billing.normalise against a straightforward pandas implementation of the same rules.

Run: .venv/bin/python benches/bench_billing.py [--lines 10000000] [--repeat 3]

The data (generated here, fixed seed): invoice lines of `lines / 5` customers over three years (2023-2025),
70 % on monthly plans (one line per month from a random start month and anniversary day 1-28, geometric
lifetime) and 30 % on annual plans (one line per year, 1-3 years), prices 19.99 / 49 / 99 / 199 a month
(annual: 10x). Both sides normalise the charges to MRR by actual days with largest-remainder cents (ties to
the earlier month) and sum by customer and month; ltv also builds the audit, one-time and pause tables. Each
side runs in its own subprocess (peak memory is the rise of the resident set over the generated data, from
/proc VmHWM after resetting it). The parent checks that both give identical cents for every customer-month
and prints the median time of the runs, peak memory and the ratio (target: ltv at least 10x faster).
``Normalised.audit`` is built when first read: the ltv time includes the native audit columns, and the time to
turn them into the audit frame is printed on its own line (``ltv +audit``).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, Tuple

import numpy as np
import pandas as pd


def make_lines(lines: int, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    customers = max(1, lines * 10 // 43)  # about 4.3 lines per customer
    annual = rng.random(customers) < 0.3
    price = rng.choice(np.array([1999, 4900, 9900, 19900]), customers)  # cents a month
    start_month = rng.integers(0, 36, customers)
    day = rng.integers(0, 28, customers)
    months_left = 36 - start_month
    years = np.minimum(rng.integers(1, 4, customers), (months_left + 11) // 12)
    monthly_n = np.minimum(rng.geometric(1 / 7.0, customers), months_left)
    count = np.where(annual, years, monthly_n)
    # Scale the monthly lifetimes so the total is about `lines`.
    cust = np.repeat(np.arange(customers), count)
    k = np.arange(cust.size) - np.repeat(np.cumsum(count) - count, count)
    step = np.where(annual[cust], 12, 1)
    first = np.datetime64("2023-01", "M") + start_month[cust] + k * step
    start = first.astype("datetime64[D]") + day[cust]
    end = (first + step).astype("datetime64[D]") + day[cust]
    cents = np.where(annual[cust], price[cust] * 10, price[cust])
    return pd.DataFrame({
        "line_id": np.char.add("il_", np.arange(cust.size).astype(str)),
        "customer_id": cust.astype(np.int64),
        "amount": cents / 100.0,
        "currency": "USD",
        "service_start": start,
        "service_end": end,
        "kind": "charge",
        "plan": np.where(annual[cust], "annual", "monthly"),
    })


LAST: Dict[str, Any] = {}


def with_ltv(df: pd.DataFrame) -> pd.DataFrame:
    import ltv.billing

    out = ltv.billing.normalise(df, plan="plan")
    LAST["out"] = out
    mrr = out.mrr
    return pd.DataFrame({
        "customer_id": mrr["customer_id"].to_numpy(np.int64),
        "month": mrr["period"].to_numpy().astype("datetime64[M]").astype(np.int64),
        "cents": np.rint(mrr["mrr"].to_numpy() * 100).astype(np.int64),
    })


def with_pandas(df: pd.DataFrame) -> pd.DataFrame:
    """Actual-days proration with largest-remainder cents, written the way one writes it in pandas."""
    start = df["service_start"].to_numpy().astype("datetime64[D]")
    end = df["service_end"].to_numpy().astype("datetime64[D]")
    cents = np.rint(df["amount"].to_numpy() * 100).astype(np.int64)
    first = start.astype("datetime64[M]")
    last = (end - 1).astype("datetime64[M]")
    span = (last - first).astype(np.int64) + 1
    x = pd.DataFrame({
        "line": np.repeat(np.arange(len(df)), span),
        "customer_id": np.repeat(df["customer_id"].to_numpy(), span),
    })
    months = np.repeat(first, span) + x.groupby("line").cumcount().to_numpy()
    x["month"] = months.astype(np.int64)  # months since 1970-01
    month_start = months.astype("datetime64[D]")
    next_start = (months + 1).astype("datetime64[D]")
    s, e = np.repeat(start, span), np.repeat(end, span)
    w = (np.minimum(e, next_start) - np.maximum(s, month_start)).astype(np.int64)
    total = (e - s).astype(np.int64)
    num = np.repeat(cents, span) * w
    x["q"], x["r"] = num // total, num % total
    left = np.repeat(cents, span) - x.groupby("line")["q"].transform("sum").to_numpy()
    x = x.sort_values(["line", "r", "month"], ascending=[True, False, True], kind="stable")
    rank = x.groupby("line").cumcount().to_numpy()
    x["cents"] = x["q"] + (rank < left[x.index.to_numpy()]).astype(np.int64)
    out = x.groupby(["customer_id", "month"], as_index=False)["cents"].sum()
    return out[["customer_id", "month", "cents"]]


def _rss() -> Tuple[int, int]:
    status = pathlib.Path("/proc/self/status").read_text()
    field = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))}
    return field["VmRSS"] * 1024, field["VmHWM"] * 1024


def child(side: str, lines: int, repeat: int, out: str) -> None:
    df = make_lines(lines)
    fn = with_ltv if side == "ltv" else with_pandas
    if side == "ltv":
        with_ltv(df.head(100))  # import and warm up outside the measurement
    try:
        pathlib.Path("/proc/self/clear_refs").write_text("5")  # reset the peak resident set
    except OSError:
        pass
    base, _ = _rss()
    times, audit_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(df)
        times.append(time.perf_counter() - t0)
        if side == "ltv":
            t0 = time.perf_counter()
            assert len(LAST.pop("out").audit) > 0
            audit_times.append(time.perf_counter() - t0)
    _, peak = _rss()
    result = result.sort_values(["customer_id", "month"]).reset_index(drop=True)
    np.save(out + ".npy", result.to_numpy(np.int64))
    pathlib.Path(out + ".json").write_text(json.dumps({
        "seconds": float(np.median(times)), "runs": times, "peak_bytes": peak - base, "lines": len(df),
        "audit_seconds": float(np.median(audit_times)) if audit_times else None,
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--side", choices=["ltv", "pandas"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        child(args.side, args.lines, args.repeat, args.out)
        return
    results: Dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for side in ("ltv", "pandas"):
            out = os.path.join(tmp, side)
            cmd = [sys.executable, __file__, "--side", side, "--lines", str(args.lines), "--repeat", str(args.repeat), "--out", out]
            subprocess.run(cmd, check=True)
            results[side] = json.loads(pathlib.Path(out + ".json").read_text())
            results[side]["table"] = np.load(out + ".npy")
    a, b = results["ltv"]["table"], results["pandas"]["table"]
    same = a.shape == b.shape and bool((a == b).all())
    n = results["ltv"]["lines"]
    print(f"{n:,} invoice lines, {a.shape[0]:,} customer-months, total MRR {a[:, 2].sum() / 100:,.2f}")
    for side in ("ltv", "pandas"):
        r = results[side]
        runs = ", ".join(f"{t:.2f}" for t in r["runs"])
        print(f"  {side:7s} {r['seconds']:8.2f} s   peak +{r['peak_bytes'] / 2**20:8.0f} MiB   (median of {runs})")
    print(f"  ltv +audit {results['ltv']['audit_seconds']:5.2f} s   (building the audit frame when it is first read)")
    ratio = results["pandas"]["seconds"] / results["ltv"]["seconds"]
    print(f"  ratio   {ratio:8.1f}x faster   identical cents: {same}")
    if not same:
        sys.exit("the two implementations disagree")


if __name__ == "__main__":
    main()
