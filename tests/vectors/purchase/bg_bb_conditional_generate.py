"""Generates bg_bb_conditional.json: the BG/BB's conditional distribution of the transactions in the next t
opportunities, P(X(n, n + t) = k | x, t_x, n), and P(alive at opportunity n + m | x, t_x, n) (Fader, Hardie &
Shang 2010, Marketing Science 29(6), appendix and eq. 11), computed with mpmath (40 digits) by brute force.

Run in a throwaway environment with mpmath (never a project dependency):
    python tests/vectors/purchase/bg_bb_conditional_generate.py > tests/vectors/purchase/bg_bb_conditional.json

Independent of the library's arrangement (which splits the history's likelihood into "alive through n" and
"dead before n" and sums C(i, k) terms after n): here the customer's lifetime s (opportunities survived
before the dropout coin comes up, P(s | theta) = theta (1 - theta)^s, or "still alive at n + t") is enumerated
one value at a time; for each s the joint probability of the observed history and of k future transactions
in the max(0, min(s, n + t) - n) opportunities alive after n is integrated over p ~ Beta(alpha, beta) and
theta ~ Beta(gamma, delta) in closed form (Beta-function moments); the likelihood is the sum of the joint
over k and s. For the small cases the whole distribution is also checked against a direct two-dimensional
numerical integral (mpmath.quad over p and theta of the probability given p and theta), to 1e-12.
"""

import json

import mpmath as mp

mp.mp.dps = 40
B = mp.beta


def joint(params, x, tx, n, t):
    """[P(history, X(n, n+t) = k) for k = 0..t] by enumerating the lifetime s."""
    a, b, g, d = map(mp.mpf, params)
    bab, bgd = B(a, b), B(g, d)
    out = [mp.mpf(0)] * (t + 1)
    horizon = n + t
    for s in range(tx, horizon + 1):
        # s < horizon: survives s opportunities, gone at the start of s + 1; s = horizon: alive throughout.
        life = B(g + 1, d + s) / bgd if s < horizon else B(g, d + horizon) / bgd
        if s < n:
            out[0] += B(a + x, b + s - x) / bab * life
            continue
        f = s - n
        for k in range(0, f + 1):
            out[k] += mp.binomial(f, k) * B(a + x + k, b + n - x + f - k) / bab * life
    return out


def quad_check(params, x, tx, n, t, pmf):
    a, b, g, d = map(mp.mpf, params)
    with mp.workdps(20):
        def given(p, th, k):
            total = mp.mpf(0)
            for s in range(tx, n + t + 1):
                life = th * (1 - th) ** s if s < n + t else (1 - th) ** (n + t)
                obs = min(s, n)
                hist = p**x * (1 - p) ** (obs - x)
                f = max(0, s - n)
                fut = mp.binomial(f, k) * p**k * (1 - p) ** (f - k) if k <= f else (1 if (k == 0 and f == 0) else 0)
                if s < n:
                    fut = 1 if k == 0 else 0
                total += life * hist * fut
            return total

        dens = lambda p, th: p ** (a - 1) * (1 - p) ** (b - 1) / B(a, b) * th ** (g - 1) * (1 - th) ** (d - 1) / B(g, d)
        vals = [mp.quad(lambda p, th: given(p, th, k) * dens(p, th), [0, 1], [0, 1]) for k in range(t + 1)]
        lik = sum(vals)
        for k in range(t + 1):
            assert abs(vals[k] / lik - pmf[k]) < mp.mpf("1e-12"), (params, x, tx, n, t, k, vals[k] / lik, pmf[k])


def case(params, x, tx, n, t, ks, ms, check=False):
    a, b, g, d = map(mp.mpf, params)
    j = joint(params, x, tx, n, t)
    lik = sum(j)
    # The same likelihood from eq. 5 of the paper (a check of the enumeration).
    eq5 = B(a + x, b + n - x) / B(a, b) * B(g, d + n) / B(g, d)
    for i in range(n - tx):
        eq5 += B(a + x, b + tx - x + i) / B(a, b) * B(g + 1, d + tx + i) / B(g, d)
    assert abs(lik / eq5 - 1) < mp.mpf("1e-30"), (lik, eq5)
    pmf = [v / lik for v in j]
    if check:
        quad_check(params, x, tx, n, t, pmf)
    mean = sum(k * p for k, p in enumerate(pmf))
    alive = B(a + x, b + n - x) / B(a, b) / lik
    return {
        "params": dict(zip(["alpha", "beta", "gamma", "delta"], params)),
        "frequency": x, "recency": tx, "periods": n, "t": t,
        "conditional_probability_of_transactions": [{"n": k, "p": float(pmf[k]) if k <= t else 0.0} for k in ks],
        "probability_of_no_transaction": float(pmf[0]),
        "conditional_expected_transactions": float(mean),
        "probability_alive_at": [{"t": m, "p": float(alive * B(g, d + n + m) / B(g, d))} for m in ms],
    }


FHS = (1.204, 0.750, 0.657, 2.783)
M = [0, 1, 2, 5, 30]
cases = [
    case(FHS, 6, 6, 6, 5, range(6), M, check=True),
    case(FHS, 3, 4, 6, 5, range(6), M, check=True),
    case(FHS, 2, 3, 6, 4, range(6), M, check=True),
    case(FHS, 1, 1, 6, 10, range(11), M),
    case(FHS, 0, 0, 6, 5, range(6), M),
    case(FHS, 2, 5, 6, 1, [0, 1, 2], M),
    case(FHS, 2, 5, 6, 0, [0, 1], M),
    case((0.5, 3.0, 2.5, 8.0), 40, 180, 200, 50, [0, 1, 5, 10, 25, 50], [0, 1, 50, 1000]),
    case((20.0, 1.5, 0.2, 40.0), 900, 950, 1000, 100, [0, 1, 50, 90, 100], [0, 1, 100, 10000]),
    case((1.1, 0.9, 1.3, 0.7), 0, 0, 1, 3, range(4), [0, 1, 3], check=True),
]
print(json.dumps({
    "description": "BG/BB conditional predictions computed with mpmath by enumerating lifetimes (see "
                   "bg_bb_conditional_generate.py): for the history (frequency, recency, periods) and the next t "
                   "opportunities, P(X = n) for the listed n (0 for n > t), P(X = 0), E[X] (the mean of the whole "
                   "distribution), and P(alive at opportunity periods + t) for the listed t.",
    "cases": cases,
}, indent=1))
