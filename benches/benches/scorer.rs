//! The lead scorer: scoring throughput (rows of 16 numeric + 1 categorical feature) on the calling thread
//! and on rayon's pool, and one training run, on a seeded synthetic table.
//!
//! `cargo bench -p ltv-benches --bench scorer -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ltv_models::{LeadColumn, LeadScorer, ScorerOptions};

const N_NUMERIC: usize = 16;
const SIZES: [&str; 4] = ["agency", "enterprise", "mid_market", "smb"];

struct Table {
    names: Vec<String>,
    numeric: Vec<Vec<f64>>,
    codes: Vec<i64>,
    categories: Vec<String>,
    converted: Vec<f64>,
}

fn table(rows: usize) -> Table {
    let mut state = 42_u64;
    let mut uniform = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1_u64 << 53) as f64
    };
    let names: Vec<String> = (0..N_NUMERIC).map(|k| format!("signal_{k:02}")).collect();
    let mut numeric: Vec<Vec<f64>> = (0..N_NUMERIC).map(|_| Vec::with_capacity(rows)).collect();
    let mut codes = Vec::with_capacity(rows);
    let mut converted = Vec::with_capacity(rows);
    for _ in 0..rows {
        let mut eta = -1.5;
        for (k, column) in numeric.iter_mut().enumerate() {
            let x = uniform() * (k + 1) as f64;
            eta += 0.3 * (x / (k + 1) as f64 - 0.5) * if k % 2 == 0 { 1.0 } else { -1.0 };
            column.push(x);
        }
        let code = ((uniform() * 4.0) as i64).min(3);
        eta += [0.0, 0.8, 0.3, -0.4][code as usize];
        codes.push(code);
        converted.push(f64::from(u8::from(uniform() < 1.0 / (1.0 + (-eta).exp()))));
    }
    Table { names, numeric, codes, categories: SIZES.iter().map(|s| (*s).to_owned()).collect(), converted }
}

fn columns(t: &Table) -> Vec<LeadColumn<'_>> {
    let mut cols: Vec<LeadColumn<'_>> =
        t.names.iter().zip(&t.numeric).map(|(n, v)| LeadColumn::numeric(n, v)).collect();
    cols.push(LeadColumn::codes("company_size", &t.codes, &t.categories));
    cols
}

fn bench(c: &mut Criterion) {
    let rows = 1_000_000;
    let t = table(rows);
    let cols = columns(&t);
    let target = LeadColumn::numeric("converted", &t.converted);
    let Ok(mut scorer) = LeadScorer::fit(&cols, &target, None, ScorerOptions::default()) else {
        return;
    };

    let mut group = c.benchmark_group("scorer_predict_proba");
    group.throughput(Throughput::Elements(rows as u64));
    for parallel in [false, true] {
        scorer.set_parallel(parallel);
        let id = BenchmarkId::new(if parallel { "parallel" } else { "serial" }, rows);
        group.bench_with_input(id, &cols, |b, cols| b.iter(|| scorer.predict_proba(black_box(cols))));
    }
    group.finish();

    let small = table(100_000);
    let small_cols = columns(&small);
    let small_target = LeadColumn::numeric("converted", &small.converted);
    let mut group = c.benchmark_group("scorer_fit");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("newton", 100_000), |b| {
        b.iter(|| LeadScorer::fit(black_box(&small_cols), &small_target, None, ScorerOptions::default()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
