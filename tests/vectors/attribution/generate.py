"""Independent generator of the attribution vectors (exact fractions; run with any Python 3, no dependencies).

    python3 tests/vectors/attribution/generate.py   # writes attribution.json next to this script

Every model is computed here from its definition with `fractions.Fraction`: the rules from their shares, the
Markov removal effect by solving the absorbing chain exactly (Gauss-Jordan over fractions), and the Shapley
value by enumerating every coalition S and weighting v(S + c) - v(S) by |S|! (N - |S| - 1)! / N!, with
v(S) = conversions (value) of the journeys whose channel set is contained in S. The exact credits are then
allocated to whole units by largest remainder with the documented tie-break (larger share first, then
round-robin over the channels in label order starting at the journey's number), for the per-journey and the
channel figures the Rust and Python suites compare against exactly.

Hand check of the three-channel case (journeys sorted by label; channels ads, direct, email):
  j1: ads(0) > email(7) > direct(14)  converted 100.00
  j2: ads(0) > direct(7)              converted  50.00
  j3: email(0)                        converted  30.00
  j4: ads(0) > email(7)               not converted
  j5: direct(0)                       converted  20.00
Linear: j1 splits 33.34 / 33.33 / 33.33 (the extra cent to ads: journey 0 starts the round-robin at ads),
j2 25.00 / 25.00, so ads 58.34, direct 78.33 (33.33 + 25 + 20), email 63.33.
Shapley over sets: R({a,d,e}) = 100, R({a,d}) = 50, R({e}) = 30, R({d}) = 20, R({a,e}) = 0, so
phi_ads = 100/3 + 50/2 = 58.33..., phi_direct = 100/3 + 25 + 20 = 78.33..., phi_email = 100/3 + 30 = 63.33...
(the coalition enumeration below gives the same fractions).
Markov: transitions start>ads 3, start>email 1, start>direct 1; ads>email 2, ads>direct 1; email>direct 1,
email>conv 1, email>null 1; direct>conv 3. P(conv | direct) = 1, P(conv | email) = 1/3 + 1/3 = 2/3,
P(conv | ads) = 2/3 x 2/3 + 1/3 = 7/9, P(conv) = 3/5 x 7/9 + 1/5 x 2/3 + 1/5 = 7/15 + 2/15 + 3/15 = 4/5.
Without ads: 1/5 x 2/3 + 1/5 = 1/3, effect 1 - (1/3)/(4/5) = 7/12; without direct: ads > 2/3 x 1/3 = 2/9,
email 1/3, P = 3/5 x 2/9 + 1/5 x 1/3 = 1/5, effect 3/4; without email: ads 1/3, P = 1/5 + 1/5 = 2/5, effect
1/2. Shares 7/22, 9/22, 6/22 of 4 conversions and 200.00.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from fractions import Fraction as F
from pathlib import Path

MODELS = ["first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based", "markov", "shapley"]
CONVERSION_DECIMALS = 6


def touch_shares(model, touches, opts):
    """Exact share of each touch (list of (day, channel)) under a rule-based model."""
    n = len(touches)
    if model == "first_touch":
        return [F(int(i == 0)) for i in range(n)]
    if model == "last_touch":
        return [F(int(i == n - 1)) for i in range(n)]
    if model == "last_non_direct":
        idx = [i for i, (_, c) in enumerate(touches) if c != opts["direct_channel"]]
        chosen = idx[-1] if idx else n - 1
        return [F(int(i == chosen)) for i in range(n)]
    if model == "linear":
        return [F(1, n)] * n
    if model == "time_decay":
        last = touches[-1][0]
        h = F(opts["half_life_days"])
        ws = []
        for t, _ in touches:
            e = (F(last) - F(t)) / h  # the vectors use ages that are whole multiples of the half-life
            assert e.denominator == 1, "vector ages must be whole half-lives"
            ws.append(F(1, 2 ** int(e)))
        s = sum(ws)
        return [w / s for w in ws]
    if model == "position_based":
        f, l = F(opts["first_share"]), F(opts["last_share"])
        if n == 1:
            return [F(1)]
        if n == 2:
            return [F(1, 2), F(1, 2)] if f + l == 0 else [f / (f + l), l / (f + l)]
        mid = (1 - f - l) / (n - 2)
        return [f] + [mid] * (n - 2) + [l]
    raise ValueError(model)


def allocate(units, shares, ranks, rotate):
    """Largest remainder: floors of the exact quotas, then one unit each to the largest remainders; ties to
    the larger share, then round-robin by rank from rotate % n."""
    n = len(shares)
    total = sum(shares)
    if total == 0:
        return [0] * n
    quotas = [units * s / total for s in shares]
    parts = [math.floor(q) for q in quotas]
    left = units - sum(parts)
    by_rank = sorted(range(n), key=lambda i: ranks[i])
    turn = {i: (pos - rotate % n) % n for pos, i in enumerate(by_rank)}
    order = sorted(range(n), key=lambda i: (-(quotas[i] - parts[i]), -shares[i], turn[i]))
    for i in order[:left]:
        parts[i] += 1
    return parts


def markov_effects(channels, journeys):
    """Exact removal effects: P(conversion) of the absorbing chain with and without each channel."""
    states = ["start"] + channels
    counts = {s: {} for s in states}
    for path, conv in journeys:
        prev = "start"
        for c in path:
            counts[prev][c] = counts[prev].get(c, 0) + 1
            prev = c
        end = "conv" if conv else "null"
        counts[prev][end] = counts[prev].get(end, 0) + 1

    def p_conv(removed):
        idx = {s: i for i, s in enumerate(states)}
        n = len(states)
        a = [[F(int(i == k)) for k in range(n)] + [F(0)] for i in range(n)]
        for s in states:
            i = idx[s]
            tot = sum(counts[s].values())
            if s == removed or tot == 0:
                continue
            for to, cnt in counts[s].items():
                if to == "conv":
                    a[i][n] += F(cnt, tot)
                elif to != "null":
                    a[i][idx[to]] -= F(cnt, tot)
        for col in range(n):  # Gauss-Jordan over fractions
            piv = next(r for r in range(col, n) if a[r][col] != 0)
            a[col], a[piv] = a[piv], a[col]
            a[col] = [x / a[col][col] for x in a[col]]
            for r in range(n):
                if r != col and a[r][col] != 0:
                    f = a[r][col]
                    a[r] = [x - f * y for x, y in zip(a[r], a[col])]
        return a[0][n]

    p = p_conv(None)
    used = {c for path, _ in journeys for c in path}
    eff = {c: (1 - p_conv(c) / p if p > 0 and c in used else F(0)) for c in channels}
    return p, eff


def shapley_by_coalitions(channels, journeys, worth):
    """phi_c = sum over S without c of |S|! (N-|S|-1)! / N! (v(S+c) - v(S)); v(S) = worth of journeys with set in S."""
    n = len(channels)
    sets = [(frozenset(path), w) for path, w in journeys]

    def v(s):
        return sum((w for t, w in sets if t <= s), F(0))

    phi = {}
    for c in channels:
        others = [x for x in channels if x != c]
        tot = F(0)
        for r in range(n):
            weight = F(math.factorial(r) * math.factorial(n - r - 1), math.factorial(n))
            for s in itertools.combinations(others, r):
                s = frozenset(s)
                tot += weight * (v(s | {c}) - v(s))
        phi[c] = tot
    return phi


def run_case(case):
    opts = {"direct_channel": "direct", "half_life_days": 7, "first_share": "0.4", "last_share": "0.4", "decimals": 2}
    opts.update(case.get("options", {}))
    channels = sorted({tp[2] for tp in case["touchpoints"]})
    rank = {c: i for i, c in enumerate(channels)}
    jlabels = sorted(o[0] for o in case["outcomes"])
    outcome = {o[0]: o for o in case["outcomes"]}
    from decimal import Decimal

    scale = max([opts["decimals"]] + [-Decimal(o[2]).as_tuple().exponent for o in case["outcomes"]])
    touches = {j: [] for j in jlabels}
    for j, t, c, _cost in case["touchpoints"]:
        touches[j].append((F(str(t)), c))
    for j in jlabels:
        touches[j].sort(key=lambda x: (x[0], rank[x[1]]))
    models = case.get("models", MODELS)
    p, eff = markov_effects(channels, [([c for _, c in touches[j]], outcome[j][1]) for j in jlabels])
    eff_total = sum(eff.values())
    units = {j: int(Decimal(outcome[j][2]).scaleb(scale)) for j in jlabels}
    one = 10**CONVERSION_DECIMALS
    expected = {m: {c: [0, 0] for c in channels} for m in models}
    exact = {m: {c: F(0) for c in channels} for m in models}
    per_journey = []
    for ji, j in enumerate(jlabels):
        distinct = sorted({c for _, c in touches[j]}, key=rank.get)
        cu = one if outcome[j][1] else 0
        row = {"journey": j, "credits": {}}
        for m in models:
            if m == "shapley":
                shares = [F(1, len(distinct))] * len(distinct)
            elif m == "markov":
                w = [eff[c] for c in distinct]
                shares = [x / sum(w) for x in w] if sum(w) > 0 else [F(1, len(distinct))] * len(distinct)
            else:
                ts = touch_shares(m, touches[j], opts)
                shares = [sum((s for s, (_, c) in zip(ts, touches[j]) if c == d), F(0)) for d in distinct]
            ranks = [rank[c] for c in distinct]
            conv = allocate(cu, shares, ranks, ji)
            val = allocate(units[j], shares, ranks, ji)
            row["credits"][m] = {c: [fmt(cv, CONVERSION_DECIMALS), fmt(vv, scale)] for c, cv, vv in zip(distinct, conv, val)}
            if m != "markov":
                for c, cv, vv, s in zip(distinct, conv, val, shares):
                    expected[m][c][0] += cv
                    expected[m][c][1] += vv
                    exact[m][c] += s * units[j]
        per_journey.append(row)
    total_conv = sum(1 for j in jlabels if outcome[j][1]) * one
    total_units = sum(units.values())
    if "markov" in models and eff_total > 0:
        shares = [eff[c] / eff_total for c in channels]
        convs = allocate(total_conv, shares, list(range(len(channels))), 0)
        vals = allocate(total_units, shares, list(range(len(channels))), 0)
        for c, cv, vv, s in zip(channels, convs, vals, shares):
            expected["markov"][c] = [cv, vv]
            exact["markov"][c] = s * total_units
    if "shapley" in models:
        phi = shapley_by_coalitions(channels, [(set(c for _, c in touches[j]), F(units[j])) for j in jlabels], None)
        for c in channels:
            assert abs(phi[c] - exact["shapley"][c]) < 1e-30, "closed form = coalition enumeration"
            exact["shapley"][c] = phi[c]
    out = dict(case)
    out["channels"] = channels
    out["journeys"] = jlabels
    out["scale"] = scale
    out["expected"] = {m: {c: [fmt(cv, CONVERSION_DECIMALS), fmt(vv, scale)] for c, (cv, vv) in expected[m].items()} for m in models}
    out["exact_value"] = {m: {c: float(x / 10**scale) for c, x in exact[m].items()} for m in models}
    out["conversion_probability"] = float(p)
    out["removal_effects"] = {c: float(e) for c, e in eff.items()}
    out["per_journey"] = per_journey
    return out


def fmt(units, scale):
    from decimal import Decimal

    return str(Decimal(units).scaleb(-scale))


def random_case(seed, n_channels, n_journeys):
    rng = random.Random(seed)
    chans = ["direct"] + [f"ch{i:02d}" for i in range(1, n_channels)]
    tps, outs = [], []
    for j in range(n_journeys):
        label = f"j{j:03d}"
        k = rng.randint(1, 6)
        day = 0
        for _ in range(k):
            day += rng.choice([0, 7, 14])  # whole half-lives (ties allowed)
            tps.append([label, day, rng.choice(chans), None])
        conv = rng.random() < 0.6
        outs.append([label, conv, f"{rng.randint(1, 99999) / 100:.2f}" if conv else "0", None])
    rng.shuffle(tps)
    return {"name": f"random_{seed}", "touchpoints": tps, "outcomes": outs}


CASES = [
    {
        "name": "three_channel_hand",
        "touchpoints": [
            ["j1", 0, "ads", "1.50"], ["j1", 7, "email", "0.10"], ["j1", 14, "direct", None],
            ["j2", 0, "ads", "1.50"], ["j2", 7, "direct", None],
            ["j3", 0, "email", "0.10"],
            ["j4", 0, "ads", "1.50"], ["j4", 7, "email", "0.10"],
            ["j5", 0, "direct", None],
        ],
        "outcomes": [["j1", True, "100.00", 14], ["j2", True, "50.00", None], ["j3", True, "30.00", None],
                     ["j4", False, "0", None], ["j5", True, "20.00", None]],
        "costs": [["ads", "100"]],
    },
    {
        # Puzyrov (2019), "Markov Chain Attribution - Simple Explanation of Removal Effect": removal effects
        # 0.75 (google ads) and 0.5 (mailing), so 4 conversions split 2.4 / 1.6.
        "name": "puzyrov_2019",
        "touchpoints": [["a", 0, "google_ads", None], ["b", 0, "google_ads", None], ["c", 0, "mailing", None],
                        ["d", 0, "google_ads", None], ["d", 7, "mailing", None], ["e", 0, "google_ads", None]],
        "outcomes": [["a", True, "10", None], ["b", True, "10", None], ["c", True, "10", None],
                     ["d", True, "10", None], ["e", False, "0", None]],
    },
    {
        "name": "options_and_fine_scale",
        "options": {"direct_channel": "(none)", "half_life_days": 3.5, "first_share": "0.3", "last_share": "0.5", "decimals": 0},
        "touchpoints": [["x", 0, "(none)", None], ["x", 3.5, "search", None], ["x", 7, "social", None], ["x", 7, "(none)", None],
                        ["y", 0, "search", None], ["y", 1.75 * 4, "social", None],
                        ["z", 0, "(none)", None], ["z", 3.5, "(none)", None]],
        "outcomes": [["x", True, "99.999", None], ["y", True, "1", None], ["z", True, "7", None]],
    },
    random_case(1, 5, 40),
    random_case(2, 8, 60),
]

ERRORS = [
    {"name": "nan_timestamp", "touchpoints": [["a", "NaN", "ads", None]], "outcomes": [["a", True, "1", None]],
     "error": {"kind": "not_finite", "field": "touchpoints.timestamp", "row": 0}},
    {"name": "touch_after_conversion", "touchpoints": [["a", 0, "ads", None], ["a", 9, "email", None]],
     "outcomes": [["a", True, "1", 5]], "error": {"kind": "invalid_input", "field": "touchpoints.timestamp", "row": 1}},
    {"name": "no_touchpoints", "touchpoints": [["a", 0, "ads", None]], "outcomes": [["a", True, "1", None], ["b", False, "0", None]],
     "error": {"kind": "invalid_input", "field": "outcomes.journey", "row": 1}},
    {"name": "negative_value", "touchpoints": [["a", 0, "ads", None]], "outcomes": [["a", True, "-1", None]],
     "error": {"kind": "invalid_input", "field": "outcomes.value", "row": 0}},
    {"name": "value_without_conversion", "touchpoints": [["a", 0, "ads", None]], "outcomes": [["a", False, "5", None]],
     "error": {"kind": "invalid_input", "field": "outcomes.value", "row": 0}},
    {"name": "negative_cost", "touchpoints": [["a", 0, "ads", None], ["a", 1, "ads", "-2"]], "outcomes": [["a", True, "1", None]],
     "error": {"kind": "invalid_input", "field": "touchpoints.cost", "row": 1}},
    {"name": "unknown_channel_in_costs", "touchpoints": [["a", 0, "ads", None]], "outcomes": [["a", True, "1", None]],
     "costs": [["ads", "5"], ["tv", "100"]], "error": {"kind": "invalid_input", "field": "costs.channel", "row": 1}},
    {"name": "duplicate_outcome", "touchpoints": [["a", 0, "ads", None]], "outcomes": [["a", True, "1", None], ["a", True, "2", None]],
     "error": {"kind": "invalid_input", "field": "outcomes.journey", "row": 1}},
    {"name": "journey_without_outcome", "touchpoints": [["a", 0, "ads", None], ["b", 0, "ads", None]], "outcomes": [["a", True, "1", None]],
     "error": {"kind": "invalid_input", "field": "touchpoints.journey", "row": 1}},
]


def main():
    out = {"cases": [run_case(c) for c in CASES], "errors": ERRORS}
    path = Path(__file__).with_name("attribution.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
