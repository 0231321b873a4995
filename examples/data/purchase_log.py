"""A CDNOW-like transaction log the project generates itself (seeded): 2,357 customers whose first purchases
fall in the first 12 weeks of 1997, observed to 1997-09-30, purchasing and dropping out as the BG/NBD with
Fader, Hardie & Lee's (2005) CDNOW estimates says, spending as their Gamma-Gamma estimates say.

``ltv.purchase.BgNbdModel.simulate`` draws each customer's repeat purchases ``x`` and the time of the last
``t_x`` (weeks); a Poisson process with ``x`` events, the last at ``t_x``, has its other ``x - 1`` event
times uniform on ``(0, t_x)``, so those are drawn uniformly. Each customer's mean spend rate
``nu ~ Gamma(q, gamma)`` and each purchase ``z ~ Gamma(p, nu)`` (Gamma-Gamma, FHL 2005 note 025).
Used by examples/demo.py and the quickstart notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ltv.purchase import BgNbdModel

#: FHL 2005's CDNOW estimates (weeks) and their Gamma-Gamma spend estimates.
PURCHASES = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}
OBSERVATION_END = "1997-09-30"


def purchase_log(n: int = 2357, seed: int = 2) -> pd.DataFrame:
    """One row per purchase: ``customer_id``, ``date`` (a timestamp) and ``amount``."""
    first_day = np.arange(n) * 84 // n  # first purchases spread over 1997-01-01 .. 1997-03-25
    age = (272 - first_day) / 7.0  # weeks from the first purchase to 1997-09-30
    sim = BgNbdModel(**PURCHASES).simulate(age=age, seed=seed)
    x = np.asarray(sim["frequency"], dtype=np.int64)
    tx = np.asarray(sim["recency"], dtype=np.float64)
    rng = np.random.default_rng(seed)
    per_customer = x + 1
    customer = np.repeat(np.arange(n), per_customer)
    position = np.arange(customer.size) - np.repeat(np.cumsum(per_customer) - per_customer, per_customer)
    weeks = rng.uniform(size=customer.size) * tx[customer]
    weeks[position == 0] = 0.0
    last = position == x[customer]
    weeks[last & (position > 0)] = tx[customer][last & (position > 0)]
    seconds = np.round((first_day[customer] + 7.0 * weeks) * 86_400).astype("timedelta64[s]")
    nu = rng.gamma(SPEND["q"], 1.0 / SPEND["gamma"], size=n)
    amount = np.round(rng.gamma(SPEND["p"], 1.0 / nu[customer]), 2)
    return pd.DataFrame(
        {"customer_id": customer + 1, "date": np.datetime64("1997-01-01T00:00:00") + seconds, "amount": amount}
    )
