"""Generates bg_bb.json: BG/BB quantities computed with mpmath (50 digits) from Fader, Hardie & Shang
(2010, Marketing Science 29(6)) in their closed forms.

Run in a throwaway environment with mpmath (never a project dependency):
    python tests/vectors/purchase/bg_bb_generate.py > tests/vectors/purchase/bg_bb.json

The library sums in log space (ln B terms, log-sum-exp) and sums the survival probabilities where the paper
telescopes them; here every quantity is the paper's own expression in plain 50-digit arithmetic: eq. 5
(likelihood), 7 (E[X(n)], the closed form with delta / (gamma - 1)), 8 (P(X(n) = x)), 11 (P(alive)),
13 (conditional expectation, closed form), 14 (DERT with mpmath's 2F1).
"""

import json

import mpmath as mp

mp.mp.dps = 50
B = mp.beta


def case(params, x, tx, n, future, d, n_new, x_values):
    a, b, g, dl = map(mp.mpf, params)
    lik = B(a + x, b + n - x) / B(a, b) * B(g, dl + n) / B(g, dl)
    for i in range(n - tx):
        lik += B(a + x, b + tx - x + i) / B(a, b) * B(g + 1, dl + tx + i) / B(g, dl)
    alive = B(a + x, b + n - x) / B(a, b) * B(g, dl + n + 1) / B(g, dl) / lik
    G = mp.gamma
    new = a / (a + b) * dl / (g - 1) * (1 - G(g + dl) / G(g + dl + n_new) * G(1 + dl + n_new) / G(1 + dl))
    cond = (B(a + x + 1, b + n - x) / B(a, b) * dl / (g - 1) * G(g + dl) / G(1 + dl)
            * (G(1 + dl + n) / G(g + dl + n) - G(1 + dl + n + future) / G(g + dl + n + future)) / lik)
    dd = mp.mpf(d)
    dert = (B(a + x + 1, b + n - x) / B(a, b) * B(g, dl + n + 1) / (B(g, dl) * (1 + dd))
            * mp.hyp2f1(1, dl + n + 1, g + dl + n + 1, 1 / (1 + dd)) / lik)
    probs = []
    for k in x_values:
        p = mp.binomial(n_new, k) * B(a + k, b + n_new - k) / B(a, b) * B(g, dl + n_new) / B(g, dl)
        for i in range(k, n_new):
            p += mp.binomial(i, k) * B(a + k, b + i - k) / B(a, b) * B(g + 1, dl + i) / B(g, dl)
        probs.append({"n": k, "p": float(p)})
    return {
        "params": dict(zip(["alpha", "beta", "gamma", "delta"], params)),
        "frequency": x, "recency": tx, "periods": n, "t": future, "discount_rate": d, "t_new": n_new,
        "log_likelihood": float(mp.log(lik)), "probability_alive": float(alive),
        "expected_transactions": float(new), "conditional_expected_transactions": float(cond),
        "dert": float(dert), "probability_of_transactions": probs,
    }


FHS = (1.204, 0.750, 0.657, 2.783)
cases = [
    case(FHS, 6, 6, 6, 5, 0.1, 6, [0, 3, 6]),
    case(FHS, 3, 4, 6, 5, 0.1, 11, [0, 5, 11]),
    case(FHS, 1, 1, 6, 10, 0.05, 1, [0, 1]),
    case(FHS, 0, 0, 6, 5, 0.1, 6, [0]),
    case(FHS, 2, 5, 6, 1, 0.3, 3, [1, 2]),
    case((0.5, 3.0, 2.5, 8.0), 40, 180, 200, 50, 0.01, 100, [0, 10]),
    case((20.0, 1.5, 0.2, 40.0), 900, 950, 1000, 100, 0.002, 30, [25]),
    case((1.1, 0.9, 1.3, 0.7), 0, 0, 1, 3, 1.0, 2, [0, 1, 2]),
]
print(json.dumps({
    "description": "BG/BB per-history quantities computed with mpmath (see bg_bb_generate.py); periods are "
                   "transaction opportunities; t is the horizon of conditional_expected_transactions (periods after "
                   "periods), t_new that of expected_transactions and probability_of_transactions (P(X(t_new) = n)); "
                   "dert discounts at discount_rate per period.",
    "cases": cases,
}, indent=1))
