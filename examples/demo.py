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
    cohort_section()
    billing_section()
    sbg_section()
    leads_section()
    lead_scoring()
    purchase_models()
    account_health()


def billing_section() -> None:
    """A synthetic billing export (one line per invoice line) to MRR, next to the raw invoices' wrong answer."""
    import pandas as pd

    rng = np.random.default_rng(3)
    rows = []
    for c in range(300):
        start, annual = int(rng.integers(0, 12)), bool(rng.random() < 0.3)
        months = 12 if annual else int(rng.integers(1, 13 - start))
        for k in range(1 if annual else months):
            first = np.datetime64("2024-01", "M") + start + k
            rows.append({"line_id": f"il_{c}_{k}", "customer_id": f"cus_{c}", "amount": 990.0 if annual else 99.0,
                         "currency": "USD", "service_start": first.astype("datetime64[D]"),
                         "service_end": (first + (12 if annual else 1)).astype("datetime64[D]"), "kind": "charge"})
    lines = pd.DataFrame(rows)
    out = ltv.billing.normalise(lines, day_count="thirty_360")
    good = out.cohort_table().movements.set_index("period")
    raw = ltv.cohort.cohort_table(lines, period="service_start", revenue="amount").movements.set_index("period")
    print(f"\nBilling export to MRR ({len(lines):,} invoice lines, {lines['customer_id'].nunique()} customers; "
          "ltv.billing, exact to the cent)")
    print("  month     MRR  churned MRR | raw invoices: revenue  churned")
    for period in good.index[:6]:
        g, r = good.loc[period], raw.loc[period] if period in raw.index else None
        raw_figures = f"{r['ending_mrr']:>9.2f} {r['churned_mrr']:>8.2f}" if r is not None else ""
        print(f"  {str(period)[:7]} {g['ending_mrr']:>9.2f} {g['churned_mrr']:>8.2f}   | {raw_figures}")


def leads_section() -> None:
    """Lead valuation on examples/data/leads.csv: channels with shrinkage, cohorts, campaigns, one lead, an account."""
    import pathlib

    import pandas as pd

    import ltv.leads

    df = pd.read_csv(pathlib.Path(__file__).with_name("data") / "leads.csv")
    print(f"\nLeads: {len(df):,} synthetic leads (examples/data/leads.csv), channel table with shrinkage\n")
    report = ltv.leads.segment_table(df)
    cols = ["segment", "leads", "conversions", "conversion_rate", "shrunk_rate", "lead_ltv", "ltv_cpl", "bid_cap"]
    print(report.table[cols].round(4).to_string(index=False))
    for w in report.warnings:
        print(f"  warning [{w['kind']}]: {w['message']}")
    cohorts = ltv.leads.lead_cohorts(df)
    last = cohorts[cohorts.channel == "paid_search"].tail(3)
    print("\nPaid search, last three acquisition months (drift)")
    print(last[["month", "leads", "conversions", "shrunk_rate", "lead_ltv"]].round(4).to_string(index=False))
    # Each lead valued at its channel's lead LTV (a lookup, no arithmetic here).
    df["lead_value"] = report.table.set_index("segment").lead_ltv.reindex(df.channel).to_numpy()
    ranked = ltv.leads.compare_campaigns(df, value="lead_value", rank_by="value_per_cost")
    print("\nCampaigns by value per unit of cost (top 3)")
    print(ranked.head(3).round(2).to_string(index=False))
    print("\nOne lead, step by step")
    print(ltv.leads.explain_lead_value(customer_ltv=20_000, conversion_probability=0.05, months_to_close=24,
                                       days_since_engagement=30, nurture_cost=100).explain())
    account = ltv.leads.account_value(stakeholder_probabilities=[0.2, 0.3, 0.5], account_ltv=100_000,
                                      months_to_close=6, days_since_engagement=10)
    row("Account value (3 stakeholders, x 1.2 committee)", account.value.quantize(CENT))
    row("Naive sum of the stakeholders' lead values", account.naive_sum.quantize(CENT))


