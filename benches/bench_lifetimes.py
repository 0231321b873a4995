"""One workflow written against lifetimes' API, run with ``import lifetimes`` (0.11.3) and with
``import ltv.lifetimes as lifetimes``, each in its own process: seconds per step and the ratio.

Run (lifetimes only in a benchmark environment, never in .venv; ltv importable there, e.g. PYTHONPATH=python):
    python benches/bench_lifetimes.py [--customers 1000000] [--skip-lifetimes] [--skip-pareto-large]

Steps: CDNOW (the 2,357-customer sample shipped in ltv.lifetimes.datasets): calibration/holdout summary from
the 6,919 transactions (daily, freq_multiplier 7), BG/NBD, Pareto/NBD and Gamma-Gamma fits, 39-week
predictions, P(alive), 12-month CLV. Large: `customers` synthetic customers (BG/NBD draws, fixed seed, weeks):
BG/NBD fit, predictions, P(alive), Pareto/NBD fit (optional), Gamma-Gamma fit, CLV. The numbers of the two
runs are compared (parameters to 1e-3 relative; lifetimes' own optimizer tolerance).
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import time
from typing import Any, Callable, Dict

import numpy as np


def synthetic(customers: int, seed: int = 7) -> Dict[str, np.ndarray]:
    """BG/NBD histories (r 0.243, alpha 4.414, a 0.793, b 2.426; ages 1..39 weeks) and Gamma-Gamma spends."""
    rng = np.random.default_rng(seed)
    age = rng.uniform(1, 39, customers).round(2)
    lam = rng.gamma(0.243, 1 / 4.414, customers)
    p = rng.beta(0.793, 2.426, customers)
    freq = np.zeros(customers)
    rec = np.zeros(customers)
    alive = np.ones(customers, bool)
    t = np.zeros(customers)
    for _ in range(200):  # purchases per customer are capped by the draw; 200 rounds are plenty here
        gap = rng.exponential(1 / np.maximum(lam, 1e-12))
        t = t + gap
        ok = alive & (t <= age)
        freq[ok] += 1
        rec[ok] = t[ok]
        alive &= ok & (rng.random(customers) >= p)
        if not alive.any():
            break
    rec = np.minimum(rec.round(2), age)
    mv = np.where(freq > 0, rng.gamma(6.25, 1.0, customers) * 15.44 / rng.gamma(3.74, 1.0, customers) / 3, 0.0)
    return {"frequency": freq, "recency": rec, "T": age, "monetary_value": mv.round(2)}


def run(impl: str, customers: int, skip_pareto_large: bool) -> Dict[str, Any]:
    lt = importlib.import_module("lifetimes" if impl == "lifetimes" else "ltv.lifetimes")
    utils = importlib.import_module(lt.__name__ + ".utils")
    datasets = importlib.import_module("ltv.lifetimes.datasets")  # the same files for both
    times: Dict[str, float] = {}
    out: Dict[str, Any] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        try:
            value = fn()
        except Exception as exc:  # lifetimes fails some steps on today's stack: record, go on
            out[f"{name} error"] = f"{type(exc).__name__}: {exc}"[:200]
            return None
        times[name] = time.perf_counter() - start
        return value

    raw = datasets.load_dataset("CDNOW_sample.txt", header=None, sep=r"\s+",
                                names=["master", "id", "date", "cds", "amount"], dtype={"date": str})
    cal = step("cdnow calibration_and_holdout_data", lambda: utils.calibration_and_holdout_data(
        raw, "id", "date", "19970930", "19980630", freq="D", freq_multiplier=7, datetime_format="%Y%m%d",
        monetary_value_col="amount"))
    if cal is not None:
        out["cdnow frequency_holdout sum"] = float(cal["frequency_holdout"].sum())
    cdnow = datasets.load_cdnow_summary_data_with_monetary_value()
    f, r, T, m = cdnow["frequency"], cdnow["recency"], cdnow["T"], cdnow["monetary_value"]
    bgf = step("cdnow BG/NBD fit", lambda: lt.BetaGeoFitter().fit(f, r, T))
    out["cdnow BG/NBD"] = bgf.params_.to_dict()
    pnbd = step("cdnow Pareto/NBD fit", lambda: lt.ParetoNBDFitter().fit(f, r, T))
    out["cdnow Pareto/NBD"] = pnbd.params_.to_dict()
    rep = cdnow[cdnow["frequency"] > 0]
    ggf = step("cdnow Gamma-Gamma fit", lambda: lt.GammaGammaFitter().fit(rep["frequency"], rep["monetary_value"]))
    out["cdnow Gamma-Gamma"] = ggf.params_.to_dict()
    step("cdnow BG/NBD predict 39", lambda: bgf.predict(39, f, r, T))
    step("cdnow Pareto/NBD P(alive)", lambda: pnbd.conditional_probability_alive(f, r, T))
    step("cdnow CLV 12 months", lambda: ggf.customer_lifetime_value(bgf, f, r, T, m, time=12, freq="W"))

    data = synthetic(customers)
    F, R, A, M = (data[k] for k in ("frequency", "recency", "T", "monetary_value"))
    big = step(f"{customers} BG/NBD fit", lambda: lt.BetaGeoFitter().fit(F, R, A))
    out["large BG/NBD"] = big.params_.to_dict()
    step(f"{customers} BG/NBD predict 39", lambda: big.predict(39, F, R, A))
    step(f"{customers} BG/NBD P(alive)", lambda: big.conditional_probability_alive(F, R, A))
    if not skip_pareto_large:
        big_p = step(f"{customers} Pareto/NBD fit", lambda: lt.ParetoNBDFitter().fit(F, R, A))
        out["large Pareto/NBD"] = big_p.params_.to_dict()
    pos = F > 0
    big_g = step(f"{customers} Gamma-Gamma fit", lambda: lt.GammaGammaFitter().fit(F[pos], M[pos]))
    out["large Gamma-Gamma"] = big_g.params_.to_dict()
    import pandas as pd

    Fs, Rs, As, Ms = (pd.Series(v) for v in (F, R, A, M))
    step(f"{customers} CLV 12 months", lambda: big_g.customer_lifetime_value(big, Fs, Rs, As, Ms, time=12, freq="W"))
    return {"times": times, "numbers": out}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--skip-lifetimes", action="store_true")
    parser.add_argument("--skip-pareto-large", action="store_true")
    parser.add_argument("--impl", choices=["lifetimes", "ltv"])
    args = parser.parse_args()
    if args.impl:
        print(json.dumps(run(args.impl, args.customers, args.skip_pareto_large)))
        return
    results: Dict[str, Any] = {}
    for impl in ["ltv"] + ([] if args.skip_lifetimes else ["lifetimes"]):
        cmd = [sys.executable, __file__, "--impl", impl, "--customers", str(args.customers)]
        if args.skip_pareto_large:
            cmd.append("--skip-pareto-large")
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        results[impl] = json.loads(done.stdout.strip().splitlines()[-1])
    ours = results["ltv"]["times"]
    theirs = results.get("lifetimes", {}).get("times", {})
    print(f"{'step':42s} {'ltv s':>10s} {'lifetimes s':>12s} {'ratio':>8s}")
    for name, seconds in ours.items():
        other = theirs.get(name)
        ratio = f"{other / seconds:8.1f}" if other else "       -"
        print(f"{name:42s} {seconds:10.4f} {other if other else float('nan'):12.4f} {ratio}")
    keys = dict.fromkeys(list(results["ltv"]["numbers"]) + list(results.get("lifetimes", {}).get("numbers", {})))
    for key in keys:
        print(key, "| ltv:", results["ltv"]["numbers"].get(key), "| lifetimes:",
              results.get("lifetimes", {}).get("numbers", {}).get(key))


if __name__ == "__main__":
    main()
