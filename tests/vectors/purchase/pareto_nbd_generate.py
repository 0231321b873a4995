"""Generates pareto_nbd.json: Pareto/NBD quantities computed independently with mpmath (50 digits).

Run in a throwaway environment with mpmath (never a project dependency):
    python tests/vectors/purchase/pareto_nbd_generate.py > tests/vectors/purchase/pareto_nbd.json

Independent of the library's method: the likelihood is Fader & Hardie's (2005, note 008) eq. 22-24 with
mpmath's 2F1 at 50 digits (no Euler transformation, no log space), cross-checked against the integral form
    L = Γ(r+x) α^r β^s / Γ(r) [ (α+T)^-(r+x) (β+T)^-s + s ∫_{t_x}^T (α+τ)^-(r+x) (β+τ)^-(s+1) dτ ];
E[X(t)] and the conditional expectation integrate (1 - e^{-μt}) / μ over the gamma density of μ;
DERT is Fader, Hardie & Lee (2005), eq. 2, with mpmath's confluent hypergeometric U; P(X(t) = n) integrates
the NBD count of customers who die at τ < t (the library uses Gauss-Kronrod quadrature there: this checks
its accuracy at 50 digits).
"""

import json

import mpmath as mp

mp.mp.dps = 50
QUAD = {"maxdegree": 10}


def breaks(lo, hi):
    """Break points crowded towards lo, where the integrands peak."""
    return [lo] + [lo + (hi - lo) * mp.mpf(10) ** -k for k in range(8, 0, -1)] + [lo + (hi - lo) / 2, hi]


def ll_terms(r, a, s, b, x, tx, T):
    """ln C, and the bracket's two terms, with mpmath's own 2F1 (no Euler transformation)."""
    r, a, s, b, x, tx, T = map(mp.mpf, (r, a, s, b, x, tx, T))
    c = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(a) + s * mp.log(b)
    first = (a + T) ** (-(r + x)) * (b + T) ** (-s)
    if a >= b:
        f = lambda t: mp.hyp2f1(r + s + x, s + 1, r + s + x + 1, (a - b) / (a + t)) / (a + t) ** (r + s + x)
    else:
        f = lambda t: mp.hyp2f1(r + s + x, r + x, r + s + x + 1, (b - a) / (b + t)) / (b + t) ** (r + s + x)
    second = s / (r + s + x) * (f(tx) - f(T))
    # Cross-check against the integral form (the quadrature is accurate to about 1e-7 at the most peaked case, x = 1000).
    if tx < T:
        integral = s * mp.quad(lambda u: (a + u) ** (-(r + x)) * (b + u) ** (-(s + 1)), breaks(tx, T))
        assert abs(integral - second) <= mp.mpf("1e-6") * second, (integral, second)
    return c, first, second


def gamma_mean(s, rate, g):
    """E[g(mu)] for mu ~ Gamma(shape s, rate)."""
    s, rate = mp.mpf(s), mp.mpf(rate)
    dens = lambda m: rate**s * m ** (s - 1) * mp.e ** (-rate * m) / mp.gamma(s)
    return mp.quad(lambda m: dens(m) * g(m), [0, 1e-6 / rate, 1e-3 / rate, 1 / rate, 10 / rate, 100 / rate, mp.inf], **QUAD)


def case(params, x, tx, T, t, delta, n_values):
    r, a, s, b = map(mp.mpf, params)
    c, first, second = ll_terms(r, a, s, b, x, tx, T)
    ll = c + mp.log(first + second)
    alive = first / (first + second)
    tt = mp.mpf(t)
    cond = alive * (r + x) / (a + T) * gamma_mean(s, b + T, lambda m: (1 - mp.e ** (-m * tt)) / m)
    new = mp.mpf(r) / a * gamma_mean(s, b, lambda m: (1 - mp.e ** (-m * tt)) / m)
    d = mp.mpf(delta)
    u = mp.hyperu(s, s, d * (b + T))
    dert = (mp.mpf(a) ** r * mp.mpf(b) ** s * d ** (s - 1) * mp.gamma(r + x + 1) * u
            / (mp.gamma(r) * (a + T) ** (r + x + 1) * mp.e**ll))
    probs = []
    for n in n_values:
        nbd = lambda tau: mp.e ** (mp.loggamma(r + n) - mp.loggamma(r) - mp.loggamma(n + 1)) * (a / (a + tau)) ** r * (tau / (a + tau)) ** n
        p = nbd(tt) * (b / (b + tt)) ** s + mp.quad(lambda tau: nbd(tau) * s * b**s * (b + tau) ** (-(s + 1)), breaks(0, tt), **QUAD)
        probs.append({"n": n, "p": float(p)})
    return {
        "params": dict(zip(["r", "alpha", "s", "beta"], params)),
        "frequency": x, "recency": tx, "age": T, "t": t, "discount_rate": delta,
        "log_likelihood": float(ll), "probability_alive": float(alive),
        "conditional_expected_purchases": float(cond), "expected_purchases": float(new),
        "dert": float(dert), "probability_of_purchases": probs,
    }


CDNOW = (0.553, 10.578, 0.606, 11.669)
cases = [
    case(CDNOW, 2, 30.43, 38.86, 39.0, 0.0029, [0, 1, 2, 5]),
    case(CDNOW, 0, 0.0, 38.86, 39.0, 0.0029, [0, 3]),
    case(CDNOW, 7, 35.0, 38.86, 52.0, 0.01, [0, 10]),
    case(CDNOW, 1, 2.0, 38.86, 10.0, 0.1, [1]),
    case(CDNOW, 5, 38.86, 38.86, 39.0, 0.0029, [2]),  # recency == age
    case(CDNOW, 1000, 1.0, 1000.0, 10.0, 0.01, [0]),  # 1000 purchases long ago
    case((12.0, 3.0, 0.7, 1.5), 4, 20.0, 30.0, 5.0, 0.05, [0, 4]),  # alpha >= beta branch
    case((0.25, 0.001, 0.8, 30.0), 300, 50.0, 52.0, 10.0, 0.01, [0, 3]),  # x in the hundreds, tiny alpha
    case((0.25, 0.01, 0.8, 3.0), 450, 38.0, 40.0, 20.0, 0.002, [0]),
    case((0.8, 5.0, 1.0, 7.0), 3, 10.0, 25.0, 30.0, 0.02, [0, 1]),  # s = 1 exactly
    case((2.0, 40.0, 3.0, 4.0), 0, 0.0, 10.0, 8.0, 0.5, [0, 1, 2]),  # alpha >> beta, x = 0
]
print(json.dumps({
    "description": "Pareto/NBD per-customer quantities computed with mpmath (see pareto_nbd_generate.py). "
                   "Times in the unit of the parameters; dert uses continuous discounting at discount_rate.",
    "cases": cases,
}, indent=1))
