"""Account-health features against a pandas groupby/rolling implementation of the same definitions, and
hazard-model training against scikit-learn's LogisticRegression on the same design matrix, in one run.

Run: .venv/bin/python benches/bench_health.py [--accounts 1000000] [--periods 24] [--metrics 10]
[--pandas-accounts N] [--repeat 3] [--site-packages .venv-bench/lib/python3.11/site-packages]
(scikit-learn from the benchmark venv: its site-packages is appended to sys.path, so that .venv's numpy and
ltv are the ones imported). Each timing is the median of --repeat runs (--pandas-repeat / --sklearn-repeat for the slow peers).
The three phases (ltv features + training; the pandas features; scikit-learn's training) run one after
another, each in its own process, so that each peak resident set (ru_maxrss) is that phase's own and the
machine never holds the three at once.

Data: ltv.health.synthetic_panel (seeded) widened to `metrics` usage metrics (logins, seats, and noisy
copies of logins). The pandas implementation below (in this script only, never in the package) computes
the same columns (level, change with its undefined flag, trend, periods since activity, tenure); the script
checks they agree to 1e-9 before timing. Training: ltv.health.HealthModel.fit (Newton, Rust) vs
scikit-learn's LogisticRegression(C=1, lbfgs, tol=1e-10) on the design matrix ltv standardized, when
scikit-learn is installed (a benchmark-only dependency: requirements-bench.txt). Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from typing import Any, Callable, Dict, Tuple

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


PHASES = ("ltv", "pandas", "sklearn")


def panel_for(args: argparse.Namespace) -> Tuple[pd.DataFrame, list]:
    panel = health.synthetic_panel(accounts=args.accounts, periods=args.periods, seed=3)
    return panel, widen(panel, args.metrics, 3)


def phase_ltv(args: argparse.Namespace) -> Dict[str, Any]:
    """ltv's features and training on the whole panel."""
    panel, names = panel_for(args)
    out: Dict[str, Any] = {"rows": len(panel), "metrics": len(names), "panel_gib": peak_gib()}
    t, f = timed(args.repeat, lambda: health.features(panel, metrics=names))
    out.update(features_s=t, features_peak_gib=peak_gib())
    cut = args.periods - 3
    t, model = timed(args.repeat, lambda: health.fit(f, cut=cut))
    out.update(training_s=t, training_peak_gib=peak_gib(), iterations=model.scorer.training["iterations"],
               training_rows=model.scorer.training["n_rows"], features=len(model.scorer.numeric))
    return out


def phase_pandas(args: argparse.Namespace) -> Dict[str, Any]:
    """The pandas reference on the first ``--pandas-accounts`` accounts (default: all), and its agreement
    with ltv's features on the same rows (ltv's run here is not timed)."""
    panel, names = panel_for(args)
    n_pd = args.pandas_accounts or args.accounts
    sub = panel if n_pd >= args.accounts else panel[panel["account"] < n_pd].reset_index(drop=True)
    rows = len(panel)
    del panel
    out: Dict[str, Any] = {"accounts": n_pd, "rows": len(sub), "scale": rows / len(sub), "panel_gib": peak_gib()}
    t, ref = timed(args.pandas_repeat or args.repeat, lambda: pandas_features(sub, names, 2))
    out.update(features_s=t, features_peak_gib=peak_gib())
    mine = health.features(sub, metrics=names)
    out["max_abs_difference"] = max(
        float(np.max(np.abs(mine[c].to_numpy(float) - ref[c].to_numpy(float)))) for c in ref.columns
    )
    return out


