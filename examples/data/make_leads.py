"""Writes examples/data/leads.csv: a deterministic synthetic table of 2,003 B2B leads.

Conversion follows a logistic model of the engagement signals (pricing-page visits, webinar attendance, email
opens, recency of engagement, company size and channel), so a lead scorer has something to learn. Customer LTV
and days to close depend on company size. The channel "podcast" is tiny on purpose: 3 leads, 1 sale.

Run: python examples/data/make_leads.py  (numpy only; seed 20261122, so the output never changes)
"""

from __future__ import annotations

import csv
import pathlib

import numpy as np

SEED = 20261122
N = 2_000
OUT = pathlib.Path(__file__).with_name("leads.csv")

CHANNELS = {
    # name: (share, cost-per-lead mean, logit offset, campaigns)
    "organic_search": (0.30, 40.0, 0.0, ["seo_blog", "seo_guides"]),
    "paid_search": (0.25, 180.0, -0.3, ["brand_ppc", "generic_ppc"]),
    "display_ads": (0.15, 60.0, -2.0, ["retargeting", "prospecting"]),
    "events": (0.12, 450.0, 0.6, ["saastr_booth", "roadshow"]),
    "referral": (0.10, 90.0, 0.9, ["customer_referral"]),
    "partner": (0.08, 250.0, 0.4, ["reseller_q1", "reseller_q3"]),
}
SIZES = ["smb", "mid_market", "enterprise"]
INDUSTRIES = ["software", "healthcare", "finance", "manufacturing", "retail"]


def main() -> None:
    rng = np.random.default_rng(SEED)
    names = list(CHANNELS)
    shares = np.array([CHANNELS[c][0] for c in names])
    channel = rng.choice(names, size=N, p=shares / shares.sum())
    campaign = np.array([rng.choice(CHANNELS[c][3]) for c in channel])
    size = rng.choice(SIZES, size=N, p=[0.6, 0.3, 0.1])
    industry = rng.choice(INDUSTRIES, size=N)
    created = np.datetime64("2025-01-01") + rng.integers(0, 540, size=N).astype("timedelta64[D]")
    pricing = rng.poisson(1.2, size=N)
    webinar = (rng.random(N) < 0.25).astype(int)
    opens = rng.poisson(4.0, size=N)
    since = np.minimum(rng.exponential(70.0, size=N).round(), 400).astype(int)
    size_effect = np.select([size == "smb", size == "mid_market"], [0.0, -0.4], -0.9)
    offset = np.array([CHANNELS[c][2] for c in channel])
    logit = -3.6 + 0.55 * pricing + 1.1 * webinar + 0.12 * opens - 0.012 * since + size_effect + offset
    converted = (rng.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype(int)
    ltv_mean = np.select([size == "smb", size == "mid_market"], [9_000.0, 45_000.0], 160_000.0)
    customer_ltv = np.round(ltv_mean * rng.lognormal(0.0, 0.35, size=N), 2)
    close_mean = np.select([size == "smb", size == "mid_market"], [35.0, 90.0], 240.0)
    days_to_close = np.maximum(1, rng.gamma(4.0, close_mean / 4.0, size=N).round()).astype(int)
    cpl = np.array([CHANNELS[c][1] for c in channel]) * rng.uniform(0.7, 1.3, size=N)
    account = rng.integers(1, 1_300, size=N)

    rows = []
    for i in range(N):
        rows.append(
            {
                "lead_id": f"L{i + 1:05d}",
                "account_id": f"A{account[i]:04d}",
                "channel": channel[i],
                "campaign": campaign[i],
                "created": str(created[i]),
                "converted": int(converted[i]),
                "customer_ltv": f"{customer_ltv[i]:.2f}" if converted[i] else "",
                "cost_per_lead": f"{cpl[i]:.2f}",
                "days_to_close": str(days_to_close[i]) if converted[i] else "",
                "days_since_engagement": int(since[i]),
                "pricing_page_visits": int(pricing[i]),
                "webinar_attended": int(webinar[i]),
                "email_opens": int(opens[i]),
                "company_size": size[i],
                "industry": industry[i],
            }
        )
    # The tiny channel: 3 leads, 1 sale (its raw 33 % must not be taken at face value).
    for j, won in enumerate([1, 0, 0]):
        rows.append(
            {
                "lead_id": f"L{N + j + 1:05d}",
                "account_id": f"A{1_300 + j:04d}",
                "channel": "podcast",
                "campaign": "founder_podcast",
                "created": f"2026-0{3 + j}-15",
                "converted": won,
                "customer_ltv": "12000.00" if won else "",
                "cost_per_lead": "120.00",
                "days_to_close": "45" if won else "",
                "days_since_engagement": 20 + 30 * j,
                "pricing_page_visits": 3 - j,
                "webinar_attended": 1 - min(j, 1),
                "email_opens": 6 - j,
                "company_size": "smb",
                "industry": "software",
            }
        )
    with OUT.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
