"""The main job in Python: the same unit-economics report through the `ltv` package, then a synthetic
customer table valued over columns with `ltv.vec`.

Run with `.venv/bin/python examples/demo.py` (the README's first command does).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

import ltv

CENT = Decimal("0.01")


def row(label: str, value: object) -> None:
    print(f"  {label:<58} {value!s:>14}")


def main() -> None:
    print(f"ltv {ltv.__version__} — unit economics report (Python, exact decimal)\n")

    print("Customer LTV")
    row("SaaS LTV: EUR 500 ARPU x 80 % margin / 3 % churn", ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03).quantize(CENT))
    row("  ... at 1.5 % churn", ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.015).quantize(CENT))
    row("Subscription LTV: $1,000/month x 24 months", ltv.subscription_ltv(average_monthly_revenue=1000, lifespan_months=24))

    print("\nDiscounted LTV (m = 80/month, churn 5 %, 10 %/yr)")
    for timing in ("start_of_period", "end_of_period", "end_of_period_survivors"):
        value = ltv.discounted_ltv(monthly_margin=80, monthly_churn=0.05, annual_discount_rate=0.10, timing=timing)
        row(timing, value.quantize(CENT))
    nrr_churn = ltv.monthly_churn_from_annual(annual_churn=-0.2, churn_basis="net_revenue")
    five_years = ltv.discounted_ltv(
        monthly_margin=80, monthly_churn=nrr_churn, churn_basis="net_revenue", annual_discount_rate=0.10, horizon_months=60
    )
    row("NRR 120 %/yr over a 60-month horizon", five_years.quantize(CENT))

    print("\nUnit economics")
    row("Max CAC for LTV 13,333.33 at 3:1", ltv.max_cac(ltv="13333.33", target_ratio=3).quantize(CENT))
    print(f"  {ltv.ltv_cac_ratio(ltv='13333.33', cac=4000)!r}")
    print(f"  {ltv.cac_payback_months(cac=770_000, arpu=100_000, gross_margin=0.70)!r}")

    print("\nLeads")
    row("Lead LTV: $20,000 x 5 %", ltv.lead_ltv(customer_ltv=20_000, conversion_rate=0.05))
    row("Lead LTV: $50,000 x 3 %", ltv.lead_ltv(customer_ltv=50_000, conversion_rate=0.03))
    row("Campaign A: 100 leads x $50", ltv.campaign_value(leads=100, lead_ltv=50))
    row("Campaign B: 20 leads x $500", ltv.campaign_value(leads=20, lead_ltv=500))

    print("\nMRR movements (start 100, churned 10, contraction 10, expansion 10)")
    mrr = ltv.MrrMovements(starting_mrr=100, churned=10, contraction=10, expansion=10)
    row("Gross / net MRR churn", f"{mrr.gross_mrr_churn()} / {mrr.net_mrr_churn()}")

    print("\nErrors, never silent infinities")
    for churn in (3, 0):
        try:
            ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=churn)
        except ltv.LtvError as err:
            print(f"  {type(err).__name__}: {err}")

    print("\nA synthetic customer table (10,000 customers, seed 7), valued over columns\n")
    rng = np.random.default_rng(7)
    n = 10_000
    arpu = rng.choice([49.0, 199.0, 999.0], size=n, p=[0.6, 0.3, 0.1])
    churn = rng.uniform(0.01, 0.08, size=n)
    churn[123] = 0.0  # a bad row: zero churn cannot be valued
    values = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.78, monthly_churn=churn, errors="nan")
    cac = arpu * rng.uniform(4.0, 14.0, size=n)
    ratio = ltv.vec.ltv_cac_ratio(ltv=values, cac=cac, errors="nan")
    bands = ltv.vec.ltv_cac_band(ratio=ratio, errors="nan")
    row("rows that could not be valued (errors='nan')", int(np.isnan(values).sum()))
    row("median SaaS LTV", f"{np.nanmedian(values):,.2f}")
    for band in ("overspending", "healthy", "under_investing"):
        row(f"customers with LTV:CAC {band}", int((bands == band).sum()))


def _leads_table():  # -> pandas.DataFrame
    """examples/data/leads.csv if it is there, else a small deterministic table with the same columns."""
    import pathlib

    import pandas as pd

    path = pathlib.Path(__file__).resolve().parent / "data" / "leads.csv"
    if path.is_file():
        return pd.read_csv(path)
    rng = np.random.default_rng(2026)
    n = 5_000
    channel = rng.choice(["organic", "paid_search", "referral", "events"], n)
    size = rng.choice(["smb", "mid_market", "enterprise"], n, p=[0.6, 0.3, 0.1])
    industry = rng.choice(["software", "retail", "finance", "health"], n)
    visits = rng.poisson(2.0, n)
    webinar = (rng.random(n) < 0.25).astype(int)
    opens = rng.poisson(6.0, n)
    days_since = rng.integers(0, 240, n)
    eta = (
        -3.0 + 0.45 * visits + 1.0 * webinar + 0.05 * opens - 0.008 * days_since
        + np.select([size == "enterprise", size == "mid_market"], [1.0, 0.4], 0.0)
        + np.where(channel == "referral", 0.7, 0.0)
    )
    converted = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    base_ltv = np.select([size == "enterprise", size == "mid_market"], [60_000.0, 18_000.0], 6_000.0)
    customer_ltv = np.where(converted == 1, np.round(base_ltv * rng.uniform(0.6, 1.4, n), 2), np.nan)
    return pd.DataFrame(
        {
            "lead_id": np.arange(1, n + 1),
            "channel": channel,
            "company_size": size,
            "industry": industry,
            "converted": converted,
            "customer_ltv": customer_ltv,
            "days_since_engagement": days_since,
            "pricing_page_visits": visits,
            "webinar_attended": webinar,
            "email_opens": opens,
        }
    )


def lead_scoring() -> None:
    """Predictive lead scoring: train on 75 % of the leads, check on the holdout, value the leads."""
    import ltv.scoring

    leads = _leads_table()
    print(f"\nPredictive lead scoring ({len(leads):,} leads, logistic regression, C = 1)")
    train, test = ltv.scoring.train_test_split(leads, test_size=0.25, seed=7)
    scorer = ltv.scoring.LeadScorer.fit(
        train,
        target="converted",
        numeric=["pricing_page_visits", "webinar_attended", "email_opens", "days_since_engagement"],
        categorical=["channel", "company_size", "industry"],
        c=1.0,
    )
    row("Newton steps to converge", scorer.training["iterations"])
    evaluation = scorer.evaluate(test)
    row("Holdout AUC", f"{evaluation.auc:.3f}")
    row("Holdout log loss", f"{evaluation.log_loss:.3f}")
    print("  Calibration (deciles of predicted P): mean predicted vs observed conversion")
    for b, r in evaluation.calibration.iterrows():
        print(f"    decile {b + 1:>2}: {r['mean_predicted']:6.1%} predicted, {r['observed_rate']:6.1%} observed ({int(r['count'])} leads)")
    print("  Strongest signals (per standard deviation / category)")
    top = scorer.coefficients.reindex(scorer.coefficients["coefficient"].abs().sort_values(ascending=False).index)
    for name, r in top.head(5).iterrows():
        row(f"    {name}", f"{r['coefficient']:+.3f}")

    # Customer LTV of a lead: the mean LTV of the training leads that converted, by company size.
    segment_ltv = train[train["converted"] == 1].groupby("company_size")["customer_ltv"].mean()
    lead = test.iloc[[0, 0]].copy()
    lead["pricing_page_visits"] = [0, 5]
    lead["webinar_attended"] = [0, 1]
    lead["days_since_engagement"] = [60, 2]
    values = scorer.lead_values(lead, customer_ltv=lead["company_size"].map(segment_ltv).to_numpy())
    p = scorer.predict_proba(lead)
    size = lead["company_size"].iloc[0]
    print(f"  One {size} lead (customer LTV {segment_ltv[size]:,.0f}) before and after its signals change")
    row("    cold: 0 pricing visits, no webinar, 60 days quiet", f"P {p.iloc[0]:.1%}, {values.iloc[0]:,.0f}")
    row("    warm: 5 pricing visits, webinar, engaged 2 days ago", f"P {p.iloc[1]:.1%}, {values.iloc[1]:,.0f}")
    back = ltv.scoring.LeadScorer.from_json(scorer.to_json())
    row("JSON model file round trip scores identically", bool((back.predict_proba(test) == scorer.predict_proba(test)).all()))


if __name__ == "__main__":
    main()
    lead_scoring()
