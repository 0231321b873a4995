//! Cohort analysis (table + per-period movements) from revenue columns, f64 and Decimal side by side.
//!
//! Synthetic data, fixed seed: `customers x 10` months, one row per customer and month in period order,
//! revenue 0 outside a customer's paying months (heavy early churn, some expansion). Throughput is rows.
//!
//! `cargo bench -p ltv-benches --bench cohort -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ltv_core::Decimal;
use ltv_core::cohort::{CohortAnalysis, PeriodUnit};

const MONTHS: i64 = 10;

/// xorshift64: deterministic pseudo-random numbers without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `(customer codes, month indices, revenue in cents)`.
fn data(customers: u32) -> (Vec<u32>, Vec<i64>, Vec<i64>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let plans = [2_900_i64, 9_900, 29_900];
    let profile: Vec<(i64, i64, i64)> = (0..customers)
        .map(|_| {
            let acquired = rng.below(MONTHS as u64) as i64;
            let lifetime = if rng.below(10) < 3 { 1 } else { 1 + rng.below(20) as i64 };
            (acquired, lifetime, plans[rng.below(3) as usize])
        })
        .collect();
    let (mut c, mut p, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for month in 0..MONTHS {
        for (code, &(acquired, lifetime, price)) in profile.iter().enumerate() {
            let age = month - acquired;
            let paying = age >= 0 && age < lifetime;
            let expansion = if rng.below(20) == 0 { 2 } else { 1 };
            c.push(code as u32);
            p.push(648 + month);
            r.push(if paying { price * expansion } else { 0 });
        }
    }
    (c, p, r)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("cohort_analysis");
    group.sample_size(10);
    for customers in [10_000_u32, 100_000] {
        let (codes, periods, cents) = data(customers);
        let rows = codes.len();
        group.throughput(Throughput::Elements(rows as u64));
        let revenue_f64: Vec<f64> = cents.iter().map(|&v| v as f64 / 100.0).collect();
        group.bench_with_input(BenchmarkId::new("f64", rows), &rows, |b, _| {
            b.iter(|| {
                CohortAnalysis::from_columns(black_box(&codes), black_box(&periods), &revenue_f64, PeriodUnit::Month)
            });
        });
        if customers <= 10_000 {
            let revenue_dec: Vec<Decimal> = cents.iter().map(|&v| Decimal::new(v, 2)).collect();
            group.bench_with_input(BenchmarkId::new("decimal", rows), &rows, |b, _| {
                b.iter(|| {
                    CohortAnalysis::from_columns(
                        black_box(&codes),
                        black_box(&periods),
                        &revenue_dec,
                        PeriodUnit::Month,
                    )
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
