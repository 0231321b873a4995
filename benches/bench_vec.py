"""Vectorised SaaS LTV against numpy, and scalar call overhead against pure Python and `decimal`.

Run: .venv/bin/python benches/bench_vec.py [--rows 10000000] [--repeat 7]

Side by side, in one run, on the same inputs:
  * ltv.vec.saas_ltv          validated (ranges, zero churn, NaN), one fused Rust pass, threads on
  * ltv.vec.saas_ltv serial   the same with parallel=False
  * numpy bare                arpu * margin / churn, no validation at all
  * numpy validated           the same checks written in numpy, then the formula
and the peak extra memory of each (tracemalloc; the output alone is rows x 8 bytes),
then per-call time of ltv.saas_ltv (exact Decimal) against a pure-Python float function and against
Python's decimal module. Prints medians and ratios; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import timeit
import tracemalloc
from decimal import Decimal
from typing import Callable, Dict

import numpy as np

import ltv


def make_inputs(rows: int) -> Dict[str, np.ndarray]:
    rng = np.random.default_rng(42)
    return {
        "arpu": rng.uniform(10.0, 2_000.0, rows),
        "gross_margin": rng.uniform(0.5, 0.95, rows),
        "monthly_churn": rng.uniform(0.005, 0.1, rows),
    }


def numpy_bare(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return arpu * gross_margin / monthly_churn


def numpy_validated(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    for name, col in (("arpu", arpu), ("gross_margin", gross_margin), ("monthly_churn", monthly_churn)):
        if not np.isfinite(col).all():
            raise ValueError(f"{name}: not finite")
    if (arpu < 0).any():
        raise ValueError("arpu < 0")
    if ((gross_margin < 0) | (gross_margin > 1)).any():
        raise ValueError("gross_margin outside [0, 1]")
    if ((monthly_churn < 0) | (monthly_churn > 1)).any():
        raise ValueError("monthly_churn outside [0, 1]")
    if (monthly_churn == 0).any():
        raise ValueError("monthly_churn == 0")
    out = arpu * gross_margin / monthly_churn
    if not np.isfinite(out).all():
        raise ValueError("overflow")
    return out


def ltv_parallel(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return ltv.vec.saas_ltv(arpu=arpu, gross_margin=gross_margin, monthly_churn=monthly_churn)


def ltv_serial(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return ltv.vec.saas_ltv(arpu=arpu, gross_margin=gross_margin, monthly_churn=monthly_churn, parallel=False)


CANDIDATES: Dict[str, Callable[..., np.ndarray]] = {
    "ltv.vec.saas_ltv (validated, threads)": ltv_parallel,
    "ltv.vec.saas_ltv (validated, serial)": ltv_serial,
    "numpy bare (no validation)": numpy_bare,
    "numpy validated": numpy_validated,
}


def median_seconds(fn: Callable[[], object], repeat: int, number: int = 1) -> float:
    return statistics.median(timeit.repeat(fn, repeat=repeat, number=number)) / number


def peak_extra_mib(fn: Callable[[], object]) -> float:
    """Peak memory allocated during one call, by tracemalloc. numpy reports its array buffers to tracemalloc,
    and ltv.vec allocates its output as a numpy array, so both sides are measured the same way."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    out = fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del out
    return (peak - base) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    inputs = make_inputs(args.rows)
    reference = numpy_bare(**inputs)
    output_mb = reference.nbytes / 2**20
    print(f"ltv {ltv.__version__}, numpy {np.__version__}, {os.cpu_count()} CPUs, {args.rows:,} rows, "
          f"median of {args.repeat}; output array = {output_mb:.1f} MiB\n")

    results: Dict[str, Dict[str, float]] = {}
    for name, fn in CANDIDATES.items():
        out = fn(**inputs)
        assert np.allclose(out, reference, rtol=1e-12), name  # same numbers
        seconds = median_seconds(lambda: fn(**inputs), args.repeat)
        results[name] = {"median_ms": seconds * 1e3, "peak_extra_mib": peak_extra_mib(lambda: fn(**inputs))}
    bare = results["numpy bare (no validation)"]["median_ms"]
    print(f"{'vectorised SaaS LTV':<40} {'median ms':>10} {'vs numpy bare':>14} {'peak extra MiB':>15}")
    for name, r in results.items():
        r["ratio_to_numpy_bare"] = r["median_ms"] / bare
        print(f"{name:<40} {r['median_ms']:>10.1f} {r['ratio_to_numpy_bare']:>13.2f}x {r['peak_extra_mib']:>15.1f}")

    print()
    number = 20_000
    scalar = {
        "ltv.saas_ltv (exact Decimal, validated)": lambda: ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03),
        "pure Python float a*m/c": lambda: _py_float(500, 0.8, 0.03),
        "Python decimal a*m/c": lambda: _py_decimal(500, 0.8, 0.03),
    }
    print(f"{'scalar call':<40} {'median ns':>10} {'vs ltv':>14}")
    timings = {name: median_seconds(fn, args.repeat, number) * 1e9 for name, fn in scalar.items()}
    base = timings["ltv.saas_ltv (exact Decimal, validated)"]
    for name, ns in timings.items():
        print(f"{name:<40} {ns:>10.0f} {ns / base:>13.2f}x")
        results[name] = {"median_ns": ns}

    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)


def _py_float(arpu: float, margin: float, churn: float) -> float:
    return arpu * margin / churn


def _py_decimal(arpu: float, margin: float, churn: float) -> Decimal:
    return Decimal(str(arpu)) * Decimal(str(margin)) / Decimal(str(churn))


if __name__ == "__main__":
    main()
