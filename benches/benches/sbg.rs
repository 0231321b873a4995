//! The sBG model: a 12-period fit (one cohort, and 12 cohorts of staggered ages), DERL, and a cohort LTV.
//!
//! `cargo bench -p ltv-benches --bench sbg -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ltv_models::{CohortLtvOptions, SbgFit, SbgModel, cohort_ltv};

/// Survival counts of a 12-period cohort (13 counts), expected under sBG(0.7, 1.2) for 10,000 customers.
fn cohort(size: f64, periods: u32) -> Result<Vec<u64>, ltv_models::ModelError> {
    let model = SbgModel::new(0.7, 1.2)?;
    Ok(model.survival_curve(periods)?.iter().map(|s| (size * s).round() as u64).collect())
}

fn benches(c: &mut Criterion) {
    let (Ok(one), Ok(model)) = (cohort(10_000.0, 12), SbgModel::new(0.7, 1.2)) else {
        return;
    };
    let staggered: Vec<Vec<u64>> = (1..=12).filter_map(|p| cohort(1_000.0, p).ok()).collect();
    let revenue: Vec<f64> = one.iter().map(|&s| 50.0 * s as f64).collect();

    c.bench_function("sbg_fit_12_periods", |b| b.iter(|| SbgFit::fit(black_box(&one))));
    c.bench_function("sbg_fit_12_cohorts_staggered", |b| b.iter(|| SbgFit::fit_cohorts(black_box(&staggered))));
    c.bench_function("sbg_derl_d10", |b| {
        b.iter(|| black_box(model).discounted_expected_residual_lifetime(black_box(0.10), black_box(5)))
    });
    let options = CohortLtvOptions::new(0.8, 0.01);
    c.bench_function("cohort_ltv_12_periods_fit_and_tail", |b| {
        b.iter(|| cohort_ltv(black_box(&one), black_box(&one), black_box(&revenue), black_box(&options)))
    });
}

criterion_group!(sbg, benches);
criterion_main!(sbg);