def sbg_section() -> None:
    """The sBG retention model: Fader & Hardie's (2007) cohorts fitted, the DERL table (2010) and a cohort LTV."""
    from ltv.retention import SbgFit, SbgModel, cohort_ltv

    print("\nsBG retention model (Fader & Hardie 2007: 1000 customers, survivors after 0..7 renewals)")
    for label, surviving in [
        ("regular", [1000, 631, 468, 382, 326, 289, 262, 241]),
        ("high end", [1000, 869, 743, 653, 593, 551, 517, 491]),
    ]:
        fit = SbgFit.fit(surviving=surviving)
        row(f"{label}: alpha, beta (log-likelihood {fit.log_likelihood:.2f})", f"{fit.alpha:.3f}, {fit.beta:.3f}")
        row(f"{label}: projected survival after 12 renewals", f"{fit.model.survival(12):.3f}")

    print("\nDERL at d = 10 % by renewals made, 0..4 (Fader & Hardie 2010, Table 3)")
    for label, alpha, beta in [("alpha 3.80, beta 15.20", 3.80, 15.20), ("alpha 1/15, beta 4/15", 1 / 15, 4 / 15)]:
        model = SbgModel(alpha=alpha, beta=beta)
        derl = [model.discounted_expected_residual_lifetime(discount_rate=0.10, n=n) for n in range(1, 6)]
        row(label, " ".join(f"{v:.2f}" for v in derl))

    print("\nCohort LTV (ARPU 100, 80 % margin, 1 %/month) next to ARPU x margin / latest churn")
    surviving = [1000, 550, 400, 340, 305, 285, 270]
    result = cohort_ltv(
        surviving_customers=surviving,
        active_customers=surviving,
        revenue=[100.0 * s for s in surviving],
        gross_margin=0.8,
        discount_rate=0.01,
    )
    row("simple: 100 x 0.8 / 5.26 % churn", ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=1 - 270 / 285).quantize(CENT))
    row("cohort: observed margin to date", f"{result.observed_value:.2f}")
    row("cohort: projected tail (sBG)", f"{result.projected_value:.2f}")
    row("cohort LTV per acquired customer", f"{result.ltv_per_customer:.2f}")


def cohort_section() -> None:
    """Cohort tables of the synthetic revenue table examples/data/revenue.csv."""
    print("\nCohorts: examples/data/revenue.csv (ltv.cohort, computed in Rust)\n")
    import pathlib

    import pandas as pd

    from ltv.cohort import cohort_table

    revenue = pd.read_csv(pathlib.Path(__file__).parent / "data" / "revenue.csv")
    cohorts = cohort_table(revenue, customer="customer_id", period="period", revenue="revenue")
    row("customers (never paid)", f"{cohorts.customers} ({cohorts.never_paying_customers})")
    grid = cohorts.pivot("logo_retention").iloc[:4, :7]
    grid.index = grid.index.strftime("%Y-%m")
    print((grid * 100).round(1).to_string())
    last = cohorts.movements.iloc[-1]
    row("last month NRR / GRR", f"{last.net_revenue_retention:.3f} / {last.gross_revenue_retention:.3f}")
    row("last month quick ratio / logo churn", f"{last.quick_ratio:.3f} / {last.logo_churn_rate:.3f}")
    ltv12 = cohorts.realised_ltv(gross_margin=0.8, periods=12)
    row("12-month realised LTV, first cohort", f"{ltv12.ltv.iloc[0]:,.2f}")
    payback = cohorts.payback(gross_margin=0.8, cac=300)
    row("cohorts that paid back a CAC of 300", f"{int(payback.payback_age.notna().sum())} of {len(payback)}")
    valued = ltv.retention.cohort_ltv_frame(cohorts.table, gross_margin=0.8, model="pooled")
    row("sBG fitted on all cohorts together: alpha, beta", f"{valued.alpha.iloc[0]:.3f}, {valued.beta.iloc[0]:.3f}")
    print("  cohort LTV per acquired customer (80 % margin, 10 %/yr): observed margin + sBG tail")
    for r in valued.head(3).itertuples():
        print(f"    {r.cohort:%Y-%m}  {r.ltv_per_customer:9,.2f} = {r.observed_value:,.2f} + {r.projected_value:,.2f}")


def _leads_table() -> "pd.DataFrame":
    """The synthetic lead table (examples/data/make_leads.py)."""
    import pathlib

    import pandas as pd

    return pd.read_csv(pathlib.Path(__file__).resolve().parent / "data" / "leads.csv")


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


