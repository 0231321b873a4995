//! Cohort section of the demo: `examples/data/revenue.csv` (written by `examples/data/make_revenue.py`,
//! embedded at compile time, parsed with std only), analysed exactly in `Decimal`.

use ltv_core::cohort::{CohortAnalysis, CohortCac, PeriodUnit, parse_period};
use ltv_core::{Decimal, Fraction, LtvError, Money};

const CSV: &str = include_str!("../../data/revenue.csv");

fn bad_csv(line: usize) -> LtvError {
    LtvError::InvalidInput {
        field: "revenue.csv",
        value: format!("line {line}"),
        allowed: "customer_id,period,revenue",
        suggestion: None,
    }
}

/// `(customer, month index, revenue)` rows of the CSV.
fn rows() -> Result<Vec<(&'static str, i64, Decimal)>, LtvError> {
    let mut rows = Vec::new();
    for (i, line) in CSV.lines().enumerate().skip(1) {
        let mut fields = line.split(',');
        let (Some(customer), Some(period), Some(revenue), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(bad_csv(i + 1));
        };
        let revenue: Decimal = revenue.parse().map_err(|_| bad_csv(i + 1))?;
        rows.push((customer, parse_period(period, PeriodUnit::Month)?, revenue));
    }
    Ok(rows)
}

fn pct(v: Decimal) -> String {
    format!("{:>5.1}%", (v * Decimal::ONE_HUNDRED).round_dp(1))
}

/// Prints the cohort report.
pub fn report() -> Result<(), LtvError> {
    let unit = PeriodUnit::Month;
    let analysis = CohortAnalysis::from_rows(rows()?, unit).map_err(|e| e.error)?;
    let (first, last) = analysis.period_range();
    println!(
        "\nCohorts: examples/data/revenue.csv, {} customers ({} never paid), {} to {}",
        analysis.customers(),
        analysis.never_paying_customers(),
        unit.start(first)?,
        unit.start(last)?
    );
    println!("  logo retention by age (months), first four cohorts:");
    for cohort in first..first + 4 {
        let line: Vec<String> = analysis
            .table()
            .iter()
            .filter(|r| r.cohort == cohort && r.age <= 6)
            .map(|r| pct(r.logo_retention))
            .collect();
        println!("  {}  {}", unit.start(cohort)?, line.join(" "));
    }
    if let Some(p) = analysis.movements().last() {
        println!("  {}: MRR {} -> {}", unit.start(p.period)?, p.mrr.starting_mrr(), p.ending_mrr);
        let show = |v: Option<Decimal>| v.map_or_else(|| "n/a".to_owned(), |v| v.round_dp(3).to_string());
        println!(
            "    new {}, expansion {}, contraction {}, churned {}, reactivation {}",
            p.mrr.new_mrr(),
            p.mrr.expansion(),
            p.mrr.contraction(),
            p.mrr.churned(),
            p.mrr.reactivation()
        );
        println!(
            "    NRR {}, GRR {}, quick ratio {}, logo churn {}",
            show(p.net_revenue_retention),
            show(p.gross_revenue_retention),
            show(p.quick_ratio),
            show(p.logo_churn_rate)
        );
    }
    let margin = Fraction::new(Decimal::new(80, 2))?;
    let ltv12 = analysis.realised_ltv(margin, 12)?;
    let observed: Vec<_> = ltv12.iter().filter_map(|&(c, _, v)| v.map(|v| (c, v))).collect();
    for (cohort, value) in observed.iter().take(3) {
        println!("  12-month realised LTV at 80 % margin, cohort {}: {}", unit.start(*cohort)?, value.round_dp(2));
    }
    let payback = analysis.payback(margin, CohortCac::All(Money::new(Decimal::new(300, 0))?))?;
    let reached = payback.iter().filter(|p| p.payback_age.is_some()).count();
    println!("  cohorts that paid back a CAC of 300 within the data: {reached} of {}", payback.len());
    if let Some(p) = payback.first() {
        println!("  first cohort pays back at age {:?}", p.payback_age);
    }
    Ok(())
}
