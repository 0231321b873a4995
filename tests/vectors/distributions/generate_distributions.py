"""Generates distributions.json: Gamma / Beta log densities and quantiles, by mpmath (50 digits), for the
heterogeneity plots' native helpers. Run in a throwaway venv: python -m venv /tmp/mp; /tmp/mp/bin/pip install
mpmath; /tmp/mp/bin/python tests/vectors/distributions/generate_distributions.py."""

import json
import pathlib

import mpmath as mp

mp.mp.dps = 50


def gamma_ln_pdf(x, k, rate):
    x, k, rate = mp.mpf(x), mp.mpf(k), mp.mpf(rate)
    return k * mp.log(rate) - mp.loggamma(k) + (k - 1) * mp.log(x) - rate * x


def beta_ln_pdf(x, a, b):
    x, a, b = mp.mpf(x), mp.mpf(a), mp.mpf(b)
    return (a - 1) * mp.log(x) + (b - 1) * mp.log(1 - x) - mp.log(mp.beta(a, b))


def _bisect(f, lo, hi):
    for _ in range(300):
        mid = (lo + hi) / 2
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def gamma_ppf(q, k, rate):
    k, q = mp.mpf(k), mp.mpf(q)
    cdf = lambda x: mp.gammainc(k, 0, x, regularized=True) - q  # noqa: E731
    hi = k + 100
    while cdf(hi) < 0:
        hi *= 2
    return _bisect(cdf, mp.mpf(0), hi) / mp.mpf(rate)


def beta_ppf(q, a, b):
    a, b, q = mp.mpf(a), mp.mpf(b), mp.mpf(q)
    cdf = lambda x: mp.betainc(a, b, 0, x, regularized=True) - q  # noqa: E731
    return _bisect(cdf, mp.mpf(0), mp.mpf(1))


GAMMA = [(0.243, 4.414), (0.553, 10.578), (1.0, 2.0), (2.5, 0.3), (30.0, 5.0), (0.05, 1.0)]
BETA = [(0.793, 2.426), (1.204, 0.75), (0.657, 2.783), (2.0, 1.0), (5.0, 40.0), (0.3, 0.3)]
out = {"gamma_ln_density": [], "gamma_quantile": [], "beta_ln_density": [], "beta_quantile": []}
for k, rate in GAMMA:
    for x in (0.001, 0.05, 0.5, 1.0, 3.0, 20.0):
        out["gamma_ln_density"].append({"x": x, "shape": k, "rate": rate, "value": float(gamma_ln_pdf(x, k, rate))})
    for q in (0.01, 0.5, 0.9, 0.99):
        out["gamma_quantile"].append({"q": q, "shape": k, "rate": rate, "value": float(gamma_ppf(q, k, rate))})
for a, b in BETA:
    for x in (0.001, 0.1, 0.5, 0.9, 0.999):
        out["beta_ln_density"].append({"x": x, "a": a, "b": b, "value": float(beta_ln_pdf(x, a, b))})
    for q in (0.01, 0.5, 0.9, 0.99):
        out["beta_quantile"].append({"q": q, "a": a, "b": b, "value": float(beta_ppf(q, a, b))})
path = pathlib.Path(__file__).with_name("distributions.json")
path.write_text(json.dumps(out, indent=1) + "\n")
