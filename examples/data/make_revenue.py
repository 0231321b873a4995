"""Writes examples/data/revenue.csv: a deterministic synthetic SaaS revenue table for the cohort demos.

About 300 customers over 18 months (2024-01 to 2025-06), one row per customer and paying month
(``customer_id,period,revenue``). Heavy early churn (25 % after the first month, 15 % after the second, then 8 %
and 4 % a month), 6 % a month upgrade by half their plan, 4 % a month downgrade, a churned customer comes back
with 3 % a month, and about 3 % of sign-ups never pay (a single 0 row: a free trial). Fixed seed (numpy
default_rng(2024)), so the file is the same on every run: ``python examples/data/make_revenue.py``.
"""

from __future__ import annotations

import csv
import pathlib

import numpy as np

SEED = 2024
CUSTOMERS = 300
MONTHS = 18
PLANS = np.array([49.0, 99.0, 299.0])
PLAN_WEIGHTS = np.array([0.55, 0.35, 0.10])


def churn_hazard(age: int) -> float:
    """Probability of churning after ``age`` paid months (heavy early churn)."""
    return {1: 0.25, 2: 0.15, 3: 0.08}.get(age, 0.04)


def generate(seed: int = SEED) -> list[tuple[str, str, float]]:
    rng = np.random.default_rng(seed)
    rows: list[tuple[str, str, float]] = []
    for i in range(CUSTOMERS):
        customer = f"cus_{i:04d}"
        start = int(rng.integers(0, MONTHS))
        if rng.random() < 0.03:
            rows.append((customer, _month(start), 0.0))  # a free trial that never converts
            continue
        mrr = float(rng.choice(PLANS, p=PLAN_WEIGHTS))
        active, paid = True, 0
        for month in range(start, MONTHS):
            if active:
                rows.append((customer, _month(month), round(mrr, 2)))
                paid += 1
                if rng.random() < churn_hazard(paid):
                    active = False
                    continue
                change = rng.random()
                if change < 0.06:
                    mrr *= 1.5
                elif change < 0.10:
                    mrr = max(19.0, mrr * 0.7)
            elif rng.random() < 0.03:
                active, paid = True, 0  # reactivation: pays again from the next month
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows


def _month(offset: int) -> str:
    year, month = divmod(2024 * 12 + offset, 12)
    return f"{year:04d}-{month + 1:02d}"


def main() -> None:
    path = pathlib.Path(__file__).with_name("revenue.csv")
    with path.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["customer_id", "period", "revenue"])
        for customer, period, revenue in generate():
            writer.writerow([customer, period, f"{revenue:.2f}"])
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
