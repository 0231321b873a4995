"""Writes roas.json: channel ROAS / payback vectors, computed with Python's decimal (28 digits) as the oracle,
independent of ltv-core. Read by crates/ltv-core/tests/channels_vectors.rs and tests/python/test_channels.py.

Run: python3 tests/vectors/channels/generate.py
"""

import json
import random
from decimal import Decimal, getcontext
from pathlib import Path

getcontext().prec = 28
PLACES = 12


def q(x):
    return None if x is None else format(x.quantize(Decimal(1).scaleb(-PLACES)).normalize(), "f")


def expected(labels, spend, customers, margins, short_below, ltv_at_least):
    acc = {i: {"spend": Decimal(0), "n": 0, "short": Decimal(0), "ltv": Decimal(0), "m": {}, "seen": False}
           for i in range(len(labels))}
    for c, s in spend:
        acc[c]["spend"] += Decimal(s)
        acc[c]["seen"] = True
    for c, short, ltv in customers:
        a = acc[c]
        a["n"] += 1
        a["short"] += Decimal(short)
        a["ltv"] += Decimal(ltv)
        a["seen"] = True
    for c, month, m in margins:
        acc[c]["m"][month] = acc[c]["m"].get(month, Decimal(0)) + Decimal(m)
    rows = []
    for i, label in enumerate(labels):
        a = acc[i]
        if not a["seen"]:
            continue
        sp = a["spend"]
        short_roas = a["short"] / sp if sp > 0 else None
        ltv_roas = a["ltv"] / sp if sp > 0 else None
        if sp <= 0:
            payback = 0
        else:
            payback, total = None, Decimal(0)
            for month in range(1, max(a["m"], default=0) + 1):
                total += a["m"].get(month, Decimal(0))
                if total >= sp:
                    payback = month
                    break
        flag = short_roas is not None and short_roas < Decimal(short_below) and ltv_roas >= Decimal(ltv_at_least)
        rows.append({"channel": label, "customers": a["n"], "spend": q(sp), "short_window_revenue": q(a["short"]),
                     "lifetime_value": q(a["ltv"]), "short_roas": q(short_roas), "ltv_roas": q(ltv_roas),
                     "payback_month": payback, "undervalued_short_term": flag})
    return rows


def money(rng):
    return str(Decimal(rng.randint(0, 500_000)) / 100)


def main():
    rng = random.Random(14)
    cases = []
    for n in range(12):
        labels = [f"ch{i}" for i in range(rng.randint(1, 5))]
        k = len(labels)
        spend = [(rng.randrange(k), money(rng) if rng.random() > 0.1 else "0") for _ in range(rng.randint(0, 6))]
        customers = [(rng.randrange(k), money(rng), str(Decimal(rng.randint(0, 5_000_000)) / 100))
                     for _ in range(rng.randint(0 if spend else 1, 10))]
        margins = [(rng.randrange(k), rng.randint(1, 36), str(Decimal(rng.randint(-2_000, 60_000)) / 100))
                   for _ in range(rng.randint(0, 30))]
        short_below, ltv_at_least = rng.choice([("1", "3"), ("0.5", "2"), ("2", "1.5")])
        cases.append({
            "name": f"random_{n}",
            "labels": labels,
            "spend": [{"channel": c, "spend": s} for c, s in spend],
            "customers": [{"channel": c, "short_window_revenue": s, "lifetime_value": v} for c, s, v in customers],
            "margins": [{"channel": c, "month": m, "margin": v} for c, m, v in margins],
            "short_roas_below": short_below,
            "ltv_roas_at_least": ltv_at_least,
            "places": PLACES,
            "expected": expected(labels, spend, customers, margins, short_below, ltv_at_least),
        })
    out = Path(__file__).with_name("roas.json")
    out.write_text(json.dumps({"family": "channels.roas", "oracle": "Python decimal, 28 digits", "cases": cases},
                              indent=1) + "\n")


if __name__ == "__main__":
    main()