def phase_sklearn(args: argparse.Namespace) -> Dict[str, Any]:
    """scikit-learn's LogisticRegression on the design matrix ltv trains on (standardized as ltv does),
    and the coefficients' agreement with ltv's (ltv's features and fit here are not timed)."""
    try:
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    except ImportError:
        return {"error": "scikit-learn not installed in this environment (benchmark-only dependency)"}
    panel, names = panel_for(args)
    f = health.features(panel, metrics=names)
    del panel
    cut = args.periods - 3
    model = health.fit(f, cut=cut)
    period = f["period"].to_numpy()
    mask = f["label_known"].to_numpy() & (period + model.horizon - 1 < cut)
    stats = model.scorer.standardization
    X = np.empty((int(mask.sum()), len(model.scorer.numeric)))
    for j, c in enumerate(model.scorer.numeric):
        X[:, j] = (f[c].to_numpy(float)[mask] - stats[c][0]) / stats[c][1]
    y = f["churn_within_horizon"].to_numpy()[mask]
    del f
    out: Dict[str, Any] = {"design_gib": X.nbytes / 2**30, "before_gib": peak_gib()}
    t, sk = timed(args.sklearn_repeat or args.repeat,
                  lambda: LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(X, y))
    out.update(training_s=t, training_peak_gib=peak_gib(), iterations=int(sk.n_iter_[0]),
               max_coef_difference=float(np.max(np.abs(sk.coef_[0] - model.scorer.coef))),
               intercept_difference=abs(float(sk.intercept_[0]) - model.scorer.intercept))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=1_000_000)
    ap.add_argument("--periods", type=int, default=24)
    ap.add_argument("--metrics", type=int, default=10)
    ap.add_argument("--pandas-accounts", type=int, default=None, help="accounts for the (slow) pandas side")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each timing (the median is reported)")
    ap.add_argument("--pandas-repeat", type=int, default=None, help="runs of the pandas timing (default --repeat)")
    ap.add_argument("--sklearn-repeat", type=int, default=None, help="runs of the sklearn timing (default --repeat)")
    ap.add_argument("--site-packages", default=None, help="the benchmark venv's site-packages (scikit-learn)")
    ap.add_argument("--phase", choices=PHASES, default=None, help="run one phase in this process (internal)")
    args = ap.parse_args()
    if args.site_packages:
        sys.path.append(args.site_packages)
    if args.phase:
        print(json.dumps({"phase": args.phase, **globals()[f"phase_{args.phase}"](args)}))
        return
    # Each phase in its own process: its peak RSS is its own, and the three never hold memory at once.
    results: Dict[str, Dict[str, Any]] = {}
    for phase in PHASES:
        cmd = [sys.executable, __file__, "--phase", phase] + sys.argv[1:]
        done = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
        results[phase] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results[phase]), flush=True)
    mine, pd_, sk = results["ltv"], results["pandas"], results["sklearn"]
    print(f"panel: {args.accounts} accounts x {args.periods} periods, {mine['rows']} rows, {mine['metrics']} metrics")
    print(f"features ltv:    {mine['features_s']:8.2f} s (median of {args.repeat}); peak RSS {mine['features_peak_gib']:.2f} GiB")
    scaled = pd_["features_s"] * pd_["scale"]
    print(f"features pandas: {pd_['features_s']:8.2f} s on {pd_['accounts']} accounts ({pd_['rows']} rows; "
          f"x{pd_['scale']:.2f} to compare: {scaled:.1f} s); peak RSS {pd_['features_peak_gib']:.2f} GiB")
    print(f"features: speed-up x{scaled / mine['features_s']:.1f}; max |difference| {pd_['max_abs_difference']:.2e}")
    print(f"training ltv:    {mine['training_s']:8.2f} s ({mine['iterations']} Newton iterations, "
          f"{mine['training_rows']} rows x {mine['features']} features); peak RSS {mine['training_peak_gib']:.2f} GiB")
    if "error" in sk:
        print(f"training sklearn: {sk['error']}")
        return
    print(f"training sklearn: {sk['training_s']:8.2f} s (lbfgs, {sk['iterations']} iterations); "
          f"sklearn / ltv x{sk['training_s'] / mine['training_s']:.2f}; peak RSS {sk['training_peak_gib']:.2f} GiB "
          f"(design matrix {sk['design_gib']:.2f} GiB)")
    worst = max(sk["max_coef_difference"], sk["intercept_difference"])
    print(f"coefficients: max |difference| {sk['max_coef_difference']:.1e}, intercept {sk['intercept_difference']:.1e}: "
          f"{'same to 1e-4' if worst <= 1e-4 else 'DIFFER beyond 1e-4'}")


if __name__ == "__main__":
    main()
