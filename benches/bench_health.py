"""Account-health features against a pandas groupby/rolling implementation of the same definitions, and
hazard-model training against scikit-learn's LogisticRegression on the same design matrix, in one run.

Run: .venv/bin/python benches/bench_health.py [--accounts 1000000] [--periods 24] [--metrics 10]
[--pandas-accounts N] [--repeat 3] [--site-packages .venv-bench/lib/python3.11/site-packages]
(scikit-learn from the benchmark venv: its site-packages is appended to sys.path, so that .venv's numpy and
ltv are the ones imported). Each timing is the median of --repeat runs; peak memory is the process's peak
resident set (ru_maxrss) after each phase, so a phase's own peak is the rise it causes.

Data: ltv.health.synthetic_panel (seeded) widened to `metrics` usage metrics (logins, seats, and noisy
copies of logins). The pandas implementation below (in this script only, never in the package) computes
the same columns (level, change with its undefined flag, trend, periods since activity, tenure); the script
checks they agree to 1e-9 before timing. Training: ltv.health.HealthModel.fit (Newton, Rust) vs
scikit-learn's LogisticRegression(C=1, lbfgs, tol=1e-10) on the design matrix ltv standardized, when
scikit-learn is installed (a benchmark-only dependency: requirements-bench.txt). Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from typing import Any, Callable, Tuple

import numpy as np
import pandas as pd

import ltv.health as health


def widen(panel: pd.DataFrame, metrics: int, seed: int) -> list:
    rng = np.random.default_rng(seed)
    names = ["logins", "seats"]
    for k in range(max(0, metrics - 2)):
        name = f"events_{k}"
        panel[name] = np.round(panel["logins"] * rng.uniform(0.5, 1.5, len(panel)))
        names.append(name)
    return names[:metrics]


def pandas_features(panel: pd.DataFrame, names: list, window: int) -> pd.DataFrame:
    """The same definitions with vectorized groupby/rolling (a reference implementation for timing and
    agreement; never part of the package)."""
    key = panel["account"]
    g = panel.groupby(key, sort=False)
    tenure = g.cumcount().astype(float)

    def rolling_sum(s: pd.Series) -> pd.Series:
        return s.groupby(key, sort=False).rolling(window, min_periods=1).sum().reset_index(level=0, drop=True)

    n = rolling_sum(pd.Series(1.0, index=panel.index))
    st, stt = rolling_sum(tenure), rolling_sum(tenure * tenure)
    out = {}
    for name in ["mrr"] + names:
        col = "revenue" if name == "mrr" else name
        s = panel[name].astype(float)
        recent = s.groupby(key, sort=False).rolling(window).mean().reset_index(level=0, drop=True)
        prior = g[name].shift(window).astype(float).groupby(key, sort=False).rolling(window).mean()
        prior = prior.reset_index(level=0, drop=True)
        ok = (tenure + 1 >= 2 * window) & (prior > 0)
        out[col] = s
        out[f"{col}_change"] = np.where(ok, recent / prior.where(prior > 0, 1.0), 1.0)
        out[f"{col}_change_undefined"] = (~ok).astype(float)
        sy, sty = rolling_sum(s), rolling_sum(tenure * s)
        den = n * stt - st * st
        out[f"{col}_trend"] = np.where(n >= 2, (n * sty - st * sy) / den.where(n >= 2, 1.0), 0.0)
    active = (panel[names] > 0).any(axis=1)
    last = pd.Series(np.where(active, tenure, np.nan), index=panel.index).groupby(key).ffill()
    out["periods_since_activity"] = np.where(last.isna(), tenure + 1, tenure - last)
    out["tenure"] = tenure
    return pd.DataFrame(out)


def peak_gib() -> float:
    """The process's peak resident memory so far, GiB (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def timed(repeat: int, fn: Callable[[], Any]) -> Tuple[float, Any]:
    """The median of ``repeat`` wall times of ``fn()`` and its last result."""
    times, out = [], None
    for _ in range(repeat):
        out = None  # free the previous result before the next run
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=1_000_000)
    ap.add_argument("--periods", type=int, default=24)
    ap.add_argument("--metrics", type=int, default=10)
    ap.add_argument("--pandas-accounts", type=int, default=None, help="accounts for the (slow) pandas side")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each timing (the median is reported)")
    ap.add_argument("--site-packages", default=None, help="the benchmark venv's site-packages (scikit-learn)")
    args = ap.parse_args()
    if args.site_packages:
        sys.path.append(args.site_packages)
    panel = health.synthetic_panel(accounts=args.accounts, periods=args.periods, seed=3)
    names = widen(panel, args.metrics, 3)
    print(f"panel: {args.accounts} accounts, {len(panel)} rows, {len(names)} metrics; peak RSS {peak_gib():.2f} GiB")

    t_ltv, f = timed(args.repeat, lambda: health.features(panel, metrics=names))
    print(f"features ltv:    {t_ltv:8.3f} s (median of {args.repeat}); peak RSS {peak_gib():.2f} GiB")

    cut = args.periods - 3
    t_fit, model = timed(args.repeat, lambda: health.fit(f, cut=cut))
    print(f"training ltv:    {t_fit:8.3f} s ({model.scorer.training['iterations']} Newton iterations, "
          f"{model.scorer.training['n_rows']} rows x {len(model.scorer.numeric)} features); peak RSS {peak_gib():.2f} GiB")

    n_pd = args.pandas_accounts or args.accounts
    sub = panel[panel["account"] < n_pd].reset_index(drop=True)
    t_pd, ref = timed(args.repeat, lambda: pandas_features(sub, names, 2))
    scale = len(panel) / len(sub)
    print(f"features pandas: {t_pd:8.3f} s on {n_pd} accounts, {len(sub)} rows (median of {args.repeat}; "
          f"x{scale:.2f} rows to compare: {t_pd * scale:.1f} s); peak RSS {peak_gib():.2f} GiB")
    mine = f.iloc[: len(sub)]
    worst = max(float(np.max(np.abs(mine[c].to_numpy(float) - ref[c].to_numpy(float)))) for c in ref.columns)
    print(f"features agree: max |difference| {worst:.2e}; speed-up x{t_pd * scale / t_ltv:.1f} (pandas scaled by rows)")
    del ref, sub
    try:
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    except ImportError:
        print("training sklearn: scikit-learn not installed in this environment (benchmark-only dependency)")
        return
    period = f["period"].to_numpy()
    mask = f["label_known"].to_numpy() & (period + model.horizon - 1 < cut)
    cols = model.scorer.numeric
    stats = model.scorer.standardization
    X = np.column_stack([(f[c].to_numpy(float)[mask] - stats[c][0]) / stats[c][1] for c in cols])
    y = f["churn_within_horizon"].to_numpy()[mask]
    del f
    t_sk, sk = timed(args.repeat, lambda: LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(X, y))
    diff = float(np.max(np.abs(sk.coef_[0] - model.scorer.coef)))
    diff_b = abs(float(sk.intercept_[0]) - model.scorer.intercept)
    print(f"training sklearn: {t_sk:8.3f} s (lbfgs, {int(sk.n_iter_[0])} iterations, median of {args.repeat}); "
          f"sklearn / ltv time x{t_sk / t_fit:.1f}; peak RSS {peak_gib():.2f} GiB")
    print(f"coefficients: max |difference| {diff:.1e}, intercept {diff_b:.1e}: "
          f"{'same to 1e-4' if max(diff, diff_b) <= 1e-4 else 'DIFFER beyond 1e-4'}")


if __name__ == "__main__":
    main()
