//! The ltv-core tables on fuzzer-chosen rows, on both `Decimal` and `f64`: revenue cohorts
//! (`CohortAnalysis::from_columns` / `from_rows`, table, movements, realised value and LTV, payback),
//! `segment_table`, `lead_cohorts`, `compare_campaigns`, and `parse_period` / `PeriodUnit` on arbitrary text.
//!
//! Checks: no panic; every number of an `Ok` table is finite; every error names a field. Sizes are capped
//! (at most `MAX_ROWS` rows, period spans of at most 512 periods unless the period is out of the unit's
//! range) so that a run cannot exhaust memory: a cohort table has cohorts x span cells.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ltv_core::cohort::{CohortAnalysis, CohortCac, PeriodUnit, parse_period};
use ltv_core::{
    CampaignRanking, Fraction, HealthBands, LeadCohortObservation, LeadObservation, LtvError, Money, PriorRate, Ratio,
    RowError, SegmentOptions, Shrinkage,
};
use ltv_fuzz::{FuzzNumber, MAX_ROWS, Num, check_error, check_finite};

/// The base period of the bounded spans: 2026-03 as a month index (also a valid week and day index).
const BASE: i64 = 674;
const SPAN: i64 = 512;

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Pick {
    /// `BASE + offset % SPAN`: a bounded span.
    Near(u16),
    /// Any index: used as is when outside the unit's range (to reach the range errors), else folded into
    /// the bounded span.
    Any(i64),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Customer {
    Small(u8),
    Any(u32),
}

#[derive(Arbitrary, Debug)]
struct Row {
    customer: Customer,
    period: Pick,
    revenue: Num,
    group: u8,
    converted: bool,
    ltv: Option<Num>,
    cost: Num,
    days: Option<Num>,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Cohorts { from_rows: bool, margin: Num, periods: u16, cac: Option<Num>, per_cohort: Vec<(Pick, Num)> },
    Segments { labels: u8, prior_strength: Num, prior: Option<Num>, target: Num, lo: Num, hi: Num, spread: Num },
    LeadCohorts { labels: u8, prior_strength: Num, prior: Option<Num> },
    Campaigns { labels: u8, ranking: u8 },
    ParsePeriod { text: String },
}

#[derive(Arbitrary, Debug)]
struct Input {
    unit: u8,
    op: Op,
    rows: Vec<Row>,
}

fn unit(u: u8) -> PeriodUnit {
    match u % 5 {
        0 => PeriodUnit::Month,
        1 => PeriodUnit::Week,
        2 => PeriodUnit::Quarter,
        3 => PeriodUnit::Year,
        _ => PeriodUnit::Day,
    }
}

fn period(p: Pick, unit: PeriodUnit) -> i64 {
    match p {
        Pick::Near(o) => BASE + i64::from(o) % SPAN,
        Pick::Any(i) if unit.check_index(i).is_err() => i,
        Pick::Any(i) => BASE + i.rem_euclid(SPAN),
    }
}

fn customer(c: Customer) -> u32 {
    match c {
        Customer::Small(s) => u32::from(s),
        Customer::Any(a) => a,
    }
}

fn labels(n: u8) -> Vec<String> {
    (0..usize::from(n % 17)).map(|i| format!("label {i}")).collect()
}

fn row_error(what: &str, e: &RowError) {
    check_error(what, &e.error);
    let _ = e.to_string();
}

fn shrinkage<T: FuzzNumber>(strength: Num, prior: Option<Num>) -> Result<Shrinkage<T>, LtvError> {
    let prior = match prior {
        Some(p) => PriorRate::Fixed(Fraction::new(T::from_num(p))?),
        None => PriorRate::Blended,
    };
    Shrinkage::new(T::from_num(strength), prior)
}

fn cohorts<T: FuzzNumber + std::fmt::Debug>(input: &Input, rows: &[Row], op: &Op) {
    let Op::Cohorts { from_rows, margin, periods, cac, per_cohort } = op else { return };
    let u = unit(input.unit);
    let analysis = if *from_rows {
        CohortAnalysis::from_rows(
            rows.iter().map(|r| (customer(r.customer), period(r.period, u), T::from_num(r.revenue))),
            u,
        )
    } else {
        let customers: Vec<u32> = rows.iter().map(|r| customer(r.customer)).collect();
        let periods: Vec<i64> = rows.iter().map(|r| period(r.period, u)).collect();
        let revenue: Vec<T> = rows.iter().map(|r| T::from_num(r.revenue)).collect();
        CohortAnalysis::from_columns(&customers, &periods, &revenue, u)
    };
    let analysis = match analysis {
        Ok(a) => a,
        Err(e) => return row_error("CohortAnalysis", &e),
    };
    let _ = (analysis.unit(), analysis.period_range(), analysis.customers(), analysis.never_paying_customers());
    for row in analysis.table() {
        for v in [row.revenue, row.logo_retention, row.net_revenue_retention, row.gross_revenue_retention] {
            check_finite("cohort table", v);
        }
        check_finite("cohort table", row.cumulative_revenue_per_customer);
    }
    for m in analysis.movements() {
        check_finite("movements", m.ending_mrr);
        let options = [m.logo_churn_rate, m.net_revenue_retention, m.gross_revenue_retention, m.quick_ratio];
        options.into_iter().flatten().for_each(|v| check_finite("movements", v));
        for v in [m.mrr.starting_mrr(), m.mrr.new_mrr(), m.mrr.expansion(), m.mrr.contraction(), m.mrr.churned()] {
            check_finite("movements", v);
        }
    }
    let margin = match Fraction::new(T::from_num(*margin)) {
        Ok(m) => m,
        Err(e) => return check_error("gross_margin", &e),
    };
    match analysis.realised_value(margin) {
        Ok(values) => values.iter().for_each(|v| {
            check_finite("realised_value", v.cumulative_revenue_per_customer);
            check_finite("realised_value", v.cumulative_margin_per_customer);
        }),
        Err(e) => check_error("realised_value", &e),
    }
    match analysis.realised_ltv(margin, u32::from(*periods)) {
        Ok(values) => values.iter().filter_map(|v| v.2).for_each(|v| check_finite("realised_ltv", v)),
        Err(e) => check_error("realised_ltv", &e),
    }
    let per_cohort: Vec<(i64, Money<T>)> = per_cohort
        .iter()
        .take(MAX_ROWS)
        .filter_map(|(p, c)| Money::new(T::from_num(*c)).ok().map(|m| (period(*p, u), m)))
        .collect();
    let cac = match cac {
        Some(c) => match Money::new(T::from_num(*c)) {
            Ok(m) => CohortCac::All(m),
            Err(e) => return check_error("cac", &e),
        },
        None => CohortCac::PerCohort(&per_cohort),
    };
    match analysis.payback(margin, cac) {
        Ok(values) => values.iter().for_each(|v| {
            check_finite("payback", v.cac);
            check_finite("payback", v.realised_margin_per_customer);
        }),
        Err(e) => check_error("payback", &e),
    }
}

fn segments<T: FuzzNumber>(rows: &[Row], op: &Op) {
    let Op::Segments { labels: n, prior_strength, prior, target, lo, hi, spread } = op else { return };
    let labels = labels(*n);
    let options = || -> Result<SegmentOptions<T>, LtvError> {
        Ok(SegmentOptions::default()
            .with_shrinkage(shrinkage(*prior_strength, *prior)?)
            .with_target_ratio(Ratio::new(T::from_num(*target))?)
            .with_bands(HealthBands::new(T::from_num(*lo), T::from_num(*hi))?)
            .with_spread_threshold(Ratio::new(T::from_num(*spread))?))
    };
    let options = match options() {
        Ok(o) => o,
        Err(e) => return check_error("SegmentOptions", &e),
    };
    let leads = rows.iter().map(|r| LeadObservation {
        segment: usize::from(r.group),
        converted: r.converted,
        customer_ltv: r.ltv.map(T::from_num),
        cost_per_lead: T::from_num(r.cost),
        days_to_close: r.days.map(T::from_num),
    });
    match ltv_core::segment_table(&labels, leads, options) {
        Ok(table) => {
            check_finite("segment_table", table.prior_rate);
            check_finite("segment_table", table.prior_strength);
            for row in table.rows.iter().chain(std::iter::once(&table.overall)) {
                for v in [row.conversion_rate, row.shrunk_rate, row.lead_ltv, row.cost_per_lead, row.bid_cap] {
                    check_finite("segment_table", v);
                }
                row.avg_customer_ltv
                    .iter()
                    .chain(row.avg_days_to_close.iter())
                    .for_each(|v| check_finite("segment_table", *v));
                if let Some(r) = row.ltv_cpl {
                    check_finite("segment_table", r.ratio);
                }
                let _ = row.ltv_basis.as_str();
            }
            for w in &table.warnings {
                w.ratio.iter().for_each(|v| check_finite("segment_table warning", *v));
                let _ = w.kind.as_str();
            }
        }
        Err(e) => row_error("segment_table", &e),
    }
}

fn lead_cohorts<T: FuzzNumber>(rows: &[Row], op: &Op) {
    let Op::LeadCohorts { labels: n, prior_strength, prior } = op else { return };
    let labels = labels(*n);
    let shrinkage = match shrinkage::<T>(*prior_strength, *prior) {
        Ok(s) => s,
        Err(e) => return check_error("Shrinkage", &e),
    };
    let leads = rows.iter().map(|r| LeadCohortObservation {
        channel: usize::from(r.group),
        month: period(r.period, PeriodUnit::Month),
        converted: r.converted,
        customer_ltv: r.ltv.map(T::from_num),
    });
    match ltv_core::lead_cohorts(&labels, leads, shrinkage) {
        Ok(table) => table.iter().for_each(|row| {
            for v in [row.conversion_rate, row.shrunk_rate, row.lead_ltv] {
                check_finite("lead_cohorts", v);
            }
            row.avg_customer_ltv.iter().for_each(|v| check_finite("lead_cohorts", *v));
        }),
        Err(e) => row_error("lead_cohorts", &e),
    }
}

fn campaigns<T: FuzzNumber>(rows: &[Row], op: &Op) {
    let Op::Campaigns { labels: n, ranking } = op else { return };
    let labels = labels(*n);
    let ranking = match ranking % 3 {
        0 => CampaignRanking::TotalValue,
        1 => CampaignRanking::ValuePerCost,
        _ => CampaignRanking::ValuePerLead,
    };
    let campaigns: Vec<usize> = rows.iter().map(|r| usize::from(r.group)).collect();
    let values: Vec<T> = rows.iter().map(|r| T::from_num(r.revenue)).collect();
    let mut costs: Vec<T> = rows.iter().map(|r| T::from_num(r.cost)).collect();
    // A length mismatch is one of the errors to reach.
    if rows.first().is_some_and(|r| r.converted && r.days.is_some()) {
        costs.pop();
    }
    match ltv_core::compare_campaigns(&labels, &campaigns, &values, &costs, ranking) {
        Ok(table) => table.iter().for_each(|row| {
            for v in [row.total_value, row.value_per_lead, row.cost] {
                check_finite("compare_campaigns", v);
            }
            row.value_per_cost.iter().for_each(|v| check_finite("compare_campaigns", *v));
        }),
        Err(e) => row_error("compare_campaigns", &e),
    }
}

fn run<T: FuzzNumber + std::fmt::Debug>(input: &Input) {
    let rows = &input.rows[..input.rows.len().min(MAX_ROWS)];
    cohorts::<T>(input, rows, &input.op);
    segments::<T>(rows, &input.op);
    lead_cohorts::<T>(rows, &input.op);
    campaigns::<T>(rows, &input.op);
}

fuzz_target!(|input: Input| {
    if let Op::ParsePeriod { text } = &input.op {
        let unit = unit(input.unit);
        if let Ok(p) = PeriodUnit::parse(text) {
            assert_eq!(p.as_str(), text.as_str());
        }
        match parse_period(text, unit) {
            Ok(index) => {
                // A parsed period is a valid index whose start date is a valid date of the same index.
                let start = unit.start(index).expect("a parsed period has a start date");
                assert_eq!(unit.index_of(start), Ok(index), "{text:?} ({unit:?}): start {start} has another index");
            }
            Err(e) => check_error("parse_period", &e),
        }
        return;
    }
    run::<ltv_core::Decimal>(&input);
    run::<f64>(&input);
});
