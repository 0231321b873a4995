//! Cohort section of the demo: `examples/data/revenue.csv` (written by `examples/data/make_revenue.py`,
//! embedded at compile time, parsed with std only), analysed exactly in `Decimal`.

use ltv_core::cohort::{CohortAnalysis, CohortCac, PeriodUnit, parse_period};
use ltv_core::{Churn, Decimal, Fraction, LtvError, Money, saas_ltv};
use ltv_models::{CohortLtvOptions, SbgFit, cohort_ltv};

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
pub fn report() -> Result<(), Box<dyn std::error::Error>> {
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
    if let Some(age) = payback.first().and_then(|p| p.payback_age) {
        println!("  first cohort pays back at age {age}");
    }
    cohort_ltv_report(&analysis, unit, first)
}

/// Survivors, active customers and revenue (f64) by age of one cohort.
type CohortColumns = (Vec<u64>, Vec<u64>, Vec<f64>);

fn columns(analysis: &CohortAnalysis<Decimal>, cohort: i64) -> CohortColumns {
    let rows = analysis.table().iter().filter(|r| r.cohort == cohort);
    let mut out: CohortColumns = (Vec::new(), Vec::new(), Vec::new());
    for r in rows {
        out.0.push(u64::from(r.surviving_customers));
        out.1.push(u64::from(r.active_customers));
        out.2.push(r.revenue.to_string().parse().unwrap_or(f64::NAN));
    }
    out
}

/// Cohort LTV (observed margin + sBG tail, pooled fit) next to ARPU x margin / average monthly churn.
fn cohort_ltv_report(
    analysis: &CohortAnalysis<Decimal>,
    unit: PeriodUnit,
    first: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    let (_, last) = analysis.period_range();
    let cohorts: Vec<CohortColumns> = (first..=last).map(|c| columns(analysis, c)).collect();
    let survivors: Vec<&[u64]> = cohorts.iter().filter(|c| c.0.len() >= 2).map(|c| c.0.as_slice()).collect();
    let fit = SbgFit::fit_cohorts(&survivors)?;
    println!(
        "  sBG fitted on the {} cohorts observed for 2+ months: alpha {:.3}, beta {:.3}",
        survivors.len(),
        fit.model.alpha(),
        fit.model.beta()
    );
    println!("  value per acquired customer at 80 % margin, 10 %/yr: simple formula vs cohort LTV (sBG tail)");
    let options = CohortLtvOptions::new(0.8, 1.1_f64.powf(1.0 / 12.0) - 1.0).with_model(fit.model);
    for (i, (surviving, active, revenue)) in cohorts.iter().enumerate().take(3) {
        let value = cohort_ltv(surviving, active, revenue, &options)?;
        // The simple formula on the same cohort: ARPU over its paying months, churn = the average monthly
        // loss of survivors, 1 - (S_A / S_0)^(1 / A).
        let ages = (surviving.len() - 1) as f64;
        let churn = 1.0 - (surviving[surviving.len() - 1] as f64 / surviving[0] as f64).powf(1.0 / ages);
        let arpu = revenue.iter().sum::<f64>() / active.iter().sum::<u64>() as f64;
        let simple = saas_ltv(Money::new(arpu)?, Fraction::new(0.8)?, Churn::monthly(churn)?)?;
        println!(
            "  {}  simple {:>8.2} (ARPU {:.2}, churn {:.1} %)   cohort LTV {:>8.2} = observed {:.2} + tail {:.2}",
            unit.start(first + i as i64)?,
            simple,
            arpu,
            churn * 100.0,
            value.ltv_per_customer,
            value.observed_value,
            value.projected_value
        );
    }
    Ok(())
}
