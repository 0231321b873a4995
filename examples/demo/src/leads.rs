//! Lead valuation on the synthetic lead table (examples/data/leads.csv, parsed with std only): the channel
//! table with shrinkage and its warnings, one lead explained, and an account against the naive sum.

use ltv_core::{
    AccountRules, Days, Decimal, Fraction, LeadObservation, LeadRules, LtvError, Money, Months, RowError,
    SegmentOptions, account_value, explain_lead_value,
};

const CSV: &str = include_str!("../../data/leads.csv");

fn parse(text: &str) -> Option<f64> {
    if text.is_empty() { None } else { text.parse().ok() }
}

/// Prints the lead section of the report.
pub fn report() -> Result<(), LtvError> {
    println!("\nLeads: channel table of examples/data/leads.csv (f64 columns, 20 pseudo-leads toward the blend)");
    let mut lines = CSV.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or(usize::MAX);
    let (ch, conv, ltv, cpl, days) =
        (col("channel"), col("converted"), col("customer_ltv"), col("cost_per_lead"), col("days_to_close"));
    let mut labels: Vec<String> = Vec::new();
    let mut leads = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let get = |i: usize| f.get(i).copied().unwrap_or("");
        let label = get(ch).to_owned();
        let segment = labels.iter().position(|l| *l == label).unwrap_or_else(|| {
            labels.push(label);
            labels.len() - 1
        });
        leads.push(LeadObservation {
            segment,
            converted: get(conv) == "1",
            customer_ltv: parse(get(ltv)),
            cost_per_lead: parse(get(cpl)).unwrap_or(f64::NAN),
            days_to_close: parse(get(days)),
        });
    }
    let table = ltv_core::segment_table(&labels, leads, SegmentOptions::default()).map_err(|e: RowError| e.error)?;
    println!(
        "  {:<15} {:>6} {:>6} {:>8} {:>8} {:>10} {:>8} {:>8}  band",
        "channel", "leads", "conv", "raw", "shrunk", "lead LTV", "LTV:CPL", "bid cap"
    );
    for r in table.rows.iter().chain([&table.overall]) {
        let (ratio, band) = r.ltv_cpl.map_or((f64::NAN, "undefined"), |x| (x.ratio, x.band.as_str()));
        println!(
            "  {:<15} {:>6} {:>6} {:>7.2}% {:>7.2}% {:>10.2} {:>8.2} {:>8.2}  {band}",
            r.segment,
            r.leads,
            r.conversions,
            100.0 * r.conversion_rate,
            100.0 * r.shrunk_rate,
            r.lead_ltv,
            ratio,
            r.bid_cap
        );
    }
    for w in &table.warnings {
        println!("  warning [{}]: {}", w.kind.as_str(), w.message);
    }

    println!("\nOne lead, step by step (exact decimal)");
    let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
    let v = explain_lead_value(
        Money::new(d("20000"))?,
        Fraction::new(d("0.05"))?,
        Months::new(d("24"))?,
        Days::new(d("30"))?,
        Some(Money::new(d("100"))?),
        LeadRules::default(),
    )?;
    for line in v.explain().lines() {
        println!("  {line}");
    }

    println!("\nAn account with three engaged stakeholders (20 %, 30 %, 50 %), account LTV 100,000");
    let ps = [Fraction::new(d("0.2"))?, Fraction::new(d("0.3"))?, Fraction::new(d("0.5"))?];
    let a = account_value(
        &ps,
        Money::new(d("100000"))?,
        Months::new(d("6"))?,
        Days::new(d("10"))?,
        LeadRules::default(),
        AccountRules::default(),
    )?;
    let (p_any, multiplier, p_account) = (a.p_any.normalize(), a.multiplier.normalize(), a.p_account.normalize());
    println!("  P(any) {p_any} x committee {multiplier} = {p_account} (capped: {})", a.capped);
    println!(
        "  account value {}  vs naive sum of lead values {}  (overstated by {})",
        a.value.normalize(),
        a.naive_sum.normalize(),
        a.difference.normalize()
    );
    Ok(())
}