def purchase_models() -> None:
    """Purchase models on a CDNOW-like log the project simulates: RFM summary, BG/NBD + Gamma-Gamma, value."""
    import pathlib
    import sys

    from ltv.purchase import BgNbdFit, GammaGammaFit, customer_value, rfm_summary

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "data"))
    from purchase_log import OBSERVATION_END, PURCHASES, SPEND, purchase_log

    log = purchase_log()
    summary = rfm_summary(log, value="amount", unit="week", fractional=True, observation_end=OBSERVATION_END)
    customers = f"{len(summary):,} customers, weeks, to {OBSERVATION_END}"
    print(f"\nPurchase models ({len(log):,} simulated purchases by {customers})")
    fit = BgNbdFit.fit(summary)
    spend = GammaGammaFit.fit(summary[summary["frequency"] > 0])
    for label, got, truth in [("BG/NBD", fit.params, PURCHASES), ("Gamma-Gamma", spend.params, SPEND)]:
        print(f"  {label} fit (simulated from): " + ", ".join(f"{k} {got[k]:.3f} ({truth[k]:g})" for k in truth))
    row("BG/NBD log-likelihood", f"{fit.log_likelihood:.1f}")
    # The busiest customer, a frequent buyer gone quiet (the earliest last purchase among 4+), a one-time buyer.
    frequent = summary[summary["frequency"] >= 4]
    ids = [summary["frequency"].idxmax(), frequent["recency"].idxmin(), summary.index[summary["frequency"] == 0][0]]
    sample = summary.loc[ids].copy()
    sample["p_alive"] = fit.probability_alive(sample)
    sample["value_12m"] = customer_value(fit, sample, spend_model=spend, horizon_months=12, time_unit="week")
    print("  customer  frequency  recency    age  mean spend  P(alive)  12-month value (1 %/month)")
    for cid, r in sample.iterrows():
        print(f"  {cid:>8} {r['frequency']:>10.0f} {r['recency']:>8.1f} {r['age']:>6.1f} {r['monetary_value']:>11.2f}"
              f" {r['p_alive']:>9.3f} {r['value_12m']:>12.2f}")


def account_health() -> None:
    """Account health on a synthetic panel with a planted engagement drop: lift, holdout, value at risk."""
    import pandas as pd

    import ltv.health as health

    panel = health.synthetic_panel(accounts=4000, periods=12, seed=11)
    f = health.features(panel, metrics=["logins", "seats"], horizon=2, window=2)
    print(f"\nAccount health ({panel['account'].nunique():,} accounts x 12 months, planted engagement drop)")
    lift = health.lift_table(f[f.label_known], feature="logins_change", edges=[0.6], reference=1)
    r = lift.loc[0]
    row("logins fell 40 %+ in 2 months: churn within 2 months", f"x{r['ratio']:.1f} (95 % CI {r['ratio_low']:.1f} to {r['ratio_high']:.1f})")
    model = health.fit(f, cut=9)
    ev = model.evaluate(f, cut=9)
    row("hazard model, holdout from month 9: AUC / log loss", f"{ev.auc:.3f} / {ev.log_loss:.3f}")
    f["p_churn"], f["hazard"] = model.churn_probability(f), model.hazard(f)
    now = f[f.period == 12].copy()
    values = health.risk_adjusted_ltv(now, revenue="revenue", discount_rate=0.01)
    simple = ltv.vec.discounted_ltv(monthly_margin=now["revenue"], monthly_churn=float(now["hazard"].mean()),
                                    monthly_discount_rate=0.01).sum()
    row("risk-adjusted LTV of active accounts (1 %/month)", f"{values['ltv'].sum():,.0f} (one average hazard: {simple:,.0f})")
    bands = health.value_at_risk(now, revenue="revenue", edges=[0.1, 0.3], reduction=0.2, discount_rate=0.01)
    print("  band (P churn 2 months)  accounts      MRR  MRR at risk  value of 20 % less risk")
    for _, b in bands.iterrows():
        lo, hi = (0.0 if pd.isna(b["lower"]) else b["lower"]), (1.0 if pd.isna(b["upper"]) else b["upper"])
        label = f"{lo:.1f} to {hi:.1f}"
        print(f"  {label:>22} {b['accounts']:>9.0f} {b['mrr']:>8,.0f} {b['mrr_at_risk']:>12,.0f} {b['value_of_reduction']:>24,.0f}")


if __name__ == "__main__":
    main()
