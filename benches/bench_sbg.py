"""The sBG model from Python: per-call time of a 12-period fit, a 12-cohort fit, DERL, a cohort LTV, and
survival over a million periods. The Rust-side figures are `cargo bench -p ltv-benches --bench sbg`.

Side by side, the obvious alternative: the sBG log-likelihood written in numpy and maximised with
scipy.optimize (L-BFGS-B over log alpha, log beta), the way the model is usually fitted in a notebook. It is
a benchmark oracle only (the package has one implementation, in Rust); the fitted parameters are compared.

Run: .venv/bin/python benches/bench_sbg.py [--repeat 7]

Prints medians; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from typing import Callable, List, Tuple

import numpy as np

from ltv.retention import SbgFit, SbgModel, cohort_ltv


def scipy_fit(survivors: List[int]) -> Tuple[float, float]:
    """Fader & Hardie (2007), eq. (5)-(7): P(T = t) by recursion, survivors at the end censored."""
    from scipy.optimize import minimize

    active = np.asarray(survivors, dtype=np.float64)
    lost = active[:-1] - active[1:]
    t = np.arange(1, active.size)

    def negative_log_likelihood(x: np.ndarray) -> float:
        a, b = np.exp(x)
        ratios = np.concatenate(([a / (a + b)], (b + t[1:] - 2) / (a + b + t[1:] - 1)))
        p = np.cumprod(ratios)
        s = 1.0 - p.sum()
        return -float(lost @ np.log(p) + active[-1] * np.log(s))

    options = {"ftol": 1e-15, "gtol": 1e-10}
    result = minimize(negative_log_likelihood, x0=np.zeros(2), method="L-BFGS-B", options=options)
    a, b = np.exp(result.x)
    return float(a), float(b)


def median_seconds(fn: Callable[[], object], number: int, repeat: int) -> float:
    return statistics.median(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    truth = SbgModel(alpha=0.7, beta=1.2)
    one = [round(10_000 * s) for s in truth.survival(np.arange(13)).tolist()]  # 12 periods, 10,000 customers
    staggered = [[round(1_000 * s) for s in truth.survival(np.arange(p + 1)).tolist()] for p in range(1, 13)]
    revenue = [50.0 * s for s in one]
    periods = np.arange(1_000_000) % 120

    cases: List[Tuple[str, Callable[[], object], int]] = [
        ("SbgFit.fit, 12 periods (list)", lambda: SbgFit.fit(surviving=one), 2000),
        ("SbgFit.fit, 12 periods (numpy)", lambda: SbgFit.fit(surviving=np.asarray(one)), 2000),
        ("SbgFit.fit_cohorts, 12 staggered cohorts", lambda: SbgFit.fit_cohorts(cohorts=staggered), 500),
        ("DERL at d = 10 %, n = 5", lambda: truth.discounted_expected_residual_lifetime(discount_rate=0.1, n=5), 5000),
        (
            "cohort_ltv, 12 periods (fit + closed-form tail)",
            lambda: cohort_ltv(
                surviving_customers=one, active_customers=one, revenue=revenue, gross_margin=0.8, discount_rate=0.01
            ),
            1000,
        ),
        ("survival of 1,000,000 periods (array)", lambda: truth.survival(periods), 5),
    ]
    for label, fn, number in cases:
        seconds = median_seconds(fn, number, args.repeat)
        shown = f"{seconds * 1e6:10.2f} us" if seconds < 1e-3 else f"{seconds * 1e3:10.2f} ms"
        print(f"{label:<52} {shown}")

    ours = median_seconds(lambda: SbgFit.fit(surviving=one), 2000, args.repeat)
    theirs = median_seconds(lambda: scipy_fit(one), 20, args.repeat)
    fit = SbgFit.fit(surviving=one)
    a, b = scipy_fit(one)
    print(f"{'numpy likelihood + scipy.optimize L-BFGS-B, 12 periods':<52} {theirs * 1e6:10.2f} us")
    print(f"{'ratio scipy / ltv':<52} {theirs / ours:10.1f} x")
    print(f"{'alpha, beta: ltv':<52} {fit.alpha:.6f}, {fit.beta:.6f}")
    print(f"{'alpha, beta: scipy':<52} {a:.6f}, {b:.6f}")


if __name__ == "__main__":
    main()
