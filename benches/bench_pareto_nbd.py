"""The Pareto/NBD from Python against lifetimes 0.11.3: fit and P(alive) for every customer, on customers
simulated from the Pareto/NBD itself (seeded numpy; CDNOW-like parameters r 0.55, alpha 10.6, s 0.61,
beta 11.7, ages uniform in 27-39 weeks).

Each engine runs in its own child process, so that peak memory (the child's maximum resident set size) is
its own: ltv in the interpreter running this script, lifetimes in the benchmark environment given by
--peer-python (lifetimes is never a dependency of the package or of its tests; see requirements-bench.txt).

Run: .venv/bin/python benches/bench_pareto_nbd.py --peer-python /path/to/bench-venv/bin/python \
         [--n 1000000] [--repeat 3]

Prints medians, the ratio and the parameter agreement; asserts nothing about speed.
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

import numpy as np

TRUTH = {"r": 0.55, "alpha": 10.6, "s": 0.61, "beta": 11.7}


def simulate(n: int, seed: int = 2005) -> dict:
    """(x, t_x, T) of n customers drawn from the Pareto/NBD."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(TRUTH["r"], 1.0 / TRUTH["alpha"], n)
    mu = rng.gamma(TRUTH["s"], 1.0 / TRUTH["beta"], n)
    age = rng.uniform(27.0, 39.0, n)
    end = np.minimum(rng.exponential(1.0 / mu), age)
    x = rng.poisson(lam * end)
    # Given x purchases of a Poisson process on (0, end], the last is the largest of x uniforms.
    last = end * rng.uniform(size=n) ** (1.0 / np.maximum(x, 1))
    return {"frequency": x.astype(np.float64), "recency": np.where(x > 0, last, 0.0), "age": age}


def run_ltv(data: dict) -> tuple:
    from ltv.purchase import ParetoNbdFit

    t0 = time.perf_counter()
    fit = ParetoNbdFit.fit(frequency=data["frequency"], recency=data["recency"], age=data["age"])
    t1 = time.perf_counter()
    alive = fit.probability_alive(frequency=data["frequency"], recency=data["recency"], age=data["age"])
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, fit.params, float(np.mean(alive))


def run_lifetimes(data: dict) -> tuple:
    from lifetimes import ParetoNBDFitter  # type: ignore[import-not-found]

    t0 = time.perf_counter()
    fitter = ParetoNBDFitter().fit(data["frequency"], data["recency"], data["age"])
    t1 = time.perf_counter()
    alive = fitter.conditional_probability_alive(data["frequency"], data["recency"], data["age"])
    t2 = time.perf_counter()
    params = {k: float(v) for k, v in fitter.params_.items()}
    return t1 - t0, t2 - t1, params, float(np.mean(alive))


def child(engine: str, path: str, repeat: int) -> None:
    with np.load(path) as f:
        data = {k: f[k] for k in ("frequency", "recency", "age")}
    runs = [(run_ltv if engine == "ltv" else run_lifetimes)(data) for _ in range(repeat)]
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "fit_s": statistics.median(r[0] for r in runs),
                "alive_s": statistics.median(r[1] for r in runs),
                "params": runs[-1][2],
                "mean_alive": runs[-1][3],
                "peak_mib": peak_kib / 1024.0,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-python", default=None, help="python of an environment with lifetimes 0.11.3")
    parser.add_argument("--child", choices=["ltv", "lifetimes"], default=None, help=argparse.SUPPRESS)
    parser.add_argument("--data", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.repeat)
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "customers.npz")
        np.savez(path, **simulate(args.n))
        results = {}
        engines = [("ltv", sys.executable)] + ([("lifetimes", args.peer_python)] if args.peer_python else [])
        for engine, python in engines:
            out = subprocess.run(
                [python, __file__, "--child", engine, "--data", path, "--repeat", str(args.repeat)],
                check=True,
                capture_output=True,
                text=True,
            )
            results[engine] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"Pareto/NBD, {args.n:,} simulated customers, medians of {args.repeat}")
    print(f"{'engine':<10} {'fit s':>10} {'P(alive) s':>11} {'peak MiB':>9}  params")
    for engine, r in results.items():
        params = ", ".join(f"{k} {v:.4f}" for k, v in r["params"].items())
        print(f"{engine:<10} {r['fit_s']:>10.3f} {r['alive_s']:>11.4f} {r['peak_mib']:>9.0f}  {params}")
    if "lifetimes" in results:
        a, b = results["ltv"], results["lifetimes"]
        print(f"ratio lifetimes / ltv: fit {b['fit_s'] / a['fit_s']:.1f}x, P(alive) {b['alive_s'] / a['alive_s']:.1f}x, "
              f"peak memory {b['peak_mib'] / a['peak_mib']:.2f}x")
        worst = max(abs(a["params"][k] / b["params"][k] - 1.0) for k in a["params"])
        print(f"largest relative parameter difference: {worst:.2e}; mean P(alive) {a['mean_alive']:.6f} vs "
              f"{b['mean_alive']:.6f}")


if __name__ == "__main__":
    main()
