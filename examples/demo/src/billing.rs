//! The billing section of the demo: a small synthetic invoice export normalised to MRR (ltv_core::billing),
//! next to the wrong answer the raw invoices give.

use ltv_core::Decimal;
use ltv_core::billing::{BillingError, BillingLine, BillingOptions, DayCount, LineKind, normalise};
use ltv_core::cohort::{CohortAnalysis, Date, PeriodUnit};

fn date(y: i32, m: u32) -> Date {
    Date { year: y, month: m, day: 1 }
}

/// Prints the section; an error (none is expected on this data) is printed in its place.
pub fn report() {
    if let Err(e) = run() {
        println!("  billing section failed: {e}");
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    println!("\nBilling export to MRR (an annual plan, two monthly plans, a setup fee and a refund)");
    let usd = |v: i64| Decimal::new(v, 0);
    let mut lines = vec![BillingLine::charge("il_1", "A", usd(1200), "USD", date(2024, 1), date(2025, 1))];
    for m in 1..=3 {
        lines.push(BillingLine::charge(&format!("il_b{m}"), "B", usd(100), "USD", date(2024, m), date(2024, m + 1)));
    }
    for m in 2..=3 {
        lines.push(BillingLine::charge(&format!("il_c{m}"), "C", usd(50), "USD", date(2024, m), date(2024, m + 1)));
    }
    lines.push(
        BillingLine::charge("il_fee", "C", usd(200), "USD", date(2024, 2), date(2024, 2)).with_kind(LineKind::OneTime),
    );
    lines.push(
        BillingLine::charge("re_1", "B", usd(40), "USD", date(2024, 3), date(2024, 4))
            .with_kind(LineKind::Refund)
            .crediting("il_b3"),
    );
    let options = BillingOptions { day_count: DayCount::Thirty360, ..BillingOptions::default() };
    let out = normalise(&lines, &[], &options)?;
    let rows = out.mrr.iter().map(|r| (r.customer, r.period, r.mrr));
    let normalised = CohortAnalysis::from_rows(rows, PeriodUnit::Month).map_err(|e| e.error)?;
    // The raw view: each charge's full amount in the month it was invoiced.
    let raw_rows = lines.iter().filter(|l| l.kind == LineKind::Charge).map(|l| {
        let period = PeriodUnit::Month.index_of(l.service_start).unwrap_or_default();
        (l.customer, period, l.amount)
    });
    let raw = CohortAnalysis::from_rows(raw_rows, PeriodUnit::Month).map_err(|e| e.error)?;
    println!("  month     MRR (normalised)  churned   | raw invoices  churned");
    for (i, m) in normalised.movements().iter().take(5).enumerate() {
        let start = PeriodUnit::Month.start(m.period)?;
        // The raw view ends with the last invoice month.
        let raw_figures = raw.movements().get(i).map_or_else(
            || format!("{:>12}  {:>7}", "-", "-"),
            |r| format!("{:>12}  {:>7}", r.ending_mrr, r.mrr.churned()),
        );
        println!(
            "  {:04}-{:02}   {:>14}  {:>8}   | {raw_figures}",
            start.year,
            start.month,
            m.ending_mrr,
            m.mrr.churned()
        );
    }
    let one_time: Decimal = out.one_time.iter().map(|r| r.amount).sum();
    println!("  one-time revenue (never MRR): {one_time}; audit rows: {}", out.audit.len());
    let too_much = BillingLine::charge("re_2", "B", usd(150), "USD", date(2024, 1), date(2024, 2))
        .with_kind(LineKind::Refund)
        .crediting("il_b1");
    lines.push(too_much);
    if let Err(e @ BillingError { .. }) = normalise(&lines, &[], &options) {
        println!("  a refund of 150 on a 100 line: {} ({e})", e.problem);
    }
    Ok(())
}
