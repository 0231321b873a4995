"""Lead-scorer training and scoring against scikit-learn, in one run, on the same design matrix.

Run: .venv/bin/python benches/bench_scorer.py [--rows 1000000] [--repeat 3] [--json out.json]

Data: `rows` leads, seed 42: 16 numeric signals (visits, opens, ... on different scales) and one categorical
column (company_size, 4 categories), 20 design columns in all, and a converted flag drawn from a known
logistic model. C = 1.

  * ltv fit (frame)        ltv.scoring.LeadScorer.fit on the pandas DataFrame: encoding (factorize,
                           float64 columns) + standardization + Newton training, threads on
  * ltv fit (core)         the compiled trainer alone on pre-encoded arrays (no pandas work)
  * sklearn lbfgs          LogisticRegression(solver="lbfgs", C=1, tol=1e-10, max_iter=10000) on the design
                           matrix ltv trained on (z-scored numeric columns with ltv's means and scales, then
                           the one-hot columns), built once outside the timing
  * scoring                ltv predict_proba(frame) (encoding included; the string column as object and as
                           pandas category dtype) and the compiled scorer alone vs
                           sklearn predict_proba(X) on the pre-built matrix, and vs the frame-in equivalent:
                           a Pipeline(ColumnTransformer(StandardScaler, OneHotEncoder), the fitted
                           LogisticRegression) predict_proba(df), all rows

Prints medians of `repeat` runs, the ratios, the largest absolute coefficient difference (target <= 1e-4)
and each solution's largest gradient component of the shared objective. Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from typing import Any, Callable, Dict, List, Tuple

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

import ltv._ltv as _ltv
from ltv.scoring import LeadScorer, _floats, _training_codes

N_NUMERIC = 16
SIZES = ["smb", "mid_market", "enterprise", "agency"]


def make_leads(rows: int) -> Tuple[pd.DataFrame, List[str]]:
    rng = np.random.default_rng(42)
    scales = np.geomspace(0.5, 200.0, N_NUMERIC)
    numeric = {f"signal_{k:02d}": rng.normal(0.0, scales[k], rows) + scales[k] for k in range(N_NUMERIC)}
    size = rng.choice(SIZES, rows, p=[0.55, 0.25, 0.12, 0.08])
    beta = rng.normal(0.0, 0.4, N_NUMERIC)
    eta = -1.5 + sum(beta[k] * (numeric[f"signal_{k:02d}"] - scales[k]) / scales[k] for k in range(N_NUMERIC))
    eta = eta + np.select([size == "enterprise", size == "mid_market", size == "agency"], [0.8, 0.3, -0.4], 0.0)
    converted = (rng.random(rows) < 1.0 / (1.0 + np.exp(-eta))).astype(np.int8)
    df = pd.DataFrame({**numeric, "company_size": size, "converted": converted})
    return df, list(numeric)


def median_time(fn: Callable[[], Any], repeat: int) -> Tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def design(scorer: LeadScorer, df: pd.DataFrame) -> np.ndarray:
    columns = [(df[name].to_numpy(float) - mean) / scale for name, (mean, scale) in scorer.standardization.items()]
    for name, categories in scorer.categorical.items():
        columns += [(df[name] == c).to_numpy(float) for c in categories]
    return np.ascontiguousarray(np.column_stack(columns))


def max_gradient(X: np.ndarray, y: np.ndarray, intercept: float, coef: np.ndarray, c: float) -> float:
    """The largest component of the gradient of C * sum logloss + 0.5 ||w||^2 (numpy, for reporting)."""
    eta = intercept + X @ coef
    r = 1.0 / (1.0 + np.exp(-eta)) - y
    return float(np.max(np.abs(np.concatenate([[c * r.sum()], c * (X.T @ r) + coef]))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args()
    c = 1.0
    df, numeric = make_leads(args.rows)
    print(f"{args.rows:,} leads x {N_NUMERIC} numeric + company_size ({len(SIZES)} categories) = 20 design columns;"
          f" {os.cpu_count()} CPUs; C = {c}")

    fit = lambda: LeadScorer.fit(df, numeric=numeric, categorical=["company_size"], c=c)  # noqa: E731
    t_fit, scorer = median_time(fit, args.repeat)

    arrays = [_floats(n, df[n]) for n in numeric]
    codes, labels = _training_codes("company_size", df["company_size"])
    y = _floats("converted", df["converted"])
    core = lambda: _ltv._LeadScorer.fit(  # noqa: E731
        numeric, arrays, ["company_size"], [codes], [labels], "converted", y, None, c, True, 1e-10, 100
    )
    t_core, _ = median_time(core, args.repeat)

    X = design(scorer, df)
    sk = LogisticRegression(solver="lbfgs", C=c, tol=1e-10, max_iter=10_000)
    t_sk, sk = median_time(lambda: sk.fit(X, y), args.repeat)

    t_score, p = median_time(lambda: scorer.predict_proba(df), args.repeat)
    as_category = df.assign(company_size=df["company_size"].astype("category"))
    t_score_cat, p_cat = median_time(lambda: scorer.predict_proba(as_category), args.repeat)
    assert np.array_equal(p.to_numpy(), p_cat.to_numpy())
    model = scorer._model
    score_codes = scorer._encode(df)[3]
    t_core_score, _ = median_time(
        lambda: model.predict_proba(numeric, arrays, ["company_size"], score_codes), args.repeat
    )
    t_sk_score, p_sk = median_time(lambda: sk.predict_proba(X)[:, 1], args.repeat)
    # Frame in, like ltv: the same fitted coefficients behind sklearn's own encoders (fitted on the frame, which
    # gives ltv's means, population scales and sorted categories).
    prep = ColumnTransformer([("num", StandardScaler(), numeric), ("cat", OneHotEncoder(), ["company_size"])])
    pipe = Pipeline([("prep", prep.fit(df)), ("lr", sk)])
    t_pipe_score, p_pipe = median_time(lambda: pipe.predict_proba(df)[:, 1], args.repeat)

    coef_diff = float(np.max(np.abs(sk.coef_[0] - scorer.coef)))
    intercept_diff = abs(float(sk.intercept_[0]) - scorer.intercept)
    figures: Dict[str, Any] = {
        "rows": args.rows,
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
        "ltv_fit_frame_s": t_fit,
        "ltv_fit_core_s": t_core,
        "sklearn_lbfgs_fit_s": t_sk,
        "fit_ratio_sklearn_over_ltv_frame": t_sk / t_fit,
        "ltv_iterations": scorer.training["iterations"],
        "sklearn_iterations": int(sk.n_iter_[0]),
        "max_abs_coef_diff": coef_diff,
        "intercept_diff": intercept_diff,
        "ltv_max_gradient": max_gradient(X, y, scorer.intercept, scorer.coef, c),
        "sklearn_max_gradient": max_gradient(X, y, float(sk.intercept_[0]), sk.coef_[0], c),
        "ltv_score_s": t_score,
        "ltv_score_core_s": t_core_score,
        "sklearn_score_s": t_sk_score,
        "score_ratio_sklearn_over_ltv": t_sk_score / t_score,
        "ltv_score_category_dtype_s": t_score_cat,
        "sklearn_pipeline_score_s": t_pipe_score,
        "score_ratio_pipeline_over_ltv_frame": t_pipe_score / t_score,
        "max_abs_probability_diff_pipeline": float(np.max(np.abs(p.to_numpy() - p_pipe))),
        "max_abs_probability_diff": float(np.max(np.abs(p.to_numpy() - p_sk))),
    }
    print(f"training (median of {args.repeat})")
    print(f"  ltv fit from the DataFrame      {t_fit:8.3f} s   ({scorer.training['iterations']} Newton steps)")
    print(f"  ltv fit, compiled trainer only  {t_core:8.3f} s")
    print(f"  sklearn lbfgs on the matrix     {t_sk:8.3f} s   ({int(sk.n_iter_[0])} iterations)")
    print(f"  ratio sklearn / ltv (frame)     {t_sk / t_fit:8.2f} x")
    print(f"  max |coef diff|                 {coef_diff:.2e}   (intercept {intercept_diff:.2e})")
    print(f"  max |gradient|  ltv {figures['ltv_max_gradient']:.2e}   sklearn {figures['sklearn_max_gradient']:.2e}")
    print(f"scoring {args.rows:,} leads (median of {args.repeat})")
    print(f"  ltv predict_proba(frame)        {t_score:8.3f} s")
    print(f"  ltv predict_proba(frame), category dtype {t_score_cat:.3f} s")
    print(f"  ltv compiled scorer only        {t_core_score:8.3f} s   (pre-encoded arrays)")
    print(f"  sklearn predict_proba(X)        {t_sk_score:8.3f} s   (pre-built design matrix)")
    print(f"  sklearn Pipeline.predict_proba(df) {t_pipe_score:5.3f} s   (encoders + LogisticRegression, frame in)")
    print(f"  ratio sklearn X / ltv (frame)   {t_sk_score / t_score:8.2f} x")
    print(f"  ratio sklearn X / ltv (compiled){t_sk_score / t_core_score:8.2f} x")
    print(f"  ratio Pipeline(df) / ltv(frame) {t_pipe_score / t_score:8.2f} x")
    print(f"  max |P diff|  vs X {figures['max_abs_probability_diff']:.2e}"
          f"   vs Pipeline {figures['max_abs_probability_diff_pipeline']:.2e}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=1)


if __name__ == "__main__":
    main()
