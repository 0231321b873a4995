//! `cargo run -p ltv-demo`: a unit-economics report of the worked examples, exact to the cent.

mod billing;
mod cohort;
mod health;
mod leads;
mod purchase;
mod sbg;
mod scorer;

use ltv_core::{
    Churn, ChurnBasis, Days, Decimal, DiscountRate, Fraction, HealthBands, LeadRules, LtvError, Money, Months,
    MrrMovements, PaymentTiming, Period, Ratio, bid_cap, cac_payback_months, campaign_value, discounted_ltv, lead_ltv,
    lead_value, ltv_cac_ratio, max_cac, saas_ltv, subscription_ltv,
};

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

fn money(s: &str) -> Result<Money, LtvError> {
    Money::new(d(s))
}

fn row(label: &str, value: impl std::fmt::Display) {
    println!("  {label:<58} {value:>14}");
}

fn cents(v: Decimal) -> Decimal {
    v.round_dp(2)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("ltv {} — unit economics report (Rust, exact decimal)\n", env!("CARGO_PKG_VERSION"));

    println!("Customer LTV");
    let arpu = money("500")?;
    let margin = Fraction::new(d("0.80"))?;
    let ltv = saas_ltv(arpu, margin, Churn::monthly(d("0.03"))?)?;
    row("SaaS LTV: EUR 500 ARPU x 80 % margin / 3 % churn", cents(ltv));
    row("  ... at 1.5 % churn", cents(saas_ltv(arpu, margin, Churn::monthly(d("0.015"))?)?));
    row("Subscription LTV: $1,000/month x 24 months", subscription_ltv(money("1000")?, Months::new(d("24"))?)?);

    println!("\nDiscounted LTV (m = 80/month, churn 5 %, 10 %/yr = 0.797414 %/month)");
    let m = money("80")?;
    let c = Churn::monthly(d("0.05"))?;
    let rate = DiscountRate::annual(d("0.10"))?;
    for (label, timing) in [
        ("start of period, m(1+d)/(c+d)", PaymentTiming::StartOfPeriod),
        ("end of period, m/(c+d)", PaymentTiming::EndOfPeriod),
        ("end of period, survivors only, m(1-c)/(c+d)", PaymentTiming::EndOfPeriodSurvivors),
    ] {
        row(label, cents(discounted_ltv(m, c, rate, timing, None)?));
    }
    let nrr = Churn::new(d("-0.2"), Period::Annual, ChurnBasis::NetRevenue)?;
    row(
        "NRR 120 %/yr over a 60-month horizon",
        cents(discounted_ltv(m, nrr, rate, PaymentTiming::StartOfPeriod, Some(60))?),
    );
    match discounted_ltv(m, nrr, rate, PaymentTiming::StartOfPeriod, None) {
        Err(e) => println!("  NRR 120 %/yr with no horizon: error ({})", e.kind()),
        Ok(v) => row("NRR 120 %/yr with no horizon", v),
    }

    println!("\nUnit economics");
    let ltv_13k = money("13333.33")?;
    let cac = max_cac(ltv_13k, Ratio::new(d("3"))?)?;
    row("Max CAC for LTV 13,333.33 at 3:1", cents(cac));
    let ratio = ltv_cac_ratio(ltv_13k, money("4000")?, HealthBands::default())?;
    row(&format!("LTV:CAC at CAC 4,000 ({})", ratio.band.as_str()), ratio.ratio.round_dp(2));
    let payback =
        cac_payback_months(money("770000")?, money("100000")?, Fraction::new(d("0.70"))?, Months::new(d("18"))?)?;
    row(
        &format!("CAC payback months: 770,000 / (100,000 x 70 %), <= 18: {}", payback.meets_target),
        payback.months.normalize(),
    );

    println!("\nLeads");
    row("Lead LTV: $20,000 x 5 %", lead_ltv(money("20000")?, Fraction::new(d("0.05"))?)?);
    let lead = lead_ltv(money("50000")?, Fraction::new(d("0.03"))?)?;
    row("Lead LTV: $50,000 x 3 %", lead);
    row("Bid cap at 3:1", bid_cap(Money::new(lead)?, Ratio::new(d("3"))?)?);
    let rules = LeadRules::default();
    let late =
        lead_value(money("50000")?, Fraction::new(d("0.03"))?, Months::new(d("24"))?, Days::new(d("10"))?, rules)?;
    row("Lead closing in 24 months, discounted at 10 %/yr", cents(late));
    let zombie =
        lead_value(money("50000")?, Fraction::new(d("0.03"))?, Months::new(d("3"))?, Days::new(d("200"))?, rules)?;
    row("Lead with no engagement for 200 days (zombie)", zombie);
    row("Campaign A: 100 leads x $50", campaign_value(100, money("50")?)?);
    row("Campaign B: 20 leads x $500", campaign_value(20, money("500")?)?);
    leads::report()?;

    println!("\nMRR movements (start 100, churned 10, contraction 10, expansion 10)");
    let mv = MrrMovements::new(money("100")?, money("0")?, money("10")?, money("10")?, money("10")?, money("0")?)?;
    row("Gross MRR churn", mv.gross_mrr_churn()?);
    row("Net MRR churn", mv.net_mrr_churn()?);
    row("Net revenue retention", mv.net_revenue_retention()?);
    row("Gross revenue retention", mv.gross_revenue_retention()?);

    println!("\nErrors, never silent infinities");
    for (label, churn) in [("churn typed as 3 instead of 0.03", "3"), ("zero churn", "0")] {
        let err = Churn::monthly(d(churn)).and_then(|c| saas_ltv(arpu, margin, c));
        if let Err(e) = err {
            println!("  {label}: {e}");
        }
    }
    cohort::report()?;
    billing::report();
    sbg::report();

    scorer::report()?;
    purchase::report();
    health::report()?;
    Ok(())
}
