"""The purchase models from Python against lifetimes 0.11.3: BG/NBD fit, Gamma-Gamma fit (the repeat buyers),
P(alive) and a 12-month customer value
(Gamma-Gamma spend) for simulated customers, plus the CDNOW fit. Each task runs in its own subprocess, so the
peak resident memory (ru_maxrss) is the task's own.

lifetimes is a benchmark oracle only, installed into a separate environment (never into .venv):

    python3 -m venv /work/venv-bench && /work/venv-bench/bin/pip install -r requirements-bench.txt

Run: .venv/bin/python benches/bench_purchase.py [--customers 1000000] [--repeat 3] [--lifetimes-python PATH]

Simulated data: BG/NBD customers with FHL 2005's CDNOW parameters (r 0.243, alpha 4.414, a 0.793, b 2.426),
ages uniform in (1/7, 39] weeks, times rounded to 2 decimals as in CDNOW (so customers share patterns),
spend per repeat purchase Gamma-Gamma(p 6.25, q 3.74, gamma 15.44). Seeded (numpy PCG64, seed 1).

Prints medians and peak memory; asserts nothing about speed. Threads: RAYON_NUM_THREADS=1 and =2 runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

TASK = r"""
import json, resource, sys, time
import numpy as np
d = np.load(sys.argv[1])
which, repeat = sys.argv[2], int(sys.argv[3])
f, r, T, m = d["frequency"], d["recency"], d["age"], d["monetary_value"]
times = []
out = {}
for _ in range(repeat):
    if which.startswith("ltv"):
        from ltv.purchase import BgNbdFit, GammaGammaFit, customer_value
        t0 = time.perf_counter()
        if which == "ltv_fit":
            fit = BgNbdFit.fit(frequency=f, recency=r, age=T)
            out = fit.params
        elif which == "ltv_spend_fit":
            rep = f > 0
            fr, mr = f[rep], m[rep]
            t0 = time.perf_counter()
            out = GammaGammaFit.fit(frequency=fr, monetary_value=mr).params
        elif which == "ltv_alive":
            fit = BgNbdFit.fit(frequency=f[:20000], recency=r[:20000], age=T[:20000])
            t0 = time.perf_counter()
            fit.probability_alive(frequency=f, recency=r, age=T)
        elif which == "ltv_clv":
            fit = BgNbdFit.fit(frequency=f[:20000], recency=r[:20000], age=T[:20000])
            rep = f > 0
            gg = GammaGammaFit.fit(frequency=f[rep], monetary_value=m[rep])
            t0 = time.perf_counter()
            v = customer_value(fit, frequency=f, recency=r, age=T, monetary_value=m, spend_model=gg,
                               time_unit="week", convention="lifetimes", discount_rate=0.01)
            out = {"sum": float(np.sum(v))}
    else:
        import pandas as pd
        from lifetimes import BetaGeoFitter, GammaGammaFitter
        fr, re, ag = pd.Series(f), pd.Series(r), pd.Series(T)
        t0 = time.perf_counter()
        if which == "lifetimes_fit":
            bg = BetaGeoFitter().fit(fr, re, ag)
            out = {k: float(v) for k, v in bg.params_.items()}
        elif which == "lifetimes_spend_fit":
            rep = fr > 0
            fr_, mr = fr[rep], pd.Series(m)[rep]
            t0 = time.perf_counter()
            gg = GammaGammaFitter().fit(fr_, mr)
            out = {k: float(v) for k, v in gg.params_.items()}
        else:
            bg = BetaGeoFitter().fit(fr[:20000], re[:20000], ag[:20000])
            t0 = time.perf_counter()
            if which == "lifetimes_alive":
                bg.conditional_probability_alive(fr, re, ag)
            else:
                rep = fr > 0
                gg = GammaGammaFitter().fit(fr[rep], pd.Series(m)[rep])
                spend = gg.conditional_expected_average_profit(fr, pd.Series(m))
                t0 = time.perf_counter()
                v = gg.customer_lifetime_value(bg, fr, re, ag, pd.Series(m), time=12, discount_rate=0.01, freq="W")
                out = {"sum": float(v.sum())}
    times.append(time.perf_counter() - t0)
print(json.dumps({"median_s": sorted(times)[len(times) // 2], "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "out": out}))
"""


def simulate(n: int, seed: int = 1) -> dict:
    rng = np.random.default_rng(seed)
    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    age = rng.uniform(1 / 7, 39.0, n).round(2)
    limit = rng.geometric(p)  # purchases until the dropout coin comes up
    t = np.zeros(n)
    count = np.zeros(n, dtype=np.int64)
    recency = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    while alive.any():
        idx = np.flatnonzero(alive)
        t[idx] += rng.exponential(1 / np.maximum(lam[idx], 1e-300))
        inside = t[idx] <= age[idx]
        alive[idx[~inside]] = False
        go = idx[inside]
        count[go] += 1
        recency[go] = t[go]
        alive[go[count[go] >= limit[go]]] = False
    recency = np.minimum(recency.round(2), age)
    frequency = count.astype(np.float64)
    recency[frequency == 0] = 0.0
    nu = rng.gamma(3.74, 1 / 15.44, n)
    spend = np.where(frequency > 0, rng.gamma(6.25 * np.maximum(frequency, 1), 1.0) / (nu * np.maximum(frequency, 1)), 0.0)
    return {"frequency": frequency, "recency": recency, "age": age, "monetary_value": spend.round(2)}


def run(python: str, path: str, which: str, repeat: int, threads: int) -> dict:
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    done = subprocess.run([python, "-c", TASK, path, which, str(repeat)], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lifetimes-python", default="/work/venv-bench/bin/python")
    args = parser.parse_args()
    t0 = time.perf_counter()
    data = simulate(args.customers)
    print(f"simulated {args.customers} customers in {time.perf_counter() - t0:.1f} s; "
          f"{len(set(zip(data['frequency'], data['recency'], data['age'])))} distinct (x, t_x, T)")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "data.npz")
        np.savez(path, **data)
        for task in ("fit", "spend_fit", "alive", "clv"):
            results = {}
            for threads in (1, 2):
                results[f"ltv {threads} thread(s)"] = run(sys.executable, path, f"ltv_{task}", args.repeat, threads)
            if os.path.exists(args.lifetimes_python):
                results["lifetimes"] = run(args.lifetimes_python, path, f"lifetimes_{task}", 1, 1)
            print(f"\n{task}:")
            for name, res in results.items():
                print(f"  {name:22s} {json.dumps(res)}")
            if "lifetimes" in results and "median_s" in results["lifetimes"]:
                base = results["lifetimes"]["median_s"]
                for name, res in results.items():
                    if name != "lifetimes" and "median_s" in res:
                        print(f"  ratio lifetimes / {name}: {base / res['median_s']:.0f}x")


if __name__ == "__main__":
    main()
